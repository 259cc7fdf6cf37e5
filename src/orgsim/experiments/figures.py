"""Figures of a comparison: time series with 95% bands, and effects vs the reference with CIs."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from orgsim.experiments.stats import band  # noqa: E402
from orgsim.files import atomic_write  # noqa: E402

#: Weekly metrics plotted as time series: metric -> (title, scale).
SERIES = {
    "burnout_complaints": ("Burn-out complaints (%)", 100.0),
    "absence_rate": ("Burn-out absence (% of hours)", 100.0),
    "engagement_mean": ("Engagement (0..1)", 1.0),
    "cumulative_cost_eur": ("Cumulative cost incl. interventions (kEUR)", 1e-3),
}

#: Effects plotted against the reference: summary key -> label.
EFFECTS = {
    "burnout_cases_per_100_fte_year": "Burn-out cases / 100 FTE / year",
    "burnout_complaints_pct": "Burn-out complaints (%-points)",
    "absence_rate_pct": "Absence rate (%-points)",
    "engagement_mean": "Engagement",
    "leavers_per_100_fte_year": "Leavers / 100 FTE / year",
    "net_saving_eur": "Net saving vs reference (kEUR)",
}


def _with_cumulative_cost(runs: pd.DataFrame) -> pd.DataFrame:
    cost = runs[runs.metric.isin(["cost_eur", "intervention_cost_eur"])]
    total = cost.groupby(["scenario", "seed", "week"], sort=False)["value"].sum().reset_index()
    total = total.sort_values(["scenario", "seed", "week"], kind="stable")
    total["value"] = total.groupby(["scenario", "seed"], sort=False)["value"].cumsum()
    total["metric"] = "cumulative_cost_eur"
    return pd.concat([runs[runs.metric.isin(list(SERIES))], total], ignore_index=True)


def timeseries_figure(runs: pd.DataFrame, path: Path,
                      param_sets: dict[int, int] | None = None) -> Path:
    """2 x 2 panels of weekly means over seeds with 95% t-bands, one line per scenario
    (``param_sets``: seed -> parameter set, ``params=posterior``: the bands are
    :func:`~orgsim.experiments.stats.nested_interval`'s, parameter sets + chance)."""
    data = _with_cumulative_cost(runs)
    fig, axes = plt.subplots(2, 2, figsize=(11, 7), sharex=True)
    scenarios = list(dict.fromkeys(runs["scenario"]))
    for ax, (metric, (title, scale)) in zip(axes.flat, SERIES.items(), strict=True):
        b = band(data, metric, param_sets=param_sets)
        for i, scen in enumerate(scenarios):
            s = b[b.scenario == scen]
            color = f"C{i % 10}"
            ax.plot(s.week, s["mean"] * scale, color=color, lw=1.4, label=scen)
            ax.fill_between(s.week, s.ci_low * scale, s.ci_high * scale, color=color,
                            alpha=0.2, lw=0)
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel("week")
    axes[0, 0].legend(fontsize=8, loc="best")
    n = runs.groupby("scenario")["seed"].nunique().min()
    shaded = ("95% confidence band" if param_sets is None else
              f"95% band, {len(set(param_sets.values()))} parameter sets + chance")
    fig.suptitle(f"Mean over {n} replications per scenario, shaded: {shaded}",
                 fontsize=10)
    fig.tight_layout()
    atomic_write(path, lambda p: fig.savefig(p, dpi=110, format="png"))
    plt.close(fig)
    return path


def effects_figure(comparison: pd.DataFrame, path: Path, reference: str = "baseline",
                   span: str = "") -> Path:
    """Paired difference vs the reference with 95% CI, one panel per headline metric
    (``span``: the period the comparison covers, named in the title)."""
    comp = comparison[comparison.scenario != reference]
    metrics = [m for m in EFFECTS if f"{m}_diff" in comp.columns]
    fig, axes = plt.subplots(2, 3, figsize=(12, 1.5 + 0.45 * max(len(comp), 2) * 2))
    y = np.arange(len(comp))
    for ax, m in zip(axes.flat, metrics, strict=False):
        scale = 1e-3 if m.endswith("_eur") else 1.0
        d = comp[f"{m}_diff"].to_numpy(float) * scale
        lo = comp[f"{m}_diff_ci_low"].to_numpy(float) * scale
        hi = comp[f"{m}_diff_ci_high"].to_numpy(float) * scale
        err = np.vstack([d - lo, hi - d])
        ax.errorbar(d, y, xerr=np.nan_to_num(err), fmt="o", color="C0", capsize=3)
        ax.axvline(0, color="grey", lw=0.8)
        ax.set_yticks(y, comp.scenario if ax in axes[:, 0] else [""] * len(y))
        ax.invert_yaxis()
        ax.set_title(EFFECTS[m], fontsize=9)
        ax.locator_params(axis="x", nbins=5)
        ax.grid(alpha=0.3, axis="x")
    for ax in list(axes.flat)[len(metrics):]:
        ax.set_visible(False)
    fig.suptitle(f"Effect vs {reference}{' over ' + span if span else ''}: paired difference "
                 "(same seeds), 95% CI", fontsize=10)
    fig.tight_layout()
    atomic_write(path, lambda p: fig.savefig(p, dpi=110, format="png"))
    plt.close(fig)
    return path
