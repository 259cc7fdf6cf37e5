"""Crossover of exhaustion and engagement between colleagues in frequent contact.

Sources: crossover research (Westman 2001; Bakker, Westman & van Emmerik 2009; Bakker,
Van Emmerik & Euwema 2006 burnout contagion in teams). Each person moves a little towards
the mean state of their present contacts, scaled by their susceptibility (mean 0.5 ->
factor 1). The linear form is an assumption.
"""

from __future__ import annotations

import numpy as np


def neighbour_mean(
    values: np.ndarray, present: np.ndarray, src: np.ndarray, dst: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Mean of ``values`` over each node's present contacts, and the number of them.

    The network is an edge list (both directions listed): ``src[k] -> dst[k]``.
    """
    n = len(values)
    weight = present[src].astype(float)
    count = np.bincount(dst, weights=weight, minlength=n)
    total = np.bincount(dst, weights=values[src] * weight, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, total / count, values)
    return mean, count


def crossover(
    values: np.ndarray,
    neighbour_values: np.ndarray,
    susceptibility: np.ndarray,
    present: np.ndarray,
    *,
    rate: float,
) -> np.ndarray:
    """Weekly change towards contacts' mean (zero for people not at work)."""
    return rate * 2.0 * susceptibility * (neighbour_values - values) * present
