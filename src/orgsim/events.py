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

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from orgsim import streams
from orgsim import timeline as _timeline
from orgsim.config import ConfigError
from orgsim.state import Role, Status
from orgsim.timeline import TEAM_BOUNDS, Effect, timeline_of

__all__ = ["EVENTS", "TEAM_BOUNDS", "Effect", "Event", "Timeline", "apply_event",
           "check_event", "describe_events", "timeline_of"]

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
class Timeline(_timeline.Timeline):
    """:class:`orgsim.timeline.Timeline` with a run's scheduled shocks and interventions."""

    @classmethod
    def from_config(cls, model: OrgModel) -> _timeline.Timeline:
        """The timeline of a new model: its interventions and scheduled shocks."""
        timeline = cls()
        for shock in getattr(model.config, "shocks", ()) or ():
            timeline.schedule_event(shock.week, shock.event, team=shock.team,
                                    strength=shock.strength)
        if getattr(model.config, "interventions", None):
            from orgsim.interventions import schedule_interventions

            schedule_interventions(model.config, timeline)
        return timeline

    def schedule_event(self, week: int, name: str, *, team: int | None = None,
                       strength: float = 1.0) -> None:
        """Fire event ``name`` at the start of ``week`` (a scheduled shock)."""
        check_event(name, strength)

        def fire(model: OrgModel) -> str:
            return _fire(model, name, team, strength)

        self.at(week, f"event:{name}", fire)


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
