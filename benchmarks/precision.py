"""float32 against float64 state (``Config.precision``): do the results agree statistically?

The same runs (seeds) in both precisions: the baseline (default configuration, 260 warm-up +
260 recorded weeks), per run the outcomes the report leads with over the recorded weeks.
float32 rounds what the mechanisms store (they compute in float64), so runs drift apart
after a while: a rounding difference can flip a random threshold (onset, quitting) and the
two runs then follow different paths. The question is whether the *distribution* of the
outcomes is the same: per outcome the mean over seeds with its 95% confidence interval in
each precision, Welch's two-sample t-test, and the paired difference (same seed, so the
common random numbers make it much smaller than the spread between seeds).

Run ``python benchmarks/precision.py [--seeds 20]`` for the table (markdown);
tests/test_precision.py checks the agreement.
"""

from __future__ import annotations

import argparse
import math
from typing import Any

import numpy as np

from orgsim.model import OrgModel

#: Outcome -> (time-series column, how it is taken over the recorded weeks).
OUTCOMES: dict[str, tuple[str, str]] = {
    "burnout_complaints": ("burnout_complaints", "mean"),
    "absence_rate": ("absence_rate", "mean"),
    "new_burnout_cases": ("new_burnout_cases", "sum"),
    "leavers": ("leavers", "sum"),
    "energy_mean": ("energy_mean", "mean"),
}


#: Equivalence margin of the paired difference, as a share of the seed-to-seed sd: float32
#: may move an outcome by less than a tenth of what another seed does (assumption: a
#: difference that small is of no consequence for any conclusion drawn from the model).
EQUIVALENCE = 0.1


def outcomes(seed: int, precision: str, weeks: int = 260,
             overrides: dict[str, Any] | None = None) -> dict[str, float]:
    """One run's outcomes over ``weeks`` recorded weeks (default warm-up before them)."""
    model = OrgModel(rng=seed, overrides={"precision": precision, **(overrides or {})})
    model.run_for(weeks)
    ts = model.timeseries()
    return {name: float(getattr(ts[col], how)()) for name, (col, how) in OUTCOMES.items()}


def _ci(values: np.ndarray) -> tuple[float, float, float]:
    """Mean and its 95% t confidence interval."""
    from scipy import stats  # here: the benchmark's engine processes do not import scipy

    mean = float(values.mean())
    half = float(stats.t.ppf(0.975, len(values) - 1) * values.std(ddof=1)
                 / math.sqrt(len(values)))
    return mean, mean - half, mean + half


def agreement(seeds: int = 20, weeks: int = 260,
              overrides: dict[str, Any] | None = None) -> dict[str, dict[str, float]]:
    """Per outcome: both precisions' means and 95% CIs, Welch's t-test p-value, the paired
    difference (mean, sd, paired t-test p-value), how many runs came out identical and
    whether each mean lies inside the other's interval."""
    from scipy import stats

    runs = {p: [outcomes(s, p, weeks, overrides) for s in range(seeds)]
            for p in ("float64", "float32")}
    table: dict[str, dict[str, float]] = {}
    for name in OUTCOMES:
        a = np.array([r[name] for r in runs["float64"]])
        b = np.array([r[name] for r in runs["float32"]])
        (ma, la, ha), (mb, lb, hb) = _ci(a), _ci(b)
        diff = b - a
        p = float(stats.ttest_ind(a, b, equal_var=False).pvalue) if (a.std() + b.std()) else 1.0
        # paired (same seed): is the mean difference zero? (identical runs: nothing to test)
        paired = float(stats.ttest_rel(b, a).pvalue) if diff.std() > 0 else 1.0
        # equivalence (two one-sided tests at 5%): the 90% CI of the paired difference lies
        # within +-EQUIVALENCE x the seed-to-seed sd of float64
        bound = abs(float(diff.mean())) + float(
            stats.t.ppf(0.95, len(diff) - 1) * diff.std(ddof=1) / math.sqrt(len(diff)))
        margin = EQUIVALENCE * float(a.std(ddof=1))
        table[name] = {"float64_mean": ma, "float64_lo": la, "float64_hi": ha,
                       "float32_mean": mb, "float32_lo": lb, "float32_hi": hb,
                       "welch_p": p if math.isfinite(p) else 1.0,
                       "paired_p": paired if math.isfinite(paired) else 1.0,
                       "paired_diff_mean": float(diff.mean()),
                       "paired_diff_sd": float(diff.std(ddof=1)),
                       "identical_runs": float(np.count_nonzero(diff == 0)),
                       "paired_bound": bound, "equivalence_margin": margin,
                       "equivalent": float(bound <= margin),
                       "within_each_others_ci": float(la <= mb <= ha and lb <= ma <= hb)}
    return table


def markdown(table: dict[str, dict[str, float]], seeds: int) -> str:
    """The agreement table as markdown."""
    lines = [f"| outcome ({seeds} seeds) | float64 mean [95% CI] | float32 mean [95% CI] | "
             "Welch p | paired diff mean (sd) | paired p | paired diff 90% CI within "
             f"+-{EQUIVALENCE:g} sd | runs identical | within each other's CI |",
             "|---|---|---|---:|---|---:|:---:|---:|:---:|"]
    for name, r in table.items():
        lines.append(
            f"| {name} | {r['float64_mean']:.5g} [{r['float64_lo']:.5g}, {r['float64_hi']:.5g}]"
            f" | {r['float32_mean']:.5g} [{r['float32_lo']:.5g}, {r['float32_hi']:.5g}]"
            f" | {r['welch_p']:.3f} | {r['paired_diff_mean']:.3g} ({r['paired_diff_sd']:.3g})"
            f" | {r['paired_p']:.3f}"
            f" | {'yes' if r['equivalent'] else 'no'} ({r['paired_bound']:.2g} <= "
            f"{r['equivalence_margin']:.2g})"
            f" | {int(r['identical_runs'])} | {'yes' if r['within_each_others_ci'] else 'no'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--weeks", type=int, default=260)
    args = parser.parse_args()
    print(markdown(agreement(args.seeds, args.weeks), args.seeds))


if __name__ == "__main__":
    main()
