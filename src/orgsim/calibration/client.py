"""A client's own ensemble: the posterior ensemble conditioned on the client's survey.

The posterior ensemble (:mod:`orgsim.calibration.ensemble`) holds parameter sets that all
fit the national Dutch calibration targets. A client organisation built by ``orgsim
import-survey`` adds its own data: its survey. This module conditions the ensemble on it by
**ABC importance reweighting** (Beaumont, Zhang & Balding 2002, *Genetics* 162:2025;
Beaumont 2010, *Annu Rev Ecol Evol Syst* 41:379; the weights of sequential ABC, Toni et al.
2009, *J R Soc Interface* 6:187): the ensemble's sets are samples of the national posterior
(weights ``w0``), so the client's posterior is the same sets with weights
``w0 x K(distance)``, where the distance says how far the survey simulated under a set lies
from the client's survey and ``K`` is a Gaussian kernel. No set is added or moved; sets that
do not reproduce the client lose weight.

For each set (or a weighted subsample of at most ``max_sets`` sets):

1. the client's organisation, exactly as the preset describes it (the survey's teams with
   the levels the import calibrated, ``orgsim.survey_import.written_specs``), is
   simulated with the set's values as config overrides, ``seeds`` times (the same seeds for
   every set: common random numbers, so sets are compared on the same chance events);
2. the statistics the import compares (:func:`statistics`) are taken as the import takes
   them (``orgsim.survey_import.simulated_survey``): per team the workload, BAT
   exhaustion and UWES engagement means of the survey weeks, and the organisation's burn-out
   absence % over 52 weeks (the survey's "last 12 months");
3. the distance is ``d^2 = sum_j ((mean_j - observed_j) / sigma_j)^2`` (:func:`sigmas`);
4. the weight is ``w0 x exp(-d^2 / (2 h^2))`` with the bandwidth ``h`` of
   :func:`bandwidth`.

Why the team levels are not re-fitted per set: the client's preset is one set of team
levels (fitted by the import with the point parameters), and ``orgsim compare
params=posterior`` runs *that* preset under every set. A set under which this preset does
not reproduce the client's survey simulates another organisation, and should count less;
that is what reweighting on the remaining mismatch measures. Re-fitting the levels per set
would let every set match the survey (two fitted levels and the workload per team for the
three team statistics), leave only the absence to tell sets apart, and would need a preset
per set, which the ensemble format does not hold. The price: sets close to the point
parameters are favoured partly because the levels were fitted with those (docs/survey_import.md).
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orgsim.calibration import ensemble as _ensemble
from orgsim.config import Config, ConfigError
from orgsim.scales import NORMS

#: Most parameter sets simulated (a larger ensemble is subsampled by its weights).
MAX_SETS = 100
#: Replications per set (at least 2: the spread between them is :func:`sigmas`' ``tau``).
SEEDS = 4
#: Smallest effective sample size kept, as a share of the simulated sets (:func:`bandwidth`).
ESS_FLOOR = 0.2
#: Per-team statistics, in this order for each team; then the organisation's absence.
TEAM_STATISTICS = ("workload", "exhaustion", "engagement")
#: SD of one person's workload answer (1..5) within a team. Assumption: typical of 5-point
#: items in employee surveys (about 0.9 to 1.0); the BAT and UWES SDs are their norms'.
WORKLOAD_SD = 0.9
#: Length of one burn-out absence episode in weeks: 242 calendar days, the ArboNed mean that
#: is a calibration target (docs/calibration.md).
EPISODE_WEEKS = 242 / 7
#: Absence % used in the absence floor when the survey reports less: the lower end of the
#: Dutch band (1.0-1.5% of hours, docs/calibration.md), so a survey with 0% has an error too.
ABSENCE_FLOOR_PCT = 1.0
#: Difference counted for a statistic that has no simulated value under a set (nobody of the
#: team at work in the survey weeks of any seed): the whole width of its scale.
SCALE_WIDTH = {"workload": 4.0, "exhaustion": NORMS["exhaustion"].hi - NORMS["exhaustion"].lo,
               "engagement": NORMS["engagement"].hi - NORMS["engagement"].lo,
               "absence_pct": 100.0}
#: Separates the simulation seeds of the reweighting from the import's calibration seeds
#: (0, 1, ...): the team levels were fitted on those, so reusing them would favour the point
#: parameters by the calibration's own chance events.
SEED_TAG = 15_003
METHOD = "abc-importance-reweighting"


class ClientEnsembleError(ValueError):
    """The ensemble cannot be conditioned on this organisation (the message says why)."""


# ---------------------------------------------------------------------------- statistics
def statistic_names(teams: Sequence[str]) -> list[str]:
    """Names of the statistics: ``<team>: workload`` ... and ``organisation: absence_pct``."""
    return [f"{t}: {s}" for t in teams for s in TEAM_STATISTICS] + ["organisation: absence_pct"]


def _kinds(n_teams: int) -> list[str]:
    return [*TEAM_STATISTICS] * n_teams + ["absence_pct"]


def statistics(table: pd.DataFrame, headcount: np.ndarray) -> np.ndarray:
    """The statistics of one survey table (per team ``workload``, ``exhaustion``,
    ``engagement``, then ``absence_pct``): team values in team order, then the
    organisation's absence as the headcount-weighted mean of the teams' (as the import's
    table shows it). NaN where a team has no value."""
    team = table[list(TEAM_STATISTICS)].to_numpy(float).reshape(-1)
    absence = table["absence_pct"].to_numpy(float)
    known = np.isfinite(absence)
    org = (float(np.average(absence[known], weights=headcount[known])) if known.any()
           else np.nan)
    return np.append(team, org)


def observed(survey: pd.DataFrame) -> np.ndarray:
    """The client's statistics from the survey (:func:`statistics`)."""
    return statistics(survey, survey["headcount"].to_numpy(float))


def simulate(cfg: Config, seeds: Sequence[int],
             survey_of: Callable[[Config, int], pd.DataFrame]) -> np.ndarray:
    """The statistics of the organisation ``cfg`` per seed, shape ``(len(seeds), m)``;
    ``survey_of(cfg, seed)`` is one seed's simulated survey table
    (:func:`orgsim.survey_import.survey_with_absence`)."""
    headcount = np.array([t.headcount for t in cfg.org.teams], dtype=float)
    return np.array([statistics(survey_of(cfg, int(seed)), headcount) for seed in seeds])


def floors(survey: pd.DataFrame) -> np.ndarray:
    """Sampling error of each observed statistic: the smallest ``sigma`` (:func:`sigmas`).

    Team means: ``SD / sqrt(headcount)`` (assumption: every member answered; a lower
    response makes the error larger), with SD :data:`WORKLOAD_SD` for workload and the
    Dutch norms' SDs for BAT exhaustion and UWES engagement (:data:`orgsim.scales.NORMS`).
    Absence %: episodes as Poisson events of :data:`EPISODE_WEEKS` weeks each, so the
    variance of the absence share ``a`` over a year of ``N`` people is
    ``EPISODE_WEEKS x a / (52 N)``, with ``a`` at least :data:`ABSENCE_FLOOR_PCT`.
    """
    n = survey["headcount"].to_numpy(float)
    sd = np.array([WORKLOAD_SD, NORMS["exhaustion"].sd, NORMS["engagement"].sd])
    team = (sd[None, :] / np.sqrt(n)[:, None]).reshape(-1)
    a = max(float(np.average(survey["absence_pct"], weights=n)), ABSENCE_FLOOR_PCT) / 100.0
    absence = 100.0 * np.sqrt(EPISODE_WEEKS * a / (52.0 * n.sum()))
    return np.append(team, absence)


def sigmas(runs: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """The error of each statistic in the distance, from per-seed values ``runs`` (shape
    ``(sets, seeds, m)``).

    ``tau^2``, the variance of a statistic between seeds under one set, pooled over the sets
    (assumption: about the same for every set), is how much a team's survey mean varies for
    given levels and parameters: the respondents' sampling and the team's own chance events
    (who falls ill, who leaves). The client's survey is one such draw and the simulated mean
    of ``k`` seeds has variance ``tau^2 / k``, so ``sigma^2 = max(tau^2, floor^2) (1 + 1/k)``;
    ``floor`` (:func:`floors`) keeps it at least the survey's own sampling error.
    """
    k = runs.shape[1]
    finite = np.isfinite(runs)
    count = finite.sum(axis=1)  # (sets, m)
    values = np.where(finite, runs, 0.0)
    mean = values.sum(axis=1) / np.maximum(count, 1)
    squares = (np.where(finite, runs - mean[:, None, :], 0.0) ** 2).sum(axis=1)
    dof = np.maximum(count - 1, 0).sum(axis=0)
    tau2 = np.where(dof > 0, squares.sum(axis=0) / np.maximum(dof, 1), 0.0)
    return np.sqrt(np.maximum(tau2, floor ** 2) * (1.0 + 1.0 / k))


def distances(means: np.ndarray, target: np.ndarray, sigma: np.ndarray,
              kinds: Sequence[str]) -> np.ndarray:
    """``d^2`` per set (rows of ``means``): the sum of squared differences in units of
    ``sigma``; a statistic without a simulated value counts as its scale's width
    (:data:`SCALE_WIDTH`), a statistic without an observed value not at all."""
    width = np.array([SCALE_WIDTH[k] for k in kinds])
    diff = np.where(np.isfinite(means), means - target, width)
    diff = np.where(np.isfinite(target), diff, 0.0)
    return np.asarray(((diff / sigma) ** 2).sum(axis=1), dtype=float)


# ---------------------------------------------------------------------------- weights
#: Kish's effective sample size of the weights (one definition, in the ensemble module).
ess = _ensemble.effective_sample_size


def kernel_weights(d2: np.ndarray, prior: np.ndarray, h: float) -> np.ndarray:
    """``prior x exp(-d2 / (2 h^2))``, normalised (computed relative to the smallest ``d2``
    among sets with prior weight, so nothing underflows to all zeros)."""
    live = prior > 0
    rel = d2 - float(d2[live].min())
    w = np.where(live, prior * np.exp(-np.maximum(rel, 0.0) / (2.0 * h * h)), 0.0)
    return np.asarray(w / w.sum(), dtype=float)


def bandwidth(d2: np.ndarray, prior: np.ndarray, floor: float = ESS_FLOOR) -> float:
    """The kernel bandwidth ``h``: 1, unless that leaves an effective sample size below
    ``floor`` x the number of sets; then the smallest ``h`` that reaches it.

    ``h = 1`` is the Gaussian likelihood of the survey with the errors of :func:`sigmas`
    (a synthetic likelihood, Wood 2010 *Nature* 466:1102). A larger ``h`` is the ABC
    tolerance (Beaumont et al. 2002 choose it as a quantile of the distances): it tempers the
    likelihood so that the reweighted ensemble keeps enough sets to carry an uncertainty,
    instead of collapsing onto the one or two sets closest to the survey by chance. The
    floor cannot exceed what the prior weights allow (at ``h -> inf`` the weights are the
    prior's); bisection on ``log h``, deterministic.
    """
    target = min(floor * len(d2), 0.999 * ess(prior))
    if ess(kernel_weights(d2, prior, 1.0)) >= target:
        return 1.0
    lo, hi = 0.0, 1.0  # log10 h
    while ess(kernel_weights(d2, prior, 10.0 ** hi)) < target and hi < 12:
        lo, hi = hi, hi + 1.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if ess(kernel_weights(d2, prior, 10.0 ** mid)) >= target:
            hi = mid
        else:
            lo = mid
    return float(10.0 ** hi)


def subsample(prior: np.ndarray, n: int, rng: np.random.Generator
              ) -> tuple[np.ndarray, np.ndarray]:
    """At most ``n`` sets by systematic resampling of ``prior`` (Kitagawa 1996, *J Comput
    Graph Stat* 5:1): the distinct sets drawn, in ensemble order, and their prior weights in
    the subsample (how often each was drawn, over ``n``). An ensemble of at most ``n`` sets
    is kept whole with its own weights."""
    p = np.asarray(prior, dtype=float) / np.sum(prior)
    if len(p) <= n:
        return np.arange(len(p)), p
    cum = np.cumsum(p)
    cum[-1] = 1.0
    drawn = np.searchsorted(cum, (rng.random() + np.arange(n)) / n, side="right")
    sets, counts = np.unique(np.minimum(drawn, len(p) - 1), return_counts=True)
    return sets, counts / n


# ---------------------------------------------------------------------------- conditioning
def set_config(base: Config, values: dict[str, float], where: str = "") -> Config:
    """``base`` with one parameter set's values, each checked like a command-line override.

    Raises:
        ClientEnsembleError: a key that is not a config key of this orgsim, or a value out
            of its range (naming ``where``, the key and the value).
    """
    from orgsim.compose import validate
    from orgsim.config import check_value

    cfg = copy.deepcopy(base)
    for key, value in values.items():
        *parents, name = key.split(".")
        obj: Any = cfg
        for part in parents:
            obj = getattr(obj, part, None)
        current = getattr(obj, name, None) if obj is not None else None
        if not isinstance(current, int | float) or isinstance(current, bool):
            raise ClientEnsembleError(f"{where}parameter {key!r} is not a numeric config key "
                                      "of this orgsim — use an ensemble made for this version")
        try:
            typed = check_value(key, value)
        except ConfigError as exc:
            raise ClientEnsembleError(f"{where}{exc}") from None
        setattr(obj, name, typed)
    try:
        return validate(cfg)
    except ConfigError as exc:
        raise ClientEnsembleError(f"{where}{exc}") from None


def check(source: _ensemble.Ensemble, base: Config) -> None:
    """Every set of ``source`` applies to ``base`` (:func:`set_config`), before any run.

    Raises:
        ClientEnsembleError: naming the set, the key and the value.
    """
    for i in range(len(source)):
        set_config(base, source.values(i), where=f"{source.source}, set {i}: ")


def simulation_seeds(seed: int, k: int) -> list[int]:
    """The ``k`` simulation seeds for ``seed`` (drawn from ``[SEED_TAG, seed]``: reproducible,
    and not the import's calibration seeds 0, 1, ...)."""
    rng = np.random.default_rng([SEED_TAG, seed])
    return [1_000 + int(s) for s in rng.choice(2 ** 31 - 1_001, size=k, replace=False)]


@dataclass(frozen=True)
class Conditioned:
    """The ensemble conditioned on a client's survey (:func:`condition`).

    Attributes:
        source: the ensemble that was conditioned.
        sets: index in ``source`` of each simulated set (ensemble order).
        prior: their weights before conditioning (normalised).
        weights: their weights after conditioning (normalised).
        distance2: ``d^2`` per set.
        bandwidth: the kernel bandwidth ``h``.
        ess: effective sample size of ``weights``.
        ess_unit: effective sample size at ``h = 1`` (the untempered likelihood).
        names: the statistics' names; ``observed``, ``sigma`` per statistic;
            ``simulated`` the seed mean per set and statistic.
        seeds: the simulation seeds; ``seed`` the seed they come from.
        runs: simulations made; ``seconds`` their wall-clock time, ``cpu_seconds`` the
            process's CPU time (the cost on a loaded machine).
    """

    source: _ensemble.Ensemble
    sets: np.ndarray
    prior: np.ndarray
    weights: np.ndarray
    distance2: np.ndarray
    bandwidth: float
    ess: float
    ess_unit: float
    names: list[str]
    observed: np.ndarray
    sigma: np.ndarray
    simulated: np.ndarray
    seeds: list[int]
    seed: int
    runs: int
    seconds: float
    floor: float = ESS_FLOOR
    cpu_seconds: float = 0.0

    @property
    def table(self) -> pd.DataFrame:
        """The simulated sets' parameter values (the source's columns)."""
        return self.source.table.iloc[self.sets].reset_index(drop=True)

    @property
    def far(self) -> bool:
        """True when the kernel had to be widened (``h > 1``): the survey is unlikely under
        most sets, the client is far from what the national calibration expects."""
        return self.bandwidth > 1.0

    def moved(self) -> pd.DataFrame:
        """Per parameter over the simulated sets: mean before (prior weights; the ensemble's
        mean when it was not subsampled) and after conditioning, the prior SD and the shift in
        prior SDs; the largest shifts first."""
        x = self.table.to_numpy(float)
        before = self.prior @ x
        after = self.weights @ x
        sd = np.sqrt(self.prior @ (x - before) ** 2)
        shift = np.where(sd > 0, (after - before) / np.where(sd > 0, sd, 1.0), 0.0)
        out = pd.DataFrame({"parameter": list(self.table.columns), "before": before,
                            "after": after, "sd": sd, "shift_sd": shift})
        order = np.argsort(-np.abs(shift), kind="stable")
        return out.iloc[order].reset_index(drop=True)


def condition(
    survey: pd.DataFrame, teams: Sequence[str], base: Config, source: _ensemble.Ensemble, *,
    organise: Callable[[Config], Config], survey_of: Callable[[Config, int], pd.DataFrame],
    max_sets: int = MAX_SETS, seeds: int = SEEDS, seed: int = 0, floor: float = ESS_FLOOR,
    progress: Callable[[int, int, float], None] | None = None,
) -> Conditioned:
    """Condition ``source`` on the client's ``survey`` (module docstring).

    :func:`orgsim.survey_import.condition_ensemble` calls this with the import's pieces.

    Args:
        survey: the client's survey (columns ``headcount``, ``workload``, ``exhaustion``,
            ``engagement``, ``absence_pct``; one row per team); ``teams`` their names.
        base: the config the import calibrated with (its overrides included).
        source: the ensemble to condition.
        organise: a set's config -> the client's organisation under it (the preset's teams).
        survey_of: ``(config, seed)`` -> that seed's simulated survey table (per team
            ``workload`` read with the import's anchor, ``exhaustion``, ``engagement``,
            ``absence_pct``).
        max_sets: most sets simulated (a weighted subsample beyond that).
        seeds: replications per set (>= 2).
        seed: chooses the subsample and the simulation seeds.
        floor: the effective-sample-size floor of :func:`bandwidth`.
        progress: called as ``progress(done, total, seconds)`` after each set.

    Raises:
        ClientEnsembleError: a set that does not apply to ``base``, or ``seeds`` < 2.
    """
    if seeds < 2:
        raise ClientEnsembleError(f"seeds = {seeds}: at least 2 replications per set are "
                                  "needed (their spread is the simulation's error)")
    start, cpu = time.perf_counter(), time.process_time()
    check(source, base)
    rng = np.random.default_rng([SEED_TAG, seed, 1])
    sets, prior = subsample(source.weights, max_sets, rng)
    sim_seeds = simulation_seeds(seed, seeds)
    target = observed(survey)
    runs = []
    for done, i in enumerate(sets, start=1):
        cfg = organise(set_config(base, source.values(int(i))))
        runs.append(simulate(cfg, sim_seeds, survey_of))
        if progress is not None:
            progress(done, len(sets), time.perf_counter() - start)
    per_seed = np.array(runs)  # (sets, seeds, m)
    finite = np.isfinite(per_seed)
    means = np.where(finite.any(axis=1),
                     np.where(finite, per_seed, 0.0).sum(axis=1)
                     / np.maximum(finite.sum(axis=1), 1), np.nan)
    sigma = sigmas(per_seed, floors(survey))
    d2 = distances(means, target, sigma, _kinds(len(survey)))
    h = bandwidth(d2, prior, floor)
    weights = kernel_weights(d2, prior, h)
    return Conditioned(
        source=source, sets=sets, prior=prior, weights=weights, distance2=d2, bandwidth=h,
        ess=ess(weights), ess_unit=ess(kernel_weights(d2, prior, 1.0)),
        names=statistic_names(teams), observed=target, sigma=sigma, simulated=means,
        seeds=sim_seeds, seed=seed, runs=len(sets) * seeds,
        seconds=time.perf_counter() - start, floor=floor,
        cpu_seconds=time.process_time() - cpu)


# ---------------------------------------------------------------------------- output
def sha256_file(path: str | Path) -> str:
    """SHA-256 (hex) of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def meta(result: Conditioned, *, survey_sha256: str, org: str, command: str) -> dict[str, Any]:
    """The client ensemble's ``meta.json``: provenance of the source ensemble and the survey,
    the method and its settings, and the numbers that decided the weights."""
    import orgsim
    from orgsim.fingerprint import MODEL_VERSION

    src = result.source.meta
    return {
        "model_version": MODEL_VERSION, "orgsim_version": orgsim.__version__,
        "targets_sha256": src.get("targets_sha256"),
        "method": METHOD,
        "settings": {"max_sets": int(len(result.sets)), "seeds_per_set": len(result.seeds),
                     "ess_floor": result.floor, "kernel": "gaussian",
                     "distance": "sum of squared differences in units of sigma"},
        "org": org,
        "source_ensemble": result.source.source,
        "source_ensemble_sha256": result.source.sha256(),
        "source_method": src.get("method"),
        "source_sets": [int(i) for i in result.sets],
        "prior_weights": [float(w) for w in result.prior],
        "weights": [float(w) for w in result.weights],
        "stored": "resampled to equal weights (systematic, by the conditioned weights; "
                  "orgsim.calibration.ensemble.resample)",
        "survey_sha256": survey_sha256,
        "statistics": result.names,
        "observed": [_num(v) for v in result.observed],
        "sigma": [float(v) for v in result.sigma],
        "distance2": [float(v) for v in result.distance2],
        "bandwidth": result.bandwidth,
        "effective_sample_size": result.ess,
        "effective_sample_size_at_bandwidth_1": result.ess_unit,
        "seed": result.seed,
        "simulation_seeds": result.seeds,
        "cost": {"runs": result.runs, "seconds": round(result.seconds, 2),
                 "cpu_seconds": round(result.cpu_seconds, 2)},
        "command": command,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def _num(v: float) -> float | None:
    return float(v) if np.isfinite(v) else None


def stage(result: Conditioned, path: Path, info: dict[str, Any]) -> Path:
    """Write the conditioned ensemble into a new hidden directory beside ``path`` (same file
    system, so :func:`install` can rename it into place) and return that directory; removed
    again if writing fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent))
    try:
        # stored with equal weights (ensemble.resample), as every ensemble is: the sets
        # repeated in proportion to their conditioned weights
        stored = _ensemble.resample(result.table, result.weights, len(result.table),
                                    result.seed)
        _ensemble.write(tmp, stored, np.ones(len(stored)), info)
        os.chmod(tmp, 0o755)  # mkdtemp makes 0700
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp


def install(staged: Path | None, path: Path, then: Callable[[], object]) -> None:
    """Put ``staged`` in the place of ``path`` (or just remove ``path`` when ``staged`` is
    None), then call ``then`` (writing the preset); all or nothing.

    An existing ``path`` is first renamed aside; if the rename of ``staged`` or ``then``
    fails, the new directory is removed and the old one renamed back before the error goes
    on. On success the old one is deleted. A reader sees the old ensemble, the new one, or
    (between two renames) none, never a half-written one.
    """
    aside = None
    if path.exists():
        aside = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
        os.rmdir(aside)
        os.rename(path, aside)
    try:
        if staged is not None:
            os.rename(staged, path)
        then()
    except BaseException:
        if staged is not None:
            shutil.rmtree(path if not staged.exists() else staged, ignore_errors=True)
        if aside is not None:
            os.rename(aside, path)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def summary(result: Conditioned, top: int = 5) -> list[str]:
    """Lines for the terminal: effective sample size, the parameters that moved most, and a
    warning when the client is far from the national calibration."""
    n = len(result.sets)
    lines = [f"  effective sample size {result.ess:.1f} of {n} sets (bandwidth "
             f"{result.bandwidth:.2f}; {result.runs} runs, {result.seconds:.0f} s, CPU "
             f"{result.cpu_seconds:.0f} s)"]
    moved = result.moved()
    shown = moved[moved["shift_sd"].abs() >= 0.1].head(top)
    if shown.empty:
        lines.append("  no parameter moved by 0.1 ensemble SD or more")
    else:
        lines.append("  parameters that moved (ensemble mean -> client's weighted mean, in "
                     "ensemble SDs):")
        width = max(len(p) for p in shown["parameter"])
        lines += [f"    {r.parameter:<{width}}  {r.before:.4g} -> {r.after:.4g}  "
                  f"({r.shift_sd:+.2f} SD)" for r in shown.itertuples()]
    if result.far:
        lines.append(
            f"warning: low effective sample size: the survey is unlikely under most of the "
            f"ensemble's parameter sets ({result.ess_unit:.1f} of {n} at bandwidth 1), so the "
            "client is far from the national calibration; the kernel was widened to "
            f"{result.bandwidth:.2f} to keep {result.floor:.0%} of the sets. Read the "
            "client's uncertainty bands with care (docs/survey_import.md).")
    return lines

