"""Leaders: how much of their style a team feels, and acting on early warning signs.

Sources: leaders as providers of job resources and as gatekeepers of demands (docs/domain.md
"Leadership"; Tummers & Bakker 2021 leadership and JD-R); early signal detection and
acting on it (Dutch practitioner texts; NIP 2020). Assumptions: an exhausted leader gives
less (style x (0.5 + 0.5 x energy)); an absent or missing leader is felt only partly
(interim cover); psychological safety makes employees show their signals.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import equation, where


@equation
def presence_factor(
    leader_present: np.ndarray, leader_energy: np.ndarray, absent_factor: float
) -> np.ndarray:
    """Per team, the share of the leader's style the team feels this week (0..1)."""
    return where(leader_present, 0.5 + 0.5 * leader_energy, absent_factor)


@equation
def style_reaching(
    style: np.ndarray, reach: np.ndarray, member: np.ndarray, management: np.ndarray | float
) -> np.ndarray:
    """The leader style each person receives (0..1): for a team member their team's style
    x how much of it reaches them (the leader's presence x the attention the person gets;
    at most 1); a leader's own "leader" is higher management (``org.management_support``).

    Args:
        style: per person, their team's style level.
        reach: per person, presence factor x leader attention.
        member: per person, True for non-leaders.
        management: the support leaders get from higher management.
    """
    return where(member, np.minimum(style * reach, 1.0), management)


@equation
def notice_signals(
    exhaustion: np.ndarray,
    eligible: np.ndarray,
    detection: np.ndarray,
    psychological_safety: np.ndarray,
    uniform: np.ndarray,
    warning: float,
) -> np.ndarray:
    """Which people a leader notices this week as showing warning signs (bool mask).

    Args:
        exhaustion: per person.
        eligible: people who can be noticed (present, not leaders, not already relieved).
        detection: per person, the leader's signal detection as felt (style x presence).
        psychological_safety: per person, the team's safety (people show their limits).
        uniform: per person, a U(0,1) draw from the model's rng.
        warning: exhaustion from which signs are visible.
    """
    at_risk = eligible & (exhaustion >= warning)
    return at_risk & (uniform < detection * (0.5 + 0.5 * psychological_safety))
