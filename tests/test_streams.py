"""The keyed (counter-based) random draws of orgsim.streams."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from orgsim import streams
from orgsim.dynamics import outside_work
from orgsim.streams import Draw


def test_a_draw_depends_only_on_seed_week_purpose_and_position() -> None:
    key = streams.key(7)
    every = streams.uniform_at(key, 3, Draw.QUIT, 1000)
    some = np.array([999, 4, 500, 4])
    np.testing.assert_array_equal(streams.uniform_at(key, 3, Draw.QUIT, some), every[some])
    np.testing.assert_array_equal(streams.uniform_at(streams.key(7), 3, Draw.QUIT, 1000), every)
    for other in (streams.uniform_at(streams.key(8), 3, Draw.QUIT, 1000),
                  streams.uniform_at(key, 4, Draw.QUIT, 1000),
                  streams.uniform_at(key, -3, Draw.QUIT, 1000),
                  streams.uniform_at(key, 3, Draw.ONSET, 1000)):
        assert not np.isin(other, every).any()
        assert abs(np.corrcoef(other, every)[0, 1]) < 0.1


def test_compiled_and_numpy_forms_give_the_same_uniforms() -> None:
    key = streams.key(123)
    rows = np.arange(5000)
    np.testing.assert_array_equal(streams.uniform(key, -260, int(Draw.ONSET), rows),
                                  streams.uniform_at(key, -260, Draw.ONSET, rows))


def test_uniforms_are_uniform_and_normals_normal() -> None:
    key = streams.key(2024)
    u = streams.uniform_at(key, 11, Draw.LIFE_EVENT_START, 200_000)
    assert u.min() >= 0.0 and u.max() < 1.0
    assert stats.kstest(u, "uniform").pvalue > 1e-3
    first, second = streams.normal_pair_at(key, 11, Draw.UPS_AND_DOWNS, 200_000)
    for z in (first, second):
        assert stats.kstest(z, "norm").pvalue > 1e-3
    assert abs(np.corrcoef(first, second)[0, 1]) < 0.01
    # neighbouring positions and weeks are not correlated either
    assert abs(np.corrcoef(u[:-1], u[1:])[0, 1]) < 0.01
    later = streams.uniform_at(key, 12, Draw.LIFE_EVENT_START, 200_000)
    assert abs(np.corrcoef(u, later)[0, 1]) < 0.01


@pytest.mark.parametrize("mean", [1.0, 4.0, 16.0])
def test_life_event_length_is_geometric_with_the_mean(mean: float) -> None:
    u = streams.uniform_at(streams.key(5), 0, Draw.LIFE_EVENT_LENGTH, 100_000)
    weeks = outside_work.life_event_length(u, mean)
    assert weeks.dtype == np.int64 and weeks.min() >= 1
    assert weeks.mean() == pytest.approx(mean, rel=0.02)
    if mean > 1:  # P(K = 1) = 1 / mean
        assert np.mean(weeks == 1) == pytest.approx(1.0 / mean, rel=0.05)


def test_a_scenario_leaves_the_random_numbers_of_everyone_else_alone() -> None:
    """Common random numbers: a run with an intervention from week 20 is bit-identical to
    the baseline until then, and afterwards differs only through what the intervention
    changes: with the same chance draws for the same people, the effect of focus shows week
    after week with one sign instead of drowning in noise."""
    from orgsim.compose import load_config
    from orgsim.model import OrgModel

    runs = {}
    for scenario in ("baseline", "focus"):
        cfg = load_config([f"scenario={scenario}", "org.n_employees=300", "warmup_weeks=104",
                           "weeks=40", *(["interventions.focus.start_week=20"]
                                         if scenario == "focus" else [])])
        model = OrgModel(config=cfg, rng=3)
        model.run_for(40)
        runs[scenario] = model.timeseries()
    base, focus = runs["baseline"], runs["focus"]
    early = base["week"] <= 20
    assert base[early].equals(focus[early])
    assert not base[~early].equals(focus[~early])
    diff = (focus["burnout_complaints"] - base["burnout_complaints"])[~early]
    assert (diff <= 0).mean() >= 0.9 and diff.iloc[-1] < 0
