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
    "new_burnout_cases": "new burn-out sick-leave episodes this week (relapses included)",
    "returns": "full returns to work this week",
    "relapses": "new sick leave after a return (within the relapse window) this week",
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
}


@dataclass
class WeekFlows:
    """Events counted during one week."""

    new_cases: int = 0
    relapses: int = 0
    returns: int = 0
    leavers: int = 0
    hires: int = 0


def weekly_metrics(
    week: int,
    ws: Workforce,
    flows: WeekFlows,
    productivity_factor: np.ndarray,
    complaints_threshold: float,
    eur_per_day: float,
    replacement_eur: float,
) -> tuple[float, ...]:
    """One row of the time series, in the order of :data:`COLUMNS`."""
    n = ws.size
    status = ws.status
    employed = status != Status.VACANT
    present = (status == Status.WORKING) | (status == Status.REINTEGRATING)
    sick = status == Status.SICK_LEAVE
    reint = status == Status.REINTEGRATING
    n_emp = max(int(employed.sum()), 1)
    n_present = max(int(present.sum()), 1)
    lost_fte = float(sick.sum() + (1.0 - ws.hours[reint]).sum())
    exhaustion = ws.exhaustion[present]
    bat = ws.bat_total()
    output = float((ws.hours * productivity_factor * present
                    * (1.0 - 0.5 * ws.cognitive_impairment)
                    * (0.75 + 0.5 * ws.engagement)).sum()) / n
    absence_days = lost_fte * 7.0
    cost = absence_days * eur_per_day + flows.leavers * replacement_eur
    return (
        week,
        float(complaints(exhaustion, complaints_threshold).sum()) / n_present,
        float(sick.sum()) / n_emp,
        float(reint.sum()) / n_emp,
        lost_fte / n_emp,
        flows.new_cases,
        flows.returns,
        flows.relapses,
        flows.leavers,
        flows.hires,
        1.0 - n_emp / n if employed.any() else 1.0,
        float(ws.energy[employed].mean()) if employed.any() else 0.0,
        float(ws.engagement[employed].mean()) if employed.any() else 0.0,
        float(exhaustion.mean()) if present.any() else 0.0,
        float(bat[present].mean()) if present.any() else 0.0,
        float(ws.demand[present].mean()) if present.any() else 0.0,
        float(ws.job_resources[present].mean()) if present.any() else 0.0,
        float(ws.personal_resources()[employed].mean()) if employed.any() else 0.0,
        output,
        absence_days,
        cost,
        int(employed.sum()),
    )
