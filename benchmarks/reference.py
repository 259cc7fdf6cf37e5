"""A straightforward per-agent Mesa implementation of orgsim's weekly rules (the reference).

This is what a typical Mesa user would write: every employee is an ``Agent`` with its state
as Python attributes; each week the model computes the team aggregates the agents see,
then activates the agents in random order (``model.agents.shuffle_do``) in three stages -
``step`` (demands, resources, energy, engagement), ``crossover`` (towards present contacts)
and ``advance`` (resource spirals, BAT, leader signals, sick leave, return, turnover) - and
finally fills vacancies and collects the weekly numbers by looping over the agents.
Stages keep the engine's schedule: every agent reads last week's state (or this week's
state before crossover), so activation order does not change the result.

The rules are the engine's week (the components of ``orgsim.week.SCHEDULE``, in
``orgsim.week.mechanisms`` and ``orgsim.week.flows``): same config, same mechanism functions
from ``orgsim.dynamics`` called on scalars, same team/network builders. Each person has their
own job within the team (share of the work, autonomy, role ambiguity, leader attention: one
job-quality factor, as ``organisation.draw_people``), drawn with scalar draws.
Randomness is drawn per agent from ``model.random``/``model.rng`` (scalar draws), so single
runs differ from the engine's, but distributions over seeds agree
(tests/test_reference_agreement.py). Scheduled interventions and shocks are not supported.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import mesa
import numpy as np
import pandas as pd
from omegaconf import DictConfig

from orgsim import team_inputs
from orgsim.compose import to_config
from orgsim.config import Config, ReturnToWork
from orgsim.dynamics import (
    absence,
    burnout,
    contagion,
    demands,
    energy,
    engagement,
    hiring,
    leadership,
    resources,
    spirals,
    training,
    turnover,
)
from orgsim.metrics import WeekFlows
from orgsim.model import _apply_overrides
from orgsim.organisation import build_network, build_teams, explicit_layout, team_layout
from orgsim.state import PERSONAL_RESOURCES, Status

#: Columns of :meth:`ReferenceModel.timeseries` (same names and meaning as the engine's).
REF_COLUMNS = ("week", "burnout_complaints", "burnout_absent", "reintegrating", "absence_rate",
               "new_burnout_cases", "returns", "relapses", "leavers", "hires", "vacancies",
               "energy_mean", "engagement_mean", "exhaustion_mean", "headcount",
               "work_left_undone")


@dataclass
class Team:
    """A team: its levels (floats), its positions and this week's aggregates."""

    index: int
    leader_pos: int
    positions: int  # positions in the team, leader excluded
    levels: dict[str, float]  # one per team input (orgsim.team_inputs)
    shock: float = 1.0
    # this week's aggregates (computed by the model before the agents act)
    felt: float = 1.0
    ratio: float = 1.0
    leader_load: float = 1.0
    avail: float = 1.0
    capacity: float = 0.0
    members_present: int = 0


@dataclass
class Position:
    """A position in a team; ``holder`` is None while vacant."""

    team: int
    is_leader: bool
    contacts: list[int] = field(default_factory=list)
    holder: RefEmployee | None = None


class RefEmployee(mesa.Agent):
    """One person: all state as Python attributes, updated by scalar rules."""

    model: ReferenceModel

    def __init__(self, model: ReferenceModel, pos: int) -> None:
        super().__init__(model)
        self.pos_index = pos
        position = model.positions[pos]
        self.team_index = position.team
        self.is_leader = position.is_leader
        position.holder = self
        self._draw(model.config)

    def _draw(self, cfg: Config) -> None:
        """A new person: traits and a fresh state (as ``organisation.draw_people``)."""
        pc, rnd = cfg.people, self.random

        def beta(mean: float, sd: float) -> float:
            mean = min(max(mean, 1e-3), 1 - 1e-3)
            var = min(sd * sd, mean * (1 - mean) * 0.95)
            if var <= 0:
                return mean
            common = mean * (1 - mean) / var - 1
            return rnd.betavariate(mean * common, (1 - mean) * common)

        def clip(x: float, lo: float, hi: float) -> float:
            return min(max(x, lo), hi)

        trait = beta(pc.personal_resources_mean, pc.personal_resources_sd)
        self.trait_resources = trait
        self.self_efficacy = clip(trait + rnd.gauss(0, 0.08), 0, 1)
        self.resilience = clip(trait + rnd.gauss(0, 0.08), 0, 1)
        self.assertiveness = clip(trait + rnd.gauss(0, 0.08), 0, 1)
        self.energy_management = clip(trait + rnd.gauss(0, 0.08), 0, 1)
        self.overcommitment = beta(pc.overcommitment_mean, pc.overcommitment_sd)
        self.susceptibility = beta(pc.susceptibility_mean, 0.2)
        self.fit = beta(pc.fit_mean, pc.fit_sd)
        self.caregiving = pc.caregiving_load if rnd.random() < pc.caregiver_share else 0.0
        self.life_event = 0.0
        self.life_event_left = 0
        # the person's own job within the team: one job-quality factor q (loading
        # people.job_design_loading) and a part of each characteristic's own
        q = rnd.gauss(0, 1)
        a = pc.job_design_loading
        b = math.sqrt(1.0 - a * a)
        ts, la = pc.task_share_sd, pc.leader_attention_sd
        self.task_share = math.exp(ts * (a * q + b * rnd.gauss(0, 1)) - ts * ts / 2)
        self.autonomy_own = pc.autonomy_sd * (-a * q + b * rnd.gauss(0, 1))
        self.ambiguity_own = pc.role_clarity_sd * (a * q + b * rnd.gauss(0, 1))
        self.leader_attention = math.exp(la * (-a * q + b * rnd.gauss(0, 1)) - la * la / 2)
        self.work_undone = 0.0
        self.training = 0.0  # no course yet
        self.energy = clip(rnd.gauss(0.75, 0.1), 0.3, 1.0)
        self.engagement = clip(rnd.gauss(0.6, 0.1), 0.1, 1.0)
        self.status = Status.WORKING
        self.hours = 1.0
        self.tenure = self.high_weeks = self.weeks_in_status = self.relief_left = 0
        self.episodes = self.onboarding_left = 0
        self.relief = 0.0
        self.episode_weeks = -1
        self.since_return = -1
        self.recovery_speed = 0.0
        (self.exhaustion, self.mental_distance, self.cognitive_impairment,
         self.emotional_impairment) = (float(x) for x in burnout.bat_dimensions(
            self.energy, self.engagement, self.self_efficacy, self.resilience))
        self.demand = self.job_resources = self.drain = 0.0

    @property
    def present(self) -> bool:
        return self.status in (Status.WORKING, Status.REINTEGRATING)

    # -------------------------------------------------------------- stage 1
    def step(self) -> None:
        """Outside work, demands, resources, then energy and engagement before crossover."""
        model, cfg = self.model, self.model.config
        p, team = cfg.params, model.teams[self.team_index]
        lv = team.levels
        present = self._present = self.present
        sick = self.status == Status.SICK_LEAVE

        # outside work: a life event may start
        if self.life_event_left > 0:  # running life events count down and end
            self.life_event_left -= 1
            if self.life_event_left == 0:
                self.life_event = 0.0
        if self.life_event_left <= 0 and self.random.random() < (
                cfg.people.life_events_per_year / 52.0):
            self.life_event_left = int(model.rng.geometric(1.0 / cfg.people.life_event_weeks))
            self.life_event = cfg.people.life_event_load
        outside = min(self.caregiving + self.life_event, 1.0)

        # present contacts (nobody's status changes in this stage)
        positions = model.positions
        contacts_present = 0
        for pos in positions[self.pos_index].contacts:
            other = positions[pos].holder
            if other is not None and other.present:
                contacts_present += 1

        # what the leader gives: the style felt, as far as it reaches this person (their
        # share of the leader's attention); leaders themselves get higher management's support
        mgmt = cfg.org.management_support
        if self.is_leader:
            load = team.leader_load
            clarity = support = recognition = participation = honest = mgmt
        else:
            load = team.ratio * self.task_share * (1.0 - self.relief)
            reach = team.felt * self.leader_attention
            clarity = min(lv["lead_clarity"] * reach, 1.0)
            support = min(lv["lead_support"] * reach, 1.0)
            recognition = min(lv["lead_recognition"] * reach, 1.0)
            participation = min(lv["lead_participation"] * reach, 1.0)
            honest = min(lv["lead_honest_conversation"] * reach, 1.0)
        # time pressure asked, the part taken on and the part left undone
        asked = float(demands.time_pressure(load, team.avail))
        self._pressure = pressure = float(demands.absorbed_pressure(
            asked, max_overtime=p.max_overtime))
        self.work_undone = float(demands.work_left_undone(asked, pressure)) if present else 0.0
        ambiguity = min(max(lv["role_ambiguity"] + self.ambiguity_own, 0.0), 1.0)
        self._hindrance = hind = float(demands.hindrance(
            ambiguity, lv["priority_churn"], lv["relational_strain"], clarity,
            lv["collaboration"]))
        safety = lv["psychological_safety"]
        assertiveness = float(training.applied_resource(self.assertiveness, self.training))
        self._demand = demand = float(demands.perceived_demand(
            pressure, hind, outside, self.fit, assertiveness, safety, self.exhaustion,
            overload_penalty=p.overload_penalty, overload_softness=p.overload_softness,
            hindrance_weight=p.hindrance_weight, outside_weight=p.outside_weight,
            misfit_weight=p.misfit_weight, assertiveness_effect=p.assertiveness_effect,
            appraisal_loss=p.appraisal_loss))
        autonomy = min(max(lv["autonomy"] + self.autonomy_own, 0.0), 1.0)
        colleagues = float(resources.colleague_support(
            lv["collaboration"], safety, contacts_present, half_contacts=p.support_contacts))
        self._job_res = job_res = float(resources.job_resources(
            autonomy, lv["feedback"], lv["recognition"], lv["coaching"], lv["development"],
            colleagues, support, recognition, participation, honest,
            1.0 if self.relief_left > 0 else 0.0))
        personal = (self.self_efficacy + self.resilience + self.assertiveness
                    + self.energy_management) / 4.0

        self._drain = drain = float(energy.work_drain(
            demand, job_res, resources.autonomy_as_felt(autonomy, participation), colleagues,
            personal, self.overcommitment, self.engagement, self.hours if present else 0.0,
            drain_rate=p.drain_rate, resource_buffer=p.resource_buffer,
            autonomy_buffer=p.autonomy_buffer, support_buffer=p.support_buffer,
            personal_buffer=p.personal_buffer, overcommit_effort=p.overcommit_effort))
        if present:
            detach = energy.detachment(
                training.applied_resource(self.energy_management, self.training),
                lv["recovery_policy"], self.overcommitment, outside,
                demands.overload(pressure, softness=p.overload_softness),
                overcommit_detach=p.overcommit_detach)
            new_energy = energy.update_energy(
                self.energy, drain, detach, p.energy_noise * self.random.gauss(0, 1),
                recovery_rate=p.recovery_rate)
            target = engagement.engagement_target(
                job_res, personal, demand, self.exhaustion, hind,
                base=p.engagement_base, resources=p.engagement_resources,
                personal=p.engagement_personal, boost=p.engagement_boost,
                exhaustion_effect=p.engagement_exhaustion,
                hindrance_effect=p.engagement_hindrance)
            new_engagement = engagement.update_engagement(
                self.engagement, target, 0.02 * self.random.gauss(0, 1), rate=p.engagement_rate)
        elif sick:
            relational = cfg.absence.return_to_work == ReturnToWork.RELATIONAL
            new_energy = absence.sick_recovery(
                self.energy, self.resilience, self.recovery_speed, relational,
                p.energy_noise * self.random.gauss(0, 1), rate=p.sick_recovery_rate,
                relational_gain=p.relational_recovery_gain)
            new_engagement = self.engagement
        else:
            new_energy, new_engagement = self.energy, self.engagement
        self._next_energy = float(new_energy)
        self._next_engagement = float(new_engagement)

    # -------------------------------------------------------------- stage 2
    def crossover(self) -> None:
        """Move towards the mean new state of contacts at work (reads stage-1 values)."""
        self._final_energy, self._final_engagement = self._next_energy, self._next_engagement
        if not self._present:
            return
        total_e = total_g = 0.0
        count = 0
        positions = self.model.positions
        for pos in self.model.positions[self.pos_index].contacts:
            other = positions[pos].holder
            if other is not None and other._present:
                total_e += other._next_energy
                total_g += other._next_engagement
                count += 1
        if count == 0:
            return
        rate = self.model.config.params.crossover_rate
        e, g = self._next_energy, self._next_engagement
        self._final_energy = float(np.clip(e + contagion.crossover(
            e, total_e / count, self.susceptibility, 1.0, rate=rate), 0, 1))
        self._final_engagement = float(np.clip(g + contagion.crossover(
            g, total_g / count, self.susceptibility, 1.0, rate=rate), 0, 1))

    # -------------------------------------------------------------- stage 3
    def advance(self) -> None:  # noqa: PLR0915 - the engine's schedule, one person
        """Spirals, BAT, leader signals, sick leave and return, turnover, counters."""
        model, cfg = self.model, self.model.config
        p, ab, team = cfg.params, cfg.absence, model.teams[self.team_index]
        flows = model.flows
        present = self._present
        status = self.status
        sick = status == Status.SICK_LEAVE
        reint = status == Status.REINTEGRATING
        self.energy, self.engagement = self._final_energy, self._final_engagement

        # gain and loss spirals of personal resources; treatment while on sick leave
        for name in PERSONAL_RESOURCES:
            value = getattr(self, name)
            value += float(spirals.resource_change(
                value, self.trait_resources, self.engagement, 1.0 - self.energy,
                gain_rate=p.gain_rate, loss_rate=p.loss_rate, trait_pull=p.trait_pull))
            if sick:
                value += float(absence.treatment_gain(value, rate=p.treatment_rate))
            setattr(self, name, min(max(value, 0.0), 1.0))
        lasting = getattr(p, "treatment_lasting", 0.0)
        if sick and lasting:
            self.trait_resources += float(absence.treatment_gain(
                self.trait_resources, rate=p.treatment_rate * lasting))

        # what a person-directed course taught fades
        self.training = float(training.training_fade(
            self.training, half_life_weeks=p.training_half_life_weeks))

        (self.exhaustion, self.mental_distance, self.cognitive_impairment,
         self.emotional_impairment) = (float(x) for x in burnout.bat_dimensions(
            self.energy, self.engagement, self.self_efficacy, self.resilience))
        self.demand = float(self._demand) if present else 0.0
        self.job_resources = float(self._job_res)
        self.drain = float(self._drain)

        # the leader acts on early warning signs
        ending = self.relief_left == 1
        self.relief_left = max(self.relief_left - 1, 0)
        if ending:
            self.relief = 0.0
        safety = team.levels["psychological_safety"]
        if leadership.notice_signals(
                self.exhaustion, present and not self.is_leader and self.relief_left == 0,
                min(team.levels["lead_signal_detection"] * team.felt * self.leader_attention,
                    1.0), safety, self.random.random(),
                warning=p.warning_exhaustion):
            self.relief_left = p.relief_weeks
            self.relief = p.relief_share

        # burn-out sick leave, recovery, graded return and relapse
        bat = (self.exhaustion + self.mental_distance + self.cognitive_impairment
               + self.emotional_impairment) / 4.0
        self.high_weeks = self.high_weeks + 1 if present and bat >= p.clinical_threshold else 0
        new_sick = bool(absence.onset(self.high_weeks, self.energy, present,
                                      self.random.random(), onset_weeks=p.onset_weeks,
                                      hazard=p.onset_hazard))
        new_episode = new_sick and not reint
        if new_episode:
            flows.new_cases += 1
            if 0 <= self.since_return <= p.relapse_window_weeks:
                flows.relapses += 1
            self.episode_weeks = 0
            self.episodes += 1
        if new_sick:
            self.recovery_speed = math.exp(self.random.gauss(0.0, p.recovery_spread))
            self.since_return = -1
            self.high_weeks = 0
        back = sick and bool(absence.ready_to_return(
            self.energy, self.weeks_in_status, return_energy=p.return_energy,
            min_weeks=p.min_sick_weeks))
        if reint:
            self.hours = float(absence.graded_hours(
                self.hours, ab.reintegration_start_hours, ab.reintegration_weeks))
        full = reint and self.hours >= 1.0 and not new_sick
        if new_sick:
            self.status = Status.SICK_LEAVE
            self.hours = 0.0
        if back:
            relational = cfg.absence.return_to_work == ReturnToWork.RELATIONAL
            self.status = Status.REINTEGRATING
            self.hours = ab.reintegration_start_hours
            self.relief = p.relational_relief if relational else p.return_relief
            self.relief_left = ab.reintegration_weeks + (
                p.relational_relief_weeks if relational else 0)
        if full:
            self.status = Status.WORKING
            self.since_return = 0
            flows.returns += 1
            model.log_episode(self, "returned")
            self.episode_weeks = -1

        # turnover: voluntary leaving, and contract end after long-term absence
        quits = (self.status == Status.WORKING and not full and self.random.random()
                 < turnover.quit_probability(self.engagement, rate_per_year=p.quit_rate_per_year,
                                             engagement_effect=p.quit_engagement))
        long_term = (self.status == Status.SICK_LEAVE
                     and self.episode_weeks >= ab.max_sick_weeks)
        if quits or long_term:
            if self.episode_weeks >= 0:
                model.log_episode(self, "left")
            flows.leavers += 1
            model.positions[self.pos_index].holder = None
            self.remove()
            return

        # counters
        self.tenure += 1
        self.weeks_in_status = 0 if (new_sick or back or full) else self.weeks_in_status + 1
        self.onboarding_left = max(self.onboarding_left - 1, 0)
        if self.episode_weeks >= 0:
            self.episode_weeks += 1
        if self.since_return >= 0:
            self.since_return += 1


class ReferenceModel(mesa.Model):
    """The per-agent reference: same constructor and ``run_for``/``timeseries`` as OrgModel.

    Args:
        config: a Config, Hydra/OmegaConf config or mapping; ``None`` gives the baseline.
        rng: random seed (``None`` uses ``config.seed``).
        overrides: dotted keys to change, e.g. ``{"org.n_employees": 100}``.
    """

    def __init__(
        self,
        config: Config | DictConfig | Mapping[str, Any] | None = None,
        rng: int | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        cfg = to_config(config) if config is not None else Config()
        if overrides:
            cfg = _apply_overrides(cfg, overrides)
        seed = cfg.seed if rng is None else int(rng)
        super().__init__(rng=seed)
        self.config = cfg
        n = cfg.org.n_employees
        if cfg.org.teams:
            team, leader_row = explicit_layout([t.headcount for t in cfg.org.teams])
        else:
            team, leader_row = team_layout(n, cfg.org.team_size)
        arrays = build_teams(cfg, team, leader_row, self.rng)
        self.teams = [
            Team(index=t, leader_pos=int(leader_row[t]), positions=int(arrays.positions[t]),
                 levels={name: float(getattr(arrays, name)[t])
                         for name in team_inputs.names()})
            for t in range(len(leader_row))]
        is_leader = np.zeros(n, dtype=bool)
        is_leader[leader_row] = True
        self.positions = [Position(team=int(team[i]), is_leader=bool(is_leader[i]))
                          for i in range(n)]
        src, dst = build_network(team, leader_row, cfg, self.rng)
        for s, d in zip(src.tolist(), dst.tolist(), strict=True):
            self.positions[d].contacts.append(s)
        for pos in range(n):
            agent = RefEmployee(self, pos)
            agent.tenure = int(self.rng.integers(0, 520))
        self.flows = WeekFlows()
        self.records: list[tuple[float, ...]] = []
        self.episode_log: list[dict[str, Any]] = []
        self.week = -cfg.warmup_weeks
        self._record = False
        for _ in range(cfg.warmup_weeks):
            self.step()
        self.week = 0
        self._record = True
        self.episode_log.clear()

    def log_episode(self, agent: RefEmployee, outcome: str) -> None:
        if self._record:
            weeks = agent.episode_weeks + 1
            self.episode_log.append({"row": agent.pos_index, "end_week": self.week + 1,
                                     "weeks": weeks, "days": 7 * weeks, "outcome": outcome,
                                     "episode": agent.episodes})

    def _team_aggregates(self) -> None:
        """What the agents see this week: load, capacity present and leader presence."""
        cfg, p = self.config, self.config.params
        for team in self.teams:
            team.capacity, team.members_present = 0.0, 0
        ow, start = cfg.hiring.onboarding_weeks, cfg.hiring.new_hire_productivity
        for agent in self.agents:
            if not agent.is_leader and agent.present:
                team = self.teams[agent.team_index]
                productivity = hiring.productivity(agent.onboarding_left, ow, start)
                team.capacity += agent.hours * float(productivity) * (1.0 - agent.relief)
                team.members_present += 1
        for team in self.teams:
            lv = team.levels
            team.shock = float(demands.workload_fluctuation(
                team.shock, self.random.gauss(0, 1), sd=p.workload_shock_sd,
                persistence=p.workload_shock_persistence))
            leader = self.positions[team.leader_pos].holder
            team.felt = float(leadership.presence_factor(
                leader is not None and leader.present,
                leader.energy if leader is not None else 0.0,
                absent_factor=p.absent_leader_factor))
            workload = lv["workload"] * team.shock
            team_work = workload * team.positions * (1.0 - lv["staffing_buffer"])
            # not capped: what people cannot take on is left undone (WorkDemands)
            team.ratio = team_work / team.capacity if team.capacity > 0 else 1.0
            absent_share = 1.0 - team.members_present / max(team.positions, 1)
            team.leader_load = workload * (1.0 + p.leader_absence_load * absent_share)
            team.avail = float(demands.available_time(
                lv["bureaucracy"], lv["parallel_priorities"], lv["switch_cost"]))

    def step(self) -> None:
        """One week: team aggregates, three agent stages, hiring, then the weekly numbers."""
        cfg = self.config
        self.flows = WeekFlows()
        self._team_aggregates()
        vacancies = [i for i, pos in enumerate(self.positions) if pos.holder is None]
        self.agents.shuffle_do("step")
        self.agents.shuffle_do("crossover")
        self.agents.shuffle_do("advance")
        # hiring: vacancies from before this week are filled after a delay
        for pos in vacancies:
            if self.random.random() < 1.0 / cfg.hiring.vacancy_weeks:
                hire = RefEmployee(self, pos)
                # as in the engine: counters already ran this week
                hire.tenure = 1
                hire.onboarding_left = max(cfg.hiring.onboarding_weeks - 1, 0)
                self.flows.hires += 1
        self.week += 1
        if self._record:
            self.records.append(self._metrics())

    def _metrics(self) -> tuple[float, ...]:
        """The weekly numbers, by looping over the agents (as a DataCollector would)."""
        n = len(self.positions)
        thr = self.config.params.complaints_threshold
        n_emp = n_present = n_sick = n_reint = complaints = 0
        lost = energy_sum = engagement_sum = exhaustion_sum = undone_sum = 0.0
        for agent in self.agents:
            n_emp += 1
            energy_sum += agent.energy
            engagement_sum += agent.engagement
            if agent.status == Status.SICK_LEAVE:
                n_sick += 1
                lost += 1.0
            elif agent.status == Status.REINTEGRATING:
                n_reint += 1
                lost += 1.0 - agent.hours
            if agent.present:
                n_present += 1
                exhaustion_sum += agent.exhaustion
                undone_sum += agent.work_undone
                complaints += agent.exhaustion >= thr
        emp, pres, f = max(n_emp, 1), max(n_present, 1), self.flows
        return (self.week, complaints / pres, n_sick / emp, n_reint / emp, lost / emp,
                f.new_cases, f.returns, f.relapses, f.leavers, f.hires,
                1.0 - n_emp / n if n_emp else 1.0,
                energy_sum / emp if n_emp else 0.0, engagement_sum / emp if n_emp else 0.0,
                exhaustion_sum / pres if n_present else 0.0, n_emp, undone_sum / pres)

    def timeseries(self) -> pd.DataFrame:
        """One row per simulated week; columns :data:`REF_COLUMNS`."""
        return pd.DataFrame.from_records(self.records, columns=list(REF_COLUMNS))

    def episodes(self) -> pd.DataFrame:
        """Burn-out episodes that ended since week 0 (full return or leaving)."""
        return pd.DataFrame(self.episode_log,
                            columns=["row", "end_week", "weeks", "days", "outcome", "episode"])
