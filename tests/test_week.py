"""The week as an ordered list of components (orgsim.week)."""

from __future__ import annotations

import numpy as np

from conftest import make_model
from orgsim.week import SCHEDULE, TEAM_COLUMNS, Component, WeekContext, schedule


def test_schedule_is_the_models_loop() -> None:
    model = make_model()
    assert [type(c) for c in model.schedule] == list(schedule(model.config.engine))
    assert schedule("numpy") == SCHEDULE  # the readable schedule, as the ODD lists it
    assert len({c.name for c in SCHEDULE}) == len(SCHEDULE)  # names are the ODD's steps
    seen: list[int] = []

    class Probe(Component):
        name = "probe"

        def step(self, ctx: WeekContext) -> None:
            seen.append(ctx.week)

    model.schedule.insert(3, Probe())
    model.run_for(3)
    assert seen == [0, 1, 2]


def test_team_outcomes_add_up_to_the_timeseries() -> None:
    model = make_model(rng=4, params__drain_rate=0.03, params__quit_rate_per_year=0.3,
                       params__min_sick_weeks=2)
    model.run_for(40)
    ts, teams = model.timeseries(), model.team_outcomes()
    assert list(teams.columns) == list(TEAM_COLUMNS)
    assert len(teams) == model.teams.size
    assert ts["new_burnout_cases"].sum() > 0
    assert teams["new_burnout_cases"].sum() == ts["new_burnout_cases"].sum()
    assert teams["leavers"].sum() == ts["leavers"].sum()
    assert (teams["weeks"] == 40).all()
    assert (teams["sick_leave_starts"] >= teams["new_burnout_cases"]).all()
    # the organisation's absence: FTE lost over employee-weeks, pooled over teams
    lost = (teams["absence_rate"] * teams["employee_weeks"]).sum()
    assert np.isclose(lost, (ts["absence_rate"] * ts["headcount"]).sum())


def test_warm_up_is_not_collected() -> None:
    model = make_model(warmup_weeks=10)
    assert model.timeseries().empty
    assert (model.team_outcomes()["weeks"] == 0).all()
