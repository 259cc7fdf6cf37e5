"""OrgModel: an organisation of teams whose employees' energy and engagement evolve weekly.

One Mesa step is one week: the components of :data:`orgsim.week.SCHEDULE` run in order,
each calling the mechanisms of one ``orgsim.dynamics`` module on the whole state at once
(numpy). The Employee/Leader agents are views on rows of that state. The model owns the
state, the structure (teams, contact network) and who holds which position
(:meth:`OrgModel.vacate`, :meth:`OrgModel.fill`).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, NamedTuple

import mesa
import numpy as np
import pandas as pd
from omegaconf import DictConfig, OmegaConf

from orgsim import streams
from orgsim.agents import Employee, Leader, leave_all
from orgsim.compose import Timeline, to_config
from orgsim.config import Config, ConfigError, check_value
from orgsim.dynamics import contagion, hiring
from orgsim.organisation import draw_people, initial_workforce
from orgsim.state import FLOAT_FIELDS, INT_FIELDS, Role, Status
from orgsim.week import Component, TeamOutcomes, WeekContext, WeeklyMetrics, schedule


class DemandParts(NamedTuple):
    """What :meth:`OrgModel.demand_breakdown` reads of the last recorded week (kept instead
    of the whole :class:`~orgsim.week.WeekContext`, whose other per-person arrays would
    otherwise stay in memory through the next week)."""

    pressure: np.ndarray
    hindrance_parts: tuple[np.ndarray, np.ndarray, np.ndarray]
    outside: np.ndarray


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
        #: key of the run's keyed random draws (orgsim.streams: counter-based, CRN)
        self.stream_key = streams.key(self.seed)
        org_rng = self.rng if cfg.org_seed is None else streams.organisation(cfg.org_seed)
        self.workforce, self.teams, (src, dst) = initial_workforce(cfg, org_rng)
        n = self.workforce.size
        # the contact network in the form the week uses, built once; the edge list itself is
        # not kept (memory: 50 MB at a million people; _src/_dst give it back)
        self._adjacency = contagion.adjacency(src, dst, n)
        del src, dst
        self._agent_at: list[Employee | None] = [None] * n
        # Performance: a holder's unique_id is fixed when hired (Mesa's counter, row order),
        # its Mesa Agent object is created on first access (agents, agent_at, ...).
        self._uid = np.zeros(n, dtype=np.int64)
        self._pending = np.zeros(n, dtype=bool)
        self._reserve(np.arange(n))
        self.episode_log: list[dict[str, Any]] = []
        self.week = -cfg.warmup_weeks
        #: the week's components, in the order they run (orgsim.week.schedule: SCHEDULE, or
        #: with its person-level components fused, Config.engine)
        self.schedule: list[Component] = [component() for component in schedule(cfg.engine)]
        self._metrics = next(c for c in self.schedule if isinstance(c, WeeklyMetrics))
        self._team_outcomes = next(c for c in self.schedule if isinstance(c, TeamOutcomes))
        self._last_week: DemandParts | None = None
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
        workforce = self.workforce
        workforce.status[rows] = Status.VACANT
        workforce.hours[rows] = 0.0
        workforce.energy[rows] = 0.0
        workforce.engagement[rows] = 0.0
        workforce.training[rows] = 0.0  # a vacancy has had no course

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

    # ------------------------------------------------------------------ structure (cached)
    def team_layout(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Member mask, member mask as 0/1 floats, members per team.

        Roles and teams of positions never change (rows never move), so these are computed
        once; the cache is rebuilt if the arrays are replaced.
        """
        workforce = self.workforce
        key = getattr(self, "_layout_key", None)
        if key is None or key[0] is not workforce.role or key[1] is not workforce.team:
            member = workforce.role != Role.LEADER
            self._layout_cache = (member, member.astype(float),
                                  np.bincount(workforce.team[member], minlength=self.teams.size))
            self._layout_key = (workforce.role, workforce.team)
        return self._layout_cache

    def contact_network(self) -> contagion.Network:
        """The contact network (built with the organisation; its structure never changes)."""
        return self._adjacency

    @property
    def _src(self) -> np.ndarray:
        """The contact network as an edge list with both directions: sources (grouped by
        destination, :attr:`_dst`; in the organisation's edge order within a group)."""
        return self._adjacency.indices

    @property
    def _dst(self) -> np.ndarray:
        """Destinations of the edges of :attr:`_src`."""
        net = self._adjacency
        return np.repeat(np.arange(len(net.indptr) - 1, dtype=net.indices.dtype),
                         np.diff(net.indptr))

    def present_contacts(self, present: np.ndarray) -> np.ndarray:
        """Present contacts of each position (cached while nobody's presence changes)."""
        net = self.contact_network()
        cached = getattr(self, "_contacts_cache", None)
        if cached is None or cached[0] is not net or not (cached[1] == present).all():
            counts = contagion.present_contacts(net, present)
            counts.flags.writeable = False  # shared between weeks: nobody may change it
            self._contacts_cache = (net, present.copy(), counts)
        return self._contacts_cache[2]

    def productivity_table(self) -> np.ndarray:
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

    def _advance_week(self, record: bool) -> None:
        """Run the week's components in the order of the schedule (:mod:`orgsim.week`)."""
        ctx = WeekContext(self, record)
        for component in self.schedule:
            component.step(ctx)
        self._last_week = (DemandParts(ctx.pressure, ctx.hindrance_parts, ctx.outside)
                           if record else None)
        self.week += 1

    def log_episode(self, row: int, outcome: str) -> None:
        """Log the end of the current burn-out episode of ``row`` (``returned`` or ``left``)
        in this week (:meth:`episodes`)."""
        weeks = int(self.workforce.episode_weeks[row]) + 1
        self.episode_log.append({"row": row, "end_week": self.week + 1, "weeks": weeks,
                                 "days": 7 * weeks, "outcome": outcome,
                                 "episode": int(self.workforce.episodes[row])})

    # ------------------------------------------------------------------ results
    # ------------------------------------------------------------------ results
    def timeseries(self) -> pd.DataFrame:
        """One row per simulated week; columns as in :data:`orgsim.metrics.COLUMNS`."""
        return self._metrics.table()

    def team_outcomes(self) -> pd.DataFrame:
        """Per team, over the simulated weeks (not the warm-up): new burn-out cases,
        leavers, burn-out absence, complaints and exhaustion; columns as in
        :data:`orgsim.week.TEAM_COLUMNS` plus ``name`` when teams are named."""
        df = self._team_outcomes.table(np.bincount(self.workforce.team,
                                                   minlength=self.teams.size))
        if self.config.org.teams:
            df.insert(1, "name", [t.name for t in self.config.org.teams])
        return df

    def employees(self) -> pd.DataFrame:
        """One row per current employee (vacancies excluded) with all state variables."""
        workforce = self.workforce
        rows = np.flatnonzero(workforce.status != Status.VACANT)
        data: dict[str, Any] = {
            "unique_id": self._uid[rows],
            "row": rows,
        }
        for name in FLOAT_FIELDS:
            data[name] = getattr(workforce, name)[rows]
        for name in INT_FIELDS:
            data[name] = getattr(workforce, name)[rows]
        data["status"] = [Status(s).name.lower() for s in workforce.status[rows]]
        data["role"] = [Role(r).name.lower() for r in workforce.role[rows]]
        data["personal_resources"] = workforce.personal_resources()[rows]
        data["bat_total"] = workforce.bat_total()[rows]
        return pd.DataFrame(data)

    def episodes(self) -> pd.DataFrame:
        """Burn-out episodes that ended since week 0 (full return or leaving)."""
        return pd.DataFrame(self.episode_log,
                            columns=["row", "end_week", "weeks", "days", "outcome", "episode"])

    def demand_breakdown(self, row: int) -> dict[str, float]:
        """What drains a person most this week: the parts of their demand (for the app);
        empty before the first recorded week."""
        ctx = self._last_week
        if ctx is None or row < 0:
            return {}
        ambiguity, churn, strain = (float(np.broadcast_to(part, ctx.pressure.shape)[row])
                                    for part in ctx.hindrance_parts)
        return {
            "workload": float(ctx.pressure[row]),
            "role_ambiguity": float(ambiguity),
            "priority_churn": float(churn),
            "relational_strain": float(strain),
            "outside_work": float(ctx.outside[row]),
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
