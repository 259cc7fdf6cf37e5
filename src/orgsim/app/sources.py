"""Where the app gets its runs, presets, interventions and events from (the only place it
touches the rest of orgsim besides reading model state).

Scenario presets and interventions are discovered at run time from the Hydra config groups
(``orgsim.config.available``), so new YAML files show up in the app without code changes.
Live events come from :func:`orgsim.events.apply_event`.
"""

from __future__ import annotations

import functools
import importlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from orgsim import labels
from orgsim.compose import load_config
from orgsim.config import Config, ConfigError, available
from orgsim.model import OrgModel

#: The live events the workshop offers at least (names as in orgsim.events), in menu order.
EVENT_NAMES: tuple[str, ...] = ("reorganisation", "crunch_deadline", "key_colleague_drops_out",
                                "new_hire", "budget_cut")


def event_names() -> list[str]:
    """Events to offer: :data:`EVENT_NAMES` first, then any others orgsim.events defines."""
    try:
        module = importlib.import_module("orgsim.events")
    except ImportError:
        return list(EVENT_NAMES)
    extra = [n for n in getattr(module, "EVENTS", {}) if n not in EVENT_NAMES]
    return [*EVENT_NAMES, *extra]


@dataclass(frozen=True)
class InterventionChoice:
    """An intervention switched on for a run, from ``start_week`` on.

    ``options``: its choice options (e.g. ``(("use", "recovery"),)`` for free capacity: where
    the freed time goes); ``teams``: the teams it targets (indices from 0), empty for all.
    """

    name: str
    start_week: int
    options: tuple[tuple[str, str], ...] = ()
    teams: tuple[int, ...] = ()


@dataclass(frozen=True)
class InterventionInfo:
    """What the app can set of an intervention besides its start week.

    Attributes:
        choices: option slot -> allowed values (only options with a fixed set of values,
            e.g. free capacity's ``use``).
        defaults: option slot -> the value used when none is chosen (the preset's).
        per_team: whether it can target chosen teams (team- and person-level kinds; a
            policy or a survey cycle acts on its own terms).
    """

    choices: dict[str, tuple[str, ...]]
    defaults: dict[str, str]
    per_team: bool


@functools.lru_cache(maxsize=64)
def intervention_info(name: str) -> InterventionInfo:
    """The settable options of intervention preset ``name`` (configs/intervention/<name>.yaml).

    Raises:
        ConfigError: for an unknown intervention.
    """
    from orgsim.interventions.base import default_intervention, get_kind

    ic = default_intervention(name)
    kind = get_kind(ic.kind or name)
    choices = {slot: tuple(str(c) for c in opt.choices)
               for slot, opt in kind.options.items() if opt.choices is not None}
    defaults = {}
    for slot in choices:
        value = getattr(ic, slot)
        defaults[slot] = str(kind.options[slot].default if value is None else value)
    return InterventionInfo(choices, defaults, kind.level in ("team", "person"))


def available_scenarios() -> list[str]:
    """Scenario presets (configs/scenario/*.yaml), baseline first."""
    names = available("scenario")
    return sorted(names, key=lambda n: (n != "baseline", n))


def available_orgs() -> list[str]:
    """Organisation presets (configs/org/*.yaml), the typical Dutch organisation first."""
    return sorted(available("org"), key=lambda n: (n != "typical_dutch", n))


def org_label(name: str, lang: str) -> str:
    """The menu label of organisation preset ``name``: the shipped ones' words
    (:mod:`orgsim.labels`); a user's own preset (a client from ``orgsim import-survey``) by
    the organisation name it carries ("Gemeente Voorbeeld", not "Gemeente voorbeeld")."""
    if name in labels.ORGS:
        return labels.label(name, lang)
    try:
        return str(_compose((f"org={name}",)).org.name)
    except ConfigError:
        return labels.label(name, lang)


def org_size(name: str) -> int:
    """Positions of organisation preset ``name`` (the app's size slider starts there)."""
    return int(_compose((f"org={name}",)).org.n_employees)


def org_team_names(name: str) -> list[str]:
    """Names of the explicit teams of preset ``name`` (an imported client: its size is then
    fixed by the teams' headcounts); empty for a preset whose teams are generated."""
    return [str(team.name) for team in _compose((f"org={name}",)).org.teams]


def org_teams(name: str, n_employees: int | None = None) -> list[str]:
    """The teams organisation preset ``name`` will have at ``n_employees`` (None: its own
    size): their own names (an imported client's) or "" for each generated team."""
    from orgsim.interventions.base import n_teams_of

    size = () if n_employees is None else (f"org.n_employees={int(n_employees)}",)
    cfg = _compose((f"org={name}", *size))
    named = [str(team.name) for team in cfg.org.teams]
    return named or [""] * n_teams_of(cfg)


def scenario_interventions(scenario: str) -> list[str]:
    """Interventions scenario preset ``scenario`` already switches on."""
    return sorted(_compose((f"scenario={scenario}",)).interventions)


def available_interventions() -> list[str]:
    """Interventions (configs/intervention/*.yaml); empty when none are installed."""
    try:
        return available("intervention")
    except (OSError, ValueError):
        return []


def intervention_overrides(chosen: list[InterventionChoice],
                           present: Sequence[str] = ()) -> list[str]:
    """Hydra overrides that switch the chosen interventions on from their start weeks.

    ``present``: interventions the scenario already has (only their start week changes).
    """
    out: list[str] = []
    for c in chosen:
        if c.name not in present:
            out.append(f"+intervention@interventions.{c.name}={c.name}")
        out.append(f"interventions.{c.name}.start_week={int(c.start_week)}")
        out += [f"interventions.{c.name}.{slot}={value}" for slot, value in c.options]
        if c.teams:
            out += [f"interventions.{c.name}.target=teams",
                    f"interventions.{c.name}.teams=[{','.join(str(int(x)) for x in c.teams)}]"]
    return out


def build_model(scenario: str, n_employees: int | None, seed: int, horizon: int,
                chosen: list[InterventionChoice], extra: Sequence[str] = ()) -> OrgModel:
    """A fresh model for the app (validated config; warm-up runs inside).

    ``n_employees`` None keeps the organisation preset's own size (an imported client's
    teams fix it); ``extra`` holds the organisation preset (``org=...``) and the command
    line's overrides.

    Raises:
        ConfigError: for a combination the config rejects.
    """
    size = () if n_employees is None else (f"org.n_employees={int(n_employees)}",)
    base = (f"scenario={scenario}", f"seed={int(seed)}", f"weeks={int(horizon)}", *extra,
            *size)
    cfg = _compose(base)
    if chosen:
        cfg = _compose((*base, *intervention_overrides(chosen, list(cfg.interventions))))
    return OrgModel.from_config(cfg, rng=int(seed))  # the model works on a deep copy


#: Hydra keeps global state while it composes: sessions that start at the same moment (a
#: room opening the app) must compose one at a time (found by scripts/soak_app.py:
#: "GlobalHydra is already initialized").
_COMPOSE_LOCK = threading.Lock()


@functools.lru_cache(maxsize=32)
def _compose(overrides: tuple[str, ...]) -> Config:
    """Hydra composition is slow (~0.3 s); a restart with the same choices reuses it.
    One at a time (:data:`_COMPOSE_LOCK`)."""
    with _COMPOSE_LOCK:
        return load_config(list(overrides))


def event_function() -> Callable[..., Any] | None:
    """``orgsim.events.apply_event`` or None when that module is not installed."""
    try:
        module = importlib.import_module("orgsim.events")
    except ImportError:
        return None
    func = getattr(module, "apply_event", None)
    if func is None:
        raise ConfigError("orgsim.events has no apply_event")
    return func  # type: ignore[no-any-return]


def intervention_costs(model: OrgModel) -> np.ndarray:
    """Intervention cost (EUR) booked in each simulated week so far (zeros if unavailable)."""
    try:
        from orgsim.interventions import cost_by_week
    except ImportError:
        return np.zeros(max(model.week, 0))
    return np.asarray(cost_by_week(model), dtype=float)
