"""Employee and Leader: Mesa agents whose attributes are their row of the state arrays.

The model updates all rows at once with numpy (see model.py); an agent is the handle a
Mesa user, AgentSet or SolaraViz works with: ``agent.energy`` reads and
``agent.energy = 0.4`` writes the agent's row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import mesa

from orgsim.state import FLOAT_FIELDS, INT_FIELDS, Role, Status

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
        self._final: dict[str, Any] = {}

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
        ws = self.model.workforce
        return float(ws.bat_total()[self.row]) if self.row >= 0 else self._final["bat_total"]

    @property
    def personal_resources(self) -> float:
        ws = self.model.workforce
        return float(ws.personal_resources()[self.row]) if self.row >= 0 else float("nan")

    def leave(self) -> None:
        """Detach from the position (keeping a snapshot of the final state) and deregister."""
        ws = self.model.workforce
        self._final = {name: getattr(ws, name)[self.row].item()
                       for name in (*FLOAT_FIELDS, *INT_FIELDS)}
        self._final["bat_total"] = float(ws.bat_total()[self.row])
        self.row = -1
        self.remove()

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

