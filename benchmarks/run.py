"""Benchmark: the vectorised engine (OrgModel) against a fair per-agent Mesa reference.

Usage::

    .venv/bin/python benchmarks/run.py            # full run (about 10-20 minutes on 2 cores),
                                                  # writes benchmarks/results.md
    .venv/bin/python benchmarks/run.py --quick    # tiny sizes, about a minute (the CI smoke
                                                  # test); writes
                                                  # outputs/benchmarks/results-quick.md
    .venv/bin/python benchmarks/run.py --out /tmp/results.md --skip-sweep

What it measures (all with ``warmup_weeks=0`` so both implementations simulate exactly the
timed weeks; model construction is timed separately):

- engine and reference (``benchmarks/reference.py``: plain Python per agent, as a Mesa user
  would write it) ``run_for(weeks)`` in this one process at each size (100, 1k, 10k
  employees x 260 weeks), the **same number of timed runs for both** (seeds 0, 1, 2,
  interleaved), with the minimum and the median of each; the reference at the largest size
  is timed over 26 weeks and extrapolated linearly (marked in the output; the engine is also
  timed over those weeks for a second estimate); agent-steps/s and the speed ratio;
- the engine alone at 100k employees x 260 weeks (three runs) and at 1M employees x 52 weeks
  (one run), each in a fresh subprocess (time and peak memory);
- the README's comparison example (``orgsim compare scenario=baseline,focus,clearer_roles
  replications=20``: 3 scenarios x 20 seeds x 200 positions, 260 warm-up + 260 weeks) as
  a subprocess writing into a temporary directory;
- peak memory (max RSS) of a fresh subprocess running the engine at each size;
- the scaling exponent: least-squares slope of log(time) on log(size), and the exponent of
  the size-dependent part of ``time = a + c x size^b`` (``a``: the fixed cost of a run's
  weeks - numpy calls, Mesa's step - that does not grow with the organisation);
- sweeps of 40 runs through the ``orgsim`` Hydra CLI, sequential (basic launcher) against
  the joblib launcher with 2 jobs: short runs (1k employees x 260 weeks, no warm-up) and
  research-size runs (the same with the default 260-week warm-up, as ``orgsim`` runs).

It then prints the targets of issue 14 with the measured value and met/missed. Time targets
are judged on the median of the timed runs (the minimum is shown beside it), ratio targets
on the smallest of the ratio estimates. Timings are wall-clock (``time.perf_counter``) with
CPU time alongside; the machine is described by two speed probes (a numpy one and a
pure-Python one) and the load average, before and after, since a shared VM's speed drifts.
The engine path that ran (``OrgModel``'s default; any kernel option found) is recorded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import precision as precision_check  # noqa: E402
from benchmarks.reference import ReferenceModel  # noqa: E402
from orgsim.config import Config  # noqa: E402
from orgsim.files import atomic_write_text  # noqa: E402
from orgsim.logs import quiet_mesa  # noqa: E402
from orgsim.model import OrgModel  # noqa: E402

#: Results file fields (keys of the JSON block in results.md); the smoke test checks them.
FIELDS = ("machine", "settings", "sizes", "engine_big", "engine_huge", "compare_example",
          "scaling", "sweep", "targets", "earlier_targets", "float32")

#: The README's comparison example (README.md, "Example: orgsim compare ...").
COMPARE_EXAMPLE = ("scenario=baseline,focus,clearer_roles", "replications=20")


@dataclass
class Settings:
    """What to run."""

    sizes: list[int]  # engine and reference, ``weeks`` each
    weeks: int
    ref_weeks_largest: int  # the reference at the largest size: timed weeks (extrapolated)
    repeats: int  # timed runs per size, the same for engine and reference
    big: int  # engine alone in a fresh process, ``weeks``, ``repeats`` runs
    huge: int  # engine alone in a fresh process, ``huge_weeks``, one run (peak memory)
    huge_weeks: int
    ratio_small: int  # the size of the second ratio target (1k)
    compare_args: tuple[str, ...]
    sweep_runs: int
    sweep_employees: int
    sweep_weeks: int
    sweep_jobs: int
    sweep_warmups: tuple[int, ...] = (0, 260)
    scaling_extra: tuple[int, ...] = (300, 3_000, 30_000)  # engine only, for the scaling fit
    fresh_process_per_size: bool = True
    skip_sweep: bool = False
    skip_compare: bool = False
    precision_seeds: int = 20  # float32 vs float64 agreement (benchmarks/precision.py)
    precision_overrides: dict[str, Any] = field(default_factory=dict)


FULL = Settings(sizes=[100, 1_000, 10_000], weeks=260, ref_weeks_largest=26, repeats=3,
                big=100_000, huge=1_000_000, huge_weeks=52, ratio_small=1_000,
                compare_args=COMPARE_EXAMPLE, sweep_runs=40, sweep_employees=1_000,
                sweep_weeks=260, sweep_jobs=2)
QUICK = Settings(sizes=[30, 60], weeks=8, ref_weeks_largest=4, repeats=3, big=200, huge=400,
                 huge_weeks=4, ratio_small=30,
                 compare_args=(*COMPARE_EXAMPLE[:1], "replications=2", "org.n_employees=20",
                               "warmup_weeks=2", "weeks=4", "figures=false"),
                 sweep_runs=2, sweep_employees=30, sweep_weeks=4, sweep_jobs=2,
                 sweep_warmups=(0, 2), scaling_extra=(45,), fresh_process_per_size=False,
                 precision_seeds=3,
                 precision_overrides={"org.n_employees": 30, "warmup_weeks": 2})


@dataclass
class SizeResult:
    """Engine and reference at one size: minimum and median of the same number of runs."""

    n: int
    weeks: int
    engine_s: float  # minimum
    engine_median_s: float
    engine_runs_s: list[float]
    engine_cpu_s: float  # of the fastest run
    engine_build_s: float
    ref_s: float  # minimum, extrapolated to ``weeks`` if ``ref_extrapolated``
    ref_median_s: float
    ref_runs_s: list[float]  # as timed (over ``ref_weeks_timed``)
    ref_cpu_s: float
    ref_weeks_timed: int
    ref_extrapolated: bool
    ref_build_s: float
    engine_steps_per_s: float = 0.0
    ref_steps_per_s: float = 0.0
    ratio: float = 0.0  # minimum over minimum
    ratio_median: float = 0.0  # median over median
    peak_rss_mb: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def ratio_estimates(self) -> dict[str, float]:
        """Every estimate of the speed ratio at this size (the target uses the smallest)."""
        return {"ratio": self.ratio, "ratio_median": self.ratio_median,
                "ratio_cpu": self.ref_cpu_s / self.engine_cpu_s,
                **{k: v for k, v in self.extra.items() if k.startswith("ratio")}}


def overrides(n: int, precision: str = "float64") -> dict[str, Any]:
    """The engine's settings for ``n`` positions (no warm-up); ``precision``:
    ``Config.precision`` (the reference model does not have it)."""
    extra = {} if precision == "float64" else {"precision": precision}
    return {"org.n_employees": n, "warmup_weeks": 0, **extra}


def load() -> list[float]:
    """The 1, 5 and 15 minute load averages."""
    return [round(x, 2) for x in os.getloadavg()]


def time_run(cls: type, n: int, weeks: int, seed: int, precision: str = "float64"
             ) -> tuple[float, float, float]:
    """(wall s, CPU s) of ``run_for(weeks)``, and the construction time."""
    t0 = time.perf_counter()
    model = cls(overrides=overrides(n, precision), rng=seed)
    build = time.perf_counter() - t0
    t, c = time.perf_counter(), time.process_time()
    model.run_for(weeks)
    return time.perf_counter() - t, time.process_time() - c, build


def interleaved_runs(n: int, sides: list[tuple[type, int]] | list[tuple[type, int, str]],
                     repeats: int) -> list[dict[str, Any]]:
    """``repeats`` runs (seeds 0, 1, ...) of each ``(model class, weeks[, precision])`` side,
    interleaved (seed 0 of every side, then seed 1, ...) so that a drift in the machine's
    speed touches every side alike. Per side: the wall times, the minimum (the least
    disturbed by other load) and the median, the CPU time of the fastest and the median
    build time."""
    runs: list[list[tuple[float, float, float]]] = [[] for _ in sides]
    for seed in range(repeats):
        for side, spec in zip(runs, sides, strict=True):
            side.append(time_run(spec[0], n, spec[1], seed, *spec[2:]))
    results = []
    for side in runs:
        walls = [r[0] for r in side]
        fastest = min(side)
        results.append({"runs_s": walls, "min_s": fastest[0],
                        "median_s": statistics.median(walls), "cpu_s": fastest[1],
                        "build_s": statistics.median(r[2] for r in side)})
    return results


def timed_runs(cls: type, n: int, weeks: int, repeats: int) -> dict[str, Any]:
    """``repeats`` runs of one model (see :func:`interleaved_runs`)."""
    return interleaved_runs(n, [(cls, weeks)], repeats)[0]


def engine_subprocess(n: int, weeks: int, repeats: int = 1, precision: str = "float64"
                      ) -> dict[str, Any]:
    """Run the engine in a fresh interpreter; its times and peak RSS (``--worker`` mode)."""
    out = subprocess.run([sys.executable, __file__, "--worker", str(n), str(weeks),
                          str(repeats), "--precision", precision],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def worker(n: int, weeks: int, repeats: int, precision: str = "float64") -> None:
    """Subprocess body: build and run the engine ``repeats`` times, print JSON with the
    times (minimum, median) and the peak RSS."""
    quiet_mesa()
    base = _peak_mb()
    res = interleaved_runs(n, [(OrgModel, weeks, precision)], repeats)[0]
    print(json.dumps({"n": n, "weeks": weeks, "repeats": repeats, "precision": precision,
                      "wall_s": res["median_s"],
                      "min_s": res["min_s"], "runs_s": res["runs_s"], "cpu_s": res["cpu_s"],
                      "build_s": res["build_s"], "rss_after_imports_mb": base,
                      "peak_rss_mb": _peak_mb()}))


def _peak_mb() -> float:
    """Peak resident memory of this process so far (MB; ru_maxrss is in kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def engine_path() -> dict[str, Any]:
    """Which engine path the timed runs take (``Config.engine``'s default: ``fused``, the
    compiled kernel, or ``numpy``), numba's version and the source's git commit."""
    import numba

    try:
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    engine = Config().engine
    return {"path": f"OrgModel default (engine={engine!r})", "engine": engine,
            "numba": numba.__version__, "git": commit}


def slope(sizes: list[int], times: list[float]) -> float:
    """Scaling exponent b in time ~ size^b (least squares on logs)."""
    if len(sizes) < 2:
        return float("nan")
    return float(np.polyfit(np.log(sizes), np.log(times), 1)[0])


def fixed_plus_power(sizes: list[int], times: list[float]) -> dict[str, float]:
    """Fit ``time = a + c x size^b`` (least squares on log time): ``a`` is the part of a
    run's time that does not grow with the organisation, ``b`` the exponent of the rest."""
    from scipy.optimize import curve_fit

    n, t = np.asarray(sizes, dtype=float), np.asarray(times, dtype=float)
    if len(n) < 3:
        return {"a_s": float("nan"), "c": float("nan"), "b": float("nan")}

    def model(x: np.ndarray, a: float, log_c: float, b: float) -> np.ndarray:
        return np.log(a + np.exp(log_c) * x**b)

    b0 = float(np.clip(slope(sizes[-2:], times[-2:]), 0.2, 2.9))
    start = (0.5 * t.min(), float(np.clip(np.log(t[-1] / n[-1] ** b0), -49.0, 49.0)), b0)
    try:
        (a, log_c, b), _ = curve_fit(model, n, np.log(t), p0=start,
                                     bounds=([0.0, -50.0, 0.1], [t.min(), 50.0, 3.0]))
    except (RuntimeError, ValueError):  # no fit (e.g. times that do not grow with size)
        return {"a_s": float("nan"), "c": float("nan"), "b": float("nan")}
    return {"a_s": float(a), "c": float(np.exp(log_c)), "b": float(b)}


def sweep(s: Settings, tmp: Path, warmup: int) -> dict[str, Any]:
    """40 runs of the ``orgsim`` CLI: basic launcher (sequential) vs joblib (2 jobs)."""
    exe = Path(sys.executable).with_name("orgsim")
    common = [f"seed=range(0,{s.sweep_runs})", f"org.n_employees={s.sweep_employees}",
              f"weeks={s.sweep_weeks}", f"warmup_weeks={warmup}"]
    result: dict[str, Any] = {"runs": s.sweep_runs, "employees": s.sweep_employees,
                              "weeks": s.sweep_weeks, "warmup_weeks": warmup,
                              "jobs": s.sweep_jobs}
    for name, launcher in (("sequential", ["hydra/launcher=basic"]),
                           ("joblib", ["hydra/launcher=joblib",
                                       f"hydra.launcher.n_jobs={s.sweep_jobs}"])):
        cmd = [str(exe), "-m", *launcher, *common, f"hydra.sweep.dir={tmp / name}"]
        result[f"load_before_{name}"] = load()
        t, began = time.perf_counter(), time.time()
        subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=tmp)
        result[f"{name}_s"] = time.perf_counter() - t
        result[f"{name}_phases"] = sweep_phases(tmp / name, began, time.time(), s.sweep_runs)
    result["speedup"] = result["sequential_s"] / result["joblib_s"]
    # the sequential sweep imports the engine inside its first job (the parallel one in its
    # workers, before their first job): compare the jobs without that import
    result["engine_import_s"] = engine_import_s()
    result["jobs_speedup"] = ((result["sequential_phases"]["jobs_s"] - result["engine_import_s"])
                              / result["joblib_phases"]["jobs_s"])
    return result


def engine_import_s(repeats: int = 3) -> float:
    """Seconds a run's process spends importing the engine (Mesa, pandas, scipy, orgsim's
    model) after the ``orgsim`` command's own imports: fastest of ``repeats`` fresh
    processes."""
    code = ("import time, orgsim.cli; t = time.perf_counter(); import orgsim.model, "
            "orgsim.results; print(time.perf_counter() - t)")
    return min(float(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                    text=True, check=True).stdout)
               for _ in range(repeats))


def sweep_phases(sweep_dir: Path, began: float, ended: float, runs: int) -> dict[str, float]:
    """Where a sweep's time went, from its job directories' file times: ``start_s`` from the
    command's start to the first job's start (its ``.hydra/config.yaml``), ``jobs_s`` from
    there to the last job's end (its ``summary.json``), ``end_s`` from there to the
    command's exit."""
    jobs = [d for d in sweep_dir.iterdir() if (d / "summary.json").exists()]
    if len(jobs) != runs:
        raise RuntimeError(f"sweep {sweep_dir.name}: {len(jobs)} of {runs} runs wrote a summary")
    first = min((d / ".hydra" / "config.yaml").stat().st_mtime for d in jobs)
    last = max((d / "summary.json").stat().st_mtime for d in jobs)
    return {"start_s": first - began, "jobs_s": last - first, "end_s": ended - last}


def speed_probe(repeats: int = 5) -> float:
    """Seconds for a fixed numpy workload like the engine's (2,000 rounds of small
    elementwise operations on 10k values), fastest of ``repeats``: how fast this (virtual)
    machine is right now. On the shared 2-core VM it varies by up to ~60% within an hour,
    with no load visible inside the VM; compare probes before comparing two results files."""
    rng = np.random.default_rng(0)
    a, b = rng.random(10_000), rng.random(10_000)
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(2_000):
            c = a * b + 0.5
            np.clip(c, 0.2, 1.0, out=c)
            c.sum()
        best = min(best, time.perf_counter() - t)
    return best


def python_probe(repeats: int = 5) -> float:
    """Seconds for a fixed pure-Python workload like the reference's (200,000 scalar updates
    with ``min``/``max``/``math.exp``), fastest of ``repeats``: the speed probe of the
    per-agent side."""
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        x = 0.5
        for _ in range(200_000):
            x = min(max(0.99 * x + 0.01 * math.exp(-x), 0.0), 1.0)
        best = min(best, time.perf_counter() - t)
    return best


def compare_example(s: Settings) -> dict[str, Any]:
    """The README's comparison example (``orgsim compare ...``) as a subprocess writing into
    a temporary directory: its wall time, as a user waits for it."""
    exe = Path(sys.executable).with_name("orgsim")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [str(exe), "compare", *s.compare_args, f"outdir={Path(tmp) / 'compare'}"]
        before = load()
        t, c = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=tmp)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs = len(list((Path(tmp) / "compare").glob("runs/*/seed_*/summary.json")))
    return {"command": "orgsim compare " + " ".join(s.compare_args), "wall_s": wall,
            "cpu_s": (after.ru_utime + after.ru_stime) - (c.ru_utime + c.ru_stime),
            "runs": runs, "cores": os.cpu_count(), "load_before": before, "load_after": load()}


def machine() -> dict[str, Any]:
    import mesa
    import scipy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_available": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "mesa": mesa.__version__,
        "platform": platform.platform(),
        "load_at_start": load(),
        "speed_probe_s_start": speed_probe(),
        "python_probe_s_start": python_probe(),
        "engine_path": engine_path(),
    }


def target(desc: str, value: float | None, limit: float, *, at_least: bool = False,
           best: float | None = None, unit: str = "s") -> dict[str, Any]:
    """One target: the measured value (median, or the smallest ratio estimate), the best
    value (minimum) where there is one, and whether it is met."""
    def meets(x: float | None) -> bool:
        return x is not None and math.isfinite(x) and (x >= limit if at_least else x <= limit)

    status = ("not run" if value is None else "met" if meets(value)
              else "met by the best value only" if meets(best) else "missed")
    return {"target": desc, "value": value, "best": best, "limit": limit, "unit": unit,
            "met": meets(value), "status": status}


def float32_runs(s: Settings, log: Any = print) -> dict[str, Any]:
    """Compact state (``Config.precision=float32``) beside float64: the largest in-process
    size (both precisions interleaved), the big and huge sizes in fresh processes (times,
    peak RSS), the engine targets for float32, and whether the results agree statistically
    (:func:`benchmarks.precision.agreement`)."""
    n = s.sizes[-1]
    f64, f32 = interleaved_runs(n, [(OrgModel, s.weeks, "float64"),
                                    (OrgModel, s.weeks, "float32")], s.repeats)
    log(f"n={n:>7,}: float64 {f64['median_s']:.3f} s, float32 {f32['median_s']:.3f} s "
        f"(medians; CPU of the fastest {f64['cpu_s']:.3f} / {f32['cpu_s']:.3f} s)")
    big = engine_subprocess(s.big, s.weeks, s.repeats, "float32")
    log(f"n={s.big:>7,} x {s.weeks} weeks, float32: median {big['wall_s']:.2f} s, peak RSS "
        f"{big['peak_rss_mb']:.0f} MB (fresh process)")
    huge = engine_subprocess(s.huge, s.huge_weeks, 1, "float32")
    log(f"n={s.huge:>7,} x {s.huge_weeks} weeks, float32: {huge['wall_s']:.2f} s, peak RSS "
        f"{huge['peak_rss_mb']:.0f} MB (fresh process)")
    agreement = precision_check.agreement(s.precision_seeds, s.weeks, s.precision_overrides)
    targets = {
        "engine_10k_260w_<=0.25s": target(
            f"engine {n:,} x {s.weeks} weeks, float32 (median of {s.repeats})",
            f32["median_s"], 0.25, best=f32["min_s"]),
        "engine_100k_260w_<=2.5s": target(
            f"engine {s.big:,} x {s.weeks} weeks, float32, fresh process "
            f"(median of {s.repeats})", big["wall_s"], 2.5, best=big["min_s"]),
        "engine_1M_52w_<=5s": target(
            f"engine {s.huge:,} x {s.huge_weeks} weeks, float32, fresh process (one run)",
            huge["wall_s"], 5.0),
        "engine_1M_52w_peak_<=0.7GB": target(
            "peak RSS of that process (GB = 1e9 bytes)", huge["peak_rss_mb"] * 2**20 / 1e9,
            0.7, unit="GB"),
    }
    for name, t in targets.items():
        log(f"target {name} (float32): {t['value']:.3g} {t['unit']} -> {t['status']}")
    return {"n": n, "weeks": s.weeks, "float64_in_process": f64, "float32_in_process": f32,
            "engine_big": big, "engine_huge": huge, "targets": targets,
            "agreement_seeds": s.precision_seeds, "agreement": agreement}


def run(s: Settings, out: Path, log: Any = print) -> dict[str, Any]:
    """Run every benchmark in ``s`` and write ``out`` (markdown with a JSON block)."""
    quiet_mesa()
    info = machine()
    log(f"machine: {info['cpu']}, {info['cores']} cores, load {info['load_at_start']}; "
        f"engine path: {info['engine_path']['path']}")
    sizes: list[SizeResult] = []
    for i, n in enumerate(s.sizes):
        at_largest = i == len(s.sizes) - 1
        ref_weeks = (s.ref_weeks_largest if at_largest and s.ref_weeks_largest < s.weeks
                     else s.weeks)
        scale = s.weeks / ref_weeks
        # engine and reference interleaved; with an extrapolated reference, the engine also
        # over the reference's weeks (the first weeks are the reference's dearest: everyone
        # is at work)
        sides: list[tuple[type, int]] = [(OrgModel, s.weeks), (ReferenceModel, ref_weeks)]
        e, ref, *same = interleaved_runs(n, sides + [(OrgModel, ref_weeks)] * (scale != 1.0),
                                         s.repeats)
        res = SizeResult(n=n, weeks=s.weeks, engine_s=e["min_s"], engine_median_s=e["median_s"],
                         engine_runs_s=e["runs_s"], engine_cpu_s=e["cpu_s"],
                         engine_build_s=e["build_s"], ref_s=ref["min_s"] * scale,
                         ref_median_s=ref["median_s"] * scale, ref_runs_s=ref["runs_s"],
                         ref_cpu_s=ref["cpu_s"] * scale, ref_weeks_timed=ref_weeks,
                         ref_extrapolated=scale != 1.0, ref_build_s=ref["build_s"])
        res.engine_steps_per_s = n * s.weeks / res.engine_s
        res.ref_steps_per_s = n * s.weeks / res.ref_s
        res.ratio = res.ref_s / res.engine_s
        res.ratio_median = res.ref_median_s / res.engine_median_s
        if same:
            w = same[0]
            res.extra["engine_s_same_weeks"] = w["min_s"]
            res.extra["engine_median_s_same_weeks"] = w["median_s"]
            res.extra["ratio_same_weeks"] = ref["min_s"] / w["min_s"]
            res.extra["ratio_median_same_weeks"] = ref["median_s"] / w["median_s"]
            # shown, not a ratio estimate: the reference at the previous size's cost per
            # agent-step (which is not constant: it is higher at larger sizes)
            prev = sizes[-1] if sizes else None
            if prev is not None and not prev.ref_extrapolated:
                ref_linear = prev.ref_median_s * n / prev.n
                res.extra["ref_median_s_linear_from_previous_size"] = ref_linear
                res.extra["linear_from_previous_size_ratio_median"] = (
                    ref_linear / res.engine_median_s)
        res.extra["load"] = load()
        sizes.append(res)
        log(f"n={n:>7,}: engine {res.engine_s:8.3f} s (median {res.engine_median_s:.3f}), "
            f"reference {res.ref_s:9.2f} s (median {res.ref_median_s:.2f})"
            f"{' extrapolated from ' + str(ref_weeks) + ' weeks' if res.ref_extrapolated else ''}"
            f", ratio {res.ratio:7.1f}x (medians {res.ratio_median:.1f}x)")
    mem: dict[int, dict[str, Any]] = {}
    for n in s.sizes:
        if s.fresh_process_per_size:
            mem[n] = engine_subprocess(n, s.weeks)
        else:  # quick mode: peak RSS of this process so far
            mem[n] = {"wall_s": next(r for r in sizes if r.n == n).engine_median_s,
                      "peak_rss_mb": _peak_mb()}
        where = "fresh process" if s.fresh_process_per_size else "this process so far"
        log(f"n={n:>7,}: {mem[n]['wall_s']:.3f} s, peak RSS {mem[n]['peak_rss_mb']:.0f} MB "
            f"({where})")
    for size in sizes:
        size.peak_rss_mb = mem[size.n]["peak_rss_mb"]
    big = engine_subprocess(s.big, s.weeks, s.repeats)
    big.update(steps_per_s=s.big * s.weeks / big["wall_s"], load=load())
    log(f"n={s.big:>7,} x {s.weeks} weeks: median {big['wall_s']:.2f} s (min "
        f"{big['min_s']:.2f} s), peak RSS {big['peak_rss_mb']:.0f} MB (fresh process)")
    huge = engine_subprocess(s.huge, s.huge_weeks)
    huge.update(steps_per_s=s.huge * s.huge_weeks / huge["wall_s"], load=load())
    log(f"n={s.huge:>7,} x {s.huge_weeks} weeks: {huge['wall_s']:.2f} s (construction "
        f"{huge['build_s']:.2f} s), peak RSS {huge['peak_rss_mb']:.0f} MB (fresh process)")
    float32 = float32_runs(s, log)
    example: dict[str, Any] = {"skipped": True}
    if not s.skip_compare:
        example = compare_example(s)
        log(f"{example['command']}: {example['wall_s']:.1f} s wall ({example['runs']} runs)")
    # median wall and CPU times in this process (also at the engine-only sizes of the
    # scaling fit), the big size from its own process
    timed = {r.n: (r.engine_median_s, r.engine_cpu_s) for r in sizes}
    for n in s.scaling_extra:
        e = timed_runs(OrgModel, n, s.weeks, s.repeats)
        timed[n] = (e["median_s"], e["cpu_s"])
        log(f"n={n:>7,}: engine {e['median_s']:8.3f} s median (scaling fit only)")
    timed[s.big] = (big["wall_s"], big["cpu_s"])
    all_n = sorted(timed)
    wall = [timed[n][0] for n in all_n]
    cpu = [timed[n][1] for n in all_n]
    main_n = [*s.sizes, s.big]
    fresh = [mem[n]["wall_s"] for n in s.sizes] + [big["wall_s"]]
    scaling: dict[str, Any] = {
        "sizes": all_n,
        "engine_s": wall,
        "engine_cpu_s": cpu,
        "engine_s_fresh_process": fresh,
        "sizes_fresh_process": main_n,
        "exponent_all": slope(all_n, wall),
        "exponent_from_1k": (slope([n for n in all_n if n >= 1000],
                                   [t for n, t in zip(all_n, wall, strict=True) if n >= 1000])
                             if sum(n >= 1000 for n in all_n) > 1 else None),
        "exponent_largest_two": slope(all_n[-2:], wall[-2:]),
        "exponent_cpu_all": slope(all_n, cpu),
        "exponent_cpu_largest_two": slope(all_n[-2:], cpu[-2:]),
        "exponent_fresh_process_all": slope(main_n, fresh),
        "exponent_in_process_reference": slope([r.n for r in sizes],
                                               [r.ref_median_s for r in sizes]),
        "fixed_plus_power": fixed_plus_power(all_n, wall),
    }
    log(f"scaling exponent: {scaling['exponent_all']:.2f} (all sizes), "
        f"{scaling['exponent_largest_two']:.2f} (two largest), "
        f"{scaling['fixed_plus_power']['b']:.2f} (size-dependent part)")
    sweep_res: dict[str, Any] = {"skipped": True}
    if not s.skip_sweep:
        by_warmup: list[dict[str, Any]] = []
        sweep_res = {"by_warmup": by_warmup}
        for warmup in s.sweep_warmups:
            with tempfile.TemporaryDirectory() as tmp:
                res_sweep = sweep(s, Path(tmp), warmup)
            res_sweep["load_after"] = load()
            by_warmup.append(res_sweep)
            log(f"sweep (warm-up {warmup}): {s.sweep_runs} runs sequential "
                f"{res_sweep['sequential_s']:.1f} s, joblib {res_sweep['joblib_s']:.1f} s, "
                f"speedup {res_sweep['speedup']:.2f}x")
        # the target: research-size runs (with the warm-up, as `orgsim` runs by default)
        sweep_res["speedup"] = by_warmup[-1]["speedup"]
    largest = sizes[-1]
    small = next((r for r in sizes if r.n == s.ratio_small), sizes[0])
    readme = (" (the README example: 3 scenarios x 20 seeds x 200 positions, 260 + 260 weeks)"
              if tuple(s.compare_args) == COMPARE_EXAMPLE else "")
    targets = {
        "compare_example_<=10s": target(
            f"`orgsim compare {' '.join(s.compare_args)}`{readme}, wall on "
            f"{os.cpu_count()} cores", example.get("wall_s"), 10.0),
        "engine_10k_260w_<=0.25s": target(
            f"engine {largest.n:,} x {s.weeks} weeks (median of {s.repeats})",
            largest.engine_median_s, 0.25, best=largest.engine_s),
        "engine_100k_260w_<=2.5s": target(
            f"engine {s.big:,} x {s.weeks} weeks, fresh process (median of {s.repeats})",
            big["wall_s"], 2.5, best=big["min_s"]),
        "engine_1M_52w_<=5s": target(
            f"engine {s.huge:,} x {s.huge_weeks} weeks, fresh process (one run)",
            huge["wall_s"], 5.0),
        "engine_1M_52w_peak_<=0.7GB": target(
            "peak RSS of that process (GB = 1e9 bytes)", huge["peak_rss_mb"] * 2**20 / 1e9,
            0.7, unit="GB"),
        "ratio_10k_>=300": target(
            f"engine vs fair per-agent reference at {largest.n:,} (smallest estimate)",
            min(largest.ratio_estimates().values()), 300.0, at_least=True,
            best=max(largest.ratio_estimates().values()), unit="x"),
        "ratio_1k_>=100": target(
            f"engine vs fair per-agent reference at {small.n:,} (smallest estimate)",
            min(small.ratio_estimates().values()), 100.0, at_least=True,
            best=max(small.ratio_estimates().values()), unit="x"),
    }
    b_fit = scaling["fixed_plus_power"]["b"]
    earlier = {
        "exponent_size_dependent_part_1.0+-0.1": [b_fit, abs(b_fit - 1.0) <= 0.1],
        "sweep_speedup_>=1.8": [sweep_res.get("speedup"), (sweep_res.get("speedup") or 0) >= 1.8],
    }
    for name, t in targets.items():
        shown = "n/a" if t["value"] is None else f"{t['value']:.3g} {t['unit']}"
        log(f"target {name}: {shown} -> {t['status']}")
    info["load_at_end"] = load()
    info["speed_probe_s_end"] = speed_probe()
    info["python_probe_s_end"] = python_probe()
    data = {"machine": info, "settings": asdict(s), "sizes": [asdict(r) for r in sizes],
            "engine_big": big, "engine_huge": huge, "compare_example": example,
            "scaling": scaling, "sweep": sweep_res, "targets": targets,
            "earlier_targets": earlier, "float32": float32}
    write(out, data)
    log(f"wrote {out}")
    return data


def write(out: Path, data: dict[str, Any]) -> None:
    """results.md: a readable summary, then the raw numbers as JSON (atomic write)."""
    m, s = data["machine"], data["settings"]
    lines = [
        "# orgsim benchmark results",
        "",
        "Written by `benchmarks/run.py`"
        + (" (`--quick`: tiny sizes, numbers mean nothing)" if s["weeks"] < 52 else "") + ".",
        "",
        f"- date (UTC): {m['date_utc']}",
        f"- CPU: {m['cpu']}; cores: {m['cores']} (available to this process: "
        f"{m['cores_available']})",
        f"- Python {m['python']}, numpy {m['numpy']}, scipy {m['scipy']}, mesa {m['mesa']}",
        f"- platform: {m['platform']}",
        f"- engine path: {m['engine_path']['path']}; numba {m['engine_path']['numba']}; "
        f"source {m['engine_path']['git']}",
        f"- load average (1, 5, 15 min) at start {m['load_at_start']}, at end "
        f"{m['load_at_end']} - the machine is shared; wall times are inflated by other work",
        f"- speed probes (fixed workloads; smaller is faster): numpy (`speed_probe`) "
        f"{m['speed_probe_s_start']:.4f} s at start, {m['speed_probe_s_end']:.4f} s at end; "
        f"pure Python (`python_probe`) {m['python_probe_s_start']:.4f} s at start, "
        f"{m['python_probe_s_end']:.4f} s at end - the virtual machine's speed varies by up "
        "to ~60% within an hour with nothing else running on it",
        "",
        "## Targets (issue 14)",
        "",
        "Time targets are judged on the median of the timed runs (the fastest in the column "
        "best); ratio targets on the smallest ratio estimate (the largest in the column best).",
        "",
        "| target | what | measured | best | met |",
        "|---|---|---:|---:|:---:|",
    ]
    for name, t in data["targets"].items():
        shown = "n/a" if t["value"] is None else f"{t['value']:.3g} {t['unit']}"
        best = "–" if t["best"] is None else f"{t['best']:.3g} {t['unit']}"
        lines.append(f"| {name} | {t['target']} | {shown} | {best} | {t['status']} |")
    lines += [
        "",
        f"## Engine vs per-agent reference ({s['weeks']} weeks, warmup_weeks=0, same process)",
        "",
        f"Both sides: {s['repeats']} timed runs (seeds 0..{s['repeats'] - 1}, engine and "
        "reference interleaved so that the machine's drift touches both), minimum and "
        "median; construction not included. The reference (`benchmarks/reference.py`) is "
        "plain Python per agent with Mesa's `shuffle_do`.",
        "",
        "| employees | engine s min / median | reference s min / median | engine agent-steps/s "
        "| reference agent-steps/s | ratio min / median | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in data["sizes"]:
        ref = (f"{r['ref_s']:.2f} / {r['ref_median_s']:.2f}"
               + (f" (extrapolated from {r['ref_weeks_timed']} weeks)"
                  if r["ref_extrapolated"] else ""))
        lines.append(f"| {r['n']:,} | {r['engine_s']:.3f} / {r['engine_median_s']:.3f} | {ref} "
                     f"| {r['engine_steps_per_s']:,.0f} | {r['ref_steps_per_s']:,.0f} "
                     f"| {r['ratio']:.1f}x / {r['ratio_median']:.1f}x "
                     f"| {r['peak_rss_mb']:.0f} |")
    for r in data["sizes"]:
        x = r["extra"]
        if r["ref_extrapolated"] or r["n"] == s["ratio_small"]:
            lines += ["", f"At {r['n']:,} employees, CPU time of the fastest runs: engine "
                      f"{r['engine_cpu_s']:.3f} s, reference {r['ref_cpu_s']:.2f} s, ratio "
                      f"{r['ref_cpu_s'] / r['engine_cpu_s']:.1f}x (less sensitive to other "
                      "work on the machine than wall time)."]
        if "ratio_same_weeks" in x:
            lines += ["", f"At {r['n']:,} employees the reference ran {r['ref_weeks_timed']} "
                      f"weeks (extrapolated to {r['weeks']}). Other estimates of the ratio:",
                      f"- same {r['ref_weeks_timed']} weeks for both: engine "
                      f"{x['engine_s_same_weeks']:.3f} / {x['engine_median_s_same_weeks']:.3f} s "
                      f"(min / median), ratio {x['ratio_same_weeks']:.1f}x / "
                      f"{x['ratio_median_same_weeks']:.1f}x"]
        if "linear_from_previous_size_ratio_median" in x:
            lines.append(f"- not used for the target: the reference at the previous size's "
                         f"median agent-steps/s, {x['ref_median_s_linear_from_previous_size']:.1f}"
                         f" s, ratio {x['linear_from_previous_size_ratio_median']:.1f}x (its "
                         "cost per agent-step is not constant but higher at larger sizes)")
    b, h, sc, sw = data["engine_big"], data["engine_huge"], data["scaling"], data["sweep"]
    ex = data["compare_example"]
    fp = sc["fixed_plus_power"]
    fresh = dict(zip(sc["sizes_fresh_process"], sc["engine_s_fresh_process"], strict=True))
    lines += [
        "",
        "## Engine alone (fresh processes)",
        "",
        f"- {b['n']:,} employees, run_for({b['weeks']}), {b['repeats']} runs: median "
        f"{b['wall_s']:.2f} s, min {b['min_s']:.2f} s wall, {b['cpu_s']:.2f} s CPU "
        f"({b['steps_per_s']:,.0f} agent-steps/s); construction {b['build_s']:.2f} s; peak "
        f"RSS {b['peak_rss_mb']:.0f} MB (after imports: {b['rss_after_imports_mb']:.0f} MB)",
        f"- {h['n']:,} employees, run_for({h['weeks']}), one run: {h['wall_s']:.2f} s wall, "
        f"{h['cpu_s']:.2f} s CPU ({h['steps_per_s']:,.0f} agent-steps/s); construction "
        f"{h['build_s']:.2f} s; peak RSS {h['peak_rss_mb']:.0f} MB (after imports: "
        f"{h['rss_after_imports_mb']:.0f} MB)",
        "",
        "## README comparison example",
        "",
    ]
    if ex.get("skipped"):
        lines.append("- skipped (`--skip-compare`)")
    else:
        lines.append(f"- `{ex['command']}` ({ex['runs']} runs, into a temporary directory): "
                     f"**{ex['wall_s']:.1f} s** wall on {ex['cores']} cores, "
                     f"{ex['cpu_s']:.1f} s CPU in its processes; load before "
                     f"{ex['load_before']}, after {ex['load_after']}")
    lines += [
        "",
        "## Scaling (engine, median wall times)",
        "",
        "| employees | " + " | ".join(f"{n:,}" for n in sc["sizes"]) + " |",
        "|---|" + "---:|" * len(sc["sizes"]),
        "| wall s | " + " | ".join(f"{t:.3f}" for t in sc["engine_s"]) + " |",
        "| CPU s | " + " | ".join(f"{t:.3f}" for t in sc["engine_cpu_s"]) + " |",
        "| wall s, fresh process | " + " | ".join(
            f"{fresh[n]:.3f}" if n in fresh else "–" for n in sc["sizes"]) + " |",
        "",
        "Exponent b of time ~ size^b (least squares on logs); at small sizes the fixed cost per "
        "week (a few hundred small numpy calls, Mesa's step) dominates, so b over all sizes "
        "is below 1.",
        "",
        f"- wall, all sizes: {sc['exponent_all']:.3f}; from 1k up: "
        + (f"{sc['exponent_from_1k']:.3f}" if sc["exponent_from_1k"] is not None else "n/a")
        + f"; two largest sizes: {sc['exponent_largest_two']:.3f}",
        f"- CPU, all sizes: {sc['exponent_cpu_all']:.3f}; two largest sizes: "
        f"{sc['exponent_cpu_largest_two']:.3f}",
        f"- wall, fresh process per size, all sizes: {sc['exponent_fresh_process_all']:.3f}",
        f"- reference (in process): {sc['exponent_in_process_reference']:.3f}",
        f"- fit of time = a + c x size^b over all {len(sc['sizes'])} sizes (a: the cost of a "
        f"run that does not grow with the organisation, ~{1000 * fp['a_s'] / s['weeks']:.2f} ms "
        f"a week): a = {fp['a_s']:.3f} s, **b = {fp['b']:.3f}** - the part of the time that "
        "grows with the organisation grows "
        + ("linearly" if abs(fp["b"] - 1.0) <= 0.1 else f"as size^{fp['b']:.2f}"),
        "",
        "## Sweep",
        "",
    ]
    if sw.get("skipped"):
        lines.append("- skipped (`--skip-sweep`)")
    else:
        for r in sw["by_warmup"]:
            kind = {0: "short runs, no warm-up",
                    260: "research-size runs: the default warm-up, as `orgsim` runs"}.get(
                        r["warmup_weeks"], "with a warm-up")
            lines += [
                f"- {r['runs']} runs of `orgsim` ({r['employees']:,} employees, "
                f"{r['warmup_weeks']} warm-up + {r['weeks']} weeks each, writing their "
                f"CSV/JSON files) as one Hydra multirun ({kind}): sequential (basic launcher) "
                f"{r['sequential_s']:.1f} s; joblib launcher, n_jobs={r['jobs']}: "
                f"{r['joblib_s']:.1f} s; **speedup {r['speedup']:.2f}x**; load before "
                f"{r['load_before_sequential']} / {r['load_before_joblib']}",
            ]
            if "jobs_speedup" in r:
                sq, jl = r["sequential_phases"], r["joblib_phases"]
                lines.append(
                    f"  - phases (s), sequential / joblib: start to first job "
                    f"{sq['start_s']:.2f} / {jl['start_s']:.2f}; first job's start to last "
                    f"job's end {sq['jobs_s']:.2f} / {jl['jobs_s']:.2f} "
                    f"(**{r['jobs_speedup']:.2f}x** without the sequential sweep's engine "
                    f"import in its first job, {r['engine_import_s']:.2f} s); "
                    f"last job's end to exit {sq['end_s']:.2f} / {jl['end_s']:.2f}")
        lines += [
            "",
            "A parallel sweep pays once for starting its worker processes (each starts Python "
            "and imports numpy, pandas, scipy, Mesa and Hydra before its first job) and for "
            "stopping them at the end; a sequential sweep pays the imports once, inside its "
            "first job (left out of its job phase for the jobs' speedup). The phases show "
            "how fast the jobs themselves run in parallel; starting and stopping the worker "
            "processes, which does not shrink with more cores, holds the whole sweep's "
            "speedup below that. The earlier target `sweep_speedup_>=1.8` is checked "
            "on the research-size runs (with the 260-week warm-up).",
        ]
    f32 = data.get("float32")
    if f32:
        a, b = f32["float64_in_process"], f32["float32_in_process"]
        lines += [
            "", "## Compact state (float32)", "",
            "`Config.precision=float32` stores the people's float state in float32 (opt-in; "
            "the default float64 is bit-identical to the golden baseline). The engine "
            "targets with float32:", "",
            "| target | what | measured | best | met |", "|---|---|---:|---:|:---:|"]
        for name, t in f32["targets"].items():
            best = "–" if t["best"] is None else f"{t['best']:.3g} {t['unit']}"
            lines.append(f"| {name} | {t['target']} | {t['value']:.3g} {t['unit']} | {best} | "
                         f"{t['status']} |")
        lines += [
            "",
            f"- {f32['n']:,} employees x {f32['weeks']} weeks, both precisions interleaved in "
            f"one process: float64 median {a['median_s']:.3f} s (CPU of the fastest "
            f"{a['cpu_s']:.3f} s), float32 median {b['median_s']:.3f} s ({b['cpu_s']:.3f} s)",
            f"- fresh processes, float32: {f32['engine_big']['n']:,} x {f32['weeks']} weeks "
            f"median {f32['engine_big']['wall_s']:.2f} s, peak RSS "
            f"{f32['engine_big']['peak_rss_mb']:.0f} MB; {f32['engine_huge']['n']:,} x "
            f"{f32['engine_huge']['weeks']} weeks {f32['engine_huge']['wall_s']:.2f} s, peak "
            f"RSS {f32['engine_huge']['peak_rss_mb']:.0f} MB",
            "", "Do float32 results agree with float64? The same seeds in both precisions "
            "(`benchmarks/precision.py`; tests/test_precision.py checks it):", "",
            precision_check.markdown(f32["agreement"], f32["agreement_seeds"])]
    lines += ["", "## Earlier targets", "", "| target | measured | met |", "|---|---:|:---:|"]
    for name, (value, met) in data["earlier_targets"].items():
        shown = "n/a" if value is None else f"{value:.3g}"
        lines.append(f"| {name} | {shown} | {'yes' if met else 'no'} |")
    lines += ["", "## Raw numbers", "", "```json", json.dumps(data, indent=1, default=str),
              "```", ""]
    atomic_write_text(out, "\n".join(lines))


def read_results(path: Path) -> dict[str, Any]:
    """The JSON block of a results.md written by :func:`write`."""
    text = path.read_text()
    start = text.index("```json\n") + len("```json\n")
    return json.loads(text[start:text.index("```", start)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (CI smoke test)")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the results (default: benchmarks/results.md for a "
                        "full run; outputs/benchmarks/results-quick.md for --quick, so a smoke "
                        "run never overwrites the committed results)")
    parser.add_argument("--skip-sweep", action="store_true", help="leave out the sweep")
    parser.add_argument("--skip-compare", action="store_true",
                        help="leave out the README comparison example")
    parser.add_argument("--ref-weeks", type=int, default=None,
                        help="weeks to time the reference over at the largest size")
    parser.add_argument("--worker", nargs=3, type=int, metavar=("N", "WEEKS", "REPEATS"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--precision", default="float64", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(*args.worker, precision=args.precision)
        return 0
    s = QUICK if args.quick else FULL
    s.skip_sweep = args.skip_sweep
    s.skip_compare = args.skip_compare
    if args.ref_weeks:
        s.ref_weeks_largest = args.ref_weeks
    out = args.out or (Path(__file__).resolve().parents[1] / "outputs" / "benchmarks"
                       / "results-quick.md" if args.quick
                       else Path(__file__).with_name("results.md"))
    out.parent.mkdir(parents=True, exist_ok=True)
    run(s, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
