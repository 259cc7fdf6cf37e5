# The equations are typed for arrays; the kernel calls them on one person's numbers.
# mypy: disable-error-code="arg-type"
"""The fused weekly kernel: the people's part of the week in two compiled passes.

The readable schedule (:data:`orgsim.week.SCHEDULE`) runs nine person-level components one
after another, each as a dozen numpy operations over the whole workforce: work demands, job
resources, energy, engagement, crossover, gain and loss spirals, training fading, the BAT
dimensions and leaders acting on warning signs. That is ~400 numpy calls and as many
temporary arrays a week, which dominates the run time of small organisations and memory
traffic of large ones. :class:`PeopleWeek` does the same in two loops over the workforce,
compiled by numba:

1. per person: demands, job resources, drain and recovery, engagement (the values before
   crossover go to two scratch arrays);
2. per person: crossover with the present contacts' values of pass 1, then spirals,
   training, BAT dimensions and leader action on that person's final values.

There is no second copy of any formula: both passes call the ``@equation`` functions of
:mod:`orgsim.dynamics` that the components call (:mod:`orgsim.dynamics.equation`). What this
module repeats is the wiring - which state goes into which equation - and
tests/test_kernel.py checks it against the components on random states, field by field.
The team-level part (team load ratios, leader presence) stays in numpy, shared with the
components (:func:`orgsim.week.mechanisms.team_load`).

``Config.engine`` chooses: ``fused`` (default) or ``numpy`` (the component-by-component
schedule). The two agree to rounding (numba's ``exp``/``log1p`` may differ from numpy's in
the last bit); a rounding difference can flip a later random threshold, so long runs agree
statistically, not bit for bit. Each engine is deterministic.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from orgsim import streams
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
    resources,
    spirals,
    training,
)
from orgsim.state import FLOAT_FIELDS, FLOAT_ROW, Status
from orgsim.week.context import Component, WeekContext
from orgsim.week.mechanisms import (
    BurnoutDimensions,
    Crossover,
    Energy,
    Engagement,
    JobResources,
    LeaderAction,
    ResourceSpirals,
    Training,
    WorkDemands,
    team_load,
)

# Rows of the workforce's float state block (orgsim.state.FLOAT_FIELDS): compile-time
# constants of the kernel.
ENERGY = FLOAT_ROW["energy"]
ENGAGEMENT = FLOAT_ROW["engagement"]
SELF_EFFICACY = FLOAT_ROW["self_efficacy"]
RESILIENCE = FLOAT_ROW["resilience"]
ASSERTIVENESS = FLOAT_ROW["assertiveness"]
ENERGY_MANAGEMENT = FLOAT_ROW["energy_management"]
TRAIT_RESOURCES = FLOAT_ROW["trait_resources"]
OVERCOMMITMENT = FLOAT_ROW["overcommitment"]
SUSCEPTIBILITY = FLOAT_ROW["susceptibility"]
FIT = FLOAT_ROW["fit"]
EXHAUSTION = FLOAT_ROW["exhaustion"]
MENTAL_DISTANCE = FLOAT_ROW["mental_distance"]
COGNITIVE = FLOAT_ROW["cognitive_impairment"]
EMOTIONAL = FLOAT_ROW["emotional_impairment"]
HOURS = FLOAT_ROW["hours"]
DEMAND = FLOAT_ROW["demand"]
JOB_RESOURCES = FLOAT_ROW["job_resources"]
DRAIN = FLOAT_ROW["drain"]
RECOVERY_SPEED = FLOAT_ROW["recovery_speed"]
RELIEF = FLOAT_ROW["relief"]
TASK_SHARE = FLOAT_ROW["task_share"]
AUTONOMY_OWN = FLOAT_ROW["autonomy_own"]
AMBIGUITY_OWN = FLOAT_ROW["ambiguity_own"]
LEADER_ATTENTION = FLOAT_ROW["leader_attention"]
WORK_UNDONE = FLOAT_ROW["work_undone"]
TRAINING = FLOAT_ROW["training"]
#: the four personal resources, in the order of orgsim.state.PERSONAL_RESOURCES
PERSONAL_ROWS = np.array([SELF_EFFICACY, RESILIENCE, ASSERTIVENESS, ENERGY_MANAGEMENT])

#: Team-level inputs the kernel reads, in the row order of its team block.
TEAM_INPUTS = ("lead_clarity", "role_ambiguity", "priority_churn", "relational_strain",
               "collaboration", "psychological_safety", "autonomy", "feedback", "recognition",
               "coaching", "development", "lead_support", "lead_recognition",
               "lead_participation", "lead_honest_conversation", "recovery_policy",
               "lead_signal_detection")
(T_CLARITY, T_AMBIGUITY, T_CHURN, T_STRAIN, T_COLLABORATION, T_SAFETY, T_AUTONOMY,
 T_FEEDBACK, T_RECOGNITION, T_COACHING, T_DEVELOPMENT, T_LEAD_SUPPORT, T_LEAD_RECOGNITION,
 T_PARTICIPATION, T_HONEST, T_RECOVERY_POLICY, T_SIGNAL_DETECTION) = range(len(TEAM_INPUTS))
#: Rows after the inputs: this week's team load and leader presence (numpy, shared code).
T_RATIO, T_LEADER_LOAD, T_AVAILABLE, T_FELT, T_MANAGEMENT = range(len(TEAM_INPUTS),
                                                                  len(TEAM_INPUTS) + 5)

#: The components of the readable schedule that :class:`PeopleWeek` replaces, in order.
REPLACES: tuple[type[Component], ...] = (
    WorkDemands, JobResources, Energy, Engagement, Crossover, ResourceSpirals, Training,
    BurnoutDimensions, LeaderAction)

UPS_AND_DOWNS = int(streams.Draw.UPS_AND_DOWNS)
LEADER_NOTICES = int(streams.Draw.LEADER_NOTICES)
SICK_LEAVE = int(Status.SICK_LEAVE)
VACANT = int(Status.VACANT)


class KernelParams(NamedTuple):
    """The parameters the kernel uses (``Config.params``, and the return-to-work policy)."""

    max_overtime: float
    overload_penalty: float
    overload_softness: float
    hindrance_weight: float
    outside_weight: float
    misfit_weight: float
    assertiveness_effect: float
    appraisal_loss: float
    support_contacts: float
    drain_rate: float
    resource_buffer: float
    autonomy_buffer: float
    support_buffer: float
    personal_buffer: float
    overcommit_effort: float
    overcommit_detach: float
    recovery_rate: float
    energy_noise: float
    sick_recovery_rate: float
    relational_recovery_gain: float
    engagement_base: float
    engagement_resources: float
    engagement_personal: float
    engagement_boost: float
    engagement_exhaustion: float
    engagement_hindrance: float
    engagement_rate: float
    crossover_rate: float
    gain_rate: float
    loss_rate: float
    trait_pull: float
    treatment_rate: float
    treatment_lasting: float
    training_half_life_weeks: float
    warning_exhaustion: float
    relief_share: float
    relief_weeks: int
    relational: bool

    @classmethod
    def of(cls, ctx: WeekContext) -> KernelParams:
        """The kernel's parameters for this week's configuration."""
        params = ctx.params
        values = {name: getattr(params, name) for name in cls._fields[:-2]}
        return cls(**values, relief_weeks=int(params.relief_weeks),
                   relational=ctx.config.absence.return_to_work == ReturnToWork.RELATIONAL)


@njit(cache=True, error_model="numpy")
def _people_week(
    s: np.ndarray, status: np.ndarray, team: np.ndarray, relief_left: np.ndarray,
    member: np.ndarray, present: np.ndarray, t: np.ndarray, relief_factor: np.ndarray,
    outside: np.ndarray, contacts: np.ndarray, indptr: np.ndarray, indices: np.ndarray,
    key: np.uint64, week: int, p: KernelParams,
    new_energy: np.ndarray, new_engagement: np.ndarray, pressure_out: np.ndarray,
    ambiguity_out: np.ndarray, churn_out: np.ndarray, strain_out: np.ndarray,
) -> None:
    n = s.shape[1]
    # pass 1: demands, job resources, energy and engagement before crossover
    for i in range(n):
        k = team[i]
        is_member = member[i]
        at_work = 1.0 if present[i] else 0.0
        reach = t[T_FELT, k] * s[LEADER_ATTENTION, i]
        management = t[T_MANAGEMENT, k]
        # work demands (WorkDemands)
        asked = demands.time_pressure(
            demands.person_load(is_member, t[T_RATIO, k], s[TASK_SHARE, i],
                                t[T_LEADER_LOAD, k], relief_factor[i]),
            t[T_AVAILABLE, k])
        pressure = demands.absorbed_pressure(asked, p.max_overtime)
        s[WORK_UNDONE, i] = demands.work_left_undone(asked, pressure) * at_work
        clarity = leadership.style_reaching(t[T_CLARITY, k], reach, is_member, management)
        parts = demands.hindrance_parts(
            job.own_level(t[T_AMBIGUITY, k], s[AMBIGUITY_OWN, i]), t[T_CHURN, k],
            t[T_STRAIN, k], clarity, t[T_COLLABORATION, k])
        hindrance = demands.hindrance_total(parts)
        safety = t[T_SAFETY, k]
        demand = demands.perceived_demand(
            pressure, hindrance, outside[i], s[FIT, i],
            training.applied_resource(s[ASSERTIVENESS, i], s[TRAINING, i]), safety,
            s[EXHAUSTION, i], p.overload_penalty, p.overload_softness, p.hindrance_weight,
            p.outside_weight, p.misfit_weight, p.assertiveness_effect, p.appraisal_loss)
        s[DEMAND, i] = demand * at_work
        pressure_out[i] = pressure
        ambiguity_out[i] = parts[0]
        churn_out[i] = parts[1]
        strain_out[i] = parts[2]
        # job resources (JobResources)
        autonomy = job.own_level(t[T_AUTONOMY, k], s[AUTONOMY_OWN, i])
        support = resources.colleague_support(t[T_COLLABORATION, k], safety, contacts[i],
                                              p.support_contacts)
        participation = leadership.style_reaching(t[T_PARTICIPATION, k], reach, is_member,
                                                  management)
        job_res = resources.job_resources(
            autonomy, t[T_FEEDBACK, k], t[T_RECOGNITION, k], t[T_COACHING, k],
            t[T_DEVELOPMENT, k], support,
            leadership.style_reaching(t[T_LEAD_SUPPORT, k], reach, is_member, management),
            leadership.style_reaching(t[T_LEAD_RECOGNITION, k], reach, is_member, management),
            participation,
            leadership.style_reaching(t[T_HONEST, k], reach, is_member, management),
            relief_left[i] > 0)
        s[JOB_RESOURCES, i] = job_res
        personal = resources.personal_resources(s[SELF_EFFICACY, i], s[RESILIENCE, i],
                                                s[ASSERTIVENESS, i], s[ENERGY_MANAGEMENT, i])
        # energy: drain and recovery (Energy)
        drain = energy.work_drain(
            demand, job_res, resources.autonomy_as_felt(autonomy, participation), support,
            personal, s[OVERCOMMITMENT, i], s[ENGAGEMENT, i], s[HOURS, i] * at_work,
            p.drain_rate, p.resource_buffer, p.autonomy_buffer, p.support_buffer,
            p.personal_buffer, p.overcommit_effort)
        detach = energy.detachment(
            training.applied_resource(s[ENERGY_MANAGEMENT, i], s[TRAINING, i]),
            t[T_RECOVERY_POLICY, k], s[OVERCOMMITMENT, i], outside[i],
            demands.overload(pressure, p.overload_softness), p.overcommit_detach)
        s[DRAIN, i] = drain
        if present[i]:
            noise_energy, noise_engagement = streams.normal_pair(key, week, UPS_AND_DOWNS, i)
            new_energy[i] = energy.update_energy(s[ENERGY, i], drain, detach,
                                                 p.energy_noise * noise_energy,
                                                 p.recovery_rate)
            # engagement (Engagement)
            target = engagement.engagement_target(
                job_res, personal, demand, s[EXHAUSTION, i], hindrance, p.engagement_base,
                p.engagement_resources, p.engagement_personal, p.engagement_boost,
                p.engagement_exhaustion, p.engagement_hindrance)
            new_engagement[i] = engagement.update_engagement(
                s[ENGAGEMENT, i], target, 0.02 * noise_engagement, p.engagement_rate)
        else:
            new_engagement[i] = s[ENGAGEMENT, i]
            if status[i] == SICK_LEAVE:
                noise_energy = streams.normal_pair(key, week, UPS_AND_DOWNS, i)[0]
                new_energy[i] = absence.sick_recovery(
                    s[ENERGY, i], s[RESILIENCE, i], s[RECOVERY_SPEED, i], p.relational,
                    p.energy_noise * noise_energy, p.sick_recovery_rate,
                    p.relational_recovery_gain)
            else:
                new_energy[i] = s[ENERGY, i]
    # pass 2: crossover, then each person's spirals, training, BAT and leader action
    for i in range(n):
        k = team[i]
        at_work = 1.0 if present[i] else 0.0
        sum_energy = 0.0
        sum_engagement = 0.0
        for e in range(indptr[i], indptr[i + 1]):
            j = indices[e]
            weight = 1.0 if present[j] else 0.0
            sum_energy += new_energy[j] * weight
            sum_engagement += new_engagement[j] * weight
        count = contacts[i]
        divisor = max(count, 1.0)
        mean_energy = sum_energy / divisor if count > 0 else new_energy[i]
        mean_engagement = sum_engagement / divisor if count > 0 else new_engagement[i]
        e_i = new_energy[i] + contagion.crossover(new_energy[i], mean_energy,
                                                  s[SUSCEPTIBILITY, i], at_work,
                                                  p.crossover_rate)
        g_i = new_engagement[i] + contagion.crossover(new_engagement[i], mean_engagement,
                                                      s[SUSCEPTIBILITY, i], at_work,
                                                      p.crossover_rate)
        e_i = min(max(e_i, 0.0), 1.0)
        g_i = min(max(g_i, 0.0), 1.0)
        s[ENERGY, i] = e_i
        s[ENGAGEMENT, i] = g_i
        # gain and loss spirals (ResourceSpirals)
        sick = status[i] == SICK_LEAVE
        employed = status[i] != VACANT
        trait = s[TRAIT_RESOURCES, i]
        for r in PERSONAL_ROWS:
            value = s[r, i]
            if employed:
                value = value + spirals.resource_change(value, trait, g_i, 1.0 - e_i,
                                                        p.gain_rate, p.loss_rate, p.trait_pull)
            if sick:
                value = value + absence.treatment_gain(value, p.treatment_rate)
            s[r, i] = min(max(value, 0.0), 1.0)
        if sick:
            s[TRAIT_RESOURCES, i] = trait + absence.treatment_gain(
                trait, p.treatment_rate * p.treatment_lasting)
        # training fades (Training)
        s[TRAINING, i] = training.training_fade(s[TRAINING, i], p.training_half_life_weeks)
        # BAT dimensions (BurnoutDimensions)
        exhaustion, distance, cognitive, emotional = burnout.bat_dimensions(
            e_i, g_i, s[SELF_EFFICACY, i], s[RESILIENCE, i])
        s[EXHAUSTION, i] = exhaustion
        s[MENTAL_DISTANCE, i] = distance
        s[COGNITIVE, i] = cognitive
        s[EMOTIONAL, i] = emotional
        # leaders act on warning signs (LeaderAction)
        if relief_left[i] > 0:
            left = relief_left[i] - 1
            relief_left[i] = max(left, 0)
            if left == 0:
                s[RELIEF, i] = 0.0
        detection = leadership.style_reaching(
            t[T_SIGNAL_DETECTION, k], t[T_FELT, k] * s[LEADER_ATTENTION, i], member[i],
            t[T_MANAGEMENT, k])
        eligible = present[i] and member[i] and relief_left[i] == 0
        if eligible and leadership.notice_signals(
                exhaustion, eligible, detection, t[T_SAFETY, k],
                streams.uniform(key, week, LEADER_NOTICES, i), p.warning_exhaustion):
            relief_left[i] = p.relief_weeks
            s[RELIEF, i] = p.relief_share


class PeopleWeek(Component):
    """The person-level mechanisms of the week, fused and compiled: the same as running
    :data:`REPLACES` in order (work demands ... leaders act on warning signs), computed by
    the same ``@equation`` functions (see the module docstring). Writes what they write, and
    of the intermediates ``ctx.productivity``, ``ctx.pressure``, ``ctx.hindrance_parts``,
    ``ctx.energy``, ``ctx.engagement`` and ``ctx.relational_return``."""

    name = "people's week (fused)"

    def __init__(self) -> None:
        self._scratch = np.empty((6, 0))
        self._teams = np.empty((len(TEAM_INPUTS) + 5, 0))

    def step(self, ctx: WeekContext) -> None:
        workforce, teams = ctx.workforce, ctx.teams
        block = workforce.rows(tuple(FLOAT_FIELDS))
        if block is None:  # state arrays replaced from outside: the readable components
            for component in REPLACES:
                component().step(ctx)
            return
        load = team_load(ctx)
        n, n_teams = workforce.size, teams.size
        if (self._scratch.shape[1] != n or self._scratch.dtype != block.dtype
                or self._teams.shape[1] != n_teams):
            self._scratch = np.empty((6, n), dtype=block.dtype)  # reused week after week
            self._teams = np.empty((len(TEAM_INPUTS) + 5, n_teams))
        t = self._teams
        for row, name in enumerate(TEAM_INPUTS):
            t[row] = getattr(teams, name)
        t[T_RATIO], t[T_LEADER_LOAD], t[T_AVAILABLE] = (load.ratio, load.leader_load,
                                                        load.available)
        t[T_FELT], t[T_MANAGEMENT] = ctx.leadership_felt, ctx.management_support
        net = ctx.model.contact_network()
        params = KernelParams.of(ctx)
        new_energy, new_engagement, pressure, ambiguity, churn, strain = self._scratch
        _people_week(block, workforce.status, workforce.team, workforce.relief_left,
                     ctx.member, ctx.present, t, load.relief_factor, ctx.outside,
                     ctx.model.present_contacts(ctx.present), net.indptr, net.indices,
                     ctx.key, ctx.week, params, new_energy, new_engagement, pressure,
                     ambiguity, churn, strain)
        ctx.productivity, ctx.pressure = load.productivity, pressure
        ctx.hindrance_parts = (ambiguity, churn, strain)
        ctx.energy, ctx.engagement = workforce.energy, workforce.engagement
        ctx.relational_return = params.relational
