"""``@equation``: one definition of each formula, for numpy arrays and the fused kernel.

The functions of :mod:`orgsim.dynamics` marked ``@equation`` are the specification of the
model. Called from Python they work elementwise on numpy arrays (or floats), which is how
the readable components of :mod:`orgsim.week` use them. The fused weekly kernel
(:mod:`orgsim.week.kernel`) calls the *same* functions on one person's numbers at a time,
compiled by numba (``numba.extending.register_jitable``), so no formula exists twice.

Rules for an equation (so that both uses give the same numbers): elementwise arithmetic and
numpy ufuncs (``np.minimum``, ``np.exp``, ``np.where``, ``np.clip``, ...) only; no
``np.errstate`` (guard divisions with ``np.where`` instead); parameters may be passed by
keyword but are not keyword-only (numba cannot bind keyword-only arguments); no
``bincount``, fancy indexing or other whole-array operations (those stay in the components).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numba import types
from numba.extending import overload, register_jitable


def equation[F: Callable[..., Any]](fn: F) -> F:
    """Mark ``fn`` as an equation: unchanged for Python callers, compilable in the kernel."""
    return register_jitable(fn)  # type: ignore[no-any-return]


def where(condition, x, y):
    """``np.where(condition, x, y)`` for equations: elementwise on arrays; compiled on one
    person's numbers it is a plain choice (numba's ``np.where`` would make a 0-d array)."""
    return np.where(condition, x, y)


def clip(x, lo, hi):
    """``np.clip(x, lo, hi)`` for equations (compiled on a number: ``min(max(x, lo), hi)``)."""
    return np.clip(x, lo, hi)


@overload(where)
def _where_number(condition, x, y):  # type: ignore[no-untyped-def]
    if isinstance(condition, types.Boolean | types.Number):
        return lambda condition, x, y: x if condition else y
    return lambda condition, x, y: np.where(condition, x, y)


@overload(clip)
def _clip_number(x, lo, hi):  # type: ignore[no-untyped-def]
    if isinstance(x, types.Number):
        return lambda x, lo, hi: min(max(x, lo), hi)
    return lambda x, lo, hi: np.clip(x, lo, hi)
