"""The timeline of one model: temporary changes of the mechanisms' inputs and timed actions.

Events (``orgsim.events``) and interventions (``orgsim.interventions``) change the inputs
of the mechanisms through this module: an :class:`Effect` is an additive change of one input
array with a strength profile over time (ramp up, hold, fade out), clipped to the array's
range and reverted exactly; an action is a callable run at the start of a given week (a
scheduled shock, an intervention's start, a survey wave). The timeline knows nothing about
which events or interventions exist: it applies effects and runs actions.

Layering: this module imports only ``orgsim.config`` (parameter ranges),
``orgsim.team_inputs`` (team input ranges) and ``orgsim.state``; events and
interventions import it, never the other way round.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from orgsim import team_inputs
from orgsim.config import Parameters
from orgsim.state import Status

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel



def team_bounds(attr: str) -> tuple[float, float]:
    """Allowed range of the Teams array ``attr`` (the one place effects look it up)."""
    return team_inputs.bounds(attr)


def _param_bounds(attr: str) -> tuple[float, float]:
    meta = {f.name: f.metadata.get("range", (None, None))
            for f in dataclasses.fields(Parameters)}
    lo, hi = meta[attr]
    return float(lo), float(hi)


def _bounds(kind: str, attr: str) -> tuple[float, float]:
    if kind == "team":
        return team_bounds(attr)
    if kind == "param":
        return _param_bounds(attr)
    return 0.0, 1.0


#: ``holder_key`` of a vacant position.
VACANT_KEY = -(10**9)


def holder_key(model: OrgModel, rows: np.ndarray) -> np.ndarray:
    """An identity of the person holding each row: their unique id, constant while they
    stay (:meth:`OrgModel.holder_ids`); :data:`VACANT_KEY` where the position is vacant."""
    ws = model.workforce
    return np.where(ws.status[rows] == Status.VACANT, VACANT_KEY, model.holder_ids(rows))


@dataclass
class Effect:
    """A temporary additive change of one input array, with a strength profile over time.

    The change is ``delta x profile(t)``: 0 before ``start``, ramping up linearly over
    ``ramp`` weeks, full for ``hold`` weeks, then fading linearly to 0 over ``fade`` weeks.
    What was actually added (after clipping to the array's range) is remembered in
    ``applied``, so reverting restores the value exactly even when other changes
    (sliders, other effects) happened meanwhile.

    Attributes:
        label: what caused it (event or intervention name), for logs.
        kind: ``"team"`` (a :class:`~orgsim.state.Teams` array, ``index`` = teams) or
            ``"person"`` (a :class:`~orgsim.state.Workforce` array, ``index`` = rows) or
            ``"param"`` (a field of ``config.params``; ``index`` unused).
        attr: name of the array or parameter.
        index: teams or rows the change applies to.
        delta: change at full strength (scalar or one value per index).
        holders: for ``person`` effects, the identity of each row's holder at the start
            (see :func:`holder_key`); a row whose holder left is dropped, so a new hire
            neither keeps nor loses the change.
    """

    label: str
    kind: str
    attr: str
    index: np.ndarray
    delta: np.ndarray
    start: int
    hold: int
    fade: int = 0
    ramp: int = 0
    applied: np.ndarray = field(default_factory=lambda: np.zeros(0))
    holders: np.ndarray | None = None

    @property
    def end(self) -> int:
        """First week in which the effect is gone entirely."""
        return self.start + self.ramp + self.hold + self.fade

    def profile(self, week: int) -> float:
        """Strength (0..1) in ``week``."""
        t = week - self.start
        if t < 0 or week >= self.end:
            return 0.0
        if t < self.ramp:
            return (t + 1) / (self.ramp + 1)
        t -= self.ramp
        if t < self.hold:
            return 1.0
        return 1.0 - (t - self.hold + 1) / (self.fade + 1)


def _array(model: OrgModel, effect: Effect) -> np.ndarray:
    if effect.kind == "team":
        return getattr(model.teams, effect.attr)  # type: ignore[no-any-return]
    if effect.kind == "person":
        return getattr(model.workforce, effect.attr)  # type: ignore[no-any-return]
    raise ValueError(effect.kind)


#: An action: called with the model at the start of its week; returns a log text.
Action = Callable[["OrgModel"], str]


@dataclass
class Timeline:
    """Everything scheduled to happen to one model: timed effects, actions and their log.

    ``model.timeline.start_week(model)`` runs at the start of every simulated week (before
    the mechanisms): due actions (scheduled shocks, intervention starts, survey waves) run
    first, then every effect is set to its strength for this week.

    Attributes:
        effects: active and future temporary changes.
        actions: ``(week, order, label, callable(model))`` to run at the start of ``week``.
        log: ``(week, label, description)`` of every event and action that ran.
        ledger: ``(week, intervention, eur)`` intervention costs (see orgsim.interventions).
    """

    effects: list[Effect] = field(default_factory=list)
    actions: list[tuple[int, int, str, Action]] = field(default_factory=list)
    log: list[tuple[int, str, str]] = field(default_factory=list)
    ledger: list[tuple[int, str, float]] = field(default_factory=list)
    _order: int = 0

    # -- building
    def add(self, effect: Effect, model: OrgModel | None = None) -> Effect:
        """Register ``effect``; with ``model``, apply this week's strength at once."""
        effect.delta = np.asarray(effect.delta, dtype=float)
        effect.index = np.asarray(effect.index, dtype=np.int64)
        shape = effect.index.shape if effect.kind != "param" else ()
        effect.applied = np.zeros(shape)
        if effect.kind == "person" and model is not None:
            effect.holders = holder_key(model, effect.index)
        self.effects.append(effect)
        if model is not None:
            self._set(model, effect, model.week)
        return effect

    def at(self, week: int, label: str, action: Action) -> None:
        """Run ``action(model)`` at the start of ``week`` (in the order added)."""
        self._order += 1
        self.actions.append((week, self._order, label, action))
        self.actions.sort(key=lambda a: (a[0], a[1]))

    def record_cost(self, week: int, label: str, eur: float) -> None:
        """Book ``eur`` of intervention cost in ``week``."""
        if eur:
            self.ledger.append((week, label, float(eur)))

    # -- running
    def start_week(self, model: OrgModel) -> None:
        """Run due actions and set every effect to its strength for ``model.week``."""
        week = model.week
        if week < 0 or not (self.effects or self.actions):
            return
        while self.actions and self.actions[0][0] <= week:
            _, _, label, action = self.actions.pop(0)
            self.log.append((week, label, action(model)))
        keep = []
        for effect in self.effects:
            self._set(model, effect, week)
            if week < effect.end:
                keep.append(effect)
        self.effects = keep

    def _set(self, model: OrgModel, effect: Effect, week: int) -> None:
        want = effect.delta * effect.profile(week)
        lo, hi = _bounds(effect.kind, effect.attr)
        if effect.kind == "param":
            params = model.config.params
            old = float(getattr(params, effect.attr)) - float(effect.applied)
            new = float(np.clip(old + float(want), lo, hi))
            value = type(getattr(params, effect.attr))(new)
            setattr(params, effect.attr, value)
            effect.applied = np.asarray(value - old)
            return
        if effect.holders is not None:
            same = holder_key(model, effect.index) == effect.holders
            if not same.all():
                effect.index = effect.index[same]
                effect.applied = effect.applied[same]
                effect.holders = effect.holders[same]
                if effect.delta.ndim:
                    effect.delta = effect.delta[same]
        arr = _array(model, effect)
        base = arr[effect.index] - effect.applied
        new = np.clip(base + want, lo, hi)
        arr[effect.index] = new
        effect.applied = new - base

    def active(self, week: int) -> list[Effect]:
        """Effects with non-zero strength in ``week``."""
        return [e for e in self.effects if e.profile(week) > 0]


def timeline_of(model: OrgModel) -> Timeline:
    """The model's timeline (created on first use for models built without one)."""
    timeline = getattr(model, "timeline", None)
    if timeline is None:
        timeline = Timeline()
        model.timeline = timeline
    return timeline
