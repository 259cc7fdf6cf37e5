"""Unit tests of orgsim.dynamics.spirals: gain and loss spirals of personal resources."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import spirals

KW = {"gain_rate": 0.01, "loss_rate": 0.015, "trait_pull": 0.01}


def change(**kw: float) -> float:
    args = {"resource": 0.5, "trait": 0.5, "engagement": 0.5, "exhaustion": 0.3}
    args.update(kw)
    return float(spirals.resource_change(**{k: np.array([v]) for k, v in args.items()},
                                         **KW)[0])


def test_hand_computed() -> None:
    # gain 0.01 x (0.2/0.4) x (1-0.5) = 0.0025; no loss; pull 0.01 x 0.1 = 0.001
    assert change(trait=0.6, engagement=0.8, exhaustion=0.2) == pytest.approx(0.0035)
    # loss 0.015 x (0.4/0.5) x 0.5 = 0.006
    assert change(engagement=0.3, exhaustion=0.9) == pytest.approx(-0.006)


def test_neutral_state_no_change() -> None:
    assert change() == 0.0
    # thresholds: no gain up to engagement 0.6, no loss up to exhaustion 0.5
    assert change(engagement=spirals.GAIN_FROM, exhaustion=spirals.LOSS_FROM) == 0.0


def test_engagement_builds_personal_resources() -> None:
    assert change(engagement=0.9) > change(engagement=0.7) > 0.0
    assert change(engagement=1.0) == pytest.approx(0.01 * 0.5)


def test_exhaustion_erodes_personal_resources() -> None:
    assert change(exhaustion=0.95) < change(exhaustion=0.7) < 0.0
    assert change(exhaustion=1.0) == pytest.approx(-0.015 * 0.5)


def test_pull_towards_trait_level() -> None:
    assert change(resource=0.8, trait=0.5) == pytest.approx(0.01 * -0.3)
    assert change(resource=0.2, trait=0.5) == pytest.approx(0.01 * 0.3)


def test_spirals_over_time() -> None:
    """Engaged people gain, exhausted people lose: repeated weeks diverge from the same start."""
    r = np.array([0.5, 0.5])
    for _ in range(52):
        r = r + spirals.resource_change(r, np.full(2, 0.5), np.array([0.9, 0.3]),
                                        np.array([0.1, 0.9]), **KW)
    assert r[0] > 0.55 and r[1] < 0.45
    assert (r > 0).all() and (r < 1).all()
