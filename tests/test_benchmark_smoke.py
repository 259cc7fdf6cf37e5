"""Smoke test of the benchmark script: ``benchmarks/run.py --quick`` runs and writes its results.

No timing is asserted (timings depend on the machine and its load); only that every part ran
and the results file holds the expected fields with sane values.
"""

from __future__ import annotations

import importlib.util
import math
import statistics
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
    for heading in ("# orgsim benchmark results", "## Targets (issue 14)",
                    "## Engine vs per-agent reference", "## Engine alone",
                    "## README comparison example", "## Scaling", "## Sweep",
                    "## Earlier targets"):
        assert heading in text

    run = _run_module()
    data = run.read_results(out)
    assert set(run.FIELDS) <= set(data)
    machine = data["machine"]
    for key in ("date_utc", "cpu", "cores", "python", "numpy", "mesa", "load_at_start",
                "load_at_end"):
        assert machine[key] not in (None, ""), key
    for probe in ("speed_probe", "python_probe"):
        assert machine[f"{probe}_s_start"] > 0 and machine[f"{probe}_s_end"] > 0
    assert machine["engine_path"]["path"].startswith("OrgModel default")
    settings = data["settings"]
    repeats = settings["repeats"]
    assert [r["n"] for r in data["sizes"]] == settings["sizes"]
    for r in data["sizes"]:  # the same number of timed runs on both sides
        assert r["weeks"] == settings["weeks"]
        assert len(r["engine_runs_s"]) == len(r["ref_runs_s"]) == repeats
        for key in ("engine_s", "engine_median_s", "ref_s", "ref_median_s",
                    "engine_steps_per_s", "ref_steps_per_s", "ratio", "ratio_median",
                    "peak_rss_mb"):
            assert r[key] > 0 and math.isfinite(r[key]), (r["n"], key)
        assert r["engine_s"] == min(r["engine_runs_s"]) <= r["engine_median_s"]
        scale = r["weeks"] / r["ref_weeks_timed"]
        assert math.isclose(r["ref_s"], min(r["ref_runs_s"]) * scale)
        assert math.isclose(r["ref_median_s"], statistics.median(r["ref_runs_s"]) * scale)
        assert math.isclose(r["ratio"], r["ref_s"] / r["engine_s"])
        assert math.isclose(r["ratio_median"], r["ref_median_s"] / r["engine_median_s"])
    largest = data["sizes"][-1]
    assert largest["ref_extrapolated"] and largest["ref_weeks_timed"] < settings["weeks"]
    assert "ratio_same_weeks" in largest["extra"]
    big, huge = data["engine_big"], data["engine_huge"]
    assert big["n"] == settings["big"] and len(big["runs_s"]) == repeats
    assert huge["n"] == settings["huge"] and huge["weeks"] == settings["huge_weeks"]
    for res in (big, huge):
        assert res["wall_s"] > 0 and res["peak_rss_mb"] > 0
    example = data["compare_example"]
    assert example["wall_s"] > 0
    assert example["runs"] == 3 * 2  # three scenarios x replications=2 in --quick
    assert math.isfinite(data["scaling"]["exponent_all"])
    fit = data["scaling"]["fixed_plus_power"]
    assert fit["a_s"] >= 0 and math.isfinite(fit["b"])  # its value depends on the load
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
    # every target of issue 14, with its measured value and whether it is met
    targets = data["targets"]
    assert set(targets) == {
        "compare_example_<=10s", "engine_10k_260w_<=0.25s", "engine_100k_260w_<=2.5s",
        "engine_1M_52w_<=5s", "engine_1M_52w_peak_<=0.7GB", "ratio_10k_>=300",
        "ratio_1k_>=100"}
    for name, t in targets.items():
        assert t["value"] > 0 and math.isfinite(t["value"]), name
        assert t["met"] == (t["value"] >= t["limit"] if t["unit"] == "x"
                            else t["value"] <= t["limit"]), name
        assert t["status"] in ("met", "met by the best value only", "missed"), name
        assert f"| {name} |" in text
    assert targets["engine_10k_260w_<=0.25s"]["value"] == largest["engine_median_s"]
    assert targets["ratio_10k_>=300"]["value"] == min(
        [largest["ratio"], largest["ratio_median"], largest["ref_cpu_s"] / largest["engine_cpu_s"],
         *(v for k, v in largest["extra"].items() if k.startswith("ratio"))])
    assert set(data["earlier_targets"]) == {"exponent_size_dependent_part_1.0+-0.1",
                                            "sweep_speedup_>=1.8"}
