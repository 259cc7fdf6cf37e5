"""The per-agent Mesa reference (benchmarks/reference.py) implements the engine's rules.

Single runs differ (each draws its random numbers differently), so the two are compared over
seeds: for each key outcome, the per-run means of the engine and of the reference must not
differ by Welch's t-test at ``ALPHA`` (Bonferroni over the outcomes). The same test applied
to two engine settings whose drain rate differs by a third must find a difference - so a
real difference in the rules would make this test fail.

Explicit parameters (not defaults, which are being recalibrated) keep the organisation in a
regime with burn-out cases, returns and leavers, so every rule is exercised.

The reference must also stay a fair per-agent model for the benchmark: plain Python maths in
its weekly loop, no numpy (a numpy call on a Python scalar costs ~50x a ``min``/``max``) and
none of the engine's numpy mechanism functions; a fast test checks that.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from orgsim.model import OrgModel

ROOT = Path(__file__).resolve().parent.parent

#: Outcomes compared (per-run mean over the weeks). ``work_left_undone`` checks the v2 load
#: rules (each person's share of the team's uncapped load, the part they cannot absorb).
OUTCOMES = ("burnout_complaints", "absence_rate", "engagement_mean", "new_burnout_cases",
            "work_left_undone")
#: Family-wise error rate, split over the outcomes.
ALPHA = 0.01
SEEDS = range(10)
WEEKS = 104
SETTING: dict[str, Any] = {
    "org.n_employees": 40, "org.team_size": 8, "warmup_weeks": 26,
    "params.drain_rate": 0.02,
}


def _reference_module() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(
        "benchmarks_reference", ROOT / "benchmarks" / "reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def _reference_model() -> type:
    return _reference_module().ReferenceModel


class _NoNumpy:
    """Stands in for ``np`` in the reference's namespace: any use fails the test."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the reference's weekly loop uses np.{name}")


def test_reference_weekly_loop_is_plain_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """No numpy and no engine mechanism function in the reference's weeks; its agents' state
    stays Python numbers (numpy scalars would make the reference needlessly slow)."""
    module = _reference_module()
    imported = [name for name, obj in vars(module).items()
                if str(getattr(obj, "__module__", None) or getattr(obj, "__name__", "")
                       ).startswith("orgsim.dynamics")
                and (callable(obj) or isinstance(obj, types.ModuleType))]
    assert imported == []
    model = module.ReferenceModel(overrides=SETTING, rng=0)  # construction may use numpy
    monkeypatch.setattr(module, "np", _NoNumpy())
    model.run_for(20)
    assert model.timeseries()["hires"].sum() + model.timeseries()["leavers"].sum() > 0
    for agent in model.agents:
        for name, value in vars(agent).items():
            assert not isinstance(value, np.generic), (name, type(value))


def _run_means(cls: type, overrides: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for seed in SEEDS:
        model = cls(overrides=overrides, rng=seed)
        model.run_for(WEEKS)
        ts = model.timeseries()
        rows.append({c: ts[c].mean() for c in OUTCOMES})
    return pd.DataFrame(rows)


def _p_values(a: pd.DataFrame, b: pd.DataFrame) -> dict[str, float]:
    return {c: float(stats.ttest_ind(a[c], b[c], equal_var=False).pvalue) for c in OUTCOMES}


@pytest.fixture(scope="module")
def engine_runs() -> pd.DataFrame:
    return _run_means(OrgModel, SETTING)


@pytest.mark.slow  # 30 runs of 104 weeks, a third of them per-agent
def test_reference_agrees_with_engine_over_seeds(engine_runs: pd.DataFrame) -> None:
    reference = _run_means(_reference_model(), SETTING)
    # the regime exercises sick leave: most runs of both see new cases
    assert (engine_runs["new_burnout_cases"] > 0).mean() > 0.5
    assert (reference["new_burnout_cases"] > 0).mean() > 0.5
    p = _p_values(engine_runs, reference)
    summary = {c: (round(engine_runs[c].mean(), 4), round(reference[c].mean(), 4),
                   round(p[c], 4)) for c in OUTCOMES}
    print("engine mean, reference mean, p:", summary)
    assert min(p.values()) >= ALPHA / len(OUTCOMES), summary


@pytest.mark.slow
def test_comparison_detects_a_changed_rule(engine_runs: pd.DataFrame) -> None:
    """Power check: a drain rate a third higher is told apart by the same test."""
    changed = _run_means(OrgModel, {**SETTING, "params.drain_rate": 0.02 * 4 / 3})
    p = _p_values(engine_runs, changed)
    assert min(p.values()) < ALPHA / len(OUTCOMES), p
    assert np.mean(changed["absence_rate"]) > np.mean(engine_runs["absence_rate"])
