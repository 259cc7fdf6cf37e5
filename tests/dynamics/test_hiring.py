"""Unit tests of orgsim.dynamics.hiring: filling vacancies and onboarding."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import hiring


def test_only_vacancies_are_filled() -> None:
    out = hiring.filled(np.array([True, False, True]), np.array([0.0, 0.0, 0.99]),
                        mean_weeks=10)
    np.testing.assert_array_equal(out, [True, False, False])
    assert hiring.filled(np.ones(50, bool), np.random.default_rng(0).random(50),
                         mean_weeks=1).all()


def test_weekly_fill_rate_statistical() -> None:
    n, mean_weeks = 20_000, 8.0
    k = int(hiring.filled(np.ones(n, bool), np.random.default_rng(12).random(n),
                          mean_weeks=mean_weeks).sum())
    p = 1 / mean_weeks
    assert abs(k - n * p) <= 4 * np.sqrt(n * p * (1 - p))


def test_vacancies_filled_after_mean_delay() -> None:
    """Geometric waiting time: mean weeks to fill equals ``mean_weeks``."""
    rng = np.random.default_rng(13)
    n, mean_weeks = 5000, 6.0
    vacant = np.ones(n, bool)
    waited = np.zeros(n)
    for _ in range(200):
        waited += vacant
        vacant &= ~hiring.filled(vacant, rng.random(n), mean_weeks=mean_weeks)
    assert not vacant.any()
    # sd of a geometric(1/6) is sqrt(30) ~ 5.5; standard error ~0.08
    assert waited.mean() == pytest.approx(mean_weeks, abs=0.35)


def test_productivity_ramps_linearly_over_onboarding() -> None:
    out = hiring.productivity(np.array([12, 6, 3, 0]), 12, 0.5)
    np.testing.assert_allclose(out, [0.5, 0.75, 0.875, 1.0])


def test_productivity_without_onboarding_is_full() -> None:
    np.testing.assert_array_equal(hiring.productivity(np.array([0, 5]), 0, 0.2), [1.0, 1.0])
    out = hiring.productivity(np.array([20]), 10, 0.3)  # more left than the period: start level
    assert out[0] == pytest.approx(0.3)
