"""The state arrays: one row per position (employee or vacancy), one row per team.

All agent state lives here, in numpy arrays owned by the model, so the weekly step can
update everyone at once. ``Employee``/``Leader`` agents (agents.py) read and write their row.
Ranges are stated once, here.
"""

from __future__ import annotations

import copy
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from orgsim import team_inputs
from orgsim.dynamics import resources


class Status(enum.IntEnum):
    """Employment and health status of a position's holder."""

    WORKING = 0  #: at work, full contracted hours
    SICK_LEAVE = 1  #: absent with burn-out
    REINTEGRATING = 2  #: back after burn-out at partial hours (graded return)
    VACANT = 3  #: nobody holds the position (the previous holder left)


class Role(enum.IntEnum):
    """Role of a position in its team."""

    EMPLOYEE = 0
    LEADER = 1


#: Per-position float state: name -> meaning (all 0..1 unless stated).
FLOAT_FIELDS: dict[str, str] = {
    "energy": "energy, 1 = fully rested, 0 = depleted",
    "engagement": "work engagement (vigour, dedication, absorption; UWES-like)",
    "self_efficacy": "personal resource: confidence in one's own abilities",
    "resilience": "personal resource: bouncing back after setbacks",
    "assertiveness": "personal resource: refusing, delegating, saying when one is full",
    "energy_management": "personal resource: stopping on time, relaxing, detaching",
    "trait_resources": "trait level personal resources return to (their individual set point)",
    "overcommitment": "trait: overcommitment/perfectionism",
    "susceptibility": "trait: susceptibility to others' emotions (crossover)",
    "fit": "person-task fit, 1 = the right task for this person",
    "caregiving": "outside-work load from informal caregiving",
    "life_event": "outside-work load from a current life event (0 when none)",
    "exhaustion": "BAT: exhaustion",
    "mental_distance": "BAT: mental distance",
    "cognitive_impairment": "BAT: cognitive impairment",
    "emotional_impairment": "BAT: emotional impairment",
    "hours": "share of contracted hours worked this week (0 when absent)",
    "demand": "perceived demand this week (>= 0, about 1 in a balanced job)",
    "job_resources": "job resources available this week",
    "drain": "energy drained by work this week (>= 0)",
    "recovery_speed": "pace of recovery in the current burn-out episode (log-normal, median 1)",
    "relief": "share of load taken off (leader acting on a signal, relational return)",
    "task_share": "the person's share of the team's work relative to the team mean (mean 1)",
    "autonomy_own": "the person's own autonomy relative to the team's (role, job crafting)",
    "ambiguity_own": "the person's own role ambiguity relative to the team's",
    "leader_attention": "attention the person gets from the leader relative to others (mean 1)",
    "work_undone": "share of the work asked of the person left undone this week (0..1)",
    "training": "what a person-directed course taught that is still applied (fades)",
}

#: Per-position integer state: name -> meaning.
#: The four personal resources (JD-R; docs/domain.md "Personal resources"), one array each.
PERSONAL_RESOURCES = ("self_efficacy", "resilience", "assertiveness", "energy_management")

INT_FIELDS: dict[str, str] = {
    "status": "Status code",
    "role": "Role code",
    "team": "team index 0..n_teams-1",
    "tenure": "weeks in the organisation",
    "onboarding_left": "weeks of onboarding still to go",
    "high_weeks": "consecutive weeks with BAT above the clinical threshold",
    "weeks_in_status": "weeks since the current status began",
    "episode_weeks": "weeks since the current burn-out episode began (-1: none)",
    "since_return": "weeks since a full return after burn-out (-1: never returned)",
    "relief_left": "weeks of reduced load still to go (leader action or relational return)",
    "life_event_left": "weeks of the current life event still to go",
    "episodes": "number of burn-out episodes so far",
}

#: Row of each float state variable in the 2-D array that holds them all (performance).
FLOAT_ROW: dict[str, int] = {name: i for i, name in enumerate(FLOAT_FIELDS)}

#: Storage type of the float state by ``Config.precision``. float32 halves the state's
#: memory and memory traffic; the mechanisms still compute in float64 and round what they
#: store (results agree with float64 statistically, not bit for bit: tests/test_precision.py).
PRECISIONS: dict[str, type[np.floating]] = {"float64": np.float64, "float32": np.float32}

#: Storage type of each integer state variable (compact: codes in 8 bits, team indices and
#: week counters in 32 bits - a run is at most 6,240 weeks, an organisation 1,000,000
#: positions; the values, and so the results, are the same as with 64 bits).
INT_DTYPES: dict[str, type[np.signedinteger]] = {
    name: np.int8 if name in ("status", "role") else np.int32 for name in INT_FIELDS}


@dataclass
class Workforce:
    """State arrays for all positions. Row ``i`` is position ``i``; rows never move."""

    energy: np.ndarray
    engagement: np.ndarray
    self_efficacy: np.ndarray
    resilience: np.ndarray
    assertiveness: np.ndarray
    energy_management: np.ndarray
    trait_resources: np.ndarray
    overcommitment: np.ndarray
    susceptibility: np.ndarray
    fit: np.ndarray
    caregiving: np.ndarray
    life_event: np.ndarray
    exhaustion: np.ndarray
    mental_distance: np.ndarray
    cognitive_impairment: np.ndarray
    emotional_impairment: np.ndarray
    hours: np.ndarray
    demand: np.ndarray
    job_resources: np.ndarray
    drain: np.ndarray
    recovery_speed: np.ndarray
    relief: np.ndarray
    task_share: np.ndarray
    autonomy_own: np.ndarray
    ambiguity_own: np.ndarray
    leader_attention: np.ndarray
    work_undone: np.ndarray
    training: np.ndarray
    status: np.ndarray
    role: np.ndarray
    team: np.ndarray
    tenure: np.ndarray
    onboarding_left: np.ndarray
    high_weeks: np.ndarray
    weeks_in_status: np.ndarray
    episode_weeks: np.ndarray
    since_return: np.ndarray
    relief_left: np.ndarray
    life_event_left: np.ndarray
    episodes: np.ndarray
    #: Performance: the float arrays as rows of one 2-D array (in FLOAT_FIELDS order), so
    #: that neighbouring variables can be updated and summed as one array (see ``rows``).
    _float_block: np.ndarray | None = field(default=None, init=False, repr=False,
                                            compare=False)

    @classmethod
    def empty(cls, n: int, precision: str = "float64") -> Workforce:
        """All-zero state for ``n`` positions (the float arrays are rows of one block, of
        the type :data:`PRECISIONS` gives for ``precision``)."""
        block = np.zeros((len(FLOAT_FIELDS), n), dtype=PRECISIONS[precision])
        kwargs = {name: block[i] for i, name in enumerate(FLOAT_FIELDS)}
        kwargs.update({name: np.zeros(n, dtype=INT_DTYPES[name]) for name in INT_FIELDS})
        ws = cls(**kwargs)
        ws._float_block = block
        return ws

    def __deepcopy__(self, memo: dict[int, object]) -> Workforce:
        """A copy whose float arrays are again rows of one block (so the copy runs the fused
        kernel too, e.g. the app's ghost run; a plain deep copy would copy each row apart)."""
        block = self._float_block
        names = tuple(FLOAT_FIELDS)
        if block is None or self.rows(names) is None or block.shape[0] != len(names):
            ws = type(self)(**{name: copy.deepcopy(getattr(self, name), memo)
                               for name in (*FLOAT_FIELDS, *INT_FIELDS)})
        else:
            new = block.copy()
            ws = type(self)(**{name: new[i] for i, name in enumerate(names)},
                            **{name: getattr(self, name).copy() for name in INT_FIELDS})
            ws._float_block = new
            for i, name in enumerate(names):  # other holders of a row get the new row
                memo[id(getattr(self, name))] = new[i]
        memo[id(self)] = ws
        return ws

    def rows(self, names: Sequence[str]) -> np.ndarray | None:
        """The float arrays ``names`` as one 2-D view of the state (performance), or None.

        None unless the arrays are consecutive rows, in this order, of the block that
        :meth:`empty` made (an array replaced by another, or a copied workforce, gives None).
        """
        block = self._float_block
        if block is None:
            return None
        first = FLOAT_ROW[names[0]]
        for j, name in enumerate(names):
            if FLOAT_ROW[name] != first + j or getattr(self, name).base is not block:
                return None
        return block[first:first + len(names)]

    @property
    def size(self) -> int:
        return len(self.energy)

    def personal_resources(self) -> np.ndarray:
        """Mean of the four personal resources (0..1)."""
        return resources.personal_resources(self.self_efficacy, self.resilience,
                                            self.assertiveness, self.energy_management)

    def bat_total(self) -> np.ndarray:
        """Mean of the four BAT dimensions (0..1, the model's latent scale; scores on the
        instruments' own scales come from :mod:`orgsim.scales`)."""
        return (self.exhaustion + self.mental_distance + self.cognitive_impairment
                + self.emotional_impairment) / 4.0

    def fte_away(self) -> np.ndarray:
        """Contracted hours each position loses to burn-out absence this week, as a share of
        a full week: 1 on sick leave, the hours not yet worked in a graded return, else 0.
        The one definition of burn-out absence (``absence_rate``, absence days, costs)."""
        return np.where(self.status == Status.SICK_LEAVE, 1.0,
                        np.where(self.status == Status.REINTEGRATING, 1.0 - self.hours, 0.0))

    def present(self) -> np.ndarray:
        """Mask of positions whose holder works this week (full or partial hours)."""
        return (self.status == Status.WORKING) | (self.status == Status.REINTEGRATING)

    def employed(self) -> np.ndarray:
        """Mask of positions that are filled (not vacant)."""
        return self.status != Status.VACANT


def _with_team_inputs[T](cls: type[T]) -> type[T]:
    """Add one per-team array per team input (:mod:`orgsim.team_inputs`), in registry order."""
    own = cls.__dict__.get("__annotations__", {})
    cls.__annotations__ = {**own, **{name: "np.ndarray" for name in team_inputs.names()}}
    return cls


@dataclass
@_with_team_inputs
class Teams:
    """Per-team arrays: one per team input (:mod:`orgsim.team_inputs`: the demands,
    resources, climate, leader style and policies of each team, e.g. ``teams.workload``),
    and the team's positions and this week's workload shock.

    Interventions and live events change these arrays; mechanisms read them through
    ``team`` indices of the workforce.
    """

    leader_row: np.ndarray  #: workforce row of the team's leader
    positions: np.ndarray  #: positions in the team, leader excluded (int)
    workload_shock: np.ndarray  #: this week's busy/quiet multiplier on workload (mean 1)

    if TYPE_CHECKING:  # the team inputs' arrays, added above (mypy does not see them)
        def __init__(self, **arrays: np.ndarray) -> None: ...
        def __getattr__(self, name: str) -> np.ndarray: ...

    @property
    def size(self) -> int:
        return len(self.leader_row)
