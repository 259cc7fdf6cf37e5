"""What is collected while the model runs: the weekly time series and per-team outcomes.

Both are components of the week (they run last and only in recorded weeks, not in the
warm-up), so every face of orgsim - the report, the app, the experiments - reads the
numbers of the run it shows instead of running the model again.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from orgsim.dynamics.burnout import complaints
from orgsim.metrics import COLUMNS, team_absence, weekly_metrics
from orgsim.week.context import Component, WeekContext

#: Columns of :meth:`TeamOutcomes.table`, with their meaning.
TEAM_COLUMNS: dict[str, str] = {
    "team": "team index (0 = first team)",
    "positions": "positions in the team, the leader included",
    "weeks": "weeks collected",
    "new_burnout_cases": "burn-out sick-leave episodes that started (with relapses)",
    "sick_leave_starts": "weeks in which someone went on sick leave (episodes and setbacks "
                         "during a graded return)",
    "leavers": "people who left (voluntary and after long-term absence)",
    "absence_rate": "share of contracted hours of employees lost to burn-out absence",
    "burnout_complaints": "share of employee-weeks at work with burn-out complaints",
    "exhaustion_mean": "mean exhaustion of employees at work (0..1)",
    "employee_weeks": "weeks of filled positions (the denominator of absence_rate)",
    "absence_fte_weeks": "FTE-weeks lost to burn-out absence (the numerator of absence_rate; "
                         "runs pool exactly: sum / sum of employee_weeks)",
}


class WeeklyMetrics(Component):
    """One row of the time series per recorded week (:func:`orgsim.metrics.weekly_metrics`),
    in the order of :data:`orgsim.metrics.COLUMNS`."""

    name = "weekly metrics"

    def __init__(self) -> None:
        self.rows: list[tuple[float, ...]] = []

    def step(self, ctx: WeekContext) -> None:
        if not ctx.record:
            return
        params, costs = ctx.params, ctx.config.costs
        present, away = ctx.closing()
        self.rows.append(weekly_metrics(
            ctx.week + 1, ctx.workforce, ctx.flows, ctx.productivity, params.complaints_threshold,
            costs.eur_per_absence_day, costs.replacement_cost_eur, present, away))

    def table(self) -> pd.DataFrame:
        """The time series: one row per recorded week."""
        df = pd.DataFrame.from_records(self.rows, columns=list(COLUMNS))
        int_cols = ["week", "new_burnout_cases", "returns", "relapses", "leavers", "hires",
                    "headcount"]
        return df.astype(dict.fromkeys(int_cols, "int64"))


class TeamOutcomes(Component):
    """Per team, summed over the recorded weeks: new cases, leavers, burn-out absence,
    complaints and exhaustion (the same definitions as the time series)."""

    name = "team outcomes"

    def __init__(self) -> None:
        self.weeks = 0
        self.sums: dict[str, np.ndarray] = {}

    def step(self, ctx: WeekContext) -> None:
        if not ctx.record:
            return
        workforce, n_teams = ctx.workforce, ctx.teams.size
        team = workforce.team
        if not self.sums:
            self.sums = self._zeros(n_teams)
        s = self.sums

        def add(key: str, rows: np.ndarray) -> None:
            if len(rows):
                s[key] += np.bincount(team[rows], minlength=n_teams)

        new = ctx.new_sick_rows
        add("sick_leave_starts", new)
        add("new_burnout_cases", ctx.new_episode_rows)
        add("leavers", ctx.leaver_rows)
        present, away = ctx.closing()
        lost, employed = team_absence(workforce, n_teams, away)
        s["lost"] += lost
        s["employee_weeks"] += employed
        s["present_weeks"] += np.bincount(team, weights=present, minlength=n_teams)
        s["exhaustion"] += np.bincount(team, weights=workforce.exhaustion * present,
                                       minlength=n_teams)
        s["complaints"] += np.bincount(
            team, minlength=n_teams,
            weights=present & complaints(workforce.exhaustion, ctx.params.complaints_threshold))
        self.weeks += 1

    #: What is summed per team each recorded week.
    SUMS = ("new_burnout_cases", "sick_leave_starts", "leavers", "lost", "employee_weeks",
            "present_weeks", "complaints", "exhaustion")

    @classmethod
    def _zeros(cls, n_teams: int) -> dict[str, np.ndarray]:
        return {key: np.zeros(n_teams) for key in cls.SUMS}

    def table(self, positions: np.ndarray) -> pd.DataFrame:
        """One row per team (columns :data:`TEAM_COLUMNS`); ``positions`` per team."""
        n_teams = len(positions)
        s = self.sums or self._zeros(n_teams)
        with np.errstate(invalid="ignore", divide="ignore"):
            return pd.DataFrame({
                "team": np.arange(n_teams),
                "positions": np.asarray(positions, dtype=np.int64),
                "weeks": self.weeks,
                "new_burnout_cases": s["new_burnout_cases"].astype(np.int64),
                "sick_leave_starts": s["sick_leave_starts"].astype(np.int64),
                "leavers": s["leavers"].astype(np.int64),
                "absence_rate": s["lost"] / s["employee_weeks"],
                "burnout_complaints": s["complaints"] / s["present_weeks"],
                "exhaustion_mean": s["exhaustion"] / s["present_weeks"],
                "employee_weeks": s["employee_weeks"],
                "absence_fte_weeks": s["lost"].copy(),
            })
