"""The week as an ordered list of components: :data:`SCHEDULE` is the model's schedule.

One simulated week runs each component's ``step`` on one
:class:`~orgsim.week.context.WeekContext`, in this order (docs/ODD.md, "Process overview
and scheduling", lists the same names)::

    scheduled changes -> take stock -> busy and quiet periods -> outside work ->
    leader presence -> work demands -> job resources -> energy: drain and recovery ->
    engagement -> crossover in the team network -> gain and loss spirals ->
    training fades -> BAT dimensions -> leaders act on warning signs -> burn-out sick leave ->
    graded return to work -> turnover -> hiring -> counters -> weekly metrics ->
    team outcomes

Mechanisms read last week's state unless an earlier component of this week wrote it.
"""

from __future__ import annotations

from orgsim.week.collect import TEAM_COLUMNS, TeamOutcomes, WeeklyMetrics
from orgsim.week.context import Component, WeekContext
from orgsim.week.flows import Hiring, ReturnToWork, SickLeaveOnset, TimeInStatus, Turnover
from orgsim.week.mechanisms import (
    BurnoutDimensions,
    BusyPeriods,
    Crossover,
    Energy,
    Engagement,
    JobResources,
    LeaderAction,
    LeaderPresence,
    OutsideWork,
    ResourceSpirals,
    ScheduledChanges,
    TakeStock,
    Training,
    WorkDemands,
)

#: The weekly schedule: component classes in the order they run.
SCHEDULE: tuple[type[Component], ...] = (
    ScheduledChanges,
    TakeStock,
    BusyPeriods,
    OutsideWork,
    LeaderPresence,
    WorkDemands,
    JobResources,
    Energy,
    Engagement,
    Crossover,
    ResourceSpirals,
    Training,
    BurnoutDimensions,
    LeaderAction,
    SickLeaveOnset,
    ReturnToWork,
    Turnover,
    Hiring,
    TimeInStatus,
    WeeklyMetrics,
    TeamOutcomes,
)



def schedule(engine: str = "fused") -> tuple[type[Component], ...]:
    """The components of one week for ``engine`` (``Config.engine``): ``numpy`` is
    :data:`SCHEDULE` itself; ``fused`` runs its person-level components as one compiled
    :class:`~orgsim.week.kernel.PeopleWeek` (the same equations, :mod:`orgsim.week.kernel`)."""
    if engine == "numpy":
        return SCHEDULE
    from orgsim.week.kernel import REPLACES, PeopleWeek

    first = SCHEDULE.index(REPLACES[0])
    assert SCHEDULE[first:first + len(REPLACES)] == REPLACES
    return SCHEDULE[:first] + (PeopleWeek,) + SCHEDULE[first + len(REPLACES):]


__all__ = ["SCHEDULE", "TEAM_COLUMNS", "Component", "TeamOutcomes", "WeekContext",
           "WeeklyMetrics", "schedule"]
