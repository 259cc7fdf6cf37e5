"""Check (and optionally search) the baseline against the Dutch calibration targets.

Usage:
    python scripts/calibrate.py                      # report baseline over 20 seeds
    python scripts/calibrate.py --seeds 40 params.drain_rate=0.02   # try a change

Targets (docs/calibration.md): burn-out complaints 16-20%; mean burn-out absence
duration 240-300 calendar days; burn-out absence 1.0-1.5% of contracted hours; ~37% fully
back 6 months after onset; ~19% new episode within ~3 years of return.
Each number is the mean over seeds of a run of 260 weeks after the warm-up, with the 95%
interval of that mean (t-based) to show the uncertainty over seeds.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import numpy as np

from orgsim import OrgModel, load_config

TARGETS = {
    "burnout_complaints_pct": (16.0, 20.0),
    "absence_duration_days": (240.0, 300.0),
    "burnout_absence_pct_hours": (1.0, 1.5),
    "fully_back_6_months_pct": (30.0, 45.0),
    "relapse_3y_pct": (12.0, 26.0),
}


def run_one(overrides: Sequence[str], seed: int, weeks: int) -> dict[str, float]:
    """Calibration statistics of one run."""
    cfg = load_config(list(overrides))
    model = OrgModel.from_config(cfg, rng=seed)
    model.run_for(weeks)
    ts = model.timeseries()
    eps = model.episodes()
    returned = eps[eps.outcome == "returned"]
    n = cfg.org.n_employees
    return {
        "burnout_complaints_pct": 100 * ts.burnout_complaints.mean(),
        "absence_duration_days": float(eps.days.mean()) if len(eps) else np.nan,
        "burnout_absence_pct_hours": 100 * ts.absence_rate.mean(),
        "fully_back_6_months_pct": 100 * float((returned.weeks <= 26).sum()) / len(eps)
        if len(eps) else np.nan,
        "relapse_3y_pct": 100 * ts.relapses.sum() / max(ts.returns.sum(), 1),
        "cases_per_100_per_year": 100 * ts.new_burnout_cases.sum() / n / (weeks / 52),
        "turnover_pct_per_year": 100 * ts.leavers.sum() / n / (weeks / 52),
        "engagement_mean": ts.engagement_mean.mean(),
    }


def summarise(runs: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Mean and 95% interval of the mean over seeds, per statistic."""
    from scipy import stats

    out = {}
    for key in runs[0]:
        values = np.array([r[key] for r in runs], dtype=float)
        values = values[~np.isnan(values)]
        mean = float(values.mean()) if len(values) else float("nan")
        half = (float(stats.t.ppf(0.975, len(values) - 1) * values.std(ddof=1)
                      / np.sqrt(len(values))) if len(values) > 1 else float("nan"))
        lo, hi = TARGETS.get(key, (None, None))
        out[key] = {"mean": mean, "ci95": half, "target_lo": lo, "target_hi": hi,
                    "in_range": None if lo is None else bool(lo <= mean <= hi)}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("overrides", nargs="*", help="Hydra-style overrides")
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--json", help="write the summary to this JSON file")
    args = parser.parse_args(argv)
    runs = [run_one(args.overrides, seed, args.weeks) for seed in range(args.seeds)]
    summary = summarise(runs)
    print(f"{'statistic':28s} {'model':>16s}  target")
    for key, s in summary.items():
        target = "" if s["target_lo"] is None else f"{s['target_lo']:g}-{s['target_hi']:g}"
        flag = "" if s["in_range"] is None else ("ok" if s["in_range"] else "MISS")
        print(f"{key:28s} {s['mean']:8.2f} ± {s['ci95']:5.2f}  {target:10s} {flag}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(summary, fh, indent=2)
    return 0 if all(s["in_range"] in (None, True) for s in summary.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
