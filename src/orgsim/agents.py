"""Employee and Leader: Mesa agents whose attributes are their row of the state arrays.

The model updates all rows at once with numpy (see model.py); an agent is the handle a
Mesa user, AgentSet or SolaraViz works with: ``agent.energy`` reads and
``agent.energy = 0.4`` writes the agent's row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import mesa
import numpy as np

from orgsim.state import FLOAT_FIELDS, INT_FIELDS, Role, Status, Workforce

_FLOAT_NAMES = tuple(FLOAT_FIELDS)
_INT_NAMES = tuple(INT_FIELDS)

if TYPE_CHECKING:
    from orgsim.model import OrgModel


def _row_property(name: str, doc: str, cast: Any) -> property:
    def fget(self: Employee) -> Any:
        if self.row < 0:
            return self._final.get(name)
        return cast(getattr(self.model.workforce, name)[self.row])

    def fset(self: Employee, value: Any) -> None:
        if self.row < 0:
            raise AttributeError(f"{name}: employee {self.unique_id} has left")
        getattr(self.model.workforce, name)[self.row] = value

    return property(fget, fset, doc=doc)


class Employee(mesa.Agent):
    """A person holding a position in a team.

    Attributes (all read/write through the model's arrays; see state.py for meanings):
        energy, engagement, self_efficacy, resilience, assertiveness, energy_management,
        overcommitment, susceptibility, fit, caregiving, life_event, exhaustion,
        mental_distance, cognitive_impairment, emotional_impairment, team, tenure, ...
        status: a :class:`~orgsim.state.Status`, or ``None`` once the employee has left.
        row: the position (row of the state arrays), -1 once the employee has left.
    """

    model: OrgModel

    def __init__(self, model: OrgModel, row: int) -> None:
        super().__init__(model)
        self.row = int(row)
        #: final state once left: a dict, or (floats, ints, bat, i) from leave_all until read
        self._snapshot: dict[str, Any] | tuple[Any, ...] = {}

    @property
    def _final(self) -> dict[str, Any]:
        """The state at leaving: every field as a Python scalar, and ``bat_total``."""
        snap = self._snapshot
        if isinstance(snap, tuple):
            floats, ints, bat, i = snap
            final = dict(zip(_FLOAT_NAMES, floats[i].tolist(), strict=True))
            final.update(zip(_INT_NAMES, ints[i].tolist(), strict=True))
            final["bat_total"] = float(bat[i])
            self._snapshot = snap = final
        return snap

    @property
    def status(self) -> Status | None:
        """Current Status, or None after leaving (``has_left`` is then True)."""
        if self.row < 0:
            return None
        return Status(int(self.model.workforce.status[self.row]))

    @property
    def has_left(self) -> bool:
        return self.row < 0

    @property
    def role(self) -> Role:
        return Role.LEADER if isinstance(self, Leader) else Role.EMPLOYEE

    @property
    def bat_total(self) -> float:
        """Mean of the four BAT dimensions (0..1)."""
        if self.row < 0:
            return self._final["bat_total"]
        ws, r = self.model.workforce, self.row  # this row only, not the whole array
        return float((ws.exhaustion[r] + ws.mental_distance[r] + ws.cognitive_impairment[r]
                      + ws.emotional_impairment[r]) / 4.0)

    @property
    def personal_resources(self) -> float:
        if self.row < 0:
            return float("nan")
        ws, r = self.model.workforce, self.row
        return float((ws.self_efficacy[r] + ws.resilience[r] + ws.assertiveness[r]
                      + ws.energy_management[r]) / 4.0)

    def leave(self) -> None:
        """Detach from the position (keeping a snapshot of the final state) and deregister."""
        leave_all([self], self.model.workforce)

    def drains(self) -> dict[str, float]:
        """What drains this person's energy most: the parts of this week's demand."""
        return self.model.demand_breakdown(self.row)


for _name, _doc in FLOAT_FIELDS.items():
    setattr(Employee, _name, _row_property(_name, _doc, float))
for _name, _doc in INT_FIELDS.items():
    if _name not in ("status", "role"):
        setattr(Employee, _name, _row_property(_name, _doc, int))


class Leader(Employee):
    """An employee who leads a team. The team's leader style is readable here.

    The style lives with the team (so an interim or new leader inherits the team's
    leadership policy); a leader has energy too and can burn out.
    """

    STYLE = ("support", "clarity", "recognition", "participation", "signal_detection",
             "honest_conversation")

    @property
    def style(self) -> dict[str, float]:
        """The leader style parameters of this leader's team (0..1 each)."""
        teams = self.model.teams
        t = self.team
        return {s: float(getattr(teams, f"lead_{s}")[t]) for s in self.STYLE}

    def set_style(self, **values: float) -> None:
        """Change style parameters, e.g. ``leader.set_style(support=0.8)``."""
        teams = self.model.teams
        for key, value in values.items():
            if key not in self.STYLE:
                raise ValueError(f"unknown leader style {key!r}; one of {self.STYLE}")
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"leader style {key} = {value} out of range [0, 1]")
            getattr(teams, f"lead_{key}")[self.team] = value


def leave_all(agents: list[Employee], ws: Workforce) -> None:
    """Detach ``agents`` from their positions at once, keeping snapshots, and deregister them.

    Performance: the final state of all leavers is gathered with one fancy index per field;
    each agent's snapshot dict (``agent._final``) is only built when it is first read.
    """
    if not agents:
        return
    rows = np.fromiter((a.row for a in agents), dtype=np.int64, count=len(agents))
    floats = np.stack([getattr(ws, name)[rows] for name in _FLOAT_NAMES], axis=1)
    ints = np.stack([getattr(ws, name)[rows] for name in _INT_NAMES], axis=1)
    bat = (ws.exhaustion[rows] + ws.mental_distance[rows] + ws.cognitive_impairment[rows]
           + ws.emotional_impairment[rows]) / 4.0
    for i, agent in enumerate(agents):
        agent._snapshot = (floats, ints, bat, i)
        agent.row = -1
        agent.remove()
