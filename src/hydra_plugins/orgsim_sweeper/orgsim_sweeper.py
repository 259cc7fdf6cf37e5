"""Hydra's basic sweeper, with the up-front check of a batch done once per kind of job.

Hydra's ``BasicSweeper`` composes the configuration of every job of a batch in the
launching process before it launches any (``validate_batch_is_legal``), to catch errors
early. Composing costs about 0.15 s for orgsim's configuration, and it happens serially: for
40 runs on a 2-process launcher that is 6 s in which no run starts, the main reason a
parallel sweep was not faster. Jobs that differ only in values (``seed=0..39``,
``demands.workload=0.6,0.9``) compose the same way, and orgsim checks every value itself
(this sweeper checks each job's values against their types and ranges before the launch,
``orgsim.config.check_overrides``, and every run validates its configuration), so it
composes one job per distinct set of config-group choices (``scenario=...``, ``org=...``) -
what composing can get wrong.

Every job is checked before the sweep writes anything (Hydra's sweeper makes the sweep
directory first and checks batch by batch, so a bad job left a ``multirun/`` directory): at
most :data:`MAX_RUNS` jobs, each job's values, one composed job per distinct set of group
choices, and the whole configuration (plan, explicit teams) of one job per distinct set of
overrides other than ``seed`` (a seed only has its range; checked with the values). A
problem is one line ``orgsim: error: ...`` and exit 2.

Selected in ``orgsim/configs/config.yaml`` (``override hydra/sweeper: orgsim``); options as
Hydra's basic sweeper (``max_batch_size``, ``params``).
"""

# (no `from __future__ import annotations`: Hydra imports plugins outside sys.modules, and
# dataclasses then cannot resolve string annotations)
import copy
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, Optional

from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
from hydra.core.config_store import ConfigStore


@dataclass
class OrgsimSweeperConf:
    """Config node of the sweeper (``hydra/sweeper=orgsim``)."""

    _target_: str = "hydra_plugins.orgsim_sweeper.orgsim_sweeper.OrgsimSweeper"
    max_batch_size: Optional[int] = None  # noqa: UP045 - OmegaConf needs Optional here
    params: Optional[dict[str, str]] = None  # noqa: UP045


ConfigStore.instance().store(group="hydra/sweeper", name="orgsim", node=OrgsimSweeperConf,
                             provider="orgsim")

#: Most jobs in one sweep: each gets a directory, and the sweep is expanded in memory before
#: it starts (``seed=range(0,100000000)`` would exhaust it).
MAX_RUNS = 10_000


def _fail(exc: BaseException) -> NoReturn:
    from orgsim.cli import error_line

    print(error_line("orgsim", str(exc).split("See https://")[0].strip()), file=sys.stderr)
    sys.exit(2)


def count_runs(overrides: Sequence[Any], limit: int) -> int:
    """The number of jobs of a sweep (the product of its sweeps' lengths), counting each sweep
    only up to ``limit + 1`` values (a huge ``range`` is never expanded).

    Raises:
        ConfigError: for a sweep that cannot be enumerated (``interval(...)``).
    """
    from orgsim.config import ConfigError

    total = 1
    for o in overrides:
        if not o.is_sweep_override():
            continue
        if not o.is_discrete_sweep():
            raise ConfigError(f"`{o.input_line}` is a continuous interval, which `orgsim -m` "
                              "cannot enumerate — give the values (a,b,c) or "
                              "range(start,stop,step)")
        total *= sum(1 for _ in itertools.islice(o.sweep_string_iterator(), limit + 1))
        total = min(total, limit + 1)
    return total


class OrgsimSweeper(BasicSweeper):
    """``BasicSweeper`` that checks every job before the sweep starts (:meth:`check_jobs`)."""

    def __init__(self, max_batch_size: int | None = None,
                 params: dict[str, str] | None = None) -> None:
        super().__init__(max_batch_size=max_batch_size, params=params)
        self._groups: dict[str, bool] = {}

    def _is_group(self, key: str) -> bool:
        """True when ``key`` names a config group (``scenario``, ``org``, ``hydra/launcher``)."""
        if key not in self._groups:
            loader = self.hydra_context.config_loader if self.hydra_context else None
            name = key.lstrip("+~").split("@")[0]  # ``+intervention@interventions.x``
            self._groups[key] = bool(
                loader is not None and "." not in name
                and loader.get_group_options(name))
        return self._groups[key]

    def sweep(self, arguments: list[str]) -> Any:
        """Check every job (:meth:`check_jobs`), then sweep as Hydra's basic sweeper."""
        self.check_jobs(arguments)
        return super().sweep(arguments)

    def check_jobs(self, arguments: list[str]) -> None:
        """Every job of the sweep, before anything is written: the number of jobs, each job's
        values (``choice(50,abc)`` and ``range(...)`` are expanded only here: type and range,
        cheap, no composing), one composed job per distinct set of group choices, and the
        whole configuration of one job per distinct set of overrides other than ``seed``.
        A problem ends the command: one line on stderr, exit 2."""
        from hydra.core.override_parser.overrides_parser import OverridesParser
        from hydra.errors import HydraException
        from omegaconf import OmegaConf
        from omegaconf.errors import OmegaConfBaseException

        from orgsim.compose import to_config
        from orgsim.config import ConfigError, check_overrides

        assert self.hydra_context is not None and self.config is not None
        loader = self.hydra_context.config_loader
        try:
            if self.max_batch_size is not None and self.max_batch_size < 1:
                raise ConfigError(f"hydra.sweeper.max_batch_size = {self.max_batch_size} is "
                                  "out of range — give a whole number >= 1, or null for all "
                                  "jobs in one batch")
            parser = OverridesParser.create(config_loader=loader)
            overrides = parser.parse_overrides([*self._parse_config(), *arguments])
            n_runs = count_runs(overrides, MAX_RUNS)
            if n_runs > MAX_RUNS:
                raise ConfigError(f"the sweep has more than {MAX_RUNS} runs — split it into "
                                  "several sweeps (e.g. seed=range(0,5000), then "
                                  "seed=range(5000,10000))")
            jobs = [job for batch in self.split_arguments(overrides, None) for job in batch]
            for job in jobs:
                check_overrides(list(job))
            composed: dict[Sequence[str], Any] = {}
            checked: set[tuple[str, ...]] = set()
            for job in jobs:
                values = tuple(o for o in job if o.split("=", 1)[0].lstrip("+~") != "seed")
                if values in checked:
                    continue
                checked.add(values)
                kind = self.kind(job)
                if kind not in composed:
                    composed[kind] = loader.load_sweep_config(self.config, list(job))
                    cfg = composed[kind]
                else:  # the group choices' composed config, with this job's values
                    cfg = copy.deepcopy(composed[kind])
                    _apply(cfg, [o for o in job if not self._is_group(o.split("=", 1)[0])])
                to_config(OmegaConf.masked_copy(cfg, [k for k in cfg if k != "hydra"]))
        except (ConfigError, HydraException, OmegaConfBaseException) as exc:
            _fail(exc)

    def kind(self, job: Sequence[str]) -> tuple[str, ...]:
        """A job's config-group choices (what composing can get wrong)."""
        return tuple(sorted(o for o in job if self._is_group(o.split("=", 1)[0])))

    def representatives(self, batch: Sequence[Sequence[str]]) -> list[Sequence[str]]:
        """The first job of each distinct set of group choices in ``batch``."""
        seen: set[tuple[str, ...]] = set()
        chosen = []
        for overrides in batch:
            kind = self.kind(overrides)
            if kind not in seen:
                seen.add(kind)
                chosen.append(overrides)
        return chosen

    def validate_batch_is_legal(self, batch: Sequence[Sequence[str]]) -> None:
        # every job was checked by check_jobs before the sweep began. Called just before the
        # launch: let workers started early (orgsim.workers) finish starting, so the launcher
        # finds its pool ready instead of making a second one
        from orgsim import workers

        workers.wait()


def _apply(cfg: Any, job: Sequence[str]) -> None:
    """Apply a job's value overrides to a composed config as Hydra does (``+key`` may add
    what the first job of the kind added already)."""
    from hydra._internal.config_loader_impl import ConfigLoaderImpl
    from hydra.core.override_parser.overrides_parser import OverridesParser

    lines = ["+" + o if o.startswith("+") and not o.startswith("++") else o for o in job]
    ConfigLoaderImpl._apply_overrides_to_config(
        OverridesParser.create().parse_overrides(lines), cfg)
