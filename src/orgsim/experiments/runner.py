"""One replication per Hydra job: simulate, then write its results atomically.

The sweep itself (scenarios x seeds) is a Hydra multirun; :func:`launch` starts it with the
joblib launcher (local parallel), the basic launcher (sequential) or the Ray launcher (a
Ray cluster; optional extra ``orgsim[ray]``). Each job writes into
``<outdir>/runs/<scenario>/seed_<seed>/``: ``timeseries.parquet`` first, then
``summary.json`` (each via a temporary file and an atomic rename); a run counts as finished
only when both exist, so an interrupted sweep, re-run, repeats only unfinished runs.
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

from orgsim.config import Config, _register, to_config
from orgsim.files import atomic_write

_register()

TIMESERIES = "timeseries.parquet"
SUMMARY = "summary.json"
LAUNCHERS = ("joblib", "basic", "ray")


def run_dir(outdir: Path, scenario: str, seed: int) -> Path:
    """Directory of one replication."""
    return outdir / "runs" / scenario / f"seed_{seed}"


def is_done(path: Path) -> bool:
    """True when the run in ``path`` finished (both files written)."""
    return (path / SUMMARY).exists() and (path / TIMESERIES).exists()


def simulate(cfg: Config) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Run one configured replication: its weekly series and its summary."""
    from orgsim.interventions import cost_by_week
    from orgsim.model import OrgModel
    from orgsim.results import summarise

    model = OrgModel.from_config(cfg)
    model.run_for(cfg.weeks)
    ts = model.timeseries()
    ts["intervention_cost_eur"] = cost_by_week(model, cfg.weeks)[: len(ts)]
    summary = {"scenario": cfg.scenario, "seed": cfg.seed, "n_employees": cfg.org.n_employees,
               **summarise(ts, cfg),
               "intervention_cost_eur": float(ts["intervention_cost_eur"].sum())}
    return ts, summary


def write_run(path: Path, ts: pd.DataFrame, summary: dict[str, Any]) -> None:
    """Write one run's files atomically, the summary (the completion mark) last."""
    path.mkdir(parents=True, exist_ok=True)
    atomic_write(path / TIMESERIES, lambda p: ts.to_parquet(p, index=False))
    atomic_write(path / SUMMARY, lambda p: p.write_text(json.dumps(summary, indent=1)))


def run_job(cfg: DictConfig | Config, path: Path) -> bool:
    """Simulate and write one replication unless it is already done; True if it ran."""
    if is_done(path):
        return False
    from orgsim.logs import quiet_mesa

    quiet_mesa()
    config = cfg if isinstance(cfg, Config) else to_config(cfg)
    ts, summary = simulate(config)
    write_run(path, ts, summary)
    return True


@hydra.main(version_base="1.3", config_path="../configs", config_name="config")
def hydra_task(cfg: DictConfig) -> None:
    """The Hydra job: one scenario x seed, written to the job's output directory."""
    run_job(cfg, Path(HydraConfig.get().runtime.output_dir))


def _quote(text: str) -> str:
    """A Hydra override value that may hold spaces, commas or quotes."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def hydra_overrides(outdir: Path, scenarios: Sequence[str], seeds: Sequence[int],
                    common: Sequence[str], launcher: str, n_jobs: int) -> list[str]:
    """The multirun command line for one sweep (scenarios x seeds)."""
    args = [f"scenario={','.join(scenarios)}", f"seed={','.join(str(s) for s in seeds)}",
            *common,
            f"hydra.sweep.dir={_quote(str(outdir.resolve() / 'runs'))}",
            "hydra.sweep.subdir=${scenario}/seed_${seed}",
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
           common: Sequence[str], launcher: str = "joblib", n_jobs: int = 2) -> None:
    """Run a Hydra multirun over ``scenarios x seeds`` with ``launcher``."""
    argv = ["orgsim-compare", "-m", *hydra_overrides(outdir, scenarios, seeds, common,
                                                     launcher, n_jobs)]
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
