"""Calibration statistics of simulated runs, computed the way the sources computed theirs.

* Prevalence and absence from the weekly time series (:mod:`orgsim.metrics`).
* Return to work and recurrence from an **episode cohort** (:class:`EpisodeCohort`, a
  component added to the week's schedule that records every onset, full return and leaving
  per person): the share of an onset cohort fully back 26 weeks later (Sonnenschein et al.
  2008), and the Kaplan-Meier cumulative incidence of a new episode within 3 years of a full
  return that lasted at least 28 days, leavers and the end of the run censored (Koopmans et
  al. 2011).
* Structure from the **synthetic survey** (:func:`orgsim.survey.survey_wave`), as a
  researcher would: ICC(1) of the exhaustion score between teams (one-way ANOVA,
  Bliese 2000) and Pearson correlations of scale scores, corrected for attenuation with the
  scales' Cronbach's alpha (meta-analytic correlations are corrected).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from orgsim.week.context import Component, WeekContext

#: Weeks in which the survey measures during a calibration run.
SURVEY_EVERY = 52
#: A return must last this many weeks to count as a full return (Koopmans: 28 days).
MIN_RETURN_WEEKS = 4
#: Horizon of the recurrence estimate (weeks).
RECURRENCE_WEEKS = 156


class EpisodeCohort(Component):
    """Records onsets, full returns and leaving per person (by unique_id), for the cohort
    statistics. Runs after the week's flows; collects in recorded weeks only."""

    name = "episode cohort"

    def __init__(self) -> None:
        self.events: list[tuple[int, int, str]] = []  # (week, unique_id, onset|return|left)

    def step(self, ctx: WeekContext) -> None:
        if not ctx.record:
            return
        ids = ctx.model.holder_ids
        week = ctx.week
        for kind, rows in (("onset", ctx.new_episode_rows), ("return", ctx.full_return_rows),
                           ("left", ctx.leaver_rows)):
            self.events.extend((week, int(uid), kind) for uid in ids(rows).tolist())


def _histories(events: Sequence[tuple[int, int, str]]) -> list[list[tuple[int, str]]]:
    """Each person's events in order: (week, kind) per unique_id."""
    by_person: dict[int, list[tuple[int, str]]] = {}
    for week, uid, kind in events:
        by_person.setdefault(uid, []).append((week, kind))
    return list(by_person.values())


def fully_back(events: Sequence[tuple[int, int, str]], end: int, weeks: int = 26
               ) -> tuple[int, int]:
    """Onsets with ``weeks`` of follow-up, and how many of them fully returned within it
    (the person's next event is a full return, at most ``weeks`` after the onset)."""
    cohort = back = 0
    for history in _histories(events):
        for i, (week, kind) in enumerate(history):
            if kind != "onset" or week + weeks > end:
                continue
            cohort += 1
            if i + 1 < len(history):
                next_week, next_kind = history[i + 1]
                back += next_kind == "return" and next_week - week <= weeks
    return cohort, back


def recurrence_spells(events: Sequence[tuple[int, int, str]], end: int
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Time from each full return (of at least MIN_RETURN_WEEKS) to a new onset (event) or
    to leaving / the end of the run (censored): durations in weeks and event flags."""
    times, flags = [], []
    for history in _histories(events):
        for i, (week, kind) in enumerate(history):
            if kind != "return":
                continue
            if i + 1 < len(history):
                t, event = history[i + 1][0] - week, history[i + 1][1] == "onset"
            else:
                t, event = end - week, False
            if t < MIN_RETURN_WEEKS:  # back for less than 28 days: not a full return
                continue
            times.append(t - MIN_RETURN_WEEKS)
            flags.append(event)
    return np.asarray(times, dtype=float), np.asarray(flags, dtype=bool)


def cohort_estimates(runs: Sequence[RunStatistics], end: int) -> tuple[float, float]:
    """Fully back at 26 weeks (%) and the 3-year recurrence (%, Kaplan-Meier), pooled over
    the cohorts of ``runs`` (each run's events up to week ``end``)."""
    cohort = back = 0
    times, flags = [], []
    for run in runs:
        c, b = fully_back(run.events, end)
        cohort, back = cohort + c, back + b
        t, f = recurrence_spells(run.events, end)
        times.append(t)
        flags.append(f)
    back_pct = 100 * back / cohort if cohort else float("nan")
    recurrence = 100 * kaplan_meier_incidence(np.concatenate(times), np.concatenate(flags),
                                              RECURRENCE_WEEKS)
    return back_pct, recurrence


def kaplan_meier_incidence(times: np.ndarray, events: np.ndarray, horizon: float) -> float:
    """Cumulative incidence 1 - S(horizon) of the Kaplan-Meier estimator (NaN if no data)."""
    if len(times) == 0:
        return float("nan")
    order = np.argsort(times, kind="stable")
    t, e = times[order], events[order]
    survival = 1.0
    at_risk = len(t)
    for value in np.unique(t):
        if value > horizon:
            break
        here = t == value
        d = int(np.count_nonzero(e & here))
        if d:
            survival *= 1.0 - d / at_risk
        at_risk -= int(np.count_nonzero(here))
    return 1.0 - survival


def icc1(scores: np.ndarray, groups: np.ndarray) -> float:
    """ICC(1) of ``scores`` between ``groups`` (one-way ANOVA; Bliese 2000)."""
    ok = np.isfinite(scores)
    scores, groups = scores[ok], groups[ok]
    labels, index, sizes = np.unique(groups, return_inverse=True, return_counts=True)
    k, n = len(labels), len(scores)
    if k < 2 or n <= k:
        return float("nan")
    means = np.bincount(index, weights=scores) / sizes
    grand = scores.mean()
    msb = float((sizes * (means - grand) ** 2).sum() / (k - 1))
    msw = float(((scores - means[index]) ** 2).sum() / (n - k))
    k0 = (n - (sizes**2).sum() / n) / (k - 1)
    return (msb - msw) / (msb + (k0 - 1) * msw)


#: Survey correlations: statistic -> (scale x, sign x, scale y, sign y). Role ambiguity is
#: the reverse of the role-clarity scale; recognition and feedback are averaged.
CORRELATIONS: dict[str, tuple[str, str]] = {
    "r_exhaustion_workload": ("exhaustion", "workload"),
    "r_exhaustion_autonomy": ("exhaustion", "autonomy"),
    "r_exhaustion_recognition": ("exhaustion", "recognition_feedback"),
    "r_exhaustion_support": ("exhaustion", "social_support"),
    "r_exhaustion_role_ambiguity": ("exhaustion", "role_ambiguity"),
    "r_workload_role_ambiguity": ("workload", "role_ambiguity"),
    "r_workload_leader_support": ("workload", "leader_support"),
}


def survey_statistics(waves: pd.DataFrame) -> dict[str, float]:
    """ICC(1), corrected correlations and survey prevalence from survey waves (respondents
    at work; one value per wave, averaged)."""
    from orgsim.survey import SCALES, cronbach_alpha, item_columns

    out: dict[str, list[float]] = {}
    for _, wave in waves.groupby("week"):
        w = wave[wave["responded"] & ~wave["absent"]].copy()
        w["role_ambiguity"] = -w["role_clarity"]
        w["recognition_feedback"] = (w["recognition"] + w["feedback"]) / 2
        alpha = {s: cronbach_alpha(w[item_columns(s)]) for s in SCALES}
        alpha["role_ambiguity"] = alpha["role_clarity"]
        pair = w[item_columns("recognition") + item_columns("feedback")]
        alpha["recognition_feedback"] = cronbach_alpha(pair)
        out.setdefault("icc_exhaustion", []).append(
            icc1(w["exhaustion"].to_numpy(float), w["team"].to_numpy()))
        for key, (x, y) in CORRELATIONS.items():
            r = float(np.corrcoef(w[x].astype(float), w[y].astype(float))[0, 1])
            out.setdefault(key, []).append(r / np.sqrt(alpha[x] * alpha[y]))
            out.setdefault(key + "_observed", []).append(r)
        if "complaints" in w:
            out.setdefault("survey_complaints_pct", []).append(
                100 * float(w["complaints"].mean()))
    return {k: float(np.nanmean(v)) for k, v in out.items()}


@dataclass
class RunStatistics:
    """The calibration statistics of one run (see :func:`run_statistics`)."""

    values: dict[str, float] = field(default_factory=dict)
    events: list[tuple[int, int, str]] = field(default_factory=list)


def run_statistics(overrides: Sequence[str], seed: int, weeks: int = 260,
                   survey: bool = True) -> RunStatistics:
    """Simulate one configured run and compute its calibration statistics."""
    from orgsim import OrgModel, load_config
    from orgsim.survey import survey_wave

    cfg = load_config(list(overrides))
    model = OrgModel.from_config(cfg, rng=seed)
    cohort = EpisodeCohort()
    model.schedule.append(cohort)
    waves = []
    for week in range(weeks):
        if survey and week % SURVEY_EVERY == 0:
            waves.append(survey_wave(model))
        model.step()
    ts, eps = model.timeseries(), model.episodes()
    values: dict[str, Any] = {
        "complaints_pct": 100 * float(ts.burnout_complaints.mean()),
        "absence_pct_hours": 100 * float(ts.absence_rate.mean()),
        "episode_days": float(eps.days.mean()) if len(eps) else float("nan"),
        "cases_per_100_year": 100 * float(ts.new_burnout_cases.sum())
        / cfg.org.n_employees / (weeks / 52),
        "leavers_pct_year": 100 * float(ts.leavers.sum()) / cfg.org.n_employees / (weeks / 52),
    }
    if survey and waves:
        stats = survey_statistics(pd.concat(waves, ignore_index=True))
        values.update(stats)
        if "survey_complaints_pct" in stats:
            values["survey_minus_model_pct"] = (stats["survey_complaints_pct"]
                                                - values["complaints_pct"])
    return RunStatistics(values, cohort.events)
