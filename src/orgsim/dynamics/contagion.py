"""Crossover of exhaustion and engagement between colleagues in frequent contact.

Sources: crossover research (Westman 2001; Bakker, Westman & van Emmerik 2009; Bakker,
Van Emmerik & Euwema 2006 burnout contagion in teams). Each person moves a little towards
the mean state of their present contacts, scaled by their susceptibility (mean 0.5 ->
factor 1). The linear form is an assumption.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


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


def adjacency(src: np.ndarray, dst: np.ndarray, n: int) -> sparse.csr_array:
    """The edge list as a sparse matrix ``A`` with ``A[dst[k], src[k]] = 1`` (performance).

    Each row keeps its edges in edge-list order, so ``A @ x`` adds up exactly as
    ``np.bincount(dst, weights=x[src])`` does (same values, same order).
    """
    order = np.argsort(dst, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(dst, minlength=n))])
    return sparse.csr_array((np.ones(len(src)), src[order], indptr), shape=(n, n))


def neighbour_means(
    adj: sparse.csr_array, present: np.ndarray, *values: np.ndarray
) -> tuple[list[np.ndarray], np.ndarray]:
    """:func:`neighbour_mean` for several state variables at once (one sparse product).

    Args:
        adj: the network from :func:`adjacency`.
        present: who is at work (only present contacts count).
        values: state variables, one array per variable.

    Returns:
        The mean over present contacts of each variable (own value when there are none),
        and the number of present contacts.
    """
    weight = present.astype(float)
    sums = adj @ np.column_stack([weight, *(v * weight for v in values)])
    count = sums[:, 0]
    has = count > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        means = [np.where(has, sums[:, i + 1] / count, v) for i, v in enumerate(values)]
    return means, count


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
