"""The calibration statistics, hand-computed on small event histories and samples."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.calibration.statistics import (
    MIN_RETURN_WEEKS,
    fully_back,
    icc1,
    kaplan_meier_incidence,
    recurrence_spells,
)

#: (week, unique_id, kind): person 1 back after 20 weeks, ill again 60 weeks later;
#: person 2 back after 30 weeks (too late for the 26-week count), then leaves;
#: person 3 falls ill in week 90 (less than 26 weeks before the end: not in the cohort);
#: person 4 back after 10 weeks but ill again 2 weeks later (not a full return).
EVENTS = [(0, 1, "onset"), (20, 1, "return"), (80, 1, "onset"),
          (5, 2, "onset"), (35, 2, "return"), (70, 2, "left"),
          (90, 3, "onset"),
          (10, 4, "onset"), (20, 4, "return"), (22, 4, "onset")]
END = 100


def test_fully_back_counts_an_onset_cohort_with_follow_up() -> None:
    # cohort: onsets at 0, 5, 10 (person 1, 2, 4) and 22 (person 4 again); 80 and 90 lack
    # 26 weeks of follow-up. Back within 26 weeks: person 1 (20) and person 4 (10).
    assert fully_back(EVENTS, END) == (4, 2)


def test_recurrence_spells_censor_leavers_and_drop_short_returns() -> None:
    times, events = recurrence_spells(EVENTS, END)
    # person 1: back at 20, ill at 80 -> event after 60 - 4 weeks; person 2: back at 35,
    # left at 70 -> censored after 35 - 4; person 4: back for 2 weeks -> left out
    np.testing.assert_array_equal(times, [60 - MIN_RETURN_WEEKS, 35 - MIN_RETURN_WEEKS])
    np.testing.assert_array_equal(events, [True, False])


def test_kaplan_meier_hand_computed() -> None:
    times = np.array([2.0, 3.0, 3.0, 5.0, 8.0])
    events = np.array([True, False, True, True, False])
    # S(2) = 4/5; at 3: 4 at risk, 1 event -> x 3/4; at 5: 2 at risk, 1 event -> x 1/2
    assert kaplan_meier_incidence(times, events, 4) == pytest.approx(1 - 0.8 * 0.75)
    assert kaplan_meier_incidence(times, events, 10) == pytest.approx(1 - 0.8 * 0.75 * 0.5)
    assert np.isnan(kaplan_meier_incidence(np.array([]), np.array([], dtype=bool), 4))


def test_icc1_hand_computed_and_limits() -> None:
    scores = np.array([1.0, 2.0, 3.0, 5.0, 6.0, 7.0])
    groups = np.array([0, 0, 0, 1, 1, 1])
    # MSB = 3 x ((2 - 4)^2 + (6 - 4)^2) / 1 = 24; MSW = (2 + 2) / 4 = 1; k0 = 3
    assert icc1(scores, groups) == pytest.approx((24 - 1) / (24 + 2 * 1))
    same_means = np.array([1.0, 3.0, 1.0, 3.0])
    assert icc1(same_means, np.array([0, 0, 1, 1])) < 0  # no between-team variance
    assert np.isnan(icc1(np.array([1.0, 2.0]), np.array([0, 0])))  # one team
