"""Unit tests of orgsim.dynamics.demands: direction and size of each demand mechanism."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import demands

A = np.array


# ---------------------------------------------------------------- team_load_ratio (domino)
def test_team_load_ratio_hand_computed() -> None:
    team = A([0, 0, 0, 1, 1])
    capacity = A([1.0, 1.0, 1.0, 1.0, 0.5])
    ratio = demands.team_load_ratio(A([2.4, 1.2]), capacity, team, 2)
    np.testing.assert_allclose(ratio, [0.8, 0.8])


def test_absence_raises_team_load_ratio_domino() -> None:
    team = A([0, 0, 0, 0])
    work = A([3.0])
    full = demands.team_load_ratio(work, A([1.0, 1.0, 1.0, 1.0]), team, 1)
    one_absent = demands.team_load_ratio(work, A([1.0, 1.0, 1.0, 0.0]), team, 1)
    two_absent = demands.team_load_ratio(work, A([1.0, 1.0, 0.0, 0.0]), team, 1)
    # 3 FTE of work over 4, 3, 2 FTE present: 0.75 -> 1.0 -> 1.5
    np.testing.assert_allclose([full[0], one_absent[0], two_absent[0]], [0.75, 1.0, 1.5])


def test_absence_only_affects_own_team() -> None:
    team = A([0, 0, 1, 1])
    base = demands.team_load_ratio(A([1.0, 1.0]), A([1.0, 1.0, 1.0, 1.0]), team, 2)
    absent = demands.team_load_ratio(A([1.0, 1.0]), A([1.0, 0.0, 1.0, 1.0]), team, 2)
    assert absent[0] > base[0]
    assert absent[1] == base[1]


def test_team_load_ratio_not_capped_and_empty_team() -> None:
    team = A([0, 0, 1])
    ratio = demands.team_load_ratio(A([10.0, 1.0, 1.0]), A([1.0, 1.0, 0.0]), team, 3)
    # team 0: 10 FTE of work over 2 present - no cap (what is not absorbed is left undone);
    # team 1: no capacity; team 2: no positions at all -> 1 (nobody there to feel it)
    np.testing.assert_allclose(ratio, [5.0, 1.0, 1.0])
    assert np.isfinite(ratio).all()


# ---------------------------------------------------------------- absorbed_pressure
def test_absorbed_pressure_identity_up_to_full_load() -> None:
    p = np.linspace(0.0, 1.0, 11)
    np.testing.assert_array_equal(demands.absorbed_pressure(p, max_overtime=0.3), p)


def test_absorbed_pressure_smooth_and_bounded_above_full_load() -> None:
    p = np.linspace(1.0, 6.0, 501)
    taken = demands.absorbed_pressure(p, max_overtime=0.3)
    assert (np.diff(taken) > 0).all()  # more asked, more taken on ...
    assert (taken < 1.3).all() and taken[-1] > 1.29  # ... towards 1 + max_overtime
    slope = np.diff(taken) / np.diff(p)
    assert slope[0] == pytest.approx(1.0, abs=0.02)  # no kink at full load
    assert (np.diff(slope) < 0).all()  # each extra hour is harder to take on
    hand = 1.0 + 0.3 * (1.0 - np.exp(-(2.0 - 1.0) / 0.3))
    assert demands.absorbed_pressure(A([2.0]), max_overtime=0.3)[0] == pytest.approx(hand)


def test_work_left_undone_is_what_is_not_absorbed() -> None:
    asked = A([0.8, 1.0, 1.5, 3.0, 0.0])
    taken = demands.absorbed_pressure(asked, max_overtime=0.3)
    undone = demands.work_left_undone(asked, taken)
    np.testing.assert_allclose(undone, (asked - taken) / np.where(asked > 0, asked, 1))
    assert undone[0] == undone[1] == undone[4] == 0.0
    assert 0 < undone[2] < undone[3] < 1


def test_overload_is_smooth_max_of_excess() -> None:
    p = np.linspace(0.0, 3.0, 301)
    smooth = demands.overload(p, softness=0.05)
    hard = np.maximum(p - 1.0, 0.0)
    assert (smooth >= hard - 1e-12).all() and (smooth - hard <= 0.05 * np.log(2) + 1e-12).all()
    assert (np.diff(smooth) > 0).all()
    np.testing.assert_array_equal(demands.overload(p, softness=0.0), hard)


# ---------------------------------------------------------------- workload_fluctuation
def test_workload_fluctuation_mean_reversion_hand_computed() -> None:
    out = demands.workload_fluctuation(A([1.5, 1.0, 0.6]), A([0.0, 0.0, 1.0]), sd=0.2,
                                       persistence=0.9)
    innovation = 0.2 * np.sqrt(1 - 0.81)
    np.testing.assert_allclose(out, [1.45, 1.0, 1.0 + 0.9 * -0.4 + innovation])


def test_workload_fluctuation_non_negative() -> None:
    out = demands.workload_fluctuation(A([0.0]), A([-50.0]), sd=1.0, persistence=0.5)
    assert out[0] == 0.0


def test_workload_fluctuation_stationary_sd_and_mean() -> None:
    rng = np.random.default_rng(11)
    shock = np.ones(4000)
    for _ in range(60):  # 60 weeks >> 1/(1-0.8)
        shock = demands.workload_fluctuation(shock, rng.standard_normal(4000), sd=0.1,
                                             persistence=0.8)
    assert shock.mean() == pytest.approx(1.0, abs=0.01)
    assert shock.std() == pytest.approx(0.1, rel=0.06)


# ---------------------------------------------------------------- available_time / pressure
def test_available_time_hand_computed() -> None:
    out = demands.available_time(A([0.2]), A([4.0]), A([0.05]))
    assert out[0] == pytest.approx(0.8 / 1.15)
    assert demands.available_time(A([0.0]), A([1.0]), A([0.5]))[0] == 1.0


def test_more_priorities_and_bureaucracy_leave_less_time() -> None:
    prio = demands.available_time(A([0.2] * 3), A([1.0, 4.0, 10.0]), A([0.05] * 3))
    assert np.all(np.diff(prio) < 0)
    bur = demands.available_time(A([0.0, 0.2, 0.5]), A([4.0] * 3), A([0.05] * 3))
    assert np.all(np.diff(bur) < 0)
    switch = demands.available_time(A([0.2] * 3), A([4.0] * 3), A([0.0, 0.05, 0.2]))
    assert np.all(np.diff(switch) < 0)


def test_time_pressure_hand_computed_and_floor() -> None:
    np.testing.assert_allclose(demands.time_pressure(A([0.9, 0.5]), A([0.75, 1.0])), [1.2, 0.5])
    assert demands.time_pressure(A([1.0]), A([0.0]))[0] == pytest.approx(1000.0)


# ---------------------------------------------------------------- hindrance
def test_hindrance_hand_computed() -> None:
    out = demands.hindrance(A([0.4]), A([0.3]), A([0.2]), A([0.5]), A([0.6]))
    assert out[0] == pytest.approx(0.4 * 0.75 + 0.3 + 0.2 * 0.7)


def test_hindrance_clarity_and_collaboration_halve_at_most() -> None:
    none = demands.hindrance(A([0.8]), A([0.0]), A([0.0]), A([0.0]), A([0.0]))[0]
    full = demands.hindrance(A([0.8]), A([0.0]), A([0.0]), A([1.0]), A([0.0]))[0]
    assert full == pytest.approx(none / 2)
    strain0 = demands.hindrance(A([0.0]), A([0.0]), A([0.6]), A([0.0]), A([0.0]))[0]
    strain1 = demands.hindrance(A([0.0]), A([0.0]), A([0.6]), A([0.0]), A([1.0]))[0]
    assert strain1 == pytest.approx(strain0 / 2)
    top = demands.hindrance(A([1.0]), A([1.0]), A([1.0]), A([0.0]), A([0.0]))[0]
    assert top == pytest.approx(3.0)


# ---------------------------------------------------------------- perceived_demand
KW = {"overload_penalty": 1.5, "overload_softness": 0.0, "hindrance_weight": 0.35,
      "outside_weight": 0.5,
      "misfit_weight": 0.5, "assertiveness_effect": 0.3, "appraisal_loss": 0.5}


def perceived(**kw: float) -> float:
    args = {"pressure": 1.2, "hindrance_demand": 0.8, "outside_load": 0.3, "fit": 0.8,
            "assertiveness": 0.6, "psychological_safety": 0.5, "exhaustion": 0.4}
    args.update(kw)
    arrays = {k: A([v]) for k, v in args.items()}
    return float(demands.perceived_demand(**arrays, **KW)[0])


def test_perceived_demand_hand_computed() -> None:
    quantitative = (1.2 + 1.5 * 0.2) * (1 + 0.5 * 0.2) * (1 + 0.3 * (0.5 - 0.6 * 0.75))
    expected = (quantitative + 0.35 * 0.8 + 0.5 * 0.3) * (1 + 0.5 * 0.4)
    assert perceived() == pytest.approx(expected)
    assert expected == pytest.approx(2.5257, abs=1e-4)


def test_perceived_demand_directions() -> None:
    base = perceived()
    assert perceived(pressure=1.5) > base  # more work -> more demand
    assert perceived(hindrance_demand=1.5) > base
    assert perceived(outside_load=0.8) > base  # outside-work load adds
    assert perceived(fit=0.3) > base  # misfit makes the same work heavier
    assert perceived(assertiveness=0.1) > base  # cannot say no -> takes on more
    assert perceived(psychological_safety=1.0) < base  # safe to voice limits
    assert perceived(exhaustion=0.9) > base  # loss spiral in appraisal


def test_overload_penalty_only_above_one() -> None:
    calm = dict(hindrance_demand=0.0, outside_load=0.0, fit=1.0, assertiveness=0.5,
                psychological_safety=1.0, exhaustion=0.0)
    # voiced = 0.5 -> assertiveness factor 1: demand equals pressure below 1
    assert perceived(pressure=0.8, **calm) == pytest.approx(0.8)
    assert perceived(pressure=1.0, **calm) == pytest.approx(1.0)
    assert perceived(pressure=1.2, **calm) == pytest.approx(1.2 + 1.5 * 0.2)


def test_loss_spiral_scales_total_demand() -> None:
    fresh = perceived(exhaustion=0.0)
    assert perceived(exhaustion=1.0) == pytest.approx(fresh * 1.5)


def test_perceived_demand_non_negative_on_random_inputs() -> None:
    rng = np.random.default_rng(3)
    n = 2000
    out = demands.perceived_demand(
        rng.uniform(0, 5, n), rng.uniform(0, 3, n), rng.uniform(0, 1, n), rng.uniform(0, 1, n),
        rng.uniform(0, 1, n), rng.uniform(0, 1, n), rng.uniform(0, 1, n),
        overload_penalty=10, overload_softness=0.05, hindrance_weight=5, outside_weight=5,
        misfit_weight=5,
        assertiveness_effect=1, appraisal_loss=5)
    assert np.isfinite(out).all() and (out >= 0).all()
