"""studies/sensitivity.py: tidy Morris and Sobol tables (tiny runs; the numbers are in
docs/sensitivity.md and notebooks/04_sensitivity.ipynb)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from orgsim.config import ConfigError

PATH = Path(__file__).resolve().parent.parent / "studies" / "sensitivity.py"


@pytest.fixture(scope="module")
def sa() -> Any:
    spec = importlib.util.spec_from_file_location("orgsim_sensitivity", PATH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_morris_and_sobol_give_one_row_per_outcome_and_parameter(sa: Any) -> None:
    setup = sa.Setup(n_employees=30, weeks=6, warmup_weeks=0)
    factors = dict(list(sa.FACTORS.items())[:3])
    m = sa.morris(setup, trajectories=2, jobs=1, factors=factors)
    s = sa.sobol(setup, base_n=2, jobs=1, factors=factors)
    for df, cols, runs in ((m, ["mu", "mu_star", "sigma", "mu_star_conf"], 2 * (3 + 1)),
                           (s, ["S1", "S1_conf", "ST", "ST_conf"], 2 * (3 + 2))):
        assert list(df.columns) == ["outcome", "parameter", *cols]
        assert len(df) == len(sa.OUTCOMES) * 3
        assert set(df["parameter"]) == set(factors)
        assert list(df["outcome"].unique()) == list(sa.OUTCOMES)
        assert df.attrs["runs"] == runs
    assert (m["mu_star"] >= 0).all()


def test_sobol_needs_a_power_of_two(sa: Any) -> None:
    with pytest.raises(ConfigError, match="must be a power of 2"):
        sa.sobol(sa.Setup(), base_n=3, jobs=1)
