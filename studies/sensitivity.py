"""Global sensitivity analysis of burn-out outcomes to the model's mechanism parameters.

Morris elementary-effects screening (Morris 1991; mu* = mean absolute effect, sigma =
non-linearity/interaction) and Sobol variance decomposition (Saltelli et al. 2010; S1 =
first-order share of the output variance, ST = total share incl. interactions), with SALib.
Outcomes: burn-out complaints (% of employees at work), new burn-out cases (per 100
positions a year) and burn-out absence (% of contracted hours), from
:func:`orgsim.results.summarise`. All runs of one analysis use the same seed(s) (common
random numbers), so differences come from the parameters, not from chance.

Usage:
    python studies/sensitivity.py --quick            # ~2-4 min on 2 cores
    python studies/sensitivity.py --jobs 2           # the full analysis (longer)
    python studies/sensitivity.py --quick --method morris --out /tmp/sa

Writes ``sensitivity_morris.csv``, ``sensitivity_sobol.csv`` and ``sensitivity.png`` to
``--out`` (default docs/img; with ``--quick`` outputs/sensitivity-quick, so a smoke run never
overwrites the committed results), each atomically. Findings: docs/sensitivity.md.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orgsim.compose import validate
from orgsim.config import Config, ConfigError, Parameters
from orgsim.files import atomic_write

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "img"

#: The parameters varied, with their ranges: the constants of the main mechanisms, each over
#: a plausible range around its calibrated value (the ranges of scripts/fit_calibration.py
#: where it searches the parameter, otherwise roughly 0.5x-2x of the default).
FACTORS: dict[str, tuple[float, float]] = {
    "drain_rate": (0.008, 0.03),  # energy: health-impairment process
    "resource_buffer": (0.2, 0.8),  # energy: buffer hypothesis
    "recovery_rate": (0.06, 0.2),  # energy: recovery
    "overcommit_effort": (0.2, 1.0),  # energy: shadow side of engagement
    "appraisal_loss": (0.2, 0.8),  # demands: loss spiral in appraisal
    "loss_rate": (0.005, 0.03),  # spirals: erosion of personal resources
    "crossover_rate": (0.0, 0.1),  # contagion
    "clinical_threshold": (0.55, 0.72),  # absence: BAT level for sick leave
    "onset_hazard": (0.05, 0.25),  # absence: weekly drop-out once persistent
    "sick_recovery_rate": (0.02, 0.1),  # absence: recovery on sick leave
    "relief_share": (0.0, 0.5),  # leadership: acting on signals
}

#: Outcome keys of orgsim.results.summarise, with short labels.
OUTCOMES: dict[str, str] = {
    "burnout_complaints_pct": "complaints (%)",
    "burnout_cases_per_100_fte_year": "cases /100/yr",
    "absence_rate_pct": "absence (% hours)",
}


@dataclass(frozen=True)
class Setup:
    """Size of the runs behind each sample point."""

    n_employees: int = 100
    weeks: int = 104
    warmup_weeks: int = 52
    seeds: tuple[int, ...] = (0,)


def problem(factors: dict[str, tuple[float, float]] | None = None) -> dict[str, object]:
    """The SALib problem definition for ``factors`` (checked against Parameters)."""
    factors = FACTORS if factors is None else factors
    known = {f for f in Parameters.__dataclass_fields__}
    for name, (lo, hi) in factors.items():
        if name not in known:
            raise ConfigError(f"sensitivity factor {name!r} is not a field of Parameters")
        if not lo < hi:
            raise ConfigError(f"sensitivity factor {name}: range [{lo}, {hi}] is empty")
    return {"num_vars": len(factors), "names": list(factors),
            "bounds": [list(b) for b in factors.values()]}


def base_config(setup: Setup) -> Config:
    cfg = Config()
    cfg.org.n_employees = setup.n_employees
    cfg.weeks = setup.weeks
    cfg.warmup_weeks = setup.warmup_weeks
    return cfg


def evaluate(args: tuple[dict[str, float], Setup]) -> list[float]:
    """Outcomes (in the order of :data:`OUTCOMES`) of one parameter point, mean over seeds."""
    from orgsim.logs import quiet_mesa
    from orgsim.model import OrgModel
    from orgsim.results import summarise

    quiet_mesa()
    point, setup = args
    cfg = base_config(setup)
    for name, value in point.items():
        field_type = type(getattr(cfg.params, name))
        setattr(cfg.params, name, field_type(value))
    validate(cfg)
    rows = []
    for seed in setup.seeds:
        model = OrgModel(copy.deepcopy(cfg), rng=seed)
        model.run_for(setup.weeks)
        summary = summarise(model.timeseries(), cfg)
        rows.append([summary[k] for k in OUTCOMES])
    return list(np.mean(rows, axis=0))


def run_points(
    names: Sequence[str], samples: np.ndarray, setup: Setup, jobs: int,
    progress: Callable[[str], None] | None = None,
) -> np.ndarray:
    """Outcomes for every sample row (n x outcomes), in parallel over ``jobs`` processes."""
    tasks = [(dict(zip(names, map(float, row), strict=True)), setup) for row in samples]
    if jobs <= 1:
        results = [evaluate(t) for t in tasks]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(evaluate, tasks, chunksize=4))
    if progress:
        progress(f"{len(tasks)} runs done")
    return np.asarray(results, dtype=float)


def indices(names: Sequence[str], y: np.ndarray,
            analyse: Callable[[np.ndarray], Mapping[str, Any]],
            columns: Sequence[str]) -> pd.DataFrame:
    """Tidy sensitivity indices: ``analyse`` (a SALib analysis) of each outcome's column of
    ``y``, one row per (outcome, parameter) with ``columns``; ``attrs["runs"]``: the runs."""
    frames = []
    for j, outcome in enumerate(OUTCOMES):
        res = analyse(y[:, j])
        df = pd.DataFrame({"parameter": list(names), **{c: res[c] for c in columns}})
        df.insert(0, "outcome", outcome)
        frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    out.attrs["runs"] = len(y)
    return out


def morris(setup: Setup, trajectories: int, levels: int = 4, jobs: int = 2, seed: int = 1,
           factors: dict[str, tuple[float, float]] | None = None) -> pd.DataFrame:
    """Morris screening: one row per (outcome, parameter) with mu, mu_star, sigma, conf."""
    from SALib.analyze import morris as morris_analyze
    from SALib.sample import morris as morris_sample

    prob = problem(factors)
    x = morris_sample.sample(prob, trajectories, num_levels=levels, seed=seed)
    y = run_points(prob["names"], x, setup, jobs)  # type: ignore[arg-type]
    return indices(prob["names"], y,  # type: ignore[arg-type]
                   lambda yj: morris_analyze.analyze(prob, x, yj, num_levels=levels, seed=seed),
                   ("mu", "mu_star", "sigma", "mu_star_conf"))


def sobol(setup: Setup, base_n: int, jobs: int = 2, seed: int = 1,
          factors: dict[str, tuple[float, float]] | None = None) -> pd.DataFrame:
    """Sobol indices (first order S1 and total ST with 95% confidence half-widths)."""
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    if base_n < 2 or base_n & (base_n - 1):
        raise ConfigError(f"sobol base sample size = {base_n} must be a power of 2 (>= 2)")
    prob = problem(factors)
    x = sobol_sample.sample(prob, base_n, calc_second_order=False, seed=seed)
    y = run_points(prob["names"], x, setup, jobs)  # type: ignore[arg-type]
    return indices(prob["names"], y,  # type: ignore[arg-type]
                   lambda yj: sobol_analyze.analyze(prob, yj, calc_second_order=False,
                                                    seed=seed),
                   ("S1", "S1_conf", "ST", "ST_conf"))


def figure(morris_df: pd.DataFrame | None, sobol_df: pd.DataFrame | None):  # noqa: ANN201
    """Morris mu* (bars, with sigma as dots) and Sobol ST/S1 per outcome, one column each."""
    import matplotlib.pyplot as plt

    rows = [df for df in (morris_df, sobol_df) if df is not None]
    fig, axes = plt.subplots(len(rows), len(OUTCOMES), figsize=(4.2 * len(OUTCOMES),
                             3.6 * len(rows)), squeeze=False)
    for j, (outcome, label) in enumerate(OUTCOMES.items()):
        r = 0
        if morris_df is not None:
            d = morris_df[morris_df.outcome == outcome].sort_values("mu_star")
            ax = axes[r, j]
            ax.barh(d.parameter, d.mu_star, xerr=d.mu_star_conf, color="tab:blue",
                    label="mu*")
            ax.plot(d.sigma, d.parameter, "o", color="tab:orange", label="sigma")
            ax.set_title(f"Morris: {label}")
            ax.set_xlabel("effect over the parameter's range")
            if j == 0:
                ax.legend(loc="lower right", fontsize=8)
            r += 1
        if sobol_df is not None:
            d = sobol_df[sobol_df.outcome == outcome].sort_values("ST")
            ax = axes[r, j]
            y = np.arange(len(d))
            ax.barh(y + 0.2, d.ST, height=0.4, xerr=d.ST_conf, color="tab:red", label="ST")
            ax.barh(y - 0.2, d.S1, height=0.4, xerr=d.S1_conf, color="tab:gray", label="S1")
            ax.set_yticks(y, d.parameter)
            ax.set_xlim(left=min(0.0, float(d.S1.min())))
            ax.set_title(f"Sobol: {label}")
            ax.set_xlabel("share of output variance")
            if j == 0:
                ax.legend(loc="lower right", fontsize=8)
    for ax in axes.flat:
        ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    return fig


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="reduced analysis: 100 positions x 104 weeks, r=8, N=32")
    parser.add_argument("--method", choices=["morris", "sobol", "both"], default="both")
    parser.add_argument("--n-employees", type=int)
    parser.add_argument("--weeks", type=int)
    parser.add_argument("--warmup", type=int)
    parser.add_argument("--seeds", type=int, help="seeds per sample point (mean)")
    parser.add_argument("--trajectories", type=int, help="Morris trajectories r")
    parser.add_argument("--sobol-n", type=int, help="Sobol base sample size (power of 2)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample-seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None,
                        help="output directory (default: docs/img for a full run; "
                        "outputs/sensitivity-quick for --quick, so a smoke run never "
                        "overwrites the committed results)")
    args = parser.parse_args(argv)
    import matplotlib

    matplotlib.use("Agg")  # files only, no display

    quick = {"n": 100, "weeks": 104, "warmup": 52, "seeds": 1, "r": 8, "N": 32}
    full = {"n": 200, "weeks": 156, "warmup": 104, "seeds": 2, "r": 20, "N": 128}
    d = quick if args.quick else full
    if args.out is None:
        args.out = ROOT / "outputs" / "sensitivity-quick" if args.quick else DEFAULT_OUT
    args.out.mkdir(parents=True, exist_ok=True)
    setup = Setup(n_employees=args.n_employees or d["n"], weeks=args.weeks or d["weeks"],
                  warmup_weeks=d["warmup"] if args.warmup is None else args.warmup,
                  seeds=tuple(range(args.seeds or d["seeds"])))
    try:
        validate(base_config(setup))
        problem()
        r, n = args.trajectories or d["r"], args.sobol_n or d["N"]
        if n < 2 or n & (n - 1):
            raise ConfigError(f"--sobol-n = {n} must be a power of 2 (>= 2)")
        if r < 2:
            raise ConfigError(f"--trajectories = {r} must be at least 2")
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    t0 = time.time()
    morris_df = sobol_df = None
    if args.method in ("morris", "both"):
        morris_df = morris(setup, r, jobs=args.jobs, seed=args.sample_seed)
        print(f"Morris: {morris_df.attrs['runs']} points in {time.time() - t0:.0f} s")
        atomic_write(args.out / "sensitivity_morris.csv",
                      lambda p: morris_df.to_csv(p, index=False))  # type: ignore[union-attr]
    if args.method in ("sobol", "both"):
        t1 = time.time()
        sobol_df = sobol(setup, n, jobs=args.jobs, seed=args.sample_seed)
        print(f"Sobol: {sobol_df.attrs['runs']} points in {time.time() - t1:.0f} s")
        atomic_write(args.out / "sensitivity_sobol.csv",
                      lambda p: sobol_df.to_csv(p, index=False))  # type: ignore[union-attr]
    fig = figure(morris_df, sobol_df)
    atomic_write(args.out / "sensitivity.png", lambda p: fig.savefig(p, dpi=110, format="png"))
    print(f"setup: {setup}; wrote {args.out} in {time.time() - t0:.0f} s")
    with pd.option_context("display.width", 120, "display.precision", 3):
        if morris_df is not None:
            print(morris_df.sort_values(["outcome", "mu_star"], ascending=[True, False]))
        if sobol_df is not None:
            print(sobol_df.sort_values(["outcome", "ST"], ascending=[True, False]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
