"""Summary statistics of one run, from its weekly time series (used by CLI, experiments, report)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from orgsim.config import Config

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
}


def summarise(ts: pd.DataFrame, cfg: Config) -> dict[str, Any]:
    """Headline numbers of a run (keys as in :data:`SUMMARY_KEYS`)."""
    weeks = len(ts)
    years = max(weeks, 1) / 52.0
    per_100 = 100.0 / cfg.org.n_employees / years
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
    }
