"""Composing a run: its configuration checked as a whole, and the plan put on its timeline.

The layers of orgsim, bottom to top (each imports only from the layers below it;
tests/test_import_graph.py keeps it so):

1. ``orgsim.config`` - the schema (dataclasses with ranges and meanings), the checks that
   need nothing but the schema (:func:`orgsim.config.validate`: ranges, choices, the
   scenario name, explicit teams; :func:`~orgsim.config.check_overrides`) and the config
   groups on disk. It imports no other orgsim module.
2. ``orgsim.state``, ``orgsim.streams``; then ``orgsim.timeline`` (effects and actions).
3. ``orgsim.events`` and ``orgsim.interventions`` - the kinds, each checking its own
   settings.
4. this module - what needs both the config and the kinds: :func:`validate` (the schema
   checks plus the plan: scheduled shocks and interventions), :func:`to_config` and
   :func:`load_config` (which validate), and the run's :class:`Timeline` built from its
   plan.
5. ``orgsim.model`` and everything that runs models (cli, experiments, report, app).

Before, ``config.validate`` imported the interventions late to check the plan, and the
interventions and events imported each other and the config: a cycle hidden by late imports.
Checking the plan here, one layer up, lets the config stay the bottom layer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from omegaconf import DictConfig, OmegaConf
from omegaconf.errors import OmegaConfBaseException

from orgsim import config
from orgsim import timeline as _timeline
from orgsim.config import CONFIG_DIR, Config, ConfigError, _register, check_override
from orgsim.events import check_event, schedule_event
from orgsim.interventions import check_interventions, n_teams_of, schedule_interventions

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel


def check_plan(cfg: Config) -> None:
    """Check scheduled shocks and interventions before any run.

    Shocks scheduled after the horizon are allowed (an org preset's calendar; they happen
    only if the model is run that long); an intervention starting after it is an error.
    Unknown events, bad strengths and team indices of shocks fail here, and every
    intervention is checked by its kind (:func:`orgsim.interventions.check_interventions`).

    Raises:
        ConfigError: naming the offending entry and what is allowed.
    """
    n_teams = n_teams_of(cfg)
    for i, shock in enumerate(cfg.shocks):
        try:
            check_event(shock.event, shock.strength, shock.team, n_teams)
        except ConfigError as exc:
            raise ConfigError(f"shocks[{i}]: {exc}") from None
    check_interventions(cfg, n_teams)


def validate(cfg: Config) -> Config:
    """Check a whole configuration: every value against its range and choices
    (:func:`orgsim.config.validate`), then the plan of shocks and interventions
    (:func:`check_plan`).

    Raises:
        ConfigError: naming the first offending key, its value and what is allowed.
    """
    config.validate(cfg)
    if cfg.interventions or cfg.shocks:
        check_plan(cfg)
    return cfg


def to_config(cfg: Config | DictConfig | Mapping[str, Any]) -> Config:
    """Turn a Hydra/OmegaConf config (or plain mapping) into a validated :class:`Config`.

    Raises:
        ConfigError: for unknown keys, wrong types or out-of-range values.
    """
    if isinstance(cfg, Config):
        return validate(cfg)
    try:
        schema = OmegaConf.structured(Config)
        if isinstance(cfg, DictConfig):
            cfg = OmegaConf.to_container(cfg, resolve=True)  # type: ignore[assignment]
        merged = OmegaConf.merge(schema, cfg)
        obj = OmegaConf.to_object(merged)
    except OmegaConfBaseException as exc:
        raise ConfigError(_omegaconf_message(exc)) from None
    assert isinstance(obj, Config)
    return validate(obj)


def _omegaconf_message(exc: OmegaConfBaseException) -> str:
    key = getattr(exc, "full_key", None) or "config"
    msg = str(exc).splitlines()[0]
    return f"{key}: {msg}"


def load_config(overrides: Sequence[str] = ()) -> Config:
    """Compose the Hydra configs in ``orgsim/configs`` with command-line style overrides.

    Example:
        ``load_config(["scenario=baseline", "org.n_employees=200"])``

    Raises:
        ConfigError: for an unknown scenario/org, unknown key, wrong type or bad value.
    """
    from hydra import compose, initialize_config_dir
    from hydra.core.global_hydra import GlobalHydra
    from hydra.errors import HydraException

    overrides = [check_override(ov) for ov in overrides]
    _register()
    if GlobalHydra.instance().is_initialized():
        GlobalHydra.instance().clear()
    try:
        with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
            composed = compose(config_name="config", overrides=overrides)
    except (HydraException, OmegaConfBaseException) as exc:
        raise ConfigError(str(exc).splitlines()[0]) from None
    return to_config(composed)


def schedule_plan(cfg: Config, timeline: _timeline.Timeline) -> None:
    """Put the scheduled shocks, then the interventions of ``cfg`` on ``timeline``."""
    for shock in cfg.shocks or ():
        schedule_event(timeline, shock.week, shock.event, team=shock.team,
                       strength=shock.strength)
    if cfg.interventions:
        schedule_interventions(cfg, timeline)


class Timeline(_timeline.Timeline):
    """The timeline of a run: :class:`orgsim.timeline.Timeline` built from the run's plan.

    Only :meth:`from_config` is added (``OrgModel`` builds its timeline with it); the
    timeline itself knows nothing about events or interventions.
    """

    @classmethod
    def from_config(cls, model: OrgModel) -> _timeline.Timeline:
        """The timeline of a new model: its scheduled shocks and interventions."""
        timeline = cls()
        schedule_plan(model.config, timeline)
        return timeline
