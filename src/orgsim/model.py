"""OrgModel: an organisation of teams whose employees' energy and engagement evolve weekly.

One Mesa step is one week. The weekly update runs every mechanism in ``orgsim.dynamics``
on the whole state at once (numpy); the Employee/Leader agents are views on rows of that
state. Scheduling within a week (all simultaneous, reading last week's state unless
stated): outside-work events -> leader presence -> demands -> resources -> energy
(drain and recovery) -> engagement -> crossover -> personal-resource spirals -> BAT
dimensions -> leaders act on signals -> sick leave, recovery, graded return, relapse ->
turnover -> hiring -> counters -> metrics.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import mesa
import numpy as np
import pandas as pd
from omegaconf import DictConfig, OmegaConf

from orgsim import streams
from orgsim.agents import Employee, Leader, leave_all
from orgsim.compose import Timeline, to_config
from orgsim.config import Config, ConfigError, ReturnToWork, check_value
from orgsim.dynamics import (
    absence,
    burnout,
    contagion,
    demands,
    energy,
    engagement,
    hiring,
    leadership,
    outside_work,
    resources,
    spirals,
    turnover,
)
from orgsim.metrics import COLUMNS, WeekFlows, weekly_metrics
from orgsim.organisation import draw_people, initial_workforce
from orgsim.state import FLOAT_FIELDS, INT_FIELDS, PERSONAL_RESOURCES, Role, Status


class OrgModel(mesa.Model):
    """An organisation simulated week by week (JD-R dynamics on Mesa).

    Args:
        config: a :class:`~orgsim.config.Config`, a Hydra/OmegaConf config or a mapping;
            ``None`` gives the calibrated baseline.
        rng: random seed; ``None`` uses ``config.seed``. All randomness comes from
            ``self.rng``, so the same config and seed give bit-identical results.
        overrides: dotted keys to change, e.g. ``{"demands.workload": 0.9}``.

    Example:
        >>> model = OrgModel(rng=1)
        >>> model.run_for(52)
        >>> model.timeseries()["burnout_complaints"].mean()  # doctest: +SKIP
    """

    def __init__(
        self,
        config: Config | DictConfig | Mapping[str, Any] | None = None,
        rng: int | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        cfg = copy.deepcopy(to_config(config)) if config is not None else Config()
        if overrides:
            cfg = _apply_overrides(cfg, overrides)
        seed = cfg.seed if rng is None else rng
        if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
            raise ConfigError(f"rng = {seed!r} must be a non-negative integer seed")
        super().__init__(rng=int(seed))
        self.config = cfg
        self.seed = int(seed)
        self.workforce, self.teams, (self._src, self._dst) = initial_workforce(cfg, self.rng)
        n = self.workforce.size
        self._agent_at: list[Employee | None] = [None] * n
        # Performance: a holder's unique_id is fixed when hired (Mesa's counter, row order),
        # its Mesa Agent object is created on first access (agents, agent_at, ...).
        self._uid = np.zeros(n, dtype=np.int64)
        self._pending = np.zeros(n, dtype=bool)
        self._reserve(np.arange(n))
        self._records: list[tuple[float, ...]] = []
        self.episode_log: list[dict[str, Any]] = []
        self.week = -cfg.warmup_weeks
        self._last: dict[str, np.ndarray] = {}
        self._productivity = np.ones(self.workforce.size)
        #: scheduled shocks, interventions and live events (orgsim.events.Timeline)
        self.timeline = Timeline.from_config(self)
        for _ in range(cfg.warmup_weeks):
            self._advance_week(record=False)
        self.week = 0
        self.episode_log.clear()

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_config(
        cls, cfg: Config | DictConfig | Mapping[str, Any], rng: int | None = None
    ) -> OrgModel:
        """Build a model from a composed config (see :func:`orgsim.load_config`)."""
        return cls(config=cfg, rng=rng)

    def _aux(self, purpose: int) -> np.random.Generator:
        """Generator for this week's variable-size draws, seeded by (seed, week, purpose).

        The main stream ``self.rng`` only makes fixed-size draws each week, so two runs that
        differ only in their interventions keep drawing the same numbers for the same people
        (common random numbers); draws whose number depends on the state come from here.
        """
        return streams.weekly(self.seed, self.week, streams.Purpose(purpose))

    # ------------------------------------------------------------------ who holds a position
    def vacate(self, rows: np.ndarray) -> None:
        """The holders of ``rows`` leave: their agents detach (keeping a snapshot of their
        final state) and deregister, and the positions become vacant (no hours, energy or
        engagement). Used by turnover and by events; hiring fills the positions again."""
        rows = np.asarray(rows, dtype=np.int64)
        made = [r for r in rows.tolist() if self._agent_at[r] is not None]
        leave_all([a for a in (self._agent_at[r] for r in made) if a is not None],
                  self.workforce)
        for r in made:
            self._agent_at[r] = None
        self._pending[rows] = False  # holders never asked for need no detaching
        ws = self.workforce
        ws.status[rows] = Status.VACANT
        ws.hours[rows] = 0.0
        ws.energy[rows] = 0.0
        ws.engagement[rows] = 0.0

    def fill(self, rows: np.ndarray, rng: np.random.Generator) -> None:
        """New people take the positions ``rows``: traits and a fresh state drawn from
        ``rng`` (:func:`~orgsim.organisation.draw_people`), onboarding starts, and each gets
        its unique_id now (its Mesa agent is created when first asked for)."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return
        draw_people(self.config, rows, self.workforce, rng)
        self.workforce.onboarding_left[rows] = self.config.hiring.onboarding_weeks
        self._reserve(rows)

    def holder_ids(self, rows: np.ndarray) -> np.ndarray:
        """The unique_id of the person holding each of ``rows`` (fixed while they stay;
        a position's next holder gets a new one)."""
        return self._uid[rows]

    def _reserve(self, rows: np.ndarray) -> None:
        """New holders of ``rows``: their unique_ids now (in row order), their agents later."""
        k = len(rows)
        self._uid[rows] = np.arange(self.agent_id_counter, self.agent_id_counter + k)
        self.agent_id_counter += k
        self._pending[rows] = True

    def _materialise(self, rows: np.ndarray | None = None) -> None:
        """Create the Mesa agents of holders not created yet (all, or those in ``rows``)."""
        pending = getattr(self, "_pending", None)
        if pending is None:  # Mesa's own __init__ is still running
            return
        todo = np.flatnonzero(pending) if rows is None else rows[pending[rows]]
        if len(todo) == 0:
            return
        counter: int = self.agent_id_counter  # type: ignore[has-type] # undo Mesa's numbering
        role = self.workforce.role
        for row in todo.tolist():
            agent = (Leader if role[row] == Role.LEADER else Employee)(self, row)
            agent.unique_id = int(self._uid[row])
            self._agent_at[row] = agent
        self.agent_id_counter = counter
        pending[todo] = False

    @property
    def agents(self) -> Any:  # type: ignore[override]
        """All employees as a Mesa AgentSet (created on first access)."""
        self._materialise()
        return super().agents

    @property
    def agents_by_type(self) -> Any:  # type: ignore[override]
        self._materialise()
        return super().agents_by_type

    @property
    def agent_types(self) -> list[type]:  # type: ignore[override]
        self._materialise()
        return super().agent_types

    def _layout(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Member mask, member mask as 0/1 floats, team + n_teams x is_leader, members per team.

        Roles and teams of positions never change (rows never move), so these are computed
        once; the cache is rebuilt if the arrays are replaced.
        """
        ws = self.workforce
        key = getattr(self, "_layout_key", None)
        if key is None or key[0] is not ws.role or key[1] is not ws.team:
            is_leader = ws.role == Role.LEADER
            member = ~is_leader
            self._layout_cache = (member, member.astype(float),
                                  ws.team + self.teams.size * is_leader,
                                  np.bincount(ws.team[member], minlength=self.teams.size))
            self._layout_key = (ws.role, ws.team)
        return self._layout_cache

    def _network(self) -> contagion.Network:
        """The contact network (cached; rebuilt if the edges are replaced)."""
        key = getattr(self, "_network_key", None)
        if key is None or key[0] is not self._src or key[1] is not self._dst:
            self._adjacency = contagion.adjacency(self._src, self._dst, self.workforce.size)
            self._network_key = (self._src, self._dst)
        return self._adjacency

    def _present_contacts(self, present: np.ndarray) -> np.ndarray:
        """Present contacts of each position (cached while nobody's presence changes)."""
        net = self._network()
        cached = getattr(self, "_contacts_cache", None)
        if cached is None or cached[0] is not net or not (cached[1] == present).all():
            counts = contagion.present_contacts(net, present)
            counts.flags.writeable = False  # shared between weeks: nobody may change it
            self._contacts_cache = (net, present.copy(), counts)
        return self._contacts_cache[2]

    def _productivity_table(self) -> np.ndarray:
        """Productivity by weeks of onboarding left, 0..onboarding_weeks (cached per config)."""
        weeks, start = self.config.hiring.onboarding_weeks, self.config.hiring.new_hire_productivity
        if getattr(self, "_productivity_key", None) != (weeks, start):
            self._productivity_by_weeks = hiring.productivity(np.arange(weeks + 1), weeks, start)
            self._productivity_key = (weeks, start)
        return self._productivity_by_weeks

    # ------------------------------------------------------------------ stepping
    def step(self) -> None:
        """Advance one week."""
        self._advance_week(record=True)

    def _advance_week(self, record: bool) -> None:  # noqa: PLR0915 - one readable schedule
        # Performance notes: masks that multiply are 0/1 floats (no bool casts), counts use
        # count_nonzero, and what concerns few people (sick leave, vacancies, hires) is
        # computed for those rows only. Every value is computed with the same operations in
        # the same order as the plain form, so results are bit-identical.
        self.timeline.start_week(self)  # due events/interventions change the inputs
        cfg, p, ws, tm = self.config, self.config.params, self.workforce, self.teams
        n = ws.size
        uniform = self.rng.random((6, n))
        normal = self.rng.standard_normal((3, n))
        tm.workload_shock[:] = demands.workload_fluctuation(
            tm.workload_shock, self.rng.standard_normal(tm.size),
            sd=p.workload_shock_sd, persistence=p.workload_shock_persistence)
        flows = WeekFlows()

        status = ws.status
        present = ws.present()
        present_f = present.astype(float)
        sick_rows = np.flatnonzero(status == Status.SICK_LEAVE)
        vacant = status == Status.VACANT
        member, member_f, role_idx, members = self._layout()
        present_member_f = present_f * member_f
        team = ws.team
        n_teams = tm.size

        # outside work: life events come and go
        ws.life_event_left[:], ws.life_event[:] = outside_work.life_event_countdown(
            ws.life_event_left, ws.life_event)
        starts = outside_work.life_event_starts(
            (ws.life_event_left > 0) | vacant, uniform[0],
            events_per_year=cfg.people.life_events_per_year)
        k = np.count_nonzero(starts)
        if k:
            ws.life_event_left[starts] = self._aux(1).geometric(
                1.0 / cfg.people.life_event_weeks, size=k)
            ws.life_event[starts] = cfg.people.life_event_load
        outside = outside_work.outside_load(ws.caregiving, ws.life_event)

        # Performance: whatever depends only on the team and the role is computed once per
        # (role, team) - row 0 members, row 1 the leader - and then gathered per position
        # with one index (``role_idx`` = team + n_teams x is_leader). Same arithmetic.
        # leader presence: how much of the team's leader style is felt (per team)
        lr = tm.leader_row
        felt = leadership.presence_factor(
            present[lr], ws.energy[lr], absent_factor=p.absent_leader_factor)
        # leaders' own "leader" is higher management
        mgmt = np.full(n_teams, float(cfg.org.management_support))

        def by_role(members: np.ndarray, leaders: np.ndarray) -> np.ndarray:
            return np.stack([members, leaders])

        # demands: the team's work over the capacity present (domino effect)
        weeks_on = cfg.hiring.onboarding_weeks
        productivity = self._productivity_table()[np.clip(ws.onboarding_left, 0, weeks_on)]
        # 1 - relief for members, 1 for leaders (a leader's relief does not lower the team
        # load they carry; their capacity does not count)
        relief_factor = 1.0 - ws.relief * member_f
        capacity = ws.hours * productivity * relief_factor * present_member_f
        workload = tm.workload * tm.workload_shock
        team_work = workload * tm.positions * (1.0 - tm.staffing_buffer)
        ratio = demands.team_load_ratio(team_work, capacity, team, n_teams)
        absent_members = np.flatnonzero(member & ~present)
        members_present = members - np.bincount(team[absent_members], minlength=n_teams)
        absent_share = 1.0 - members_present / np.maximum(tm.positions, 1)
        # members: the team's load ratio less their relief; leaders: their team's absence
        load = by_role(ratio, workload * (1.0 + p.leader_absence_load * absent_share)).ravel()[
            role_idx] * relief_factor
        avail = demands.available_time(tm.bureaucracy, tm.parallel_priorities, tm.switch_cost)
        pressure = demands.time_pressure(load, avail[team])
        clarity_tr = by_role(tm.lead_clarity * felt, mgmt)
        hind = demands.hindrance(
            tm.role_ambiguity, tm.priority_churn, tm.relational_strain, clarity_tr,
            tm.collaboration).ravel()[role_idx]
        safety = tm.psychological_safety[team]
        demand = demands.perceived_demand(
            pressure, hind, outside, ws.fit, ws.assertiveness, safety, ws.exhaustion,
            overload_penalty=p.overload_penalty, hindrance_weight=p.hindrance_weight,
            outside_weight=p.outside_weight, misfit_weight=p.misfit_weight,
            assertiveness_effect=p.assertiveness_effect, appraisal_loss=p.appraisal_loss)

        # resources: per (in a leader's conversation or not, role, team)
        def lead(style: np.ndarray) -> np.ndarray:
            return by_role(style * felt, mgmt)

        job_res = resources.job_resources(
            tm.autonomy, tm.feedback, tm.recognition, tm.coaching, tm.development,
            tm.collaboration, tm.psychological_safety, lead(tm.lead_support),
            lead(tm.lead_recognition), lead(tm.lead_participation),
            lead(tm.lead_honest_conversation), np.array([0.0, 1.0])[:, None, None]
        ).ravel()[role_idx + (2 * n_teams) * (ws.relief_left > 0)]
        personal = ws.personal_resources()

        # health-impairment process and recovery
        drain = energy.work_drain(
            demand, job_res, personal, ws.overcommitment, ws.engagement, ws.hours * present_f,
            drain_rate=p.drain_rate, resource_buffer=p.resource_buffer,
            personal_buffer=p.personal_buffer, overcommit_effort=p.overcommit_effort)
        detach = energy.detachment(
            ws.energy_management, tm.recovery_policy[team], ws.overcommitment, outside,
            pressure, overcommit_detach=p.overcommit_detach)
        at_work_energy = energy.update_energy(
            ws.energy, drain, detach, p.energy_noise * normal[0], recovery_rate=p.recovery_rate)
        relational = cfg.absence.return_to_work == ReturnToWork.RELATIONAL
        new_energy = np.where(present, at_work_energy, ws.energy)
        if len(sick_rows):  # people on sick leave recover (vacancies keep their value)
            new_energy[sick_rows] = absence.sick_recovery(
                ws.energy[sick_rows], ws.resilience[sick_rows], ws.recovery_speed[sick_rows],
                relational, p.energy_noise * normal[1][sick_rows],
                rate=p.sick_recovery_rate, relational_gain=p.relational_recovery_gain)

        # motivational process
        target = engagement.engagement_target(
            job_res, personal, demand, ws.exhaustion, hind,
            base=p.engagement_base, resources=p.engagement_resources,
            personal=p.engagement_personal, boost=p.engagement_boost,
            exhaustion_effect=p.engagement_exhaustion, hindrance_effect=p.engagement_hindrance)
        new_engagement = np.where(
            present,
            engagement.update_engagement(ws.engagement, target, 0.02 * normal[2],
                                         rate=p.engagement_rate),
            ws.engagement)

        # crossover among colleagues at work
        (nb_energy, nb_engagement), _ = contagion.neighbour_means(
            self._network(), present, new_energy, new_engagement,
            count=self._present_contacts(present))
        new_energy += contagion.crossover(
            new_energy, nb_energy, ws.susceptibility, present_f, rate=p.crossover_rate)
        np.clip(new_energy, 0, 1, out=ws.energy)
        new_engagement += contagion.crossover(
            new_engagement, nb_engagement, ws.susceptibility, present_f, rate=p.crossover_rate)
        np.clip(new_engagement, 0, 1, out=ws.engagement)
        new_energy, new_engagement = ws.energy, ws.engagement

        # gain and loss spirals of personal resources, all four at once
        arr = ws.rows(PERSONAL_RESOURCES)
        stacked = arr is None
        if arr is None:
            arr = np.stack([getattr(ws, name) for name in PERSONAL_RESOURCES])
        change = spirals.resource_change(
            arr, ws.trait_resources, new_engagement, 1.0 - new_energy,
            gain_rate=p.gain_rate, loss_rate=p.loss_rate, trait_pull=p.trait_pull)
        change[:, vacant] = 0.0  # employed people only
        arr += change
        if len(sick_rows):  # individual treatment during sick leave
            arr[:, sick_rows] += absence.treatment_gain(arr[:, sick_rows], rate=p.treatment_rate)
        np.clip(arr, 0.0, 1.0, out=arr)
        if len(sick_rows):
            # part of what treatment teaches lasts: the trait level the resources return to rises
            ws.trait_resources[sick_rows] += absence.treatment_gain(
                ws.trait_resources[sick_rows], rate=p.treatment_rate * p.treatment_lasting)
        if stacked:
            for name, values in zip(PERSONAL_RESOURCES, arr, strict=True):
                getattr(ws, name)[:] = values

        # the four BAT dimensions
        (ws.exhaustion[:], ws.mental_distance[:], ws.cognitive_impairment[:],
         ws.emotional_impairment[:]) = burnout.bat_dimensions(
            ws.energy, ws.engagement, ws.self_efficacy, ws.resilience)
        np.multiply(demand, present_f, out=ws.demand)
        ws.job_resources[:] = job_res
        ws.drain[:] = drain
        self._productivity = productivity
        if record:
            self._last = {"pressure": pressure, "hindrance": hind, "outside": outside,
                          "clarity": clarity_tr.ravel()[role_idx]}

        # leaders act on early warning signs: lower the load and talk
        relieved = np.flatnonzero(ws.relief_left)
        if len(relieved):
            left = ws.relief_left[relieved] - 1
            ws.relief_left[relieved] = np.maximum(left, 0)
            ws.relief[relieved[left == 0]] = 0.0
        noticed = leadership.notice_signals(
            ws.exhaustion, present & member & (ws.relief_left == 0),
            (tm.lead_signal_detection * felt)[team], safety, uniform[1],
            warning=p.warning_exhaustion)
        ws.relief_left[noticed] = p.relief_weeks
        ws.relief[noticed] = p.relief_share

        # burn-out sick leave, recovery, graded return and relapse
        bat = ws.bat_total()
        ws.high_weeks[:] = absence.persistent_weeks(
            ws.high_weeks, present & (bat >= p.clinical_threshold))
        new_sick = absence.onset(ws.high_weeks, ws.energy, present, uniform[2],
                                 onset_weeks=p.onset_weeks, hazard=p.onset_hazard)
        reint_rows = np.flatnonzero(status == Status.REINTEGRATING)
        sick_ids = np.flatnonzero(new_sick)
        n_sick = len(sick_ids)
        # a setback during graded return continues the episode; a relapse is a new episode
        # within the relapse window after a full return (Koopmans et al. 2011)
        episode_rows = sick_ids[status[sick_ids] != Status.REINTEGRATING]
        since = ws.since_return[episode_rows]
        flows.new_cases = len(episode_rows)
        flows.relapses = int(np.count_nonzero((since >= 0) & (since <= p.relapse_window_weeks)))
        if n_sick:  # (a generator costs ~20 us: only make one when it is used)
            ws.episode_weeks[episode_rows] = 0
            ws.recovery_speed[sick_ids] = absence.episode_pace(
                n_sick, self._aux(2), p.recovery_spread)
            ws.episodes[episode_rows] += 1
            ws.since_return[sick_ids] = -1
            ws.high_weeks[sick_ids] = 0

        back = sick_rows[absence.ready_to_return(
            ws.energy[sick_rows], ws.weeks_in_status[sick_rows], return_energy=p.return_energy,
            min_weeks=p.min_sick_weeks)]
        ab = cfg.absence
        ws.hours[reint_rows] = absence.graded_hours(
            ws.hours[reint_rows], ab.reintegration_start_hours, ab.reintegration_weeks)
        full = reint_rows[(ws.hours[reint_rows] >= 1.0) & ~new_sick[reint_rows]]
        status[sick_ids] = Status.SICK_LEAVE
        ws.hours[sick_ids] = 0.0
        status[back] = Status.REINTEGRATING
        ws.hours[back] = ab.reintegration_start_hours
        # graded return with suitable work; relational: more relief, and for longer
        ws.relief[back] = p.relational_relief if relational else p.return_relief
        ws.relief_left[back] = ab.reintegration_weeks + (
            p.relational_relief_weeks if relational else 0)
        status[full] = Status.WORKING
        ws.since_return[full] = 0
        flows.returns = len(full)
        if record:
            for row in full:
                self._log_episode(int(row), "returned")
        ws.episode_weeks[full] = -1

        # turnover: voluntary leaving, and contract end after long-term absence. Performance:
        # only people whose draw is below the highest possible quit probability (engagement
        # 0 or 1) can quit, so the probability is computed for those few only (same values).
        ceiling = turnover.quit_probability(
            np.array([0.0, 1.0]), rate_per_year=p.quit_rate_per_year,
            engagement_effect=p.quit_engagement).max()
        maybe = np.flatnonzero(uniform[3] < ceiling * (1.0 + 1e-9))
        maybe = maybe[status[maybe] == Status.WORKING]
        maybe = maybe[uniform[3][maybe] < turnover.quit_probability(
            ws.engagement[maybe], rate_per_year=p.quit_rate_per_year,
            engagement_effect=p.quit_engagement)]
        quits = np.zeros(n, dtype=bool)
        quits[maybe] = True
        quits[full] = False
        sick_now = np.flatnonzero(status == Status.SICK_LEAVE)
        long_term = sick_now[ws.episode_weeks[sick_now] >= ab.max_sick_weeks]
        leavers = quits
        leavers[long_term] = True
        left_rows = np.flatnonzero(leavers)
        if record:
            for row in left_rows[ws.episode_weeks[left_rows] >= 0]:
                self._log_episode(int(row), "left")
        self.vacate(left_rows)
        flows.leavers = len(left_rows)

        # hiring: vacancies (from before this week) are filled after a delay
        hires = hiring.filled(vacant, uniform[4], mean_weeks=cfg.hiring.vacancy_weeks)
        rows = np.flatnonzero(hires)
        if len(rows):
            self.fill(rows, self._aux(3))
        flows.hires = len(rows)

        # counters
        ws.tenure += status != Status.VACANT
        ws.weeks_in_status += 1
        for changed in (sick_ids, back, full, left_rows, rows):
            ws.weeks_in_status[changed] = 0
        onboarding = np.flatnonzero(ws.onboarding_left)
        ws.onboarding_left[onboarding] = np.maximum(ws.onboarding_left[onboarding] - 1, 0)
        ws.episode_weeks += ws.episode_weeks >= 0
        ws.since_return += ws.since_return >= 0

        self.week += 1
        if record:
            self._records.append(weekly_metrics(
                self.week, ws, flows, self._productivity, p.complaints_threshold,
                cfg.costs.eur_per_absence_day, cfg.costs.replacement_cost_eur))

    def _log_episode(self, row: int, outcome: str) -> None:
        weeks = int(self.workforce.episode_weeks[row]) + 1
        self.episode_log.append({"row": row, "end_week": self.week + 1, "weeks": weeks,
                                 "days": 7 * weeks, "outcome": outcome,
                                 "episode": int(self.workforce.episodes[row])})

    # ------------------------------------------------------------------ results
    def timeseries(self) -> pd.DataFrame:
        """One row per simulated week; columns as in :data:`orgsim.metrics.COLUMNS`."""
        df = pd.DataFrame.from_records(self._records, columns=list(COLUMNS))
        int_cols = ["week", "new_burnout_cases", "returns", "relapses", "leavers", "hires",
                    "headcount"]
        return df.astype(dict.fromkeys(int_cols, "int64"))

    def employees(self) -> pd.DataFrame:
        """One row per current employee (vacancies excluded) with all state variables."""
        ws = self.workforce
        rows = np.flatnonzero(ws.status != Status.VACANT)
        data: dict[str, Any] = {
            "unique_id": self._uid[rows],
            "row": rows,
        }
        for name in FLOAT_FIELDS:
            data[name] = getattr(ws, name)[rows]
        for name in INT_FIELDS:
            data[name] = getattr(ws, name)[rows]
        data["status"] = [Status(s).name.lower() for s in ws.status[rows]]
        data["role"] = [Role(r).name.lower() for r in ws.role[rows]]
        data["personal_resources"] = ws.personal_resources()[rows]
        data["bat_total"] = ws.bat_total()[rows]
        return pd.DataFrame(data)

    def episodes(self) -> pd.DataFrame:
        """Burn-out episodes that ended since week 0 (full return or leaving)."""
        return pd.DataFrame(self.episode_log,
                            columns=["row", "end_week", "weeks", "days", "outcome", "episode"])

    def demand_breakdown(self, row: int) -> dict[str, float]:
        """What drains a person most this week: the parts of their demand (for the app)."""
        if not self._last or row < 0:
            return {}
        tm, t = self.teams, int(self.workforce.team[row])
        clarity = float(self._last["clarity"][row])
        return {
            "workload": float(self._last["pressure"][row]),
            "role_ambiguity": float(tm.role_ambiguity[t] * (1 - 0.5 * clarity)),
            "priority_churn": float(tm.priority_churn[t]),
            "relational_strain": float(tm.relational_strain[t]
                                       * (1 - 0.5 * tm.collaboration[t])),
            "outside_work": float(self._last["outside"][row]),
        }

    def agent_at(self, row: int) -> Employee | None:
        """The employee holding position ``row`` (None when vacant)."""
        if self._pending[row]:
            self._materialise(np.array([row]))
        return self._agent_at[row]


def _apply_overrides(cfg: Config, overrides: Mapping[str, Any]) -> Config:
    """Return ``cfg`` with dotted-key overrides applied and validated."""
    node = OmegaConf.structured(cfg)
    for key, value in overrides.items():
        if OmegaConf.select(node, key, default="__missing__") == "__missing__":
            raise ConfigError(f"{key}: unknown configuration key")
        value = check_value(key, value)
        try:
            OmegaConf.update(node, key, value, merge=False)
        except Exception as exc:  # omegaconf validation errors
            raise ConfigError(f"{key} = {value!r}: {str(exc).splitlines()[0]}") from None
    return to_config(node)
