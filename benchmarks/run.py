"""Benchmark: the vectorised engine (OrgModel) against the per-agent Mesa reference.

Usage::

    .venv/bin/python benchmarks/run.py            # full run (about 5-10 minutes), writes
                                                  # benchmarks/results.md
    .venv/bin/python benchmarks/run.py --quick    # tiny sizes, seconds (the CI smoke test);
                                                  # writes outputs/benchmarks/results-quick.md
    .venv/bin/python benchmarks/run.py --out /tmp/results.md --skip-sweep

What it measures (all with ``warmup_weeks=0`` so both implementations simulate exactly the
timed weeks; model construction is timed separately):

- engine and reference ``run_for(weeks)`` in this one process at each size (100, 1k, 10k
  employees x 260 weeks); the reference at the largest size is timed over fewer weeks and
  extrapolated linearly (marked in the output); agent-steps/s and the speed ratio;
- the engine alone at 100k employees, in a fresh subprocess (time and peak memory);
- peak memory (max RSS) of a fresh subprocess running the engine at each size;
- the scaling exponent: least-squares slope of log(time) on log(size), and the exponent of
  the size-dependent part of ``time = a + c x size^b`` (``a``: the fixed cost of a run's
  weeks - numpy calls, Mesa's step - that does not grow with the organisation);
- sweeps of 40 runs through the ``orgsim`` Hydra CLI, sequential (basic launcher) against
  the joblib launcher with 2 jobs: short runs (1k employees x 260 weeks, no warm-up) and
  research-size runs (the same with the default 260-week warm-up, as ``orgsim`` runs).

Timings are wall-clock (``time.perf_counter``) with CPU time alongside; on a machine shared
with other work the load average is recorded before and after each part.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
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

from benchmarks.reference import ReferenceModel  # noqa: E402
from orgsim.files import atomic_write_text  # noqa: E402
from orgsim.logs import quiet_mesa  # noqa: E402
from orgsim.model import OrgModel  # noqa: E402

#: Results file fields (keys of the JSON block in results.md); the smoke test checks them.
FIELDS = ("machine", "settings", "sizes", "engine_100k", "scaling", "sweep", "targets")


@dataclass
class Settings:
    """What to run."""

    sizes: list[int]
    weeks: int
    ref_weeks_largest: int
    big: int
    repeats: int
    sweep_runs: int
    sweep_employees: int
    sweep_weeks: int
    sweep_jobs: int
    sweep_warmups: tuple[int, ...] = (0, 260)
    scaling_extra: tuple[int, ...] = (300, 3_000, 30_000)  # engine only, for the scaling fit
    fresh_process_per_size: bool = True
    skip_sweep: bool = False


FULL = Settings(sizes=[100, 1_000, 10_000], weeks=260, ref_weeks_largest=10, big=100_000,
                repeats=3, sweep_runs=40, sweep_employees=1_000, sweep_weeks=260,
                sweep_jobs=2)
QUICK = Settings(sizes=[30, 60], weeks=8, ref_weeks_largest=4, big=200, repeats=1,
                 sweep_runs=2, sweep_employees=30, sweep_weeks=4, sweep_jobs=2,
                 sweep_warmups=(0, 2), scaling_extra=(45,), fresh_process_per_size=False)


@dataclass
class SizeResult:
    """Engine and reference at one size."""

    n: int
    weeks: int
    engine_s: float
    engine_cpu_s: float
    engine_build_s: float
    ref_s: float
    ref_cpu_s: float
    ref_weeks_timed: int
    ref_extrapolated: bool
    ref_build_s: float
    engine_steps_per_s: float = 0.0
    ref_steps_per_s: float = 0.0
    ratio: float = 0.0
    peak_rss_mb: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def overrides(n: int) -> dict[str, Any]:
    return {"org.n_employees": n, "warmup_weeks": 0}


def load() -> list[float]:
    """The 1, 5 and 15 minute load averages."""
    return [round(x, 2) for x in os.getloadavg()]


def time_run(cls: type, n: int, weeks: int, seed: int) -> tuple[float, float, float]:
    """(wall s, CPU s) of ``run_for(weeks)``, and the construction time."""
    t0 = time.perf_counter()
    model = cls(overrides=overrides(n), rng=seed)
    build = time.perf_counter() - t0
    t, c = time.perf_counter(), time.process_time()
    model.run_for(weeks)
    return time.perf_counter() - t, time.process_time() - c, build


def best_of(cls: type, n: int, weeks: int, repeats: int) -> tuple[float, float, float]:
    """Fastest of ``repeats`` runs (different seeds): the least disturbed by other load."""
    runs = [time_run(cls, n, weeks, seed) for seed in range(repeats)]
    return min(runs)


def engine_subprocess(n: int, weeks: int) -> dict[str, float]:
    """Run the engine in a fresh interpreter; its time and peak RSS (``--worker`` mode)."""
    out = subprocess.run([sys.executable, __file__, "--worker", str(n), str(weeks)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def worker(n: int, weeks: int) -> None:
    """Subprocess body: build and run the engine, print JSON with time and peak RSS."""
    quiet_mesa()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu, build = time_run(OrgModel, n, weeks, seed=0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(json.dumps({"n": n, "weeks": weeks, "wall_s": wall, "cpu_s": cpu, "build_s": build,
                      "rss_after_imports_mb": base, "peak_rss_mb": peak}))


def _peak_mb() -> float:
    """Peak resident memory of this process so far (MB; ru_maxrss is in kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
    }


def run(s: Settings, out: Path, log: Any = print) -> dict[str, Any]:
    """Run every benchmark in ``s`` and write ``out`` (markdown with a JSON block)."""
    quiet_mesa()
    info = machine()
    log(f"machine: {info['cpu']}, {info['cores']} cores, load {info['load_at_start']}")
    sizes: list[SizeResult] = []
    for i, n in enumerate(s.sizes):
        largest = i == len(s.sizes) - 1
        e_wall, e_cpu, e_build = best_of(OrgModel, n, s.weeks, s.repeats)
        ref_weeks = s.ref_weeks_largest if largest and s.ref_weeks_largest < s.weeks else s.weeks
        r_wall, r_cpu, r_build = best_of(ReferenceModel, n, ref_weeks, 1)
        scale = s.weeks / ref_weeks
        res = SizeResult(n=n, weeks=s.weeks, engine_s=e_wall, engine_cpu_s=e_cpu,
                         engine_build_s=e_build, ref_s=r_wall * scale, ref_cpu_s=r_cpu * scale,
                         ref_weeks_timed=ref_weeks, ref_extrapolated=scale != 1.0,
                         ref_build_s=r_build)
        res.engine_steps_per_s = n * s.weeks / e_wall
        res.ref_steps_per_s = n * s.weeks / res.ref_s
        res.ratio = res.ref_s / e_wall
        if res.ref_extrapolated:
            # the same weeks for both (the first weeks are the reference's dearest: everyone
            # is at work), and the reference at the previous size's per-agent-step rate
            w_wall, w_cpu, _ = best_of(OrgModel, n, ref_weeks, s.repeats)
            res.extra["engine_s_same_weeks"] = w_wall
            res.extra["ratio_same_weeks"] = r_wall / w_wall
            prev = sizes[-1] if sizes else None
            if prev is not None and not prev.ref_extrapolated:
                ref_linear = n * s.weeks / prev.ref_steps_per_s
                res.extra["ref_s_linear_from_previous_size"] = ref_linear
                res.extra["ratio_linear_from_previous_size"] = ref_linear / e_wall
        res.extra["load"] = load()
        sizes.append(res)
        log(f"n={n:>7,}: engine {e_wall:8.3f} s (cpu {e_cpu:.3f}), reference {res.ref_s:9.2f} s"
            f"{' (extrapolated from ' + str(ref_weeks) + ' weeks)' if res.ref_extrapolated else ''}"
            f", ratio {res.ratio:7.1f}x")
    mem: dict[int, dict[str, float]] = {}
    for n in [*s.sizes, s.big]:
        if s.fresh_process_per_size:
            mem[n] = engine_subprocess(n, s.weeks)
        elif n == s.big:  # quick mode: no subprocesses; peak RSS of this process so far
            wall, cpu, build = time_run(OrgModel, n, s.weeks, seed=0)
            mem[n] = {"n": n, "weeks": s.weeks, "wall_s": wall, "cpu_s": cpu, "build_s": build,
                      "rss_after_imports_mb": float("nan"), "peak_rss_mb": _peak_mb()}
        else:
            r = next(r for r in sizes if r.n == n)
            mem[n] = {"wall_s": r.engine_s, "peak_rss_mb": _peak_mb()}
        log(f"n={n:>7,}: {mem[n]['wall_s']:.3f} s, peak RSS {mem[n]['peak_rss_mb']:.0f} MB")
    for r in sizes:
        r.peak_rss_mb = mem[r.n]["peak_rss_mb"]
    big = {**mem[s.big], "steps_per_s": s.big * s.weeks / mem[s.big]["wall_s"],
           "load": load()}
    # best-of-repeats wall and CPU times in this process (also at the engine-only sizes of
    # the scaling fit), the big size from its own process
    timed = {r.n: (r.engine_s, r.engine_cpu_s) for r in sizes}
    for n in s.scaling_extra:
        e_wall, e_cpu, _ = best_of(OrgModel, n, s.weeks, s.repeats)
        timed[n] = (e_wall, e_cpu)
        log(f"n={n:>7,}: engine {e_wall:8.3f} s (scaling fit only)")
    timed[s.big] = (big["wall_s"], big["cpu_s"])
    all_n = sorted(timed)
    wall = [timed[n][0] for n in all_n]
    cpu = [timed[n][1] for n in all_n]
    main_n = [r.n for r in sizes] + [s.big]
    fresh = [mem[n]["wall_s"] for n in main_n]
    scaling = {
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
        "exponent_in_process_reference": slope([r.n for r in sizes], [r.ref_s for r in sizes]),
        "fixed_plus_power": fixed_plus_power(all_n, wall),
    }
    log(f"scaling exponent: {scaling['exponent_all']:.2f} (all sizes), "
        f"{scaling['exponent_largest_two']:.2f} (two largest), "
        f"{scaling['fixed_plus_power']['b']:.2f} (size-dependent part)")
    sweep_res: dict[str, Any] = {"skipped": True}
    if not s.skip_sweep:
        sweep_res = {"by_warmup": []}
        for warmup in s.sweep_warmups:
            with tempfile.TemporaryDirectory() as tmp:
                res = sweep(s, Path(tmp), warmup)
            res["load_after"] = load()
            sweep_res["by_warmup"].append(res)
            log(f"sweep (warm-up {warmup}): {s.sweep_runs} runs sequential "
                f"{res['sequential_s']:.1f} s, joblib {res['joblib_s']:.1f} s, "
                f"speedup {res['speedup']:.2f}x")
        # the target: research-size runs (with the warm-up, as `orgsim` runs by default)
        sweep_res["speedup"] = sweep_res["by_warmup"][-1]["speedup"]
    largest = sizes[-1]
    # headline ratio: the most conservative of the estimates at the largest size
    ratio = min([largest.ratio, *(v for k, v in largest.extra.items() if k.startswith("ratio"))])
    # The VM's speed drifts by tens of percent over minutes: time the largest size again at
    # the end, so the samples are spread over the whole benchmark, and take the fastest
    # (the least disturbed; the same rule as best-of-repeats).
    late_wall, _, _ = best_of(OrgModel, largest.n, s.weeks, s.repeats)
    samples = {"in_process_start": largest.engine_s, "in_process_end": late_wall}
    if s.fresh_process_per_size:  # (--quick has no fresh processes)
        samples["fresh_process"] = mem[largest.n]["wall_s"]
    largest_best = min(samples.values())
    log(f"n={largest.n:>7,}: engine samples {samples}; fastest {largest_best:.3f} s")
    targets = {
        "ratio_at_largest_>=100": [ratio, ratio >= 100],
        "engine_largest_260w_<=1s": [largest_best, largest_best <= 1.0],
        "engine_big_260w_<=30s": [big["wall_s"], big["wall_s"] <= 30.0],
        "engine_big_peak_<2GB": [big["peak_rss_mb"], big["peak_rss_mb"] < 2048],
        "exponent_1.0+-0.1": [scaling["exponent_all"],
                              abs(scaling["exponent_all"] - 1.0) <= 0.1],
        "exponent_two_largest_1.0+-0.1": [scaling["exponent_largest_two"],
                                          abs(scaling["exponent_largest_two"] - 1.0) <= 0.1],
        "exponent_size_dependent_part_1.0+-0.1": [
            scaling["fixed_plus_power"]["b"],
            abs(scaling["fixed_plus_power"]["b"] - 1.0) <= 0.1],
        "sweep_speedup_>=1.8": [sweep_res.get("speedup"), (sweep_res.get("speedup") or 0) >= 1.8],
    }
    info["largest_engine_samples_s"] = samples
    info["load_at_end"] = load()
    info["speed_probe_s_end"] = speed_probe()
    data = {"machine": info, "settings": asdict(s), "sizes": [asdict(r) for r in sizes],
            "engine_100k": big, "scaling": scaling, "sweep": sweep_res, "targets": targets}
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
        f"- load average (1, 5, 15 min) at start {m['load_at_start']}, at end "
        f"{m['load_at_end']} - the machine is shared; wall times are inflated by other work",
        f"- speed probe (a fixed numpy workload, `speed_probe`; smaller is faster) at start "
        f"{m['speed_probe_s_start']:.4f} s, at end {m['speed_probe_s_end']:.4f} s - the virtual "
        "machine's speed varies by up to ~60% within an hour with nothing else running on it",
        "",
        f"## Engine vs per-agent reference ({s['weeks']} weeks, warmup_weeks=0, same process)",
        "",
        "| employees | engine s | engine CPU s | reference s | engine agent-steps/s "
        "| reference agent-steps/s | ratio | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in data["sizes"]:
        ref = f"{r['ref_s']:.2f}" + (f" (extrapolated from {r['ref_weeks_timed']} weeks)"
                                     if r["ref_extrapolated"] else "")
        lines.append(f"| {r['n']:,} | {r['engine_s']:.3f} | {r['engine_cpu_s']:.3f} | {ref} "
                     f"| {r['engine_steps_per_s']:,.0f} | {r['ref_steps_per_s']:,.0f} "
                     f"| {r['ratio']:.1f}x | {r['peak_rss_mb']:.0f} |")
    for r in data["sizes"]:
        x = r["extra"]
        if "ratio_same_weeks" in x:
            lines += ["", f"At {r['n']:,} employees the reference ran {r['ref_weeks_timed']} "
                      f"weeks (extrapolated to {r['weeks']}). Other estimates of the ratio:",
                      f"- same {r['ref_weeks_timed']} weeks for both: engine "
                      f"{x['engine_s_same_weeks']:.3f} s, ratio {x['ratio_same_weeks']:.1f}x"]
        if "ratio_linear_from_previous_size" in x:
            lines.append(f"- reference at the previous size's agent-steps/s: "
                         f"{x['ref_s_linear_from_previous_size']:.1f} s, ratio "
                         f"{x['ratio_linear_from_previous_size']:.1f}x")
    b, sc, sw = data["engine_100k"], data["scaling"], data["sweep"]
    fp = sc["fixed_plus_power"]
    fresh = dict(zip(sc["sizes_fresh_process"], sc["engine_s_fresh_process"], strict=True))
    where = "fresh process" if s["fresh_process_per_size"] else "same process (--quick)"
    lines += [
        "",
        f"Engine timings are the fastest of {s['repeats']} runs (seeds 0..{s['repeats'] - 1}); "
        "construction is not included. The target check uses the smallest ratio estimate.",
        "",
        "The largest size was also timed in a fresh process and again at the end of the "
        "benchmark (the machine's speed drifts): "
        + ", ".join(f"{k.replace('_', ' ')} {v:.3f} s"
                    for k, v in m["largest_engine_samples_s"].items())
        + f"; the `engine_largest_260w_<=1s` target uses the fastest, "
        f"{min(m['largest_engine_samples_s'].values()):.3f} s.",
        "",
        f"## Engine alone at {b['n']:,} employees ({where})",
        "",
        f"- run_for({b['weeks']}): {b['wall_s']:.2f} s wall, {b['cpu_s']:.2f} s CPU "
        f"({b['steps_per_s']:,.0f} agent-steps/s); construction {b['build_s']:.2f} s",
        f"- peak RSS {b['peak_rss_mb']:.0f} MB (after imports: {b['rss_after_imports_mb']:.0f} MB)",
        "",
        "## Scaling (engine)",
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
        + ("linearly" if abs(fp["b"] - 1.0) <= 0.1 else f"as size^{fp['b']:.2f}")
        + "; the target row `exponent_size_dependent_part` checks this b",
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
            "speedup below that. The target `sweep_speedup_>=1.8` is checked on the "
            "research-size runs (with the 260-week warm-up).",
        ]
    lines += ["", "## Targets", "", "| target | measured | met |", "|---|---:|:---:|"]
    for name, (value, met) in data["targets"].items():
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
    parser.add_argument("--ref-weeks", type=int, default=None,
                        help="weeks to time the reference over at the largest size")
    parser.add_argument("--worker", nargs=2, type=int, metavar=("N", "WEEKS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0
    s = QUICK if args.quick else FULL
    s.skip_sweep = args.skip_sweep
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
