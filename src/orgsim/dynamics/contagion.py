"""Crossover of exhaustion and engagement between colleagues in frequent contact.

Sources: crossover research (Westman 2001; Bakker, Westman & van Emmerik 2009; Bakker,
Van Emmerik & Euwema 2006 burnout contagion in teams). Each person moves a little towards
the mean state of their present contacts, scaled by their susceptibility (mean 0.5 ->
factor 1). The linear form is an assumption.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from orgsim.dynamics.equation import equation


@dataclass(frozen=True)
class Network:
    """The contact network in the form the weekly step uses (see :func:`adjacency`).

    Attributes:
        indptr, indices: the contacts of each node in compressed rows (CSR): node ``i``'s
            contacts are ``indices[indptr[i]:indptr[i + 1]]``, in edge-list order.
        degree: number of contacts of each node (float, like the sums).
        out_start, out_dst: the edges by source: node ``j`` is a contact of the nodes
            ``out_dst[out_start[j]:out_start[j + 1]]``.
    """

    indptr: np.ndarray
    indices: np.ndarray
    degree: np.ndarray
    out_start: np.ndarray
    out_dst: np.ndarray

    @cached_property
    def matrix(self) -> sparse.csr_array:
        """Sparse ``A`` with ``A[i, j] = 1 + 0i`` for each contact ``j`` of ``i`` (complex:
        see :func:`neighbour_means`); made on first use (the fused kernel reads the CSR
        arrays directly, so large organisations do not pay its memory)."""
        n = len(self.indptr) - 1
        return sparse.csr_array((np.ones(len(self.indices), dtype=complex), self.indices,
                                 self.indptr), shape=(n, n))


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


def adjacency(src: np.ndarray, dst: np.ndarray, n: int) -> Network:
    """The edge list prepared for the weekly sums over contacts (performance; built once).

    Each node's contacts keep their edge-list order, so the sums add up exactly as
    ``np.bincount(dst, weights=x[src])`` does (same values, same order).
    """
    index = np.int32 if n < 2**31 else np.int64  # compact: node numbers fit in 32 bits
    order = np.argsort(dst, kind="stable")
    degree = np.bincount(dst, minlength=n)
    indptr = np.concatenate([[0], np.cumsum(degree)])
    indices = src[order].astype(index)
    del order
    by_src = np.argsort(src, kind="stable")
    out_start = np.concatenate([[0], np.cumsum(np.bincount(src, minlength=n))])
    return Network(indptr, indices, degree.astype(float), out_start, dst[by_src].astype(index))


def present_contacts(net: Network, present: np.ndarray) -> np.ndarray:
    """Number of each node's contacts who are at work (float).

    Counted as all contacts less the absent ones (found from the few absent people's own
    contacts); whole numbers, so the same value as adding up 0/1 weights.
    """
    absent = np.flatnonzero(~present)
    if len(absent) == 0:
        return net.degree.copy()
    start, stop = net.out_start[absent], net.out_start[absent + 1]
    sizes = stop - start
    # positions start[j], ..., stop[j] - 1 of every absent node j, in one index array
    edges = np.repeat(stop - np.cumsum(sizes), sizes) + np.arange(int(sizes.sum()))
    lost = np.bincount(net.out_dst[edges], minlength=len(present))
    return net.degree - lost


def neighbour_means(
    net: Network, present: np.ndarray, *values: np.ndarray, count: np.ndarray | None = None
) -> tuple[list[np.ndarray], np.ndarray]:
    """:func:`neighbour_mean` for several state variables at once (performance form).

    Two variables are added up over the contacts in one pass over the network, as the real
    and imaginary part of one complex vector (``A @ (x + iy)`` with ``A`` = 1 + 0i adds
    exactly as ``A @ x`` and ``A @ y`` do).

    Args:
        net: the network from :func:`adjacency`.
        present: who is at work (only present contacts count).
        values: state variables, one array per variable.
        count: ``present_contacts(net, present)`` if already known (it changes only when
            someone's presence does).

    Returns:
        The mean over present contacts of each variable (own value when there are none),
        and the number of present contacts.
    """
    if count is None:
        count = present_contacts(net, present)
    has = count > 0
    divisor = np.maximum(count, 1.0)  # sums are 0 where nobody is present
    means = []
    for i in range(0, len(values), 2):
        pair = np.zeros(len(present), dtype=complex)
        np.multiply(values[i], present, out=pair.real)
        if i + 1 < len(values):
            np.multiply(values[i + 1], present, out=pair.imag)
        sums = net.matrix @ pair
        means += [np.where(has, part / divisor, v)
                  for part, v in zip((sums.real, sums.imag), values[i:i + 2], strict=False)]
    return means, count


@equation
def crossover(
    values: np.ndarray,
    neighbour_values: np.ndarray,
    susceptibility: np.ndarray,
    present: np.ndarray,
    rate: float,
) -> np.ndarray:
    """Weekly change towards contacts' mean (zero for people not at work)."""
    return rate * 2.0 * susceptibility * (neighbour_values - values) * present
