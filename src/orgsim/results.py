"""Summary statistics of one run, from its weekly time series (used by CLI, experiments, report),
and the split of its costs into what belongs to burn-out and what does not (:func:`cost_split`).

Cost lines (docs/ODD.md, "Costs"): burn-out absence (calendar days of burn-out absence x
``costs.eur_per_absence_day``), burn-out-related turnover (leavers attributed to burn-out,
metric ``burnout_leavers``, x ``costs.replacement_cost_eur``), other turnover (the other
leavers x the same replacement cost) and the interventions' own cost. The burn-out cost is
the first two; the total is all four.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from orgsim.config import Config, CostConfig

#: Summary keys with their meaning (per run).
SUMMARY_KEYS: dict[str, str] = {
    "weeks": "weeks simulated",
    "burnout_complaints_pct": "mean share of employees with burn-out complaints (%)",
    "burnout_absent_pct": "mean share on burn-out sick leave (%)",
    "absence_rate_pct": "mean share of contracted hours lost to burn-out absence (%)",
    "burnout_cases_per_100_fte_year": "new burn-out sick-leave episodes per 100 positions a year",
    "relapses_total": "relapses after a return",
    "leavers_per_100_fte_year": "leavers per 100 positions a year",
    "engagement_mean": "mean engagement (0..1)",
    "energy_mean": "mean energy (0..1)",
    "productivity_mean": "mean productivity (1 = fully staffed, healthy)",
    "absence_days_total": "calendar days of burn-out absence (FTE-weighted)",
    "cost_eur_total": "absence and replacement cost (EUR)",
    "burnout_leavers_total": "leavers attributed to burn-out (expected count)",
    "burnout_cost_eur": "burn-out cost: absence plus burn-out-related replacement (EUR)",
    "other_turnover_cost_eur": "replacement cost of the other leavers (EUR)",
}

#: Dutch reference for the absence cost of one burn-out case: 242 calendar days of absence
#: (ArboNed, via NRC 2017) x EUR 250 a day (the default ``costs.eur_per_absence_day``).
DUTCH_EUR_PER_CASE = 242 * 250.0

#: Years over which a comparison's results are shown (compare table, MT report, app) unless
#: ``orgsim compare ... horizon_years=<n>`` chooses another horizon.
HORIZON_YEARS = 3

#: Weekly metrics :func:`cost_split` reads (``intervention_cost_eur`` when present).
COST_METRICS = ("new_burnout_cases", "absence_days", "leavers", "burnout_leavers")


def horizon_weeks(weeks: int, years: float | None = None) -> int:
    """Weeks of the horizon: ``years`` (default :data:`HORIZON_YEARS`) x 52, at most the
    ``weeks`` the runs cover."""
    wanted = round(52 * (HORIZON_YEARS if years is None else years))
    return max(1, min(int(weeks), wanted))


def horizon_span(weeks: int) -> str:
    """The horizon in years for tables and figures: ``"3 years"``, ``"1 year"``, or to one
    decimal when it is not a whole number of years (``"0.6 years"``: runs shorter than
    ``horizon_years``)."""
    weeks = int(weeks)
    if weeks % 52 == 0:
        return f"{weeks // 52} year{'s' if weeks != 52 else ''}"
    return f"{weeks / 52:.1f} years"


def cost_split(weekly: Mapping[str, Any], costs: CostConfig, weeks: int | None = None
               ) -> dict[str, Any]:
    """The cost lines of one run or of several, summed over the first ``weeks`` weeks.

    Args:
        weekly: metric -> weekly values, shape ``(weeks,)`` for one run (e.g. a column of
            ``OrgModel.timeseries()``) or ``(runs, weeks)``; needs :data:`COST_METRICS`,
            uses ``intervention_cost_eur`` when present (else 0).
        costs: the cost parameters.
        weeks: the horizon in weeks (default: all weeks given).

    Returns:
        Per run (a float, or an array over runs): ``cases``, ``absence_days``, ``leavers``,
        ``burnout_leavers``, ``burnout_absence_eur``, ``burnout_turnover_eur``,
        ``other_turnover_eur``, ``intervention_eur``, ``burnout_eur`` (the first two cost
        lines), ``total_eur`` (all four) and ``eur_per_case`` (burn-out absence cost per
        new case; NaN without cases).
    """
    missing = [m for m in COST_METRICS if m not in weekly]
    if missing:
        raise KeyError(f"cost_split needs the weekly metric(s) {', '.join(missing)}")

    def total(metric: str) -> Any:
        values = np.asarray(weekly[metric], dtype=float)
        return np.nansum(values[..., :weeks], axis=-1)

    out: dict[str, Any] = {key: total(metric) for key, metric in (
        ("cases", "new_burnout_cases"), ("absence_days", "absence_days"),
        ("leavers", "leavers"), ("burnout_leavers", "burnout_leavers"))}
    out["burnout_absence_eur"] = out["absence_days"] * costs.eur_per_absence_day
    out["burnout_turnover_eur"] = out["burnout_leavers"] * costs.replacement_cost_eur
    out["other_turnover_eur"] = ((out["leavers"] - out["burnout_leavers"])
                                 * costs.replacement_cost_eur)
    out["intervention_eur"] = (total("intervention_cost_eur") if "intervention_cost_eur"
                               in weekly else 0.0 * out["cases"])
    out["burnout_eur"] = out["burnout_absence_eur"] + out["burnout_turnover_eur"]
    out["total_eur"] = out["burnout_eur"] + out["other_turnover_eur"] + out["intervention_eur"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["eur_per_case"] = np.where(out["cases"] > 0,
                                       out["burnout_absence_eur"] / out["cases"], np.nan)
    if np.ndim(out["cases"]) == 0:
        out = {key: float(value) for key, value in out.items()}
    return out


def summarise(ts: pd.DataFrame, cfg: Config) -> dict[str, Any]:
    """Headline numbers of a run (keys as in :data:`SUMMARY_KEYS`)."""
    weeks = len(ts)
    years = max(weeks, 1) / 52.0
    per_100 = 100.0 / cfg.org.n_employees / years
    split = cost_split({m: ts[m] for m in COST_METRICS}, cfg.costs)
    return {
        "weeks": weeks,
        "burnout_complaints_pct": 100 * float(ts.burnout_complaints.mean()),
        "burnout_absent_pct": 100 * float(ts.burnout_absent.mean()),
        "absence_rate_pct": 100 * float(ts.absence_rate.mean()),
        "burnout_cases_per_100_fte_year": float(ts.new_burnout_cases.sum()) * per_100,
        "relapses_total": int(ts.relapses.sum()),
        "leavers_per_100_fte_year": float(ts.leavers.sum()) * per_100,
        "engagement_mean": float(ts.engagement_mean.mean()),
        "energy_mean": float(ts.energy_mean.mean()),
        "productivity_mean": float(ts.productivity.mean()),
        "absence_days_total": float(ts.absence_days.sum()),
        "cost_eur_total": float(ts.cost_eur.sum()),
        "burnout_leavers_total": split["burnout_leavers"],
        "burnout_cost_eur": split["burnout_eur"],
        "other_turnover_cost_eur": split["other_turnover_eur"],
    }
