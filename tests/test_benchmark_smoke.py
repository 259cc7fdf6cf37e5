"""Smoke test of the benchmark script: ``benchmarks/run.py --quick`` runs and writes its results.

No timing is asserted (timings depend on the machine and its load); only that every part ran
and the results file holds the expected fields with sane values.
"""

from __future__ import annotations

import importlib.util
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "benchmarks" / "run.py"

pytestmark = pytest.mark.slow  # the whole benchmark, quick settings


def _run_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("benchmarks_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def test_quick_benchmark_writes_results_with_expected_fields(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    proc = subprocess.run([sys.executable, str(RUN), "--quick", "--out", str(out)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert out.exists() and not out.with_suffix(".md.tmp").exists()
    text = out.read_text()
    for heading in ("# orgsim benchmark results", "## Engine vs per-agent reference",
                    "## Scaling", "## Sweep", "## Targets"):
        assert heading in text

    run = _run_module()
    data = run.read_results(out)
    assert set(run.FIELDS) <= set(data)
    machine = data["machine"]
    for key in ("date_utc", "cpu", "cores", "python", "numpy", "mesa", "load_at_start",
                "load_at_end"):
        assert machine[key] not in (None, ""), key
    assert machine["speed_probe_s_start"] > 0 and machine["speed_probe_s_end"] > 0
    settings = data["settings"]
    assert [r["n"] for r in data["sizes"]] == settings["sizes"]
    for r in data["sizes"]:
        assert r["weeks"] == settings["weeks"]
        for key in ("engine_s", "ref_s", "engine_steps_per_s", "ref_steps_per_s", "ratio",
                    "peak_rss_mb"):
            assert r[key] > 0 and math.isfinite(r[key]), (r["n"], key)
        assert math.isclose(r["ratio"], r["ref_s"] / r["engine_s"])
    largest = data["sizes"][-1]
    assert largest["ref_extrapolated"] and largest["ref_weeks_timed"] < settings["weeks"]
    big = data["engine_100k"]
    assert big["n"] == settings["big"] and big["wall_s"] > 0 and big["peak_rss_mb"] > 0
    assert math.isfinite(data["scaling"]["exponent_all"])
    fit = data["scaling"]["fixed_plus_power"]
    assert fit["a_s"] >= 0 and 0.1 <= fit["b"] <= 3.0
    sweep = data["sweep"]
    assert [r["warmup_weeks"] for r in sweep["by_warmup"]] == settings["sweep_warmups"]
    for r in sweep["by_warmup"]:
        assert r["runs"] == settings["sweep_runs"] and r["speedup"] > 0
        for name in ("sequential", "joblib"):  # each job's files lie within the command's run
            ph = r[f"{name}_phases"]
            assert ph["start_s"] > 0 and ph["jobs_s"] > 0 and ph["end_s"] >= 0
        assert 0 < r["engine_import_s"] < r["sequential_phases"]["jobs_s"]
        assert r["jobs_speedup"] > 0
    assert sweep["speedup"] == sweep["by_warmup"][-1]["speedup"]
    assert set(data["targets"]) == {
        "ratio_at_largest_>=100", "engine_largest_260w_<=1s", "engine_big_260w_<=30s",
        "engine_big_peak_<2GB", "exponent_1.0+-0.1", "exponent_two_largest_1.0+-0.1",
        "exponent_size_dependent_part_1.0+-0.1", "sweep_speedup_>=1.8"}
    assert "ratio_same_weeks" in largest["extra"]
