"""Job resources available to each person this week.

Source: JD-R (Bakker & Demerouti 2007) lists autonomy, social support, feedback,
recognition, coaching, development and participation as job resources; leaders provide
part of them (domain.md "Leadership"). Equal weights are a stated assumption.
"""

from __future__ import annotations

import numpy as np


def job_resources(
    autonomy: np.ndarray,
    feedback: np.ndarray,
    recognition: np.ndarray,
    coaching: np.ndarray,
    development: np.ndarray,
    collaboration: np.ndarray,
    psychological_safety: np.ndarray,
    lead_support: np.ndarray,
    lead_recognition: np.ndarray,
    lead_participation: np.ndarray,
    lead_honest: np.ndarray,
    in_conversation: np.ndarray,
) -> np.ndarray:
    """Job resources (0..1) as the mean of seven components.

    Args:
        autonomy, feedback, recognition, coaching, development: organisation/team levels.
        collaboration, psychological_safety: team climate (colleague support).
        lead_*: the leader's style as felt this week (already scaled by leader presence).
        in_conversation: 1 where the leader is currently acting on a signal (0 otherwise);
            an honest conversation then adds support.

    Assumptions: autonomy is larger under participative leadership (x 0.7..1); social
    support is half colleagues (collaboration x safety) and half leader; feedback and
    recognition are half organisation, half leader.
    """
    autonomy_felt = autonomy * (0.7 + 0.3 * lead_participation)
    support = 0.5 * collaboration * (0.5 + 0.5 * psychological_safety) + 0.5 * np.minimum(
        lead_support + 0.3 * lead_honest * in_conversation, 1.0
    )
    feedback_felt = 0.5 * feedback + 0.5 * lead_recognition
    recognition_felt = 0.5 * recognition + 0.5 * lead_recognition
    total = (
        autonomy_felt + support + feedback_felt + recognition_felt + coaching + development
        + lead_participation
    )
    return np.clip(total / 7.0, 0.0, 1.0)
