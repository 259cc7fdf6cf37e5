"""Where the app gets its runs, presets, interventions and events from (the only place it
touches the rest of orgsim besides reading model state).

Scenario presets and interventions are discovered at run time from the Hydra config groups
(``orgsim.config.available``), so new YAML files show up in the app without code changes.
Live events come from :func:`orgsim.events.apply_event`.
"""

from __future__ import annotations

import functools
import importlib
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
    """An intervention switched on for a run, from ``start_week`` on."""

    name: str
    start_week: int


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


@functools.lru_cache(maxsize=32)
def _compose(overrides: tuple[str, ...]) -> Config:
    """Hydra composition is slow (~0.3 s); a restart with the same choices reuses it."""
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
