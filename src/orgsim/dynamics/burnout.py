"""The four burn-out dimensions of the Burnout Assessment Tool (BAT).

Source: Schaufeli, De Witte & Desart (2020) BAT: exhaustion, mental distance, cognitive
impairment, emotional impairment; NIP (2020) definition of burn-out. In the model the
dimensions are derived from energy and engagement: exhaustion is lost energy; mental
distance grows as engagement falls, more so when exhausted (JD-R: exhaustion leads to
distancing); cognitive and emotional impairment appear only at severe exhaustion
(quadratic), less with self-efficacy and resilience. These forms are assumptions.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import equation


@equation
def bat_dimensions(
    energy: np.ndarray,
    engagement: np.ndarray,
    self_efficacy: np.ndarray,
    resilience: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return (exhaustion, mental distance, cognitive, emotional impairment), each 0..1."""
    exhaustion = 1.0 - energy
    mental_distance = (1.0 - engagement) * (0.4 + 0.6 * exhaustion)
    severe = exhaustion * exhaustion
    cognitive = np.minimum(severe * (1.5 - 0.5 * self_efficacy), 1.0)
    emotional = np.minimum(severe * (1.5 - 0.5 * resilience), 1.0)
    return exhaustion, mental_distance, cognitive, emotional


@equation
def complaints(exhaustion: np.ndarray, threshold: float) -> np.ndarray:
    """Survey-style "burn-out complaints": exhaustion several times a month or more.

    Mapping exhaustion >= threshold to that answer is a calibrated assumption (TNO/CBS NEA).
    """
    return exhaustion >= threshold
