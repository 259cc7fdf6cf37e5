"""Gain and loss spirals of personal resources.

Sources: Conservation of Resources theory (Hobfoll 1989, 2001): those with resources gain
more, those losing resources lose more; engagement builds personal resources over time
(Xanthopoulou et al. 2009; Salanova et al. 2010 gain spirals); exhaustion erodes them
(Hakanen & Schaufeli 2012). Personal resources drift back to the person's own set point
(their trait level) - an assumption that also makes trainings fade over months.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import equation

#: Engagement above which resources grow, and exhaustion above which they erode.
GAIN_FROM = 0.6
LOSS_FROM = 0.5


@equation
def resource_change(
    resource: np.ndarray,
    trait: np.ndarray,
    engagement: np.ndarray,
    exhaustion: np.ndarray,
    gain_rate: float,
    loss_rate: float,
    trait_pull: float,
) -> np.ndarray:
    """Weekly change of one personal resource (same rule for all four)."""
    gain = gain_rate * np.maximum(engagement - GAIN_FROM, 0.0) / (1.0 - GAIN_FROM)
    loss = loss_rate * np.maximum(exhaustion - LOSS_FROM, 0.0) / (1.0 - LOSS_FROM)
    return gain * (1.0 - resource) - loss * resource + trait_pull * (trait - resource)
