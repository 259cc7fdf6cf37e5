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

import argparse
import contextlib
import importlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from orgsim import workers
from orgsim.compose import load_config, to_config
from orgsim.config import (
    Config,
    ConfigError,
    _register,
    available,
    check_overrides,
    is_flag_value,
    is_sweep,
)
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
    "calibrate": "orgsim.calibration.abc:main",
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


def check_writable(path: Path, shown: object, fix: str, what: str = "the results") -> None:
    """Fail unless the directory ``path`` is or can be made: its nearest existing ancestor
    must be a directory in which a directory can be made (probed with an empty one, removed
    at once). ``shown`` names it in the message, ``fix`` says what to do.

    Raises:
        ConfigError: ``cannot write <what> to <shown>: <why> — <fix>``.
    """
    ancestor = path.expanduser().absolute()
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise ConfigError(f"cannot write {what} to {shown}: {ancestor} is not a "
                          f"directory — {fix}")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".orgsim-probe-", dir=ancestor))
    except OSError as exc:
        raise ConfigError(f"cannot write {what} to {shown}: {exc.strerror or exc} "
                          f"— {fix}") from None


def check_output_dir(overrides: Sequence[str], key: str) -> None:
    """Fail unless the directory Hydra will create (``hydra.run.dir`` / ``hydra.sweep.dir``,
    default under the current directory) can be created (:func:`check_writable`); an empty
    value (results into the current directory, mixed with whatever is there) is refused.

    Raises:
        ConfigError: naming the directory and what to do.
    """
    value = _last(overrides, key)
    fix = f"choose a writable directory, e.g. {key}=outputs/my_run"
    if value is not None and not value.strip():
        raise ConfigError(f"{key} has no value (the results would land in the current "
                          f"directory) — {fix}")
    shown = value if value is not None else os.getcwd()
    check_writable(Path((value or ".").split("${")[0] or "."), shown, fix)


#: Hydra's flags that orgsim refuses, with why and what to do instead: the configuration of a
#: run is composed from orgsim's configs and the user's presets only (what the checks before
#: the run compose too), and a rerun unpickles a file.
REFUSED_FLAGS: dict[str, str] = {
    "config_path": "orgsim composes its own configuration",
    "config_name": "orgsim composes its own configuration",
    "config_dir": "orgsim composes its own configuration",
    "experimental_rerun": "a rerun loads a pickle file",
}
_INSTEAD = {
    "config_path": "put your presets in $ORGSIM_HOME/configs/<group>/<name>.yaml (org=<name>)",
    "config_name": "put your presets in $ORGSIM_HOME/configs/<group>/<name>.yaml (org=<name>)",
    "config_dir": "put your presets in $ORGSIM_HOME/configs/<group>/<name>.yaml (org=<name>)",
    "experimental_rerun": "run again with the overrides in <run dir>/.hydra/overrides.yaml",
}


def split_argv(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """Hydra's flags (with their values) and the overrides, in their order. Hydra reads its
    flags only before the overrides; the flags go first again when the command runs."""
    flags: list[str] = []
    overrides: list[str] = []
    for i, arg in enumerate(argv):
        is_flag = arg.startswith("-") or (i > 0 and is_flag_value(argv[i - 1], arg))
        (flags if is_flag else overrides).append(arg)
    return flags, overrides


def check_flags(flags: Sequence[str], overrides: Sequence[str]) -> argparse.Namespace:
    """Hydra's own argument parser on the command line, its errors as :class:`ConfigError`,
    and the flags orgsim refuses (:data:`REFUSED_FLAGS`)."""
    from hydra._internal.utils import get_args_parser

    parser = get_args_parser()

    def error(message: str) -> NoReturn:
        raise ConfigError(f"{message} — see `orgsim --help`")

    parser.error = error  # type: ignore[method-assign]
    args = parser.parse_args([*flags, *overrides])
    for name, why in REFUSED_FLAGS.items():
        if getattr(args, name) is not None:
            flag = "--" + name.replace("_", "-")
            raise ConfigError(f"{flag} is not supported ({why}) — {_INSTEAD[name]}")
    return args


def parse_overrides(overrides: Sequence[str]) -> list[Any]:
    """The overrides parsed by Hydra's grammar (a sweep, a list, quotes, interpolations).

    Raises:
        ConfigError: naming the override that cannot be read, and why.
    """
    from hydra.core.override_parser.overrides_parser import OverridesParser
    from hydra.errors import HydraException

    parser = OverridesParser.create()
    parsed = []
    for override in overrides:
        try:
            parsed.extend(parser.parse_overrides([override]))
        except HydraException as exc:
            why = " ".join(str(exc).split("See https://")[0].split())
            raise ConfigError(f"`{override}` cannot be read as an override ({why}) — check "
                              "its brackets, quotes and commas; quote a value with spaces or "
                              "special characters, e.g. org.name='A & B'") from None
    return parsed


def first_job(parsed: Sequence[Any]) -> list[str] | None:
    """The overrides of the first job of a sweep (each sweep at its first value), or None
    when a sweep can only be expanded by the sweeper (``glob(...)`` over Hydra's groups).

    Raises:
        ConfigError: for a sweep without values or one that cannot be enumerated.
    """
    from hydra.core.override_parser.types import ValueType

    job = []
    for o in parsed:
        text = o.input_line
        if not o.is_sweep_override():
            job.append(text)
        elif o.value_type is ValueType.GLOB_CHOICE_SWEEP:
            if o.key_or_group not in ("scenario", "org", "intervention"):
                return None  # Hydra's own groups: their options are Hydra's to list
            names = o.value().filter(available(o.key_or_group))
            if not names:
                raise ConfigError(f"`{text}` matches no {o.key_or_group} — choose from: "
                                  f"{', '.join(available(o.key_or_group))}")
            job.append(f"{o.get_key_element()}={names[0]}")
        elif not o.is_discrete_sweep():
            raise ConfigError(f"`{text}` is a continuous interval, which `orgsim -m` cannot "
                              "enumerate — give the values (a,b,c) or range(start,stop,step)")
        else:
            value = next(iter(o.sweep_string_iterator()), None)
            if value is None:
                raise ConfigError(f"`{text}` has no values — give at least one, e.g. "
                                  "range(0,10)")
            job.append(f"{o.get_key_element()}={value}")
    return job


#: Memory one run takes (maximum resident set, measured with /usr/bin/time on 1,000,000
#: positions: 2.5 GB with the default 5.5 contacts per person, 13 GB with 219 and the numpy
#: engine), rounded up: bytes per position and per contact of a person.
BYTES_PER_POSITION = 2_600
BYTES_PER_CONTACT = 60
#: Most colleagues a person is in frequent contact with in their team
#: (``orgsim.organisation.EXACT_TEAM_SIZE - 1``: larger units keep that many on average).
MAX_TEAM_CONTACTS = 199


def memory_needed(cfg: Config) -> int:
    """About the bytes one run of ``cfg`` takes: its positions and their contacts (in the
    team, ``climate.contact_probability`` x (size - 1), at most :data:`MAX_TEAM_CONTACTS`;
    outside it, ``climate.cross_team_contacts``)."""
    org, climate = cfg.org, cfg.climate
    sizes = [t.headcount for t in org.teams] or [org.team_size]
    within = sum(h * min(h - 1, MAX_TEAM_CONTACTS) for h in sizes) / sum(sizes)
    contacts = climate.contact_probability * within + climate.cross_team_contacts
    return int(org.n_employees * (BYTES_PER_POSITION + BYTES_PER_CONTACT * contacts))


def physical_memory() -> int:
    """This computer's memory in bytes."""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def check_memory(cfg: Config, parallel: int = 1) -> None:
    """Refuse a run (``parallel`` runs at once) that cannot fit in this computer's memory
    (:func:`memory_needed`).

    Raises:
        ConfigError: with the sizes to make smaller.
    """
    need, have = memory_needed(cfg) * parallel, physical_memory()
    if need > have:
        runs = f" x {parallel} parallel runs" if parallel > 1 else ""
        fewer = " or fewer parallel runs (hydra.launcher.n_jobs)" if parallel > 1 else ""
        raise ConfigError(
            f"org.n_employees = {cfg.org.n_employees} with these contacts{runs} needs about "
            f"{need / 1e9:.1f} GB of memory, more than this computer's {have / 1e9:.1f} GB — "
            "use fewer employees (org.n_employees) or fewer contacts "
            f"(climate.contact_probability, climate.cross_team_contacts, org.team_size){fewer}")


def preflight(argv: Sequence[str]) -> list[str]:
    """Check the command line of a run (or sweep) before Hydra writes anything: Hydra's flags
    (:func:`check_flags`; flags given after overrides are moved before them), the grammar of
    every override (:func:`parse_overrides`), every override's key, type, range and choice
    (:func:`orgsim.config.check_overrides`); for a single run, no sweep syntax and the whole
    composed configuration (:func:`orgsim.compose.load_config`: also the plan and explicit
    teams), for a sweep the whole configuration of its first job (the sweeper checks every
    job before it writes anything, ``hydra_plugins.orgsim_sweeper``); and that the output
    directory can be made, and that the run fits in memory (:func:`check_memory`). Returns
    ``argv`` with the flags first and choices normalised.

    Raises:
        ConfigError: the first problem, with how to fix it.
    """
    flags, overrides = split_argv(argv)
    args = check_flags(flags, overrides)
    if args.shell_completion:  # its arguments (install=bash, query=...) are Hydra's own
        return [*flags, *overrides]
    multirun = args.multirun or _last(overrides, "hydra.mode") == "MULTIRUN"
    no_run = bool(args.help or args.hydra_help or args.cfg or args.info)
    if not multirun and not no_run:
        for arg in overrides:
            if is_sweep(arg.partition("=")[2]):
                raise ConfigError(f"`{arg}` is a sweep, which a single run cannot do — add "
                                  f"-m (orgsim -m {arg}) or give one value")
    overrides = check_overrides(overrides)
    parsed = parse_overrides(overrides)
    argv = [*flags, *overrides]
    if no_run:
        return argv
    if multirun:
        n_jobs = _last(overrides, "hydra.launcher.n_jobs")
        if n_jobs is not None and (not re.fullmatch(r"-?[0-9]+", n_jobs) or int(n_jobs) == 0):
            raise ConfigError(f"hydra.launcher.n_jobs = {n_jobs!r} is not a number of parallel "
                              "runs — give a whole number >= 1 (or -1 for all cores)")
        check_output_dir(overrides, "hydra.sweep.dir")
        job = first_job(parsed)
        if job is not None:
            pool = workers.joblib_jobs(argv)  # joblib's meaning: -1 all cores, -2 all but one
            cores = os.cpu_count() or 1
            parallel = 1 if pool is None else pool if pool > 0 else cores + 1 + pool
            check_memory(load_config(job), max(1, parallel))
        return argv
    check_memory(load_config(overrides))
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
     "what would each option do? (10-20 seconds on 2 cores)"),
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
    parser.error = lambda message: fail(  # type: ignore[method-assign]
        "orgsim demo", f"{message} — see orgsim demo --help")
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


def discard_run_dir() -> None:
    """Remove what Hydra wrote for this job when the run wrote no results (it stopped with
    an error or was interrupted): its ``.hydra`` files and log, then the directories left
    empty up to the working directory the command started in. Nothing else is touched."""
    hc = HydraConfig.get()
    out = Path(hc.runtime.output_dir)
    if (out / "summary.json").exists():
        return
    if hc.output_subdir:
        for name in ("config.yaml", "hydra.yaml", "overrides.yaml"):
            (out / hc.output_subdir / name).unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            (out / hc.output_subdir).rmdir()  # only when empty
    (out / f"{hc.job.name}.log").unlink(missing_ok=True)
    start = Path(hc.runtime.cwd).resolve()
    directory = out.resolve()
    while directory != start and start in directory.parents:
        try:
            directory.rmdir()  # only when empty
        except OSError:
            break
        directory = directory.parent


@hydra.main(version_base="1.3", config_path="configs", config_name="config")
def _hydra_main(cfg: DictConfig) -> None:
    try:
        run(cfg)
    except ConfigError as exc:
        discard_run_dir()
        fail("orgsim", exc)
    except KeyboardInterrupt:
        discard_run_dir()
        raise


INTERRUPTED = ("orgsim: interrupted — a run directory without summary.json is incomplete; "
               "run the command again")


#: One line per subcommand for ``orgsim --help`` (in the order of :data:`SUBCOMMANDS`).
SUBCOMMAND_HELP: dict[str, str] = {
    "compare": "scenarios x seeds with paired differences, CIs and figures (resumable)",
    "app": "the workshop app in the browser (English/Dutch, offline)",
    "import-survey": "a client's team-level survey -> an organisation preset (org=<name>)",
    "report": "an HTML/PDF report for a management team from a comparison directory",
    "demo": "the baseline organisation over a few futures, explained (make demo)",
    "calibrate": "ABC-SMC of the free parameters -> a posterior ensemble (make posterior)",
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
    with workers.interruptible(INTERRUPTED):
        _hydra_main()


if __name__ == "__main__":
    main()
