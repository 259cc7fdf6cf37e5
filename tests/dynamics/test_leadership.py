"""Unit tests of orgsim.dynamics.leadership: leader presence and acting on warning signs."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import leadership


def test_presence_factor_hand_computed() -> None:
    out = leadership.presence_factor(np.array([True, True, False]), np.array([0.6, 1.0, 0.9]),
                                     absent_factor=0.4)
    np.testing.assert_allclose(out, [0.8, 1.0, 0.4])


def test_exhausted_leader_gives_less() -> None:
    out = leadership.presence_factor(np.ones(3, bool), np.array([0.1, 0.5, 0.9]),
                                     absent_factor=0.4)
    assert out[0] < out[1] < out[2]
    assert ((out >= 0.5) & (out <= 1.0)).all()


def notice(exhaustion: float, detection: float, safety: float, n: int = 20_000,
           eligible: bool = True, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return leadership.notice_signals(np.full(n, exhaustion), np.full(n, eligible),
                                     np.full(n, detection), np.full(n, safety), rng.random(n),
                                     warning=0.5)


def test_only_eligible_people_with_warning_signs_are_noticed() -> None:
    assert not notice(0.49, 1.0, 1.0).any()  # below the warning level
    assert not notice(0.9, 1.0, 1.0, eligible=False).any()
    assert notice(0.5, 1.0, 1.0).all()  # certain detection in a safe team
    assert not notice(0.9, 0.0, 1.0).any()  # a leader who does not look sees nothing


@pytest.mark.parametrize(("detection", "safety"), [(0.6, 0.0), (0.6, 1.0), (0.2, 0.5)])
def test_notice_rate_matches_formula(detection: float, safety: float) -> None:
    n = 20_000
    p = detection * (0.5 + 0.5 * safety)
    k = int(notice(0.7, detection, safety, n).sum())
    assert abs(k - n * p) <= 4 * np.sqrt(n * p * (1 - p))


def test_more_detection_and_safety_more_noticed() -> None:
    assert notice(0.7, 0.8, 0.5).sum() > notice(0.7, 0.3, 0.5).sum()
    assert notice(0.7, 0.5, 0.9).sum() > notice(0.7, 0.5, 0.1).sum()


def test_style_reaching_members_capped_and_leaders_get_management() -> None:
    out = leadership.style_reaching(np.array([0.6, 0.6, 0.9, 0.6]),
                                    np.array([0.5, 1.5, 1.5, 2.0]),
                                    np.array([True, True, True, False]), 0.45)
    np.testing.assert_allclose(out, [0.3, 0.9, 1.0, 0.45])
