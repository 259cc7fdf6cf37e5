"""``orgsim compare``: scenarios x replications in batches, with paired statistics.

    orgsim compare scenario=baseline,focus,clearer_roles replications=20
    orgsim compare scenario=baseline,recovery replications=10 n_jobs=2 org.n_employees=500 \\
        weeks=156 outdir=out/recovery
    orgsim compare scenario=baseline,focus replications=20 launcher=ray   # Ray cluster
    orgsim compare scenario=baseline,focus replications=200 launcher=slurm n_jobs=50

Options (``key=value``): ``scenario`` (comma list, required), ``replications`` (default
20), ``first_seed`` (0), ``n_jobs`` (2: tasks at a time), ``launcher`` (joblib | basic |
ray | slurm; docs/experiments.md),
``outdir`` (default ``outputs/compare/<scenarios>_r<replications>[_<hash>]``),
``reference`` (baseline), ``figures`` (true), ``max_new_runs`` (run at most this many new
runs, then stop; re-run to continue; 0 runs none), ``progress`` (true), ``horizon_years``
(3: the years the printed table and ``orgsim report`` cover, at most the runs' ``weeks``;
recorded in meta.json; changing it needs no new runs), ``params`` (point: every run with
the one fitted parameter set, intervals = chance; posterior: ``param_sets`` sets of the
calibrated ensemble x ``replications / param_sets`` seeds each, the same (set, seed) pairs
in every scenario, intervals = parameter sets + chance with the share of each),
``ensemble`` (posterior: another ensemble directory; default the client's own for its org
preset, else the shipped one), ``param_sets`` (posterior: sets; default the most sets
with 2 or more seeds each).
Every run simulates the same organisation (``org_seed=0`` unless given; ``org_seed=null``
draws another one for every seed); the seeds vary its future.
Every other ``key=value`` is a config override applied to every run (``org=healthcare_ward``,
``org.n_employees=200``, ``weeks=260``...), except two scoped forms that never touch the
other scenarios (so the reference stays as it is):

    interventions.<name>.<field>=v   only the scenarios that have intervention <name>
                                     (refused if none of them has it)
    <scenario>:<override>            only <scenario>, e.g. adding an intervention:
                                     recognition:+intervention@interventions.extra=recovery_policy

A variant is a scenario of its own, named in the ``scenario`` list as
``<scenario>@<field>=<value>[@<field>=<value>...]``: the preset with ``<field>`` set on each
of its interventions, e.g. ``scenario=baseline,focus,focus@start_week=26``; it runs in
``runs/<variant>/seed_<n>`` and shows under its name. An unscoped ``+intervention@...`` (it
would add the intervention to the reference too) is refused. With ``replications=1`` the
intervals are printed as n/a (they need two seeds).

Seeds ``first_seed .. first_seed + replications - 1`` are the same for every scenario
(common random numbers). Finished runs in ``outdir`` are skipped, so an interrupted
comparison continues where it stopped - if they were made from the same configuration: a
finished run whose fingerprint (composed config, orgsim and model version) differs from
what the command line composes to now is not reused and the command refuses (choose a new
outdir). Ctrl+C or SIGTERM stops the workers; re-run the same command to resume.
Files: see docs/experiments.md.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import threading
import time
from pathlib import Path
from typing import Any

from orgsim import workers
from orgsim.compose import load_config
from orgsim.config import Config, ConfigError, available
from orgsim.experiments.aggregate import (
    META,
    aggregate,
    horizon_comparison,
    horizon_summaries,
)
from orgsim.experiments.params import DEFAULT_MODE, MODES, Design, ParamsError, design
from orgsim.experiments.runner import (
    LAUNCHERS,
    SweepError,
    batches,
    check_launcher,
    effective_workers,
    is_done,
    launch,
    read_fingerprint,
    run_dir,
)
from orgsim.files import atomic_write
from orgsim.fingerprint import difference, fingerprint
from orgsim.results import HORIZON_YEARS, horizon_span

OPTIONS = {"scenario", "replications", "first_seed", "n_jobs", "launcher", "outdir",
           "reference", "figures", "max_new_runs", "progress", "horizon_years", "params",
           "ensemble", "param_sets"}


#: The organisation every run of a comparison simulates unless ``org_seed=`` is given
#: (``org_seed=null``: another organisation in every replication; docs/ODD.md section 5).
ORG_SEED, DEFAULT_ORG_SEED = "org_seed", 0


class UsageError(ValueError):
    """Bad ``orgsim compare`` arguments."""


_TRUE, _FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}


def _flag(key: str, value: Any) -> bool:
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise UsageError(f"{key} = {value!r} is not a yes/no value — use {key}=true or {key}=false")


def _bare_key(override: str) -> str:
    """The config key of a Hydra override (without ``+``/``++``/``~`` and the value)."""
    return override.partition("=")[0].lstrip("+~")


def variant(name: str) -> tuple[str, list[str]]:
    """``focus@start_week=26@strength=0.5`` -> ``("focus", ["start_week=26", "strength=0.5"])``;
    a plain scenario has no settings."""
    base, *settings = name.split("@")
    return base, settings


def scoped_intervention(override: str) -> str | None:
    """``<name>`` when ``override`` sets ``interventions.<name>[.<field>...]``, else None."""
    parts = _bare_key(override).split(".")
    if len(parts) >= 2 and parts[0] == "interventions" and parts[1]:
        return parts[1]
    return None


def split_scoped(scenarios: list[str], overrides: list[str]
                 ) -> tuple[list[str], dict[str, list[str]]]:
    """Split ``overrides`` into those for every scenario and ``<scenario>:<override>`` ones
    (per scenario, in order). Raises UsageError for an unknown scenario prefix or an
    unscoped ``+intervention@...`` (it would change the reference too)."""
    common: list[str] = []
    own: dict[str, list[str]] = {s: [] for s in scenarios}
    for arg in overrides:
        scen = next((s for s in sorted(own, key=len, reverse=True)
                     if arg.startswith(f"{s}:")), None)
        if scen is not None:
            rest = arg[len(scen) + 1:]
            if not rest.partition("=")[0]:
                raise UsageError(f"{arg!r} has no override after {scen}: — write "
                                 f"{scen}:<key>=<value>")
            own[scen].append(rest)
        elif ":" in arg.partition("=")[0]:
            raise UsageError(
                f"{arg!r} is for scenario {arg.partition(':')[0]!r}, which is not compared — "
                f"prefix the override with one of: {', '.join(scenarios)}")
        elif _bare_key(arg).startswith("intervention@"):
            example = next((s for s in scenarios if s != "baseline"), scenarios[0])
            raise UsageError(
                f"{arg!r} would add the intervention to every scenario, the reference "
                f"included — prefix it with the scenario that gets it, e.g. {example}:{arg}")
        else:
            common.append(arg)
    return common, own


def parse(argv: list[str]) -> tuple[dict[str, Any], list[str]]:
    """Split ``argv`` into compare options and config overrides (checked, with defaults)."""
    opts: dict[str, Any] = {"replications": 20, "first_seed": 0, "n_jobs": 2,
                            "launcher": "joblib", "reference": "baseline", "figures": True,
                            "max_new_runs": None, "outdir": None, "progress": True,
                            "horizon_years": HORIZON_YEARS, "params": DEFAULT_MODE,
                            "ensemble": None, "param_sets": None}
    common: list[str] = []
    given = {arg.partition("=")[0] for arg in argv}
    for arg in argv:
        key, sep, value = arg.partition("=")
        if not sep:
            raise UsageError(f"argument {arg!r} is not key=value (see `orgsim compare --help`)")
        if key in OPTIONS:
            opts[key] = value
        elif key in {"seed", "hydra", "-m"} or key.startswith("hydra"):
            raise UsageError(f"{key} is set by orgsim compare; use first_seed/replications")
        else:
            common.append(arg)
    if "scenario" not in opts:
        raise UsageError("scenario=<a,b,...> is required, e.g. scenario=baseline,focus; "
                         f"available: {', '.join(available('scenario'))}")
    scenarios = [s for s in str(opts["scenario"]).split(",") if s]
    if not scenarios:
        raise UsageError("scenario is empty — list the scenarios to compare, e.g. "
                         "scenario=baseline,focus")
    for s in scenarios:
        base, settings = variant(s)
        if base not in available("scenario"):
            raise ConfigError(f"scenario={base!r} is unknown; choose one of: "
                              f"{', '.join(available('scenario'))}")
        for setting in settings:
            field, eq, value = setting.partition("=")
            if not eq or not value or not field or "." in field or "/" in setting:
                raise UsageError(
                    f"variant {s!r}: {setting!r} is not <field>=<value> — write e.g. "
                    f"{base}@start_week=26 (a setting of the scenario's interventions)")
    if len(set(scenarios)) != len(scenarios):
        raise UsageError(f"scenario lists a scenario twice: {opts['scenario']}")
    opts["scenario"] = scenarios
    for key, lo, hi in (("replications", 1, 100_000), ("first_seed", 0, 2**31),
                        ("n_jobs", 1, 1024), ("horizon_years", 1, 100)):
        try:
            opts[key] = int(opts[key])
        except ValueError:
            raise UsageError(f"{key} = {opts[key]!r} must be an integer") from None
        if not lo <= opts[key] <= hi:
            raise UsageError(f"{key} = {opts[key]} is out of range; allowed [{lo}, {hi}]")
    if opts["max_new_runs"] is not None:
        try:
            opts["max_new_runs"] = int(opts["max_new_runs"])
        except ValueError:
            raise UsageError(f"max_new_runs = {opts['max_new_runs']!r} must be a whole number "
                             "of runs (0 or more) — or leave it out to run them all") from None
        if opts["max_new_runs"] < 0:
            raise UsageError(f"max_new_runs = {opts['max_new_runs']} is negative — give 0 or "
                             "more runs, or leave it out to run them all")
    if opts["params"] not in MODES:
        raise UsageError(f"params = {opts['params']!r}; choose one of: {', '.join(MODES)} "
                         "(point: one fitted parameter set; posterior: sets of the "
                         "calibrated ensemble)")
    for key in ("ensemble", "param_sets"):
        if key in given and opts["params"] != "posterior":
            raise UsageError(f"{key} is for params=posterior — add params=posterior, or drop "
                             f"{key}=")
    if opts["ensemble"] is not None and not str(opts["ensemble"]).strip():
        raise UsageError("ensemble is empty — give an ensemble directory (ensemble=<dir> "
                         "with ensemble.csv and meta.json), or leave it out for the shipped one")
    if opts["params"] == "posterior" and opts["replications"] < 2:
        raise UsageError(f"replications = {opts['replications']} is too few for "
                         "params=posterior; allowed [2, 100000] (at least 2 parameter sets) "
                         "— or use params=point")
    if opts["param_sets"] is not None:
        try:
            opts["param_sets"] = int(opts["param_sets"])
        except ValueError:
            raise UsageError(f"param_sets = {opts['param_sets']!r} must be an integer "
                             "(parameter sets, at least 2)") from None
        if not 2 <= opts["param_sets"] <= opts["replications"]:
            raise UsageError(f"param_sets = {opts['param_sets']} is out of range; allowed "
                             f"[2, {max(2, opts['replications'])}] (at least 2 sets, at most "
                             f"one per replication; replications = {opts['replications']})")
    if opts["launcher"] not in LAUNCHERS:
        raise UsageError(f"launcher = {opts['launcher']!r}; choose one of: {', '.join(LAUNCHERS)}")
    for key in ("figures", "progress"):
        opts[key] = _flag(key, opts[key])
    if "reference" in given and opts["reference"] not in scenarios:
        raise UsageError(f"reference = {opts['reference']!r} is not one of the compared "
                         f"scenarios ({', '.join(scenarios)}) — add it to scenario= or choose "
                         "reference=<one of them>")
    if opts["outdir"] is not None and not str(opts["outdir"]).strip():
        raise UsageError("outdir is empty — give a directory (outdir=out/x), or leave outdir "
                         "out for the default under outputs/compare/")
    split_scoped(scenarios, common)  # checks the scenario prefixes now
    if not any(_bare_key(o) == ORG_SEED for o in common):
        # the organisation is the client's, the futures vary: one organisation in every run
        common.append(f"{ORG_SEED}={DEFAULT_ORG_SEED}")
    if opts["outdir"] is None:
        name = f"{'_'.join(scenarios)}_r{opts['replications']}"
        if opts["first_seed"]:
            name += f"_s{opts['first_seed']}"
        named = [o for o in common if o != f"{ORG_SEED}={DEFAULT_ORG_SEED}"]
        if opts["params"] == "posterior":
            name += "_posterior"
            named += [f"{k}={opts[k]}" for k in ("ensemble", "param_sets") if k in given]
        if named:
            name += "_" + hashlib.sha1(" ".join(sorted(named)).encode()).hexdigest()[:8]
        opts["outdir"] = str(Path("outputs") / "compare" / name)
    return opts, common


def scenario_overrides(scenarios: list[str], seeds: list[int], overrides: list[str]
                       ) -> dict[str, list[str]]:
    """The overrides of each scenario's runs: ``scenario=<name>``, those for every scenario,
    its own ``<scenario>:`` ones, a variant's settings (``focus@start_week=26`` ->
    ``interventions.<each intervention of focus>.start_week=26``) after the
    ``interventions.<name>....`` ones of the interventions it has (the variant's win).
    Composes every scenario (raises ConfigError, or UsageError when no compared scenario
    has an intervention an override names)."""
    common, own = split_scoped(scenarios, overrides)
    everywhere = [o for o in common if scoped_intervention(o) is None]
    scoped = [o for o in common if scoped_intervention(o) is not None]
    result: dict[str, list[str]] = {}
    used: set[str] = set()
    for scen in scenarios:
        name, settings = variant(scen)
        base = [f"scenario={name}", *everywhere, *own[scen]]
        if scoped or settings:
            try:
                cfg = load_config([*base, f"seed={seeds[0]}"])
            except ConfigError as exc:
                raise ConfigError(f"scenario {scen}: {exc}") from None
            names = list(cfg.interventions)
            if settings and not names:
                raise UsageError(f"variant {scen!r}: scenario {name} has no intervention to "
                                 "change — make the variant of a scenario with interventions")
            mine = [o for o in scoped if scoped_intervention(o) in names]
            used.update(mine)
            base += mine  # then the variant's own settings, which win
            base += [f"interventions.{i}.{setting}" for setting in settings for i in names]
        result[scen] = base
    unused = [o for o in scoped if o not in used]
    if unused:
        missing = scoped_intervention(unused[0])
        raise UsageError(
            f"{unused[0]!r}: no compared scenario has an intervention {missing!r} "
            f"({', '.join(scenarios)}) — compare a scenario that has it, or add it to one "
            f"with <scenario>:+intervention@interventions.{missing}=<kind>")
    return result


def compose_each(per: dict[str, list[str]], seed: int) -> dict[str, Config]:
    """Compose and validate each scenario's overrides ``per`` (:func:`scenario_overrides`)
    once, before any run (raises ConfigError naming the scenario): the configuration of
    its runs, with ``seed`` (each run sets its own)."""
    configs = {}
    for scen, overrides in per.items():
        try:
            configs[scen] = load_config([*overrides, f"seed={seed}"])
        except ConfigError as exc:
            raise ConfigError(f"scenario {scen}: {exc}") from None
    return configs


def check_configs(scenarios: list[str], seeds: list[int], common: list[str]
                  ) -> dict[str, dict[str, str]]:
    """Compose and validate every scenario before any run (raises ConfigError); returns the
    fingerprint of each scenario's runs (:mod:`orgsim.fingerprint`)."""
    configs = compose_each(scenario_overrides(scenarios, seeds, common), seeds[0])
    return {scen: fingerprint(cfg) for scen, cfg in configs.items()}


def _identity(common: list[str]) -> list[str]:
    return sorted(common)


def run_prints(prints: dict[str, Any], plan: Design, scen: str, seed: int) -> dict[str, Any]:
    """The fingerprint a run of ``scen`` with ``seed`` must have: the scenario's (point), or
    that of the scenario with the seed's parameter set (posterior: ``prints[scen][set]``)."""
    return prints[scen] if not plan.posterior else prints[scen][str(plan.set_of(seed))]


def _check_outdir(outdir: Path, common: list[str], pairs: list[tuple[str, int]],
                  prints: dict[str, Any], plan: Design | None = None) -> None:
    """Refuse to resume in ``outdir`` when a finished run there was made from another
    configuration, orgsim or model version than this command composes to now (its
    fingerprint differs): such runs are never reused, and not silently redone either."""
    meta = outdir / META
    if meta.exists():
        old = json.loads(meta.read_text())
        if "fingerprints" not in old and sorted(old.get("overrides", [])) != _identity(common):
            # a comparison of an older orgsim: only its overrides can be compared
            raise UsageError(
                f"outdir {outdir} holds runs made with other overrides "
                f"({' '.join(old.get('overrides', [])) or 'none'}) — choose another outdir")
    stale = [(s, k, why) for s, k in pairs if is_done(run_dir(outdir, s, k))
             for why in [difference(read_fingerprint(run_dir(outdir, s, k)),
                                    run_prints(prints, plan or Design(), s, k))]
             if why is not None]
    if stale:
        scen, seed, why = stale[0]
        raise UsageError(
            f"outdir {outdir} holds {len(stale)} finished run(s) that this command would not "
            f"make (first: runs/{scen}/seed_{seed}: {why}); they are not reused — choose a "
            f"new outdir, or delete {outdir} to run the comparison again from scratch")


def _progress(outdir: Path, pairs: list[tuple[str, int]], done0: int, enabled: bool
              ) -> tuple[threading.Event, threading.Thread | None]:
    stop = threading.Event()
    if not enabled:
        return stop, None
    from tqdm import tqdm

    def watch() -> None:
        with tqdm(total=len(pairs), initial=done0, unit="run", desc="orgsim compare",
                  file=sys.stderr, dynamic_ncols=True) as bar:
            shown = done0
            while True:
                finished = stop.wait(0.5)
                done = sum(is_done(run_dir(outdir, s, k)) for s, k in pairs)
                if done > shown:
                    bar.update(done - shown)
                    shown = done
                if finished:
                    return

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return stop, thread


def run_compare(opts: dict[str, Any], common: list[str]) -> dict[str, Any]:
    """Run (or resume) a comparison; returns counts and, when complete, the results."""
    scenarios: list[str] = opts["scenario"]
    seeds = list(range(opts["first_seed"], opts["first_seed"] + opts["replications"]))
    outdir = Path(opts["outdir"])
    pairs = [(s, k) for s in scenarios for k in seeds]
    missing = [(s, k) for s, k in pairs if not is_done(run_dir(outdir, s, k))]
    todo = missing if opts["max_new_runs"] is None else missing[: opts["max_new_runs"]]
    if opts["launcher"] == "joblib" and todo:
        # the workers import the runner (its run_batch is the task) and the engine while
        # this process composes the scenarios (a refusal below leaves them unused)
        workers.start(opts["n_jobs"], "orgsim.experiments.runner")
    per = scenario_overrides(scenarios, seeds, common)
    try:
        plan = design(opts, common)
    except ParamsError as exc:
        raise UsageError(str(exc)) from None
    configs = compose_each(per, seeds[0])  # once per scenario, not once per run
    prints: dict[str, Any] = {scen: fingerprint(cfg) for scen, cfg in configs.items()}
    slots: list[dict[str, Config]] = []
    if plan.posterior:  # each scenario with each parameter set, composed once
        for index, extra in zip(plan.sets, plan.overrides, strict=True):
            try:
                slots.append(compose_each({s: [*per[s], *extra] for s in scenarios},
                                          seeds[0]))
            except ConfigError as exc:
                raise ConfigError(f"parameter set {index} of ensemble {plan.ensemble}: "
                                  f"{exc}") from None
        prints = {s: {str(index): fingerprint(slot[s], index, plan.ensemble_sha256)
                      for index, slot in zip(plan.sets, slots, strict=True)}
                  for s in scenarios}
    _check_outdir(outdir, common, pairs, prints, plan)
    check_launcher(opts["launcher"], opts["n_jobs"])
    outdir.mkdir(parents=True, exist_ok=True)
    meta: dict[str, Any] = {
        "scenarios": scenarios, "seeds": seeds, "overrides": _identity(common),
        "reference": opts["reference"], "launcher": opts["launcher"], "n_jobs": opts["n_jobs"],
        "fingerprints": prints,
        "scenario_overrides": {s: per[s] for s in scenarios},
        "horizon_years": opts["horizon_years"],
    }
    if plan.posterior:
        meta["params"] = plan.record(seeds)
    atomic_write(outdir / META, lambda p: p.write_text(json.dumps(meta, indent=1)))
    done0 = len(pairs) - len(missing)
    n_workers = effective_workers(opts["launcher"], opts["n_jobs"])
    if plan.posterior:  # tasks per parameter set: its scenarios share each seed's warm-up
        tasks = [task for slot, (index, slot_cfgs) in enumerate(zip(plan.sets, slots,
                                                                     strict=True))
                 for task in batches(slot_cfgs, [(s, k) for s, k in todo
                                                 if plan.slot(k) == slot],
                                     n_workers, index, plan.ensemble_sha256)]
    else:
        tasks = batches(configs, todo, n_workers)
    t0 = time.perf_counter()
    stop, thread = _progress(outdir, pairs, done0, opts["progress"])
    try:
        launch(outdir, tasks, opts["launcher"], opts["n_jobs"])
    finally:
        stop.set()
        if thread is not None:
            thread.join()
    wall = time.perf_counter() - t0
    result: dict[str, Any] = {"outdir": outdir, "ran": len(todo), "skipped": done0,
                              "total": len(pairs), "wall_seconds": wall, "seeds": seeds}
    if any(not is_done(run_dir(outdir, s, k)) for s, k in pairs):
        result["complete"] = False
        return result
    tables = aggregate(outdir, scenarios, seeds, opts["reference"])
    if opts["figures"]:
        from orgsim.experiments.figures import effects_figure, timeseries_figure

        timeseries_figure(tables["runs"], outdir / "timeseries.png", param_sets(plan, seeds))
        if opts["reference"] in scenarios and len(scenarios) > 1:
            # over the horizon of the printed table and the report (one verdict)
            horizon = opts.get("horizon_weeks") or configs[scenarios[0]].weeks
            effects = horizon_comparison(tables["runs"], configs[scenarios[0]], horizon,
                                         opts["reference"], param_sets(plan, seeds))
            effects_figure(effects, outdir / "effects.png", opts["reference"],
                           span=f"the first {horizon} weeks ({horizon_span(horizon)})")
    meta.update({"last_call": {"ran": len(todo), "skipped": done0,
                               "wall_seconds": round(wall, 2)}})
    atomic_write(outdir / META, lambda p: p.write_text(json.dumps(meta, indent=1)))
    result.update(complete=True, plan=plan, **tables)
    return result


def param_sets(plan: Design, seeds: list[int]) -> dict[int, int] | None:
    """seed -> the index of its parameter set (posterior), else None."""
    if not plan.posterior:
        return None
    return {k: int(plan.set_of(k) or 0) for k in seeds}


#: Columns of the printed table: key of :func:`horizon_table`, heading, decimals.
TABLE = (("burnout_cases_per_100_fte_year", "cases/100FTE/y", 2),
         ("burnout_complaints_pct", "complaints %", 1),
         ("absence_rate_pct", "absence %", 2),
         ("leavers_per_100_fte_year", "leavers/100/y", 1),
         ("burnout_cost_eur", "burn-out kEUR", 0),
         ("other_turnover_cost_eur", "other turnover kEUR", 0),
         ("intervention_cost_eur", "intervention kEUR", 0),
         ("net_saving_eur", "saving vs {ref} kEUR", 0))


def horizon_table(runs: Any, reference: str, cfg: Any, horizon: int,
                  param_sets: dict[int, int] | None = None) -> Any:
    """Per scenario, over the first ``horizon`` weeks of the tidy ``runs``: mean and 95%
    t-interval over the seeds of the headline numbers, the cost lines of
    :func:`orgsim.results.cost_split` (``cfg.costs``; per seed:
    :func:`~orgsim.experiments.aggregate.horizon_summaries`) and the net saving against
    ``reference`` paired by seed - the numbers ``orgsim report`` shows for the same
    directory. Columns ``<key>_mean``, ``_ci_low``, ``_ci_high`` and ``n``. With
    ``param_sets`` (seed -> parameter set; ``params=posterior``) the intervals are
    :func:`~orgsim.experiments.stats.nested_interval` over the (set, seed) pairs - the
    saving's over the paired differences - and ``<key>_param_share`` is the share of the
    interval's variance from the parameter sets."""
    import pandas as pd

    from orgsim.experiments.stats import add_costs, nested_interval, t_interval

    per_seed = add_costs(horizon_summaries(runs, cfg, horizon, param_sets), reference)
    rows = []
    for scen, sub in per_seed.groupby("scenario", sort=False):
        row: dict[str, Any] = {"scenario": scen, "n": len(sub)}
        for key, _, _ in TABLE:  # only the saving can be negative
            floor = None if key == "net_saving_eur" else 0.0
            if param_sets is None:
                row[f"{key}_mean"], row[f"{key}_ci_low"], row[f"{key}_ci_high"] = t_interval(
                    sub[key], floor=floor)
            else:
                (row[f"{key}_mean"], row[f"{key}_ci_low"], row[f"{key}_ci_high"],
                 row[f"{key}_param_share"]) = nested_interval(sub[key], sub["param_set"],
                                                              floor=floor)
        rows.append(row)
    return pd.DataFrame(rows)


def print_table(table: Any, reference: str, horizon: int, plan: Design | None = None) -> None:
    """The headline numbers of :func:`horizon_table`, one line per scenario, under a heading
    that names the horizon and the ``params`` mode; with ``params=posterior`` followed by
    the share of each interval's variance that comes from the parameter sets."""
    plan = plan or Design()
    if plan.posterior:
        kind = "95% interval: parameter sets + chance"
        mode = (f"params=posterior ({len(plan.sets)} parameter sets x {plan.seeds_per_set} "
                f"seeds, ensemble {plan.ensemble_sha256[:12]})")
    else:
        kind, mode = "95% interval", "params=point (one fitted parameter set: chance only)"
    print(f"Over the first {horizon_span(horizon)} (horizon_years, {horizon} weeks): mean "
          f"[{kind}] over "
          f"{int(table['n'].max())} replications; costs in kEUR, burn-out = burn-out absence "
          f"+ leavers due to burn-out; {mode}")
    width = max(28, *(len(str(s)) + 2 for s in table["scenario"]))
    heading = f"{'scenario':{width}s}" + "".join(
        f"{label.format(ref=reference):>24s}" for _, label, _ in TABLE)
    print(heading)
    for _, row in table.iterrows():
        cells = []
        for key, _, digits in TABLE:
            scale = 1e-3 if key.endswith("_eur") else 1.0
            m, lo, hi = (row[f"{key}_mean"] * scale, row[f"{key}_ci_low"] * scale,
                         row[f"{key}_ci_high"] * scale)
            interval = ("n/a" if math.isnan(lo) or math.isnan(hi)
                        else f"{_num(lo, digits)}, {_num(hi, digits)}")
            cells.append(f"{_num(m, digits)} [{interval}]".rjust(24))
        print(f"{row['scenario']:{width}s}" + "".join(cells))
    if (table["n"] < 2).any():
        print("(n/a: a 95% interval needs at least 2 replications; use replications=2 or more)")
    if plan.posterior:
        print("Of each interval's variance, % from parameter uncertainty (the rest: chance; "
              "docs/experiments.md, \"Parameter uncertainty\")")
        print(heading)
        for _, row in table.iterrows():
            cells = [("-" if math.isnan(share := row[f"{key}_param_share"])
                      else f"{100 * share:.0f}%").rjust(24) for key, _, _ in TABLE]
            print(f"{row['scenario']:{width}s}" + "".join(cells))


def _num(x: float, digits: int) -> str:
    """``x`` with ``digits`` decimals and thousands separators, never "-0" ("n/a": NaN)."""
    if math.isnan(x):
        return "n/a"
    text = f"{x:,.{digits}f}"
    return text[1:] if text.startswith("-") and float(text.replace(",", "")) == 0 else text


def reference_config(opts: dict[str, Any], common: list[str]) -> Any:
    """The composed configuration of the first run of the reference scenario (or, when it
    is not compared, the first scenario): costs, size and run length for the table."""
    seed = opts["first_seed"]
    per = scenario_overrides(opts["scenario"], [seed], common)
    scen = opts["reference"] if opts["reference"] in per else opts["scenario"][0]
    try:
        return load_config([*per[scen], f"seed={seed}"])
    except ConfigError as exc:
        raise ConfigError(f"scenario {scen}: {exc}") from None


def check_horizon(horizon_years: int, weeks: int, given: bool) -> int:
    """The horizon in weeks: ``horizon_years`` x 52, at most the runs' ``weeks``. Raises
    UsageError when ``horizon_years`` was ``given`` and is longer than the runs."""
    from orgsim.results import horizon_weeks

    if given and 52 * horizon_years > weeks:
        raise UsageError(
            f"horizon_years = {horizon_years} is longer than the runs ({weeks} weeks); "
            f"allowed [1, {max(1, weeks // 52)}] — or run longer, e.g. "
            f"weeks={52 * horizon_years}")
    return horizon_weeks(weeks, horizon_years)


INTERRUPTED = "orgsim compare: interrupted — re-run the same command to resume"


def main(argv: list[str]) -> int:
    """Entry point of ``orgsim compare``; returns the exit code (Ctrl+C and SIGTERM: one
    line, the workers stopped, 128 + the signal: :func:`orgsim.workers.interruptible`)."""
    if any(a in {"-h", "--help", "help"} for a in argv):
        print(__doc__)
        return 0
    try:
        with workers.interruptible(INTERRUPTED):
            return _main(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1


def _main(argv: list[str]) -> int:
    try:
        opts, common = parse(argv)
        cfg = reference_config(opts, common)
        horizon = check_horizon(opts["horizon_years"], cfg.weeks,
                                any(a.startswith("horizon_years=") for a in argv))
        opts["horizon_weeks"] = horizon
        result = run_compare(opts, common)
    except (UsageError, ConfigError) as exc:
        print(f"orgsim compare: error: {exc}", file=sys.stderr)
        return 2
    except SweepError as exc:
        print(f"orgsim compare: {exc}; finished runs are kept, re-run to continue",
              file=sys.stderr)
        return 1
    if not result["complete"]:
        done = result["skipped"] + result["ran"]
        print(f"orgsim compare: {done} of {result['total']} runs done in {result['outdir']}; "
              "re-run the same command to finish")
        return 0
    print(f"orgsim compare: {result['total']} runs ({result['ran']} new, {result['skipped']} "
          f"already done) in {result['wall_seconds']:.1f} s -> {result['outdir']}")
    plan = result["plan"]
    print_table(horizon_table(result["runs"], opts["reference"], cfg, horizon,
                              param_sets(plan, result["seeds"])),
                opts["reference"], horizon, plan)
    return 0
