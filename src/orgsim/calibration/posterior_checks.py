"""Diagnostics of a posterior ensemble: identification, marginals, pairs, predictive checks.

* :func:`identification`: per parameter, the posterior's weighted mean, sd and 90% interval
  against the prior's; ``sd_ratio`` = posterior sd / prior sd. A parameter counts as
  *identified* when the ratio is below 0.7, *weakly identified* below 0.9, and *not
  identified* otherwise (thresholds: a stated convention, not a test). Stored ensembles are
  resampled to equal weights (:func:`orgsim.calibration.ensemble.resample`), so the weighted
  statistics are those of the rows.
* :func:`predictive_check`: the posterior predictive check. ``sets`` parameter sets are
  drawn from the ensemble by weight (with replacement, from ``seed``); each is simulated
  over ``seeds`` seeds (0, 1, ...; the same for every set) as the baseline with the
  synthetic survey, with every team's workload 10% higher (paired) and in each sector
  preset. Per set, the statistics are computed as the calibration computes them (mean over
  the seeds; cohort statistics pooled; paired difference for +10% workload); per target, the
  mean over the sets and the 5-95% range of the sets' values (the 90% predictive interval
  of a ``seeds``-seed mean) are compared with the band. The spread over seeds
  (``complaints_sd_pct``) is the pooled within-set sd, with a bootstrap interval over sets.
* :func:`plot_marginals`, :func:`plot_pairs`, :func:`plot_predictive`: the figures of
  docs/calibration.md ("Parameter uncertainty").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from orgsim.calibration.ensemble import Ensemble
from orgsim.calibration.priors import BY_KEY as PRIORS
from orgsim.calibration.targets import SECTOR_PREVALENCE, TARGETS

IDENTIFIED, WEAKLY = 0.7, 0.9


def _wquantile(x: np.ndarray, w: np.ndarray, q: Sequence[float]) -> np.ndarray:
    order = np.argsort(x, kind="stable")
    cw = np.cumsum(w[order]) - 0.5 * w[order]
    return np.interp(q, cw / w.sum(), x[order])


def identification(ens: Ensemble) -> pd.DataFrame:
    """One row per parameter: prior range and sd, posterior mean, sd, 90% interval, the sd
    ratio and the verdict (identified / weakly identified / not identified)."""
    w = ens.weights
    rows = []
    for key in ens.keys:
        x = ens.table[key].to_numpy(float)
        prior = PRIORS[key]
        mean = float(np.sum(w * x))
        sd = float(np.sqrt(np.sum(w * (x - mean) ** 2)))
        lo, hi = _wquantile(x, w, [0.05, 0.95])
        ratio = sd / prior.sd
        verdict = ("identified" if ratio < IDENTIFIED else
                   "weakly identified" if ratio < WEAKLY else "not identified")
        rows.append({"parameter": key, "prior_lo": prior.lo, "prior_hi": prior.hi,
                     "prior_sd": prior.sd, "mean": mean, "sd": sd, "q05": float(lo),
                     "q95": float(hi), "sd_ratio": ratio, "verdict": verdict})
    return pd.DataFrame(rows)


def _run(overrides: Sequence[str], seed: int, weeks: int, survey: bool) -> Any:
    from orgsim.calibration.statistics import run_statistics
    from orgsim.logs import quiet_mesa

    quiet_mesa()
    return run_statistics(list(overrides), seed, weeks, survey)


def predictive_check(ens: Ensemble, sets: int = 50, seeds: int = 2, weeks: int = 260,
                     seed: int = 0, n_jobs: int = 2, extra: Sequence[str] = ()
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Simulate ``sets`` x ``seeds`` runs per case from the ensemble (see the module
    docstring). Returns (per-set values: one row per drawn set and target; per-target
    summary: mean, q05, q95, band, share of sets inside the band, covered)."""
    from joblib import Parallel, delayed

    from orgsim import load_config
    from orgsim.calibration.abc import BASE
    from orgsim.calibration.statistics import cohort_estimates

    rng = np.random.default_rng(seed)
    drawn = rng.choice(len(ens), size=sets, replace=True, p=ens.weights)
    tasks = []
    for j, i in enumerate(drawn):
        ov = [*extra, *ens.overrides(int(i))]
        base = [*BASE, *ov]
        workload = load_config(base).demands.workload
        cases = [("baseline", base, True),
                 ("plus10", [*base, f"demands.workload={1.1 * workload!r}"], False)]
        cases += [(f"sector_{name}", [f"org={name}", "scenario=baseline", *ov], False)
                  for name in SECTOR_PREVALENCE]
        tasks += [(j, case, o, s, survey) for case, o, survey in cases for s in range(seeds)]
    results = Parallel(n_jobs=n_jobs)(delayed(_run)(o, s, weeks, survey)
                                      for _, _, o, s, survey in tasks)
    by: dict[tuple[int, str], list[Any]] = {}
    for (j, case, *_), r in zip(tasks, results, strict=True):
        by.setdefault((j, case), []).append(r)
    rows = []
    within_var = []
    for j in range(sets):
        runs = by[(j, "baseline")]
        values: dict[str, float] = {}
        for key in ("complaints_pct", "survey_minus_model_pct", "absence_pct_hours",
                    "episode_days", "icc_exhaustion",
                    *(t.key for t in TARGETS if t.key.startswith("r_"))):
            v = np.array([r.values.get(key, np.nan) for r in runs], dtype=float)
            values[key] = float(np.nanmean(v)) if np.isfinite(v).any() else float("nan")
        values["fully_back_26w_pct"], values["recurrence_3y_pct"] = cohort_estimates(
            runs, weeks)
        values["workload_plus10_points"] = float(np.mean(
            [p.values["complaints_pct"] - b.values["complaints_pct"]
             for p, b in zip(by[(j, "plus10")], runs, strict=True)]))
        for name in SECTOR_PREVALENCE:
            values[f"sector_{name}_pct"] = float(np.mean(
                [r.values["complaints_pct"] for r in by[(j, f"sector_{name}")]]))
        prev = np.array([r.values["complaints_pct"] for r in runs])
        within_var.append(float(np.var(prev, ddof=1)) if seeds > 1 else np.nan)
        rows += [{"draw": j, "set": int(drawn[j]), "target": k, "value": v}
                 for k, v in values.items()]
    per_set = pd.DataFrame(rows)
    summary = []
    for t in TARGETS:
        if t.key == "complaints_sd_pct":
            wv = np.array(within_var)
            mean = float(np.sqrt(np.nanmean(wv))) if np.isfinite(wv).any() else np.nan
            boot = [np.sqrt(np.nanmean(wv[rng.integers(0, sets, sets)])) for _ in range(400)]
            lo, hi = (np.nanpercentile(boot, [5, 95]) if np.isfinite(mean)
                      else (np.nan, np.nan))
            inside = float(t.lo <= mean <= t.hi)
        else:
            v = per_set.loc[per_set["target"] == t.key, "value"].to_numpy(float)
            v = v[np.isfinite(v)]
            mean = float(v.mean()) if len(v) else np.nan
            lo, hi = np.percentile(v, [5, 95]) if len(v) else (np.nan, np.nan)
            inside = float(np.mean((v >= t.lo) & (v <= t.hi))) if len(v) else np.nan
        summary.append({"target": t.key, "label": t.label, "lo": t.lo, "hi": t.hi,
                        "mean": mean, "q05": float(lo), "q95": float(hi),
                        "share_inside": inside,
                        "mean_inside": bool(t.lo <= mean <= t.hi),
                        "covered": bool(np.isfinite(mean) and lo <= t.hi and hi >= t.lo)})
    return per_set, pd.DataFrame(summary)


def plot_marginals(ens: Ensemble, path: Any = None) -> Any:
    """Weighted histograms of every parameter on its prior range (flat line: the prior)."""
    import matplotlib.pyplot as plt

    keys = ens.keys
    cols = 4
    rows = -(-len(keys) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.1 * rows))
    ident = identification(ens).set_index("parameter")
    for ax, key in zip(axes.flat, keys, strict=False):
        p = PRIORS[key]
        x = ens.table[key].to_numpy(float)
        bins = (np.arange(round(p.lo), round(p.hi) + 2) - 0.5 if p.integer
                else np.linspace(p.lo, p.hi, 16))
        ax.hist(x, bins=bins, weights=ens.weights, density=True, color="#4477aa",
                alpha=0.8)
        ax.axhline(1 / (p.hi - p.lo), color="0.3", ls="--", lw=1)
        ax.set_xlim(p.lo, p.hi)
        ax.set_yticks([])
        ax.set_title(f"{key.split('.')[1]}  (sd ratio {ident.loc[key, 'sd_ratio']:.2f})",
                     fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(keys):]:
        ax.axis("off")
    fig.suptitle("Posterior marginals (bars, weighted) against the uniform priors (dashed)",
                 fontsize=10)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig


def plot_pairs(ens: Ensemble, keys: Sequence[str] | None = None, path: Any = None) -> Any:
    """Pair plot of ``keys`` (default: the six with the smallest sd ratio), each axis on its
    prior range; point size by weight."""
    import matplotlib.pyplot as plt

    if keys is None:
        keys = list(identification(ens).sort_values("sd_ratio")["parameter"][:6])
    k = len(keys)
    fig, axes = plt.subplots(k, k, figsize=(1.9 * k, 1.9 * k))
    size = 6 + 300 * ens.weights
    for a, ky in enumerate(keys):
        for b, kx in enumerate(keys):
            ax = axes[a, b]
            px, py = PRIORS[kx], PRIORS[ky]
            if a == b:
                ax.hist(ens.table[kx], bins=np.linspace(px.lo, px.hi, 14),
                        weights=ens.weights, color="#4477aa")
                ax.set_yticks([])
            else:
                ax.scatter(ens.table[kx], ens.table[ky], s=size, color="#4477aa", alpha=0.5,
                           lw=0)
                ax.set_ylim(py.lo, py.hi)
            ax.set_xlim(px.lo, px.hi)
            ax.tick_params(labelsize=6)
            if a == k - 1:
                ax.set_xlabel(kx.split(".")[1], fontsize=7)
            if b == 0 and a != b:
                ax.set_ylabel(ky.split(".")[1], fontsize=7)
    fig.suptitle("Posterior pairs of the best-identified parameters (axes: prior ranges)",
                 fontsize=10)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig


def plot_predictive(summary: pd.DataFrame, path: Any = None, note: str = "") -> Any:
    """Every target on one axis in band units (band = 0..1, shaded): the predictive mean
    (dot) and 90% interval (line), the simulated numbers beside them."""
    import matplotlib.pyplot as plt

    s = summary.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9, 0.36 * len(s) + 1.2))
    ax.axvspan(0, 1, color="#a6d96a", alpha=0.4, label="target band")
    for i, r in s.iterrows():
        width = r["hi"] - r["lo"]
        lo, hi, m = ((r[c] - r["lo"]) / width for c in ("q05", "q95", "mean"))
        color = "#1a7837" if r["mean_inside"] else "#b2182b"
        ax.plot(np.clip([lo, hi], -1.95, 1.95 + 1), [i, i], color=color, lw=2)
        marker = "<" if m < -1.95 else ">" if m > 2.95 else "o"  # off the axis: an arrow
        ax.plot([np.clip(m, -1.95, 2.95)], [i], marker, color=color)
        ax.text(3.05, i, f"{r['mean']:.3g} [{r['q05']:.3g}, {r['q95']:.3g}]  "
                f"band {r['lo']:g}..{r['hi']:g}", va="center", fontsize=7)
    ax.set_yticks(range(len(s)), s["target"], fontsize=7)
    ax.set_xlim(-2, 5.6)
    ax.set_xticks([-2, -1, 0, 1, 2, 3])
    ax.set_xlabel("position relative to the band (0 = lower end, 1 = upper end)")
    ax.set_title("Posterior predictive check: mean (dot) and 90% interval over parameter "
                 f"sets{note}", fontsize=9)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig
