"""Employee/Leader Mesa agents: views that read and write their own row of the state arrays."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import check_agents_match_rows, make_model
from orgsim import Employee, Leader, Role, Status
from orgsim.state import FLOAT_FIELDS, INT_FIELDS


def test_one_agent_per_filled_position() -> None:
    model = make_model()
    assert len(model.agents) == model.workforce.size
    check_agents_match_rows(model)
    assert len(model.agents_by_type[Leader]) == model.teams.size
    ids = [a.unique_id for a in model.agents]
    assert len(set(ids)) == len(ids)


def test_agents_read_their_row() -> None:
    model = make_model()
    model.run_for(3)
    ws = model.workforce
    for a in model.agents:
        for name in FLOAT_FIELDS:
            assert getattr(a, name) == getattr(ws, name)[a.row], name
        for name in INT_FIELDS:
            if name not in ("status", "role"):
                assert getattr(a, name) == getattr(ws, name)[a.row], name
        assert a.status == Status(ws.status[a.row])
        assert a.role == Role(ws.role[a.row])
        assert a.bat_total == pytest.approx(ws.bat_total()[a.row])
        assert a.personal_resources == pytest.approx(ws.personal_resources()[a.row])


def test_agent_writes_only_its_own_row() -> None:
    model = make_model()
    ws = model.workforce
    agent = model.agent_at(5)
    assert agent is not None
    before = ws.energy.copy()
    agent.energy = 0.123
    agent.tenure = 777
    assert ws.energy[5] == 0.123 and ws.tenure[5] == 777
    mask = np.arange(ws.size) != 5
    np.testing.assert_array_equal(ws.energy[mask], before[mask])
    # and the vectorised step sees the write
    model.step()
    assert ws.tenure[5] == 778 or ws.status[5] == Status.VACANT


def test_agentset_access_matches_arrays() -> None:
    model = make_model(params__drain_rate=0.3)  # some sick leave within weeks
    model.run_for(10)
    ws = model.workforce
    sick = model.agents.select(lambda a: a.status == Status.SICK_LEAVE)
    assert len(sick) == int((ws.status == Status.SICK_LEAVE).sum())
    assert len(sick) > 0
    energies = model.agents.get("energy")
    rows = model.agents.get("row")
    np.testing.assert_array_equal(energies, ws.energy[rows])


def test_leavers_detach_and_hires_get_new_agents() -> None:
    model = make_model(params__quit_rate_per_year=1.0, params__quit_engagement=10.0,
                       hiring__vacancy_weeks=1.0)
    first = {a.row: a for a in model.agents}
    model.run_for(6)
    ts = model.timeseries()
    assert ts.leavers.sum() > 0 and ts.hires.sum() > 0
    check_agents_match_rows(model)
    left = [a for a in first.values() if a.has_left]
    assert left
    for a in left:
        assert a.row == -1 and a.status is None
        assert a not in model.agents
        # snapshot of the state just before leaving (quit while working, or long-term sick)
        assert a._final["status"] in (Status.WORKING, Status.SICK_LEAVE)
        assert isinstance(a.bat_total, float)
        with pytest.raises(AttributeError, match="has left"):
            a.energy = 0.5
    replaced = [a for a in left if model.agent_at(first_row(first, a)) is not None]
    assert replaced  # vacancy_weeks=1: filled the week after
    for a in replaced:
        new = model.agent_at(first_row(first, a))
        assert new is not a and new.unique_id != a.unique_id


def first_row(first: dict[int, Employee], agent: Employee) -> int:
    return next(row for row, a in first.items() if a is agent)


def test_leader_style_read_and_write() -> None:
    model = make_model(leadership__support=0.3)
    leader = model.agent_at(int(model.teams.leader_row[1]))
    assert isinstance(leader, Leader)
    assert set(leader.style) == set(Leader.STYLE)
    assert leader.style["support"] == model.teams.lead_support[1]
    leader.set_style(support=0.9, clarity=0.1)
    assert model.teams.lead_support[1] == 0.9 and model.teams.lead_clarity[1] == 0.1
    assert model.teams.lead_support[0] != 0.9 or model.teams.size == 1
    with pytest.raises(ValueError, match="unknown leader style"):
        leader.set_style(charisma=1.0)
    with pytest.raises(ValueError, match=r"support = 1.5 out of range \[0, 1\]"):
        leader.set_style(support=1.5)


def test_drains_names_demand_parts() -> None:
    model = make_model()
    model.step()
    agent = model.agent_at(3)
    assert agent is not None
    parts = agent.drains()
    assert {"workload", "role_ambiguity", "priority_churn", "outside_work"} <= set(parts)
    assert all(np.isfinite(v) and v >= 0 for v in parts.values())
