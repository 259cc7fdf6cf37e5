"""Guided acts: a facilitator's script of prepared workshop states, one click each.

Each act is a :meth:`~orgsim.app.controller.Workshop.snapshot` built on the organisation
that runs now (its preset, size and overrides: the acts work for an imported client too):
a scenario, a seed, A/B and interventions, changes at given weeks, and the week to stop at.
The page replays it (:meth:`~orgsim.app.controller.Workshop.replay`), so an act is the same
run every time. Its title, talking point and question for the room are in
:mod:`orgsim.app.i18n` (``act_<key>``, ``act_<key>_point``, ``act_<key>_question``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from orgsim.app.controller import SNAPSHOT_VERSION, Settings

#: The seed and horizon of every act (same seed: the acts tell one story).
ACT_SEED, ACT_HORIZON = 1, 156


@dataclass(frozen=True)
class Act:
    """One prepared state.

    Attributes:
        key: id and i18n key suffix.
        scenario: the scenario (run A's in A/B).
        week: the week the act stops at (the room plays on from there).
        ab: A/B comparison; ``interventions`` (name -> start week) are then B's.
        interventions: switched on from their start weeks.
        actions: changes as in a snapshot: ``(week, "event", name, team, ghost)`` or
            ``(week, "lever", name, value)``; a team from 0.
    """

    key: str
    scenario: str = "baseline"
    week: int = 0
    ab: bool = False
    interventions: dict[str, int] = field(default_factory=dict)
    actions: tuple[tuple[Any, ...], ...] = ()


ACTS: tuple[Act, ...] = (
    Act("baseline", week=26),
    Act("domino", week=26,
        actions=((26, "event", "key_colleague_drops_out", 1, True),)),
    Act("focus", ab=True, interventions={"focus": 0}),
    Act("more_work", scenario="free_capacity_more_work"),
    Act("return", ab=True, interventions={"relational_return_to_work": 0}),
)
ACT_BY_KEY = {act.key: act for act in ACTS}


def act_snapshot(act: Act, now: Settings, n_teams: int) -> dict[str, Any]:
    """The snapshot of ``act`` on the organisation of ``now`` (its preset, size and
    overrides; ``n_teams`` teams: an event's team it does not have becomes the model's
    choice)."""
    settings = dataclasses.replace(now, scenario=act.scenario, seed=ACT_SEED,
                                   horizon=ACT_HORIZON, ab=act.ab,
                                   interventions=dict(act.interventions))
    raw = dataclasses.asdict(settings)
    raw["overrides"] = list(settings.overrides)
    actions = [[*a[:3], a[3] if a[3] is not None and a[3] < n_teams else None, *a[4:]]
               if a[1] == "event" else list(a) for a in act.actions]
    return {"v": SNAPSHOT_VERSION, "settings": raw, "week": act.week, "actions": actions}
