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
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from orgsim import workers
from orgsim.compose import load_config, to_config
from orgsim.config import ConfigError, _register, check_overrides, is_flag_value, is_sweep
from orgsim.files import atomic_write_text
from orgsim.logs import quiet_mesa

_register()

#: ``orgsim <name> ...`` runs ``module:function(argv)``; added to by the tools that need it.
SUBCOMMANDS: dict[str, str] = {
    "compare": "orgsim.experiments.compare:main",
    "app": "orgsim.app.serve:main",
    "import-survey": "orgsim.survey_import:main",
    "report": "orgsim.report:main",
    "demo": "orgsim.cli:demo",
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


#: flags after which nothing runs (help, the composed config, Hydra's info)
NO_RUN_FLAGS = frozenset({"-h", "--help", "--hydra-help", "-c", "--cfg", "-i", "--info",
                          "-sc", "--shell-completion", "--version"})


def error_line(prog: str, message: object) -> str:
    """``<prog>: error: <what> — <how to fix>`` on one line."""
    text = " ".join(str(message).split())
    if " — " not in text:
        what, sep, fix = text.partition("; ")
        text = (f"{what} — {fix}" if sep
                else f"{text} — see `orgsim --help` and `orgsim --cfg job` for keys and values")
    return f"{prog}: error: {text}"


def fail(prog: str, message: object) -> NoReturn:
    """Print :func:`error_line` to stderr and exit 2."""
    print(error_line(prog, message), file=sys.stderr)
    sys.exit(2)


def _last(overrides: Sequence[str], key: str) -> str | None:
    values = [o.partition("=")[2] for o in overrides if o.lstrip("+").partition("=")[0] == key]
    return values[-1] if values else None


def check_output_dir(overrides: Sequence[str], key: str) -> None:
    """Fail unless the directory Hydra will create (``hydra.run.dir`` / ``hydra.sweep.dir``,
    default under the current directory) can be created: its nearest existing ancestor must
    be a directory in which a directory can be made (probed with an empty one, removed at
    once).

    Raises:
        ConfigError: naming the directory and what to do.
    """
    value = _last(overrides, key)
    shown = value if value is not None else os.getcwd()
    path = Path((value or ".").split("${")[0] or ".").expanduser()
    ancestor = path.absolute()
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    fix = f"choose a writable directory, e.g. {key}=outputs/my_run"
    if not ancestor.is_dir():
        raise ConfigError(f"cannot write the results to {shown}: {ancestor} is not a "
                          f"directory — {fix}")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".orgsim-probe-", dir=ancestor))
    except OSError as exc:
        raise ConfigError(f"cannot write the results to {shown}: {exc.strerror or exc} "
                          f"— {fix}") from None


def preflight(argv: Sequence[str]) -> list[str]:
    """Check the command line of a run (or sweep) before Hydra writes anything: every
    override's key, type, range and choice (:func:`orgsim.config.check_overrides`); for a
    single run, no sweep syntax and the whole composed configuration
    (:func:`orgsim.compose.load_config`: also the plan and explicit teams); and that the
    output directory can be made. Returns ``argv`` with choices normalised.

    Raises:
        ConfigError: the first problem, with how to fix it.
    """
    def overrides_of(argv: Sequence[str]) -> list[str]:
        return [a for i, a in enumerate(argv)
                if not a.startswith("-") and not (i and is_flag_value(argv[i - 1], a))]

    multirun = (any(a in ("-m", "--multirun") for a in argv)
                or _last(overrides_of(argv), "hydra.mode") == "MULTIRUN")
    no_run = any(a in NO_RUN_FLAGS for a in argv)
    if not multirun and not no_run:
        for arg in overrides_of(argv):
            if is_sweep(arg.partition("=")[2]):
                raise ConfigError(f"`{arg}` is a sweep, which a single run cannot do — add "
                                  f"-m (orgsim -m {arg}) or give one value")
    argv = check_overrides(argv)
    overrides = overrides_of(argv)
    if no_run:
        return argv
    if multirun:
        check_output_dir(overrides, "hydra.sweep.dir")
        return argv
    load_config(overrides)
    check_output_dir(overrides, "hydra.run.dir")
    return argv


#: The lines of ``orgsim demo``: summary key -> (label, decimals, key of its Dutch target in
#: :data:`orgsim.calibration.targets.TARGETS` or "").
DEMO_LINES = {
    "burnout_complaints_pct": ("burn-out complaints (% of employees at work)", 1,
                               "complaints_pct"),
    "absence_rate_pct": ("burn-out absence (% of contracted hours)", 2, "absence_pct_hours"),
    "burnout_cases_per_100_fte_year": ("new burn-out cases per 100 positions a year", 1, ""),
    "leavers_per_100_fte_year": ("leavers per 100 positions a year", 1, ""),
}

#: The commands ``orgsim demo`` ends with: what to try next, and why.
NEXT_COMMANDS = (
    ("orgsim compare scenario=baseline,focus,clearer_roles replications=20",
     "what would each option do? (about a minute)"),
    ("orgsim report outputs/compare/baseline_focus_clearer_roles_r20 --lang nl",
     "the management team's report of it (--lang en, --pdf)"),
    ("orgsim app", "the workshop app in the browser (English/Dutch)"),
)


def demo(argv: Sequence[str]) -> int:
    """``orgsim demo [--seeds N]``: the baseline organisation over N futures (default 5), a
    short explained summary (mean and range with the Dutch target range, the burn-out cost
    over the report's horizon in whole euros) and the next three commands to try."""
    import argparse

    import numpy as np

    from orgsim.calibration.targets import TARGETS
    from orgsim.model import OrgModel
    from orgsim.report.i18n import euro
    from orgsim.results import DUTCH_EUR_PER_CASE, cost_split, horizon_weeks, summarise

    parser = argparse.ArgumentParser(prog="orgsim demo", description=demo.__doc__)
    parser.add_argument("--seeds", type=int, default=5, help="futures to simulate (2-50)")
    args = parser.parse_args(list(argv))
    if not 2 <= args.seeds <= 50:
        print(error_line("orgsim demo", f"--seeds = {args.seeds} is out of range; allowed "
                         "[2, 50] — e.g. --seeds 5"), file=sys.stderr)
        return 2
    quiet_mesa()
    cfg = load_config(["org_seed=0"])  # one organisation, as orgsim compare simulates it
    horizon = horizon_weeks(cfg.weeks)
    rows, splits = [], []
    for seed in range(args.seeds):
        model = OrgModel.from_config(cfg, rng=seed)
        model.run_for(cfg.weeks)
        ts = model.timeseries()
        rows.append(summarise(ts, cfg))
        splits.append(cost_split(ts, cfg.costs, horizon))
    targets = {t.key: t for t in TARGETS}
    n_teams = len(np.unique(model.workforce.team))
    print(f"orgsim demo: {cfg.org.name}, {cfg.org.n_employees} positions in {n_teams} teams, "
          f"carrying on as now.\n{args.seeds} simulated futures of {cfg.weeks // 52} years "
          f"each (seeds 0-{args.seeds - 1}: the same people, other chance events), after a\n"
          f"run-in of {cfg.warmup_weeks} weeks. Mean and range over the futures; the targets "
          "are the Dutch averages the model is calibrated to.\n")
    print(f"  {'':44s} {'mean':>6s}  {'futures':>13s}  Dutch target")
    for key, (label, digits, target_key) in DEMO_LINES.items():
        values = np.array([r[key] for r in rows])
        target = targets.get(target_key)
        aim = ""
        if target is not None:
            inside = target.lo <= values.mean() <= target.hi
            aim = f"{target.target}{'' if inside else ' (outside)'}; {target.source}"
        span = f"{values.min():.{digits}f} - {values.max():.{digits}f}"
        print(f"  {label:44s} {values.mean():6.{digits}f}  {span:>13s}  {aim}")
    mean = {k: float(np.mean([s[k] for s in splits])) for k in splits[0]}
    per_case = mean["burnout_absence_eur"] / mean["cases"] if mean["cases"] else float("nan")
    print(f"\n  Burn-out costs {euro('en', mean['burnout_eur'])} over the first {horizon // 52} "
          f"years (the report's horizon):\n"
          f"    {euro('en', mean['burnout_absence_eur'])} of absence "
          f"({mean['absence_days']:,.0f} days at {euro('en', cfg.costs.eur_per_absence_day)}), "
          f"{euro('en', per_case)} per burn-out case\n    (Dutch estimate about "
          f"{euro('en', DUTCH_EUR_PER_CASE)}: 242 days x {euro('en', 250)}, ArboNed via NRC "
          f"2017),\n    and {euro('en', mean['burnout_turnover_eur'])} to replace about "
          f"{mean['burnout_leavers']:.0f} leavers whose departure the model attributes to "
          f"burn-out.\n  Other staff turnover costs a further "
          f"{euro('en', mean['other_turnover_eur'])}, not counted as burn-out.")
    print(f"\n  A mean of {args.seeds} futures is a first look: `orgsim compare` runs 20 per "
          "option and gives 95% intervals.\n\nNext, try:")
    width = max(len(c) for c, _ in NEXT_COMMANDS)
    for command, why in NEXT_COMMANDS:
        print(f"  {command:<{width}}   # {why}")
    return 0


@hydra.main(version_base="1.3", config_path="configs", config_name="config")
def _hydra_main(cfg: DictConfig) -> None:
    try:
        run(cfg)
    except ConfigError as exc:
        fail("orgsim", exc)


#: One line per subcommand for ``orgsim --help`` (in the order of :data:`SUBCOMMANDS`).
SUBCOMMAND_HELP: dict[str, str] = {
    "compare": "scenarios x seeds with paired differences, CIs and figures (resumable)",
    "app": "the workshop app in the browser (English/Dutch, offline)",
    "import-survey": "a client's team-level survey -> an organisation preset (org=<name>)",
    "report": "an HTML/PDF report for a management team from a comparison directory",
    "demo": "the baseline organisation over a few futures, explained (make demo)",
}

OVERVIEW = """orgsim: organisational energy dynamics (burn-out from how work is organised)

usage: orgsim [key=value ...]              one run (default: the typical Dutch organisation)
       orgsim -m key=a,b ...               a Hydra multirun (one run directory per value)
       orgsim <command> [--help] ...       one of the commands below

commands:
{commands}

examples:
  orgsim seed=3 org.n_employees=500 weeks=104
  orgsim compare scenario=baseline,focus,clearer_roles replications=20
  orgsim import-survey examples/example_survey.csv --name client
  orgsim app

Any config key can be set (a bad value stops with the allowed range). The config groups and
their options (Hydra's help) follow.
"""


def overview() -> str:
    """The text ``orgsim --help`` starts with: the commands, one line each, and examples."""
    width = max(len(name) for name in SUBCOMMANDS)
    lines = [f"  {name:<{width}}  {SUBCOMMAND_HELP[name]}" for name in SUBCOMMANDS]
    return OVERVIEW.format(commands="\n".join(lines))


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point (``argv``: the arguments, default ``sys.argv[1:]``)."""
    if argv is not None:
        sys.argv[1:] = list(argv)
    if sys.argv[1:2] in (["--help"], ["-h"]):
        print(overview())  # then Hydra's own help: config groups and options
        sys.stdout.flush()
    if len(sys.argv) > 1 and sys.argv[1] in SUBCOMMANDS:
        module, _, func = SUBCOMMANDS[sys.argv[1]].partition(":")
        sys.exit(getattr(importlib.import_module(module), func)(sys.argv[2:]))
    try:
        sys.argv[1:] = preflight(sys.argv[1:])
    except ConfigError as exc:
        fail("orgsim", exc)
    n_jobs = workers.joblib_jobs(sys.argv[1:])
    if n_jobs is not None:
        # the workers import this module (its _hydra_main is the job) and the engine while
        # Hydra composes the jobs
        workers.start(n_jobs, "orgsim.cli")
    _hydra_main()


if __name__ == "__main__":
    main()
