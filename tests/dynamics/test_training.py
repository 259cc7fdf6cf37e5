"""Unit tests of orgsim.dynamics.training: what a course taught, applied at once, fading."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import training


def test_fade_hand_computed_and_half_life() -> None:
    x = np.array([0.0, 0.2, 0.8])
    once = training.training_fade(x, half_life_weeks=13.0)
    np.testing.assert_allclose(once, x * 0.5 ** (1 / 13))
    for _ in range(12):
        once = training.training_fade(once, half_life_weeks=13.0)
    np.testing.assert_allclose(once, x / 2)  # half is left after one half-life
    # a shorter half-life fades faster; nothing goes below 0 or comes from nothing
    fast = training.training_fade(x, half_life_weeks=4.0)
    assert (fast[1:] < training.training_fade(x, half_life_weeks=26.0)[1:]).all()
    assert fast[0] == 0.0 and (fast >= 0).all()


def test_session_adds_and_caps_at_one() -> None:
    np.testing.assert_allclose(training.training_session(np.array([0.0, 0.5, 0.98]), 0.05),
                               [0.05, 0.55, 1.0])


@pytest.mark.parametrize("r", [0.0, 0.3, 0.61, 1.0])
def test_applied_resource(r: float) -> None:
    res = np.array([r])
    # no training: the resource exactly as it is (the baseline does not move)
    assert training.applied_resource(res, np.array([0.0]))[0] == r
    # the course teaches what is missing: half of it at training 0.5, all of it at 1
    assert training.applied_resource(res, np.array([0.5]))[0] == pytest.approx(r + 0.5 * (1 - r))
    assert training.applied_resource(res, np.array([1.0]))[0] == pytest.approx(1.0)
