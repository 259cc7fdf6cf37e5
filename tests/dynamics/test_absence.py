"""Unit tests of orgsim.dynamics.absence: onset, recovery, graded return, treatment."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import absence

A = np.array


# ---------------------------------------------------------------- persistent_weeks / onset
def test_persistent_weeks_counts_and_resets() -> None:
    hw = A([0, 3, 5])
    out = absence.persistent_weeks(hw, A([True, True, False]))
    np.testing.assert_array_equal(out, [1, 4, 0])
    weeks = np.zeros(1, dtype=np.int64)
    for above in (True, True, True, False, True):
        weeks = absence.persistent_weeks(weeks, A([above]))
    assert weeks[0] == 1


def test_onset_only_after_persistent_weeks() -> None:
    high_weeks = np.arange(8)
    out = absence.onset(high_weeks, np.full(8, 0.3), np.ones(8, bool), np.zeros(8),
                        onset_weeks=4, hazard=0.15)
    np.testing.assert_array_equal(out, high_weeks >= 4)


def test_onset_not_when_absent_and_respects_draw() -> None:
    out = absence.onset(A([10, 10, 10]), np.full(3, 0.3), A([False, True, True]),
                        A([0.0, 0.1, 0.2]), onset_weeks=4, hazard=0.15)
    np.testing.assert_array_equal(out, [False, True, False])


def test_near_total_depletion_always_leads_to_sick_leave() -> None:
    out = absence.onset(A([0, 0]), A([0.04, 0.06]), A([True, True]), A([0.99, 0.99]),
                        onset_weeks=4, hazard=0.0)
    np.testing.assert_array_equal(out, [True, False])


def test_onset_hazard_rate_statistical() -> None:
    n, hazard = 20_000, 0.15
    rng = np.random.default_rng(8)
    k = int(absence.onset(np.full(n, 6), np.full(n, 0.4), np.ones(n, bool), rng.random(n),
                          onset_weeks=4, hazard=hazard).sum())
    assert abs(k - n * hazard) <= 4 * np.sqrt(n * hazard * (1 - hazard))


# ---------------------------------------------------------------- sick_recovery
def recover(energy: float, resilience: float = 0.5, speed: float = 1.0,
            relational: bool = False) -> float:
    return float(absence.sick_recovery(A([energy]), A([resilience]), A([speed]), relational,
                                       A([0.0]), rate=0.035, relational_gain=0.3)[0])


def test_sick_recovery_hand_computed() -> None:
    assert recover(0.3) == pytest.approx(0.3 + 0.035 * 1.0 * 0.7)
    assert recover(0.3, relational=True) == pytest.approx(0.3 + 0.035 * 1.3 * 0.7)
    assert recover(0.3, resilience=0.9, speed=2.0) == pytest.approx(0.3 + 0.035 * 1.4 * 2 * 0.7)


def test_relational_return_recovers_faster() -> None:
    e_ind, e_rel = 0.2, 0.2
    weeks_ind = weeks_rel = 0
    while e_ind < 0.65:
        e_ind, weeks_ind = recover(e_ind), weeks_ind + 1
    while e_rel < 0.65:
        e_rel, weeks_rel = recover(e_rel, relational=True), weeks_rel + 1
    assert weeks_rel < weeks_ind
    # recovery towards 1 is exponential: weeks scale about with 1 / pace
    assert weeks_rel / weeks_ind == pytest.approx(1 / 1.3, abs=0.05)


def test_resilience_and_pace_speed_recovery() -> None:
    assert recover(0.3, resilience=0.9) > recover(0.3, resilience=0.1) > 0.3
    assert recover(0.3, speed=2.0) > recover(0.3, speed=0.5)


def test_sick_recovery_clipped() -> None:
    high = absence.sick_recovery(A([0.99]), A([1.0]), A([50.0]), True, A([0.0]), rate=1.0,
                                 relational_gain=5.0)
    low = absence.sick_recovery(A([0.01]), A([0.0]), A([1.0]), False, A([-0.5]), rate=0.01,
                                relational_gain=0.0)
    assert high[0] == 1.0 and low[0] == 0.0


# ---------------------------------------------------------------- episode_pace
def test_episode_pace_lognormal_median_one() -> None:
    pace = absence.episode_pace(np.random.default_rng(9).standard_normal(20_000), 0.5)
    assert (pace > 0).all()
    assert np.median(pace) == pytest.approx(1.0, abs=0.03)
    assert np.log(pace).std() == pytest.approx(0.5, rel=0.03)
    np.testing.assert_array_equal(
        absence.episode_pace(np.random.default_rng(0).standard_normal(5), 0.0), np.ones(5))


# ---------------------------------------------------------------- ready_to_return
def test_ready_to_return_needs_energy_and_minimum_weeks() -> None:
    out = absence.ready_to_return(A([0.7, 0.7, 0.6, 0.65]), A([8, 7, 20, 8]),
                                  return_energy=0.65, min_weeks=8)
    np.testing.assert_array_equal(out, [True, False, False, True])


# ---------------------------------------------------------------- graded_hours
def test_graded_hours_hand_computed() -> None:
    out = absence.graded_hours(A([0.25, 0.9, 1.0]), 0.25, 5)
    np.testing.assert_allclose(out, [0.4, 1.0, 1.0])


def ramp(start: float, weeks: int) -> list[float]:
    h = A([start])
    path = []
    for _ in range(weeks):
        h = absence.graded_hours(h, start, weeks)
        path.append(float(h[0]))
    return path


@pytest.mark.parametrize(("start", "weeks"), [(0.25, 14), (0.5, 4), (0.25, 8), (0.05, 6),
                                             (0.3, 10)])
def test_graded_hours_reach_one_over_reintegration_weeks(start: float, weeks: int) -> None:
    path = ramp(start, weeks)
    assert all(np.diff(path) > 0)
    assert path[-2] < 1.0
    np.testing.assert_allclose(path, start + (1 - start) * np.arange(1, weeks + 1) / weeks)


def test_graded_hours_reach_exactly_one_in_ramp_weeks_for_any_setting() -> None:
    """The model's full return needs ``hours >= 1.0``: float addition must not end at
    0.9999999999999999 (one week too long in reintegration)."""
    starts = np.round(np.arange(0.05, 1.0, 0.01), 2)
    late = []
    for weeks in range(1, 105):
        h = starts.copy()
        for _ in range(weeks):  # all start levels at once (start_hours broadcasts)
            h = absence.graded_hours(h, starts, weeks)  # type: ignore[arg-type]
        late += [(float(s), weeks) for s in starts[h != 1.0]]
    assert not late, late[:5]


# ---------------------------------------------------------------- treatment_gain
def test_treatment_gain_hand_computed_and_direction() -> None:
    out = absence.treatment_gain(A([0.2, 0.6, 1.0]), rate=0.01)
    np.testing.assert_allclose(out, [0.008, 0.004, 0.0])
