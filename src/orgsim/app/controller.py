"""The workshop app's logic, without any UI: build runs, step them, change levers, fire events.

A :class:`Workshop` holds one run (or two in A/B mode: A = the organisation as it is, B = the
same organisation from the same seed with the chosen interventions). The Solara page
(``app.py``) only calls its methods and draws what :meth:`Workshop.teams_view`,
:meth:`Workshop.kpis` and :meth:`Workshop.timeseries` return, so everything here is testable
without a browser. One Workshop per browser session; a lock makes it safe to step from the
play thread while the page reads it.

How sliders change a running model (documented in docs/app.md): a lever is the
organisation-wide level of one per-team array in ``model.teams`` (see state.Teams). Moving it
from ``old`` to ``new`` adds ``new - old`` to every team (``scale`` levers multiply by
``new / old`` instead), clipped to the config range, so differences between teams, and what
events and interventions did to a team, stay. In A/B mode a lever moves A and B alike.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import enum
import gc
import io
import json
import re
import threading
import time
import weakref
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from orgsim import team_inputs
from orgsim.app.sources import (
    InterventionChoice,
    available_interventions,
    available_orgs,
    available_scenarios,
    build_model,
    event_function,
    event_names,
    intervention_costs,
    intervention_info,
    org_size,
    org_team_names,
    scenario_interventions,
)
from orgsim.config import Config, ConfigError
from orgsim.model import OrgModel
from orgsim.results import cost_split
from orgsim.scales import linked
from orgsim.state import Role, Status

#: Engagement from which a person counts as "engaged" (UWES: upper part of the scale;
#: display assumption, not a model mechanism).
ENGAGED_FROM = 0.65
#: "At risk": exhaustion within this margin below the burn-out complaints threshold
#: (display assumption: the band a leader could notice as early warning signs).
AT_RISK_MARGIN = 0.12


class TileState(enum.IntEnum):
    """How a position is shown in the team grid (its colour)."""

    ENGAGED = 0
    OK = 1
    AT_RISK = 2
    COMPLAINTS = 3
    SICK_LEAVE = 4
    RETURNING = 5
    VACANT = 6


#: Tile colours: the colour-blind-safe Okabe-Ito palette, light to dark from engaged to
#: sick leave; complaints (a dot) and sick leave (stripes) also carry a shape (app.CSS).
TILE_COLOURS: dict[TileState, str] = {
    TileState.ENGAGED: "#0072b2",
    TileState.OK: "#56b4e9",
    TileState.AT_RISK: "#f0e442",
    TileState.COMPLAINTS: "#e69f00",
    TileState.SICK_LEAVE: "#d55e00",
    TileState.RETURNING: "#cc79a7",
    TileState.VACANT: "#ffffff",
}
#: Version of :meth:`Workshop.snapshot` (a page link or saved file from another one is refused).
SNAPSHOT_VERSION = 1
#: Employees the size setting allows (an imported client's teams fix its own size).
SIZE_RANGE = (10, 2000)


class RunLabel(enum.StrEnum):
    """The runs of a workshop: A alone, or A and B side by side."""

    A = "A"
    B = "B"


class LeverMode(enum.Enum):
    """How moving a lever changes the team arrays."""

    SHIFT = "shift"  #: add the change to every team
    SCALE = "scale"  #: multiply every team by new/old


@dataclass(frozen=True)
class Lever:
    """A live slider: the organisation-wide level of one per-team array.

    Attributes:
        name: id and i18n key suffix (``lever_<name>``).
        group: "demands", "resources" or "leadership".
        config_key: the config field that sets the level at start (its range bounds the slider).
        team_attr: the :class:`~orgsim.state.Teams` array it moves.
        lo, hi, step: slider range (within the config range).
    """

    name: str
    group: str
    config_key: str
    team_attr: str
    lo: float
    hi: float
    step: float
    mode: LeverMode = LeverMode.SHIFT

    def config_value(self, cfg: Config) -> float:
        section, _, key = self.config_key.partition(".")
        return float(getattr(getattr(cfg, section), key))

    def bounds(self) -> tuple[float, float]:
        """Allowed range of the team arrays: the team input's range (= the config field's)."""
        return team_inputs.bounds(self.team_attr)


#: The sliders: every team input with a ``slider`` (orgsim.team_inputs), in registry order.
LEVERS: tuple[Lever, ...] = tuple(
    Lever(inp.name, inp.slider.group, inp.config_key, inp.name, inp.slider.lo, inp.slider.hi,
          inp.slider.step, LeverMode.SCALE if inp.slider.scale else LeverMode.SHIFT)
    for inp in team_inputs.INPUTS if inp.slider is not None)
LEVER_BY_NAME = {lever.name: lever for lever in LEVERS}

#: Team resources shown as a person's "energy givers" (Teams attribute names).
GIVERS = ("autonomy", "feedback", "recognition", "coaching", "development", "collaboration",
          "psychological_safety", "lead_support")

#: Charted columns of ``OrgModel.timeseries()`` and how they are shown.
CHART_COLUMNS = ("burnout_complaints", "absence_rate", "engagement_mean", "energy_mean",
                 "cost_eur")


class AppError(ValueError):
    """A control combination that cannot run; ``key``/``fmt`` give the translated message."""

    def __init__(self, key: str, **fmt: Any) -> None:
        super().__init__(f"{key}: {fmt}")
        self.key = key
        self.fmt = fmt


@dataclass
class Settings:
    """What the trainer chose for a (re)start."""

    scenario: str = "baseline"
    org: str = "typical_dutch"  #: organisation preset (configs/org/<name>.yaml)
    seed: int = 1
    n_employees: int = 200
    horizon: int = 156
    ab: bool = False
    interventions: dict[str, int] = field(default_factory=dict)  #: name -> start week
    #: name -> the intervention's options: its choice options by slot (``{"use":
    #: "recovery"}``, :func:`~orgsim.app.sources.intervention_info`) and ``"teams"``, the
    #: teams it targets (indices from 0; none: all teams). Options of an intervention that
    #: is not ticked are kept for the menu but not used.
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: extra Hydra overrides, e.g. ``("org=healthcare_ward",)`` (``orgsim app -- ...``, tests)
    overrides: tuple[str, ...] = ()

    def validate(self) -> None:
        """Raise :class:`AppError` for a combination that cannot run."""
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise AppError("err_seed")
        if self.ab and not self.interventions:
            raise AppError("err_ab_needs_interventions")
        for name, week in self.interventions.items():
            if not 0 <= week < self.horizon:
                raise AppError("err_start_week", name=name, week=week, horizon=self.horizon)
        if self.org not in available_orgs():
            raise AppError("err_invalid", detail=f"organisation {self.org!r} is unknown; "
                           f"choose one of {', '.join(available_orgs())}")
        if self.scenario not in available_scenarios():
            raise AppError("err_invalid", detail=f"scenario {self.scenario!r} is unknown; "
                           f"choose one of {', '.join(available_scenarios())}")
        unknown = sorted(set(self.interventions) - set(available_interventions()))
        if unknown:
            raise AppError("err_invalid", detail=f"unknown intervention {unknown[0]!r}")
        for name in self.interventions:
            self._check_options(name)
        if self.ab:
            both = sorted(set(self.interventions) & set(scenario_interventions(self.scenario)))
            if both:  # B = A + the intervention would equal A
                raise AppError("err_ab_in_baseline", name=both[0])
        if not self.fixed_size and not SIZE_RANGE[0] <= self.n_employees <= SIZE_RANGE[1]:
            raise AppError("err_size", n=self.n_employees, lo=SIZE_RANGE[0], hi=SIZE_RANGE[1])

    def _check_options(self, name: str) -> None:
        info = intervention_info(name)
        for slot, value in self.options.get(name, {}).items():
            if slot == "teams":
                if value and not info.per_team:
                    raise AppError("err_invalid", detail=f"{name} acts on the whole "
                                   "organisation; it cannot target chosen teams")
                if not all(isinstance(x, int) and not isinstance(x, bool) and x >= 0
                           for x in value):
                    raise AppError("err_invalid", detail=f"{name}: teams must be team "
                                   f"numbers, got {value!r}")
            elif slot not in info.choices:
                raise AppError("err_invalid", detail=f"{name} has no option {slot!r}")
            elif value not in info.choices[slot]:
                raise AppError("err_invalid", detail=f"{name}: {slot} = {value!r}; choose "
                               f"one of {', '.join(info.choices[slot])}")

    def chosen(self) -> list[InterventionChoice]:
        """The ticked interventions with their start weeks and options, by name."""
        out = []
        for name, week in sorted(self.interventions.items()):
            opts = self.options.get(name, {})
            out.append(InterventionChoice(
                name, int(week),
                tuple(sorted((k, str(v)) for k, v in opts.items() if k != "teams")),
                tuple(sorted({int(x) for x in opts.get("teams", ())}))))
        return out

    @property
    def fixed_size(self) -> bool:
        """The organisation's teams fix its size (an imported client's named teams)."""
        return bool(org_team_names(self.org))


@dataclass
class LogEntry:
    """Something that happened in the workshop (an event, a lever move, a restart)."""

    week: int
    kind: str  #: "event", "lever" or "reset"
    key: str  #: event name, lever name, or "" for a reset
    detail: str = ""  #: model's message, or "old -> new"
    team: int | None = None  #: the team an event hit (from 0), None: the whole organisation


@dataclass
class Run:
    """One simulated organisation in the workshop."""

    label: RunLabel
    model: OrgModel
    interventions: dict[str, int]
    #: the interventions with their options (what the run's title names)
    chosen: tuple[InterventionChoice, ...] = ()


#: Command-line overrides (``orgsim app org=client seed=3``) that set a :class:`Settings`
#: field (shown and changeable in the set-up menu) instead of staying fixed overrides.
SETTING_KEYS = {"org": "org", "scenario": "scenario", "seed": "seed", "weeks": "horizon",
                "org.n_employees": "n_employees"}


def settings_from_overrides(overrides: tuple[str, ...]) -> Settings:
    """Settings of a new session from the command line's Hydra overrides.

    ``org=``, ``scenario=``, ``seed=``, ``weeks=`` and ``org.n_employees=`` become the
    menu's own settings (so the menu shows what is running); the organisation's size is the
    preset's own unless given. Other overrides stay fixed for every run.

    Raises:
        AppError: when a whole-number field is not a whole number.
    """
    values: dict[str, Any] = {}
    rest: list[str] = []
    for item in overrides:
        key, sep, value = item.partition("=")
        field_name = SETTING_KEYS.get(key.strip()) if sep else None
        if field_name is None:
            rest.append(item)
        elif field_name in ("org", "scenario"):
            values[field_name] = value.strip()
        else:
            try:
                values[field_name] = int(value)
            except ValueError:
                raise AppError("err_invalid", detail=f"{key} = {value!r} is not a whole "
                               "number") from None
    settings = Settings(overrides=tuple(rest), **values)
    if "n_employees" not in values:
        try:
            settings.n_employees = org_size(settings.org)
        except ConfigError as exc:
            raise AppError("err_invalid", detail=str(exc)) from None
    return settings


def team_names(model: OrgModel) -> list[str]:
    """Each team's own name (an imported client's), or "" for generated teams."""
    named = [str(team.name) for team in model.config.org.teams]
    return named if len(named) == model.teams.size else [""] * model.teams.size


#: How an event's English message names a team (``orgsim.events.base.where``: from 0).
TEAM_IN_MESSAGE = re.compile(r"\bteam (\d+)\b")


def event_team(message: str) -> int | None:
    """The team (index from 0) an event's message names, or None (the whole organisation)."""
    found = TEAM_IN_MESSAGE.search(message)
    return int(found.group(1)) if found else None


#: Every Workshop still in memory (a closed session's is freed with it; the soak test
#: checks this through ``/orgsim-status``).
_LIVE: weakref.WeakSet[Workshop] = weakref.WeakSet()


def live_workshops(collect: bool = False) -> int:
    """Workshops in memory (``collect``: collect garbage first, so only reachable ones)."""
    if collect:
        gc.collect()
    return len(_LIVE)


class Workshop:
    """One browser session's simulation(s). All methods are thread-safe."""

    def __init__(self, settings: Settings | None = None,
                 snapshot: dict[str, Any] | None = None) -> None:
        """Start with ``settings`` (default: :class:`Settings`), or rebuild ``snapshot``
        (:meth:`replay`) without building the default first.

        Raises:
            AppError: when the settings or the snapshot cannot run.
        """
        _LIVE.add(self)
        self.lock = threading.RLock()
        self.settings = Settings()
        self.runs: dict[RunLabel, Run] = {}
        self.levels: dict[str, float] = {}
        self.log: list[LogEntry] = []
        #: the "ghost": run A's same future without the event that made it (same random
        #: numbers; later lever moves and events act on it too), or None
        self.ghost: OrgModel | None = None
        self.ghost_event: LogEntry | None = None  #: the event the ghost is without
        #: every live change in order, unmerged, for :meth:`snapshot`: (week, "lever", name,
        #: value) or (week, "event", name, team, ghost)
        self.actions: list[tuple[Any, ...]] = []
        #: per team and week of run A and the ghost (key "A", "ghost"): the team's mean load
        #: (job demands of those at work) and its people on burn-out sick leave
        self.team_log: dict[str, list[np.ndarray]] = {}
        #: the band over several futures (:meth:`compute_band`) and what it was made for
        self.band: Band | None = None
        if snapshot is not None:
            self.replay(snapshot)
        else:
            self.reset(settings or Settings())

    # ------------------------------------------------------------------ lifecycle
    def reset(self, settings: Settings | None = None) -> None:
        """(Re)build the run(s) from ``settings``; on a bad combination keep the old runs.

        Raises:
            AppError: with a translatable message (nothing is changed then).
        """
        settings = settings or self.settings
        settings.validate()
        if settings.fixed_size:  # the client's teams fix the size: show the real one
            settings.n_employees = org_size(settings.org)
        chosen = settings.chosen()
        try:
            if settings.ab:
                runs = {
                    RunLabel.A: Run(RunLabel.A, self._build(settings, []), {}),
                    RunLabel.B: Run(RunLabel.B, self._build(settings, chosen),
                                    dict(settings.interventions), tuple(chosen)),
                }
            else:
                runs = {RunLabel.A: Run(RunLabel.A, self._build(settings, chosen),
                                        dict(settings.interventions), tuple(chosen))}
        except ConfigError as exc:
            raise AppError("err_invalid", detail=str(exc)) from None
        with self.lock:
            self.settings = settings
            self.runs = runs
            cfg = runs[RunLabel.A].model.config
            self.levels = {lv.name: lv.config_value(cfg) for lv in LEVERS}
            self.log = [LogEntry(0, "reset", "")]
            self.ghost, self.ghost_event = None, None
            self.actions = []
            self.team_log = {"A": [team_numbers(runs[RunLabel.A].model)]}

    @staticmethod
    def _build(settings: Settings, chosen: list[InterventionChoice]) -> OrgModel:
        size = None if settings.fixed_size else settings.n_employees
        return build_model(settings.scenario, size, settings.seed, settings.horizon, chosen,
                           (f"org={settings.org}", *settings.overrides))

    @property
    def week(self) -> int:
        return self.runs[RunLabel.A].model.week

    @property
    def at_end(self) -> bool:
        return self.week >= self.settings.horizon

    def step(self, weeks: int = 1) -> int:
        """Advance every run by up to ``weeks`` weeks (not past the horizon); weeks done."""
        with self.lock:
            todo = max(0, min(int(weeks), self.settings.horizon - self.week))
            for _ in range(todo):
                for model in self._models():
                    model.step()
                self.team_log["A"].append(team_numbers(self.runs[RunLabel.A].model))
                if self.ghost is not None:
                    self.team_log.setdefault("ghost", []).append(team_numbers(self.ghost))
            return todo

    def _models(self) -> list[OrgModel]:
        """Every model the workshop steps: the runs, and the ghost if there is one."""
        return [run.model for run in self.runs.values()] + ([self.ghost] if self.ghost else [])

    # ------------------------------------------------------------------ live changes
    def set_lever(self, name: str, value: float) -> None:
        """Move lever ``name`` to ``value`` in every run (see the module docstring).

        Raises:
            AppError: for an unknown lever or a value outside its range.
        """
        lever = LEVER_BY_NAME.get(name)
        if lever is None:
            raise AppError("err_invalid", detail=f"unknown lever {name!r}")
        value = float(value)
        if not lever.lo <= value <= lever.hi:
            raise AppError("err_invalid", detail=f"{name} = {value} is outside "
                           f"[{lever.lo}, {lever.hi}]")
        with self.lock:
            old = self.levels[name]
            if value == old:
                return
            for model in self._models():
                arr = getattr(model.teams, lever.team_attr)
                if lever.mode is LeverMode.SCALE and old > 0:
                    arr *= value / old
                elif lever.mode is LeverMode.SCALE:
                    arr[:] = value
                else:
                    arr += value - old
                np.clip(arr, *lever.bounds(), out=arr)
            self.levels[name] = value
            self.actions.append((self.week, "lever", name, value))
            last = self.log[-1] if self.log else None
            if last and (last.week, last.kind, last.key) == (self.week, "lever", name):
                old = float(last.detail.split(" → ")[0])  # one drag, one entry
                self.log.pop()
            self.log.append(LogEntry(self.week, "lever", name, f"{_fmt(old)} → {_fmt(value)}"))

    def fire(self, event: str, team: int | None = None, ghost: bool = False) -> str:
        """Fire a live event in every run (same event, same team); returns its message.

        ``ghost``: first keep a copy of run A to go on without this event (the "ghost": the
        same future, same random numbers, to compare against); only with one run and no
        ghost yet. A ghost takes later events and lever moves like the runs.

        Raises:
            AppError: when events are unavailable, or for an unknown event or team.
        """
        apply_event = event_function()
        if apply_event is None:
            raise AppError("event_unavailable")
        if event not in event_names():
            raise AppError("err_invalid", detail=f"unknown event {event!r}")
        with self.lock:
            n_teams = self.runs[RunLabel.A].model.teams.size
            if team is not None and not 0 <= team < n_teams:
                raise AppError("err_invalid", detail=f"team {team} does not exist "
                               f"(0..{n_teams - 1})")
            make_ghost = ghost and self.ghost is None and len(self.runs) == 1
            before = copy.deepcopy(self.runs[RunLabel.A].model) if make_ghost else None
            messages = []
            for model in self._models():
                try:
                    messages.append(str(apply_event(model, event, team=team)))
                except (ValueError, KeyError) as exc:
                    raise AppError("err_invalid", detail=str(exc)) from None
            message = messages[0] if messages else ""
            hit = team if team is not None else event_team(message)
            self.log.append(LogEntry(self.week, "event", event, message, hit))
            self.actions.append((self.week, "event", event, team, before is not None))
            if before is not None:
                self.ghost, self.ghost_event = before, self.log[-1]
                self.team_log["ghost"] = list(self.team_log["A"])
            return message

    # ------------------------------------------------------------------ state
    def snapshot(self) -> dict[str, Any]:
        """Everything needed to rebuild this workshop exactly: the settings, the week and
        every live change with its week (see :meth:`replay`)."""
        with self.lock:
            settings = dataclasses.asdict(self.settings)
            settings["overrides"] = list(self.settings.overrides)
            return {"v": SNAPSHOT_VERSION, "settings": settings, "week": self.week,
                    "actions": [list(a) for a in self.actions]}

    def replay(self, snapshot: dict[str, Any]) -> None:
        """Rebuild the workshop a :meth:`snapshot` describes: restart with its settings, then
        step to its week, making each change in the week it was made. Same settings, seed
        and changes give the same runs, bit for bit.

        Raises:
            AppError: ("err_state") for a snapshot that cannot be read; nothing is changed.
        """
        try:
            if snapshot.get("v") != SNAPSHOT_VERSION:
                raise ValueError("unknown version")
            raw = dict(snapshot["settings"])
            raw["overrides"] = tuple(str(o) for o in raw.get("overrides", ()))
            raw["interventions"] = {str(k): int(v)
                                    for k, v in dict(raw.get("interventions", {})).items()}
            raw["options"] = {str(k): {str(slot): (list(val) if slot == "teams" else str(val))
                                       for slot, val in dict(opts).items()}
                              for k, opts in dict(raw.get("options", {})).items()}
            settings = Settings(**raw)
            week = int(snapshot["week"])
            actions = [tuple(a) for a in snapshot["actions"]]
            if not 0 <= week <= settings.horizon:
                raise ValueError(f"week {week} is outside 0..{settings.horizon}")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise AppError("err_state", detail=str(exc)) from None
        with self.lock:
            self.reset(settings)
            for now in range(week + 1):
                for action in actions:
                    if action[0] != now:
                        continue
                    if action[1] == "lever":
                        self.set_lever(str(action[2]), float(action[3]))
                    elif action[1] == "event":
                        team = None if action[3] is None else int(action[3])
                        self.fire(str(action[2]), team, ghost=bool(action[4]))
                if now < week:
                    self.step(1)

    # ------------------------------------------------------------------ band
    def band_key(self) -> str:
        """What a band is made for: the settings and every change so far (not the week)."""
        with self.lock:
            snap = self.snapshot()
            return json.dumps({"settings": snap["settings"], "actions": snap["actions"]},
                              sort_keys=True)

    def band_sets(self, n: int) -> tuple[list[int], list[list[str]]]:
        """``n`` parameter sets of the organisation's ensemble for a band over the model's
        settings (:func:`orgsim.calibration.ensemble.for_org`: the client's own for an
        imported organisation, else the shipped one): drawn without replacement (with
        replacement when the ensemble has fewer rows) by a generator seeded with the
        workshop's seed, so the same set-up gives the same band. Returns the sets' indices
        and their config overrides.

        Raises:
            AppError: ("err_invalid") no usable ensemble (missing, stale or unequally
                weighted: :func:`~orgsim.calibration.ensemble.check_current`), or one that
                sets what the set-up fixes; the detail says what to do.
        """
        from orgsim.calibration import ensemble as ens_mod

        with self.lock:
            settings = self.settings
        try:
            ens = ens_mod.for_org(settings.org)
            ens_mod.check_current(ens)
        except ens_mod.EnsembleError as exc:
            raise AppError("err_invalid", detail=str(exc)) from None
        fixed = {o.partition("=")[0].lstrip("+~") for o in settings.overrides}
        clash = [k for k in ens.keys if k in fixed]
        if clash:
            raise AppError("err_invalid", detail=f"{clash[0]} is fixed by the set-up and "
                           "varied by the ensemble")
        rng = np.random.default_rng(int(settings.seed))
        sets = [int(i) for i in rng.choice(len(ens), size=n, replace=n > len(ens))]
        return sets, [ens.overrides(i) for i in sets]

    def compute_band(self, n: int = 10, cancel: threading.Event | None = None,
                     progress: Callable[[int, int], None] | None = None,
                     max_seconds: float = 300.0, model_settings: bool = False
                     ) -> Band | None:
        """Run this set-up over ``n`` futures (seeds seed .. seed + n - 1, every run, every
        change in its week) to the last week, and keep their weekly metrics as
        :attr:`band` (while the set-up is unchanged, :meth:`band_now` returns it).

        Each future is its own workshop, built and stepped outside the lock (the page keeps
        working); ``cancel`` stops between weeks, ``progress(done, n)`` reports each future
        done, and after ``max_seconds`` the futures done so far make the band (None if
        fewer than 3). Returns the band, or None when cancelled.

        With ``model_settings`` every future also runs with its own parameter set of the
        calibrated ensemble (:meth:`band_sets`): the band then shows what chance and the
        uncertainty of the model's settings together leave open (docs/calibration.md,
        "Parameter uncertainty"), not chance alone.

        Raises:
            AppError: for ``n`` outside 3..50, or no usable ensemble (:meth:`band_sets`).
        """
        if not 3 <= n <= 50:
            raise AppError("err_invalid", detail=f"a band needs 3 to 50 futures, got {n}")
        sets, extra = self.band_sets(n) if model_settings else (None, [[]] * n)
        with self.lock:
            key = self.band_key()
            snap = self.snapshot()
        # the band's futures need no ghost: the events act on every run as they did
        actions = [[*a[:4], False] if a[1] == "event" else a for a in snap["actions"]]
        seed = int(snap["settings"]["seed"])
        started = time.monotonic()
        runs: dict[str, list[pd.DataFrame]] = {}
        for i in range(n):
            if cancel is not None and cancel.is_set():
                return None
            if time.monotonic() - started > max_seconds:
                break
            settings = {**snap["settings"], "seed": seed + i,
                        "overrides": [*snap["settings"]["overrides"], *extra[i]]}
            other = Workshop(snapshot={**snap, "actions": actions, "settings": settings})
            while not other.at_end:
                if cancel is not None and cancel.is_set():
                    return None
                other.step(1)
                time.sleep(0)  # let the page's threads in between weeks
            for label, ts in other.timeseries().items():
                runs.setdefault(label.value, []).append(ts)
            if progress is not None:
                progress(i + 1, n)
        done = len(next(iter(runs.values()), []))
        if done < 3:
            return None
        band = Band(key, seed, done, runs, None if sets is None else sets[:done])
        with self.lock:
            if self.band_key() == key:
                self.band = band
        return band

    def band_now(self) -> Band | None:
        """The band, if it was made for the set-up that runs now (else None)."""
        with self.lock:
            if self.band is not None and self.band.key == self.band_key():
                return self.band
            return None

    # ------------------------------------------------------------------ views
    def team_series(self, team: int, source: str = "A") -> pd.DataFrame | None:
        """Team ``team``'s weeks: its mean load, the rest of the organisation's mean load
        and its people on burn-out sick leave (``source`` "A" or "ghost"; None if none)."""
        with self.lock:
            rows = self.team_log.get(source)
            if not rows or not 0 <= team < rows[0].shape[0]:
                return None
            data = np.stack(rows)  # week, team, (load sum, at work, sick)
        at_work = data[:, :, 1]
        load = data[:, team, 0] / np.maximum(at_work[:, team], 1)
        rest_n = at_work.sum(axis=1) - at_work[:, team]
        rest = (data[:, :, 0].sum(axis=1) - data[:, team, 0]) / np.maximum(rest_n, 1)
        return pd.DataFrame({"week": np.arange(len(data)), "load": load, "rest_load": rest,
                             "sick": data[:, team, 2]})

    def tile_states(self, label: RunLabel = RunLabel.A) -> np.ndarray:
        """TileState code per position of run ``label``."""
        model = self.runs[label].model
        return classify(model)

    def teams_view(self, label: RunLabel,
                   describe: Callable[[OrgModel, np.ndarray], list[str]]
                   ) -> list[dict[str, Any]]:
        """The team grid: per team its tiles (row, colour, leader flag, hover text).

        ``describe(model, states)`` gives the hover text of every row (the page passes a
        translating one).
        """
        with self.lock:
            model = self.runs[label].model
            states = classify(model)
            ws, tm = model.workforce, model.teams
            is_leader = ws.role == Role.LEADER
            hover = describe(model, states)
            teams: list[dict[str, Any]] = []
            for t in range(tm.size):
                rows = np.flatnonzero(ws.team == t)
                rows = np.concatenate([rows[is_leader[rows]], rows[~is_leader[rows]]])
                tiles = [{"r": int(r), "c": TILE_COLOURS[TileState(int(states[r]))],
                          "s": int(states[r]), "l": bool(is_leader[r]), "h": hover[r]}
                         for r in rows]
                teams.append({"team": t, "tiles": tiles})
            return teams

    def kpis(self, label: RunLabel = RunLabel.A) -> dict[str, float]:
        """Headline numbers of the latest week (start-of-run state before the first step)."""
        with self.lock:
            return headline(self.runs[label].model)

    def ghost_kpis(self) -> dict[str, float] | None:
        """The ghost's headline numbers (None without a ghost)."""
        with self.lock:
            return headline(self.ghost) if self.ghost is not None else None

    def ghost_timeseries(self) -> pd.DataFrame | None:
        """The ghost's weekly metrics with costs (None without a ghost)."""
        with self.lock:
            return _with_costs(self.ghost) if self.ghost is not None else None

    def person(self, label: RunLabel, row: int) -> dict[str, Any] | None:
        """Everything the detail panel shows about position ``row`` (None if no such row)."""
        with self.lock:
            run = self.runs.get(label)
            if run is None or not 0 <= row < run.model.workforce.size:
                return None
            model = run.model
            ws, tm = model.workforce, model.teams
            t = int(ws.team[row])
            state = TileState(int(classify(model)[row]))
            info: dict[str, Any] = {"row": row, "team": t, "state": state,
                                    "leader": bool(ws.role[row] == Role.LEADER)}
            if state is TileState.VACANT:
                return info
            drains = model.demand_breakdown(row)
            givers = {g: float(getattr(tm, g)[t]) for g in GIVERS}
            info.update({
                "energy": float(ws.energy[row]),
                "engagement": float(ws.engagement[row]),
                "exhaustion": float(ws.exhaustion[row]),
                # as a survey would score this person (norm-linked, see orgsim.scales)
                "bat_exhaustion": float(linked("exhaustion").score(ws.exhaustion[row])),
                "uwes_engagement": float(linked("engagement").score(ws.engagement[row])),
                "personal_resources": float(ws.personal_resources()[row]),
                "job_resources": float(ws.job_resources[row]),
                "tenure_weeks": int(ws.tenure[row]),
                "drains": sorted(drains.items(), key=lambda kv: -kv[1])[:3],
                "givers": sorted(givers.items(), key=lambda kv: -kv[1])[:3],
            })
            return info

    def timeseries(self) -> dict[RunLabel, pd.DataFrame]:
        """Weekly metrics per run, plus intervention and total cost (EUR) per week."""
        with self.lock:
            return {label: _with_costs(run.model) for label, run in self.runs.items()}

    def markers(self) -> list[tuple[int, str, str]]:
        """Chart markers ``(week, label, kind)``: every logbook entry by its number in the
        logbook (kind "event" or "lever"), then every intervention start (kind "start",
        label "▶")."""
        with self.lock:
            entries = [e for e in self.log if e.kind != "reset"]
            out = [(e.week, str(n), e.kind) for n, e in enumerate(entries, 1)]
            starts = sorted({w for run in self.runs.values() for w in run.interventions.values()})
            return out + [(w, "▶", "start") for w in starts]

    def event_weeks(self) -> list[tuple[int, str]]:
        """(week, event name) of every fired event, for chart markers."""
        return [(e.week, e.key) for e in self.log if e.kind == "event"]

    # ------------------------------------------------------------------ export
    def csv_bytes(self) -> bytes:
        """The run(s) as CSV: one row per run and week, with settings (scenario, seed,
        interventions, organisation preset, size, horizon) and the logbook; a ghost is run
        ``A-without-<event>``."""
        with self.lock:
            frames = []
            notes: dict[int, list[str]] = {}
            for e in self.log:
                if e.kind != "reset":
                    notes.setdefault(e.week, []).append(f"{e.kind}:{e.key} {e.detail}".strip())
            runs = [(label.value, run.model, run.chosen)
                    for label, run in self.runs.items()]
            if self.ghost is not None and self.ghost_event is not None:
                runs.append((f"A-without-{self.ghost_event.key}", self.ghost,
                             self.runs[RunLabel.A].chosen))
            for name, model, chosen in runs:
                ts = _with_costs(model)
                ts.insert(0, "run", name)
                ts.insert(1, "scenario", self.settings.scenario)
                ts.insert(2, "seed", self.settings.seed)
                ts.insert(3, "interventions", ";".join(choice_text(c) for c in chosen))
                ts.insert(4, "org", self.settings.org)
                ts.insert(5, "n_employees", model.workforce.size)
                ts.insert(6, "horizon", self.settings.horizon)
                # an event fired at week w acts from week w + 1
                ts["log"] = ["; ".join(notes.get(int(w) - 1, [])) for w in ts["week"]]
                frames.append(ts)
            buf = io.StringIO()
            pd.concat(frames, ignore_index=True).to_csv(buf, index=False)
            return buf.getvalue().encode("utf-8")


@dataclass
class Band:
    """Weekly metrics of one set-up over several futures (seeds ``seed`` ..
    ``seed + n - 1``): per run label, one ``timeseries`` frame (with costs) per future."""

    key: str  #: :meth:`Workshop.band_key` of the set-up it was made for
    seed: int
    n: int
    runs: dict[str, list[pd.DataFrame]]
    #: the ensemble's parameter set of each future (None: every future with the set-up's
    #: own parameters, chance only)
    sets: list[int] | None = None


def team_numbers(model: OrgModel) -> np.ndarray:
    """Per team (rows): the summed load (job demands) of those at work, how many are at
    work, and how many are on burn-out sick leave."""
    ws = model.workforce
    n = model.teams.size
    present = ws.present()
    load = np.bincount(ws.team[present], weights=ws.demand[present], minlength=n)
    at_work = np.bincount(ws.team[present], minlength=n).astype(float)
    sick = np.bincount(ws.team[ws.status == Status.SICK_LEAVE], minlength=n).astype(float)
    return np.stack([load, at_work, sick], axis=1)


def headline(model: OrgModel) -> dict[str, float]:
    """Headline numbers of ``model``'s latest week (start-of-run state before the first step)."""
    ws = model.workforce
    ts = model.timeseries()
    employed = ws.status != Status.VACANT
    present = ws.present()
    thr = model.config.params.complaints_threshold
    return {
        "week": float(model.week),
        "complaints": float((ws.exhaustion[present] >= thr).mean())
        if present.any() else 0.0,
        "sick": float((ws.status == Status.SICK_LEAVE).sum()),
        "absence": float(ts.absence_rate.iloc[-1]) if len(ts) else 0.0,
        "engagement": float(ws.engagement[employed].mean()) if employed.any() else 0.0,
        "energy": float(ws.energy[employed].mean()) if employed.any() else 0.0,
        **cost_lines(model),
    }


def cost_lines(model: OrgModel) -> dict[str, float]:
    """The cost lines so far, as the report and ``orgsim compare`` split them
    (:func:`orgsim.results.cost_split`): ``cost`` = burn-out (absence and the leavers whose
    departure the model attributes to burn-out), ``other_turnover`` and ``interventions``."""
    split = cost_split(_with_costs(model), model.config.costs)
    return {"cost": float(split["burnout_eur"]),
            "other_turnover": float(split["other_turnover_eur"]),
            "interventions": float(split["intervention_eur"])}


def choice_text(choice: InterventionChoice) -> str:
    """An intervention with its start week and options, as the CSV names it
    (``free_capacity@4[use=recovery,teams=0+2]``; teams from 0)."""
    opts = [f"{k}={v}" for k, v in choice.options]
    if choice.teams:
        opts.append("teams=" + "+".join(str(x) for x in choice.teams))
    return f"{choice.name}@{choice.start_week}" + (f"[{','.join(opts)}]" if opts else "")


def snapshot_text(snapshot: dict[str, Any]) -> str:
    """A snapshot as a short URL-safe text (JSON, zlib, base64url)."""
    raw = json.dumps(snapshot, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def snapshot_from_text(text: str) -> dict[str, Any]:
    """The snapshot in ``text`` (:func:`snapshot_text`).

    Raises:
        AppError: ("err_state") when ``text`` is no snapshot.
    """
    try:
        raw = zlib.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        snapshot = json.loads(raw)
    except (ValueError, zlib.error) as exc:
        raise AppError("err_state", detail=str(exc)) from None
    if not isinstance(snapshot, dict):
        raise AppError("err_state", detail="not a saved state")
    return snapshot


def _with_costs(model: OrgModel) -> pd.DataFrame:
    """``model.timeseries()`` with ``intervention_cost_eur`` and ``total_cost_eur`` columns."""
    ts = model.timeseries()
    extra = np.zeros(len(ts))
    booked = intervention_costs(model)[:len(ts)]
    extra[:len(booked)] = booked
    ts["intervention_cost_eur"] = extra
    ts["total_cost_eur"] = ts["cost_eur"] + extra
    return ts


def classify(model: OrgModel) -> np.ndarray:
    """TileState per position, from the model's state arrays (vectorised)."""
    ws = model.workforce
    thr = model.config.params.complaints_threshold
    out = np.full(ws.size, TileState.OK, dtype=np.int64)
    out[ws.engagement >= ENGAGED_FROM] = TileState.ENGAGED
    out[ws.exhaustion >= thr - AT_RISK_MARGIN] = TileState.AT_RISK
    out[ws.exhaustion >= thr] = TileState.COMPLAINTS
    out[ws.status == Status.REINTEGRATING] = TileState.RETURNING
    out[ws.status == Status.SICK_LEAVE] = TileState.SICK_LEAVE
    out[ws.status == Status.VACANT] = TileState.VACANT
    return out


def _fmt(x: float) -> str:
    return f"{x:g}" if float(x).is_integer() else f"{x:.2f}"
