"""Collect finished replications into the comparison files (tidy runs, summaries, comparison)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from orgsim.experiments.runner import SUMMARY, TIMESERIES, run_dir
from orgsim.experiments.stats import add_costs, compare_table
from orgsim.files import UnreadableFileError, atomic_write, read_json, read_table

RUNS = "runs.parquet"
SUMMARIES = "summaries.csv"
COMPARISON = "comparison.csv"
META = "meta.json"


def collect(outdir: Path, scenarios: Sequence[str], seeds: Sequence[int]
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tidy long runs (scenario, seed, week, metric, value) and one summary row per run."""
    frames, rows = [], []
    for scen in scenarios:
        for seed in seeds:
            d = run_dir(outdir, scen, seed)
            ts = read_table(d / TIMESERIES, ["week"])
            long = ts.melt(id_vars="week", var_name="metric", value_name="value")
            long.insert(0, "seed", int(seed))
            long.insert(0, "scenario", scen)
            frames.append(long)
            row = read_json(d / SUMMARY)
            row["scenario"] = scen  # a variant's runs name their scenario preset
            rows.append(row)
    runs = pd.concat(frames, ignore_index=True)
    runs["value"] = runs["value"].astype(float)
    runs["scenario"] = runs["scenario"].astype(str)
    return runs, pd.DataFrame(rows)


def aggregate(outdir: Path, scenarios: Sequence[str], seeds: Sequence[int],
              reference: str = "baseline") -> dict[str, pd.DataFrame]:
    """Write runs.parquet, summaries.csv and comparison.csv; return them."""
    runs, summaries = collect(outdir, scenarios, seeds)
    summaries = add_costs(summaries, reference)
    comparison = compare_table(summaries, reference)
    atomic_write(outdir / RUNS, lambda p: runs.to_parquet(p, index=False))
    atomic_write(outdir / SUMMARIES, lambda p: summaries.to_csv(p, index=False))
    atomic_write(outdir / COMPARISON, lambda p: comparison.to_csv(p, index=False))
    return {"runs": runs, "summaries": summaries, "comparison": comparison}


def horizon_summaries(runs: pd.DataFrame, cfg: Any, horizon: int,
                      param_sets: Mapping[int, int] | None = None) -> pd.DataFrame:
    """One row per run (scenario, seed) of the tidy ``runs``: its summary
    (:func:`orgsim.results.summarise`) over the first ``horizon`` weeks, with its
    intervention cost; ``cfg`` gives the organisation's size and the costs. What the printed
    table (``compare.horizon_table``) and the effects figure (:func:`horizon_comparison`)
    show, over the span of ``horizon_years``. ``param_sets`` (seed -> the index of its
    parameter set, ``params=posterior``) adds the column ``param_set``."""
    from orgsim.results import summarise

    rows = []
    for (scenario, seed), g in runs[runs["week"] <= horizon].groupby(["scenario", "seed"],
                                                                    sort=False):
        ts = g.pivot(index="week", columns="metric", values="value").sort_index()
        rows.append({"scenario": scenario, "seed": int(seed), **summarise(ts, cfg),
                     "intervention_cost_eur": float(ts["intervention_cost_eur"].sum())})
        if param_sets is not None:
            rows[-1]["param_set"] = int(param_sets[int(seed)])
    return pd.DataFrame(rows)


def horizon_comparison(runs: pd.DataFrame, cfg: Any, horizon: int,
                       reference: str = "baseline",
                       param_sets: Mapping[int, int] | None = None) -> pd.DataFrame:
    """:func:`compare_table` of :func:`horizon_summaries` (paired with ``reference``): the
    effects figure covers the same span as the printed table and the report."""
    return compare_table(add_costs(horizon_summaries(runs, cfg, horizon, param_sets),
                                   reference), reference)


def load_results(outdir: str | Path) -> dict[str, Any]:
    """Read a comparison directory written by ``orgsim compare``.

    Returns:
        ``{"runs": DataFrame (scenario, seed, week, metric, value), "summaries": DataFrame
        (one row per scenario x seed), "comparison": DataFrame (one row per scenario),
        "meta": dict}`` - see docs/experiments.md for the columns.

    Raises:
        FileNotFoundError: naming the missing file.
    """
    outdir = Path(outdir)
    for name in (RUNS, SUMMARIES, COMPARISON):
        if not (outdir / name).exists():
            raise FileNotFoundError(f"{outdir / name} not found: run `orgsim compare "
                                    f"outdir={outdir} ...` first (or let it finish)")
    meta = read_json(outdir / META) if (outdir / META).exists() else {}
    if not isinstance(meta, dict):
        raise UnreadableFileError(f"{outdir / META}: is not a comparison's meta.json (not a "
                                  "JSON object) — re-run the comparison into a new outdir")
    return {"runs": read_table(outdir / RUNS, ["scenario", "seed", "week", "metric", "value"]),
            "summaries": read_table(outdir / SUMMARIES, ["scenario", "seed"]),
            "comparison": read_table(outdir / COMPARISON, ["scenario"]),
            "meta": meta}
