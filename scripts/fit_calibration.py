"""Fit the baseline's free parameters to the whole calibration target set at once.

A documented optimiser over a Latin hypercube (McKay et al. 1979): ``--candidates`` points
of a Latin hypercube over the free parameters' ranges (below), each scored over ``--seeds``
seeds, then three rounds of local refinement around the best point (Gaussian steps of 15%,
7% and 3% of each range). The score sums, over the targets of
:data:`orgsim.calibration.targets.TARGETS` that the baseline run measures (levels,
return and recurrence, ICC, the individual-level correlations and the response to +10%
workload), the squared distance of the mean to the target's band in units of the band's
width (0 inside the band). Sector presets are fitted afterwards by their own workload
level (their profile is the preset; see docs/calibration.md).

Usage:
    python scripts/fit_calibration.py --candidates 160 --refine 60 --seeds 3 --jobs 2

Writes the ranked candidates to ``--out`` and prints the best overrides; copy them into
the defaults in ``src/orgsim/config.py`` and check with ``make calibrate``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from joblib import Parallel, delayed
from scipy.stats import qmc

from orgsim.calibration.statistics import cohort_estimates, run_statistics
from orgsim.calibration.targets import BY_KEY

#: Free parameters and their search ranges (everything else is set from the literature or
#: a stated assumption; see docs/ODD.md and docs/calibration.md).
FREE: dict[str, tuple[float, float]] = {
    "demands.workload": (0.62, 0.80),
    "params.drain_rate": (0.016, 0.030),
    "params.appraisal_loss": (0.2, 0.7),
    "params.hindrance_weight": (0.3, 0.9),
    "params.clinical_threshold": (0.55, 0.70),
    "params.onset_hazard": (0.05, 0.35),
    "params.sick_recovery_rate": (0.03, 0.10),
    "params.recovery_spread": (0.4, 1.2),
    "params.return_energy": (0.6, 0.85),
    "params.treatment_rate": (0.01, 0.06),
    "params.treatment_lasting": (0.0, 1.0),
    "params.min_sick_weeks": (4, 13),
    "people.task_share_sd": (0.15, 0.45),
    "people.job_design_loading": (0.4, 0.85),
    "org.team_variation": (0.04, 0.2),
    "people.autonomy_sd": (0.1, 0.35),
    "people.role_clarity_sd": (0.1, 0.35),
    "people.leader_attention_sd": (0.1, 0.5),
    "params.autonomy_buffer": (0.1, 0.7),
    "params.support_buffer": (0.05, 0.5),
}
INTEGER = {"params.min_sick_weeks"}
#: Targets scored from the baseline runs (the others need other runs or the instrument).
SCORED = ("complaints_pct", "absence_pct_hours", "episode_days", "fully_back_26w_pct",
          "recurrence_3y_pct", "icc_exhaustion", "r_exhaustion_workload",
          "r_exhaustion_autonomy", "r_exhaustion_recognition", "r_exhaustion_support",
          "r_exhaustion_role_ambiguity", "r_workload_role_ambiguity",
          "r_workload_leader_support", "workload_plus10_points")


def overrides_of(values: dict[str, float]) -> list[str]:
    return [f"{k}={round(v)}" if k in INTEGER else f"{k}={v:.4g}" for k, v in values.items()]


def _run(overrides: Sequence[str], seed: int, survey: bool) -> Any:
    import logging

    logging.getLogger("MESA").setLevel(logging.WARNING)
    return run_statistics(["org=typical_dutch", "scenario=baseline", *overrides], seed,
                          survey=survey)


def score(values: dict[str, float], seeds: int) -> dict[str, Any]:
    """One candidate's means per target and its score (lower is better)."""
    ov = overrides_of(values)
    base = [_run(ov, s, True) for s in range(seeds)]
    plus = [_run([*ov, f"demands.workload={1.1 * values['demands.workload']:.4g}"], s, False)
            for s in range(seeds)]
    means: dict[str, float] = {}
    for key in SCORED:
        if key in ("fully_back_26w_pct", "recurrence_3y_pct", "workload_plus10_points"):
            continue
        vals = [r.values.get(key, np.nan) for r in base]
        means[key] = float(np.nanmean(vals)) if np.isfinite(vals).any() else float("nan")
    means["fully_back_26w_pct"], means["recurrence_3y_pct"] = cohort_estimates(base, 260)
    means["workload_plus10_points"] = float(np.mean(
        [p.values["complaints_pct"] - b.values["complaints_pct"]
         for p, b in zip(plus, base, strict=True)]))
    total = 0.0
    for key in SCORED:
        target, mean = BY_KEY[key], means[key]
        weight = 0.5 if key in ("fully_back_26w_pct", "recurrence_3y_pct") else 1.0
        if not np.isfinite(mean):
            total += 25.0 * weight
            continue
        gap = max(target.lo - mean, 0.0, mean - target.hi) / (target.hi - target.lo)
        total += weight * gap**2
    return {"score": total, "values": values, "means": means}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=160)
    parser.add_argument("--refine", type=int, default=60)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0, help="seed of the search itself")
    parser.add_argument("--out", default="fit.json")
    parser.add_argument("--start", help="JSON file of a previous fit: refine around its best "
                        "point instead of a new hypercube (parameters it lacks start at "
                        "their current defaults)")
    args = parser.parse_args(argv)
    names = list(FREE)
    lo = np.array([FREE[k][0] for k in names])
    hi = np.array([FREE[k][1] for k in names])
    rng = np.random.default_rng(args.seed)
    pool = Parallel(n_jobs=args.jobs)
    if args.start:
        from orgsim import load_config

        start = json.loads(Path(args.start).read_text())["top"][0]["values"]
        cfg = load_config(["org=typical_dutch", "scenario=baseline"])

        def default(key: str) -> float:
            section, name = key.split(".")
            return float(getattr(getattr(cfg, section), name))

        points = np.array([[start.get(k, default(k)) for k in names]])
    else:
        points = qmc.scale(
            qmc.LatinHypercube(d=len(names), seed=rng).random(args.candidates), lo, hi)
    results = pool(delayed(score)(dict(zip(names, p.tolist(), strict=True)), args.seeds)
                   for p in points)
    for scale in (0.15, 0.07, 0.03) if not args.start else (0.07, 0.04, 0.02):
        best = min(results, key=lambda r: r["score"])
        center = np.array([best["values"][k] for k in names])
        batch = [np.clip(center + rng.normal(0, scale, len(names)) * (hi - lo), lo, hi)
                 for _ in range(args.refine // 3)]
        results += pool(delayed(score)(dict(zip(names, p.tolist(), strict=True)), args.seeds)
                        for p in batch)
        best = min(results, key=lambda r: r["score"])
        print(f"after refinement at {scale}: best score {best['score']:.3f}", flush=True)
    results.sort(key=lambda r: r["score"])
    Path(args.out).write_text(json.dumps({"free": FREE, "seeds": args.seeds,
                                          "top": results[:20]}, indent=1))
    best = results[0]
    print("best overrides:", " ".join(overrides_of(best["values"])))
    for key, mean in best["means"].items():
        t = BY_KEY[key]
        print(f"  {key:30s} {mean:8.3f}  band {t.lo:g}..{t.hi:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
