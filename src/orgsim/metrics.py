"""What is measured each week: computed from the state arrays, never by looping over agents.

Definitions follow calibration.md: "burn-out complaints" is the survey measure (share of
employees at work with high exhaustion); "burn-out absent" is the share on burn-out sick
leave; "absence rate" is the share of contracted hours lost to burn-out absence (sick
leave, plus the hours not yet worked during a graded return).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from orgsim.dynamics.burnout import complaints
from orgsim.state import Status, Workforce

#: Columns of ``OrgModel.timeseries()``, in order, with their meaning.
COLUMNS: dict[str, str] = {
    "week": "simulated week (1 = first week after start)",
    "burnout_complaints": "share of employees at work with burn-out complaints (survey measure)",
    "burnout_absent": "share of employees on burn-out sick leave",
    "reintegrating": "share of employees in a graded return",
    "absence_rate": "share of contracted hours lost to burn-out absence",
    "new_burnout_cases": "new burn-out sick-leave episodes this week (with relapses, not setbacks)",
    "returns": "full returns to work this week",
    "relapses": "new episodes after a full return (within the relapse window) this week",
    "leavers": "employees who left this week (voluntary and after long-term absence)",
    "hires": "vacancies filled this week",
    "vacancies": "share of positions vacant",
    "energy_mean": "mean energy of employees (0..1)",
    "engagement_mean": "mean engagement of employees (0..1)",
    "exhaustion_mean": "mean exhaustion of employees at work (0..1)",
    "bat_mean": "mean BAT total of employees at work (0..1)",
    "demand_mean": "mean perceived demand of employees at work",
    "job_resources_mean": "mean job resources of employees at work (0..1)",
    "personal_resources_mean": "mean personal resources of employees (0..1)",
    "productivity": "output relative to a fully staffed, healthy organisation",
    "absence_days": "calendar days of burn-out absence this week (FTE-weighted)",
    "cost_eur": "absence days x EUR per day + replacement cost of leavers, this week",
    "headcount": "employees (positions minus vacancies)",
    "work_left_undone": "share of the work asked of employees at work that they could not "
                        "take on (left undone, postponed or bought in)",
    "burnout_leavers": "leavers this week attributed to burn-out: everyone who left after "
                       "long-term burn-out absence, plus the excess share of each quit due to "
                       "low engagement (orgsim.dynamics.turnover.excess_share)",
}


@dataclass
class WeekFlows:
    """Events counted during one week."""

    new_cases: int = 0
    relapses: int = 0
    returns: int = 0
    leavers: int = 0
    burnout_leavers: float = 0.0  #: of the leavers, attributed to burn-out (expected count)
    hires: int = 0


#: State variables averaged over employees, and over employees at work (``hours`` is only
#: there to keep the rows consecutive in the state's block; its mean is not used).
EMPLOYED_MEANS = ("energy", "engagement", "self_efficacy", "resilience", "assertiveness",
                  "energy_management")
PRESENT_MEANS = ("exhaustion", "mental_distance", "cognitive_impairment",
                 "emotional_impairment", "hours", "demand", "job_resources")


def _masked_sums(ws: Workforce, names: tuple[str, ...], mask: np.ndarray,
                 buffer: np.ndarray | None = None) -> np.ndarray:
    """Sum of each named state variable x mask, one variable at a time through one reused
    float64 ``buffer`` of the workforce's size (memory: not one temporary per variable).

    Each sum is the (pairwise) sum of ``x * mask`` of that variable, in float64.
    """
    if buffer is None:
        buffer = np.empty(len(mask))
    sums = np.empty(len(names))
    for j, name in enumerate(names):
        np.multiply(getattr(ws, name), mask, out=buffer)
        sums[j] = buffer.sum()
    return sums


def team_absence(ws: Workforce, n_teams: int, fte_away: np.ndarray | None = None
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Per team this week: FTE away on burn-out leave (sick leave, and the hours not yet
    worked in a graded return) and employees; their ratio is ``absence_rate`` per team.
    ``fte_away``: ``ws.fte_away()`` if already computed this week."""
    away = ws.fte_away() if fte_away is None else fte_away
    return (np.bincount(ws.team, weights=away, minlength=n_teams),
            np.bincount(ws.team, weights=ws.employed(), minlength=n_teams))


def weekly_metrics(
    week: int,
    ws: Workforce,
    flows: WeekFlows,
    productivity_factor: np.ndarray,
    complaints_threshold: float,
    eur_per_day: float,
    replacement_eur: float,
    present: np.ndarray | None = None,
    fte_away: np.ndarray | None = None,
) -> tuple[float, ...]:
    """One row of the time series, in the order of :data:`COLUMNS`.

    ``present`` and ``fte_away``: ``ws.present()`` and ``ws.fte_away()`` if already
    computed this week (the collectors share them).

    Performance: counts come from one ``bincount`` of the status codes and means from sums
    of products with 0/1 masks (no boolean indexing, no per-agent loop), neighbouring state
    variables at once. No BLAS dot products: on a busy machine their threading costs more
    than it saves (100k rows).
    """
    n = ws.size
    status = ws.status
    counts = np.bincount(status, minlength=len(Status))
    n_sick = int(counts[Status.SICK_LEAVE])
    n_reint = int(counts[Status.REINTEGRATING])
    n_employed = n - int(counts[Status.VACANT])
    n_pres = int(counts[Status.WORKING]) + n_reint
    if present is None:
        present = ws.present()
    # memory: at most three float64 arrays of the workforce's size at a time (a million
    # people); ``work`` is reused as the buffer of the masked sums
    present_f = present.astype(float)
    n_emp = max(n_employed, 1)
    n_present = max(n_pres, 1)
    lost_fte = float((ws.fte_away() if fte_away is None else fte_away).sum())
    work = ws.hours * productivity_factor
    work *= present_f
    work *= 1.0 - 0.5 * ws.cognitive_impairment
    work *= 0.75 + 0.5 * ws.engagement
    output = float(work.sum()) / n
    absence_days = lost_fte * 7.0
    cost = absence_days * eur_per_day + flows.leavers * replacement_eur
    n_complaints = np.count_nonzero(present & complaints(ws.exhaustion, complaints_threshold))

    *present_sums, undone = _masked_sums(ws, (*PRESENT_MEANS, "work_undone"), present_f, work)
    del present_f
    present_means = ([float(x) / n_pres for x in present_sums]
                     if n_pres else [0.0] * len(PRESENT_MEANS))
    employed_f = (status != Status.VACANT).astype(float)
    employed_means = ([float(x) / n_employed
                       for x in _masked_sums(ws, EMPLOYED_MEANS, employed_f, work)]
                      if n_employed else [0.0] * len(EMPLOYED_MEANS))
    energy_mean, engagement_mean, se, res, ass, em = employed_means
    exhaustion_mean, distance, cognitive, emotional, _, demand_mean, resources_mean = (
        present_means)
    bat_mean = (exhaustion_mean + distance + cognitive + emotional) / 4.0
    personal_mean = (se + res + ass + em) / 4.0
    return (
        week,
        n_complaints / n_present,
        n_sick / n_emp,
        n_reint / n_emp,
        lost_fte / n_emp,
        flows.new_cases,
        flows.returns,
        flows.relapses,
        flows.leavers,
        flows.hires,
        1.0 - n_emp / n if n_employed else 1.0,
        energy_mean,
        engagement_mean,
        exhaustion_mean,
        bat_mean,
        demand_mean,
        resources_mean,
        personal_mean,
        output,
        absence_days,
        cost,
        n_employed,
        float(undone) / n_present,
        flows.burnout_leavers,
    )
