"""Unit tests of orgsim.dynamics.burnout: the four BAT dimensions and survey complaints."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import burnout


def bat(energy: float, engagement: float, se: float = 0.5, res: float = 0.5) -> tuple[float, ...]:
    dims = burnout.bat_dimensions(np.array([energy]), np.array([engagement]), np.array([se]),
                                  np.array([res]))
    return tuple(float(d[0]) for d in dims)


def test_hand_computed() -> None:
    exh, md, cog, emo = bat(0.4, 0.5, se=0.6, res=0.4)
    assert exh == pytest.approx(0.6)
    assert md == pytest.approx(0.5 * (0.4 + 0.6 * 0.6))
    assert cog == pytest.approx(0.36 * (1.5 - 0.3))
    assert emo == pytest.approx(0.36 * (1.5 - 0.2))


def test_fresh_and_engaged_person_has_no_burnout() -> None:
    assert bat(1.0, 1.0) == (0.0, 0.0, 0.0, 0.0)


def test_directions() -> None:
    tired = bat(0.3, 0.5)
    rested = bat(0.8, 0.5)
    assert all(t > r for t, r in zip(tired, rested, strict=True))
    assert bat(0.5, 0.2)[1] > bat(0.5, 0.8)[1]  # less engagement -> more mental distance
    assert bat(0.3, 0.5, se=0.9)[2] < bat(0.3, 0.5, se=0.1)[2]  # self-efficacy protects
    assert bat(0.3, 0.5, res=0.9)[3] < bat(0.3, 0.5, res=0.1)[3]  # resilience protects


def test_impairment_only_substantial_at_severe_exhaustion() -> None:
    mild = bat(0.8, 0.5)  # exhaustion 0.2 -> 0.04 x factor
    severe = bat(0.1, 0.5)  # exhaustion 0.9 -> 0.81 x factor
    assert mild[2] < 0.06 and severe[2] > 0.75


def test_range_on_random_inputs() -> None:
    rng = np.random.default_rng(7)
    dims = burnout.bat_dimensions(*(rng.uniform(0, 1, 2000) for _ in range(4)))
    for d in dims:
        assert ((d >= 0) & (d <= 1)).all()


def test_complaints_threshold_inclusive() -> None:
    out = burnout.complaints(np.array([0.49, 0.5, 0.9]), 0.5)
    np.testing.assert_array_equal(out, [False, True, True])
