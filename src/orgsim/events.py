"""Events that hit an organisation, and the timeline of temporary changes they leave behind.

An event (fired live in the workshop app, or scheduled as a shock in an org preset) changes
the *inputs* of the mechanisms - team demands and resources, people's hours, who holds a
position - never burn-out directly. Its effect then runs through the JD-R dynamics and
shows within a few simulated weeks. Temporary changes are kept on the model in a
:class:`Timeline` (``model.timeline``) that applies, fades and reverts them week by week;
interventions (``orgsim.interventions``) use the same timeline.

Determinism and common random numbers: events never draw from ``model.rng``. Where an
event needs chance (who catches the flu), it uses a generator seeded from the model's seed,
the week and the event, so the same event in two models built from the same seed (A/B mode,
scenario comparisons) hits the same people and leaves the model's own random stream aligned.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from orgsim import streams, team_inputs
from orgsim.config import ConfigError
from orgsim.state import Role, Status

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel


class Event(enum.Enum):
    """Events a trainer can fire or an org preset can schedule."""

    REORGANISATION = "reorganisation"
    CRUNCH_DEADLINE = "crunch_deadline"
    KEY_COLLEAGUE_DROPS_OUT = "key_colleague_drops_out"
    NEW_HIRE = "new_hire"
    BUDGET_CUT = "budget_cut"
    ABSENCE_WAVE = "absence_wave"


#: Event name -> one-line description (English; the app translates).
EVENTS: dict[str, str] = {
    Event.REORGANISATION.value: "roles and priorities unclear and shifting for months",
    Event.CRUNCH_DEADLINE.value: "30% more work and little recovery time for 6 weeks",
    Event.KEY_COLLEAGUE_DROPS_OUT.value: "a key colleague leaves suddenly; the others carry it",
    Event.NEW_HIRE.value: "a vacancy is filled (or a temporary hand added)",
    Event.BUDGET_CUT.value: "same work with fewer positions, less development and coaching",
    Event.ABSENCE_WAVE.value: "a flu wave: 15% of staff out for 1-3 weeks",
}

_EVENT_CODE = {e.value: i + 1 for i, e in enumerate(Event)}


# --------------------------------------------------------------------------- timeline
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
            (see ``_holder_key``); a row whose holder left is dropped, so a new hire
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


def _bounds(kind: str, attr: str) -> tuple[float, float]:
    if kind == "team":
        return team_inputs.bounds(attr)
    if kind == "param":
        from orgsim.config import Parameters

        meta = {f.name: f.metadata.get("range", (None, None))
                for f in dataclasses.fields(Parameters)}
        lo, hi = meta[attr]
        return float(lo), float(hi)
    return 0.0, 1.0


def _holder_key(model: OrgModel, rows: np.ndarray) -> np.ndarray:
    """An identity of the person holding each row (constant while they stay; -1 if vacant).

    The holder's unique id where the model keeps one per row, else tenure minus week.
    """
    ws = model.workforce
    uid = getattr(model, "_uid", None)
    key = uid[rows] if uid is not None else ws.tenure[rows] - int(model.week)
    return np.where(ws.status[rows] == Status.VACANT, -(10**9), key)


def _array(model: OrgModel, effect: Effect) -> np.ndarray:
    if effect.kind == "team":
        return getattr(model.teams, effect.attr)  # type: ignore[no-any-return]
    if effect.kind == "person":
        return getattr(model.workforce, effect.attr)  # type: ignore[no-any-return]
    raise ValueError(effect.kind)


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
        ledger: ``(week, intervention, eur)`` intervention costs (see interventions.py).
    """

    effects: list[Effect] = field(default_factory=list)
    actions: list[tuple[int, int, str, Callable[[OrgModel], str]]] = field(default_factory=list)
    log: list[tuple[int, str, str]] = field(default_factory=list)
    ledger: list[tuple[int, str, float]] = field(default_factory=list)
    _order: int = 0

    @classmethod
    def from_config(cls, model: OrgModel) -> Timeline:
        """The timeline of a new model: its interventions and scheduled shocks."""
        timeline = cls()
        for shock in getattr(model.config, "shocks", ()) or ():
            timeline.schedule_event(shock.week, shock.event, team=shock.team,
                                    strength=shock.strength)
        if getattr(model.config, "interventions", None):
            from orgsim.interventions import schedule_interventions

            schedule_interventions(model.config, timeline)
        return timeline

    # -- building
    def add(self, effect: Effect, model: OrgModel | None = None) -> Effect:
        """Register ``effect``; with ``model``, apply this week's strength at once."""
        effect.delta = np.asarray(effect.delta, dtype=float)
        effect.index = np.asarray(effect.index, dtype=np.int64)
        shape = effect.index.shape if effect.kind != "param" else ()
        effect.applied = np.zeros(shape)
        if effect.kind == "person" and model is not None:
            effect.holders = _holder_key(model, effect.index)
        self.effects.append(effect)
        if model is not None:
            self._set(model, effect, model.week)
        return effect

    def at(self, week: int, label: str, action: Callable[[OrgModel], str]) -> None:
        """Run ``action(model)`` at the start of ``week`` (in the order added)."""
        self._order += 1
        self.actions.append((week, self._order, label, action))
        self.actions.sort(key=lambda a: (a[0], a[1]))

    def schedule_event(self, week: int, name: str, *, team: int | None = None,
                       strength: float = 1.0) -> None:
        """Fire event ``name`` at the start of ``week`` (a scheduled shock)."""
        check_event(name, strength)

        def fire(model: OrgModel) -> str:
            return _fire(model, name, team, strength)

        self.at(week, f"event:{name}", fire)

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
            same = _holder_key(model, effect.index) == effect.holders
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


# --------------------------------------------------------------------------- helpers
def event_rng(model: OrgModel, name: str, salt: int = 0) -> np.random.Generator:
    """A generator for an event's chance elements, seeded by (seed, week, event).

    Keeps ``model.rng`` untouched, so models that differ only in their events keep drawing
    the same random numbers for everything else (common random numbers).
    """
    return streams.event(model.seed, model.week, _EVENT_CODE.get(name, 0), salt)


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


def _teams(model: OrgModel, team: int | None) -> np.ndarray:
    if team is None:
        return np.arange(model.teams.size)
    return np.array([team], dtype=np.int64)


def _where(model: OrgModel, team: int | None) -> str:
    return "the whole organisation" if team is None else f"team {team}"


def _members(model: OrgModel, teams: np.ndarray) -> np.ndarray:
    return np.isin(model.workforce.team, teams)


# --------------------------------------------------------------------------- the events
def reorganisation(model: OrgModel, team: int | None = None, strength: float = 1.0) -> str:
    """A reorganisation: roles, goals and priorities become unclear and shift for months.

    Assumption (order of magnitude; restructuring raises role ambiguity and job insecurity
    and lowers well-being for months - de Jong et al. 2016, systematic review): role
    ambiguity +0.25, priority churn +0.30 and psychological safety -0.10 (uncertainty about
    one's job), full for 13 weeks, then fading over 26 weeks. Raises hindrance demands at
    once; exhaustion and complaints follow within weeks.
    """
    teams, s, week = _teams(model, team), strength, model.week
    tl = timeline_of(model)
    for attr, delta in (("role_ambiguity", 0.25), ("priority_churn", 0.30),
                        ("psychological_safety", -0.10)):
        tl.add(Effect("reorganisation", "team", attr, teams, np.array(s * delta), week,
                      hold=13, fade=26), model)
    return (f"Reorganisation in {_where(model, team)}: roles and priorities unclear for "
            f"about 3 months, settling over the next 6.")


def crunch_deadline(model: OrgModel, team: int | None = None, strength: float = 1.0) -> str:
    """A crunch deadline: 30% more work and less recovery time for 6 weeks, then it ends.

    Assumption: the deadline brings overtime and after-hours messages (recovery policy
    -0.2) on top of the extra work; when it passes, the work returns to normal at once
    (the exhaustion it caused recovers only gradually, through the energy mechanism).
    """
    teams, s, week = _teams(model, team), strength, model.week
    tl = timeline_of(model)
    tl.add(Effect("crunch_deadline", "team", "workload", teams,
                  0.30 * s * model.teams.workload[teams], week, hold=6), model)
    tl.add(Effect("crunch_deadline", "team", "recovery_policy", teams, np.array(-0.2 * s),
                  week, hold=6), model)
    return f"Crunch deadline in {_where(model, team)}: 30% more work for 6 weeks."


def key_colleague_drops_out(model: OrgModel, team: int | None = None,
                            strength: float = 1.0) -> str:
    """A key colleague leaves suddenly (another job, long-term leave for other reasons).

    Who: the present, fully working non-leader with the highest person-task fit x
    engagement (the one others lean on); with ``team=None`` a team is drawn by the event's
    own generator. The position becomes vacant and is refilled by the hiring mechanism
    (vacancy time, then onboarding), so the team's work is spread over fewer people
    meanwhile (the domino effect). Assumption: the knowledge that leaves with them adds role
    ambiguity +0.15 x strength for 4 weeks, fading over 8.
    """
    ws = model.workforce
    cand = (ws.status == Status.WORKING) & (ws.role != Role.LEADER) & (ws.hours >= 1.0)
    if team is None:
        options = np.unique(ws.team[cand])
        if len(options) == 0:
            return "Nobody could drop out: no colleague is at work."
        team = int(event_rng(model, "key_colleague_drops_out").choice(options))
    cand &= ws.team == team
    if not cand.any():
        return f"Nobody in team {team} could drop out: no colleague is at work."
    score = np.where(cand, ws.fit * ws.engagement, -np.inf)
    row = int(np.argmax(score))
    model.vacate(np.array([row]))
    ws.relief[row] = 0.0
    ws.relief_left[row] = 0
    ws.weeks_in_status[row] = 0
    ws.episode_weeks[row] = -1
    timeline_of(model).add(Effect("key_colleague_drops_out", "team", "role_ambiguity",
                                  np.array([team]), np.array(0.15 * strength), model.week,
                                  hold=4, fade=8), model)
    return (f"A key colleague in team {team} dropped out; the position is vacant and the "
            f"team carries the work until it is filled.")


#: Weeks a temporary extra hand stays when a team has no vacancy (assumption: 6 months).
TEMP_HIRE_WEEKS = 26


def new_hire(model: OrgModel, team: int | None = None, strength: float = 1.0) -> str:
    """A new colleague starts: a vacancy is filled now instead of after the usual wait.

    Where: the given team, else the team with most vacancies. The new hire goes through
    onboarding (starting at ``hiring.new_hire_productivity``), so relief comes gradually.
    If the team has no vacancy, a temporary extra hand joins for 26 weeks: the team's
    staffing buffer grows by one position's share (x strength), ramping up over the
    onboarding period (assumption).
    """
    ws, cfg = model.workforce, model.config
    vacant = ws.status == Status.VACANT
    if team is None:
        per_team = np.bincount(ws.team[vacant], minlength=model.teams.size)
        team = int(np.argmax(per_team))
    rows = np.flatnonzero(vacant & (ws.team == team))
    if len(rows):
        model.fill(rows[:1], event_rng(model, "new_hire"))
        return f"A new colleague started in team {team} (onboarding for a few months)."
    share = strength / max(int(model.teams.positions[team]), 1)
    timeline_of(model).add(Effect("new_hire", "team", "staffing_buffer", np.array([team]),
                                  np.array(share), model.week, hold=TEMP_HIRE_WEEKS,
                                  ramp=cfg.hiring.onboarding_weeks), model)
    return f"A temporary extra colleague joined team {team} for about 6 months."


def budget_cut(model: OrgModel, team: int | None = None, strength: float = 1.0) -> str:
    """A budget cut: positions frozen while the work stays, less development and coaching.

    Assumption: the work of about 8% of positions is spread over the rest (team workload
    +8% x strength; equivalent in the load mechanism to cutting positions without cutting
    work), development -0.15 and coaching -0.10; for a year, then restored over 26 weeks.
    """
    teams, s, week = _teams(model, team), strength, model.week
    tl = timeline_of(model)
    tl.add(Effect("budget_cut", "team", "workload", teams,
                  0.08 * s * model.teams.workload[teams], week, hold=52, fade=26), model)
    for attr, delta in (("development", -0.15), ("coaching", -0.10)):
        tl.add(Effect("budget_cut", "team", attr, teams, np.array(s * delta), week,
                      hold=52, fade=26), model)
    return (f"Budget cut in {_where(model, team)}: same work with fewer positions and less "
            f"development and coaching for a year.")


#: Share of staff out during an absence wave (x strength), and the range of weeks out.
WAVE_SHARE = 0.15
WAVE_WEEKS = (1, 3)


def absence_wave(model: OrgModel, team: int | None = None, strength: float = 1.0) -> str:
    """A wave of (non-burn-out) absence, e.g. flu: 15% of staff out for 1-3 weeks.

    Who and for how long are drawn by the event's own generator among fully working
    non-leaders. Those out work 0 hours (no capacity, no drain; they are not counted as
    burn-out absence), so their colleagues carry the team's work (domino effect); hours are
    restored when their weeks are over. Assumption: Dutch seasonal flu order of magnitude.
    """
    ws = model.workforce
    cand = ((ws.status == Status.WORKING) & (ws.role != Role.LEADER) & (ws.hours >= 1.0)
            & _members(model, _teams(model, team)))
    rows = np.flatnonzero(cand)
    rng = event_rng(model, "absence_wave")
    out = rows[rng.random(len(rows)) < min(WAVE_SHARE * strength, 1.0)]
    weeks = rng.integers(WAVE_WEEKS[0], WAVE_WEEKS[1] + 1, len(out))
    ws.hours[out] = 0.0
    tl = timeline_of(model)
    for w in np.unique(weeks):
        back = out[weeks == w]

        def restore(m: OrgModel, back: np.ndarray = back) -> str:
            wsm = m.workforce
            ok = back[(wsm.status[back] == Status.WORKING) & (wsm.hours[back] == 0.0)]
            wsm.hours[ok] = 1.0
            return f"{len(ok)} colleagues back after the absence wave"

        tl.at(model.week + int(w), "absence_wave:return", restore)
    return f"Absence wave in {_where(model, team)}: {len(out)} colleagues out for 1-3 weeks."


_HANDLERS: dict[str, Callable[..., str]] = {
    Event.REORGANISATION.value: reorganisation,
    Event.CRUNCH_DEADLINE.value: crunch_deadline,
    Event.KEY_COLLEAGUE_DROPS_OUT.value: key_colleague_drops_out,
    Event.NEW_HIRE.value: new_hire,
    Event.BUDGET_CUT.value: budget_cut,
    Event.ABSENCE_WAVE.value: absence_wave,
}


def apply_event(model: OrgModel, name: str | Event, *, team: int | None = None,
                strength: float = 1.0) -> str:
    """Fire event ``name`` on ``model`` now (it acts from the next simulated week on).

    Args:
        model: the running model.
        name: an :class:`Event` or its value (see :data:`EVENTS`).
        team: team index, or ``None`` for the whole organisation (for a person-level event,
            a team chosen by the event).
        strength: scales the event's size (1 = as documented; allowed 0..3).

    Returns:
        A short human-readable description of what happened.

    Raises:
        ConfigError: for an unknown event, team index or strength.
    """
    key = name.value if isinstance(name, Event) else str(name)
    text = _fire(model, key, team, strength)
    timeline_of(model).log.append((model.week, f"event:{key}", text))
    return text


def _fire(model: OrgModel, key: str, team: int | None, strength: float) -> str:
    check_event(key, strength, team, model.teams.size)
    return _HANDLERS[key](model, team=None if team is None else int(team), strength=strength)


def describe_events() -> list[dict[str, Any]]:
    """Rows (name, description, assumption) for docs and the app."""
    return [{"name": k, "description": v,
             "assumption": (_HANDLERS[k].__doc__ or "").strip()} for k, v in EVENTS.items()]
