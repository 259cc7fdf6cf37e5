"""The base of every event: the :class:`Event` class, its registry and the shared helpers.

An event is a subclass of :class:`Event` in its own module of this package that declares
its ``name`` (the key users type), its stream ``code`` and a one-line ``description``,
states its sizes and their source or assumption in its docstring, and implements
:meth:`Event.fire`. Defining the class registers it under its name (``__init_subclass__``);
``orgsim/events/__init__.py`` imports every event module, so importing ``orgsim.events`` (or
any module in it) makes the registry complete.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from orgsim import streams
from orgsim.config import ConfigError
from orgsim.timeline import Timeline, timeline_of

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel

#: Event name -> event class, in alphabetical order: the one registry of events.
EVENTS: dict[str, type[Event]] = {}


class Event:
    """One kind of event: what it changes, for whom and for how long.

    Subclasses set the class attributes below and implement :meth:`fire`; their docstring
    states the sizes and where they come from (it is shown as the event's assumption).

    Attributes:
        name: the event's key (``apply_event(model, name)``, ``shocks[i].event``).
        code: the event's number in the random-stream seed (:func:`orgsim.streams.event`);
            unique, and never changed or reused (the runs of a seed depend on it).
        description: one line for the app and the docs (English; the app translates).
    """

    name: ClassVar[str]
    code: ClassVar[int]
    description: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("name")
        if name is None:  # an intermediate base class
            return
        if name in EVENTS:
            raise TypeError(f"event {name!r} is defined twice: {EVENTS[name].__module__} "
                            f"and {cls.__module__}")
        taken = {other.code: other.name for other in EVENTS.values()}
        if cls.code in taken:
            raise TypeError(f"event {name!r}: code {cls.code} is taken by {taken[cls.code]!r}")
        EVENTS[name] = cls
        ordered = sorted(EVENTS.items())
        EVENTS.clear()
        EVENTS.update(ordered)

    def fire(self, model: OrgModel, team: int | None, strength: float) -> str:
        """Change the model's inputs now; returns a short human-readable description.

        Args:
            model: the running model.
            team: team index, or ``None`` for the whole organisation (for a person-level
                event, a team chosen by the event).
            strength: scales the event's size (1 = as documented; checked to be 0..3).
        """
        raise NotImplementedError

    def rng(self, model: OrgModel, salt: int = 0) -> np.random.Generator:
        """A generator for this event's chance elements, seeded by (seed, week, code).

        Keeps ``model.rng`` untouched, so models that differ only in their events keep
        drawing the same random numbers for everything else (common random numbers).
        """
        return streams.event(model.seed, model.week, self.code, salt)


# --------------------------------------------------------------------------- helpers
def target_teams(model: OrgModel, team: int | None) -> np.ndarray:
    """The teams an event hits: ``team``, or all teams for ``None``."""
    if team is None:
        return np.arange(model.teams.size)
    return np.array([team], dtype=np.int64)


def where(team: int | None) -> str:
    """How a message names the target: the whole organisation or one team."""
    return "the whole organisation" if team is None else f"team {team}"


def members(model: OrgModel, teams: np.ndarray) -> np.ndarray:
    """Mask of the positions in ``teams``."""
    return np.isin(model.workforce.team, teams)


# --------------------------------------------------------------------------- using events
def check_event(name: str, strength: float = 1.0, team: int | None = None,
                n_teams: int | None = None) -> None:
    """Raise :class:`ConfigError` for an unknown event, a bad strength or team index."""
    if name not in EVENTS:
        raise ConfigError(f"event {name!r} is unknown; choose one of: {', '.join(EVENTS)}")
    if not 0.0 <= strength <= 3.0:
        raise ConfigError(f"event {name}: strength = {strength!r} is out of range; allowed [0, 3]")
    if team is not None and n_teams is not None and not 0 <= team < n_teams:
        raise ConfigError(f"event {name}: team = {team!r} is out of range; "
                          f"allowed [0, {n_teams - 1}]")


def fire(model: OrgModel, name: str, team: int | None, strength: float) -> str:
    """Check and fire event ``name`` on ``model`` now; returns its description."""
    check_event(name, strength, team, model.teams.size)
    return EVENTS[name]().fire(model, None if team is None else int(team), strength)


def apply_event(model: OrgModel, name: str | type[Event], *, team: int | None = None,
                strength: float = 1.0) -> str:
    """Fire event ``name`` on ``model`` now (it acts from the next simulated week on).

    Args:
        model: the running model.
        name: an event's name (see :data:`EVENTS`) or its class.
        team: team index, or ``None`` for the whole organisation (for a person-level event,
            a team chosen by the event).
        strength: scales the event's size (1 = as documented; allowed 0..3).

    Returns:
        A short human-readable description of what happened.

    Raises:
        ConfigError: for an unknown event, team index or strength.
    """
    key = name.name if isinstance(name, type) else str(name)
    text = fire(model, key, team, strength)
    timeline_of(model).log.append((model.week, f"event:{key}", text))
    return text


def schedule_event(timeline: Timeline, week: int, name: str, *, team: int | None = None,
                   strength: float = 1.0) -> None:
    """Fire event ``name`` at the start of ``week`` (a scheduled shock)."""
    check_event(name, strength)

    def action(model: OrgModel) -> str:
        return fire(model, name, team, strength)

    timeline.at(week, f"event:{name}", action)


def describe_events() -> list[dict[str, Any]]:
    """Rows (name, description, assumption) for docs and the app."""
    return [{"name": k, "description": cls.description,
             "assumption": (cls.__doc__ or "").strip()} for k, cls in EVENTS.items()]
