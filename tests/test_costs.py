"""Costs that add up (issue 16): burn-out absence, leavers attributed to burn-out, other
turnover and interventions as separate lines, and a per-case figure in the Dutch range."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim import OrgModel, load_config
from orgsim.dynamics import turnover
from orgsim.results import DUTCH_EUR_PER_CASE, cost_split, horizon_weeks, summarise


def test_excess_share_is_the_part_of_the_hazard_above_the_base_rate() -> None:
    rate = 0.07
    engagement = np.array([0.0, 0.3, turnover.REFERENCE_ENGAGEMENT, 0.9])
    p = turnover.quit_probability(engagement, rate_per_year=rate, engagement_effect=4.0)
    share = turnover.excess_share(p, rate_per_year=rate)
    base = 1.0 - (1.0 - rate) ** (1 / 52)
    assert share[2] == pytest.approx(0.0, abs=1e-12) and share[3] == 0.0  # no excess
    assert share[1] == pytest.approx(1.0 - base / p[1])
    assert share[0] > share[1] > 0  # lower engagement, more of the quit is attributed
    # expected attributed quits = the excess hazard summed over the people at risk
    assert (p * share).sum() == pytest.approx(np.maximum(p - base, 0).sum())


@pytest.fixture(scope="module")
def runs() -> list[tuple[object, object]]:
    cfg = load_config(["scenario=baseline"])
    out = []
    for seed in range(4):
        model = OrgModel.from_config(cfg, rng=seed)
        model.run_for(156)
        out.append((cfg, model.timeseries()))
    return out


def test_cost_lines_add_up_to_the_models_own_cost(runs: list) -> None:
    for cfg, ts in runs:
        split = cost_split(ts, cfg.costs)
        assert 0 < split["burnout_leavers"] <= split["leavers"]
        assert (ts.burnout_leavers <= ts.leavers + 1e-9).all()
        assert split["burnout_eur"] + split["other_turnover_eur"] == pytest.approx(
            ts.cost_eur.sum(), rel=1e-12)
        assert split["total_eur"] == pytest.approx(
            split["burnout_absence_eur"] + split["burnout_turnover_eur"]
            + split["other_turnover_eur"] + split["intervention_eur"])
        summary = summarise(ts, cfg)
        assert summary["burnout_cost_eur"] == pytest.approx(split["burnout_eur"])
    # one run or several at once give the same numbers
    cfg = runs[0][0]
    stacked = {m: np.stack([ts[m].to_numpy() for _, ts in runs]) for m in runs[0][1].columns}
    many = cost_split(stacked, cfg.costs, 104)
    one = cost_split(runs[1][1], cfg.costs, 104)
    assert many["burnout_eur"][1] == pytest.approx(one["burnout_eur"])


def test_absence_cost_per_case_is_in_the_dutch_range(runs: list) -> None:
    """ArboNed via NRC 2017: 242 days x EUR 250 = EUR 60,500 a burn-out case; the calibrated
    baseline's absence cost per new case (over 3 years, 4 futures) lies within 50-150%."""
    cfg = runs[0][0]
    assert cfg.costs.eur_per_absence_day == 250.0
    splits = [cost_split(ts, cfg.costs) for _, ts in runs]
    per_case = (sum(s["burnout_absence_eur"] for s in splits)
                / sum(s["cases"] for s in splits))
    assert 0.5 * DUTCH_EUR_PER_CASE <= per_case <= 1.5 * DUTCH_EUR_PER_CASE, per_case


def test_horizon_weeks() -> None:
    assert horizon_weeks(260) == 156  # default 3 years
    assert horizon_weeks(260, 5) == 260
    assert horizon_weeks(104) == 104  # never beyond the runs
