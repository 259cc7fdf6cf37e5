"""Unit tests of orgsim.dynamics.outside_work: caregiving and life events."""

from __future__ import annotations

import numpy as np

from orgsim.dynamics import outside_work


def test_outside_load_adds_and_caps_at_one() -> None:
    out = outside_work.outside_load(np.array([0.0, 0.3, 0.8]), np.array([0.35, 0.35, 0.5]))
    np.testing.assert_allclose(out, [0.35, 0.65, 1.0])


def test_life_events_only_start_for_people_without_one() -> None:
    out = outside_work.life_event_starts(np.array([True, False]), np.zeros(2),
                                         events_per_year=5)
    np.testing.assert_array_equal(out, [False, True])
    assert not outside_work.life_event_starts(np.zeros(100, bool), np.full(100, 1e-9),
                                              events_per_year=0).any()


def test_life_event_weekly_rate_statistical() -> None:
    n, per_year = 50_000, 1.3
    rng = np.random.default_rng(14)
    k = int(outside_work.life_event_starts(np.zeros(n, bool), rng.random(n),
                                           events_per_year=per_year).sum())
    p = per_year / 52
    assert abs(k - n * p) <= 4 * np.sqrt(n * p * (1 - p))
