"""Compact state (``Config.precision``, issue 14 item 5): float32 storage and small integers.

float32 is opt-in; the default (float64) stays bit-identical to the golden baseline
(tests/test_golden.py). float32 results must agree with float64 statistically: the same
20 seeds of the baseline in both precisions (benchmarks/precision.py).
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
def test_float32_agrees_with_float64_statistically() -> None:
    """20 seeds of the baseline (260 warm-up + 260 weeks) in each precision: per outcome
    (complaints, absence, new cases, leavers, mean energy) each precision's mean lies in the
    other's 95% confidence interval, Welch's t-test does not tell them apart (p > 0.05),
    and the paired difference (same seed) is small against the spread between seeds."""
    precision = _precision_module()
    table = precision.agreement(seeds=20)
    print("\n" + precision.markdown(table, 20))
    for name, row in table.items():
        assert row["within_each_others_ci"], name
        assert row["welch_p"] > 0.05, name
        spread = (row["float64_hi"] - row["float64_lo"]) / 2
        assert abs(row["paired_diff_mean"]) < 0.1 * spread, name
