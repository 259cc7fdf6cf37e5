"""Property tests (hypothesis): invariants hold for random valid configs and seeds.

For each drawn organisation the model is stepped week by week and after every week: no NaN,
every level in its range, valid status codes, headcount conserved (present + sick + vacancies
= positions, and headcount changes only by leavers and hires), one Mesa agent per filled
position reading and writing its own row, and a time-series row consistent with the state.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import build_config, check_agents_match_rows
from orgsim import OrgModel, Status
from orgsim.config import ReturnToWork
from orgsim.state import FLOAT_FIELDS

#: float state that is not a 0..1 level (checked for >= 0 and finite instead)
UNBOUNDED = {"demand", "drain", "recovery_speed", "task_share", "leader_attention"}
#: float state that is a deviation from the team's level (any sign; checked finite)
SIGNED = {"autonomy_own", "ambiguity_own"}
#: time-series columns that are shares or 0..1 means
SHARE_COLUMNS = ["burnout_complaints", "burnout_absent", "reintegrating", "absence_rate",
                 "vacancies", "energy_mean", "engagement_mean", "exhaustion_mean", "bat_mean",
                 "job_resources_mean", "personal_resources_mean"]
COUNT_COLUMNS = ["new_burnout_cases", "returns", "relapses", "leavers", "hires", "headcount"]
#: productivity = hours x onboarding x (1 - 0.5 cognitive impairment) x (0.75 + 0.5 engagement)
MAX_PRODUCTIVITY = 1.25

PROPERTY_SETTINGS = settings(max_examples=20, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


@st.composite
def configs(draw: st.DrawFn) -> dict[str, Any]:
    """Random valid overrides within the fields' ranges (a few key fields)."""
    unit = st.floats(0.0, 1.0)
    return {
        "org.n_employees": draw(st.integers(20, 150)),
        "org.team_size": draw(st.integers(2, 40)),
        "org.team_variation": draw(st.floats(0.0, 0.5)),
        "demands.workload": draw(st.floats(0.0, 3.0)),
        "demands.parallel_priorities": draw(st.integers(1, 30)),
        "demands.bureaucracy": draw(st.floats(0.0, 0.9)),
        "demands.role_ambiguity": draw(unit),
        "resources.autonomy": draw(unit),
        "resources.recovery_policy": draw(unit),
        "leadership.signal_detection": draw(unit),
        "climate.psychological_safety": draw(unit),
        "climate.contact_probability": draw(unit),
        "people.caregiver_share": draw(unit),
        "people.life_events_per_year": draw(st.floats(0.0, 5.0)),
        "absence.return_to_work": draw(st.sampled_from(list(ReturnToWork))),
        "absence.reintegration_weeks": draw(st.integers(1, 20)),
        "absence.max_sick_weeks": draw(st.integers(1, 40)),
        "hiring.vacancy_weeks": draw(st.floats(1.0, 30.0)),
        "hiring.onboarding_weeks": draw(st.integers(0, 20)),
        "hiring.staffing_buffer": draw(st.floats(0.0, 0.5)),
        "params.quit_rate_per_year": draw(unit),
        "params.min_sick_weeks": draw(st.integers(0, 10)),
        "warmup_weeks": draw(st.integers(0, 10)),
    }


def check_state(model: OrgModel) -> None:
    ws = model.workforce
    n = ws.size
    for name in FLOAT_FIELDS:
        values = getattr(ws, name)
        assert np.isfinite(values).all(), name
        if name in UNBOUNDED:
            assert (values >= 0).all(), name
        elif name not in SIGNED:
            assert ((values >= 0) & (values <= 1)).all(), name
    status = ws.status
    assert np.isin(status, [s.value for s in Status]).all()
    counts = np.bincount(status, minlength=len(Status))
    assert counts.sum() == n
    # hours follow the status
    start = model.config.absence.reintegration_start_hours
    assert (ws.hours[status == Status.WORKING] == 1.0).all()
    assert (ws.hours[(status == Status.SICK_LEAVE) | (status == Status.VACANT)] == 0.0).all()
    reint = ws.hours[status == Status.REINTEGRATING]
    assert ((reint >= start - 1e-12) & (reint <= 1.0)).all()
    assert (ws.episode_weeks[status == Status.SICK_LEAVE] >= 0).all()
    # agents are views on their rows
    check_agents_match_rows(model)
    for agent in list(model.agents)[:: max(1, len(model.agents) // 5)]:
        row = agent.row
        assert agent.energy == ws.energy[row] and agent.team == ws.team[row]
        old = agent.engagement
        agent.engagement = old  # write through the agent, same value: state unchanged
        assert ws.engagement[row] == old


def status_counts(model: OrgModel) -> np.ndarray:
    return np.bincount(model.workforce.status, minlength=len(Status))


def check_week_rows(ts: pd.DataFrame, counts: list[np.ndarray], n: int,
                    headcount_start: int) -> None:
    """Each time-series row agrees with the status counts observed after that week."""
    headcount = headcount_start
    for (_, row), c in zip(ts.iterrows(), counts, strict=True):
        employed = n - c[Status.VACANT]
        assert row["headcount"] == employed
        # present + sick + vacancies = positions, from the time-series columns
        present = row["headcount"] * (1 - row["burnout_absent"])
        sick = row["headcount"] * row["burnout_absent"]
        assert np.isclose(present + sick + row["vacancies"] * n, n)
        assert np.isclose(present, c[Status.WORKING] + c[Status.REINTEGRATING])
        assert np.isclose(sick, c[Status.SICK_LEAVE])
        assert np.isclose(row["reintegrating"] * max(employed, 1), c[Status.REINTEGRATING])
        assert np.isclose(row["vacancies"] * n, c[Status.VACANT])
        # headcount changes only through leavers and hires
        assert row["headcount"] == headcount - row["leavers"] + row["hires"]
        headcount = int(row["headcount"])


def check_timeseries(ts: pd.DataFrame, weeks: int) -> None:
    assert len(ts) == weeks
    assert ts["week"].tolist() == list(range(1, weeks + 1))
    assert not ts.isna().any().any()
    assert np.isfinite(ts.to_numpy(dtype=float)).all()
    for col in SHARE_COLUMNS:
        assert ts[col].between(0.0, 1.0).all(), col
    for col in COUNT_COLUMNS:
        assert (ts[col] >= 0).all(), col
    assert (ts["relapses"] <= ts["new_burnout_cases"]).all()
    assert ts["productivity"].between(0.0, MAX_PRODUCTIVITY).all()
    assert (ts["cost_eur"] >= 0).all() and (ts["absence_days"] >= 0).all()
    assert (ts["absence_rate"] >= ts["burnout_absent"] - 1e-12).all()


def check_employees(model: OrgModel) -> None:
    emp = model.employees()
    numeric = emp.select_dtypes("number")
    assert not numeric.isna().any().any()
    assert set(emp["status"]) <= {"working", "sick_leave", "reintegrating"}
    for col in ("energy", "engagement", "personal_resources", "exhaustion", "mental_distance",
                "cognitive_impairment", "emotional_impairment", "bat_total", "hours"):
        assert emp[col].between(0.0, 1.0).all(), col
    assert (emp["tenure"] >= 0).all()


@PROPERTY_SETTINGS
@given(overrides=configs(), seed=st.integers(0, 2**32 - 1), weeks=st.integers(10, 30))
@example(overrides={"org.n_employees": 20, "org.team_size": 40, "warmup_weeks": 0},
         seed=0, weeks=10)  # one team bigger than the organisation
@example(overrides={"org.n_employees": 21, "org.team_size": 2, "demands.workload": 3.0,
                    "params.quit_rate_per_year": 1.0, "absence.max_sick_weeks": 1,
                    "hiring.vacancy_weeks": 1.0, "warmup_weeks": 5},
         seed=1, weeks=20)  # overload, constant turnover and contract ends
def test_invariants_every_week(overrides: dict[str, Any], seed: int, weeks: int) -> None:
    model = OrgModel(config=build_config(overrides), rng=seed)
    check_state(model)
    headcount = int((model.workforce.status != Status.VACANT).sum())
    counts = []
    for _ in range(weeks):
        model.step()
        check_state(model)
        counts.append(status_counts(model))
    ts = model.timeseries()
    check_timeseries(ts, weeks)
    check_week_rows(ts, counts, model.workforce.size, headcount)
    check_employees(model)
    assert model.week == weeks


@settings(max_examples=15, deadline=None)
@given(n=st.integers(2, 60), team_size=st.integers(2, 200), seed=st.integers(0, 2**16))
def test_team_layout_any_size(n: int, team_size: int, seed: int) -> None:
    """Every position belongs to a team with exactly one leader, for any valid size."""
    model = OrgModel(config=build_config({"org.n_employees": n, "org.team_size": team_size}),
                     rng=seed)
    ws, tm = model.workforce, model.teams
    assert ws.size == n
    assert tm.size >= 1
    np.testing.assert_array_equal(np.bincount(ws.team, minlength=tm.size) - 1, tm.positions)
    np.testing.assert_array_equal(np.bincount(ws.team[ws.role == 1], minlength=tm.size),
                                  np.ones(tm.size))
    model.run_for(3)
    check_state(model)
