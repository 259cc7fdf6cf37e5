"""Synthetic employee survey: the latent state measured with realistic error.

Researchers use it to test analysis methods (multilevel models, cross-lagged panels) on data
whose causal truth is known. A survey wave measures every employee (vacancies excluded) on
multi-item Likert scales: perceived demands (workload, role clarity, parallel priorities), job
resources (autonomy, social support, leader support, feedback, recognition), personal
resources, the four BAT dimensions and their total, engagement (UWES-like), outside-work load,
plus team, role and whether the person is absent (on burn-out sick leave). Burn-out
complaints are measured as in the Dutch NEA (TNO/CBS): five emotional-exhaustion items
(UBOS/MBI-type) on a frequency scale 0 "never" .. 6 "every day"; ``complaints`` is True when
their mean is at least 3 ("a few times a month"). Its prevalence among respondents at work
matches the model's own measure (``burnout_complaints``: exhaustion >= the complaints
threshold) within about 1 percentage point at the default measurement (:func:`nea_frequency`).

Measurement model (an assumption in the spirit of classical test theory; see docs/ODD.md 7.13):
the latent true score ``t`` (0..1) of a person on a scale is computed from the model state
(job characteristics additionally get a person-and-wave perception deviation). Item ``j`` is
``x = t + offset_j + e``, ``e ~ N(0, sigma)``, rounded to the nearest of ``likert_levels``
equally spaced points of 0..1 (answer ``k`` is the point ``(k - 1) / (levels - 1)``, so the
expected answer is ``1 + (levels - 1) t`` away from the ends).
For exhaustion and engagement ``t`` is the person's position on the norm-referenced BAT /
UWES scale (:mod:`orgsim.scales`, equipercentile link to the Dutch norms), so the
baseline's answers look like the Dutch working population's; the truth table keeps the
latent levels.
``sigma`` is set per scale and wave from the spread of ``t`` so that the expected reliability
of the ``k``-item mean equals ``reliability`` (Spearman-Brown), counting the rounding to
Likert categories as part of the error. With the default target 0.8, Cronbach's alpha of the
Likert items is about 0.7-0.9.
The NEA scale is measured the same way on its own 0..6 answers, with ``t`` from
:func:`nea_frequency` (the complaints threshold at the cut), items as reliable as the BAT
exhaustion items (so its five-item alpha is about 0.87 at the default target) and item offsets
that sum to zero (the cut is defined on the scale mean).
Non-response: items missing completely at random (``mcar_rate``) and whole questionnaires
missing not at random for absent employees (``absent_nonresponse``).

Randomness comes from a numpy Generator seeded with (model seed, survey stream, week), never
from ``model.rng``, so a survey does not change the simulation and is itself reproducible.
The NEA scale draws from its own keys of the survey stream, after the other scales' answers
were fixed, so those are the same as before the scale was added.

Example:
    >>> data = run_with_survey(overrides={"org.n_employees": 60}, rng=1, waves=[0, 26])
    >>> data.long.columns[:6].tolist()  # doctest: +SKIP
    >>> data.to_csv("survey_out")  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import os
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from orgsim import streams
from orgsim.config import ConfigError
from orgsim.dynamics import demands, job, leadership, outside_work, resources
from orgsim.dynamics.burnout import complaints
from orgsim.files import atomic_write
from orgsim.scales import NORMS, linked
from orgsim.state import PERSONAL_RESOURCES, Role, Status

if TYPE_CHECKING:
    from orgsim.config import Config
    from orgsim.model import OrgModel

#: Smallest spread of a latent score used to set item noise (avoids zero noise when all agree).
MIN_LATENT_SD = 0.05


@dataclass(frozen=True)
class Scale:
    """A questionnaire scale: its items and what it measures."""

    name: str
    items: tuple[str, ...]
    meaning: str
    group: str  #: "demands", "job_resources", "personal_resources", "burnout", ...
    perceived: bool = False  #: job characteristic: respondents perceive it differently
    answers: tuple[int, int] | None = None  #: lowest, highest answer (None: 1..likert_levels)


#: The questionnaire. Item texts are short paraphrases (not copyrighted instrument wording).
SCALES: dict[str, Scale] = {s.name: s for s in (
    Scale("workload", ("too much work", "work under time pressure", "have to rush",
                       "work overtime"), "perceived workload (quantitative demands)",
          "demands", True),
    Scale("role_clarity", ("know what is expected", "clear goals", "know my responsibilities"),
          "role clarity (the reverse of role ambiguity)", "demands", True),
    Scale("parallel_priorities", ("many tasks at once", "switch between tasks",
                                  "priorities compete"),
          "working on many things at once", "demands", True),
    Scale("autonomy", ("decide how I work", "decide my pace", "plan my own work"),
          "autonomy / control over one's work", "job_resources", True),
    Scale("social_support", ("colleagues help", "can rely on colleagues",
                             "support when needed"),
          "social support from colleagues and leader", "job_resources", True),
    Scale("leader_support", ("leader supports me", "leader listens", "leader helps"),
          "support from one's leader", "job_resources", True),
    Scale("feedback", ("know how well I do", "get feedback", "hear about results"),
          "feedback on one's performance", "job_resources", True),
    Scale("recognition", ("work is appreciated", "successes are celebrated",
                          "get recognition"),
          "recognition and appreciation", "job_resources", True),
    Scale("personal_resources", ("confident in my abilities", "bounce back after setbacks",
                                 "say no when I am full", "stop on time and relax"),
          "personal resources (self-efficacy, resilience, assertiveness, energy management)",
          "personal_resources"),
    Scale("exhaustion", ("feel mentally exhausted", "everything takes effort",
                         "cannot recover after work"), "BAT exhaustion", "burnout"),
    Scale("mental_distance", ("struggle to find enthusiasm", "feel indifferent about work",
                              "cynical about my work"), "BAT mental distance", "burnout"),
    Scale("cognitive_impairment", ("trouble concentrating", "make mistakes",
                                   "forget things"), "BAT cognitive impairment", "burnout"),
    Scale("emotional_impairment", ("cannot control emotions", "overreact",
                                   "get irritated easily"), "BAT emotional impairment",
          "burnout"),
    Scale("engagement", ("bursting with energy (vigour)", "enthusiastic about my job "
                         "(dedication)", "immersed in my work (absorption)"),
          "work engagement (UWES-3-like)", "engagement"),
    Scale("outside_load", ("care for someone outside work", "private life demands energy",
                           "events at home weigh on me"),
          "outside-work load (caregiving, life events)", "outside_work"),
    # answers 0 never, 1 a few times a year, 2 monthly, 3 a few times a month, 4 weekly,
    # 5 a few times a week, 6 every day
    Scale("nea_exhaustion", ("emotionally drained by my work",
                             "empty at the end of a working day",
                             "tired when I get up and face another working day",
                             "burned out by my work", "working all day is a real strain"),
          "emotional exhaustion as in the Dutch NEA (UBOS/MBI-type; frequency 0 never .. "
          "6 every day): the burn-out complaints measure", "burnout", answers=(0, 6)),
)}

#: The NEA-style complaints scale (see :func:`nea_frequency`); measured from its own streams.
NEA_SCALE = "nea_exhaustion"
#: NEA cut-off: complaints when the mean frequency is at least 3 ("a few times a month").
NEA_CUT = 3.0
#: Where the cut lies for the expected item mean: half a step of the k-item sum below it.
NEA_ANCHOR = NEA_CUT - 0.5 / len(SCALES[NEA_SCALE].items)
#: Key of the NEA scale's own survey streams (so the other scales' draws stay as they were).
NEA_KEY = 0x4E4541

#: The BAT dimensions whose mean is ``bat_total``.
BAT_SCALES = ("exhaustion", "mental_distance", "cognitive_impairment", "emotional_impairment")

#: Columns identifying a respondent in a wave.
ID_COLUMNS = ("week", "unique_id", "row", "team", "role", "status", "absent", "responded")


def _check_range(name: str, value: float, lo: float, hi: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise ConfigError(f"survey {name} = {value!r} is out of range; allowed [{lo}, {hi}]")


@dataclass(frozen=True)
class MeasurementSpec:
    """How the survey measures: reliability, answer scale and non-response.

    Attributes:
        reliability: target reliability (Cronbach's alpha) of each scale's item mean, 0.3..0.99.
        likert_levels: answer categories per item (5 = a 1..5 Likert scale), 2..11.
        perception_sd: person-and-wave spread of how job characteristics are perceived, 0..0.5.
        item_offset_sd: spread of item difficulties (fixed per item), 0..0.3.
        response_style_sd: spread of a stable personal response style (acquiescence: the
            same shift on every item of every scale in every wave; common-method variance),
            0..0.3. Off by default.
        mcar_rate: share of item answers missing completely at random, 0..0.9.
        absent_nonresponse: probability an absent employee (sick leave) does not respond at
            all (missing not at random), 0..1.
    """

    reliability: float = 0.8
    likert_levels: int = 5
    perception_sd: float = 0.08
    item_offset_sd: float = 0.05
    response_style_sd: float = 0.0
    mcar_rate: float = 0.0
    absent_nonresponse: float = 0.8

    def __post_init__(self) -> None:
        _check_range("reliability", self.reliability, 0.3, 0.99)
        _check_range("likert_levels", self.likert_levels, 2, 11)
        if not isinstance(self.likert_levels, int):
            raise ConfigError(f"survey likert_levels = {self.likert_levels!r} must be an integer")
        _check_range("perception_sd", self.perception_sd, 0.0, 0.5)
        _check_range("item_offset_sd", self.item_offset_sd, 0.0, 0.3)
        _check_range("response_style_sd", self.response_style_sd, 0.0, 0.3)
        _check_range("mcar_rate", self.mcar_rate, 0.0, 0.9)
        _check_range("absent_nonresponse", self.absent_nonresponse, 0.0, 1.0)


def item_columns(scale: str) -> list[str]:
    """Column names of a scale's items, e.g. ``workload_1 .. workload_4``."""
    return [f"{scale}_{i + 1}" for i in range(len(SCALES[scale].items))]


def latent_scores(model: OrgModel) -> pd.DataFrame:
    """True (latent) value of every scale for every current employee, 0..1 (no error).

    Job characteristics are the person's own, computed by the functions the mechanisms use
    (``resources.autonomy_as_felt``, ``resources.colleague_support``,
    ``demands.hindrance_parts``; docs/ODD.md 7.1-7.2); perceived workload maps the person's total
    perceived demand ``D`` to ``1 - exp(-D / 2)`` (assumption); personal resources, BAT
    dimensions, engagement and outside-work load are the state itself.
    """
    ws, tm, cfg = model.workforce, model.teams, model.config
    rows = np.flatnonzero(ws.status != Status.VACANT)
    team = ws.team[rows]
    is_leader = ws.role[rows] == Role.LEADER
    present = ws.present()
    lr = tm.leader_row
    felt = leadership.presence_factor(present[lr], ws.energy[lr],
                                      absent_factor=cfg.params.absent_leader_factor)[team]
    reach = felt * ws.leader_attention[rows]
    mgmt = cfg.org.management_support

    def lead(style: np.ndarray) -> np.ndarray:
        return leadership.style_reaching(style[team], reach, ~is_leader, mgmt)

    # the person's own job, by the functions the mechanisms use (resources, demands)
    autonomy = resources.autonomy_as_felt(
        job.own_level(tm.autonomy[team], ws.autonomy_own[rows]),
        lead(tm.lead_participation))
    colleagues = resources.colleague_support(
        tm.collaboration[team], tm.psychological_safety[team],
        model.present_contacts(present)[rows], half_contacts=cfg.params.support_contacts)
    none = np.zeros(len(rows))
    ambiguity = demands.hindrance_parts(
        job.own_level(tm.role_ambiguity[team], ws.ambiguity_own[rows]), none, none,
        lead(tm.lead_clarity), none)[0]
    support_lead = lead(tm.lead_support)
    lead_rec = lead(tm.lead_recognition)
    latent = {
        "workload": 1.0 - np.exp(-ws.demand[rows] / 2.0),
        "role_clarity": 1.0 - ambiguity,
        "parallel_priorities": 1.0 - 1.0 / np.sqrt(tm.parallel_priorities[team]),
        "autonomy": autonomy,
        "social_support": 0.5 * colleagues + 0.5 * support_lead,
        "leader_support": support_lead,
        "feedback": 0.5 * tm.feedback[team] + 0.5 * lead_rec,
        "recognition": 0.5 * tm.recognition[team] + 0.5 * lead_rec,
        "personal_resources": ws.personal_resources()[rows],
        "exhaustion": ws.exhaustion[rows],
        "mental_distance": ws.mental_distance[rows],
        "cognitive_impairment": ws.cognitive_impairment[rows],
        "emotional_impairment": ws.emotional_impairment[rows],
        "engagement": ws.engagement[rows],
        "outside_load": outside_work.outside_load(ws.caregiving[rows], ws.life_event[rows]),
        "nea_exhaustion": ws.exhaustion[rows],
    }
    df = pd.DataFrame({k: np.clip(v, 0.0, 1.0) for k, v in latent.items()})
    df.insert(0, "row", rows)
    df["bat_total"] = ws.bat_total()[rows]
    df["complaints"] = complaints(ws.exhaustion[rows], cfg.params.complaints_threshold)
    df["job_resources"] = ws.job_resources[rows]
    df["demand"] = ws.demand[rows]
    # the four personal resources, measured one per item
    for name in PERSONAL_RESOURCES:
        df[name] = getattr(ws, name)[rows]
    return df


def nea_frequency(exhaustion: np.ndarray | float, threshold: float) -> np.ndarray:
    """Latent exhaustion (0..1) as a frequency on the NEA answer scale 0 (never) .. 6 (every day).

    Assumption: piecewise linear through (0, 0), (``threshold``, :data:`NEA_ANCHOR`) and
    (1, 6), so that the model's complaints threshold (``params.complaints_threshold``) lies
    exactly on the NEA cut "mean >= 3" ("a few times a month" or more). With 5 whole-number
    answers that cut lies between the attainable means 2.8 and 3.0, i.e. at an expected
    mean of 2.9 (half a step of the sum, 14.5 of 30): a person whose answers average 3 in
    expectation is classified with a probability of about 0.6 (a sum of exactly 15 counts),
    one at 2.9 with one half. So the threshold maps to 2.9, where the instrument's
    classification flips, and not to 3.0, which would make the survey count about 3-4
    percentage points more complaints than the model (docs/ODD.md 7.13).
    """
    e = np.clip(np.asarray(exhaustion, dtype=float), 0.0, 1.0)
    top = float((SCALES[NEA_SCALE].answers or (0, 6))[1])
    if threshold <= 0:
        return NEA_ANCHOR + (top - NEA_ANCHOR) * e
    if threshold >= 1:
        return NEA_ANCHOR * e
    below = NEA_ANCHOR * e / threshold
    above = NEA_ANCHOR + (top - NEA_ANCHOR) * (e - threshold) / (1.0 - threshold)
    return np.where(e < threshold, below, above)


def _item_latents(scale: str, latent: pd.DataFrame) -> np.ndarray:
    """Latent value behind each item of a scale (n x k)."""
    k = len(SCALES[scale].items)
    if scale == "personal_resources":
        return np.column_stack([latent[n].to_numpy() for n in PERSONAL_RESOURCES])
    return np.repeat(latent[scale].to_numpy()[:, None], k, axis=1)


def _response_style(seed: int, unique_ids: np.ndarray, sd: float) -> np.ndarray:
    """Each person's stable response style: the same in every wave (keyed by unique_id)."""
    if sd <= 0 or len(unique_ids) == 0:
        return np.zeros(len(unique_ids))
    draws = _rng(seed, 7).standard_normal(int(unique_ids.max()) + 1)  # a fixed sequence
    return sd * draws[unique_ids]


def _rng(seed: int, *keys: int) -> np.random.Generator:
    return streams.survey(seed, *keys)


def _nanmean_rows(arr: np.ndarray) -> np.ndarray:
    """Row means over the non-missing values (NaN for an all-missing row, no warning)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(arr, axis=1)


def cronbach_alpha(items: pd.DataFrame | np.ndarray) -> float:
    """Cronbach's alpha of a respondents x items table (rows with missing items dropped)."""
    arr = np.asarray(items, dtype=float)
    arr = arr[~np.isnan(arr).any(axis=1)]
    k = arr.shape[1]
    if k < 2 or len(arr) < 3:
        return float("nan")
    item_var = arr.var(axis=0, ddof=1).sum()
    total_var = arr.sum(axis=1).var(ddof=1)
    if total_var <= 0:
        return float("nan")
    return float(k / (k - 1) * (1.0 - item_var / total_var))


def survey_wave(model: OrgModel, spec: MeasurementSpec | None = None) -> pd.DataFrame:
    """Measure every current employee now (one wave): one row per employee.

    Columns: the identifiers (:data:`ID_COLUMNS`), every item (``<scale>_<i>``, Likert
    1..levels, NaN when missing; the NEA items ``nea_exhaustion_<i>`` 0..6) and every scale
    score (mean of the answered items, NaN if none), plus ``bat_total`` (mean of the four BAT
    scale scores; exhaustion is norm-linked, :mod:`orgsim.scales`, the other three linear)
    and ``complaints`` (NEA burn-out complaints, :func:`nea_complaints`: True/False, missing
    when no NEA item was answered).
    """
    spec = spec or MeasurementSpec()
    latent = latent_scores(model)
    rows = latent["row"].to_numpy()
    n = len(rows)
    ws = model.workforce
    rng = _rng(model.seed, model.week)
    item_rng = _rng(model.seed)  # item offsets: the same in every wave (the same instrument)
    levels = spec.likert_levels
    rho_cache: dict[int, float] = {}
    out: dict[str, Any] = {
        "week": np.full(n, model.week, dtype=np.int64),
        "unique_id": [model.agent_at(int(r)).unique_id for r in rows],  # type: ignore[union-attr]
        "row": rows,
        "team": ws.team[rows],
        "role": [Role(r).name.lower() for r in ws.role[rows]],
        "status": [Status(s).name.lower() for s in ws.status[rows]],
        "absent": ws.status[rows] == Status.SICK_LEAVE,
    }
    responded = ~(out["absent"] & (rng.random(n) < spec.absent_nonresponse))
    style = _response_style(model.seed, np.asarray(out["unique_id"], dtype=np.int64),
                            spec.response_style_sd)
    out["responded"] = responded
    scores: dict[str, np.ndarray] = {}
    for scale, info in SCALES.items():
        if scale == NEA_SCALE:
            continue  # measured below, from its own streams
        k = len(info.items)
        if k not in rho_cache:
            rho_cache[k] = _item_reliability(spec.reliability, k)
        rho = rho_cache[k]
        true = _item_latents(scale, latent)
        if scale in NORMS:  # BAT exhaustion / UWES engagement: norm-referenced position
            true = linked(scale).unit(true)
        if info.perceived:
            true = true + rng.normal(0.0, spec.perception_sd, (n, 1))
        step = 1.0 / (levels - 1)  # distance between two answer points on 0..1
        sigma = _item_sigma(true, rho, step)
        offsets = item_rng.normal(0.0, spec.item_offset_sd, k)
        x = true + offsets[None, :] + style[:, None] + rng.normal(0.0, sigma, (n, k))
        answer = 1.0 + np.clip(np.floor(x / step + 0.5), 0, levels - 1)
        missing = (rng.random((n, k)) < spec.mcar_rate) | ~responded[:, None]
        answer[missing] = np.nan
        for j, col in enumerate(item_columns(scale)):
            out[col] = answer[:, j]
        scores[scale] = _nanmean_rows(answer)
    out.update(scores)
    bat = np.column_stack([scores[s] for s in BAT_SCALES])
    out["bat_total"] = _nanmean_rows(bat)
    nea = _nea_answers(model, latent, spec, style, responded)
    for j, col in enumerate(item_columns(NEA_SCALE)):
        out[col] = nea[:, j]
    out[NEA_SCALE] = _nanmean_rows(nea)
    out["complaints"] = nea_complaints(nea)
    return pd.DataFrame(out)


def _item_reliability(alpha: float, k: int) -> float:
    """Spearman-Brown: the reliability of one item for a k-item mean of reliability ``alpha``."""
    return alpha / (k - (k - 1) * alpha)


def _item_sigma(true: np.ndarray, rho: float, step: float) -> float:
    """Item error sd for item reliability ``rho``, given the true scores (n x k, 0..1).

    Error variance from the spread of the true scale score, less the rounding error that the
    answer categories add themselves (uniform within a bin of width ``step``: step^2 / 12).
    """
    n = len(true)
    spread = max(float(np.std(true.mean(axis=1))) if n > 1 else 0.0, MIN_LATENT_SD)
    return float(np.sqrt(max(spread**2 * (1.0 - rho) / rho - step**2 / 12.0, 0.0)))


def _nea_answers(model: OrgModel, latent: pd.DataFrame, spec: MeasurementSpec,
                 style: np.ndarray, responded: np.ndarray) -> np.ndarray:
    """Answers (0..6, NaN when missing) to the NEA exhaustion items, n x 5.

    The measurement model of the other scales (item offsets, response style, item error,
    rounding to the answer points, non-response), with three choices that keep the NEA cut
    where the model's threshold is (docs/ODD.md 7.13):

    * the true score is :func:`nea_frequency` (the threshold at the cut's location);
    * item reliability: the items are as good as the BAT exhaustion items (the item
      reliability of a 3-item scale at the target ``reliability``), so the 5-item mean is
      more reliable than the 3-item scales (Spearman-Brown: 0.87 at the default 0.8);
    * the item offsets are centred (they sum to zero): items differ in difficulty, but the
      scale mean, on which the cut is defined, stays anchored.

    Random numbers come from the NEA scale's own survey streams, so adding the scale left
    the other scales' answers unchanged.
    """
    info = SCALES[NEA_SCALE]
    lo, hi = info.answers or (0, 6)
    k, n = len(info.items), len(latent)
    step = 1.0 / (hi - lo)  # distance between two answer points on 0..1
    freq = nea_frequency(latent[NEA_SCALE].to_numpy(), model.config.params.complaints_threshold)
    true = np.repeat(((freq - lo) / (hi - lo))[:, None], k, axis=1)
    rho = _item_reliability(spec.reliability, len(SCALES["exhaustion"].items))
    sigma = _item_sigma(true, rho, step)
    offsets = _rng(model.seed, NEA_KEY, 1).normal(0.0, spec.item_offset_sd, k)
    offsets -= offsets.mean()
    rng = _rng(model.seed, NEA_KEY, 2, model.week)
    x = true + offsets[None, :] + style[:, None] + rng.normal(0.0, sigma, (n, k))
    answer = lo + np.clip(np.floor(x / step + 0.5), 0, hi - lo)
    missing = (rng.random((n, k)) < spec.mcar_rate) | ~responded[:, None]
    answer[missing] = np.nan
    return answer


def nea_complaints(answers: np.ndarray) -> pd.Series:
    """NEA burn-out complaints per respondent: mean of the answered items >= 3 (True/False;
    missing when no item was answered)."""
    arr = np.asarray(answers, dtype=float)
    answered = (~np.isnan(arr)).sum(axis=1)
    total = np.nansum(arr, axis=1)
    flag = pd.array(total >= NEA_CUT * answered, dtype="boolean")
    flag[answered == 0] = pd.NA
    return pd.Series(flag)


def _write_csv(table: pd.DataFrame, path: Path) -> None:
    table.to_csv(path, index=False)


def _truth_table(model: OrgModel) -> pd.DataFrame:
    latent = latent_scores(model)
    latent.insert(0, "week", model.week)
    latent.insert(1, "unique_id", [model.agent_at(int(r)).unique_id  # type: ignore[union-attr]
                                   for r in latent["row"]])
    return latent


@dataclass
class SurveyData:
    """A panel of survey waves, with the latent truth it measured.

    Attributes:
        long: one row per employee and wave (items, scale scores, identifiers).
        truth: one row per employee and wave: the latent 0..1 values the survey measured.
        spec: the measurement specification used.
        waves: the weeks surveyed.
    """

    long: pd.DataFrame
    truth: pd.DataFrame
    spec: MeasurementSpec
    waves: list[int] = field(default_factory=list)

    @property
    def scales(self) -> list[str]:
        return [*SCALES, "bat_total"]

    @property
    def wide(self) -> pd.DataFrame:
        """One row per employee; scale scores as ``<scale>_w<week>`` (for cross-lagged panels).

        ``team`` and ``role`` are those at the employee's first surveyed wave; ``absent_w<k>``
        tells whether the person was absent at wave ``k`` (NaN: not employed then),
        ``complaints_w<k>`` whether they had NEA burn-out complaints (1/0; NaN: no answer).
        """
        long = self.long
        first = long.sort_values("week").groupby("unique_id")[["team", "role"]].first()
        numeric = long[["unique_id", "week", *self.scales]].astype(
            dict.fromkeys(self.scales, float))
        numeric["absent"] = long["absent"].astype(float)  # 1/0 (NaN: not employed then)
        numeric["complaints"] = long["complaints"].astype(float)  # 1/0, NaN: no answer
        values = numeric.pivot(index="unique_id", columns="week",
                               values=[*self.scales, "absent", "complaints"])
        values.columns = [f"{name}_w{week}" for name, week in values.columns]
        return first.join(values).reset_index()

    def items(self) -> pd.DataFrame:
        """Fully tidy answers: one row per employee, wave and item (missing answers kept)."""
        cols = [c for s in SCALES for c in item_columns(s)]
        tidy = self.long.melt(id_vars=list(ID_COLUMNS), value_vars=cols, var_name="item",
                              value_name="answer")
        tidy["scale"] = tidy["item"].str.rsplit("_", n=1).str[0]
        return tidy

    def alpha(self) -> dict[str, float]:
        """Cronbach's alpha of each scale over all waves (complete responses)."""
        return {s: cronbach_alpha(self.long[item_columns(s)]) for s in SCALES}

    def to_csv(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write ``survey_long.csv``, ``survey_wide.csv`` and ``survey_truth.csv`` atomically."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        tables = {"survey_long.csv": self.long, "survey_wide.csv": self.wide,
                  "survey_truth.csv": self.truth}
        paths = []
        for name, table in tables.items():
            paths.append(atomic_write(out / name, partial(_write_csv, table)))
        return paths


def _check_waves(waves: Iterable[int]) -> list[int]:
    result = []
    for w in waves:
        if isinstance(w, bool) or not isinstance(w, int | np.integer) or w < 0:
            raise ConfigError(f"survey waves: {w!r} is not a week >= 0")
        result.append(int(w))
    if not result:
        raise ConfigError("survey waves: give at least one week")
    if len(set(result)) != len(result):
        raise ConfigError(f"survey waves: {result} lists a week twice")
    return sorted(result)


def survey_model(
    model: OrgModel,
    waves: Sequence[int],
    spec: MeasurementSpec | None = None,
    on_week: Callable[[OrgModel], None] | None = None,
) -> SurveyData:
    """Advance ``model`` to each wave's week and survey it there.

    Args:
        model: a model at week ``model.week``; it is stepped forward (never back).
        waves: weeks (>= the model's current week) at which to survey.
        spec: measurement specification (default :class:`MeasurementSpec`).
        on_week: optional callback called before each step (e.g. to apply an intervention).

    Raises:
        ConfigError: a wave lies before the model's current week.
    """
    spec = spec or MeasurementSpec()
    weeks = _check_waves(waves)
    if weeks[0] < model.week:
        raise ConfigError(f"survey waves: week {weeks[0]} lies before the model's week "
                          f"{model.week}")
    long, truth = [], []
    for week in weeks:
        while model.week < week:
            if on_week is not None:
                on_week(model)
            model.step()
        long.append(survey_wave(model, spec))
        truth.append(_truth_table(model))
    return SurveyData(long=pd.concat(long, ignore_index=True),
                      truth=pd.concat(truth, ignore_index=True), spec=spec, waves=weeks)


def run_with_survey(
    config: Config | Mapping[str, Any] | None = None,
    rng: int | None = None,
    waves: Sequence[int] = (0, 52, 104),
    spec: MeasurementSpec | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> SurveyData:
    """Build a model (as :class:`~orgsim.model.OrgModel`) and survey it at ``waves``.

    Example:
        ``run_with_survey(rng=3, waves=[0, 52, 104], spec=MeasurementSpec(mcar_rate=0.05))``
    """
    from orgsim.model import OrgModel

    weeks = _check_waves(waves)  # fail before the (slow) warm-up
    model = OrgModel(config=config, rng=rng, overrides=overrides)
    return survey_model(model, weeks, spec)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: simulate and write a survey panel as CSV.

    Example:
        ``python -m orgsim.survey --waves 0 52 104 --out survey/ --seed 3 org.n_employees=300``
    """
    import argparse
    import sys

    from orgsim.compose import load_config
    from orgsim.logs import quiet_mesa

    parser = argparse.ArgumentParser(prog="python -m orgsim.survey",
                                     description="Simulate an organisation and survey it.")
    parser.add_argument("overrides", nargs="*", help="Hydra-style config overrides (key=value)")
    parser.add_argument("--waves", type=int, nargs="+", default=[0, 52, 104])
    parser.add_argument("--out", default="survey", help="output directory")
    parser.add_argument("--seed", type=int, default=None, help="model seed (default: config)")
    for f in dataclasses.fields(MeasurementSpec):
        parser.add_argument(f"--{f.name.replace('_', '-')}", type=type(f.default),
                            default=f.default, help=f"measurement: {f.name}")
    args = parser.parse_args(argv)
    quiet_mesa()
    try:
        weeks = _check_waves(args.waves)
        spec = MeasurementSpec(**{f.name: getattr(args, f.name)
                                  for f in dataclasses.fields(MeasurementSpec)})
        cfg = load_config(args.overrides)
        data = run_with_survey(cfg, rng=args.seed, waves=weeks, spec=spec)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in data.to_csv(args.out):
        print(path)
    alphas = ", ".join(f"{k} {v:.2f}" for k, v in data.alpha().items())
    print(f"{len(data.long)} person-waves; Cronbach's alpha: {alphas}")
    return 0


__all__ = ["BAT_SCALES", "NEA_ANCHOR", "NEA_CUT", "NEA_SCALE", "SCALES", "MeasurementSpec",
           "Scale", "SurveyData", "cronbach_alpha", "item_columns", "latent_scores", "main",
           "nea_complaints", "nea_frequency", "run_with_survey", "survey_model", "survey_wave"]


if __name__ == "__main__":
    raise SystemExit(main())
