"""The week's context: what every component of the weekly step reads and writes.

A week runs the components of :data:`orgsim.week.SCHEDULE` in order on one
:class:`WeekContext`. The context holds the model's state (``workforce``, ``teams``,
``params``), this week's pre-drawn random numbers (``draws``: common random numbers) and
the intermediates one component hands to the next (``demand``, ``job_resources``, ...).
Each component's docstring says which of them it reads and writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np

from orgsim import streams
from orgsim.metrics import WeekFlows
from orgsim.state import Status

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.config import Config, Parameters
    from orgsim.model import OrgModel
    from orgsim.state import Teams, Workforce


class WeekContext:
    """One simulated week in progress.

    Set when the week begins (:meth:`take_stock`, after scheduled changes):

    Attributes:
        model: the model being stepped (components use its public methods only).
        week: the model week being simulated (the row written is ``week + 1``).
        record: whether this week is recorded (``False`` during the warm-up).
        key: the run's key of the keyed random draws (:mod:`orgsim.streams`).
        flows: counts of this week's onsets, returns, relapses, leavers and hires.
        status: the workforce's status codes (the live array: changes are the state).
        present, present_f: who works this week, as a mask and as 0/1 floats.
        vacant: positions vacant at the start of the week.
        sick_rows: positions on sick leave at the start of the week.
        member, member_f: non-leaders, as a mask and as 0/1 floats.
        members: non-leader positions per team.
        present_member_f: present non-leaders as 0/1 floats.

    Intermediates, set by the component named in brackets:
        outside: outside-work load (OutsideWork).
        leadership_felt, management_support: how much of each team's leader style is felt,
            and the support leaders get from higher management (LeaderPresence).
        productivity: productivity by onboarding (WorkDemands).
        pressure, hindrance, hindrance_parts, safety, demand: the time pressure taken on,
            hindrance demands and their three parts per person, the team's psychological
            safety and the perceived demand (WorkDemands).
        job_resources, autonomy, support, personal_resources: job resources, the person's
            own autonomy as felt and the support of colleagues around them (JobResources).
        energy, engagement: this week's new values before crossover (Energy, Engagement).
        relational_return: whether the return-to-work policy is relational (Energy).
        new_sick_rows, new_episode_rows: people who went on sick leave this week, and those
            of them whose episode is new (not a setback in a graded return) (SickLeaveOnset).
        returned_rows, full_return_rows: started a graded return / fully returned
            (ReturnToWork).
        leaver_rows: left this week (Turnover). hired_rows: hired this week (Hiring).
    """

    model: OrgModel
    config: Config
    params: Parameters
    workforce: Workforce
    teams: Teams
    seed: int
    week: int
    record: bool
    key: np.uint64
    ups_and_downs: tuple[np.ndarray, np.ndarray]
    flows: WeekFlows
    status: np.ndarray
    present: np.ndarray
    present_f: np.ndarray
    vacant: np.ndarray
    sick_rows: np.ndarray
    member: np.ndarray
    member_f: np.ndarray
    members: np.ndarray
    present_member_f: np.ndarray
    outside: np.ndarray
    leadership_felt: np.ndarray
    management_support: np.ndarray
    productivity: np.ndarray
    pressure: np.ndarray
    hindrance: np.ndarray
    hindrance_parts: tuple[np.ndarray, np.ndarray, np.ndarray]
    safety: np.ndarray
    demand: np.ndarray
    job_resources: np.ndarray
    autonomy: np.ndarray
    support: np.ndarray
    personal_resources: np.ndarray
    energy: np.ndarray
    engagement: np.ndarray
    relational_return: bool
    new_sick_rows: np.ndarray
    new_episode_rows: np.ndarray
    returned_rows: np.ndarray
    full_return_rows: np.ndarray
    leaver_rows: np.ndarray
    hired_rows: np.ndarray

    _EMPTY: ClassVar[np.ndarray] = np.zeros(0, dtype=np.int64)

    def __init__(self, model: OrgModel, record: bool) -> None:
        self.model = model
        self.config = model.config
        self.params = model.config.params
        self.workforce = model.workforce
        self.teams = model.teams
        self.seed = model.seed
        self.week = model.week
        self.record = record
        self.key = model.stream_key
        self.flows = WeekFlows()
        self.new_sick_rows = self.new_episode_rows = self._EMPTY
        self.returned_rows = self.full_return_rows = self._EMPTY
        self.leaver_rows = self.hired_rows = self._EMPTY
        self._closing: tuple[np.ndarray, np.ndarray] | None = None

    def take_stock(self) -> None:
        """Who is where at the start of the week."""
        workforce = self.workforce
        self.status = workforce.status
        self.present = workforce.present()
        self.present_f = self.present.astype(float)
        self.sick_rows = np.flatnonzero(self.status == Status.SICK_LEAVE)
        self.vacant = self.status == Status.VACANT
        self.member, self.member_f, self.members = self.model.team_layout()
        self.present_member_f = self.present_f * self.member_f

    def closing(self) -> tuple[np.ndarray, np.ndarray]:
        """Who is at work and the FTE away on burn-out leave at the end of the week (after
        the flows): computed once for the collectors (performance; read only)."""
        if self._closing is None:
            self._closing = (self.workforce.present(), self.workforce.fte_away())
        return self._closing

    def weekly_stream(self, purpose: streams.Purpose) -> np.random.Generator:
        """A generator for this week's draws of ``purpose`` (see :mod:`orgsim.streams`)."""
        return streams.weekly(self.seed, self.week, purpose)

    def uniform(self, draw: streams.Draw, rows: np.ndarray | None = None) -> np.ndarray:
        """This week's keyed U(0, 1) numbers for ``draw``: of ``rows``, or of every position."""
        return streams.uniform_at(self.key, self.week, draw,
                                  self.workforce.size if rows is None else rows)

    def normal_pair(self, draw: streams.Draw, rows: np.ndarray | int | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
        """This week's two keyed N(0, 1) numbers for ``draw``: of ``rows`` (positions, or
        ``0..rows-1`` when a number, e.g. teams), or of every position."""
        return streams.normal_pair_at(self.key, self.week, draw,
                                      self.workforce.size if rows is None else rows)


class Component:
    """One mechanism (or bookkeeping step) of the week: ``step`` reads and writes ``ctx``.

    Subclasses set ``name`` (used in the ODD's process overview) and document, in their
    docstring, the mechanism's source or stated assumption and what they read and write.
    """

    name: ClassVar[str] = ""

    def step(self, ctx: WeekContext) -> None:
        raise NotImplementedError
