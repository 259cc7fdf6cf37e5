"""Statistics over replications: t-based 95% intervals and paired differences.

All intervals are for the mean over replications (seeds): mean +- t(0.975, n-1) x sd / sqrt(n)
with the sample sd (ddof=1); with parameter sets (``orgsim compare params=posterior``) they
come from :func:`nested_interval` instead (docs/experiments.md, "Parameter uncertainty").
Paired differences use the same seed in both scenarios (common random numbers), so the
interval is that of the mean of per-seed differences. For metrics that cannot be negative
(:data:`NONNEGATIVE`: counts, rates, costs) the interval of the scenario mean is cut at 0
(the interval intersected with the possible values; with few, skewed replications a
t-interval can otherwise reach below 0); differences are never cut.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

#: Headline metrics of comparison.csv (keys of summaries.csv) and their meaning.
HEADLINE: dict[str, str] = {
    "burnout_cases_per_100_fte_year": "new burn-out sick-leave cases per 100 positions a year",
    "burnout_complaints_pct": "share with burn-out complaints (%)",
    "absence_rate_pct": "share of contracted hours lost to burn-out absence (%)",
    "engagement_mean": "mean engagement (0..1)",
    "leavers_per_100_fte_year": "leavers per 100 positions a year",
    "intervention_cost_eur": "intervention cost over the run (EUR)",
    "total_cost_eur": "absence + replacement + intervention cost over the run (EUR)",
    "net_saving_eur": "baseline total cost minus this scenario's total cost, same seed (EUR)",
}


#: Headline metrics that cannot be negative (their interval is cut at 0).
NONNEGATIVE = frozenset(HEADLINE) - {"net_saving_eur"}


def t_interval(values: Sequence[float] | np.ndarray, level: float = 0.95,
               floor: float | None = None) -> tuple[float, float, float]:
    """Mean and t-based confidence interval of the mean: ``(mean, low, high)``.

    NaNs are dropped; with one value the interval is ``(mean, nan, nan)``; with none, all NaN.
    ``floor``: the lowest possible value (e.g. 0 for a count); the interval is cut there.
    """
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if len(v) == 0:
        return (np.nan, np.nan, np.nan)
    mean = float(v.mean())
    if len(v) < 2:
        return (mean, np.nan, np.nan)
    half = float(stats.t.ppf(0.5 + level / 2, len(v) - 1) * v.std(ddof=1) / np.sqrt(len(v)))
    low = mean - half if floor is None else max(mean - half, floor)
    return (mean, low, mean + half)


def nested_interval(values: Sequence[float] | np.ndarray, groups: Sequence[int] | np.ndarray,
                    level: float = 0.95, floor: float | None = None
                    ) -> tuple[float, float, float, float]:
    """Mean and 95% interval of replications nested in parameter sets, with the share of the
    interval's variance that comes from the parameter sets: ``(mean, low, high, share)``.

    ``groups[i]`` is the parameter set of ``values[i]`` (``orgsim compare params=posterior``:
    K sets drawn from the ensemble, M seeds each). One-way random-effects model (method of
    moments; the law of total variance): with set means ``m_k``, the mean within-set variance
    ``s2w`` (pooled, ddof 1) is chance; ``tau2 = max(0, var(m_k) - s2w / M)`` is the variance
    of the expected outcome between parameter sets. The interval is where the expected
    outcome under the unknown true setting lies: ``mean(m_k) +- t(0.975, K-1) x sqrt(tau2 x
    (1 + 1/K) + s2w / (K M))`` (a prediction interval for a new set's expected outcome: its
    spread ``tau2`` plus the error of the estimated mean), so more runs shrink the chance part
    only, never the parameter part. ``share`` = ``tau2 (1 + 1/K)`` over that variance (NaN
    when it is 0). ``M`` is the harmonic mean of the set sizes (exact for the balanced design
    of ``orgsim compare``); with one run per set ``s2w`` cannot be told apart: all of the
    variance of the set means counts in the interval as if it were parameters (the cautious
    choice) and ``share`` is NaN (no decomposition). Fewer than two sets:
    :func:`t_interval` over the values (share NaN). NaNs are dropped; ``floor`` as in
    :func:`t_interval`.
    """
    v = np.asarray(values, dtype=float)
    g = np.asarray(groups)
    keep = np.isfinite(v)
    v, g = v[keep], g[keep]
    labels = list(dict.fromkeys(g.tolist()))
    if len(labels) < 2:
        return (*t_interval(v, level, floor), float("nan"))
    parts = [v[g == k] for k in labels]
    k_sets = len(parts)
    means = np.array([p.mean() for p in parts])
    sizes = np.array([len(p) for p in parts], dtype=float)
    m_h = float(k_sets / np.sum(1.0 / sizes))
    dof_w = len(v) - k_sets
    s2b = float(means.var(ddof=1))
    if dof_w > 0:
        s2w = float(sum(((p - p.mean()) ** 2).sum() for p in parts) / dof_w)
        tau2 = max(0.0, s2b - s2w / m_h)
    else:
        s2w, tau2 = 0.0, s2b
    param = tau2 * (1 + 1 / k_sets)
    var = param + s2w / (k_sets * m_h)
    mean = float(means.mean())
    half = float(stats.t.ppf(0.5 + level / 2, k_sets - 1) * np.sqrt(var))
    low = mean - half if floor is None else max(mean - half, floor)
    share = param / var if var > 0 and dof_w > 0 else float("nan")
    return (mean, low, mean + half, share)


def interval(values: Sequence[float] | np.ndarray, groups: Sequence[int] | np.ndarray | None,
             level: float = 0.95, floor: float | None = None) -> tuple[float, float, float]:
    """:func:`t_interval`, or :func:`nested_interval` (without the share) when ``groups``
    gives each value's parameter set."""
    if groups is None:
        return t_interval(values, level, floor)
    return nested_interval(values, groups, level, floor)[:3]


def paired_difference(a: pd.Series, b: pd.Series, level: float = 0.95
                      ) -> tuple[float, float, float, int]:
    """Mean of ``a - b`` over the seeds both have, with its t interval and the pair count.

    ``a`` and ``b`` are indexed by seed.
    """
    common = a.index.intersection(b.index)
    d = a.loc[common].to_numpy(dtype=float) - b.loc[common].to_numpy(dtype=float)
    mean, lo, hi = t_interval(d, level)
    return mean, lo, hi, int(np.isfinite(d).sum())


def compare_table(summaries: pd.DataFrame, reference: str = "baseline",
                  metrics: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per scenario: n, and per metric mean/ci_low/ci_high and the paired difference
    with ``reference`` (``<metric>_diff``, ``_diff_ci_low``, ``_diff_ci_high``).

    Scenarios keep their first-appearance order, the reference first. With a ``param_set``
    column (``orgsim compare params=posterior``) the intervals are
    :func:`nested_interval` over the (parameter set, seed) pairs, and ``<metric>_param_share``
    and ``<metric>_diff_param_share`` give the share of each interval's variance that comes
    from the parameter sets.
    """
    metrics = list(metrics or [m for m in HEADLINE if m in summaries.columns])
    order = list(dict.fromkeys(summaries["scenario"]))
    if reference in order:
        order = [reference] + [s for s in order if s != reference]
    ref = summaries[summaries.scenario == reference].set_index("seed")
    nested = "param_set" in summaries.columns
    rows = []
    for scen in order:
        sub = summaries[summaries.scenario == scen].set_index("seed")
        row: dict[str, object] = {"scenario": scen, "n": len(sub)}
        for m in metrics:
            floor = 0.0 if m in NONNEGATIVE else None
            if nested:
                *est, share = nested_interval(sub[m], sub["param_set"], floor=floor)
                row[f"{m}_mean"], row[f"{m}_ci_low"], row[f"{m}_ci_high"] = est
                row[f"{m}_param_share"] = share
            else:
                row[f"{m}_mean"], row[f"{m}_ci_low"], row[f"{m}_ci_high"] = t_interval(
                    sub[m], floor=floor)
            share = np.nan
            if len(ref) and m in ref and nested:
                common = sub.index.intersection(ref.index)
                diff = sub.loc[common, m] - ref.loc[common, m]
                d, lo, hi, share = nested_interval(diff, sub.loc[common, "param_set"])
            elif len(ref) and m in ref:
                d, lo, hi, _ = paired_difference(sub[m], ref[m])
            else:
                d = lo = hi = np.nan
            row[f"{m}_diff"], row[f"{m}_diff_ci_low"], row[f"{m}_diff_ci_high"] = d, lo, hi
            if nested:
                row[f"{m}_diff_param_share"] = share
        rows.append(row)
    return pd.DataFrame(rows)


def add_costs(summaries: pd.DataFrame, reference: str = "baseline") -> pd.DataFrame:
    """Add ``total_cost_eur`` and ``net_saving_eur`` (paired with the reference by seed)."""
    out = summaries.copy()
    out["total_cost_eur"] = out["cost_eur_total"] + out["intervention_cost_eur"]
    ref = out[out.scenario == reference].set_index("seed")["total_cost_eur"]
    out["net_saving_eur"] = out["seed"].map(ref) - out["total_cost_eur"]
    return out


def band(runs: pd.DataFrame, metric: str, level: float = 0.95,
         param_sets: dict[int, int] | None = None) -> pd.DataFrame:
    """Per scenario and week: mean over seeds and its t interval (for time-series bands);
    with ``param_sets`` (seed -> parameter set, ``params=posterior``) the mean of the set
    means and :func:`nested_interval`'s interval, week by week (vectorised)."""
    sub = runs[runs.metric == metric]
    if param_sets is not None:
        return _nested_band(sub, level, param_sets)
    g = sub.groupby(["scenario", "week"], sort=False)["value"]
    out = g.agg(["mean", "std", "count"]).reset_index()
    tcrit = stats.t.ppf(0.5 + level / 2, np.maximum(out["count"] - 1, 1))
    half = np.where(out["count"] > 1, tcrit * out["std"] / np.sqrt(out["count"]), np.nan)
    out["ci_low"] = out["mean"] - half
    out["ci_high"] = out["mean"] + half
    return out.drop(columns=["std"])


def _nested_band(sub: pd.DataFrame, level: float, param_sets: dict[int, int]) -> pd.DataFrame:
    """:func:`band` with parameter sets: :func:`nested_interval` per scenario and week."""
    data = sub.assign(param_set=sub["seed"].map(param_sets))
    data = data[np.isfinite(data["value"])]
    per_set = (data.groupby(["scenario", "week", "param_set"], sort=False)["value"]
               .agg(["mean", "var", "count"]).reset_index())
    per_set["ss"] = per_set["var"].fillna(0.0) * (per_set["count"] - 1)
    per_set["inv"] = 1.0 / per_set["count"]
    g = per_set.groupby(["scenario", "week"], sort=False)
    out = g.agg(mean=("mean", "mean"), s2b=("mean", "var"), k=("mean", "size"),
                n=("count", "sum"), ss=("ss", "sum"), inv=("inv", "sum")).reset_index()
    m_h = out["k"] / out["inv"]
    dof_w = out["n"] - out["k"]
    s2w = np.where(dof_w > 0, out["ss"] / dof_w.where(dof_w > 0, 1), 0.0)
    tau2 = np.where(dof_w > 0, np.maximum(0.0, out["s2b"] - s2w / m_h), out["s2b"])
    var = tau2 * (1 + 1 / out["k"]) + s2w / (out["k"] * m_h)
    tcrit = stats.t.ppf(0.5 + level / 2, np.maximum(out["k"] - 1, 1))
    half = np.where(out["k"] > 1, tcrit * np.sqrt(var), np.nan)
    out["ci_low"] = out["mean"] - half
    out["ci_high"] = out["mean"] + half
    out["count"] = out["n"]
    return out[["scenario", "week", "mean", "count", "ci_low", "ci_high"]]
