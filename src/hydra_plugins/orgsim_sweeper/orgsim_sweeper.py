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

Selected in ``orgsim/configs/config.yaml`` (``override hydra/sweeper: orgsim``); options as
Hydra's basic sweeper (``max_batch_size``, ``params``).
"""

# (no `from __future__ import annotations`: Hydra imports plugins outside sys.modules, and
# dataclasses then cannot resolve string annotations)
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

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


class OrgsimSweeper(BasicSweeper):
    """``BasicSweeper`` that validates one job per distinct set of config-group choices."""

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

    def representatives(self, batch: Sequence[Sequence[str]]) -> list[Sequence[str]]:
        """The first job of each distinct set of group choices in ``batch``."""
        seen: set[tuple[str, ...]] = set()
        chosen = []
        for overrides in batch:
            kind = tuple(sorted(o for o in overrides if self._is_group(o.split("=", 1)[0])))
            if kind not in seen:
                seen.add(kind)
                chosen.append(overrides)
        return chosen

    def validate_batch_is_legal(self, batch: Sequence[Sequence[str]]) -> None:
        import sys

        from orgsim.config import ConfigError, check_overrides

        # every value of every job (``choice(50,abc)`` and ``range(...)`` are expanded only
        # here): type and range, before any job runs; cheap, no composing
        try:
            for overrides in batch:
                check_overrides(list(overrides))
        except ConfigError as exc:
            from orgsim.cli import error_line

            print(error_line("orgsim", exc), file=sys.stderr)
            sys.exit(2)
        super().validate_batch_is_legal(self.representatives(batch))
        # called just before the launch: let workers started early (orgsim.workers) finish
        # starting, so the launcher finds its pool ready instead of making a second one
        from orgsim import workers

        workers.wait()
