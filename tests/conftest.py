"""Shared fixtures and helpers for the orgsim test suite.

Tests never depend on an exact default parameter value (defaults are recalibrated): they pass
explicit values or compare relative effects.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import numpy as np
import pytest

from orgsim import OrgModel
from orgsim.state import Status

#: Small organisation used by model-level tests: fast and still several teams.
SMALL: dict[str, Any] = {"org.n_employees": 40, "org.team_size": 8, "warmup_weeks": 0}


@pytest.fixture(autouse=True, scope="session")
def _quiet_mesa() -> None:
    """Mesa logs every step at INFO; keep test output readable."""
    logging.getLogger("MESA").setLevel(logging.WARNING)


def make_model(rng: int = 0, **overrides: Any) -> OrgModel:
    """A small model (see :data:`SMALL`) with dotted-key overrides given as keyword args.

    Keyword names use ``__`` for the dot, e.g. ``make_model(demands__workload=0.9)``.
    """
    ov: dict[str, Any] = dict(SMALL)
    ov.update({k.replace("__", "."): v for k, v in overrides.items()})
    return OrgModel(rng=rng, overrides=ov)


def model_from(overrides: Mapping[str, Any], rng: int = 0) -> OrgModel:
    """A model from a dict of dotted-key overrides on top of :data:`SMALL`."""
    return OrgModel(rng=rng, overrides={**SMALL, **overrides})


def status_counts(model: OrgModel) -> dict[Status, int]:
    """Number of positions per status code."""
    codes = np.bincount(model.workforce.status, minlength=len(Status))
    return {s: int(codes[s]) for s in Status}


@pytest.fixture
def small_model() -> OrgModel:
    """A fresh small model with seed 0."""
    return make_model()
