"""Reading a comparison directory and computing the numbers of the MT report.

The comparison directory is written by ``orgsim compare`` (docs/experiments.md):

- ``runs.parquet``: tidy long format, columns ``scenario, seed, week, metric, value``; the
  metrics are the weekly columns of :data:`orgsim.metrics.COLUMNS` (the report uses
  ``new_burnout_cases``, ``absence_rate``, ``absence_days``, ``leavers`` and, when present,
  a weekly ``intervention_cost_eur``).
- ``summaries.csv``: one row per scenario x seed with :data:`orgsim.results.SUMMARY_KEYS`
  and ``intervention_cost_eur`` (total over the run).
- ``runs/baseline/seed_<seed>/teams.parquet``: per-team outcomes of each baseline run and
  the teams at week 0, for the teams most at risk (:func:`team_risk`).
- ``comparison.csv`` (optional here): per-scenario means and intervals; not needed, the
  report recomputes its intervals from the replications so that every number is paired.
- the configuration the comparison ran with, if written (``meta.json`` with ``overrides``,
  or ``config.yaml``); otherwise overrides passed on the command line.

All statistics are over replications (seeds): mean, 95% t-interval of the mean, 5-95%
range of the simulated futures, and paired differences against the baseline by seed. A
comparison made with ``params=posterior`` (``meta.json`` ``params``) ran each seed with a
parameter set of the calibrated ensemble: its intervals are
:func:`orgsim.experiments.stats.nested_interval` over the (parameter set, seed) pairs, with
the share of each interval's variance that comes from the parameter sets
(:attr:`Estimate.param_share`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orgsim import team_inputs
from orgsim.compose import load_config, to_config
from orgsim.config import Config
from orgsim.experiments.stats import nested_interval, t_interval
from orgsim.files import read_json, read_table
from orgsim.fingerprint import difference, fingerprint
from orgsim.results import HORIZON_YEARS, cost_split, horizon_weeks
from orgsim.scales import linked, pooled

#: Weekly metrics the report needs from runs.parquet.
NEEDED = ("new_burnout_cases", "absence_rate", "absence_days", "leavers", "burnout_leavers")
BASELINE = "baseline"


class ReportError(ValueError):
    """The comparison directory cannot be turned into a report (message says why)."""


@dataclass
class Comparison:
    """A comparison as read from disk: weekly arrays per scenario and the run summaries."""

    outdir: Path
    scenarios: list[str]
    seeds: list[int]
    weeks: int
    #: metric -> scenario -> array (seeds x weeks), seeds in the order of ``seeds``
    weekly: dict[str, dict[str, np.ndarray]]
    summaries: pd.DataFrame
    config: Config
    overrides: list[str] = field(default_factory=list)
    #: years the results are shown over (``orgsim compare ... horizon_years=``; meta.json)
    horizon_years: int = HORIZON_YEARS
    #: the parameter set of each seed (in the order of ``seeds``) with ``params=posterior``,
    #: else None (``params=point``: one fitted set)
    param_sets: list[int] | None = None
    #: ``meta.json`` ``params`` (mode, ensemble, sets; docs/experiments.md)
    params: dict[str, Any] = field(default_factory=lambda: {"mode": "point"})

    @property
    def horizon(self) -> int:
        """The horizon in weeks: ``horizon_years`` x 52, at most the length of the runs."""
        return horizon_weeks(self.weeks, self.horizon_years)


#: Keys of meta.json that may hold the overrides common to every run of the comparison.
META_OVERRIDE_KEYS = ("overrides", "common", "common_overrides", "base_overrides")


def _read_config(outdir: Path, overrides: list[str], meta: dict[str, Any] | None = None
                 ) -> tuple[Config, list[str]]:
    meta_path = outdir / "meta.json"
    if meta is None and meta_path.exists():
        meta = read_json(meta_path)
    key = next((k for k in META_OVERRIDE_KEYS if isinstance((meta or {}).get(k), list)), None)
    per = (meta or {}).get("scenario_overrides")
    if meta and isinstance(per, dict):
        # orgsim compare records each scenario's own overrides: the baseline's, or those
        # common to all (no scoped interventions.<name>.* or <scenario>:... ones)
        base = ([str(o) for o in per[BASELINE]] if isinstance(per.get(BASELINE), list) else
                [str(o) for o in meta.get("overrides", [])
                 if ":" not in o.partition("=")[0]
                 and not o.partition("=")[0].lstrip("+~").startswith("interventions.")])
        base = [o for o in base if not o.startswith(("scenario=", "seed=", "hydra"))]
        return load_config([*base, *overrides]), [*base, *overrides]
    if meta and key:
        base = [str(o) for o in meta[key]]
        base = [o for o in base if not o.startswith(("scenario=", "seed=", "hydra"))]
        return load_config([*base, *overrides]), [*base, *overrides]
    cfg_path = outdir / "config.yaml"
    if cfg_path.exists() and not overrides:
        from omegaconf import OmegaConf

        node = OmegaConf.to_container(OmegaConf.load(cfg_path))
        if not isinstance(node, dict):
            raise ReportError(f"{cfg_path}: expected a mapping")
        node.pop("hydra", None)
        node.pop("interventions", None)
        node["scenario"] = BASELINE
        return to_config({str(k): v for k, v in node.items()}), []
    return load_config(overrides), list(overrides)


def load(outdir: str | Path, overrides: list[str] | None = None) -> Comparison:
    """Read a comparison directory.

    Raises:
        ReportError: when a file is missing, a needed metric is absent or there is no
            baseline to compare with.
    """
    outdir = Path(outdir)
    runs_path, summ_path = outdir / "runs.parquet", outdir / "summaries.csv"
    for path in (runs_path, summ_path):
        if not path.exists():
            raise ReportError(f"{path} not found: is {outdir} the output directory of "
                              "`orgsim compare`?")
    meta: dict[str, Any] | None = None
    try:
        from orgsim.experiments import load_results
    except ImportError:  # pragma: no cover - experiments absent: read the files directly
        load_results = None  # type: ignore[assignment]
    if load_results is not None and (outdir / "comparison.csv").exists():
        results = load_results(outdir)
        runs, meta = results["runs"], results.get("meta") or None
    else:  # comparison.csv is not needed by the report
        runs = read_table(runs_path)
    missing_cols = {"scenario", "seed", "week", "metric", "value"} - set(runs.columns)
    if missing_cols:
        raise ReportError(f"{runs_path}: missing column(s) {', '.join(sorted(missing_cols))}")
    summaries = read_table(summ_path, ["scenario", "seed"])
    scenarios = list(dict.fromkeys(runs["scenario"].astype(str)))
    if BASELINE not in scenarios:
        raise ReportError(f"{runs_path}: no '{BASELINE}' scenario to compare with "
                          f"(found: {', '.join(scenarios)})")
    scenarios = [BASELINE] + [s for s in scenarios if s != BASELINE]
    metrics = set(runs["metric"].astype(str))
    absent = [m for m in NEEDED if m not in metrics]
    if absent:
        raise ReportError(f"{runs_path}: metric(s) {', '.join(absent)} missing")
    # seeds common to every scenario (paired comparison)
    seed_sets = [set(runs.loc[runs.scenario == s, "seed"]) for s in scenarios]
    seeds = sorted(set.intersection(*seed_sets))
    if len(seeds) < 2:
        raise ReportError(f"{runs_path}: need at least 2 replications per scenario with the "
                          "same seeds")
    weeks = int(runs["week"].max())
    wanted = runs[runs.metric.isin([*NEEDED, "intervention_cost_eur", "burnout_complaints",
                                    "engagement_mean"]) & runs.seed.isin(seeds)]
    weekly: dict[str, dict[str, np.ndarray]] = {}
    for (metric, scen), grp in wanted.groupby(["metric", "scenario"], sort=False):
        table = grp.pivot_table(index="seed", columns="week", values="value", aggfunc="first")
        table = table.reindex(index=seeds, columns=range(1, weeks + 1))
        weekly.setdefault(str(metric), {})[str(scen)] = table.to_numpy(dtype=float)
    if meta is None and (outdir / "meta.json").exists():
        meta = read_json(outdir / "meta.json")
    cfg, used = _read_config(outdir, list(overrides or []), meta)
    check_fingerprints(outdir, meta, cfg, used)
    _check_complete(runs_path, weekly, scenarios, seeds, weeks)
    params = (meta or {}).get("params") or {"mode": "point"}
    sets = None
    if params.get("mode") == "posterior":
        of_seed = params.get("set_of_seed", {})
        if any(str(k) not in of_seed for k in seeds):
            raise ReportError(f"{outdir / 'meta.json'}: params=posterior but no parameter set "
                              "recorded for every seed — re-run `orgsim compare` with the same "
                              "arguments in a new outdir")
        sets = [int(of_seed[str(k)]) for k in seeds]
    return Comparison(outdir=outdir, scenarios=scenarios, seeds=seeds, weeks=weeks,
                      weekly=weekly, summaries=summaries, config=cfg, overrides=used,
                      horizon_years=int((meta or {}).get("horizon_years", HORIZON_YEARS)),
                      param_sets=sets, params=dict(params))


def check_fingerprints(outdir: Path, meta: dict[str, Any] | None, cfg: Config,
                       used: list[str] | None = None) -> None:
    """Refuse a comparison whose runs were not all made from what its ``meta.json`` records
    (:mod:`orgsim.fingerprint`), or whose configuration composes differently now (an org
    preset re-imported since: the report would show its names and costs next to the old
    runs' numbers). The second check needs the same orgsim version (another version may
    compose the same settings to another hash). A comparison of an older orgsim (no
    fingerprints in meta.json) is not checked. With ``params=posterior`` each run is checked
    against the fingerprint of its seed's parameter set, and the configuration now is
    composed from ``used`` (the overrides of ``cfg``) and the first set's overrides.

    Raises:
        ReportError: naming the first run (or the configuration) that does not match.
    """
    from orgsim.experiments.runner import read_fingerprint, run_dir

    prints = (meta or {}).get("fingerprints")
    if not isinstance(prints, dict) or meta is None:
        return
    fix = "re-run `orgsim compare` with the same arguments in a new outdir"
    params = meta.get("params") or {}
    posterior = params.get("mode") == "posterior"
    of_seed = params.get("set_of_seed", {}) if posterior else {}
    for scen in [str(s) for s in meta.get("scenarios", list(prints))]:
        for seed in [int(k) for k in meta.get("seeds", [])]:
            path = run_dir(outdir, scen, seed)
            want = prints.get(scen)
            if posterior and isinstance(want, dict):
                want = want.get(str(of_seed.get(str(seed))))
            why = ("it is missing" if not path.is_dir() or not isinstance(want, dict) else
                   difference(read_fingerprint(path), want))
            if why is not None:
                raise ReportError(f"{path} does not belong to the comparison recorded in "
                                  f"{outdir / 'meta.json'} ({why}) — {fix}")
    base = prints.get(BASELINE)
    now = fingerprint(cfg)
    if posterior and isinstance(base, dict) and params.get("sets"):
        first = str(params["sets"][0])
        base = base.get(first)
        extra = [str(o) for o in params.get("overrides", {}).get(first, [])]
        now = fingerprint(load_config([*(used or []), *extra]), int(first),
                          params.get("ensemble_sha256"))
    if (isinstance(base, dict) and base.get("orgsim_version") == now["orgsim_version"]
            and base.get("config_sha256") != now["config_sha256"]):
        raise ReportError(f"the configuration of {outdir} composes differently now than when "
                          "the comparison ran (an org or scenario preset changed, e.g. "
                          f"re-imported with --force, or other overrides given) — {fix}")


def _check_complete(runs_path: Path, weekly: dict[str, dict[str, np.ndarray]],
                    scenarios: list[str], seeds: list[int], weeks: int) -> None:
    """Refuse runs whose weekly metrics the costs and counts are made of have gaps (NaN, or
    runs shorter than the others): summed with ``nansum`` they would become 0 - e.g. EUR 0
    of absence - instead of "not known". The report refuses them rather than show a cost it
    does not know (docs/report.md)."""
    optional = ["intervention_cost_eur"] if "intervention_cost_eur" in weekly else []
    for metric in [*NEEDED, *optional]:
        for scen in scenarios:
            values = weekly.get(metric, {}).get(scen)
            if values is None and metric in optional:
                continue  # the cost comes from summaries.csv (_intervention_cost)
            if values is None:
                raise ReportError(f"{runs_path}: metric {metric} missing for scenario {scen} "
                                  "— re-run `orgsim compare` in a new outdir")
            bad = ~np.isfinite(values)
            if bad.any():
                row, col = (int(i[0]) for i in np.nonzero(bad))
                raise ReportError(
                    f"{runs_path}: {metric} of scenario {scen}, seed {seeds[row]} is not "
                    f"available (NaN or missing) in week {col + 1} of {weeks}, so its costs "
                    "cannot be computed — re-run `orgsim compare` in a new outdir")


# ---------------------------------------------------------------------------- statistics
@dataclass
class Estimate:
    """Mean over replications with its 95% interval and the 5-95% range of futures."""

    mean: float
    lo: float
    hi: float
    p5: float
    p95: float
    #: share of the interval's variance from parameter uncertainty (NaN: chance only)
    param_share: float = float("nan")

    @classmethod
    def of(cls, values: np.ndarray, nonnegative: bool = False,
           groups: Any = None) -> Estimate:
        """Estimate from per-replication values (t interval as in ``orgsim compare``);
        ``nonnegative`` cuts the interval at 0 (counts and rates cannot be negative, though
        a t-interval of a few values can be). One value: the interval is that value.
        ``groups``: each value's parameter set (``params=posterior``): the interval is
        :func:`~orgsim.experiments.stats.nested_interval`, with its ``param_share``."""
        v = np.asarray(values, dtype=float)
        keep = np.isfinite(v)
        v = v[keep]
        if len(v) == 0:
            return cls(*(np.nan,) * 5)
        floor = 0.0 if nonnegative else None
        share = float("nan")
        if groups is not None:
            mean, lo, hi, share = nested_interval(v, np.asarray(groups)[keep], floor=floor)
        else:
            mean, lo, hi = t_interval(v, floor=floor)
        if len(v) == 1:
            lo = hi = mean
        return cls(mean, lo, hi, float(np.percentile(v, 5)), float(np.percentile(v, 95)),
                   share)


def horizons(horizon: int) -> list[int]:
    """The table columns in weeks: the end of every year up to ``horizon``, and ``horizon``."""
    return sorted({*range(52, horizon + 1, 52), horizon})


@dataclass
class ScenarioNumbers:
    """Per-seed numbers of one scenario at the main horizon, and per-horizon estimates."""

    cases: dict[int, Estimate]  #: cumulative burn-out cases at each horizon
    absence_pct: dict[int, Estimate]  #: mean absence rate (%) in the year ending at horizon
    per_seed: pd.DataFrame  #: seed -> cases, absence_days, leavers, costs at main horizon


#: Cost columns of :attr:`ScenarioNumbers.per_seed` -> key of :func:`orgsim.results.cost_split`.
COST_COLUMNS = {"absence_cost": "burnout_absence_eur", "burnout_turnover_cost":
                "burnout_turnover_eur", "other_turnover_cost": "other_turnover_eur",
                "burnout_cost": "burnout_eur"}


def scenario_numbers(comp: Comparison, scenario: str) -> ScenarioNumbers:
    """Cumulative cases, absence and the cost lines of :func:`orgsim.results.cost_split`
    (burn-out absence, burn-out-related turnover, other turnover, intervention) per seed,
    over the comparison's horizon."""
    w = comp.weekly
    hs = horizons(comp.horizon)
    h = hs[-1]
    cases = np.nancumsum(w["new_burnout_cases"][scenario], axis=1)
    absence = 100.0 * w["absence_rate"][scenario]
    g = comp.param_sets
    cases_est = {hh: Estimate.of(cases[:, hh - 1], nonnegative=True, groups=g) for hh in hs}
    absence_est = {hh: Estimate.of(absence[:, max(0, hh - 52):hh].mean(axis=1),
                                   nonnegative=True, groups=g)
                   for hh in hs}
    split = cost_split({m: w[m][scenario] for m in NEEDED}, comp.config.costs, h)
    per_seed = pd.DataFrame({
        "seed": comp.seeds,
        "cases": cases[:, h - 1],
        "absence_days": split["absence_days"],
        "leavers": split["leavers"],
        "burnout_leavers": split["burnout_leavers"],
        **{col: split[key] for col, key in COST_COLUMNS.items()},
        "intervention_cost": _intervention_cost(comp, scenario, h),
    })
    per_seed["total_cost"] = (per_seed.burnout_cost + per_seed.other_turnover_cost
                              + per_seed.intervention_cost)
    if g is not None:
        per_seed["param_set"] = g
    return ScenarioNumbers(cases=cases_est, absence_pct=absence_est, per_seed=per_seed)


def _intervention_cost(comp: Comparison, scenario: str, horizon: int) -> np.ndarray:
    """Intervention cost per seed up to ``horizon``: weekly metric if present, else the
    run total from summaries.csv (pro rata when the runs are longer than the horizon is
    not assumed: the total is taken as spent within the horizon, a conservative choice)."""
    weekly = comp.weekly.get("intervention_cost_eur", {}).get(scenario)
    if weekly is not None:
        return np.nansum(weekly[:, :horizon], axis=1)
    s = comp.summaries
    if "intervention_cost_eur" in s.columns and "scenario" in s.columns:
        rows = s[s.scenario.astype(str) == scenario].set_index("seed")["intervention_cost_eur"]
        values = rows.reindex(comp.seeds).to_numpy(dtype=float)
        if not np.isfinite(values).all():  # not known is not EUR 0
            seed = comp.seeds[int(np.flatnonzero(~np.isfinite(values))[0])]
            raise ReportError(f"{comp.outdir / 'summaries.csv'}: intervention_cost_eur of "
                              f"scenario {scenario}, seed {seed} is not available (NaN or "
                              "missing) — re-run `orgsim compare` in a new outdir")
        return values
    return np.zeros(len(comp.seeds))


@dataclass
class NetEffect:
    """Paired differences of a scenario against the baseline (baseline minus scenario)."""

    cases_prevented: Estimate
    days_saved: Estimate
    gross_saving: Estimate
    intervention_cost: Estimate
    net_saving: Estimate

    @property
    def return_per_euro(self) -> float:
        c = self.intervention_cost.mean
        return self.gross_saving.mean / c if c > 0 else float("nan")


def net_effect(base: ScenarioNumbers, other: ScenarioNumbers) -> NetEffect:
    """Baseline minus scenario per seed (positive = the option saves)."""
    b, o = base.per_seed, other.per_seed
    g = b["param_set"].to_numpy() if "param_set" in b else None
    gross = ((b.total_cost - b.intervention_cost) - (o.total_cost - o.intervention_cost))
    return NetEffect(
        cases_prevented=Estimate.of((b.cases - o.cases).to_numpy(), groups=g),
        days_saved=Estimate.of((b.absence_days - o.absence_days).to_numpy(), groups=g),
        gross_saving=Estimate.of(gross.to_numpy(), groups=g),
        intervention_cost=Estimate.of(o.intervention_cost.to_numpy(), groups=g),
        net_saving=Estimate.of((b.total_cost - o.total_cost).to_numpy(), groups=g),
    )


def bands(comp: Comparison, metric: str, scenario: str, cumulative: bool = False,
          smooth: int = 1, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean and 5-95% range over seeds of a weekly metric (optionally cumulated/smoothed)."""
    data = scale * comp.weekly[metric][scenario]
    if cumulative:
        data = np.nancumsum(data, axis=1)
    if smooth > 1:
        kernel = np.ones(smooth) / smooth
        data = np.array([np.convolve(np.pad(row, (smooth - 1, 0), mode="edge"), kernel,
                                     mode="valid") for row in data])
    return (np.nanmean(data, axis=0), np.nanpercentile(data, 5, axis=0),
            np.nanpercentile(data, 95, axis=0))


# ---------------------------------------------------------------------------- teams at risk
def team_risk(outdir: Path, seeds: list[int], weeks: int) -> pd.DataFrame:
    """Per team, from the comparison's baseline runs (their ``teams.parquet``, written by
    ``orgsim compare``; docs/experiments.md): expected burn-out cases and absence % over the
    first ``weeks`` weeks, each the mean over the runs ``seeds`` with its 95% interval, and
    the state at the start (team means of BAT exhaustion 1-5 and UWES engagement 0-6
    scores, linked to the Dutch norms by :mod:`orgsim.scales`, as in a survey) pooled over
    them (:func:`rank_teams`). With a fixed ``org_seed`` every run simulates the same teams,
    so a team's numbers are its own over many futures. The pressure points come from the
    teams' levels at the start, averaged over the runs.

    Raises:
        ReportError: when a baseline run has no ``teams.parquet`` (a comparison made by an
            older orgsim: re-running ``orgsim compare`` adds it) or no row for ``weeks``.
    """
    tables = [_baseline_teams(Path(outdir), seed, weeks) for seed in seeds]
    first = tables[0]
    names = first["name"].astype(str).tolist() if "name" in first.columns else None
    points = pressure_points({k: np.mean([t[f"start_{k}"].to_numpy(dtype=float)
                                          for t in tables], axis=0)
                              for k in PRESSURE_POINTS})
    columns = {"size": "positions", "exhaustion": "start_bat_exhaustion_sum",
               "n_present": "start_n_present", "engagement": "start_uwes_engagement_sum",
               "n_employed": "start_n_employed",
               # new episodes (setbacks in a graded return continue an episode), so the
               # teams' cases add up to the organisation's
               "cases": "new_burnout_cases", "lost": "absence_fte_weeks",
               "employed_weeks": "employee_weeks"}
    runs = {key: np.stack([t[col].to_numpy(dtype=float) for t in tables])
            for key, col in columns.items()}
    return rank_teams(runs, names, points)


def rank_teams(runs: dict[str, np.ndarray], names: list[str] | None,
               points: list[str]) -> pd.DataFrame:
    """The team table from per-run, per-team values (arrays runs x teams; keys ``size``,
    ``exhaustion``/``n_present`` and ``engagement``/``n_employed`` at the start, ``cases``,
    ``lost``/``employed_weeks``): expected cases and absence % as means over the runs with
    their 95% t-intervals (``cases_lo``/``_hi``, ``absence_lo``/``_hi``; cut at 0), the
    start scores pooled over the runs; ranked by expected absence, with the risk band and
    each team's pressure point. Risk: "high" when a team's expected absence is at least 1.5
    x the organisation's, "elevated" when at least the organisation's, else "lower"."""
    n_runs = len(runs["size"])
    with np.errstate(invalid="ignore", divide="ignore"):
        # burn-out absence as a share of contracted hours (as metrics.absence_rate), per run
        absence = 100.0 * np.nan_to_num(runs["lost"] / runs["employed_weeks"])
    cases = [t_interval(runs["cases"][:, i], floor=0.0) for i in range(absence.shape[1])]
    rates = [t_interval(absence[:, i], floor=0.0) for i in range(absence.shape[1])]
    df = pd.DataFrame({
        "size": runs["size"].mean(axis=0),
        "exhaustion": pooled(runs["exhaustion"].sum(axis=0), runs["n_present"].sum(axis=0)),
        "engagement": pooled(runs["engagement"].sum(axis=0), runs["n_employed"].sum(axis=0)),
        "cases": [c[0] for c in cases], "cases_lo": [c[1] for c in cases],
        "cases_hi": [c[2] for c in cases],
        "absence_pct": [r[0] for r in rates], "absence_lo": [r[1] for r in rates],
        "absence_hi": [r[2] for r in rates],
    })
    n_teams = len(df)
    df.insert(0, "team", names or [f"Team {i + 1}" for i in range(n_teams)])
    df["pressure_point"] = points
    df["size"] = df["size"].round().astype(int)
    df = df.sort_values(["absence_pct", "cases"], ascending=False).reset_index(drop=True)
    mean = float(np.average(df["absence_pct"], weights=df["size"]))
    above = df["absence_pct"] > 0
    df["risk"] = np.where(above & (df["absence_pct"] >= 1.5 * mean), "high",
                          np.where(above & (df["absence_pct"] >= mean), "elevated", "lower"))
    df.attrs["seeds"] = n_runs  # how many baseline runs the ranking rests on
    return df


#: Columns of teams.parquet the team ranking reads.
TEAM_FILE_COLUMNS = ("team", "positions", "weeks", "sick_leave_starts", "employee_weeks",
                     "absence_fte_weeks", "start_bat_exhaustion_sum", "start_n_present",
                     "start_uwes_engagement_sum", "start_n_employed")


def _baseline_teams(outdir: Path, seed: int, weeks: int) -> pd.DataFrame:
    """The rows of one baseline run's teams.parquet after ``weeks`` weeks, in team order."""
    from orgsim.experiments.runner import TEAMS, run_dir

    path = run_dir(outdir, BASELINE, seed) / TEAMS
    if not path.exists():
        raise ReportError(
            f"{path} not found: the comparison in {outdir} was made by an older orgsim, "
            "which did not keep per-team results. Re-run `orgsim compare` with the same "
            f"arguments ({rerun_command(outdir)}): it resumes, redoing only the runs without "
            "teams.parquet (same seeds, same results); then run `orgsim report` again.")
    table = read_table(path)
    needed = [*TEAM_FILE_COLUMNS, *(f"start_{k}" for k in PRESSURE_POINTS)]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ReportError(f"{path}: missing column(s) {', '.join(missing)}; re-run "
                          f"`orgsim compare` in a new outdir")
    table = table[table["weeks"] == weeks].sort_values("team")
    if table.empty:
        raise ReportError(f"{path}: no per-team results after {weeks} weeks")
    return table.reset_index(drop=True)


def rerun_command(outdir: Path) -> str:
    """The ``orgsim compare`` command that made (and resumes) ``outdir``, from its meta.json;
    ``outdir=...`` alone when that is missing."""
    try:
        meta = read_json(outdir / "meta.json")
        scenarios, seeds = list(meta["scenarios"]), [int(k) for k in meta["seeds"]]
        overrides = [str(o) for o in meta.get("overrides", [])]
    except (OSError, ValueError, KeyError, TypeError):
        return f"outdir={outdir}"
    args = [f"scenario={','.join(scenarios)}", f"replications={len(seeds)}"]
    if seeds and seeds[0]:
        args.append(f"first_seed={seeds[0]}")
    if meta.get("reference", BASELINE) != BASELINE:
        args.append(f"reference={meta['reference']}")
    params = meta.get("params") if isinstance(meta.get("params"), dict) else {}
    if params.get("mode") == "posterior":
        args += ["params=posterior", f"param_sets={params.get('param_sets')}",
                 f"ensemble={params.get('ensemble')}"]
    args += [f"outdir={outdir}", *overrides]
    return "orgsim compare " + " ".join(args)


#: Team levels compared for a team's "pressure point": attribute -> +1 if more is worse
#: (the team inputs with a ``pressure`` in orgsim.team_inputs, in registry order).
PRESSURE_POINTS = {inp.name: inp.pressure.sign for inp in team_inputs.PRESSURE_INPUTS
                   if inp.pressure}
#: Smallest adverse deviation from the organisation's mean (on 0..1 levels) worth naming.
PRESSURE_MIN = 0.05


def pressure_points(levels: Mapping[str, np.ndarray]) -> list[str]:
    """Per team, the level (``levels``: name -> value per team, the keys of
    :data:`PRESSURE_POINTS`) that is most adversely out of line with the organisation's mean
    (levels that differ by a factor between teams, like workload, as relative deviation), or
    "" when none deviates by ``PRESSURE_MIN``."""
    arr = team_inputs.adverse_deviations(levels)
    worst = arr.argmax(axis=0)
    keys = list(PRESSURE_POINTS)
    return [keys[k] if arr[k, i] >= PRESSURE_MIN else "" for i, k in enumerate(worst)]


def org_facts(comp: Comparison) -> dict[str, Any]:
    """Headline facts of the organisation in the baseline over the comparison's horizon (the
    window of the report's tables and of "In short")."""
    w, base = comp.weekly, BASELINE
    first = slice(0, comp.horizon)
    years = comp.horizon / 52.0
    n = comp.config.org.n_employees
    facts = {
        "absence_pct": float(np.nanmean(100 * w["absence_rate"][base][:, first])),
        "cases_per_100": float(np.nanmean(np.nansum(w["new_burnout_cases"][base][:, first],
                                                    axis=1))) * 100 / n / years,
        "leavers_per_100": float(np.nanmean(np.nansum(w["leavers"][base][:, first], axis=1)))
        * 100 / n / years,
    }
    if "burnout_complaints" in w:
        facts["complaints_pct"] = float(np.nanmean(100 * w["burnout_complaints"][base][:, first]))
    if "engagement_mean" in w:
        # the UWES score of the mean latent engagement (the link is nearly linear there)
        mean_level = np.nanmean(w["engagement_mean"][base][:, first])
        facts["engagement"] = float(linked("engagement").score(mean_level))
    return facts


#: Smallest change of the baseline's burn-out absence from the first to the last year of the
#: horizon, relative to the first year, that the report calls a trend (when its 95% interval
#: also excludes 0): smaller changes are within what an MT would read as "about the same".
TREND_MIN = 0.15


@dataclass
class Trend:
    """The baseline's burn-out absence (% of hours) in the first and the last year of the
    horizon, and their paired difference over the replications."""

    first: float
    last: float
    last_year: int
    change: Estimate
    shocks: list[str]  #: the organisation's scheduled events within the horizon

    @property
    def trending(self) -> bool:
        """The change is clear (interval excludes 0) and at least :data:`TREND_MIN`."""
        c = self.change
        return ((c.lo > 0 or c.hi < 0)
                and abs(c.mean) >= TREND_MIN * max(abs(self.first), 1e-9))


def baseline_trend(comp: Comparison) -> Trend | None:
    """The baseline's trend in burn-out absence over the horizon (None under 2 years)."""
    years = comp.horizon // 52
    if years < 2:
        return None
    rate = 100 * comp.weekly["absence_rate"][BASELINE]
    first = rate[:, :52].mean(axis=1)
    last = rate[:, (years - 1) * 52:years * 52].mean(axis=1)
    shocks = sorted({s.event for s in comp.config.shocks if s.week < comp.horizon})
    return Trend(float(first.mean()), float(last.mean()), years,
                 Estimate.of(last - first, groups=comp.param_sets), shocks)
