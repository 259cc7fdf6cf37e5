"""The interventions of a run: checked, put on the timeline, started live, and costed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from orgsim.config import Config, ConfigError, InterventionConfig
from orgsim.interventions.base import KINDS, Intervention, default_intervention, kind_of
from orgsim.timeline import Action, Timeline

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel


def _kind(key: str, ic: InterventionConfig) -> Intervention:
    """The kind of the intervention configured under ``interventions.<key>``."""
    name = kind_of(key, ic)
    if name not in KINDS:
        raise ConfigError(f"interventions.{key}: intervention {name!r} is unknown; "
                          f"choose one of: {', '.join(KINDS)}")
    return KINDS[name]()


def check_interventions(cfg: Config, n_teams: int) -> None:
    """Check the configured interventions of ``cfg`` (an organisation of ``n_teams``).

    Unknown kinds, a start past the horizon, a bad target, an option the kind does not
    accept or a bad value of one it does, and conflicting settings (each kind's
    :meth:`~orgsim.interventions.base.Intervention.check_together`) fail here.

    Raises:
        ConfigError: naming the offending entry and what is allowed.
    """
    items = list(cfg.interventions.items())
    for key, ic in items:
        _kind(key, ic).check(ic, cfg, n_teams, where=f"interventions.{key}")
    for i, (key, ic) in enumerate(items):
        _kind(key, ic).check_together(key, ic, cfg, items[i + 1:])


def start_intervention(model: OrgModel, name: str, ic: InterventionConfig | None = None) -> str:
    """Start intervention ``name`` on a running model now (live use, e.g. in the app).

    ``ic`` defaults to ``configs/intervention/<name>.yaml`` with ``start_week`` = now.

    Raises:
        ConfigError: for an unknown intervention or bad settings.
    """
    ic = ic or default_intervention(name)
    kind = _kind(name, ic)
    kind.check(ic, model.config, model.teams.size, where=f"interventions.{name}",
               in_package=True)
    return kind.start(model, name, ic)


def schedule_interventions(cfg: Config, timeline: Timeline) -> None:
    """Put the configured interventions on ``timeline`` (each starts at its start week)."""
    for name, ic in cfg.interventions.items():
        timeline.at(ic.start_week, f"intervention:{name}", _starter(_kind(name, ic), name, ic))


def _starter(kind: Intervention, name: str, ic: InterventionConfig) -> Action:
    def begin(model: OrgModel) -> str:
        return kind.start(model, name, ic)

    return begin


def cost_by_week(model: OrgModel, weeks: int | None = None) -> np.ndarray:
    """Intervention cost (EUR) booked in each simulated week 0..weeks-1."""
    n = model.week if weeks is None else weeks
    out = np.zeros(max(n, 0))
    for week, _, eur in model.timeline.ledger:
        if 0 <= week < n:
            out[week] += eur
    return out


def cost_by_intervention(model: OrgModel, weeks: int | None = None) -> dict[str, float]:
    """Total intervention cost (EUR) per intervention label within the simulated weeks."""
    n = model.week if weeks is None else weeks
    totals: dict[str, float] = {}
    for week, label, eur in model.timeline.ledger:
        if 0 <= week < n:
            totals[label] = totals.get(label, 0.0) + eur
    return totals


def describe_interventions() -> list[dict[str, Any]]:
    """Rows (name, level, summary, changes, ramp, basis, options, assumption) for docs
    and the app."""
    return [{"name": n, "level": cls.level, "summary": cls.summary,
             "changes": dict(cls.changes), "ramp_weeks": cls.ramp, "basis": cls.basis,
             "options": {k: o.doc for k, o in cls.options.items()},
             "assumption": (cls.__doc__ or "").strip()} for n, cls in KINDS.items()]
