"""Unit tests of orgsim.dynamics.turnover: voluntary leaving falls with engagement."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import turnover


def quit_p(engagement: float, rate: float = 0.07, effect: float = 4.0) -> float:
    return float(turnover.quit_probability(np.array([engagement]), rate_per_year=rate,
                                           engagement_effect=effect)[0])


def test_reference_engagement_gives_base_annual_rate() -> None:
    weekly = quit_p(turnover.REFERENCE_ENGAGEMENT)
    assert 1 - (1 - weekly) ** 52 == pytest.approx(0.07)


def test_hand_computed_log_hazard() -> None:
    weekly = 1 - 0.93 ** (1 / 52)
    assert quit_p(0.3) == pytest.approx(weekly * np.exp(4.0 * 0.25))
    assert quit_p(0.8) == pytest.approx(weekly * np.exp(-4.0 * 0.25))


def test_quit_probability_falls_with_engagement() -> None:
    p = turnover.quit_probability(np.linspace(0, 1, 11), rate_per_year=0.07,
                                  engagement_effect=4.0)
    assert (np.diff(p) < 0).all()
    assert ((p > 0) & (p <= 0.5)).all()


def test_no_engagement_effect_and_bounds() -> None:
    assert quit_p(0.0, effect=0.0) == quit_p(1.0, effect=0.0)
    assert quit_p(0.5, rate=0.0) == 0.0
    assert quit_p(0.0, rate=1.0, effect=20.0) == 0.5  # capped
