"""Unit tests of orgsim.dynamics.engagement: the motivational process."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import engagement

KW = {"base": -1.2, "resources": 3.0, "personal": 1.5, "boost": 0.5,
      "exhaustion_effect": 2.0, "hindrance_effect": 1.0}


def target(**kw: float) -> float:
    args = {"job_resources": 0.5, "personal_resources": 0.6, "demand": 1.5, "exhaustion": 0.3,
            "hindrance_demand": 0.8}
    args.update(kw)
    return float(engagement.engagement_target(
        **{k: np.array([v]) for k, v in args.items()}, **KW)[0])


def test_target_hand_computed() -> None:
    logit = -1.2 + 3.0 * 0.5 * 1.25 + 1.5 * 0.6 - 2.0 * 0.3 - 1.0 * 0.8
    assert logit == pytest.approx(0.175)
    assert target() == pytest.approx(1 / (1 + np.exp(-0.175)))


def test_target_directions() -> None:
    base = target()
    assert target(job_resources=0.9) > base  # resources -> engagement
    assert target(personal_resources=0.9) > base
    assert target(exhaustion=0.8) < base  # exhaustion -> distance
    assert target(hindrance_demand=1.5) < base


def test_boosting_resources_matter_more_under_high_demand() -> None:
    effect_low = target(job_resources=0.8, demand=0.8) - target(job_resources=0.2, demand=0.8)
    effect_high = target(job_resources=0.8, demand=2.5) - target(job_resources=0.2, demand=2.5)
    assert effect_high > effect_low
    # demand itself does not lower the target (challenge), it only boosts resources
    assert target(job_resources=0.0, demand=3.0) == pytest.approx(
        target(job_resources=0.0, demand=0.5))


def test_target_in_unit_interval() -> None:
    rng = np.random.default_rng(4)
    n = 1000
    out = engagement.engagement_target(
        rng.uniform(0, 1, n), rng.uniform(0, 1, n), rng.uniform(0, 5, n), rng.uniform(0, 1, n),
        rng.uniform(0, 3, n), base=-10, resources=20, personal=20, boost=5,
        exhaustion_effect=20, hindrance_effect=20)
    assert ((out >= 0) & (out <= 1)).all()


def test_update_engagement_moves_share_of_the_way() -> None:
    out = engagement.update_engagement(np.array([0.4, 0.8]), np.array([0.9, 0.2]),
                                       np.zeros(2), rate=0.1)
    np.testing.assert_allclose(out, [0.45, 0.74])


def test_update_engagement_converges_and_clips() -> None:
    e = np.array([0.1])
    for _ in range(200):
        e = engagement.update_engagement(e, np.array([0.7]), np.zeros(1), rate=0.1)
    assert e[0] == pytest.approx(0.7, abs=1e-6)
    out = engagement.update_engagement(np.array([0.99, 0.01]), np.array([1.0, 0.0]),
                                       np.array([0.5, -0.5]), rate=0.1)
    np.testing.assert_array_equal(out, [1.0, 0.0])
