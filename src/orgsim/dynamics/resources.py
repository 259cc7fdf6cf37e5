"""Job resources available to each person this week.

Source: JD-R (Bakker & Demerouti 2007) lists autonomy, social support, feedback,
recognition, coaching, development and participation as job resources; leaders provide
part of them (docs/domain.md "Leadership"). Equal weights are a stated assumption.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import clip, equation


@equation
def job_resources(
    autonomy: np.ndarray,
    feedback: np.ndarray,
    recognition: np.ndarray,
    coaching: np.ndarray,
    development: np.ndarray,
    colleague_support: np.ndarray,
    lead_support: np.ndarray,
    lead_recognition: np.ndarray,
    lead_participation: np.ndarray,
    lead_honest: np.ndarray,
    in_conversation: np.ndarray,
) -> np.ndarray:
    """Job resources (0..1) as the mean of seven components.

    Args:
        autonomy: the person's own autonomy (the team's, shifted by their role and job
            crafting).
        feedback, recognition, coaching, development: organisation/team levels.
        colleague_support: support from the colleagues around the person
            (:func:`colleague_support`).
        lead_*: the leader's style as it reaches the person this week (scaled by leader
            presence and the attention the person gets).
        in_conversation: 1 where the leader is currently acting on a signal (0 otherwise);
            an honest conversation then adds support.

    Assumptions: autonomy is larger under participative leadership (x 0.7..1); social
    support is half colleagues and half leader; feedback and recognition are half
    organisation, half leader. Equal weights.
    """
    autonomy_felt = autonomy_as_felt(autonomy, lead_participation)
    support = 0.5 * colleague_support + 0.5 * np.minimum(
        lead_support + 0.3 * lead_honest * in_conversation, 1.0
    )
    feedback_felt = 0.5 * feedback + 0.5 * lead_recognition
    recognition_felt = 0.5 * recognition + 0.5 * lead_recognition
    total = (
        autonomy_felt + support + feedback_felt + recognition_felt + coaching + development
        + lead_participation
    )
    return clip(total / 7.0, 0.0, 1.0)


@equation
def autonomy_as_felt(autonomy: np.ndarray, lead_participation: np.ndarray) -> np.ndarray:
    """Autonomy as a person experiences it: larger under participative leadership
    (x 0.7..1; assumption)."""
    return autonomy * (0.7 + 0.3 * lead_participation)


@equation
def colleague_support(
    collaboration: np.ndarray,
    psychological_safety: np.ndarray,
    present_contacts: np.ndarray,
    half_contacts: float,
) -> np.ndarray:
    """Support a person gets from the colleagues around them this week (0..1).

    The team's collaboration, made usable by psychological safety (x 0.5..1), and reaching
    a person through their present contacts: ``c / (c + half_contacts)`` of it with ``c``
    contacts at work (someone with few colleagues around, or whose colleagues are absent,
    gets less). Assumption; social support works through the people one actually works
    with (House 1981; Halbesleben 2006 meta-analysis of support and burnout).
    """
    reach = present_contacts / (present_contacts + half_contacts)
    return collaboration * (0.5 + 0.5 * psychological_safety) * reach


@equation
def personal_resources(
    self_efficacy: np.ndarray, resilience: np.ndarray, assertiveness: np.ndarray,
    energy_management: np.ndarray,
) -> np.ndarray:
    """A person's personal resources (0..1): the mean of the four (docs/domain.md,
    "Personal resources"; equal weights, assumption)."""
    return (self_efficacy + resilience + assertiveness + energy_management) / 4.0
