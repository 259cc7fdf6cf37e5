"""Likelihood-free calibration: ABC-SMC over the free parameters -> a posterior ensemble.

``orgsim calibrate`` (``make posterior``; docs/calibration.md, "Parameter uncertainty")
runs approximate Bayesian computation with sequential Monte Carlo (ABC-SMC; Toni et al.
2009, Beaumont et al. 2009) with the maintained library pyabc (Schaelte et al. 2022):

* **Priors**: :data:`orgsim.calibration.priors.PRIORS` (uniform, one per free parameter).
* **Model**: a parameter set is simulated as the baseline (``org=typical_dutch
  scenario=baseline``, warm-up + ``weeks``) over ``seeds`` seeds with the synthetic survey,
  and the same seeds with every team's workload 10% higher (paired). The seeds of a
  candidate are drawn from its own random stream (below).
* **Summary statistics**: one per target in :data:`TARGET_KEYS` - the mean over the seeds
  of each per-run statistic, the two cohort statistics pooled over the seeds
  (:func:`orgsim.calibration.statistics.cohort_estimates`), and the paired difference in
  complaints for +10% workload.
* **Distance**: :func:`band_distance` - the Euclidean norm, over the targets, of each
  statistic's distance to its band in units of the band's width (0 inside the band; a
  statistic that cannot be computed counts as :data:`MISSING` widths). So epsilon 0 means
  every target inside its band.
* **Schedule**: generation 0 accepts every prior draw (epsilon infinite); each later
  generation's epsilon is the weighted median of the previous generation's distances
  (pyabc's ``QuantileEpsilon``); the proposal is pyabc's multivariate normal kernel.
* **Sampler**: :class:`DeterministicSampler`: candidates are evaluated in batches in
  parallel (joblib, or Ray tasks with ``launcher="ray"``), candidate ``i`` of generation
  ``t`` with the global numpy/random streams seeded from ``(seed, t, i)``, and accepted in
  index order, so the same seed gives the same posterior whatever the number of workers.
* **Resumable**: pyabc's SQLite history (``history.db``) in the output directory; running
  the same command again continues after the last completed generation.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import random
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orgsim.calibration import ensemble
from orgsim.calibration.priors import BY_KEY as PRIOR_BY_KEY
from orgsim.calibration.priors import FIXED, PRIORS, overrides_of
from orgsim.calibration.targets import BY_KEY, TARGETS
from orgsim.files import UnreadableFileError, atomic_write_text, read_json

#: The configuration every candidate is simulated in.
BASE = ("org=typical_dutch", "scenario=baseline")
#: Targets in the distance: all that the baseline and its +10%-workload twin measure. The
#: spread over seeds (``complaints_sd_pct``) needs many seeds per candidate and the sector
#: presets need their own runs (and fit their own workload); both are checked afterwards
#: by the posterior predictive check (:mod:`orgsim.calibration.posterior_checks`).
TARGET_KEYS: tuple[str, ...] = (
    "complaints_pct", "survey_minus_model_pct", "absence_pct_hours", "episode_days",
    "fully_back_26w_pct", "recurrence_3y_pct", "icc_exhaustion", "r_exhaustion_workload",
    "r_exhaustion_autonomy", "r_exhaustion_recognition", "r_exhaustion_support",
    "r_exhaustion_role_ambiguity", "r_workload_role_ambiguity", "r_workload_leader_support",
    "workload_plus10_points")
#: Distance (in band widths) charged for a statistic that cannot be computed (no episode
#: ended, no cohort): as far as a statistic 5 band widths outside its band.
MISSING = 5.0
HISTORY = "history.db"
SETTINGS = "settings.json"
COST = "cost.json"
ENSEMBLE_DIR = "ensemble"
LAUNCHERS = ("joblib", "ray")
HELP = " — see `orgsim calibrate --help`"


def targets_sha256() -> str:
    """Hash of the calibration targets (keys and bands): an ensemble fitted to other
    targets is stale."""
    text = json.dumps([[t.key, t.lo, t.hi] for t in TARGETS])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Settings:
    """The options of one calibration (validated by :meth:`check`).

    Attributes:
        population: accepted particles per generation (the ensemble's size).
        generations: generations in total (generation 0 samples the prior).
        seeds: seeds simulated per candidate (pooled).
        weeks: recorded weeks per run (after the warm-up).
        seed: seed of the whole calibration.
        min_epsilon: stop once epsilon falls to this (band widths).
        n_jobs: parallel workers.
        launcher: ``joblib`` (local processes) or ``ray`` (Ray tasks).
        extra: further config overrides for every run (quick tests only; recorded).
    """

    population: int = 100
    generations: int = 4
    seeds: int = 2
    weeks: int = 260
    seed: int = 1
    min_epsilon: float = 0.0
    n_jobs: int = 2
    launcher: str = "joblib"
    extra: tuple[str, ...] = field(default_factory=tuple)

    #: option -> (low, high) for the numeric options
    RANGES = {"population": (10, 100_000), "generations": (1, 100), "seeds": (1, 100),
              "weeks": (4, 2_600), "seed": (0, 2**32 - 1), "min_epsilon": (0.0, 1e6),
              "n_jobs": (1, 4096)}

    def check(self) -> None:
        """Raise ``ValueError`` naming the first bad option and its allowed range."""
        for name, (lo, hi) in self.RANGES.items():
            value = getattr(self, name)
            kind = float if name == "min_epsilon" else int
            if (not isinstance(value, int | float) or isinstance(value, bool)
                    or (kind is int and value != int(value))
                    or not (math.isfinite(value) and lo <= value <= hi)):
                what = "an integer" if kind is int else "a number"
                raise ValueError(f"--{name.replace('_', '-')} must be {what} from {lo:g} to "
                                 f"{hi:g} (got {value!r}){HELP}")
        if self.launcher not in LAUNCHERS:
            raise ValueError(f"--launcher must be one of {', '.join(LAUNCHERS)} "
                             f"(got {self.launcher!r}){HELP}")

    def fitted(self) -> dict[str, Any]:
        """The settings that define the posterior (a resumed run must share them)."""
        return {k: v for k, v in asdict(self).items()
                if k in ("population", "seeds", "weeks", "seed", "extra")} | {
                    "extra": list(self.extra)}


# --------------------------------------------------------------------------- the model


def simulate(theta: dict[str, float], seeds: int, weeks: int, extra: Sequence[str] = ()
             ) -> dict[str, float]:
    """Summary statistics of one parameter set (see the module docstring).

    The simulation seeds are drawn from the global numpy stream, which the sampler seeded
    for this candidate.
    """
    from orgsim import load_config
    from orgsim.calibration.statistics import cohort_estimates, run_statistics
    from orgsim.logs import quiet_mesa

    quiet_mesa()
    run_seeds = np.random.randint(0, 2**31 - 1, size=seeds)  # noqa: NPY002 (seeded stream)
    base = [*BASE, *extra, *overrides_of({k: float(theta[k]) for k in PRIOR_BY_KEY})]
    plus = [*base, f"demands.workload={1.1 * load_config(base).demands.workload!r}"]
    runs = [run_statistics(base, int(s), weeks, survey=True) for s in run_seeds]
    more = [run_statistics(plus, int(s), weeks, survey=False) for s in run_seeds]
    out: dict[str, float] = {}
    for key in TARGET_KEYS:
        vals = np.array([r.values.get(key, np.nan) for r in runs], dtype=float)
        out[key] = float(np.nanmean(vals)) if np.isfinite(vals).any() else float("nan")
    out["fully_back_26w_pct"], out["recurrence_3y_pct"] = cohort_estimates(runs, weeks)
    out["workload_plus10_points"] = float(np.mean(
        [m.values["complaints_pct"] - r.values["complaints_pct"]
         for m, r in zip(more, runs, strict=True)]))
    return out


def band_gap(key: str, value: float) -> float:
    """Distance of ``value`` to target ``key``'s band in band widths (0 inside)."""
    t = BY_KEY[key]
    if not np.isfinite(value):
        return MISSING
    return max(t.lo - value, 0.0, value - t.hi) / (t.hi - t.lo)


def band_distance(x: dict[str, float], x_0: dict[str, float] | None = None) -> float:
    """Euclidean norm of the band gaps of the statistics in :data:`TARGET_KEYS` (``x_0``,
    the band centres pyabc stores as "observed", is not used: the bands are)."""
    return float(np.sqrt(sum(band_gap(k, x[k]) ** 2 for k in TARGET_KEYS)))


def observed() -> dict[str, float]:
    """The band centres (what pyabc stores as the observed statistics)."""
    return {k: (BY_KEY[k].lo + BY_KEY[k].hi) / 2 for k in TARGET_KEYS}


# --------------------------------------------------------------------------- the sampler


def seed_candidate(seed: int, t: int, index: int) -> None:
    """Seed the global numpy and ``random`` streams for candidate ``index`` of generation
    ``t`` (``t`` >= -1, pyabc's calibration generation)."""
    state = np.random.SeedSequence([seed, t + 1, index]).generate_state(4)
    np.random.seed(state)  # noqa: NPY002 (pyabc and scipy draw from the global stream)
    random.seed(int(state[0]))


def evaluate_candidates(blob: bytes, seed: int, t: int, indices: Sequence[int]
                        ) -> list[tuple[int, Any, float]]:
    """Run pyabc's ``simulate_one`` (cloudpickled) for each index: ``(index, particle, CPU
    seconds)``. Runs in a worker process or a Ray task."""
    import cloudpickle

    simulate_one = cloudpickle.loads(blob)
    out = []
    for index in indices:
        start = time.process_time()
        seed_candidate(seed, t, index)
        particle = simulate_one()
        out.append((index, particle, time.process_time() - start))
    return out


_RAY_TASK: Any = None


def _ray_task() -> Any:
    """:func:`evaluate_candidates` as a Ray remote function (one CPU per task)."""
    global _RAY_TASK
    if _RAY_TASK is None:
        import ray

        _RAY_TASK = ray.remote(num_cpus=1)(evaluate_candidates)
    return _RAY_TASK


@dataclass
class Progress:
    """Cost and progress of a calibration (kept across resumed sessions in ``cost.json``)."""

    simulations: int = 0  # candidates evaluated (each: 2 x seeds runs), wasted ones included
    runs: int = 0
    cpu_seconds: float = 0.0  # CPU time of the evaluations, summed over the workers
    wall_seconds: float = 0.0
    generations: list[dict[str, Any]] = field(default_factory=list)


def _load_sampler_base() -> type:
    try:
        from pyabc.sampler import Sampler
    except ImportError:  # pyabc is an optional extra; main() says how to install it
        return object
    return Sampler


class DeterministicSampler(_load_sampler_base()):  # type: ignore[misc]
    """A pyabc sampler whose result depends on the seed only.

    Candidates ``0, 1, 2, ...`` of a generation are evaluated in batches, in parallel; each
    seeds the global random streams from ``(seed, generation, index)`` before pyabc draws
    its parameters and the model its seeds (:func:`seed_candidate`), and the first ``n``
    accepted candidates *in index order* form the population. Candidates beyond the
    ``n``-th acceptance in the last batch are evaluated but discarded (counted in the cost,
    not in the acceptance rate).

    Args:
        seed: the calibration's seed.
        n_jobs: parallel workers.
        launcher: ``joblib`` or ``ray``.
        report: called with one line per batch and per generation (progress).
        progress: where cost and per-generation records are accumulated.
    """

    def __init__(self, seed: int, n_jobs: int = 1, launcher: str = "joblib",
                 report: Callable[[str], None] | None = None,
                 progress: Progress | None = None) -> None:
        super().__init__()
        self.seed, self.n_jobs, self.launcher = seed, n_jobs, launcher
        self.report = report or (lambda line: None)
        self.progress = progress or Progress()
        self.rate = 1.0
        self.on_generation: Callable[[], None] = lambda: None

    def _map(self, blob: bytes, t: int, indices: list[int]) -> list[tuple[int, Any, float]]:
        chunks = [indices[i::self.n_jobs] for i in range(self.n_jobs) if indices[i::self.n_jobs]]
        if self.launcher == "ray":
            import ray

            ref = ray.put(blob)
            task = _ray_task()
            results = ray.get([task.remote(ref, self.seed, t, c) for c in chunks])
        elif self.n_jobs == 1:
            results = [evaluate_candidates(blob, self.seed, t, indices)]
        else:
            from joblib import Parallel, delayed

            results = Parallel(n_jobs=self.n_jobs)(
                delayed(evaluate_candidates)(blob, self.seed, t, c) for c in chunks)
        return sorted((item for chunk in results for item in chunk), key=lambda r: r[0])

    def sample_until_n_accepted(self, n: int, simulate_one: Callable[[], Any], t: int, *,
                                max_eval: float = np.inf, all_accepted: bool = False,
                                ana_vars: Any = None) -> Any:
        import cloudpickle

        start = time.perf_counter()
        blob = cloudpickle.dumps(simulate_one)
        sample = self._create_empty_sample()
        accepted = considered = evaluated = 0
        cpu = 0.0
        eps = float(ana_vars.eps(t)) if ana_vars is not None else float("nan")
        while accepted < n and considered < max_eval:
            wanted = n - accepted
            size = wanted if all_accepted else math.ceil(wanted / max(self.rate, 0.02) * 1.1)
            # batches of at most ~a quarter generation, so progress shows while it runs
            size = max(min(size, max(8 * self.n_jobs, n // 4)), self.n_jobs)
            if np.isfinite(max_eval):
                size = min(size, int(max_eval) - considered)
            indices = list(range(evaluated, evaluated + size))
            results = self._map(blob, t, indices)
            evaluated += size
            cpu += sum(seconds for *_, seconds in results)
            for _, particle, _ in results:
                if accepted == n:
                    break
                sample.append(particle)
                considered += 1
                accepted += bool(particle.accepted)
            self.rate = max(accepted / max(considered, 1), 1e-3)
            self.report(f"  generation {t}: {accepted}/{n} accepted of {considered} "
                        f"candidates, {time.perf_counter() - start:.0f} s")
        if accepted < n:
            sample.ok = False
        self.nr_evaluations_ = considered
        wall = time.perf_counter() - start
        p = self.progress
        p.simulations += evaluated
        p.cpu_seconds += cpu
        p.wall_seconds += wall
        if t >= 0:
            record = {"generation": t, "epsilon": eps, "accepted": accepted,
                      "candidates": considered, "evaluated": evaluated,
                      "acceptance_rate": accepted / max(considered, 1),
                      "cpu_seconds": round(cpu, 1), "wall_seconds": round(wall, 1)}
            p.generations.append(record)
            self.report(f"generation {t}: epsilon {eps:.4g}, accepted {accepted} of "
                        f"{considered} ({100 * record['acceptance_rate']:.1f}%), "
                        f"{wall:.0f} s wall, {cpu:.0f} s CPU")
        self.on_generation()
        return sample


# --------------------------------------------------------------------------- running


class CalibrationError(ValueError):
    """An output directory that cannot be continued with these settings."""


def prior_distribution() -> Any:
    """The priors as a pyabc ``Distribution`` (uniform on each range)."""
    import pyabc

    return pyabc.Distribution(**{p.key: pyabc.RV("uniform", p.lo, p.hi - p.lo)
                                 for p in PRIORS})


def _read_json(path: Path) -> Any:
    """A bookkeeping file of the run directory (None when missing; a damaged one raises
    :class:`orgsim.files.UnreadableFileError` naming it)."""
    return read_json(path, "it is damaged; restore it, or calibrate into a new --outdir") \
        if path.is_file() else None


def _write_json(path: Path, data: Any) -> None:
    atomic_write_text(path, json.dumps(data, indent=1, sort_keys=True) + "\n")


def run_abc(settings: Settings, outdir: str | Path,
            report: Callable[[str], None] = print,
            model: Callable[..., dict[str, float]] | None = None,
            distance: Callable[..., float] | None = None,
            priors: Any = None, observed_stats: dict[str, float] | None = None) -> Any:
    """Run (or continue) the ABC-SMC in ``outdir``; return pyabc's ``History``.

    ``model``, ``distance``, ``priors`` and ``observed_stats`` default to orgsim's
    (:func:`simulate`, :func:`band_distance`, :func:`prior_distribution`,
    :func:`observed`); tests pass a toy problem.

    Raises:
        CalibrationError: ``outdir`` holds a calibration with other settings.
    """
    import pyabc

    settings.check()
    for name in ("ABC", "ABC.History", "ABC.Sampler", "ABC.Epsilon", "ABC.Distance",
                 "ABC.Transition", "ABC.Population", "ABC.Acceptor", "ABC.Predictor"):
        logging.getLogger(name).setLevel(logging.WARNING)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    db = out / HISTORY
    stored = _read_json(out / SETTINGS)
    if db.is_file() and stored is not None and stored != settings.fitted():
        raise CalibrationError(
            f"{out}: holds a calibration with other settings ({stored}); use another "
            "--outdir or the same --population, --seeds, --weeks, --seed")
    progress = Progress(**(_read_json(out / COST) or {}))
    if model is None:
        model = functools.partial(simulate, seeds=settings.seeds, weeks=settings.weeks,
                                  extra=tuple(settings.extra))
    url = f"sqlite:///{db.resolve()}"
    done = 0
    if db.is_file() and stored is not None:
        done = int(pyabc.History(url, _id=1).max_t) + 1
    # generation 0 accepts every prior draw; a resumed run takes its epsilon as the
    # weighted median of the last stored generation, as an uninterrupted run would
    eps = pyabc.QuantileEpsilon(initial_epsilon="from_sample" if done > 0 else np.inf,
                                alpha=0.5)
    sampler = DeterministicSampler(settings.seed, settings.n_jobs, settings.launcher,
                                   report, progress)
    abc = pyabc.ABCSMC(model, priors if priors is not None else prior_distribution(),
                       distance or band_distance, population_size=settings.population,
                       sampler=sampler, eps=eps)
    if done > 0:
        history = abc.load(url, 1)
        report(f"continuing {out}: {done} generation(s) done")
    else:
        if db.is_file():
            db.unlink()
        for name in (COST, SETTINGS):
            (out / name).unlink(missing_ok=True)
        progress = sampler.progress = Progress()
        _write_json(out / SETTINGS, settings.fitted())
        history = abc.new(url, observed_stats or observed())
    if settings.launcher == "ray":
        from orgsim.experiments.runner import connect_ray

        connect_ray()
    remaining = settings.generations - done
    if remaining > 0:
        last = history.get_all_populations()["epsilon"].iloc[-1] if done else np.inf
        if not (done and last <= settings.min_epsilon):
            sampler.on_generation = lambda: _write_json(out / COST, asdict(sampler.progress))
            with warnings.catch_warnings():  # pyabc compares inf - inf after generation 0
                warnings.filterwarnings("ignore", "invalid value", RuntimeWarning)
                history = abc.run(max_nr_populations=remaining,
                                  minimum_epsilon=settings.min_epsilon)
    return history


def posterior_table(history: Any) -> tuple[pd.DataFrame, np.ndarray]:
    """The last generation's parameter sets (columns in prior order, integer parameters
    rounded) and their importance weights."""
    frame, weights = history.get_distribution(m=0, t=history.max_t)
    table = pd.DataFrame({p.key: [p.value(x) for x in frame[p.key].to_numpy(float)]
                          for p in PRIORS})
    return table, np.asarray(weights, dtype=float)


def write_posterior(history: Any, settings: Settings, path: str | Path, command: str,
                    cost: dict[str, Any]) -> Path:
    """Write the last generation as an ensemble directory (:mod:`.ensemble` format)."""
    from importlib.metadata import version

    import orgsim
    from orgsim.fingerprint import MODEL_VERSION

    table, weights = posterior_table(history)
    pops = history.get_all_populations()
    pops = pops[pops["t"] >= 0]
    meta = {
        "model_version": MODEL_VERSION,
        "orgsim_version": orgsim.__version__,
        "targets_sha256": targets_sha256(),
        "targets": list(TARGET_KEYS),
        "method": "ABC-SMC (pyabc); uniform priors (orgsim.calibration.priors); distance: "
                  "Euclidean norm of band gaps in band widths; epsilon: weighted median of "
                  "the previous generation; deterministic batch sampler",
        "pyabc_version": version("pyabc"),
        "settings": asdict(settings) | {"extra": list(settings.extra)},
        "priors": {p.key: [p.lo, p.hi] for p in PRIORS},
        "fixed": FIXED,
        "seed": settings.seed,
        "command": command,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "generations": int(history.max_t + 1),
        "final_epsilon": float(pops["epsilon"].iloc[-1]),
        "epsilons": [float(e) for e in pops["epsilon"]],
        "effective_sample_size": ensemble.effective_sample_size(weights),
        "cost": cost,
    }
    # stored with equal weights: the last generation resampled by its importance weights
    # (ensemble.resample), so every consumer may treat the sets as equally likely
    stored = ensemble.resample(table, weights, len(table), settings.seed)
    meta["stored"] = {"resampled": "systematic, by the last generation's importance weights",
                      "rows": len(stored),
                      "distinct_sets": int(len(stored.drop_duplicates()))}
    return ensemble.write(path, stored, np.ones(len(stored)), _finite(meta))


def _finite(data: Any) -> Any:
    """``data`` with infinite floats as ``None`` (strict JSON: generation 0's epsilon)."""
    if isinstance(data, dict):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_finite(v) for v in data]
    return None if isinstance(data, float) and not math.isfinite(data) else data


# --------------------------------------------------------------------------- command


def _parser() -> Any:
    import argparse

    d = Settings()
    p = argparse.ArgumentParser(
        prog="orgsim calibrate",
        description="Likelihood-free calibration (ABC-SMC) of the free parameters against "
                    "the calibration targets -> a posterior ensemble (docs/calibration.md). "
                    "Running it again with the same --outdir continues the calibration.")
    p.add_argument("--population", type=int, default=d.population,
                   help=f"accepted parameter sets per generation (default {d.population})")
    p.add_argument("--generations", type=int, default=d.generations,
                   help=f"generations in total, the prior's included (default {d.generations})")
    p.add_argument("--seeds", type=int, default=d.seeds,
                   help=f"seeds simulated per parameter set (default {d.seeds})")
    p.add_argument("--weeks", type=int, default=d.weeks,
                   help=f"recorded weeks per run (default {d.weeks})")
    p.add_argument("--seed", type=int, default=d.seed,
                   help=f"seed of the calibration (default {d.seed})")
    p.add_argument("--min-epsilon", type=float, default=d.min_epsilon,
                   help="stop once epsilon (band widths) falls to this (default 0)")
    p.add_argument("--n-jobs", type=int, default=d.n_jobs,
                   help=f"parallel workers (default {d.n_jobs})")
    p.add_argument("--launcher", default=d.launcher,
                   help="joblib (local processes) or ray (Ray tasks; $ORGSIM_RAY_ADDRESS "
                        "or a local Ray)")
    p.add_argument("--outdir", default="outputs/posterior",
                   help="where the history, cost and ensemble go (default outputs/posterior)")
    p.add_argument("--install", action="store_true",
                   help="also write the ensemble as the shipped one (src/orgsim/data/posterior)")
    p.add_argument("overrides", nargs="*",
                   help="extra config overrides for every run (quick tests only)")
    return p


#: The line an interrupted calibration ends with.
INTERRUPTED = ("orgsim calibrate: interrupted — the completed generations are kept; run the "
               "same command again to continue")


def main(argv: Sequence[str] | None = None) -> int:
    """``orgsim calibrate``: run or continue the calibration and write the ensemble."""
    from orgsim.cli import fail

    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    parser.error = lambda message: fail("orgsim calibrate", message + HELP)  # type: ignore[method-assign]
    args = parser.parse_args(args_in)
    try:
        import pyabc  # noqa: F401
    except ImportError:
        fail("orgsim calibrate", "pyabc is not installed — pip install 'orgsim[calibrate]'")
    settings = Settings(args.population, args.generations, args.seeds, args.weeks,
                        args.seed, args.min_epsilon, args.n_jobs, args.launcher,
                        tuple(args.overrides))
    try:
        settings.check()
        bad = [o for o in args.overrides if "=" not in o]
        if bad:
            raise ValueError(f"override {bad[0]!r} must be key=value{HELP}")
        if settings.extra:
            from orgsim import load_config

            load_config([*BASE, *settings.extra])
    except ValueError as exc:
        fail("orgsim calibrate", exc)
    out = Path(args.outdir)
    print(f"orgsim calibrate: ABC-SMC, {len(PRIORS)} parameters, {len(TARGET_KEYS)} targets, "
          f"population {settings.population}, {settings.generations} generations, "
          f"{settings.seeds} seeds x 2 runs per candidate, {settings.n_jobs} workers "
          f"({settings.launcher}); history in {out / HISTORY}", flush=True)
    from orgsim import workers

    # Ctrl+C / SIGTERM: one line, the worker pool and its children stopped (they used to
    # outlive the command, re-parented to PID 1 and still computing), exit 128 + signal
    with workers.interruptible(INTERRUPTED):
        try:
            history = run_abc(settings, out, report=lambda line: print(line, flush=True))
        except (CalibrationError, UnreadableFileError) as exc:
            fail("orgsim calibrate", exc)
    cost = _read_json(out / COST) or {}
    cost["runs"] = int(cost.get("simulations", 0)) * 2 * settings.seeds
    command = "orgsim calibrate " + " ".join(args_in)
    path = write_posterior(history, settings, out / ENSEMBLE_DIR, command.strip(), cost)
    print(f"ensemble: {path} ({settings.population} sets, final epsilon "
          f"{json.loads((path / ensemble.META).read_text())['final_epsilon']:.4g}; "
          f"{cost.get('simulations', 0)} candidates, {cost.get('cpu_seconds', 0):.0f} s CPU)")
    if args.install:
        shipped = write_posterior(history, settings, ensemble.shipped_path(), command.strip(),
                                  cost)
        print(f"installed as the shipped ensemble: {shipped}")
    return 0
