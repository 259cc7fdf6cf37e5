"""Health-impairment process and recovery: demands drain energy, recovery refills it.

Sources: JD-R health-impairment process and the buffer hypothesis (Bakker, Demerouti &
Euwema 2005: job resources buffer the impact of demands on exhaustion); Effort-Recovery
model (Meijman & Mulder 1998) and recovery through psychological detachment (Sonnentag &
Fritz 2007); the shadow side of engagement: overcommitted, engaged people keep effort up
while energy falls (Siegrist 1996 overcommitment; docs/domain.md). Functional forms are assumptions.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import clip, equation


@equation
def work_drain(
    demand: np.ndarray,
    job_resources: np.ndarray,
    autonomy: np.ndarray,
    support: np.ndarray,
    personal_resources: np.ndarray,
    overcommitment: np.ndarray,
    engagement: np.ndarray,
    hours: np.ndarray,
    drain_rate: float,
    resource_buffer: float,
    autonomy_buffer: float,
    support_buffer: float,
    personal_buffer: float,
    overcommit_effort: float,
) -> np.ndarray:
    """Energy drained by a week of work (>= 0).

    drain = rate x demand x (1 - b_R R) x (1 - b_A A) x (1 - b_S S) x (1 - b_P P) x effort
    x hours, where effort = 1 + k x overcommitment x engagement (the shadow side of
    engagement). Job resources R buffer as a whole; the person's own autonomy A and the
    support S they get from the colleagues around them buffer with their own coefficients
    (the buffer hypothesis at the individual level: control and social support are the
    resources with the strongest buffering evidence, Bakker, Demerouti & Euwema 2005; Lee,
    Seo et al. 2013 meta-analysis: exhaustion r = -0.36 with autonomy, -0.18 with support).
    """
    buffered = demand * (1.0 - resource_buffer * job_resources) * (
        1.0 - autonomy_buffer * autonomy) * (1.0 - support_buffer * support) * (
        1.0 - personal_buffer * personal_resources
    )
    effort = 1.0 + overcommit_effort * overcommitment * engagement
    return drain_rate * buffered * effort * hours


@equation
def detachment(
    energy_management: np.ndarray,
    recovery_policy: np.ndarray,
    overcommitment: np.ndarray,
    outside_load: np.ndarray,
    overtime: np.ndarray,
    overcommit_detach: float,
) -> np.ndarray:
    """How well a person recovers outside work (0.05..1).

    Energy management and an organisational recovery policy (no after-hours notifications,
    breaks) help detachment; overcommitment (work on the mind) and outside-work load hinder
    it; time pressure above 1 (the overtime taken on, smoothed: ``demands.overload``) eats
    into recovery time.
    """
    det = (
        0.4 + 0.6 * energy_management + 0.3 * recovery_policy
        - overcommit_detach * overcommitment - 0.5 * outside_load
    )
    recovery_time = clip(1.0 - 0.5 * overtime, 0.2, 1.0)
    return clip(det * recovery_time, 0.05, 1.0)


@equation
def update_energy(
    energy: np.ndarray,
    drain: np.ndarray,
    detach: np.ndarray,
    noise: np.ndarray,
    recovery_rate: float,
) -> np.ndarray:
    """One week of energy: recovery towards 1 in proportion to detachment, minus the drain."""
    recovery = recovery_rate * detach * (1.0 - energy)
    return clip(energy + recovery - drain + noise, 0.0, 1.0)
