"""The psychological mechanisms of the week, in the order they run.

Each component calls the pure functions of one module of :mod:`orgsim.dynamics` (where
the sources and stated assumptions are) on the whole organisation at once: team levels
are gathered per position with ``array[workforce.team]`` and combined with each person's own
job (share of the work, autonomy, role clarity, leader attention).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from orgsim.config import ReturnToWork
from orgsim.dynamics import (
    absence,
    burnout,
    contagion,
    demands,
    energy,
    engagement,
    job,
    leadership,
    outside_work,
    resources,
    spirals,
    training,
)
from orgsim.state import PERSONAL_RESOURCES
from orgsim.streams import Draw
from orgsim.week.context import Component, WeekContext


class ScheduledChanges(Component):
    """Interventions and events due this week change the mechanisms' inputs
    (:class:`~orgsim.events.Timeline`): team demands and resources, people's hours, who
    holds a position. They act on this week's step."""

    name = "scheduled changes"

    def step(self, ctx: WeekContext) -> None:
        ctx.model.timeline.start_week(ctx.model)


class TakeStock(Component):
    """Who is at work, on leave or vacant at the start of the week, and the week's draws
    from the main random stream (:meth:`WeekContext.take_stock`)."""

    name = "take stock"

    def step(self, ctx: WeekContext) -> None:
        ctx.take_stock()


class BusyPeriods(Component):
    """Busy and quiet periods of each team's workload (``demands.workload_fluctuation``,
    an AR(1) multiplier around 1). Writes ``teams.workload_shock``."""

    name = "busy and quiet periods"

    def step(self, ctx: WeekContext) -> None:
        teams, params = ctx.teams, ctx.params
        teams.workload_shock[:] = demands.workload_fluctuation(
            teams.workload_shock, ctx.normal_pair(Draw.BUSY_PERIODS, teams.size)[0],
            sd=params.workload_shock_sd, persistence=params.workload_shock_persistence)


class OutsideWork(Component):
    """Life outside work: demanding life events come and go (``outside_work``); with
    informal caregiving they make the outside-work load. Writes ``life_event``,
    ``life_event_left``, ``ctx.outside``."""

    name = "outside work"

    def step(self, ctx: WeekContext) -> None:
        workforce, people = ctx.workforce, ctx.config.people
        workforce.life_event_left[:], workforce.life_event[:] = outside_work.life_event_countdown(
            workforce.life_event_left, workforce.life_event)
        starts = outside_work.life_event_starts(
            (workforce.life_event_left > 0) | ctx.vacant, ctx.uniform(Draw.LIFE_EVENT_START),
            events_per_year=people.life_events_per_year)
        rows = np.flatnonzero(starts)
        if len(rows):
            workforce.life_event_left[rows] = outside_work.life_event_length(
                ctx.uniform(Draw.LIFE_EVENT_LENGTH, rows), people.life_event_weeks)
            workforce.life_event[rows] = people.life_event_load
        ctx.outside = outside_work.outside_load(workforce.caregiving, workforce.life_event)


class LeaderPresence(Component):
    """How much of each team's leader style is felt this week (``leadership.presence_factor``:
    less when the leader is absent or exhausted). Leaders' own "leader" is higher
    management. Writes ``ctx.leadership_felt``, ``ctx.management_support``."""

    name = "leader presence"

    def step(self, ctx: WeekContext) -> None:
        workforce, teams = ctx.workforce, ctx.teams
        rows = teams.leader_row
        ctx.leadership_felt = leadership.presence_factor(
            ctx.present[rows], workforce.energy[rows],
            absent_factor=ctx.params.absent_leader_factor)
        ctx.management_support = np.full(teams.size, float(ctx.config.org.management_support))


@dataclass(frozen=True)
class TeamLoad:
    """This week's load of each team, before it is shared out among people.

    Attributes:
        productivity: per position, productivity by onboarding (1 = fully onboarded).
        relief_factor: per position, 1 - relief for members, 1 for leaders (a leader's
            relief does not lower the team load they carry; their capacity does not count).
        ratio: per team, work over the capacity of the members present (the domino effect,
            ``demands.team_load_ratio``).
        leader_load: per team, the leader's load (``demands.leader_load``).
        available: per team, the share of time left for core work (``demands.available_time``).
    """

    productivity: np.ndarray
    relief_factor: np.ndarray
    ratio: np.ndarray
    leader_load: np.ndarray
    available: np.ndarray


def team_load(ctx: WeekContext) -> TeamLoad:
    """The team-level part of :class:`WorkDemands` (also used by the fused kernel's
    component, :class:`orgsim.week.kernel.PeopleWeek`)."""
    workforce, teams, params = ctx.workforce, ctx.teams, ctx.params
    team, n_teams = workforce.team, teams.size
    weeks_on = ctx.config.hiring.onboarding_weeks
    productivity = ctx.model.productivity_table()[
        np.clip(workforce.onboarding_left, 0, weeks_on)]
    relief_factor = 1.0 - workforce.relief * ctx.member_f
    capacity = workforce.hours * productivity * relief_factor * ctx.present_member_f
    workload = teams.workload * teams.workload_shock
    team_work = workload * teams.positions * (1.0 - teams.staffing_buffer)
    ratio = demands.team_load_ratio(team_work, capacity, team, n_teams)
    absent_members = np.flatnonzero(ctx.member & ~ctx.present)
    members_present = ctx.members - np.bincount(team[absent_members], minlength=n_teams)
    absent_share = 1.0 - members_present / np.maximum(teams.positions, 1)
    return TeamLoad(productivity, relief_factor, ratio,
                    demands.leader_load(workload, absent_share, params.leader_absence_load),
                    demands.available_time(teams.bureaucracy, teams.parallel_priorities,
                                           teams.switch_cost))


class WorkDemands(Component):
    """Job demands as each person perceives them (``demands``): their share of the team's
    work over the capacity of the people present (the domino effect), as time pressure;
    the part beyond what a person can stretch to is left undone
    (``demands.absorbed_pressure``); hindrance demands with the person's own role
    ambiguity, misfit, assertiveness and the loss spiral in appraisal. Writes
    ``ctx.productivity``, ``ctx.pressure`` (taken on), ``ctx.hindrance`` (+ parts),
    ``ctx.safety``, ``ctx.demand`` and the state's ``demand`` and ``work_undone``."""

    name = "work demands"

    def step(self, ctx: WeekContext) -> None:
        workforce, teams, params = ctx.workforce, ctx.teams, ctx.params
        team, member = workforce.team, ctx.member
        load = team_load(ctx)
        asked = demands.time_pressure(
            demands.person_load(member, load.ratio[team], workforce.task_share,
                                load.leader_load[team], load.relief_factor),
            load.available[team])
        pressure = demands.absorbed_pressure(asked, max_overtime=params.max_overtime)
        np.multiply(demands.work_left_undone(asked, pressure), ctx.present_f,
                    out=workforce.work_undone)
        clarity = leadership.style_reaching(
            teams.lead_clarity[team], ctx.leadership_felt[team] * workforce.leader_attention,
            member, ctx.management_support[team])
        ambiguity = job.own_level(teams.role_ambiguity[team], workforce.ambiguity_own)
        parts = demands.hindrance_parts(ambiguity, teams.priority_churn[team],
                                        teams.relational_strain[team], clarity,
                                        teams.collaboration[team])
        hindrance = demands.hindrance_total(parts)
        safety = teams.psychological_safety[team]
        # a person-directed course helps people say when they are full (dynamics/training.py)
        assertiveness = training.applied_resource(workforce.assertiveness, workforce.training)
        demand = demands.perceived_demand(
            pressure, hindrance, ctx.outside, workforce.fit, assertiveness, safety,
            workforce.exhaustion,
            overload_penalty=params.overload_penalty,
            overload_softness=params.overload_softness,
            hindrance_weight=params.hindrance_weight,
            outside_weight=params.outside_weight, misfit_weight=params.misfit_weight,
            assertiveness_effect=params.assertiveness_effect, appraisal_loss=params.appraisal_loss)
        np.multiply(demand, ctx.present_f, out=workforce.demand)
        ctx.productivity, ctx.pressure, ctx.hindrance = load.productivity, pressure, hindrance
        ctx.hindrance_parts, ctx.safety, ctx.demand = parts, safety, demand


class JobResources(Component):
    """Job resources available to each person (``resources``): their own autonomy (the
    team's, shifted by role and job crafting), support from the colleagues around them
    (``resources.colleague_support``, through their present contacts), the team's other
    resources and the leader style as it reaches them (presence x the attention they get),
    more in a conversation with the leader (people whose leader acted on a warning sign).
    Leaders' own leader is higher management. Writes ``ctx.job_resources``,
    ``ctx.autonomy``, ``ctx.support``, ``ctx.personal_resources`` and the state's
    ``job_resources``."""

    name = "job resources"

    def step(self, ctx: WeekContext) -> None:
        workforce, teams, params = ctx.workforce, ctx.teams, ctx.params
        team, member = workforce.team, ctx.member
        reach = ctx.leadership_felt[team] * workforce.leader_attention
        management = ctx.management_support[team]

        def lead(style: np.ndarray) -> np.ndarray:
            return leadership.style_reaching(style[team], reach, member, management)

        autonomy = job.own_level(teams.autonomy[team], workforce.autonomy_own)
        support = resources.colleague_support(
            teams.collaboration[team], teams.psychological_safety[team],
            ctx.model.present_contacts(ctx.present), half_contacts=params.support_contacts)
        participation = lead(teams.lead_participation)
        job_resources = resources.job_resources(
            autonomy, teams.feedback[team], teams.recognition[team], teams.coaching[team],
            teams.development[team], support, lead(teams.lead_support),
            lead(teams.lead_recognition), participation,
            lead(teams.lead_honest_conversation), workforce.relief_left > 0)
        workforce.job_resources[:] = job_resources
        ctx.job_resources = job_resources
        ctx.autonomy = resources.autonomy_as_felt(autonomy, participation)
        ctx.support = support
        ctx.personal_resources = workforce.personal_resources()


class Energy(Component):
    """The health-impairment process (``energy``): work drains energy, buffered by job
    resources, the person's own autonomy and colleague support, and personal resources;
    detachment after work restores it (less with overtime). People on sick leave recover
    (``absence.sick_recovery``; faster with a relational return to work); vacancies keep
    their value. Writes ``ctx.energy`` (before crossover) and the state's ``drain``."""

    name = "energy: drain and recovery"

    def step(self, ctx: WeekContext) -> None:
        workforce, teams, params = ctx.workforce, ctx.teams, ctx.params
        drain = energy.work_drain(
            ctx.demand, ctx.job_resources, ctx.autonomy, ctx.support, ctx.personal_resources,
            workforce.overcommitment, workforce.engagement, workforce.hours * ctx.present_f,
            drain_rate=params.drain_rate, resource_buffer=params.resource_buffer,
            autonomy_buffer=params.autonomy_buffer, support_buffer=params.support_buffer,
            personal_buffer=params.personal_buffer, overcommit_effort=params.overcommit_effort)
        # a person-directed course helps people stop on time and detach (dynamics/training.py)
        energy_management = training.applied_resource(workforce.energy_management,
                                                       workforce.training)
        detach = energy.detachment(
            energy_management, teams.recovery_policy[workforce.team],
            workforce.overcommitment, ctx.outside,
            demands.overload(ctx.pressure, softness=params.overload_softness),
            overcommit_detach=params.overcommit_detach)
        ctx.ups_and_downs = noise, _ = ctx.normal_pair(Draw.UPS_AND_DOWNS)
        at_work = energy.update_energy(workforce.energy, drain, detach,
                                       params.energy_noise * noise,
                                       recovery_rate=params.recovery_rate)
        workforce.drain[:] = drain
        relational = ctx.config.absence.return_to_work == ReturnToWork.RELATIONAL
        new_energy = np.where(ctx.present, at_work, workforce.energy)
        sick = ctx.sick_rows
        if len(sick):
            new_energy[sick] = absence.sick_recovery(
                workforce.energy[sick], workforce.resilience[sick],
                workforce.recovery_speed[sick], relational,
                params.energy_noise * noise[sick],
                rate=params.sick_recovery_rate, relational_gain=params.relational_recovery_gain)
        ctx.energy, ctx.relational_return = new_energy, relational


class Engagement(Component):
    """The motivational process (``engagement``): engagement moves towards a target set by
    job and personal resources (more so under high demands), lowered by exhaustion and
    hindrance demands. Writes ``ctx.engagement`` (before crossover)."""

    name = "engagement"

    def step(self, ctx: WeekContext) -> None:
        workforce, params = ctx.workforce, ctx.params
        target = engagement.engagement_target(
            ctx.job_resources, ctx.personal_resources, ctx.demand, workforce.exhaustion,
            ctx.hindrance,
            base=params.engagement_base, resources=params.engagement_resources,
            personal=params.engagement_personal, boost=params.engagement_boost,
            exhaustion_effect=params.engagement_exhaustion,
            hindrance_effect=params.engagement_hindrance)
        ctx.engagement = np.where(
            ctx.present,
            engagement.update_engagement(workforce.engagement, target,
                                         0.02 * ctx.ups_and_downs[1],
                                         rate=params.engagement_rate),
            workforce.engagement)


class Crossover(Component):
    """Crossover among colleagues at work (``contagion``): energy and engagement move
    towards the mean of one's present contacts. Writes the state's ``energy`` and
    ``engagement`` (clipped to 0..1): their values for this week."""

    name = "crossover in the team network"

    def step(self, ctx: WeekContext) -> None:
        workforce, params, present = ctx.workforce, ctx.params, ctx.present
        new_energy, new_engagement = ctx.energy, ctx.engagement
        (nb_energy, nb_engagement), _ = contagion.neighbour_means(
            ctx.model.contact_network(), present, new_energy, new_engagement,
            count=ctx.model.present_contacts(present))
        new_energy += contagion.crossover(
            new_energy, nb_energy, workforce.susceptibility, ctx.present_f,
            rate=params.crossover_rate)
        np.clip(new_energy, 0, 1, out=workforce.energy)
        new_engagement += contagion.crossover(
            new_engagement, nb_engagement, workforce.susceptibility, ctx.present_f,
            rate=params.crossover_rate)
        np.clip(new_engagement, 0, 1, out=workforce.engagement)
        ctx.energy, ctx.engagement = workforce.energy, workforce.engagement


class ResourceSpirals(Component):
    """Gain and loss spirals of the four personal resources (``spirals.resource_change``,
    COR theory), pulled back to each person's trait level; treatment during sick leave
    rebuilds them, and part of what it teaches lasts (``absence.treatment_gain``). Writes
    the four personal resources and ``trait_resources``."""

    name = "gain and loss spirals"

    def step(self, ctx: WeekContext) -> None:
        workforce, params, sick = ctx.workforce, ctx.params, ctx.sick_rows
        arr = workforce.rows(PERSONAL_RESOURCES)
        stacked = arr is None
        if arr is None:
            arr = np.stack([getattr(workforce, name) for name in PERSONAL_RESOURCES])
        change = spirals.resource_change(
            arr, workforce.trait_resources, workforce.engagement, 1.0 - workforce.energy,
            gain_rate=params.gain_rate, loss_rate=params.loss_rate, trait_pull=params.trait_pull)
        change[:, ctx.vacant] = 0.0  # employed people only
        arr += change
        if len(sick):  # individual treatment during sick leave
            arr[:, sick] += absence.treatment_gain(arr[:, sick], rate=params.treatment_rate)
        np.clip(arr, 0.0, 1.0, out=arr)
        if len(sick):
            # part of what treatment teaches lasts: the trait level the resources return to rises
            workforce.trait_resources[sick] += absence.treatment_gain(
                workforce.trait_resources[sick],
                rate=params.treatment_rate * params.treatment_lasting)
        if stacked:
            for name, values in zip(PERSONAL_RESOURCES, arr, strict=True):
                getattr(workforce, name)[:] = values


class Training(Component):
    """What a person-directed course taught fades (``training.training_fade``, half-life
    ``params.training_half_life_weeks``); it acted this week on appraisal (assertiveness in
    :class:`WorkDemands`) and detachment (energy management in :class:`Energy`). Courses
    raise it (``training.training_session``, the resilience_training intervention).
    Writes ``training``."""

    name = "training fades"

    def step(self, ctx: WeekContext) -> None:
        workforce = ctx.workforce
        workforce.training[:] = training.training_fade(
            workforce.training, half_life_weeks=ctx.params.training_half_life_weeks)


class BurnoutDimensions(Component):
    """The four BAT dimensions (``burnout.bat_dimensions``: exhaustion, mental distance,
    cognitive and emotional impairment) from energy, engagement and personal resources."""

    name = "BAT dimensions"

    def step(self, ctx: WeekContext) -> None:
        workforce = ctx.workforce
        (workforce.exhaustion[:], workforce.mental_distance[:], workforce.cognitive_impairment[:],
         workforce.emotional_impairment[:]) = burnout.bat_dimensions(
            workforce.energy, workforce.engagement, workforce.self_efficacy, workforce.resilience)


class LeaderAction(Component):
    """Leaders act on early warning signs (``leadership.notice_signals``): they notice
    exhaustion (more with signal detection and psychological safety), lower the load for
    a while and hold a conversation. Writes ``relief`` and ``relief_left``."""

    name = "leaders act on warning signs"

    def step(self, ctx: WeekContext) -> None:
        workforce, teams, params = ctx.workforce, ctx.teams, ctx.params
        relieved = np.flatnonzero(workforce.relief_left)
        if len(relieved):
            left = workforce.relief_left[relieved] - 1
            workforce.relief_left[relieved] = np.maximum(left, 0)
            workforce.relief[relieved[left == 0]] = 0.0
        team = workforce.team
        noticed = leadership.notice_signals(
            workforce.exhaustion, ctx.present & ctx.member & (workforce.relief_left == 0),
            leadership.style_reaching(
                teams.lead_signal_detection[team],
                ctx.leadership_felt[team] * workforce.leader_attention, ctx.member,
                ctx.management_support[team]), ctx.safety,
            ctx.uniform(Draw.LEADER_NOTICES), warning=params.warning_exhaustion)
        workforce.relief_left[noticed] = params.relief_weeks
        workforce.relief[noticed] = params.relief_share
