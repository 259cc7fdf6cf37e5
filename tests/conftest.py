"""Shared fixtures and helpers for the orgsim test suite.

Tests never depend on an exact default parameter value (defaults are recalibrated): they pass
explicit values or compare relative effects.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pytest

from orgsim import Config, Leader, OrgModel, Role, cli
from orgsim.config import HOME_ENV, validate
from orgsim.logs import quiet_mesa
from orgsim.state import Status

#: Small organisation used by model-level tests: fast and still several teams.
SMALL: dict[str, Any] = {"org.n_employees": 40, "org.team_size": 8, "warmup_weeks": 0}


@pytest.fixture(autouse=True, scope="session")
def _own_orgsim_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The user's own presets (``~/.orgsim``: client organisations from ``orgsim
    import-survey``) do not reach the tests: ``ORGSIM_HOME`` is an empty directory (also for
    the subprocesses the tests start)."""
    old = os.environ.get(HOME_ENV)
    os.environ[HOME_ENV] = str(tmp_path_factory.mktemp("orgsim_home"))
    yield
    if old is None:
        os.environ.pop(HOME_ENV, None)
    else:
        os.environ[HOME_ENV] = old


@pytest.fixture(autouse=True, scope="session")
def _quiet_mesa() -> None:
    """Mesa logs every step at INFO; keep test output readable."""
    quiet_mesa()


def build_config(overrides: Mapping[str, Any], base: Mapping[str, Any] = SMALL) -> Config:
    """A Config with dotted-key values set directly on the dataclasses (then validated).

    Much faster than ``OrgModel(overrides=...)`` (which goes through OmegaConf); the override
    path itself is tested in test_config.py.
    """
    cfg = Config()
    for key, value in {**base, **overrides}.items():
        *parents, name = key.split(".")
        obj: Any = cfg
        for part in parents:
            obj = getattr(obj, part)
        if not hasattr(obj, name):
            raise KeyError(key)
        setattr(obj, name, value)
    return validate(cfg)


def make_model(rng: int = 0, **overrides: Any) -> OrgModel:
    """A small model (see :data:`SMALL`) with dotted-key overrides given as keyword args.

    Keyword names use ``__`` for the dot, e.g. ``make_model(demands__workload=0.9)``.
    """
    return model_from({k.replace("__", "."): v for k, v in overrides.items()}, rng=rng)


def model_from(overrides: Mapping[str, Any], rng: int = 0,
               base: Mapping[str, Any] = SMALL) -> OrgModel:
    """A model from a dict of dotted-key values on top of ``base`` (default :data:`SMALL`)."""
    return OrgModel(config=build_config(overrides, base), rng=rng)


def status_counts(model: OrgModel) -> dict[Status, int]:
    """Number of positions per status code."""
    codes = np.bincount(model.workforce.status, minlength=len(Status))
    return {s: int(codes[s]) for s in Status}


def check_agents_match_rows(model: OrgModel) -> None:
    """One Mesa agent per filled position, holding that row; none for vacancies."""
    ws = model.workforce
    agents = list(model.agents)
    employed = np.flatnonzero(ws.status != Status.VACANT)
    assert len(agents) == len(employed)
    assert sorted(a.row for a in agents) == employed.tolist()
    for a in agents:
        assert model.agent_at(a.row) is a
        assert isinstance(a, Leader) == (ws.role[a.row] == Role.LEADER)
    for row in np.flatnonzero(ws.status == Status.VACANT):
        assert model.agent_at(int(row)) is None


@pytest.fixture
def small_model() -> OrgModel:
    """A fresh small model with seed 0."""
    return make_model()


def run_main(argv: list[str], monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``orgsim <argv>`` in-process: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["orgsim"])
    monkeypatch.delenv("HYDRA_FULL_ERROR", raising=False)
    code = 0
    try:
        cli.main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err
