"""Replications as a batch: each configuration composed once, many seeds per task.

``orgsim compare`` composes and validates each scenario's (or variant's) configuration once
(:func:`orgsim.compose.load_config`); :func:`batches` splits the runs still to do into tasks
of consecutive seeds of one configuration, and :func:`launch` runs the tasks with a
launcher: ``basic`` (one after another in this process), ``joblib`` (local worker
processes, loky), ``ray`` (Ray tasks on a Ray cluster; optional extra ``orgsim[ray]``) or
``slurm`` (a submitit job array; optional extra ``orgsim[slurm]``). A task
(:func:`run_batch`) simulates its seeds one after another with the same configuration, only
the seed changed, so no worker composes a config or imports the engine per run.
Each run writes into ``<outdir>/runs/<scenario>/seed_<seed>/``: ``fingerprint.json``
(what the run was made from: :mod:`orgsim.fingerprint`), ``timeseries.parquet`` and
``teams.parquet`` first, then ``summary.json`` (each via a temporary file and an atomic
rename); a run counts as finished only when the last three exist, so an interrupted sweep,
re-run, repeats only unfinished runs (and the runs of an older orgsim that wrote no
``teams.parquet``). Whether a finished run may be reused is decided by its fingerprint
(``orgsim compare``).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from orgsim import workers
from orgsim.config import Config, ConfigError
from orgsim.files import atomic_write
from orgsim.fingerprint import FINGERPRINT, fingerprint

TIMESERIES = "timeseries.parquet"
SUMMARY = "summary.json"
TEAMS = "teams.parquet"
LAUNCHERS = ("joblib", "basic", "ray", "slurm")
#: Environment: the address of the Ray cluster of ``launcher=ray`` (else a local Ray).
RAY_ADDRESS = "ORGSIM_RAY_ADDRESS"
#: Environment: submitit's parameters of ``launcher=slurm`` as a JSON object.
SLURM_OPTIONS = "ORGSIM_SLURM_OPTIONS"
#: Environment: submitit's cluster of ``launcher=slurm`` (``slurm``; ``local`` runs the
#: jobs as local subprocesses, for a try-out and the test).
SLURM_CLUSTER = "ORGSIM_SLURM_CLUSTER"
#: Tasks per worker: enough that the workers finish at about the same time.
TASKS_PER_WORKER = 4


def run_dir(outdir: Path, scenario: str, seed: int) -> Path:
    """Directory of one replication."""
    return outdir / "runs" / scenario / f"seed_{seed}"


def is_done(path: Path) -> bool:
    """True when the run in ``path`` finished (all three files written; a run of an older
    orgsim without ``teams.parquet`` is not, so resuming the comparison adds it)."""
    return all((path / name).exists() for name in (SUMMARY, TIMESERIES, TEAMS))


def read_fingerprint(path: Path) -> dict[str, Any] | None:
    """The fingerprint stored in run directory ``path``; None when it has none (a run of an
    older orgsim) or it cannot be read."""
    try:
        data = json.loads((path / FINGERPRINT).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


#: Columns of teams.parquet besides those of ``OrgModel.team_outcomes``
#: (:data:`orgsim.week.TEAM_COLUMNS`, and ``name`` for named teams), with their meaning.
TEAMS_EXTRA_COLUMNS: dict[str, str] = {
    "start_bat_exhaustion_sum": "week 0: sum of the BAT exhaustion scores (1-5) of those at "
                                "work (orgsim.scales.team_scores)",
    "start_n_present": "week 0: employees at work",
    "start_uwes_engagement_sum": "week 0: sum of the UWES engagement scores (0-6) of all "
                                 "employees",
    "start_n_employed": "week 0: employees (positions held)",
    "start_<level>": "week 0: the team's level of workload, role_ambiguity, "
                     "relational_strain, autonomy, collaboration, lead_support, recognition "
                     "(the report's pressure points)",
}
#: The keys of orgsim.scales.team_scores -> their column in teams.parquet.
START_SCORES = {"exhaustion": "start_bat_exhaustion_sum", "n_present": "start_n_present",
                "engagement": "start_uwes_engagement_sum", "n_employed": "start_n_employed"}


def team_checkpoints(weeks: int) -> list[int]:
    """Weeks after which teams.parquet holds one row per team: the end of every year
    (52, 104, ...) and the end of the run."""
    return sorted({*range(52, weeks + 1, 52), weeks})


def team_start(model: Any) -> dict[str, Any]:
    """Per team at week 0 (after the warm-up): the survey's sums and counts
    (:func:`orgsim.scales.team_scores`) and the team levels of the report's pressure points."""
    import numpy as np

    from orgsim import team_inputs
    from orgsim.scales import team_scores

    n_teams = model.teams.size
    scores = team_scores(model.workforce, n_teams)
    start = {column: scores[key] for key, column in START_SCORES.items()}
    for level in (inp.name for inp in team_inputs.PRESSURE_INPUTS):
        values = np.asarray(getattr(model.teams, level), dtype=float)
        start[f"start_{level}"] = np.broadcast_to(values, (n_teams,)).copy()
    return start


def team_table(model: Any, start: dict[str, Any]) -> pd.DataFrame:
    """The model's team outcomes so far, with the FTE-weeks lost and the state at week 0."""
    df = model.team_outcomes()
    for column, values in start.items():
        df[column] = values
    return df


def warmed_up(cfg: Config) -> Any:
    """The model of ``cfg`` after its warm-up (week 0), to be continued by :func:`simulate`."""
    from orgsim.model import OrgModel

    return OrgModel.from_config(cfg)


def continue_as(warm: Any, cfg: Config) -> Any:
    """A copy of the warmed-up model ``warm`` that continues as ``cfg``: its plan (scheduled
    shocks, interventions) replaces ``warm``'s. The same as building ``cfg``'s model when
    ``cfg`` differs from ``warm``'s configuration only in what acts from week 0 on
    (:func:`warmup_key`): the timeline does nothing during the warm-up
    (``orgsim.timeline.Timeline.start_week``)."""
    from orgsim.compose import Timeline

    model = copy.deepcopy(warm)
    model.config = copy.deepcopy(cfg)
    model.timeline = Timeline.from_config(model)
    return model


def warmup_key(cfg: Any) -> str | None:
    """What a run's warm-up depends on: its configuration without the plan (interventions,
    shocks), the scenario's name and the run length; runs of one seed with the same key
    share the warm-up (:func:`run_batch`). None for anything but a :class:`Config`."""
    if not isinstance(cfg, Config):
        return None
    return repr(dataclasses.replace(cfg, interventions={}, shocks=[], scenario="", seed=0,
                                    weeks=1))


def simulate(cfg: Config, model: Any = None) -> tuple[pd.DataFrame, dict[str, Any], pd.DataFrame]:
    """Run one configured replication: its weekly series, its summary and its teams
    (:func:`team_table` at each of :func:`team_checkpoints`); ``model``: its model after the
    warm-up when already made (:func:`continue_as`)."""
    from orgsim.interventions import cost_by_week
    from orgsim.results import summarise

    if model is None:
        model = warmed_up(cfg)
    start = team_start(model)
    tables, done = [], 0
    for week in team_checkpoints(cfg.weeks):
        model.run_for(week - done)
        done = week
        tables.append(team_table(model, start))
    teams = pd.concat(tables, ignore_index=True)
    ts = model.timeseries()
    ts["intervention_cost_eur"] = cost_by_week(model, cfg.weeks)[: len(ts)]
    summary = {"scenario": cfg.scenario, "seed": cfg.seed, "n_employees": cfg.org.n_employees,
               **summarise(ts, cfg),
               "intervention_cost_eur": float(ts["intervention_cost_eur"].sum())}
    return ts, summary, teams


def write_run(path: Path, ts: pd.DataFrame, summary: dict[str, Any],
              teams: pd.DataFrame, stamp: dict[str, str] | None = None) -> None:
    """Write one run's files atomically: its fingerprint ``stamp`` (if given) first, the
    summary (the completion mark) last; a summary left by an earlier, incomplete run is
    removed first."""
    path.mkdir(parents=True, exist_ok=True)
    (path / SUMMARY).unlink(missing_ok=True)
    if stamp is not None:
        atomic_write(path / FINGERPRINT, lambda p: p.write_text(json.dumps(stamp, indent=1)))
    atomic_write(path / TIMESERIES, lambda p: ts.to_parquet(p, index=False))
    atomic_write(path / TEAMS, lambda p: teams.to_parquet(p, index=False))
    atomic_write(path / SUMMARY, lambda p: p.write_text(json.dumps(summary, indent=1)))


def run_job(cfg: Config, path: Path, model: Any = None, param_set: int | None = None,
            ensemble_sha256: str | None = None) -> bool:
    """Simulate and write one replication unless it is already done; True if it ran
    (``model``: see :func:`simulate`; ``param_set``: the index of the ensemble's parameter
    set ``cfg`` was composed with, recorded in the summary and the fingerprint)."""
    if is_done(path):
        return False
    from orgsim.logs import quiet_mesa

    quiet_mesa()
    ts, summary, teams = simulate(cfg, model)
    if param_set is not None:
        summary["param_set"] = int(param_set)
    write_run(path, ts, summary, teams, fingerprint(cfg, param_set, ensemble_sha256))
    return True


@dataclass(frozen=True)
class Batch:
    """One task: seeds of one composed configuration, written to ``runs/<name>/seed_<n>``
    (``name`` is the scenario, or the variant, ``focus@start_week=26``); ``others``: further
    (name, configuration) pairs run for the same seeds after the same warm-up
    (:func:`warmup_key`); ``param_set``/``ensemble_sha256``: the parameter set all these
    configurations were composed with (``orgsim compare params=posterior``), else None."""

    name: str
    cfg: Config
    seeds: tuple[int, ...]
    others: tuple[tuple[str, Config], ...] = ()
    param_set: int | None = None
    ensemble_sha256: str | None = None


def run_batch(outdir: Path, batch: Batch) -> int:
    """Simulate and write each run of ``batch`` that is not done yet, seed by seed (each
    with its own copy of the configuration, only the seed set); the configurations of one
    batch share each seed's warm-up (:func:`continue_as`). Returns how many ran."""
    ran = 0
    for seed in batch.seeds:
        todo = []
        for name, base in ((batch.name, batch.cfg), *batch.others):
            if not is_done(run_dir(outdir, name, seed)):
                cfg = copy.deepcopy(base)
                cfg.seed = seed
                todo.append((name, cfg))
        warm = warmed_up(todo[0][1]) if len(todo) > 1 else None
        for name, cfg in todo:
            model = continue_as(warm, cfg) if warm is not None else None
            ran += run_job(cfg, run_dir(outdir, name, seed), model, batch.param_set,
                           batch.ensemble_sha256)
    return ran


def batches(configs: Mapping[str, Config], todo: Iterable[tuple[str, int]],
            n_workers: int, param_set: int | None = None,
            ensemble_sha256: str | None = None) -> list[Batch]:
    """The runs ``todo`` ((name, seed) pairs; ``configs`` holds each name's configuration)
    as tasks of consecutive seeds: about :data:`TASKS_PER_WORKER` tasks per worker. Names
    whose configurations share the warm-up (:func:`warmup_key`: e.g. scenarios that only
    add interventions) go into the same tasks, so each seed's warm-up is simulated once.
    ``param_set``, ``ensemble_sha256``: see :class:`Batch`."""
    seeds: dict[str, list[int]] = {}
    for name, seed in todo:
        seeds.setdefault(name, []).append(seed)
    groups: dict[object, list[str]] = {}
    for name in seeds:  # the same warm-up and the same seeds to do (else a group of its own)
        key = warmup_key(configs[name])
        groups.setdefault(name if key is None else (key, tuple(seeds[name])), []).append(name)
    total = sum(len(ks) for ks in seeds.values())
    size = max(1, math.ceil(total / (max(1, n_workers) * TASKS_PER_WORKER)))
    tasks = []
    for names in groups.values():
        ks = seeds[names[0]]
        parts = min(len(ks), math.ceil(len(ks) * len(names) / size))
        step, extra = divmod(len(ks), parts)
        start = 0
        for i in range(parts):
            end = start + step + (i < extra)
            tasks.append(Batch(names[0], configs[names[0]], tuple(ks[start:end]),
                               tuple((n, configs[n]) for n in names[1:]), param_set,
                               ensemble_sha256))
            start = end
    return tasks


class SweepError(RuntimeError):
    """A task of a sweep failed (the message says which and why)."""


def effective_workers(launcher: str, n_jobs: int) -> int:
    """How many tasks run at once: 1 for ``basic``, else ``n_jobs``."""
    return 1 if launcher == "basic" else n_jobs


def launch(outdir: Path, tasks: Sequence[Batch], launcher: str = "joblib",
           n_jobs: int = 2) -> None:
    """Run ``tasks`` (:func:`run_batch`) with ``launcher`` (:data:`LAUNCHERS`), ``n_jobs``
    at a time. Raises SweepError when a task fails (finished runs stay written)."""
    outdir = outdir.resolve()  # the workers may start elsewhere
    if launcher not in LAUNCHERS:
        raise ValueError(f"launcher = {launcher!r}; choose one of: {', '.join(LAUNCHERS)}")
    try:
        if launcher == "slurm":
            _launch_slurm(outdir, tasks, n_jobs)
        elif launcher == "ray":
            _launch_ray(outdir, tasks, n_jobs)
        elif launcher == "basic" or n_jobs == 1:
            for task in tasks:
                run_batch(outdir, task)
        else:
            _launch_joblib(outdir, tasks, n_jobs)
    except (SweepError, ConfigError, KeyboardInterrupt):
        raise
    except Exception as exc:
        why = (str(exc).strip().splitlines() or [""])[0]
        raise SweepError(f"a {launcher} task failed: {type(exc).__name__}"
                         + (f": {why}" if why else "")) from exc


def _launch_joblib(outdir: Path, tasks: Sequence[Batch], n_jobs: int) -> None:
    """The tasks on local loky workers (the pool warmed by :mod:`orgsim.workers`)."""
    from joblib import Parallel, delayed

    workers.wait()  # the warm pool (orgsim.workers.start) is the one used here
    workers.quiet_resource_tracker()
    Parallel(n_jobs=n_jobs, batch_size=1, **workers.POOL_ARGS)(  # a task is seconds long
        delayed(run_batch)(outdir, task) for task in tasks)


def _launch_ray(outdir: Path, tasks: Sequence[Batch], n_jobs: int) -> None:
    """The tasks as Ray tasks (one CPU each, ``n_jobs`` at a time) on the cluster of
    :func:`connect_ray`; the first failure stops the rest, and so does an interrupt."""
    connect_ray()
    import ray

    remote = ray.remote(num_cpus=1, max_retries=0)(run_batch)
    queue, running = list(tasks), list[Any]()
    try:
        while queue or running:
            while queue and len(running) < n_jobs:
                running.append(remote.remote(outdir, queue.pop(0)))
            done, running = ray.wait(running, num_returns=1)
            ray.get(done)  # raises the task's error
    except BaseException:
        for ref in running:
            ray.cancel(ref, force=True)
        raise


def connect_ray() -> None:
    """Connect to the Ray cluster at ``$ORGSIM_RAY_ADDRESS`` (``auto``, ``host:port`` or
    ``ray://host:port``), or start a local Ray when it is not set; nothing when Ray is
    already initialised in this process."""
    import ray

    if ray.is_initialized():
        return
    address = os.environ.get(RAY_ADDRESS) or None
    if address is None:  # a local Ray, stopped when this process ends
        ray.init(log_to_driver=False, include_dashboard=False, configure_logging=False)
    else:
        ray.init(address=address, log_to_driver=False, configure_logging=False)


def slurm_options(n_jobs: int) -> dict[str, Any]:
    """submitit's parameters for ``launcher=slurm``: one CPU and 60 minutes per task,
    ``n_jobs`` tasks at a time, then those of ``$ORGSIM_SLURM_OPTIONS`` (a JSON object,
    e.g. ``{"slurm_partition": "short", "timeout_min": 120}``)."""
    options: dict[str, Any] = {"cpus_per_task": 1, "timeout_min": 60,
                               "slurm_array_parallelism": n_jobs}
    text = os.environ.get(SLURM_OPTIONS, "").strip()
    if text:
        try:
            extra = json.loads(text)
        except ValueError as exc:
            raise ConfigError(f"{SLURM_OPTIONS} = {text!r} is not JSON ({exc}) — give an "
                             'object, e.g. {"slurm_partition": "short"}') from None
        if not isinstance(extra, dict):
            raise ConfigError(f"{SLURM_OPTIONS} = {text!r} is not a JSON object — give e.g. "
                             '{"slurm_partition": "short", "timeout_min": 120}')
        options.update(extra)
    return options


def slurm_executor(folder: Path, n_jobs: int) -> Any:
    """submitit's executor for ``launcher=slurm`` (its files and logs in ``folder``), with
    :func:`slurm_options`. Raises ConfigError when submitit is missing, the cluster of
    ``$ORGSIM_SLURM_CLUSTER`` (default ``slurm``) is not here, or an option is wrong."""
    try:
        import submitit
    except ImportError:
        raise ConfigError("launcher=slurm needs submitit: pip install 'orgsim[slurm]' (see "
                          "docs/experiments.md)") from None
    cluster = os.environ.get(SLURM_CLUSTER, "slurm")
    try:
        executor = submitit.AutoExecutor(folder=folder, cluster=cluster)
    except Exception as exc:  # no srun/sbatch here, or an unknown cluster name
        raise ConfigError(f"launcher=slurm: submitit cannot use cluster {cluster!r} here "
                          f"({exc}); run on a SLURM login node, or set {SLURM_CLUSTER}=local "
                          "to try it locally") from None
    options = slurm_options(n_jobs)
    try:
        executor.update_parameters(**options)
    except Exception as exc:  # submitit: NameError, AssertionError, ...
        raise ConfigError(f"{SLURM_OPTIONS}: {str(exc).splitlines()[0]}") from None
    return executor


def check_launcher(launcher: str, n_jobs: int) -> None:
    """Check before any run that ``launcher`` can run here: Ray installed for ``ray``; for
    ``slurm`` submitit, its cluster and options (:func:`slurm_executor`). Raises
    ConfigError saying what to install or set."""
    if launcher == "ray":
        try:
            import ray  # noqa: F401
        except ImportError:
            raise ConfigError("launcher=ray needs Ray: pip install 'orgsim[ray]' (see "
                              "docs/experiments.md)") from None
    elif launcher == "slurm":
        with tempfile.TemporaryDirectory() as folder:  # nothing written into outdir yet
            slurm_executor(Path(folder), n_jobs)


def _launch_slurm(outdir: Path, tasks: Sequence[Batch], n_jobs: int) -> None:
    """The tasks as one submitit job array (its files and logs in ``<outdir>/submitit``);
    waits for all, cancels them when interrupted."""
    if not tasks:
        return
    executor = slurm_executor(outdir / "submitit", n_jobs)
    jobs = executor.map_array(run_batch, [outdir] * len(tasks), list(tasks))
    try:
        for job in jobs:
            job.result()
    except BaseException:
        for job in jobs:
            job.cancel(check=False)
        raise
