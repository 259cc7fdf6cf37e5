"""Interventions: each changes its mechanism's inputs in the documented direction; validation."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from orgsim import OrgModel, load_config
from orgsim.config import Config, ConfigError, InterventionConfig, ReturnToWork
from orgsim.interventions import (
    KINDS,
    cost_by_intervention,
    cost_by_week,
    default_intervention,
    start_intervention,
)
from orgsim.logs import quiet_mesa
from orgsim.state import Status

quiet_mesa()

OV = {"params.drain_rate": 0.015, "demands.workload": 0.72, "org.n_employees": 60,
      "warmup_weeks": 20, "weeks": 104}


def _model(interventions: dict[str, InterventionConfig] | None = None, seed: int = 0,
           **cfg_kw: object) -> OrgModel:
    cfg = Config(interventions=interventions or {}, **cfg_kw)  # type: ignore[arg-type]
    return OrgModel(cfg, rng=seed, overrides=OV)


TEAM_LEVEL = [k for k, s in KINDS.items() if s.level == "team" and k != "free_capacity"]


@pytest.mark.parametrize("kind", TEAM_LEVEL)
def test_team_intervention_moves_its_arrays_in_the_documented_direction(kind: str) -> None:
    base = _model()
    hit = _model({kind: default_intervention(kind)})
    weeks = KINDS[kind].ramp + 1
    base.run_for(weeks)
    hit.run_for(weeks)
    for attr, delta in KINDS[kind].changes.items():
        before, after = getattr(base.teams, attr), getattr(hit.teams, attr)
        moved = np.sign(after - before)
        at_bound = (after == 0) | (after == 1) | (after == 0.5) | (after == 1.0)
        assert ((moved == np.sign(delta)) | at_bound).all(), attr
        assert (moved == np.sign(delta)).any(), attr


def test_focus_lowers_parallel_priorities_and_perceived_demand() -> None:
    diffs = []
    for seed in range(2):
        base = _model(seed=seed)
        hit = _model({"focus": default_intervention("focus")}, seed=seed)
        base.run_for(12)
        hit.run_for(12)
        assert (hit.teams.parallel_priorities < base.teams.parallel_priorities).all()
        diffs.append(hit.timeseries().demand_mean.iloc[4:12].mean()
                     - base.timeseries().demand_mean.iloc[4:12].mean())
    assert max(diffs) < 0


def _pressure(model: OrgModel) -> np.ndarray:
    """Core work per hour available for it, per team (what time pressure is made of)."""
    tm = model.teams
    avail = (1 - tm.bureaucracy) / (1 + tm.switch_cost * (tm.parallel_priorities - 1))
    return tm.workload / avail


def test_free_capacity_used_for_more_work_loses_the_gain() -> None:
    def fc(use: str) -> dict[str, InterventionConfig]:
        return {"free_capacity": default_intervention("free_capacity", use=use)}

    base, more, rec = _model(), _model(fc("more_work")), _model(fc("recovery"))
    for m in (base, more, rec):
        m.run_for(10)
    assert (more.teams.bureaucracy < base.teams.bureaucracy).all()
    np.testing.assert_allclose(_pressure(more), _pressure(base), rtol=1e-9)
    assert (_pressure(rec) < _pressure(base)).all()
    assert (rec.teams.recovery_policy > base.teams.recovery_policy).all()
    demand = [m.timeseries().demand_mean.iloc[4:10].mean() for m in (base, more, rec)]
    assert demand[2] < demand[1]
    assert demand[1] == pytest.approx(demand[0], rel=0.02)


@pytest.mark.slow  # 3 scenarios x 10 seeds x 312 weeks
def test_freed_time_refilled_with_core_work_gains_nothing_on_paired_seeds() -> None:
    """Free capacity used for more work: the freed hours are refilled with core work, so
    time pressure - and with it every outcome - is what it was (issue: with a load cap the
    refill was thrown away in capped teams and the cut looked like 54%). Used for
    development, the same freed time is a clear gain. Paired seeds (common random numbers)."""
    from orgsim.experiments.stats import t_interval

    def run(scenario: str, seed: int) -> tuple[int, float]:
        cfg = load_config([f"scenario={scenario}", "warmup_weeks=156"])
        model = OrgModel.from_config(cfg, rng=seed)
        model.run_for(156)
        ts = model.timeseries()
        return int(ts.new_burnout_cases.sum()), float(ts.burnout_complaints.mean())

    seeds = range(10)
    base = np.array([run("baseline", s) for s in seeds])
    more = np.array([run("free_capacity_more_work", s) for s in seeds])
    dev = np.array([run("free_capacity_development", s) for s in seeds])
    assert base[:, 0].sum() >= 20  # enough cases to compare
    rel = (more[:, 0].sum() - base[:, 0].sum()) / base[:, 0].sum()
    assert abs(rel) < 0.10
    _, low, high = t_interval(more[:, 1] - base[:, 1])
    assert max(abs(low), abs(high)) < 0.15 * base[:, 1].mean()  # complaints: CI within 15%
    _, _, high = t_interval(dev[:, 1] - base[:, 1])
    assert high < 0  # development: complaints clearly lower
    assert dev[:, 0].sum() < base[:, 0].sum()


def test_resilience_training_builds_the_training_state_then_it_fades() -> None:
    """Raised by the 8 weekly sessions (acting at once), then fading with the stated
    half-life; the work does not change, and new holders of a position start at 0."""
    base = _model(seed=1)
    hit = _model({"resilience_training": default_intervention("resilience_training")}, seed=1)
    ws = hit.workforce
    assert (ws.training == 0).all()
    start_ids = hit.holder_ids(np.arange(ws.size)).copy()
    fade = 0.5 ** (1 / hit.config.params.training_half_life_weeks)
    levels = []
    for week in range(8):
        base.run_for(1)
        hit.run_for(1)
        levels.append(ws.training.max())
        if week == 0:  # it acts from the first session on
            assert hit.timeseries().exhaustion_mean.iloc[-1] < (
                base.timeseries().exhaustion_mean.iloc[-1])
    assert all(b > a for a, b in zip(levels, levels[1:], strict=False))  # raised by the course
    # those at all 8 sessions: 0.3 / 8 per session, fading a week after each
    full = sum(0.3 / 8 * fade ** (k + 1) for k in range(8))
    assert levels[-1] == pytest.approx(full)
    # the work did not change
    np.testing.assert_array_equal(hit.teams.workload, base.teams.workload)
    np.testing.assert_array_equal(hit.teams.autonomy, base.teams.autonomy)
    after_course = ws.training.copy()
    hit.run_for(13)  # one half-life after the course
    stayed = hit.holder_ids(np.arange(ws.size)) == start_ids
    stayed &= ws.status != Status.VACANT
    np.testing.assert_allclose(ws.training[stayed], after_course[stayed] / 2)
    assert (ws.training[~stayed] == 0).all()  # vacancies and new hires have had no course
    rows = np.flatnonzero(stayed & (ws.training > 0))[:3]
    hit.vacate(rows)
    assert (ws.training[rows] == 0).all()
    hit.fill(rows, np.random.default_rng(0))
    assert (ws.training[rows] == 0).all()


def test_relational_return_to_work_is_a_policy_for_its_duration() -> None:
    ic = default_intervention("relational_return_to_work", start_week=2, duration_weeks=5)
    model = _model({"rtw": ic})
    assert model.config.absence.return_to_work == ReturnToWork.INDIVIDUAL
    model.run_for(3)
    assert model.config.absence.return_to_work == ReturnToWork.RELATIONAL
    model.run_for(5)
    assert model.config.absence.return_to_work == ReturnToWork.INDIVIDUAL


def test_job_crafting_raises_fit_of_people_there_at_the_start() -> None:
    base = _model(seed=2)
    hit = _model({"job_crafting": default_intervention("job_crafting")}, seed=2)
    base.run_for(9)
    hit.run_for(9)
    same = (base.workforce.tenure == hit.workforce.tenure) & (hit.workforce.tenure > 9)
    assert (hit.workforce.fit[same] >= base.workforce.fit[same]).all()
    assert hit.workforce.fit[same].mean() > base.workforce.fit[same].mean() + 0.03


def test_staffing_buffer_and_costs_follow_the_stated_assumptions() -> None:
    ic = default_intervention("staffing_buffer", duration_weeks=10)
    model = _model({"buffer": ic})
    model.run_for(12)
    assert model.teams.staffing_buffer.max() == 0.0  # ended after 10 weeks
    costs = cost_by_week(model)
    filled = 60  # all positions filled at the start of this run
    assert costs[:10] == pytest.approx(np.full(10, 108.0 * filled), rel=0.1)
    assert costs[10:].sum() == 0


def test_one_off_costs_book_at_start() -> None:
    model = _model({"focus": default_intervention("focus", start_week=3)})
    model.run_for(5)
    employed = int((model.workforce.status != Status.VACANT).sum())
    total = cost_by_intervention(model)["focus"]
    assert total == pytest.approx(5000 + 240 * employed, abs=240 * 5)
    assert cost_by_week(model)[3] == total


def test_survey_cycle_targets_the_highest_risk_teams() -> None:
    ic = default_intervention("survey_cycle", top_teams=2, package=["leadership_training"])
    model = _model({"survey": ic})
    ws = model.workforce
    present = ws.present()
    bat = np.bincount(ws.team, weights=ws.bat_total() * present) / np.bincount(
        ws.team, weights=present)
    sick = np.bincount(ws.team, weights=ws.status == Status.SICK_LEAVE) / np.bincount(
        ws.team, weights=ws.employed())
    top = set(np.argsort(-(bat + sick), kind="stable")[:2].tolist())
    before = model.teams.lead_signal_detection.copy()
    model.run_for(1)
    changed = set(np.flatnonzero(model.teams.lead_signal_detection != before).tolist())
    assert changed == top


@pytest.mark.parametrize("seed", [0, 1])
def test_canary_review_reviews_the_team_of_a_new_case_after_the_delay(seed: int) -> None:
    """A new burn-out case in team t changes, after the delay, the most adverse pressure
    points of team t only, with the review's cost booked in that week."""
    from orgsim.interventions.canary_review import PRESSURE_INPUTS, CanaryWatch

    ov = {**OV, "params.drain_rate": 0.03}  # burn-out cases within weeks
    ic = default_intervention("canary_review", delay_weeks=3, duration_weeks=30)
    base = OrgModel(Config(), rng=seed, overrides=ov)
    hit = OrgModel(Config(interventions={"canary": ic}), rng=seed, overrides=ov)
    names = [inp.name for inp in PRESSURE_INPUTS]

    def levels(model: OrgModel) -> np.ndarray:
        return np.stack([getattr(model.teams, n) for n in names])

    case_teams: set[int] = set()
    while not case_teams:
        assert hit.week < 20, "no burn-out case"
        before = hit.workforce.episodes.copy()
        base.step()
        hit.step()
        new = np.flatnonzero(hit.workforce.episodes > before)
        case_teams = set(hit.workforce.team[new].tolist())
    case_week = hit.week - 1
    assert any(isinstance(c, CanaryWatch) for c in hit.schedule)
    while hit.week < case_week + 3:  # nothing changes before the review
        base.step()
        hit.step()
        np.testing.assert_array_equal(levels(hit), levels(base))
    base.step()
    hit.step()  # the review week
    changed = levels(hit) != levels(base)
    assert set(np.flatnonzero(changed.any(axis=0)).tolist()) == case_teams
    signs = np.array([inp.pressure.sign if inp.pressure else 0 for inp in PRESSURE_INPUTS])
    for team in case_teams:
        assert changed[:, team].sum() == 2  # the two most adverse points
        moved = np.sign(levels(hit)[:, team] - levels(base)[:, team]) * signs
        assert (moved[changed[:, team]] < 0).all()  # improved
    # one review per team, booked in the review week: facilitator + team hours
    booked = [(w, eur) for w, label, eur in hit.timeline.ledger if label == "canary"]
    assert [w for w, _ in booked] == [case_week + 3] * len(case_teams)
    size = int(hit.teams.positions.max()) + 1
    for _, eur in booked:
        staff = (eur - ic.cost_fixed_eur) / ic.cost_per_person_eur
        assert staff == int(staff) and 1 <= staff <= size
    hit.run_for(30)  # the policy ended: no more reviews of new cases
    assert not any(isinstance(c, CanaryWatch) for c in hit.schedule)


def test_interventions_leave_the_model_rng_aligned() -> None:
    base = _model(seed=5)
    hit = _model({"focus": default_intervention("focus"),
                  "training": default_intervention("resilience_training")}, seed=5)
    base.run_for(3)
    hit.run_for(3)
    assert base.rng.bit_generator.state == hit.rng.bit_generator.state


def test_start_intervention_live() -> None:
    model = _model()
    model.run_for(2)
    text = start_intervention(model, "clearer_roles")
    assert "clearer_roles" in text
    assert model.timeline.effects


def test_scenarios_compose_and_validate() -> None:
    cfg = load_config(["scenario=free_capacity_more_work", "weeks=52"])
    assert cfg.interventions["free_capacity"].use == "more_work"
    cfg = load_config(["scenario=combined_org_package"])
    assert len(cfg.interventions) >= 5


def _err(interventions: dict[str, InterventionConfig], match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        _model(interventions)


def test_validation_errors_are_clear() -> None:
    ic = default_intervention
    _err({"x": InterventionConfig(kind="yoga")}, r"interventions.x: intervention 'yoga' is "
         r"unknown; choose one of: canary_review, clearer_roles, focus")
    _err({"focus": ic("focus", start_week=300)}, r"interventions.focus.start_week = 300 is "
         r"past the horizon; allowed \[0, 259\]")
    _err({"a": ic("free_capacity", use="more_work"),
          "b": ic("free_capacity", use="recovery", start_week=10)}, "conflict")
    _err({"focus": ic("focus", use="recovery")}, "use = 'recovery' only applies to free_capacity")
    _err({"fc": ic("free_capacity", use="sleep")}, "needs use = one of: more_work")
    _err({"focus": ic("focus", target="role")}, "only applies to person-level")
    _err({"focus": ic("focus", target="teams", teams=[99])}, r"teams = \[99\] out of range")
    _err({"focus": ic("focus", target="teams")}, "teams is empty")
    _err({"focus": ic("focus", changes={"workload": -0.5})}, "not changed by focus")
    _err({"focus": ic("focus", strength=5.0)}, r"strength = 5.0 is out of range")
    _err({"rtw": ic("relational_return_to_work", target="teams", teams=[0])},
         "organisation-wide policy")
    cfg = Config(interventions={"rtw": ic("relational_return_to_work")})
    cfg.absence.return_to_work = ReturnToWork.RELATIONAL
    with pytest.raises(ConfigError, match="relational already"):
        OrgModel(cfg)
    _err({"s": ic("survey_cycle", package=["tai_chi"])}, "package: intervention 'tai_chi'")
    _err({"s": ic("survey_cycle", package=["relational_return_to_work"])},
         "cannot target teams")
    with pytest.raises(ConfigError, match="past the horizon"):
        load_config(["scenario=focus", "interventions.focus.start_week=60", "weeks=52"])
    # non-overlapping free capacity with different uses is fine
    a = ic("free_capacity", use="more_work", duration_weeks=10)
    b = dataclasses.replace(a, use="recovery", start_week=40)  # after a has faded
    _model({"a": a, "b": b})


def test_survey_cycle_books_a_package_set_up_cost_once() -> None:
    """Each wave pays the survey and the package per person; the package's fixed set-up
    cost is booked only at the first wave that uses it."""
    ic = default_intervention("survey_cycle", top_teams=1, every_weeks=4,
                              package=["leadership_training"])
    model = _model({"survey": ic})
    model.run_for(13)  # waves in weeks 0, 4, 8, 12
    training = default_intervention("leadership_training")
    booked = [eur for _, label, eur in model.timeline.ledger
              if label == "survey:leadership_training"]
    assert len(booked) == 4
    leaders = [eur - training.cost_fixed_eur for eur in booked[:1]] + booked[1:]
    assert all(x == pytest.approx(training.cost_per_person_eur) for x in leaders), booked


def test_kind_specific_options_belong_to_their_kind() -> None:
    """Each kind declares the options it accepts; another kind rejects them by key."""
    ic = default_intervention
    assert KINDS["free_capacity"].options.keys() == {"use"}
    assert KINDS["survey_cycle"].options.keys() == {"every_weeks", "top_teams", "package"}
    _err({"focus": ic("focus", every_weeks=13)},
         r"interventions.focus.every_weeks = 13 only applies to survey_cycle")
    _err({"focus": ic("focus", package=["recognition"])},
         r"interventions.focus.package = \['recognition'\] only applies to survey_cycle")
    _err({"s": ic("survey_cycle", every_weeks=0)},
         r"interventions.s.every_weeks = 0 is out of range; allowed \[1, 520\]")
    _err({"fc": InterventionConfig(kind="free_capacity")}, "needs use = one of: more_work")
    with pytest.raises(ConfigError, match="interventions.focus.use = 'development' only "
                                          "applies to free_capacity"):
        load_config(["scenario=focus", "interventions.focus.use=development"])
    cfg = load_config(["scenario=free_capacity_more_work", "interventions.free_capacity.use="
                       "development", "interventions.free_capacity.start_week=3"])
    assert cfg.interventions["free_capacity"].use == "development"
    # options left empty take the kind's defaults
    cycle = InterventionConfig(kind="survey_cycle", package=["recognition"])
    kind = KINDS["survey_cycle"]()
    assert (kind.option(cycle, "every_weeks"), kind.option(cycle, "top_teams")) == (26, 3)
    _model({"survey": cycle})


def test_registry_finds_kinds_by_name_and_refuses_duplicates() -> None:
    from orgsim.interventions import Intervention, Option

    assert set(KINDS) == {
        "focus", "clearer_roles", "free_capacity", "recognition", "leadership_training",
        "psychological_safety", "recovery_policy", "resilience_training", "job_crafting",
        "relational_return_to_work", "staffing_buffer", "survey_cycle", "canary_review"}
    assert all(cls.name == name and cls.summary for name, cls in KINDS.items())
    with pytest.raises(TypeError, match="defined twice"):
        type("Focus2", (Intervention,), {"name": "focus", "level": "team", "summary": "x"})
    with pytest.raises(TypeError, match="no slot for"):
        type("Yoga", (Intervention,), {"name": "yoga", "level": "team", "summary": "x",
                                       "options": {"mat": Option("a yoga mat")}})
    assert "yoga" not in KINDS
