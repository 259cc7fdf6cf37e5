"""Unit tests of orgsim.dynamics.energy: drain (buffered), detachment, recovery, overcommitment."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import energy

KW = {"drain_rate": 0.075, "resource_buffer": 0.5, "autonomy_buffer": 0.3,
      "support_buffer": 0.2, "personal_buffer": 0.4, "overcommit_effort": 0.6}


def drain(**kw: float) -> float:
    args = {"demand": 1.5, "job_resources": 0.5, "autonomy": 0.5, "support": 0.4,
            "personal_resources": 0.6, "overcommitment": 0.5, "engagement": 0.8, "hours": 1.0}
    args.update(kw)
    return float(energy.work_drain(**{k: np.array([v]) for k, v in args.items()}, **KW)[0])


# ---------------------------------------------------------------- work_drain
def test_drain_hand_computed() -> None:
    expected = (0.075 * 1.5 * (1 - 0.5 * 0.5) * (1 - 0.3 * 0.5) * (1 - 0.2 * 0.4)
                * (1 - 0.4 * 0.6) * (1 + 0.6 * 0.5 * 0.8))
    assert drain() == pytest.approx(expected)
    assert expected == pytest.approx(0.062180, abs=1e-6)


def test_more_demand_more_drain_linear() -> None:
    assert drain(demand=2.0) > drain(demand=1.0) > drain(demand=0.5) > 0
    assert drain(demand=2.0) == pytest.approx(2 * drain(demand=1.0))
    assert drain(demand=0.0) == 0.0


def test_resources_buffer_drain() -> None:
    assert drain(job_resources=0.9) < drain(job_resources=0.1)
    assert drain(personal_resources=0.9) < drain(personal_resources=0.1)
    assert drain(autonomy=0.9) < drain(autonomy=0.1)  # the person's own autonomy
    assert drain(support=0.9) < drain(support=0.1)  # support of the colleagues around
    # size: full job resources remove resource_buffer (50%) of the drain; each own buffer
    # its own coefficient
    assert drain(job_resources=1.0) == pytest.approx(0.5 * drain(job_resources=0.0))
    assert drain(autonomy=1.0) == pytest.approx(0.7 * drain(autonomy=0.0))
    assert drain(support=1.0) == pytest.approx(0.8 * drain(support=0.0))


def test_buffer_interaction_demand_effect_smaller_with_resources() -> None:
    """JD-R buffer hypothesis: the demand -> drain slope is flatter when resources are high."""
    slope_low = drain(demand=2.0, job_resources=0.1) - drain(demand=1.0, job_resources=0.1)
    slope_high = drain(demand=2.0, job_resources=0.9) - drain(demand=1.0, job_resources=0.9)
    assert slope_high < slope_low
    assert slope_high / slope_low == pytest.approx((1 - 0.5 * 0.9) / (1 - 0.5 * 0.1))


def test_drain_scales_with_hours() -> None:
    assert drain(hours=0.0) == 0.0
    assert drain(hours=0.25) == pytest.approx(0.25 * drain(hours=1.0))


def test_overcommitment_with_engagement_raises_effort() -> None:
    assert drain(overcommitment=0.9) > drain(overcommitment=0.1)
    # the shadow side needs engagement: without it overcommitment adds no effort
    assert drain(overcommitment=0.9, engagement=0.0) == drain(overcommitment=0.1, engagement=0.0)


def test_overcommitment_keeps_effort_up_as_energy_falls() -> None:
    """Engaged perfectionists keep draining at the same effort while their energy falls,
    and end up lower than otherwise identical colleagues."""
    oc = np.array([0.9, 0.1])
    e = np.array([0.8, 0.8])
    drains = []
    for _ in range(30):
        d = energy.work_drain(np.full(2, 1.5), np.full(2, 0.4), np.full(2, 0.5),
                              np.full(2, 0.4), np.full(2, 0.5), oc, np.full(2, 0.8),
                              np.ones(2), **KW)
        det = energy.detachment(np.full(2, 0.5), np.full(2, 0.3), oc, np.zeros(2),
                                np.zeros(2), overcommit_detach=0.4)
        e = energy.update_energy(e, d, det, np.zeros(2), recovery_rate=0.12)
        drains.append(d)
    drains_arr = np.array(drains)
    assert e[0] < e[1] - 0.05
    # effort does not ease off as energy falls: the drain stays the same every week
    np.testing.assert_allclose(drains_arr[:, 0], drains_arr[0, 0])
    assert (drains_arr[:, 0] > drains_arr[:, 1]).all()


def test_drain_non_negative_random() -> None:
    rng = np.random.default_rng(2)
    n = 1000
    out = energy.work_drain(rng.uniform(0, 5, n), *rng.uniform(0, 1, (7, n)),
                            drain_rate=1, resource_buffer=1, autonomy_buffer=1,
                            support_buffer=1, personal_buffer=1, overcommit_effort=5)
    assert (out >= 0).all()


# ---------------------------------------------------------------- detachment
def detach(**kw: float) -> float:
    args = {"energy_management": 0.6, "recovery_policy": 0.3, "overcommitment": 0.5,
            "outside_load": 0.2, "overtime": 0.2}
    args.update(kw)
    arrays = {k: np.array([v]) for k, v in args.items()}
    return float(energy.detachment(**arrays, overcommit_detach=0.4)[0])


def test_detachment_hand_computed() -> None:
    expected = (0.4 + 0.6 * 0.6 + 0.3 * 0.3 - 0.4 * 0.5 - 0.5 * 0.2) * (1 - 0.5 * 0.2)
    assert detach() == pytest.approx(expected)
    assert expected == pytest.approx(0.495)


def test_detachment_directions() -> None:
    base = detach()
    assert detach(energy_management=0.9) > base
    assert detach(recovery_policy=0.9) > base
    assert detach(overcommitment=0.9) < base
    assert detach(outside_load=0.6) < base
    assert detach(overtime=0.6) < base  # overtime eats recovery time


def test_detachment_bounds() -> None:
    assert detach(energy_management=0.0, recovery_policy=0.0, overcommitment=1.0,
                  outside_load=1.0) == 0.05
    assert detach(energy_management=1.0, recovery_policy=1.0, overcommitment=0.0,
                  outside_load=0.0, overtime=0.0) == 1.0


# ---------------------------------------------------------------- update_energy
def test_update_energy_hand_computed() -> None:
    out = energy.update_energy(np.array([0.5]), np.array([0.05]), np.array([0.5]),
                               np.array([0.0]), recovery_rate=0.12)
    assert out[0] == pytest.approx(0.5 + 0.12 * 0.5 * 0.5 - 0.05)


def test_update_energy_recovery_and_clip() -> None:
    e = np.array([0.2, 0.2, 0.9, 0.01])
    out = energy.update_energy(e, np.array([0.0, 0.0, 0.0, 0.5]), np.array([1.0, 0.2, 1.0, 0.0]),
                               np.array([0.0, 0.0, 0.5, 0.0]), recovery_rate=0.12)
    assert out[0] > out[1] > 0.2  # more detachment, more recovery
    assert out[2] == 1.0 and out[3] == 0.0  # clipped to [0, 1]
