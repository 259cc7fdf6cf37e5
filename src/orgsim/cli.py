"""The ``orgsim`` command: a Hydra app that runs one simulation and writes its results.

    orgsim                                   # baseline, prints a short summary
    orgsim scenario=baseline seed=3 org.n_employees=500 weeks=104
    orgsim -m seed=1,2,3                     # Hydra multirun

Subcommands (``orgsim compare ...``, ``orgsim app``, ...) are listed in :data:`SUBCOMMANDS`;
each is a module with a ``main(argv) -> int`` function, imported only when used.

Each run writes ``timeseries.csv``, ``employees.csv``, ``episodes.csv`` and
``summary.json`` into its Hydra output directory.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from orgsim import workers
from orgsim.compose import to_config
from orgsim.config import ConfigError, _register, check_overrides
from orgsim.files import atomic_write_text
from orgsim.logs import quiet_mesa

_register()

#: ``orgsim <name> ...`` runs ``module:function(argv)``; added to by the tools that need it.
SUBCOMMANDS: dict[str, str] = {
    "compare": "orgsim.experiments.compare:main",
    "app": "orgsim.app.serve:main",
    "import-survey": "orgsim.survey_import:main",
    "report": "orgsim.report:main",
}


def run(cfg: DictConfig) -> dict[str, float]:
    """Run one configured simulation, write its files, print and return its summary."""
    # the engine is imported here, not at the top: a parallel sweep's main process never
    # runs a simulation and so starts without loading Mesa and pandas
    from orgsim.model import OrgModel
    from orgsim.results import SUMMARY_KEYS, summarise

    quiet_mesa()
    config = to_config(cfg)
    model = OrgModel.from_config(config)
    model.run_for(config.weeks)
    out = Path(HydraConfig.get().runtime.output_dir)
    ts = model.timeseries()
    summary = {"scenario": config.scenario, "seed": config.seed,
               "n_employees": config.org.n_employees, **summarise(ts, config)}
    atomic_write_text(out / "timeseries.csv", ts.to_csv(index=False))
    atomic_write_text(out / "employees.csv", model.employees().to_csv(index=False))
    atomic_write_text(out / "episodes.csv", model.episodes().to_csv(index=False))
    atomic_write_text(out / "summary.json", json.dumps(summary, indent=2))
    print(f"orgsim: {config.org.name} | scenario {config.scenario} | seed {config.seed} | "
          f"{config.org.n_employees} positions | {config.weeks} weeks")
    for key in ("burnout_complaints_pct", "absence_rate_pct", "burnout_cases_per_100_fte_year",
                "leavers_per_100_fte_year", "engagement_mean", "cost_eur_total"):
        print(f"  {SUMMARY_KEYS[key]:62s} {summary[key]:>14,.2f}")
    print(f"  results in {out}")
    return summary


@hydra.main(version_base="1.3", config_path="configs", config_name="config")
def _hydra_main(cfg: DictConfig) -> None:
    try:
        run(cfg)
    except ConfigError as exc:
        print(f"orgsim: invalid configuration: {exc}", file=sys.stderr)
        sys.exit(2)


def main() -> None:
    """Console entry point."""
    if len(sys.argv) > 1 and sys.argv[1] in SUBCOMMANDS:
        module, _, func = SUBCOMMANDS[sys.argv[1]].partition(":")
        sys.exit(getattr(importlib.import_module(module), func)(sys.argv[2:]))
    try:
        sys.argv[1:] = check_overrides(sys.argv[1:])
    except ConfigError as exc:
        print(f"orgsim: invalid configuration: {exc}", file=sys.stderr)
        sys.exit(2)
    n_jobs = workers.joblib_jobs(sys.argv[1:])
    if n_jobs is not None:
        # the workers import this module (its _hydra_main is the job) and the engine while
        # Hydra composes the jobs
        workers.start(n_jobs, "orgsim.cli")
    _hydra_main()


if __name__ == "__main__":
    main()
