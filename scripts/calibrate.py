"""Check the baseline against every calibration target (docs/calibration.md).

Usage:
    python scripts/calibrate.py                       # 20 seeds, all targets (make calibrate)
    python scripts/calibrate.py --seeds 40 params.drain_rate=0.02   # try a change
    python scripts/calibrate.py --json docs/calibration_results.json

Runs the baseline (``org=typical_dutch scenario=baseline``, 260 weeks after the warm-up)
over ``--seeds`` seeds with a synthetic survey every 52 weeks, each sector preset, and the
baseline with every team's workload 10% higher, in parallel (``--jobs``). Prints, per
target, the mean over seeds with its 95% interval (t-interval of the mean for per-run
statistics; a bootstrap over seeds for the pooled cohort statistics) and PASS or MISS.
Exit status 0 when every target passes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np
from joblib import Parallel, delayed

from orgsim import load_config
from orgsim.calibration.statistics import RunStatistics, cohort_estimates, run_statistics
from orgsim.calibration.targets import SECTOR_PREVALENCE, TARGETS
from orgsim.experiments.stats import t_interval


def _quiet_run(overrides: Sequence[str], seed: int, weeks: int, survey: bool) -> RunStatistics:
    import logging

    logging.getLogger("MESA").setLevel(logging.WARNING)
    return run_statistics(overrides, seed, weeks, survey)


def pooled_cohorts(runs: Sequence[RunStatistics], weeks: int, seed: int = 0,
                   n_boot: int = 400) -> dict[str, tuple[float, float, float]]:
    """Fully-back and recurrence estimates pooled over runs, with a bootstrap over runs."""
    point = cohort_estimates(runs, weeks)
    rng = np.random.default_rng(seed)
    boots = np.array([cohort_estimates([runs[i] for i in rng.integers(0, len(runs), len(runs))],
                                       weeks) for _ in range(n_boot)])
    out = {}
    for j, key in enumerate(("fully_back_26w_pct", "recurrence_3y_pct")):
        lo, hi = np.nanpercentile(boots[:, j], [2.5, 97.5])
        out[key] = (point[j], float(lo), float(hi))
    return out


def calibrate(overrides: Sequence[str], seeds: int, weeks: int, jobs: int
              ) -> dict[str, dict[str, Any]]:
    """Every target's simulated mean, 95% interval and PASS/MISS."""
    base = ["org=typical_dutch", "scenario=baseline", *overrides]
    plan: list[tuple[str, list[str], bool]] = [("baseline", base, True)]
    plan += [(f"sector_{name}", [f"org={name}", "scenario=baseline", *overrides], False)
             for name in SECTOR_PREVALENCE]
    workload = load_config(base).demands.workload  # every team's drawn workload x 1.1
    plan.append(("workload_plus10", [*base, f"demands.workload={1.1 * workload!r}"], False))
    tasks = [(name, ov, seed, survey) for name, ov, survey in plan for seed in range(seeds)]
    results = Parallel(n_jobs=jobs)(delayed(_quiet_run)(ov, seed, weeks, survey)
                                    for _, ov, seed, survey in tasks)
    by_case: dict[str, list[RunStatistics]] = {}
    for (name, *_), result in zip(tasks, results, strict=True):
        by_case.setdefault(name, []).append(result)

    def per_run(case: str, key: str) -> np.ndarray:
        return np.array([r.values.get(key, np.nan) for r in by_case[case]], dtype=float)

    estimates: dict[str, tuple[float, float, float]] = {}
    for key in ("complaints_pct", "survey_minus_model_pct", "absence_pct_hours",
                "episode_days", "icc_exhaustion", "cases_per_100_year", "leavers_pct_year",
                *(k for k in by_case["baseline"][0].values if k.startswith("r_"))):
        estimates[key] = t_interval(per_run("baseline", key))
    estimates.update(pooled_cohorts(by_case["baseline"], weeks))
    base_prev = per_run("baseline", "complaints_pct")
    estimates["workload_plus10_points"] = t_interval(
        per_run("workload_plus10", "complaints_pct") - base_prev)  # paired seeds
    sd = float(np.nanstd(base_prev, ddof=1))
    estimates["complaints_sd_pct"] = (sd, sd, sd)
    for name in SECTOR_PREVALENCE:
        estimates[f"sector_{name}_pct"] = t_interval(per_run(f"sector_{name}",
                                                             "complaints_pct"))
    out: dict[str, dict[str, Any]] = {}
    for target in TARGETS:
        mean, lo, hi = estimates.get(target.key, (float("nan"),) * 3)
        out[target.key] = {"label": target.label, "mean": mean, "ci_lo": lo, "ci_hi": hi,
                           "target": target.target, "band": [target.lo, target.hi],
                           "source": target.source, "unit": target.unit,
                           "pass": bool(target.lo <= mean <= target.hi)}
    for key, (mean, lo, hi) in estimates.items():
        if key not in out:
            out[key] = {"label": key, "mean": mean, "ci_lo": lo, "ci_hi": hi, "pass": None}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("overrides", nargs="*", help="Hydra-style overrides")
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", help="write the results to this JSON file")
    args = parser.parse_args(argv)
    results = calibrate(args.overrides, args.seeds, args.weeks, args.jobs)
    print(f"{'target':30s} {'model (95% interval)':>28s}  {'band':>14s}")
    for key, r in results.items():
        interval = f"{r['mean']:8.2f} [{r['ci_lo']:7.2f}, {r['ci_hi']:7.2f}]"
        band = "" if r["pass"] is None else f"{r['band'][0]:g}..{r['band'][1]:g}"
        flag = "" if r["pass"] is None else ("PASS" if r["pass"] else "MISS")
        print(f"{key:30s} {interval:>28s}  {band:>14s}  {flag}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"seeds": args.seeds, "weeks": args.weeks, "overrides": args.overrides,
                       "results": results}, fh, indent=1, allow_nan=True)
    return 0 if all(r["pass"] in (None, True) for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
