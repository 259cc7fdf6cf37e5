"""Interventions: planned changes to the inputs of the mechanisms (work in progress)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgsim.config import Config, ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.events import Timeline


def check_plan(cfg: Config) -> None:
    """Check scheduled shocks and interventions before any run.

    Raises:
        ConfigError: naming the offending entry.
    """
    from orgsim.events import check_event

    for i, shock in enumerate(cfg.shocks):
        try:
            check_event(shock.event, shock.strength)
        except ConfigError as exc:
            raise ConfigError(f"shocks[{i}]: {exc}") from None
        if shock.week >= cfg.weeks:
            raise ConfigError(f"shocks[{i}].week = {shock.week} is past the horizon; "
                              f"allowed [0, {cfg.weeks - 1}] (weeks = {cfg.weeks})")
    if cfg.interventions:
        raise ConfigError("interventions are not implemented yet")


def schedule_interventions(cfg: Config, timeline: Timeline) -> None:
    """Put the configured interventions on ``timeline``."""
