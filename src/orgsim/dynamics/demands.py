"""Job demands as each person perceives them this week.

Sources: Job Demands-Resources model (Bakker & Demerouti 2007) for quantitative and
hindrance demands; task-switching cost of parallel work (Rubinstein, Meyer & Evans 2001);
the domino effect of absence (work of absent colleagues is spread over those present,
docs/domain.md); loss spiral in appraisal (Hobfoll's Conservation of Resources: exhausted people
perceive more demands). Functional forms are stated assumptions.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import equation, where


def team_load_ratio(
    team_work: np.ndarray, capacity: np.ndarray, team: np.ndarray, n_teams: int
) -> np.ndarray:
    """Work per unit of available capacity in each team (the domino effect).

    Args:
        team_work: core work of each team in FTE (workload x positions x (1 - buffer)).
        capacity: per position, the FTE it contributes this week (hours x productivity x
            (1 - relief)); 0 when absent or vacant.
        team: team index per position.
        n_teams: number of teams.

    Returns:
        Per team, work divided by capacity (1 = exactly full); 1 for a team with no
        capacity at all (nobody there to feel it). Not capped: what people cannot absorb
        is left undone (:func:`absorbed_pressure`), visibly.
    """
    cap = np.bincount(team, weights=capacity, minlength=n_teams)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(cap > 0, team_work / cap, 1.0)


@equation
def absorbed_pressure(pressure: np.ndarray, max_overtime: float) -> np.ndarray:
    """The time pressure people take on: all of it up to 1, then less and less.

    Above full load people stretch (overtime, rushing, skipping breaks) but not without
    limit: the part taken on rises smoothly towards ``1 + max_overtime``,
    ``1 + m (1 - exp(-(p - 1) / m))`` (slope 1 at p = 1, so there is no kink). The rest,
    ``p - absorbed``, is work left undone, postponed or bought in (:func:`work_left_undone`).
    Assumption (stated): people sustain a limited stretch beyond their contracted time;
    ``max_overtime`` is that stretch as a share of the time available for core work.
    """
    if max_overtime <= 0:
        return np.minimum(pressure, 1.0)
    excess = np.maximum(pressure - 1.0, 0.0)
    return where(pressure > 1.0,
                    1.0 + max_overtime * -np.expm1(-excess / max_overtime), pressure)


@equation
def work_left_undone(pressure: np.ndarray, absorbed: np.ndarray) -> np.ndarray:
    """Share of the work asked of a person that is left undone (0 when it fits)."""
    asked = pressure > 0
    return where(asked, (pressure - absorbed) / where(asked, pressure, 1.0), 0.0)


@equation
def person_load(
    member: np.ndarray,
    team_ratio: np.ndarray,
    task_share: np.ndarray,
    leader_load: np.ndarray,
    relief_factor: np.ndarray,
) -> np.ndarray:
    """The load a person carries this week (1 = a full share at full staffing).

    A team member carries their share of the work (``task_share``, mean 1) of the team's
    load ratio (:func:`team_load_ratio`, the domino effect); a leader carries the team's
    workload plus part of the absent members' work (:func:`leader_load`). Both less the
    relief they get (``relief_factor`` = 1 - relief; leaders' relief does not lower it).
    """
    return where(member, team_ratio * task_share, leader_load) * relief_factor


@equation
def leader_load(workload: np.ndarray, absent_share: np.ndarray,
                leader_absence_load: float) -> np.ndarray:
    """A leader's load: the team's workload, more when members are absent (the leader picks
    up part of their work: ``leader_absence_load`` x the share of members absent;
    assumption)."""
    return workload * (1.0 + leader_absence_load * absent_share)


@equation
def overload(pressure: np.ndarray, softness: float) -> np.ndarray:
    """Time pressure above full load, smoothed: ``w log(1 + exp((p - 1) / w))``.

    Close to ``max(p - 1, 0)`` away from 1 (within ``w log 2`` at 1) but without a kink, so
    the response to demands is smooth (``softness`` w, in units of time pressure).
    """
    if softness <= 0:
        return np.maximum(pressure - 1.0, 0.0)
    return softness * np.logaddexp(0.0, (pressure - 1.0) / softness)


@equation
def workload_fluctuation(
    shock: np.ndarray, normal: np.ndarray, sd: float, persistence: float
) -> np.ndarray:
    """Busy and quiet periods: a team's workload multiplier as an AR(1) process around 1.

    Assumption: peaks (deadlines, seasonal work, incidents) last weeks to months
    (``persistence`` = week-to-week autocorrelation); stationary sd is ``sd``.
    """
    innovation = sd * np.sqrt(1.0 - persistence * persistence) * normal
    return np.maximum(1.0 + persistence * (shock - 1.0) + innovation, 0.0)


@equation
def available_time(
    bureaucracy: np.ndarray, parallel_priorities: np.ndarray, switch_cost: np.ndarray
) -> np.ndarray:
    """Share of contracted time left for core work after meetings/admin and task switching.

    Assumption: each priority beyond the first costs ``switch_cost`` of the remaining time.
    """
    return (1.0 - bureaucracy) / (1.0 + switch_cost * (parallel_priorities - 1.0))


@equation
def time_pressure(load: np.ndarray, available: np.ndarray) -> np.ndarray:
    """Core work asked per hour actually available for it (1 = just fits)."""
    return load / np.maximum(available, 1e-3)


def hindrance(
    role_ambiguity: np.ndarray,
    priority_churn: np.ndarray,
    relational_strain: np.ndarray,
    leader_clarity: np.ndarray,
    collaboration: np.ndarray,
) -> np.ndarray:
    """Hindrance demands (0..3): unclear roles, shifting priorities, strained relations.

    Assumption: a leader's clarity about the frame halves ambiguity at most; good
    collaboration halves relational strain at most. The sum of :func:`hindrance_parts`.
    """
    return hindrance_total(hindrance_parts(role_ambiguity, priority_churn, relational_strain,
                                           leader_clarity, collaboration))


@equation
def hindrance_parts(
    role_ambiguity: np.ndarray,
    priority_churn: np.ndarray,
    relational_strain: np.ndarray,
    leader_clarity: np.ndarray,
    collaboration: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three hindrance demands as felt: role ambiguity less what the leader's clarity
    takes away, priority churn, relational strain less what collaboration takes away (see
    :func:`hindrance`; the app shows them as "what drains a person")."""
    return (role_ambiguity * (1.0 - 0.5 * leader_clarity), priority_churn,
            relational_strain * (1.0 - 0.5 * collaboration))


@equation
def hindrance_total(parts: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """Hindrance demand: the sum of the :func:`hindrance_parts` (broadcast to a common shape)."""
    ambiguity, churn, strain = parts
    return ambiguity + churn + strain


@equation
def perceived_demand(
    pressure: np.ndarray,
    hindrance_demand: np.ndarray,
    outside_load: np.ndarray,
    fit: np.ndarray,
    assertiveness: np.ndarray,
    psychological_safety: np.ndarray,
    exhaustion: np.ndarray,
    overload_penalty: float,
    overload_softness: float,
    hindrance_weight: float,
    outside_weight: float,
    misfit_weight: float,
    assertiveness_effect: float,
    appraisal_loss: float,
) -> np.ndarray:
    """Total demand a person perceives this week (>= 0; about 1.5 in the baseline).

    - Time pressure above 1 weighs extra (overtime and rushing; smoothly: :func:`overload`).
    - Misfit between person and task makes the same work heavier.
    - People who cannot say "I'm full" take on more; psychological safety makes it easier
      to voice limits (effective assertiveness = assertiveness x (0.5 + 0.5 x safety)).
    - Outside-work load (caregiving, life events) adds, but does not dominate (NIP 2020).
    - Loss spiral: exhaustion raises perceived demands (COR; Demerouti et al. 2004).
    """
    quantitative = pressure + overload_penalty * overload(pressure, softness=overload_softness)
    voiced = assertiveness * (0.5 + 0.5 * psychological_safety)
    quantitative = quantitative * (1.0 + misfit_weight * (1.0 - fit))
    quantitative = quantitative * (1.0 + assertiveness_effect * (0.5 - voiced))
    total = quantitative + hindrance_weight * hindrance_demand + outside_weight * outside_load
    return np.maximum(total, 0.0) * (1.0 + appraisal_loss * exhaustion)
