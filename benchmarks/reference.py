"""A straightforward per-agent Mesa implementation of orgsim's weekly rules (the reference).

This is what a typical, competent Mesa user would write: every employee is an ``Agent`` with
its state as Python attributes; each week the model computes the team aggregates the agents
see, then activates the agents in random order (``model.agents.shuffle_do``) in three stages -
``step`` (outside work, demands, resources, energy, engagement), ``crossover`` (towards present
contacts) and ``advance`` (resource spirals, training, BAT, leader signals, sick leave,
return, turnover) - and finally fills vacancies and collects the weekly numbers by looping
over the agents. Stages keep the engine's schedule: every agent reads last week's state (or
this week's state before crossover), so activation order does not change the result.

**The maths is plain Python on floats** (``min``/``max``/``math.exp``, Python's ``random``),
one person at a time. The rules are those of the engine's week (the components of
``orgsim.week.SCHEDULE`` in ``src/orgsim/week/mechanisms.py`` and ``src/orgsim/week/flows.py``,
model v2), *restated* here from the mechanism functions of ``src/orgsim/dynamics/`` - each
block names the function it restates. That second statement is the point of a reference:
the engine's numpy functions are not called in the hot loop, because calling numpy on
Python scalars (``np.clip`` on one float costs ~50x a ``min``/``max``) would make a per-agent
model look several times slower than one a Mesa user would write, and the benchmark's speed
ratio unfair. ``tests/test_reference_agreement.py`` checks that the restated rules agree with
the engine's over seeds (and that the check would notice a changed rule). Only the one-off
construction shares the engine's code: the config, the team levels and the contact network
(``orgsim.organisation.build_teams``, ``build_network``), and the constants of the dynamics
modules.

Each person has their own job within the team (share of the work, autonomy, role ambiguity,
leader attention: one job-quality factor, as ``organisation.draw_people``), drawn with scalar
draws. Randomness is drawn per agent from ``model.random`` (scalar draws), so single runs
differ from the engine's, but distributions over seeds agree. Scheduled interventions and
shocks are not supported.
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
from orgsim.dynamics.spirals import GAIN_FROM, LOSS_FROM
from orgsim.dynamics.turnover import REFERENCE_ENGAGEMENT
from orgsim.metrics import WeekFlows
from orgsim.model import _apply_overrides
from orgsim.organisation import (
    _apply_team_specs,
    build_network,
    build_teams,
    explicit_layout,
    team_layout,
)
from orgsim.state import PERSONAL_RESOURCES, Status

#: Columns of :meth:`ReferenceModel.timeseries` (same names and meaning as the engine's).
REF_COLUMNS = ("week", "burnout_complaints", "burnout_absent", "reintegrating", "absence_rate",
               "new_burnout_cases", "returns", "relapses", "leavers", "hires", "vacancies",
               "energy_mean", "engagement_mean", "exhaustion_mean", "headcount",
               "work_left_undone")

WORKING, SICK_LEAVE, REINTEGRATING = Status.WORKING, Status.SICK_LEAVE, Status.REINTEGRATING


def clip(x: float, lo: float, hi: float) -> float:
    """``x`` limited to ``lo..hi``."""
    return min(max(x, lo), hi)


def bat_dimensions(energy: float, engagement: float, self_efficacy: float,
                   resilience: float) -> tuple[float, float, float, float]:
    """The four BAT dimensions (restates ``burnout.bat_dimensions``)."""
    exhaustion = 1.0 - energy
    severe = exhaustion * exhaustion
    return (exhaustion, (1.0 - engagement) * (0.4 + 0.6 * exhaustion),
            min(severe * (1.5 - 0.5 * self_efficacy), 1.0),
            min(severe * (1.5 - 0.5 * resilience), 1.0))


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
        self.status = WORKING
        self.hours = 1.0
        self.tenure = self.high_weeks = self.weeks_in_status = self.relief_left = 0
        self.episodes = self.onboarding_left = 0
        self.relief = 0.0
        self.episode_weeks = -1
        self.since_return = -1
        self.recovery_speed = 0.0
        (self.exhaustion, self.mental_distance, self.cognitive_impairment,
         self.emotional_impairment) = bat_dimensions(
            self.energy, self.engagement, self.self_efficacy, self.resilience)
        self.demand = self.job_resources = self.drain = 0.0

    @property
    def present(self) -> bool:
        return self.status == WORKING or self.status == REINTEGRATING

    # -------------------------------------------------------------- stage 1
    def step(self) -> None:  # noqa: PLR0915 - the engine's schedule, one person
        """Outside work, demands, resources, then energy and engagement before crossover."""
        model, cfg = self.model, self.model.config
        p, team, rnd = cfg.params, model.teams[self.team_index], self.random
        lv = team.levels
        present = self._present = self.present
        sick = self.status == SICK_LEAVE

        # outside work (outside_work.life_event_countdown, life_event_starts, outside_load)
        if self.life_event_left > 0:
            self.life_event_left -= 1
            if self.life_event_left == 0:
                self.life_event = 0.0
        if self.life_event_left <= 0 and rnd.random() < cfg.people.life_events_per_year / 52.0:
            # weeks of the event: geometric with mean people.life_event_weeks (1, 2, ...)
            stop = 1.0 / cfg.people.life_event_weeks
            self.life_event_left = (1 if stop >= 1.0 else
                                    1 + int(math.log(1.0 - rnd.random()) / math.log(1.0 - stop)))
            self.life_event = cfg.people.life_event_load
        outside = min(self.caregiving + self.life_event, 1.0)

        # present contacts (nobody's status changes in this stage)
        positions = model.positions
        contacts_present = 0
        for pos in positions[self.pos_index].contacts:
            other = positions[pos].holder
            if other is not None and other.present:
                contacts_present += 1

        # what the leader gives (leadership.style_reaching): the style felt, as far as it
        # reaches this person; leaders themselves get higher management's support
        if self.is_leader:
            load = team.leader_load
            clarity = support = recognition = participation = honest = (
                cfg.org.management_support)
        else:
            load = team.ratio * self.task_share * (1.0 - self.relief)
            reach = team.felt * self.leader_attention
            clarity = min(lv["lead_clarity"] * reach, 1.0)
            support = min(lv["lead_support"] * reach, 1.0)
            recognition = min(lv["lead_recognition"] * reach, 1.0)
            participation = min(lv["lead_participation"] * reach, 1.0)
            honest = min(lv["lead_honest_conversation"] * reach, 1.0)

        # time pressure asked, taken on and left undone (demands.time_pressure,
        # absorbed_pressure, work_left_undone)
        asked = load / max(team.avail, 1e-3)
        m = p.max_overtime
        if m <= 0:
            pressure = min(asked, 1.0)
        elif asked > 1.0:
            pressure = 1.0 - m * math.expm1(-(asked - 1.0) / m)
        else:
            pressure = asked
        self.work_undone = (asked - pressure) / asked if present and asked > 0 else 0.0
        # smoothed overtime (demands.overload): w log(1 + exp((p - 1) / w))
        w = p.overload_softness
        if w <= 0:
            overload = max(pressure - 1.0, 0.0)
        else:
            x = (pressure - 1.0) / w
            overload = w * (x + math.log1p(math.exp(-x)) if x > 0 else math.log1p(math.exp(x)))
        # hindrance demands (demands.hindrance)
        ambiguity = clip(lv["role_ambiguity"] + self.ambiguity_own, 0.0, 1.0)
        hind = (ambiguity * (1.0 - 0.5 * clarity) + lv["priority_churn"]
                + lv["relational_strain"] * (1.0 - 0.5 * lv["collaboration"]))
        # perceived demand (demands.perceived_demand), with what a course taught applied
        # (training.applied_resource)
        safety = lv["psychological_safety"]
        assertiveness = self.assertiveness + self.training * (1.0 - self.assertiveness)
        voiced = assertiveness * (0.5 + 0.5 * safety)
        quantitative = ((pressure + p.overload_penalty * overload)
                        * (1.0 + p.misfit_weight * (1.0 - self.fit))
                        * (1.0 + p.assertiveness_effect * (0.5 - voiced)))
        total = quantitative + p.hindrance_weight * hind + p.outside_weight * outside
        demand = max(total, 0.0) * (1.0 + p.appraisal_loss * self.exhaustion)

        # job resources (resources.colleague_support, autonomy_as_felt, job_resources)
        autonomy = clip(lv["autonomy"] + self.autonomy_own, 0.0, 1.0)
        colleagues = (lv["collaboration"] * (0.5 + 0.5 * safety)
                      * contacts_present / (contacts_present + p.support_contacts))
        autonomy_felt = autonomy * (0.7 + 0.3 * participation)
        conversation = 0.3 * honest if self.relief_left > 0 else 0.0
        job_res = clip((autonomy_felt
                        + 0.5 * colleagues + 0.5 * min(support + conversation, 1.0)
                        + 0.5 * lv["feedback"] + 0.5 * recognition
                        + 0.5 * lv["recognition"] + 0.5 * recognition
                        + lv["coaching"] + lv["development"] + participation) / 7.0, 0.0, 1.0)
        personal = (self.self_efficacy + self.resilience + self.assertiveness
                    + self.energy_management) / 4.0

        # energy drained by work (energy.work_drain)
        hours = self.hours if present else 0.0
        self._drain = drain = (
            p.drain_rate * demand * (1.0 - p.resource_buffer * job_res)
            * (1.0 - p.autonomy_buffer * autonomy_felt) * (1.0 - p.support_buffer * colleagues)
            * (1.0 - p.personal_buffer * personal)
            * (1.0 + p.overcommit_effort * self.overcommitment * self.engagement) * hours)
        self._demand, self._job_res = demand, job_res
        if present:
            # detachment and recovery (energy.detachment, update_energy)
            em = self.energy_management + self.training * (1.0 - self.energy_management)
            detach = (0.4 + 0.6 * em + 0.3 * lv["recovery_policy"]
                      - p.overcommit_detach * self.overcommitment - 0.5 * outside)
            detach = clip(detach * clip(1.0 - 0.5 * overload, 0.2, 1.0), 0.05, 1.0)
            e = self.energy
            new_energy = clip(e + p.recovery_rate * detach * (1.0 - e) - drain
                              + p.energy_noise * rnd.gauss(0, 1), 0.0, 1.0)
            # engagement (engagement.engagement_target, update_engagement)
            boosting = 1.0 + p.engagement_boost * clip(demand - 1.0, 0.0, 2.0)
            logit = (p.engagement_base + p.engagement_resources * job_res * boosting
                     + p.engagement_personal * personal
                     - p.engagement_exhaustion * self.exhaustion
                     - p.engagement_hindrance * hind)
            target = 1.0 / (1.0 + math.exp(-logit))
            g = self.engagement
            new_engagement = clip(g + p.engagement_rate * (target - g)
                                  + 0.02 * rnd.gauss(0, 1), 0.0, 1.0)
        elif sick:
            # recovery on sick leave (absence.sick_recovery)
            relational = cfg.absence.return_to_work == ReturnToWork.RELATIONAL
            pace = (p.sick_recovery_rate * (0.5 + self.resilience) * self.recovery_speed
                    * (1.0 + (p.relational_recovery_gain if relational else 0.0)))
            e = self.energy
            new_energy = clip(e + pace * (1.0 - e) + p.energy_noise * rnd.gauss(0, 1),
                              0.0, 1.0)
            new_engagement = self.engagement
        else:
            new_energy, new_engagement = self.energy, self.engagement
        self._next_energy = new_energy
        self._next_engagement = new_engagement

    # -------------------------------------------------------------- stage 2
    def crossover(self) -> None:
        """Move towards the mean new state of contacts at work (restates
        ``contagion.crossover``; reads stage-1 values)."""
        self._final_energy, self._final_engagement = self._next_energy, self._next_engagement
        if not self._present:
            return
        total_e = total_g = 0.0
        count = 0
        positions = self.model.positions
        for pos in positions[self.pos_index].contacts:
            other = positions[pos].holder
            if other is not None and other._present:
                total_e += other._next_energy
                total_g += other._next_engagement
                count += 1
        if count == 0:
            return
        pull = self.model.config.params.crossover_rate * 2.0 * self.susceptibility
        e, g = self._next_energy, self._next_engagement
        self._final_energy = clip(e + pull * (total_e / count - e), 0.0, 1.0)
        self._final_engagement = clip(g + pull * (total_g / count - g), 0.0, 1.0)

    # -------------------------------------------------------------- stage 3
    def advance(self) -> None:  # noqa: PLR0915 - the engine's schedule, one person
        """Spirals, training, BAT, leader signals, sick leave and return, turnover, counters."""
        model, cfg = self.model, self.model.config
        p, ab, team, rnd = cfg.params, cfg.absence, model.teams[self.team_index], self.random
        flows = model.flows
        present = self._present
        status = self.status
        sick = status == SICK_LEAVE
        reint = status == REINTEGRATING
        self.energy, self.engagement = energy, engagement = (
            self._final_energy, self._final_engagement)

        # gain and loss spirals of personal resources (spirals.resource_change); treatment
        # while on sick leave (absence.treatment_gain), part of it lasting
        gain = p.gain_rate * max(engagement - GAIN_FROM, 0.0) / (1.0 - GAIN_FROM)
        loss = p.loss_rate * max(1.0 - energy - LOSS_FROM, 0.0) / (1.0 - LOSS_FROM)
        trait = self.trait_resources
        for name in PERSONAL_RESOURCES:
            value = getattr(self, name)
            value += gain * (1.0 - value) - loss * value + p.trait_pull * (trait - value)
            if sick:
                value += p.treatment_rate * (1.0 - value)
            setattr(self, name, clip(value, 0.0, 1.0))
        if sick:
            self.trait_resources = trait + p.treatment_rate * p.treatment_lasting * (1.0 - trait)

        # what a person-directed course taught fades (training.training_fade)
        self.training *= 0.5 ** (1.0 / p.training_half_life_weeks)

        (self.exhaustion, self.mental_distance, self.cognitive_impairment,
         self.emotional_impairment) = bat_dimensions(
            energy, engagement, self.self_efficacy, self.resilience)
        self.demand = self._demand if present else 0.0
        self.job_resources = self._job_res
        self.drain = self._drain

        # the leader acts on early warning signs (leadership.notice_signals)
        if self.relief_left > 0:
            self.relief_left -= 1
            if self.relief_left == 0:
                self.relief = 0.0
        if (present and not self.is_leader and self.relief_left == 0
                and self.exhaustion >= p.warning_exhaustion):
            detection = min(team.levels["lead_signal_detection"] * team.felt
                            * self.leader_attention, 1.0)
            safety = team.levels["psychological_safety"]
            if rnd.random() < detection * (0.5 + 0.5 * safety):
                self.relief_left = p.relief_weeks
                self.relief = p.relief_share

        # burn-out sick leave (absence.persistent_weeks, onset, episode_pace)
        bat = (self.exhaustion + self.mental_distance + self.cognitive_impairment
               + self.emotional_impairment) / 4.0
        self.high_weeks = self.high_weeks + 1 if present and bat >= p.clinical_threshold else 0
        new_sick = present and (
            (self.high_weeks >= p.onset_weeks and rnd.random() < p.onset_hazard)
            or energy < 0.05)
        if new_sick and not reint:  # a new episode (not a setback in a graded return)
            flows.new_cases += 1
            if 0 <= self.since_return <= p.relapse_window_weeks:
                flows.relapses += 1
            self.episode_weeks = 0
            self.episodes += 1
        if new_sick:
            self.recovery_speed = math.exp(rnd.gauss(0.0, p.recovery_spread))
            self.since_return = -1
            self.high_weeks = 0
        # recovery and graded return (absence.ready_to_return, graded_hours)
        back = sick and energy >= p.return_energy and self.weeks_in_status >= p.min_sick_weeks
        if reint:
            hours = min(self.hours + (1.0 - ab.reintegration_start_hours)
                        / ab.reintegration_weeks, 1.0)
            self.hours = 1.0 if hours >= 1.0 - 1e-9 else hours
        full = reint and self.hours >= 1.0 and not new_sick
        if new_sick:
            self.status = SICK_LEAVE
            self.hours = 0.0
        if back:
            relational = cfg.absence.return_to_work == ReturnToWork.RELATIONAL
            self.status = REINTEGRATING
            self.hours = ab.reintegration_start_hours
            self.relief = p.relational_relief if relational else p.return_relief
            self.relief_left = ab.reintegration_weeks + (
                p.relational_relief_weeks if relational else 0)
        if full:
            self.status = WORKING
            self.since_return = 0
            flows.returns += 1
            model.log_episode(self, "returned")
            self.episode_weeks = -1

        # turnover (turnover.quit_probability): voluntary leaving, and contract end after
        # long-term absence
        quits = (self.status == WORKING and not full and rnd.random() < min(
            model.weekly_quit_rate * math.exp(p.quit_engagement
                                              * (REFERENCE_ENGAGEMENT - engagement)), 0.5))
        long_term = self.status == SICK_LEAVE and self.episode_weeks >= ab.max_sick_weeks
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
        p = cfg.params
        self.weekly_quit_rate = 1.0 - (1.0 - p.quit_rate_per_year) ** (1.0 / 52.0)
        n = cfg.org.n_employees
        if cfg.org.teams:
            team, leader_row = explicit_layout([t.headcount for t in cfg.org.teams])
        else:
            team, leader_row = team_layout(n, cfg.org.team_size)
        # team levels as the engine draws them; levels given in org.teams replace them
        arrays = _apply_team_specs(cfg, build_teams(cfg, team, leader_row, self.rng))
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
            agent.tenure = self.random.randrange(520)
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
                # productivity while onboarding (hiring.productivity)
                productivity = (1.0 if ow <= 0 else start + (1.0 - start)
                                * clip(1.0 - agent.onboarding_left / ow, 0.0, 1.0))
                team.capacity += agent.hours * productivity * (1.0 - agent.relief)
                team.members_present += 1
        innovation_sd = p.workload_shock_sd * math.sqrt(
            1.0 - p.workload_shock_persistence * p.workload_shock_persistence)
        for team in self.teams:
            lv = team.levels
            # busy and quiet periods (demands.workload_fluctuation)
            team.shock = max(1.0 + p.workload_shock_persistence * (team.shock - 1.0)
                             + innovation_sd * self.random.gauss(0, 1), 0.0)
            # how much of the leader's style is felt (leadership.presence_factor)
            leader = self.positions[team.leader_pos].holder
            team.felt = (0.5 + 0.5 * leader.energy if leader is not None and leader.present
                         else p.absent_leader_factor)
            workload = lv["workload"] * team.shock
            team_work = workload * team.positions * (1.0 - lv["staffing_buffer"])
            # the domino effect, not capped (demands.team_load_ratio): what people cannot
            # take on is left undone
            team.ratio = team_work / team.capacity if team.capacity > 0 else 1.0
            absent_share = 1.0 - team.members_present / max(team.positions, 1)
            team.leader_load = workload * (1.0 + p.leader_absence_load * absent_share)
            # time left for core work (demands.available_time)
            team.avail = (1.0 - lv["bureaucracy"]) / (
                1.0 + lv["switch_cost"] * (lv["parallel_priorities"] - 1.0))

    def step(self) -> None:
        """One week: team aggregates, three agent stages, hiring, then the weekly numbers."""
        cfg = self.config
        self.flows = WeekFlows()
        self._team_aggregates()
        vacancies = [i for i, pos in enumerate(self.positions) if pos.holder is None]
        self.agents.shuffle_do("step")
        self.agents.shuffle_do("crossover")
        self.agents.shuffle_do("advance")
        # hiring: vacancies from before this week are filled after a delay (hiring.filled)
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
            if agent.status == SICK_LEAVE:
                n_sick += 1
                lost += 1.0
            elif agent.status == REINTEGRATING:
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
