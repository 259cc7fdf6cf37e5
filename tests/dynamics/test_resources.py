"""Unit tests of orgsim.dynamics.resources: job resources as the mean of seven components."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import resources

NAMES = ("autonomy", "feedback", "recognition", "coaching", "development",
         "colleague_support", "lead_support", "lead_recognition", "lead_participation",
         "lead_honest", "in_conversation")


def jr(**kw: float) -> float:
    args = dict.fromkeys(NAMES, 0.5)
    args["in_conversation"] = 0.0
    args.update(kw)
    return float(resources.job_resources(**{k: np.array([v]) for k, v in args.items()})[0])


def test_hand_computed() -> None:
    autonomy = 0.5 * (0.7 + 0.3 * 0.5)
    support = 0.5 * 0.5 + 0.5 * 0.5
    expected = (autonomy + support + 0.5 + 0.5 + 0.5 + 0.5 + 0.5) / 7
    assert jr() == pytest.approx(expected)
    assert expected == pytest.approx(0.489286, abs=1e-6)


def test_extremes() -> None:
    assert jr(**dict.fromkeys(NAMES, 0.0)) == 0.0
    assert jr(**dict.fromkeys(NAMES, 1.0)) == pytest.approx(1.0)


@pytest.mark.parametrize("name", [n for n in NAMES if n not in ("lead_honest",
                                                                   "in_conversation")])
def test_each_resource_raises_job_resources(name: str) -> None:
    assert jr(**{name: 0.9}) > jr(**{name: 0.1})


def test_autonomy_size_of_effect() -> None:
    # autonomy felt = autonomy x (0.7 + 0.3 x participation); one of seven components
    assert jr(autonomy=1.0) - jr(autonomy=0.0) == pytest.approx(0.85 / 7)


def test_honest_conversation_adds_support_only_in_conversation() -> None:
    assert jr(lead_honest=1.0) == jr(lead_honest=0.0)
    gain = jr(lead_honest=1.0, in_conversation=1.0) - jr(lead_honest=1.0)
    assert gain == pytest.approx(0.5 * 0.3 / 7)


def test_range_on_random_inputs() -> None:
    rng = np.random.default_rng(5)
    out = resources.job_resources(*(rng.uniform(0, 1, 1000) for _ in NAMES))
    assert ((out >= 0) & (out <= 1)).all()


def test_colleague_support_reaches_a_person_through_present_contacts() -> None:
    support = resources.colleague_support(np.full(4, 0.8), np.full(4, 0.5),
                                          np.array([0.0, 3.0, 6.0, 60.0]), half_contacts=3.0)
    # collaboration x (0.5 + 0.5 safety) x c / (c + half)
    np.testing.assert_allclose(support, 0.8 * 0.75 * np.array([0.0, 0.5, 2 / 3, 60 / 63]))
    assert support[0] == 0.0  # nobody around: no colleague support


def test_autonomy_as_felt() -> None:
    felt = resources.autonomy_as_felt(np.array([0.6, 0.6]), np.array([0.0, 1.0]))
    np.testing.assert_allclose(felt, [0.42, 0.6])
