"""Flows between statuses: burn-out sick leave, the return to work, leaving and hiring.

Sources and assumptions are in :mod:`orgsim.dynamics.absence`, ``turnover`` and ``hiring``.
A setback during a graded return continues the episode; a relapse is a new episode within
the relapse window after a full return (Koopmans et al. 2011).
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics import absence, hiring, turnover
from orgsim.state import Status
from orgsim.streams import Draw, Purpose
from orgsim.week.context import Component, WeekContext


class SickLeaveOnset(Component):
    """Burn-out sick leave (``absence.persistent_weeks``, ``absence.onset``): after weeks
    with the BAT total above the clinical threshold, a person at work may drop out. Counts
    new episodes and relapses; each episode gets its own recovery pace
    (``absence.episode_pace``). Writes ``status``, ``hours`` and the episode counters."""

    name = "burn-out sick leave"

    def step(self, ctx: WeekContext) -> None:
        workforce, params, status, flows = ctx.workforce, ctx.params, ctx.status, ctx.flows
        workforce.high_weeks[:] = absence.persistent_weeks(
            workforce.high_weeks,
            ctx.present & (workforce.bat_total() >= params.clinical_threshold))
        # performance: only those who would drop out with the lowest draw (0) draw at all
        # (keyed draws: each gets the number it would get if everybody drew)
        at_risk = np.flatnonzero(absence.onset(
            workforce.high_weeks, workforce.energy, ctx.present, np.zeros(1),
            onset_weeks=params.onset_weeks, hazard=params.onset_hazard))
        sick = at_risk[absence.onset(workforce.high_weeks[at_risk], workforce.energy[at_risk],
                                     ctx.present[at_risk], ctx.uniform(Draw.ONSET, at_risk),
                                     onset_weeks=params.onset_weeks,
                                     hazard=params.onset_hazard)]
        episode_rows = sick[status[sick] != Status.REINTEGRATING]
        since = workforce.since_return[episode_rows]
        flows.new_cases = len(episode_rows)
        flows.relapses = int(np.count_nonzero(
            (since >= 0) & (since <= params.relapse_window_weeks)))
        if len(sick):
            workforce.episode_weeks[episode_rows] = 0
            workforce.recovery_speed[sick] = absence.episode_pace(
                ctx.normal_pair(Draw.RECOVERY_PACE, sick)[0], params.recovery_spread)
            workforce.episodes[episode_rows] += 1
            workforce.since_return[sick] = -1
            workforce.high_weeks[sick] = 0
        status[sick] = Status.SICK_LEAVE
        workforce.hours[sick] = 0.0
        ctx.new_sick_rows, ctx.new_episode_rows = sick, episode_rows


class ReturnToWork(Component):
    """The return to work (``absence.ready_to_return``, ``absence.graded_hours``): people on
    sick leave whose energy has recovered start a graded return with suitable work (load
    relief; with a relational return more relief, for longer); hours build up to full,
    then they are fully back. Writes ``status``, ``hours``, ``relief``, ``relief_left``,
    ``since_return``; logs each ended episode."""

    name = "graded return to work"

    def step(self, ctx: WeekContext) -> None:
        workforce, params, status, model = ctx.workforce, ctx.params, ctx.status, ctx.model
        policy, relational = ctx.config.absence, ctx.relational_return
        sick = ctx.sick_rows  # on sick leave since before this week
        back = sick[absence.ready_to_return(
            workforce.energy[sick], workforce.weeks_in_status[sick],
            return_energy=params.return_energy,
            min_weeks=params.min_sick_weeks)]
        returning = np.flatnonzero(status == Status.REINTEGRATING)  # not those ill again
        workforce.hours[returning] = absence.graded_hours(
            workforce.hours[returning], policy.reintegration_start_hours,
            policy.reintegration_weeks)
        full = returning[workforce.hours[returning] >= 1.0]
        status[back] = Status.REINTEGRATING
        workforce.hours[back] = policy.reintegration_start_hours
        workforce.relief[back] = params.relational_relief if relational else params.return_relief
        workforce.relief_left[back] = policy.reintegration_weeks + (
            params.relational_relief_weeks if relational else 0)
        status[full] = Status.WORKING
        workforce.since_return[full] = 0
        ctx.flows.returns = len(full)
        if ctx.record:
            for row in full:
                model.log_episode(int(row), "returned")
        workforce.episode_weeks[full] = -1
        ctx.returned_rows, ctx.full_return_rows = back, full


class Turnover(Component):
    """Leaving (``turnover.quit_probability``): voluntary quitting, more likely with low
    engagement, and the end of the contract after ``absence.max_sick_weeks`` of sick leave.
    The positions become vacant (:meth:`~orgsim.model.OrgModel.vacate`). Counts the leavers
    attributed to burn-out (``flows.burnout_leavers``: the long-term absent plus
    ``turnover.excess_share`` of each quit; for the costs only, no draw).

    Performance: only people whose draw is below the highest possible quit probability
    (engagement 0 or 1) can quit, so the probability is computed for those few only.
    """

    name = "turnover"

    def step(self, ctx: WeekContext) -> None:
        workforce, params, status = ctx.workforce, ctx.params, ctx.status
        draw = ctx.uniform(Draw.QUIT)
        ceiling = turnover.quit_probability(
            np.array([0.0, 1.0]), rate_per_year=params.quit_rate_per_year,
            engagement_effect=params.quit_engagement).max()
        maybe = np.flatnonzero(draw < ceiling * (1.0 + 1e-9))
        maybe = maybe[status[maybe] == Status.WORKING]
        chance = turnover.quit_probability(
            workforce.engagement[maybe], rate_per_year=params.quit_rate_per_year,
            engagement_effect=params.quit_engagement)
        quits = draw[maybe] < chance
        maybe, chance = maybe[quits], chance[quits]
        leavers = np.zeros(workforce.size, dtype=bool)
        leavers[maybe] = True
        leavers[ctx.full_return_rows] = False  # nobody quits in the week they are back
        on_leave = np.flatnonzero(status == Status.SICK_LEAVE)
        too_long = workforce.episode_weeks[on_leave] >= ctx.config.absence.max_sick_weeks
        leavers[on_leave[too_long]] = True
        # attributed to burn-out (costs only): the long-term absent, the excess of the quits
        ctx.flows.burnout_leavers = float(np.count_nonzero(too_long)) + float(
            turnover.excess_share(chance[leavers[maybe]],
                                  rate_per_year=params.quit_rate_per_year).sum())
        rows = np.flatnonzero(leavers)
        if ctx.record:
            for row in rows[workforce.episode_weeks[rows] >= 0]:
                ctx.model.log_episode(int(row), "left")
        ctx.model.vacate(rows)
        ctx.flows.leavers = len(rows)
        ctx.leaver_rows = rows


class Hiring(Component):
    """Hiring (``hiring.filled``): vacancies from before this week are filled after a
    geometric wait; new people are drawn (:meth:`~orgsim.model.OrgModel.fill`) and start
    onboarding."""

    name = "hiring"

    def step(self, ctx: WeekContext) -> None:
        vacant = np.flatnonzero(ctx.vacant)  # only vacancies draw (keyed: the same numbers)
        rows = vacant[hiring.filled(ctx.vacant[vacant], ctx.uniform(Draw.VACANCY_FILLED, vacant),
                                    mean_weeks=ctx.config.hiring.vacancy_weeks)]
        if len(rows):
            ctx.model.fill(rows, ctx.weekly_stream(Purpose.NEW_HIRES))
        ctx.flows.hires = len(rows)
        ctx.hired_rows = rows


class TimeInStatus(Component):
    """Counters: tenure, weeks in the current status, onboarding, the current episode's
    length and the weeks since a full return."""

    name = "counters"

    def step(self, ctx: WeekContext) -> None:
        workforce = ctx.workforce
        workforce.tenure += ctx.status != Status.VACANT
        workforce.weeks_in_status += 1
        for changed in (ctx.new_sick_rows, ctx.returned_rows, ctx.full_return_rows,
                        ctx.leaver_rows, ctx.hired_rows):
            workforce.weeks_in_status[changed] = 0
        onboarding = np.flatnonzero(workforce.onboarding_left)
        workforce.onboarding_left[onboarding] = np.maximum(
            workforce.onboarding_left[onboarding] - 1, 0)
        workforce.episode_weeks += workforce.episode_weeks >= 0
        workforce.since_return += workforce.since_return >= 0
