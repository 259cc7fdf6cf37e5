"""Events: each changes its mechanism's inputs, shows within weeks and wears off as stated."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim import OrgModel
from orgsim.config import Config, ConfigError, ShockConfig
from orgsim.events import EVENTS, Effect, Event, apply_event, describe_events, timeline_of
from orgsim.logs import quiet_mesa
from orgsim.state import Status

quiet_mesa()

#: Explicit, moderate regime (independent of the default values being recalibrated).
OV = {"params.drain_rate": 0.015, "org.n_employees": 60, "warmup_weeks": 20}


def _pair(seed: int, weeks: int = 5) -> tuple[OrgModel, OrgModel]:
    a, b = OrgModel(rng=seed, overrides=OV), OrgModel(rng=seed, overrides=OV)
    a.run_for(weeks)
    b.run_for(weeks)
    return a, b


def test_events_are_registered_by_name_with_unique_stream_codes() -> None:
    assert set(EVENTS) == {"reorganisation", "crunch_deadline", "key_colleague_drops_out",
                           "new_hire", "budget_cut", "absence_wave"}
    assert all(issubclass(cls, Event) and cls.name == name for name, cls in EVENTS.items())
    # the codes seed the event stream: the runs of a seed depend on them
    assert {n: c.code for n, c in EVENTS.items()} == {
        "reorganisation": 1, "crunch_deadline": 2, "key_colleague_drops_out": 3,
        "new_hire": 4, "budget_cut": 5, "absence_wave": 6}
    rows = describe_events()
    assert [r["name"] for r in rows] == list(EVENTS)
    assert all(r["description"] and r["assumption"] for r in rows)


@pytest.mark.parametrize("name", ["reorganisation", "crunch_deadline", "budget_cut",
                                  "absence_wave", "key_colleague_drops_out"])
def test_event_raises_demand_within_weeks(name: str) -> None:
    diffs = []
    for seed in range(2):
        hit, ctrl = _pair(seed)
        text = apply_event(hit, name)
        assert isinstance(text, str) and text
        hit.run_for(3)
        ctrl.run_for(3)
        d = (hit.timeseries().demand_mean.iloc[5:8].to_numpy()
             - ctrl.timeseries().demand_mean.iloc[5:8].to_numpy())
        diffs.append(d.mean())
    assert np.mean(diffs) > 0.0


def test_absence_wave_lowers_productivity_then_people_return() -> None:
    hit, ctrl = _pair(1)
    apply_event(hit, "absence_wave")
    out = (hit.workforce.hours == 0) & (hit.workforce.status == Status.WORKING)
    assert out.sum() > 0
    hit.run_for(1)
    ctrl.run_for(1)
    assert hit.timeseries().productivity.iloc[-1] < ctrl.timeseries().productivity.iloc[-1]
    hit.run_for(4)
    still = out & (hit.workforce.status == Status.WORKING) & (hit.workforce.hours == 0)
    assert not still.any()


def test_crunch_is_temporary_and_reverts_exactly() -> None:
    model = OrgModel(rng=2, overrides=OV)
    before = model.teams.workload.copy()
    policy = model.teams.recovery_policy.copy()
    apply_event(model, "crunch_deadline", team=1)
    assert model.teams.workload[1] == pytest.approx(1.3 * before[1])
    assert model.teams.recovery_policy[1] < policy[1] or policy[1] == 0
    np.testing.assert_array_equal(np.delete(model.teams.workload, 1), np.delete(before, 1))
    model.run_for(7)
    np.testing.assert_allclose(model.teams.workload, before, rtol=0, atol=1e-12)
    np.testing.assert_allclose(model.teams.recovery_policy, policy, rtol=0, atol=1e-12)
    assert not timeline_of(model).effects


def test_reorganisation_lasts_months_then_fades() -> None:
    model = OrgModel(rng=0, overrides=OV)
    base = model.teams.role_ambiguity.copy()
    apply_event(model, "reorganisation")
    model.run_for(10)
    assert (model.teams.role_ambiguity >= base).all()
    assert (model.teams.role_ambiguity > base).any()
    model.run_for(40)
    np.testing.assert_allclose(model.teams.role_ambiguity, base, atol=1e-12)


def test_key_colleague_leaves_a_vacancy_in_the_team() -> None:
    model = OrgModel(rng=0, overrides=OV)
    vacant_before = (model.workforce.status == Status.VACANT) & (model.workforce.team == 3)
    apply_event(model, "key_colleague_drops_out", team=3)
    vacant_after = (model.workforce.status == Status.VACANT) & (model.workforce.team == 3)
    assert vacant_after.sum() == vacant_before.sum() + 1


def test_new_hire_fills_a_vacancy_or_adds_a_temporary_hand() -> None:
    model = OrgModel(rng=0, overrides=OV)
    apply_event(model, "key_colleague_drops_out", team=2)
    vacant = int(((model.workforce.status == Status.VACANT) & (model.workforce.team == 2)).sum())
    apply_event(model, "new_hire", team=2)
    after = int(((model.workforce.status == Status.VACANT) & (model.workforce.team == 2)).sum())
    assert after == vacant - 1
    while ((model.workforce.status == Status.VACANT) & (model.workforce.team == 2)).any():
        apply_event(model, "new_hire", team=2)
    buffer = model.teams.staffing_buffer[2]
    apply_event(model, "new_hire", team=2)
    model.run_for(2)
    assert model.teams.staffing_buffer[2] > buffer


def test_events_are_deterministic_and_leave_model_rng_alone() -> None:
    a, b = _pair(4)
    state = a.rng.bit_generator.state
    apply_event(a, "absence_wave")
    assert a.rng.bit_generator.state == state
    apply_event(b, "absence_wave")
    np.testing.assert_array_equal(a.workforce.hours, b.workforce.hours)
    a.run_for(5)
    b.run_for(5)
    assert a.timeseries().equals(b.timeseries())


def test_unknown_event_and_bad_team_fail_clearly() -> None:
    model = OrgModel(rng=0, overrides=OV)
    with pytest.raises(ConfigError, match="unknown; choose one of"):
        apply_event(model, "alien_invasion")
    with pytest.raises(ConfigError, match="team = 99 is out of range"):
        apply_event(model, "crunch_deadline", team=99)


def test_effect_profile_ramp_hold_fade() -> None:
    e = Effect("x", "team", "autonomy", np.array([0]), np.array(0.1), start=10, hold=2,
               fade=3, ramp=1)
    assert [e.profile(w) for w in range(9, 18)] == pytest.approx(
        [0, 0.5, 1, 1, 0.75, 0.5, 0.25, 0, 0])


def test_scheduled_shock_from_config_fires_in_its_week() -> None:
    cfg = Config(shocks=[ShockConfig(event="crunch_deadline", week=3, team=0)])
    model = OrgModel(cfg, rng=0, overrides=OV)
    base = model.teams.workload[0]
    model.run_for(3)
    assert model.teams.workload[0] == base
    model.run_for(1)
    assert model.teams.workload[0] == pytest.approx(1.3 * base)
    assert any("crunch" in label for _, label, _ in model.timeline.log)


def test_scheduled_shock_validation() -> None:
    with pytest.raises(ConfigError, match=r"shocks\[0\].*unknown"):
        OrgModel(Config(shocks=[ShockConfig(event="meteor", week=3)]))
    with pytest.raises(ConfigError, match=r"shocks\[0\].*team = 99 is out of range"):
        OrgModel(Config(shocks=[ShockConfig(event="budget_cut", week=3, team=99)]))
    # a preset's calendar may run past a short horizon: those shocks simply do not happen
    model = OrgModel(Config(weeks=10, shocks=[ShockConfig(event="budget_cut", week=300)]),
                     overrides=OV)
    model.run_for(10)
    assert not model.timeline.log


@pytest.mark.parametrize("org", ["healthcare_ward", "software_company", "education",
                                 "municipality"])
def test_org_presets_compose_and_fire_their_shocks(org: str) -> None:
    from orgsim import load_config

    cfg = load_config([f"org={org}", "warmup_weeks=0"])
    assert cfg.shocks, org
    first = min(s.week for s in cfg.shocks)
    model = OrgModel.from_config(cfg, rng=0)
    model.run_for(first + 1)
    fired = [label for week, label, _ in model.timeline.log if week == first]
    assert any(label.startswith("event:") for label in fired)
