"""Compact state (``Config.precision``, issue 14 item 5): float32 storage and small integers.

float32 is opt-in; the default (float64) stays bit-identical to the golden baseline
(tests/test_golden.py). float32 results must agree with float64 statistically: the same
20 seeds in both precisions (benchmarks/precision.py), of the baseline and of a larger
organisation where rounding differences do send runs down other paths.
"""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from orgsim import ConfigError, OrgModel
from orgsim.state import FLOAT_FIELDS, INT_DTYPES, INT_FIELDS

ROOT = Path(__file__).resolve().parent.parent


def _precision_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("benchmarks_precision",
                                                  ROOT / "benchmarks" / "precision.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_an_unknown_precision_is_one_clear_error() -> None:
    with pytest.raises(ConfigError, match=r"precision.*float16.*float64, float32"):
        OrgModel(overrides={"precision": "float16"})


@pytest.mark.parametrize("precision", ["float64", "float32"])
def test_state_is_stored_compactly(precision: str) -> None:
    model = OrgModel(rng=1, overrides={"precision": precision, "org.n_employees": 120,
                                       "warmup_weeks": 5})
    ws = model.workforce
    block = ws.rows(tuple(FLOAT_FIELDS))
    assert block is not None and block.dtype == np.dtype(precision)  # the kernel runs on it
    for name in INT_FIELDS:
        assert getattr(ws, name).dtype == np.dtype(INT_DTYPES[name]), name
    ghost = copy.deepcopy(model)  # the app's ghost run keeps the precision and the block
    assert ghost.workforce.rows(tuple(FLOAT_FIELDS)) is not None
    assert ghost.workforce.energy.dtype == np.dtype(precision)
    model.run_for(3)
    assert ws.energy.dtype == np.dtype(precision)  # updated in place, never replaced
    assert model.timeseries()["burnout_complaints"].dtype == np.float64


def test_float32_runs_with_both_engines_and_they_agree() -> None:
    series = {}
    for engine in ("numpy", "fused"):
        model = OrgModel(rng=3, overrides={"precision": "float32", "engine": engine,
                                           "org.n_employees": 300, "warmup_weeks": 26})
        model.run_for(52)
        series[engine] = model.timeseries().to_numpy(float)
    np.testing.assert_allclose(series["fused"], series["numpy"], rtol=1e-4, atol=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize(("weeks", "overrides"), [
    (260, {}),  # the baseline: float32 runs mostly follow float64's path exactly
    (156, {"org.n_employees": 2000}),  # larger: about half of the runs take another path
], ids=["baseline", "2000-employees"])
def test_float32_agrees_with_float64_statistically(weeks: int, overrides: dict) -> None:
    """20 seeds in each precision (the default warm-up, then ``weeks``): per outcome
    (complaints, absence, new cases, leavers, mean energy) each precision's mean lies in the
    other's 95% confidence interval, Welch's t-test does not tell them apart (p > 0.05),
    and the paired difference (same seeds) is equivalent to zero: its 90% CI lies within a
    tenth of the seed-to-seed sd (two one-sided tests; a paired t-test would flag the
    systematic 1e-10 rounding of float32 hours as "significant")."""
    precision = _precision_module()
    table = precision.agreement(seeds=20, weeks=weeks, overrides=overrides)
    print("\n" + precision.markdown(table, 20))
    for name, row in table.items():
        assert row["within_each_others_ci"], name
        assert row["welch_p"] > 0.05, name
        assert row["equivalent"], name
    if overrides:  # the larger organisation does test a distribution, not one path
        assert table["new_burnout_cases"]["identical_runs"] < 20
