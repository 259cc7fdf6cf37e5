"""The base of every intervention: the :class:`Intervention` class, its registry, options
and the shared helpers for targets, effects and costs.

An intervention kind is a subclass of :class:`Intervention` in its own module of this
package. It declares its ``name`` (the file name in ``configs/intervention``), ``level``,
``summary``, default effect sizes ``changes`` (their source or assumption in its
docstring), ``ramp``, cost ``basis`` and the kind-specific ``options`` it accepts, and
overrides what it does differently (:meth:`Intervention.apply`, :meth:`Intervention.start`,
:meth:`Intervention.check_options`, :meth:`Intervention.check_together`). Defining the class
registers it under its name (``__init_subclass__``); ``orgsim/interventions/__init__.py``
imports every kind's module, so importing ``orgsim.interventions`` (or any module in it)
makes the registry complete.

Costs use EUR 60 per hour of employee time (Dutch loaded wage cost order of magnitude) plus
external costs; see docs/experiments.md. Timing: an intervention is in force from
``start_week`` for ``duration_weeks`` (ramping up over the kind's ``ramp`` weeks), then its
effect fades out over ``fade_weeks``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
from omegaconf import OmegaConf

from orgsim.config import CONFIG_DIR, Config, ConfigError, InterventionConfig
from orgsim.state import Role, Status
from orgsim.timeline import Effect

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel

#: Hourly cost of employee time (EUR; Dutch loaded wage cost, order of magnitude).
EUR_PER_HOUR = 60.0
#: Contract hours per week of one FTE.
HOURS_PER_WEEK = 36.0

TARGETS = ("all", "teams", "role")
ROLES = ("employee", "leader", "everyone")
LEVELS = ("team", "person", "policy", "cycle")
BASES = ("people", "leaders")

#: Settings every kind has; each is range-checked from its field's metadata in config.py.
NUMBERS = ("start_week", "duration_weeks", "fade_weeks", "strength", "cost_fixed_eur",
           "cost_per_person_eur", "cost_per_person_week_eur")
#: The kind-specific option slots of InterventionConfig (``None`` = not given).
OPTION_SLOTS = tuple(f.name for f in dataclasses.fields(InterventionConfig)
                     if f.metadata.get("option"))

#: Kind name -> class: the one registry of interventions.
KINDS: dict[str, type[Intervention]] = {}


@dataclass(frozen=True)
class Option:
    """A kind-specific setting: a slot of :class:`~orgsim.config.InterventionConfig` that
    the kind accepts (any other kind rejects it when given).

    Attributes:
        doc: what it means, for docs.
        default: its value when not given; ``None``: it must be given.
        range: allowed ``(lo, hi)`` of a number.
        choices: allowed values of a word.
    """

    doc: str
    default: Any = None
    range: tuple[float, float] | None = None
    choices: tuple[str, ...] | None = None


def get_kind(name: str) -> Intervention:
    """The intervention kind ``name``.

    Raises:
        ConfigError: for an unknown kind.
    """
    if name not in KINDS:
        raise ConfigError(f"intervention {name!r} is unknown; choose one of: {', '.join(KINDS)}")
    return KINDS[name]()


def kind_of(name: str, ic: InterventionConfig) -> str:
    """The kind of the intervention configured under ``name``."""
    return ic.kind or name


def n_teams_of(cfg: Config) -> int:
    """Number of teams the configured organisation will have (see organisation.py)."""
    teams = getattr(cfg.org, "teams", None)
    if teams:
        return len(teams)
    return max(1, round(cfg.org.n_employees / cfg.org.team_size))


# --------------------------------------------------------------------------- defaults
@cache
def _default_node(name: str) -> Any:
    path = CONFIG_DIR / "intervention" / f"{name}.yaml"
    if not path.exists():
        return OmegaConf.create({"kind": name})
    return OmegaConf.load(path)


def default_intervention(name: str, **overrides: Any) -> InterventionConfig:
    """The configuration of kind ``name`` from ``configs/intervention/<name>.yaml``.

    Raises:
        ConfigError: for an unknown kind.
    """
    get_kind(name)
    node = OmegaConf.merge(OmegaConf.structured(InterventionConfig), _default_node(name),
                           overrides)
    obj = OmegaConf.to_object(node)
    assert isinstance(obj, InterventionConfig)
    if not obj.kind:
        obj.kind = name
    return obj


# --------------------------------------------------------------------------- targets
def target_teams(model: OrgModel, ic: InterventionConfig) -> np.ndarray:
    """The teams in the target (all teams unless ``target=teams``)."""
    if ic.target == "teams":
        return np.unique(np.asarray(ic.teams, dtype=np.int64))
    return np.arange(model.teams.size)


def target_rows(model: OrgModel, ic: InterventionConfig, teams: np.ndarray) -> np.ndarray:
    """Filled positions in the target (by role for target=role)."""
    ws = model.workforce
    mask = (ws.status != Status.VACANT) & np.isin(ws.team, teams)
    if ic.target == "role" and ic.role != "everyone":
        role = Role.LEADER if ic.role == "leader" else Role.EMPLOYEE
        mask &= ws.role == role
    return np.flatnonzero(mask)


def _owners(slot: str) -> str:
    return ", ".join(n for n, cls in KINDS.items() if slot in cls.options) or "(none)"


class Intervention:
    """One kind of intervention: what it changes, when, for whom and at what cost.

    Attributes:
        name: the kind (file name in configs/intervention).
        level: ``team`` (team arrays), ``person`` (people's own state), ``policy``
            (an organisation-wide rule) or ``cycle`` (acts on what it finds: survey
            cycle, canary review).
        summary: one line for docs and the app.
        changes: default effect sizes at strength 1 (name -> additive change).
        ramp: weeks until the full effect (training programmes, culture change).
        basis: who counts for per-person costs: ``people`` (filled positions in the
            target) or ``leaders`` (their leaders).
        options: the kind-specific settings it accepts (slots of InterventionConfig).
    """

    name: ClassVar[str]
    level: ClassVar[str]
    summary: ClassVar[str]
    changes: ClassVar[dict[str, float]] = {}
    ramp: ClassVar[int] = 0
    basis: ClassVar[str] = "people"
    options: ClassVar[dict[str, Option]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("name")
        if name is None:  # an intermediate base class
            return
        if name in KINDS:
            raise TypeError(f"intervention {name!r} is defined twice: "
                            f"{KINDS[name].__module__} and {cls.__module__}")
        if cls.level not in LEVELS or cls.basis not in BASES:
            raise TypeError(f"intervention {name!r}: level must be one of {LEVELS}, "
                            f"basis one of {BASES}")
        extra = sorted(set(cls.options) - set(OPTION_SLOTS))
        if extra:
            raise TypeError(f"intervention {name!r} declares options {extra} that "
                            f"InterventionConfig has no slot for (orgsim/config.py)")
        KINDS[name] = cls
        ordered = sorted(KINDS.items())
        KINDS.clear()
        KINDS.update(ordered)

    # ------------------------------------------------------------------ options
    def option(self, ic: InterventionConfig, slot: str) -> Any:
        """The value of option ``slot`` for ``ic``: as given, else this kind's default."""
        value = getattr(ic, slot)
        return self.options[slot].default if value is None else value

    # ------------------------------------------------------------------ checking
    def check(self, ic: InterventionConfig, cfg: Config, n_teams: int, *, where: str,
              in_package: bool = False) -> None:
        """Check ``ic`` (configured at ``where``, e.g. ``interventions.focus``) for a run
        of ``cfg`` with ``n_teams`` teams; ``in_package``: started by a survey cycle or
        live (no horizon check).

        Raises:
            ConfigError: naming the offending key and what is allowed.
        """
        for fname in NUMBERS:
            lo, hi = InterventionConfig.__dataclass_fields__[fname].metadata["range"]
            _check_number(f"{where}.{fname}", getattr(ic, fname), lo, hi)
        if not in_package and ic.start_week >= cfg.weeks:
            raise ConfigError(f"{where}.start_week = {ic.start_week} is past the horizon; "
                              f"allowed [0, {cfg.weeks - 1}] (weeks = {cfg.weeks})")
        if ic.target not in TARGETS:
            raise ConfigError(f"{where}.target = {ic.target!r} is unknown; choose one of: "
                              f"{', '.join(TARGETS)}")
        if ic.target == "teams":
            if not ic.teams:
                raise ConfigError(f"{where}.teams is empty; target=teams needs team indices")
            bad = [t for t in ic.teams if not 0 <= int(t) < n_teams]
            if bad:
                raise ConfigError(f"{where}.teams = {bad} out of range; "
                                  f"allowed [0, {n_teams - 1}]")
        if ic.target == "role":
            if self.level != "person":
                person = [n for n, cls in KINDS.items() if cls.level == "person"]
                raise ConfigError(f"{where}.target = 'role' only applies to person-level "
                                  f"interventions ({', '.join(person)}); use all or teams")
            if ic.role not in ROLES:
                raise ConfigError(f"{where}.role = {ic.role!r} is unknown; choose one of: "
                                  f"{', '.join(ROLES)}")
        for slot in OPTION_SLOTS:
            value = getattr(ic, slot)
            if slot not in self.options:
                if value is not None:
                    raise ConfigError(f"{where}.{slot} = {value!r} only applies to "
                                      f"{_owners(slot)}")
                continue
            opt = self.options[slot]
            value = self.option(ic, slot)
            if opt.choices is not None and value not in opt.choices:
                raise ConfigError(f"{where}.{slot} = {value!r}: {self.name} needs {slot} = "
                                  f"one of: {', '.join(opt.choices)}")
            if opt.range is not None:
                _check_number(f"{where}.{slot}", value, *opt.range)
        if self.level == "policy" and ic.target != "all":
            raise ConfigError(f"{where}.target = {ic.target!r}: {self.name} is an "
                              f"organisation-wide policy; target must be 'all'")
        unknown = sorted(set(ic.changes) - set(self.changes))
        if unknown:
            raise ConfigError(f"{where}.changes: {unknown} not changed by {self.name}; "
                              f"allowed: {', '.join(sorted(self.changes)) or '(none)'}")
        self.check_options(ic, cfg, n_teams, where=where, in_package=in_package)

    def check_options(self, ic: InterventionConfig, cfg: Config, n_teams: int, *,
                      where: str, in_package: bool) -> None:
        """Further checks of this kind's own settings (after the common ones)."""

    def check_together(self, key: str, ic: InterventionConfig, cfg: Config,
                       later: list[tuple[str, InterventionConfig]]) -> None:
        """Check ``ic`` (under ``interventions.<key>``) against the rest of the run: the
        interventions configured ``later`` (each pair is checked once) and ``cfg``."""

    # ------------------------------------------------------------------ running
    def sizes(self, ic: InterventionConfig) -> dict[str, float]:
        """The effect sizes of ``ic``: the defaults or ``ic.changes``, times strength."""
        return {k: ic.strength * float(ic.changes.get(k, v)) for k, v in self.changes.items()}

    def ramp_weeks(self, ic: InterventionConfig) -> int:
        """Weeks of ramp-up of ``ic`` (at most its duration minus one)."""
        return min(self.ramp, ic.duration_weeks - 1)

    def start(self, model: OrgModel, label: str, ic: InterventionConfig) -> str:
        """Start this intervention now on its target; returns a description for the log."""
        teams = target_teams(model, ic)
        rows = target_rows(model, ic, teams)
        self.apply(model, label, ic, teams, rows, self.sizes(ic))
        cost = self.cost(model, label, ic, teams, rows)
        where = "all teams" if ic.target == "all" else (
            f"teams {', '.join(map(str, teams))}" if ic.target == "teams" else f"{ic.role}s")
        return (f"{self.name} started for {where} ({len(rows)} people) for "
                f"{ic.duration_weeks} weeks; cost EUR {cost:,.0f}")

    def apply(self, model: OrgModel, label: str, ic: InterventionConfig, teams: np.ndarray,
              rows: np.ndarray, sizes: dict[str, float]) -> None:
        """Change the model's inputs (called by :meth:`start`). Default: every size is a
        change of the team array of that name in the target teams."""
        self.team_effects(model, label, ic, sizes, teams)

    def team_effects(self, model: OrgModel, label: str, ic: InterventionConfig,
                     sizes: dict[str, float], teams: np.ndarray) -> None:
        """Put a team effect of each non-zero size on the timeline, from now on: ramping
        up, held while in force, fading out over ``fade_weeks``."""
        ramp = self.ramp_weeks(ic)
        for attr, delta in sizes.items():
            if delta == 0:
                continue
            model.timeline.add(Effect(label, "team", attr, teams, np.array(delta), model.week,
                                      hold=ic.duration_weeks - ramp, fade=ic.fade_weeks,
                                      ramp=ramp), model)

    def cost(self, model: OrgModel, label: str, ic: InterventionConfig, teams: np.ndarray,
             rows: np.ndarray) -> float:
        """Book one-off and running costs; returns the total booked.

        Once at the start: ``cost_fixed_eur`` + ``cost_per_person_eur`` per person in the
        target (per leader for basis ``leaders``); each week in force:
        ``cost_per_person_week_eur`` per position in the target teams (per leader).
        """
        tl = model.timeline
        basis = len(teams) if self.basis == "leaders" else len(rows)
        positions = int(model.teams.positions[teams].sum() + len(teams))
        once = ic.cost_fixed_eur + ic.cost_per_person_eur * basis
        tl.record_cost(model.week, label, once)
        weekly = ic.cost_per_person_week_eur * (
            len(teams) if self.basis == "leaders" else positions)
        for w in range(ic.duration_weeks):
            tl.record_cost(model.week + w, label, weekly)
        return once + weekly * ic.duration_weeks


def _check_number(key: str, value: Any, lo: float, hi: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value \
            or not lo <= value <= hi:
        raise ConfigError(f"{key} = {value!r} is out of range; allowed [{lo}, {hi}]")
