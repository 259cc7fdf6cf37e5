"""Intervention: embrace the canary in the mine - each new burn-out case reviews the team's work."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from orgsim import team_inputs
from orgsim.config import InterventionConfig
from orgsim.interventions.base import Intervention, Option, target_teams
from orgsim.state import Status
from orgsim.team_inputs import Variation
from orgsim.timeline import Effect
from orgsim.week.context import Component, WeekContext
from orgsim.week.flows import SickLeaveOnset

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel
    from orgsim.state import Teams

#: The team inputs a review can find out of line: those the MT report names as pressure
#: points (a ``pressure`` sign in :mod:`orgsim.team_inputs`), in registry order.
PRESSURE_INPUTS = team_inputs.PRESSURE_INPUTS

#: Weeks over which a review's improvements are made (agreed in the conversation, then done).
REVIEW_RAMP = 4


def adverse_deviations(teams: Teams) -> np.ndarray:
    """How far each pressure point of each team is adversely out of line with the mean of
    the teams (rows: :data:`PRESSURE_INPUTS`, columns: teams; > 0 = worse than the mean),
    as the MT report's pressure points (:func:`orgsim.team_inputs.adverse_deviations`)."""
    return team_inputs.adverse_deviations({inp.name: getattr(teams, inp.name)
                                           for inp in PRESSURE_INPUTS})


class CanaryWatch(Component):
    """Learns of this week's new burn-out cases (``ctx.new_episode_rows``, written by
    :class:`~orgsim.week.flows.SickLeaveOnset`) for a canary review; inserted into
    ``model.schedule`` right after that component while the review policy is in force."""

    name = "canary review: new cases"

    def __init__(self, on_cases: Callable[[WeekContext, np.ndarray], None]) -> None:
        self.on_cases = on_cases

    def step(self, ctx: WeekContext) -> None:
        if len(ctx.new_episode_rows):
            self.on_cases(ctx, ctx.new_episode_rows)


class CanaryReview(Intervention):
    """Embrace the canary in the mine (NIP manifesto): a burn-out case is a signal about the
    team's work, not only an individual matter.

    While in force, every new burn-out case (onset of a sick-leave episode, relapses
    included) in a target team triggers a review of that team's work organisation: after
    ``delay_weeks`` (4: a conversation with the team), the ``points`` (2) team inputs that
    stand out most adversely against the mean of the teams (the MT report's pressure
    points: workload, unclear roles, strained relations, little autonomy, recognition,
    colleague or leader support; :func:`adverse_deviations`) are improved by ``step`` x
    strength (0.1 on 0..1 levels; workload by 10% of the team's level), built up over
    ``REVIEW_RAMP`` = 4 weeks, held for ``review_weeks`` (52), then fading over
    ``fade_weeks``. A team with a review pending or in force is not reviewed again for a
    further case. Stated assumptions of plausible order (organisation-directed changes made
    with the team; combined programmes last 12 months or more, Awa et al. 2010); the change
    itself is assumed to be made within existing means. Cost per review:
    ``cost_fixed_eur`` (facilitator fee; default EUR 1,500) + ``cost_per_person_eur`` per
    filled position in the team (default 4 h of team time at EUR 60/h = EUR 240), booked in
    the week of the review.
    """

    name = "canary_review"
    level = "cycle"
    summary = "each new burn-out case triggers a review of the team's work"
    options = {
        "delay_weeks": Option("weeks from a new case to the review (a conversation with the "
                              "team)", default=4, range=(1, 52)),
        "step": Option("improvement of each pressure point at strength 1 (0..1 levels; "
                       "relative for workload)", default=0.1, range=(0.0, 1.0)),
        "points": Option("pressure points improved per review", default=2,
                         range=(1, len(PRESSURE_INPUTS))),
        "review_weeks": Option("weeks each improvement holds, then it fades over fade_weeks",
                               default=52, range=(1, 520)),
    }

    def start(self, model: OrgModel, label: str, ic: InterventionConfig) -> str:
        delay = int(self.option(ic, "delay_weeks"))
        step = ic.strength * float(self.option(ic, "step"))
        points = int(self.option(ic, "points"))
        hold = int(self.option(ic, "review_weeks"))
        ramp = min(REVIEW_RAMP, hold - 1)
        watched = np.zeros(model.teams.size, dtype=bool)
        watched[target_teams(model, ic)] = True
        busy_until = np.full(model.teams.size, -1)  # a review pending or in force until then
        end = model.week + ic.duration_weeks

        def review(team: int, case_week: int) -> Callable[[OrgModel], str]:
            def act(m: OrgModel) -> str:
                dev = adverse_deviations(m.teams)[:, team]
                chosen = np.argsort(-dev, kind="stable")[:points]
                done = []
                for k in chosen:
                    inp = PRESSURE_INPUTS[int(k)]
                    assert inp.pressure is not None
                    level = float(getattr(m.teams, inp.name)[team])
                    size = step * (level if inp.variation is Variation.LOG_NORMAL else 1.0)
                    m.timeline.add(Effect(label, "team", inp.name, np.array([team]),
                                          np.array(-inp.pressure.sign * size), m.week,
                                          hold=hold - ramp, fade=ic.fade_weeks, ramp=ramp), m)
                    done.append(inp.name)
                staff = int(np.count_nonzero((m.workforce.team == team)
                                             & (m.workforce.status != Status.VACANT)))
                eur = ic.cost_fixed_eur + ic.cost_per_person_eur * staff
                m.timeline.record_cost(m.week, label, eur)
                return (f"{label}: review of team {team} after a burn-out case in week "
                        f"{case_week}: improving {', '.join(done)}; cost EUR {eur:,.0f}")

            return act

        def on_cases(ctx: WeekContext, rows: np.ndarray) -> None:
            for team in np.unique(ctx.workforce.team[rows]).tolist():
                if not watched[team] or busy_until[team] > ctx.week:
                    continue
                busy_until[team] = ctx.week + delay + hold
                ctx.model.timeline.at(ctx.week + delay, f"{label}:review",
                                      review(team, ctx.week))

        watch = CanaryWatch(on_cases)
        after = next(i for i, c in enumerate(model.schedule) if isinstance(c, SickLeaveOnset))
        model.schedule.insert(after + 1, watch)

        def stop(m: OrgModel) -> str:
            if watch in m.schedule:
                m.schedule.remove(watch)
            return f"{label}: no more reviews of new cases"

        model.timeline.at(end, f"{label}:end", stop)
        teams = ", ".join(map(str, np.flatnonzero(watched)))
        where = "all teams" if ic.target == "all" else f"teams {teams}"
        return (f"{label}: each new burn-out case in {where} triggers a review of the team's "
                f"work after {delay} weeks, until week {end}")
