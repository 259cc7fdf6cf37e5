"""One replication per Hydra job: simulate, then write its results atomically.

The sweep itself (scenarios x seeds) is a Hydra multirun; :func:`launch` starts it with the
joblib launcher (local parallel), the basic launcher (sequential) or the Ray launcher (a
Ray cluster; optional extra ``orgsim[ray]``). Each job writes into
``<outdir>/runs/<scenario>/seed_<seed>/``: ``fingerprint.json`` (what the run was made
from: :mod:`orgsim.fingerprint`), ``timeseries.parquet`` and ``teams.parquet`` first, then
``summary.json`` (each via a temporary file and an atomic rename); a run counts as finished
only when the last three exist, so an interrupted sweep, re-run, repeats only unfinished
runs (and the runs of an older orgsim that wrote no ``teams.parquet``). Whether a finished
run may be reused is decided by its fingerprint (``orgsim compare``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import hydra
import pandas as pd
from hydra.core.global_hydra import GlobalHydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from orgsim.compose import to_config
from orgsim.config import Config, _register
from orgsim.files import atomic_write
from orgsim.fingerprint import FINGERPRINT, fingerprint

_register()

TIMESERIES = "timeseries.parquet"
SUMMARY = "summary.json"
TEAMS = "teams.parquet"
LAUNCHERS = ("joblib", "basic", "ray")


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


def simulate(cfg: Config) -> tuple[pd.DataFrame, dict[str, Any], pd.DataFrame]:
    """Run one configured replication: its weekly series, its summary and its teams
    (:func:`team_table` at each of :func:`team_checkpoints`)."""
    from orgsim.interventions import cost_by_week
    from orgsim.model import OrgModel
    from orgsim.results import summarise

    model = OrgModel.from_config(cfg)
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


def run_job(cfg: DictConfig | Config, path: Path) -> bool:
    """Simulate and write one replication unless it is already done; True if it ran."""
    if is_done(path):
        return False
    from orgsim.logs import quiet_mesa

    quiet_mesa()
    config = cfg if isinstance(cfg, Config) else to_config(cfg)
    ts, summary, teams = simulate(config)
    write_run(path, ts, summary, teams, fingerprint(config))
    return True


@hydra.main(version_base="1.3", config_path="../configs", config_name="config")
def hydra_task(cfg: DictConfig) -> None:
    """The Hydra job: one scenario x seed, written to the job's output directory."""
    run_job(cfg, Path(HydraConfig.get().runtime.output_dir))


def _quote(text: str) -> str:
    """A Hydra override value that may hold spaces, commas or quotes."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def hydra_overrides(outdir: Path, scenarios: Sequence[str], seeds: Sequence[int],
                    common: Sequence[str], launcher: str, n_jobs: int,
                    subdir: str | None = None) -> list[str]:
    """The multirun command line for one sweep (scenarios x seeds); the runs go to
    ``runs/<scenario>/seed_<seed>``, or ``runs/<subdir>/seed_<seed>`` when given (a variant
    of a scenario, ``orgsim compare``)."""
    sub = ("hydra.sweep.subdir=${scenario}/seed_${seed}" if subdir is None
           else f"hydra.sweep.subdir={_quote(subdir)[:-1]}/seed_${{seed}}'")
    args = [f"scenario={','.join(scenarios)}", f"seed={','.join(str(s) for s in seeds)}",
            *common,
            f"hydra.sweep.dir={_quote(str(outdir.resolve() / 'runs'))}",
            sub,
            "hydra.output_subdir=null",
            "hydra/job_logging=disabled", "hydra/hydra_logging=disabled"]
    if launcher == "joblib":
        args += ["hydra/launcher=joblib", f"hydra.launcher.n_jobs={n_jobs}"]
    elif launcher == "ray":
        args += ["hydra/launcher=ray"]
        address = os.environ.get("ORGSIM_RAY_ADDRESS")
        if address:
            args += [f"hydra.launcher.ray.init.address={address}"]
    return args


class SweepError(RuntimeError):
    """A Hydra sweep failed (the message says which)."""


def launch(outdir: Path, scenarios: Sequence[str], seeds: Sequence[int],
           common: Sequence[str], launcher: str = "joblib", n_jobs: int = 2,
           subdir: str | None = None) -> None:
    """Run a Hydra multirun over ``scenarios x seeds`` with ``launcher`` (into
    ``runs/<subdir>/`` when given: :func:`hydra_overrides`)."""
    argv = ["orgsim-compare", "-m", *hydra_overrides(outdir, scenarios, seeds, common,
                                                     launcher, n_jobs, subdir)]
    old = sys.argv
    if GlobalHydra.instance().is_initialized():
        GlobalHydra.instance().clear()
    sys.argv = argv
    try:
        hydra_task()
    except SystemExit as exc:  # hydra.main exits on errors after printing them
        if exc.code not in (0, None):
            raise SweepError(f"the Hydra sweep failed (exit {exc.code}): "
                             f"{' '.join(argv[2:])}") from None
    finally:
        sys.argv = old
        if GlobalHydra.instance().is_initialized():
            GlobalHydra.instance().clear()
