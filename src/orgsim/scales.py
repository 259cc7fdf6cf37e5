"""Survey scales: the model's latent levels (0..1) as BAT exhaustion and UWES engagement scores.

A client's survey reports team means on the instruments' own scales (BAT exhaustion 1..5,
UWES engagement 0..6); the model's state is a latent level 0..1. A straight line between
the two (``BAT = 1 + 4 x level``) ignores what the calibration already fixed: the baseline
organisation reproduces the Dutch working population (17-20% with burn-out complaints,
docs/calibration.md), so its distribution of latent exhaustion *is* that population's. The
link is therefore norm-referenced: **equipercentile linking** (Kolen & Brennan 2014, ch. 2) -
a latent level gets the score at the same percentile of the Dutch norm distribution.

- Model side: percentiles of the latent level in the calibrated baseline at steady state
  (exhaustion over employees at work, engagement over all employees, pooled over seeds and
  weeks), computed by ``scripts/link_scales.py`` and stored in
  ``orgsim/data/scale_links.json``; ``tests/test_scales.py`` checks them against a fresh
  baseline run, so a recalibration cannot leave a stale link behind.
- Norm side (assumption, see :data:`NORMS`): a normal distribution truncated to the scale's
  range, with the approximate mean and SD of the Dutch/Flemish norm samples.
- Between the stored points the link is linear; latent 0 and 1 map to the ends of the scale.

Check of the anchor: the model's complaints threshold (exhaustion 0.413, "exhaustion several
times a month or more", NEA) links to BAT exhaustion ~3.0 - "sometimes", the answer that
matches "several times a month", and close to the BAT's "at risk" cut-off for exhaustion
(~3.1, Schaufeli et al. 2023).

Example:
    >>> bat = linked("exhaustion")
    >>> float(bat.score(0.0)), float(bat.score(1.0))
    (1.0, 5.0)
    >>> level = bat.level(2.5)  # the latent level of a person who scores 2.5
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from statistics import NormalDist
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from orgsim.state import Workforce

#: Where ``scripts/link_scales.py`` stores the model's percentiles (package data).
LINKS_FILE = Path(__file__).parent / "data" / "scale_links.json"
#: A simulated absence below this share of the client survey's is flagged as a lower bound
#: (by ``orgsim import-survey`` and in the MT report; docs/survey_import.md).
ABSENCE_LOW_SHARE = 0.5
#: Percentiles (0..1) at which the model's and the norm's distributions are linked.
PROBS = tuple(np.round(np.linspace(0.005, 0.995, 100), 4).tolist())


@dataclass(frozen=True)
class Norm:
    """A survey scale's range and its approximate Dutch norm distribution (an assumption).

    Attributes:
        name: the model's state variable (``exhaustion`` or ``engagement``).
        label: the instrument and scale, as shown to users.
        lo, hi: the ends of the answer scale.
        mean, sd: mean and standard deviation in the Dutch working population.
        source: where the norm comes from.
    """

    name: str
    label: str
    lo: float
    hi: float
    mean: float
    sd: float
    source: str

    def position(self, score: np.ndarray | float) -> np.ndarray:
        """A score as a position 0..1 on the scale (``(score - lo) / (hi - lo)``)."""
        return (np.asarray(score, dtype=float) - self.lo) / (self.hi - self.lo)

    def quantiles(self, probs: np.ndarray) -> np.ndarray:
        """Scores at the given percentiles (normal truncated to ``lo..hi``)."""
        dist = NormalDist(self.mean, self.sd)
        lo, hi = dist.cdf(self.lo), dist.cdf(self.hi)
        return np.array([dist.inv_cdf(lo + float(p) * (hi - lo)) for p in probs])


NORMS: dict[str, Norm] = {
    "exhaustion": Norm(
        "exhaustion", "BAT exhaustion 1-5", 1.0, 5.0, mean=2.4, sd=0.7,
        source="Burnout Assessment Tool manual v2.0 (Schaufeli, De Witte & Desart 2020): "
               "representative Dutch and Flemish samples (N ~ 1,500 each); exhaustion is the "
               "subscale with the highest mean (~2.4, SD ~0.7). About 17% of Flemish "
               "employees score 'at risk' or higher, as many as report burn-out complaints "
               "in the Dutch NEA."),
    "engagement": Norm(
        "engagement", "UWES engagement 0-6", 0.0, 6.0, mean=3.8, sd=1.0,
        source="UWES manual (Schaufeli & Bakker 2004): Dutch database, UWES-9 mean ~3.7-3.8, "
               "SD ~1.0-1.1."),
}


@dataclass(frozen=True)
class LinkedScale:
    """A monotone link between a latent level (0..1) and a survey scale's score.

    Attributes:
        norm: the scale and its norm distribution.
        levels: latent levels of the link's points (increasing, 0 first, 1 last).
        scores: scores of those points (increasing, ``norm.lo`` first, ``norm.hi`` last).
    """

    norm: Norm
    levels: tuple[float, ...]
    scores: tuple[float, ...]

    def score(self, level: np.ndarray | float) -> np.ndarray:
        """Score on the survey scale of latent level(s) ``level`` (0..1)."""
        return np.interp(np.asarray(level, dtype=float), self.levels, self.scores)

    def level(self, score: np.ndarray | float) -> np.ndarray:
        """Latent level(s) a score stands for (the inverse of :meth:`score`)."""
        return np.interp(np.asarray(score, dtype=float), self.scores, self.levels)

    def unit(self, level: np.ndarray | float) -> np.ndarray:
        """The score as a position 0..1 on the scale (``(score - lo) / (hi - lo)``)."""
        return self.norm.position(self.score(level))


def link(norm: Norm, model_quantiles: np.ndarray) -> LinkedScale:
    """Equipercentile link of the model's quantiles (at :data:`PROBS`) to the norm's."""
    q = np.clip(np.asarray(model_quantiles, dtype=float), 0.0, 1.0)
    if len(q) != len(PROBS) or np.any(np.diff(q) < 0):
        raise ValueError(f"{norm.name}: need {len(PROBS)} increasing model quantiles")
    levels = np.concatenate([[0.0], q, [1.0]])
    scores = np.concatenate([[norm.lo], norm.quantiles(np.array(PROBS)), [norm.hi]])
    keep = np.concatenate([[True], np.diff(levels) > 1e-9])  # ties: keep the first point
    keep[-1] = True
    levels, scores = levels[keep], scores[keep]
    if levels[-2] >= 1.0:
        levels, scores = levels[:-1], scores[:-1]
        levels[-1], scores[-1] = 1.0, norm.hi
    return LinkedScale(norm, tuple(levels.tolist()), tuple(scores.tolist()))


def reference_quantiles(seeds: Sequence[int] = tuple(range(8)), weeks: int = 52,
                        every: int = 4, n_employees: int | None = None) -> dict[str, list[float]]:
    """The model side of the link: percentiles (:data:`PROBS`) of the calibrated baseline.

    Runs the baseline (after its warm-up) for ``weeks`` and pools, every ``every`` weeks,
    the latent exhaustion of employees at work (the survey's respondents) and the latent
    engagement of all employees.
    """
    from orgsim.model import OrgModel  # the model does not depend on this module

    overrides = {} if n_employees is None else {"org.n_employees": n_employees}
    pools: dict[str, list[np.ndarray]] = {"exhaustion": [], "engagement": []}
    for seed in seeds:
        model = OrgModel(rng=int(seed), overrides=overrides)
        ws = model.workforce
        for _ in range(0, weeks, every):
            model.run_for(every)
            pools["exhaustion"].append(ws.exhaustion[ws.present()].copy())
            pools["engagement"].append(ws.engagement[ws.employed()].copy())
    return {name: np.round(np.quantile(np.concatenate(v), PROBS), 5).tolist()
            for name, v in pools.items()}


def team_scores(ws: Workforce, n_teams: int) -> dict[str, np.ndarray]:
    """One week's survey per team, as sums (pool weeks and seeds, then divide with
    :func:`pooled`): BAT exhaustion scores of those at work (``n_present`` of them) and UWES
    scores of all employees (``n_employed``)."""
    present, employed = ws.present(), ws.employed()

    def per_team(weights: np.ndarray) -> np.ndarray:
        return np.bincount(ws.team, weights=weights, minlength=n_teams)

    return {
        "exhaustion": per_team(linked("exhaustion").score(ws.exhaustion) * present),
        "n_present": per_team(present.astype(float)),
        "engagement": per_team(linked("engagement").score(ws.engagement) * employed),
        "n_employed": per_team(employed.astype(float)),
    }


def pooled(total: np.ndarray, count: np.ndarray) -> np.ndarray:
    """``total / count`` per team, NaN where nobody was measured."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(count > 0, total / np.where(count > 0, count, 1.0), np.nan)


@cache
def linked(name: str) -> LinkedScale:
    """The stored link of scale ``name`` (``exhaustion`` or ``engagement``)."""
    if name not in NORMS:
        raise KeyError(f"no linked scale {name!r}; choose from {sorted(NORMS)}")
    data = json.loads(LINKS_FILE.read_text(encoding="utf-8"))
    return link(NORMS[name], np.array(data["quantiles"][name]))


__all__ = ["ABSENCE_LOW_SHARE", "NORMS", "PROBS", "LinkedScale", "Norm", "link", "linked", "pooled",
           "reference_quantiles", "team_scores"]
