"""Build a client organisation from its own employee survey (team-level aggregates).

    orgsim import-survey survey.csv [--name client] [--out PATH] [--no-ensemble]

The CSV has one row per team (schema in :data:`COLUMNS`; docs/survey_import.md). The
measured job characteristics set the team's levels directly; the survey's outcomes
(exhaustion, engagement) are reproduced by a short calibration of two unmeasured team
levels, and the team's workload is fine-tuned so the simulated time pressure matches the
reported workload. The result is a Hydra org preset (``orgsim org=<name>``; written to the
user's presets, :func:`orgsim.config.user_config_dir`, not into the package) and a table of
target vs simulated value per team, so the consultant sees how close the start is. With a
posterior ensemble available, the ensemble conditioned on the survey is written beside it as
the client's own (:mod:`orgsim.calibration.client`; ``ensemble.client_path``).

Which survey column sets which team level, and the benchmark mean of each item, is part of
the registry of team inputs (``survey`` and ``fitted`` in :mod:`orgsim.team_inputs`).
Mappings from survey scales to model levels (assumptions, stated once here). The principle:
a team that answers like the Dutch benchmark is simulated like the calibrated baseline
(whose outcomes reproduce the Dutch figures, docs/calibration.md); each scale point away
from the benchmark moves the level.

- Job items (Likert 1..5): ``level = base level + (x - benchmark) / 4`` (the scale's four
  points span the level's 0..1 range), clipped to 0..1, with the benchmark means in
  :data:`BENCHMARK`. Role clarity lowers ``role_ambiguity``; social support (colleagues) ->
  ``collaboration``; leader support -> ``lead_support``; recognition -> ``recognition``.
- Workload 1..5 -> time pressure (work per available hour): the benchmark answer is the base
  config's pressure, each scale point :data:`WORKLOAD_STEP` (relative) more or less.
- BAT exhaustion 1..5 and UWES engagement 0..6: each simulated person's latent level is
  given the score at the same percentile of the Dutch norms (equipercentile link,
  :mod:`orgsim.scales`), and team means of those scores are compared with the survey's.
- Absence % (burn-out/psychological absence, share of contracted hours) is compared with the
  simulated absence rate over the first year; it emerges from the dynamics and is not fitted.
- Unmeasured demands (relational strain and priority churn) and unmeasured resources
  (feedback, coaching, development) are the two calibrated levels per team.
"""

from __future__ import annotations

import argparse
import codecs
import copy
import csv
import io
import re
import shlex
import shutil
import stat
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pandas as pd
from omegaconf import OmegaConf

from orgsim import team_inputs
from orgsim.calibration import client, ensemble
from orgsim.compose import load_config
from orgsim.config import (
    CONFIG_DIR,
    Config,
    ConfigError,
    TeamSpec,
    available,
    user_config_dir,
)
from orgsim.dynamics.demands import available_time
from orgsim.files import atomic_write_text
from orgsim.metrics import team_absence
from orgsim.scales import ABSENCE_LOW_SHARE, NORMS, pooled, team_scores

#: Config-group choices the import refuses (``org=...``, ``scenario=...``,
#: ``+intervention@interventions.x=...``), as it does overrides of ``interventions.*`` and
#: ``shocks``: the organisation is built from the survey and calibrated as it is, without a
#: scenario, interventions or scheduled shocks.
REFUSED_CHOICES = frozenset({"org", "scenario", "intervention"})
#: Org keys the import sets itself (an override of them is refused).
BUILT_ORG_KEYS = frozenset({"org.name", "org.n_employees", "org.team_size", "org.team_variation",
                            "org.teams", "org.survey_absence_pct"})
#: Largest team workload the calibration may set (the top of its range, orgsim.team_inputs).
WORKLOAD_MAX = team_inputs.bounds("workload")[1]
#: Relative change of time pressure per point of the workload scale. Assumption.
WORKLOAD_STEP = 0.15
#: Benchmark means of the job items on their 1..5 scales in Dutch employee surveys, by column
#: (assumption: typical levels in Dutch MTO/psychosocial-scan benchmarks, where most people
#: find their work rather too much and their autonomy, colleagues and role clarity rather
#: good; replace with your survey vendor's benchmark if you have one).
BENCHMARK = {inp.survey.column: inp.survey.benchmark for inp in team_inputs.INPUTS
             if inp.survey}
#: Weeks after the start over which the simulated survey is taken (fieldwork period).
SURVEY_WEEKS = 4
#: Weeks after the start over which the simulated absence % is measured (like "last year").
ABSENCE_WEEKS = 52
#: Largest change of an unmeasured level per calibration step (before damping).
MAX_STEP = 0.5
#: Documented round-trip tolerance (scale points): |simulated - target| per team.
TOLERANCE = {"workload": 0.5, "exhaustion": 0.35, "engagement": 0.6}


@dataclass(frozen=True)
class Column:
    """One survey column: its scale and meaning."""

    lo: float
    hi: float
    scale: str
    meaning: str
    integer: bool = False


#: The survey schema: column -> scale. ``team`` (text) comes first; all columns are required.
#: The job items (Likert 1-5) are the ``survey`` items of the team inputs, in registry order.
COLUMNS: dict[str, Column] = {
    "headcount": Column(2, 100_000, "count", "people in the team, the team leader included",
                        integer=True),
    **{inp.survey.column: Column(1, 5, "Likert 1-5", inp.survey.meaning)
       for inp in team_inputs.INPUTS if inp.survey},
    "exhaustion": Column(1, 5, "BAT 1-5", "BAT exhaustion subscale mean (1 never .. 5 always)"),
    "engagement": Column(0, 6, "UWES 0-6", "UWES-9 work engagement mean (0 never .. 6 always)"),
    "absence_pct": Column(0, 100, "% of hours", "absence from psychological complaints/burn-out, "
                                                "% of contracted hours, last 12 months"),
}
TEAM_COLUMN = "team"
#: Levels the calibration adjusts (``fitted`` team inputs): unmeasured demands to the survey's
#: exhaustion, unmeasured resources to its engagement (each group set equal per team).
DEMAND_KNOBS = tuple(inp.name for inp in team_inputs.INPUTS
                     if inp.fitted and inp.kind is team_inputs.Kind.DEMAND)
RESOURCE_KNOBS = tuple(inp.name for inp in team_inputs.INPUTS
                       if inp.fitted and inp.kind is team_inputs.Kind.RESOURCE)


class SurveyError(ValueError):
    """The survey file cannot be used; the message names the row and column, says what is
    wrong and, after " — ", how to fix it."""


#: Largest survey file read (bytes): a team-level survey is a few kB; anything larger is not
#: one (and /dev/zero or a huge export must not exhaust memory: at most this much is read).
MAX_BYTES = 10_000_000
#: Most teams in one survey (the calibration simulates them all, a few times per step).
MAX_TEAMS = 5_000
#: Most people in the survey's teams together (``org.n_employees``' upper bound).
MAX_PEOPLE = 1_000_000
#: Characters a name from a survey may not contain: OmegaConf would evaluate ``${...}``
#: (``${oc.env:SECRET}`` would put an environment variable into the client's report) and
#: backslashes escape it; control and format characters (newlines, ANSI escapes, bidi
#: overrides) would reach the terminal and the report raw.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
#: A number as written in a survey: digits with at most one decimal point (after a decimal
#: comma became a point); no exponent, underscores, thousands separators or other digits.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_WHOLE = re.compile(r"[0-9]+")


def printable(text: object) -> str:
    """``text`` safe for one terminal line: control and format characters (line breaks, ANSI
    escapes, bidi overrides) shown as Python escapes (``\\x1b``) instead of raw."""
    return "".join(ch.encode("unicode_escape").decode("ascii")
                   if unicodedata.category(ch) in _UNSAFE_CATEGORIES else ch
                   for ch in str(text))


def check_name(name: str, where: str) -> None:
    """Refuse a name that config loading would not keep literally, or that is unsafe to print.

    Names from a survey are data: they are written into the preset YAML, which OmegaConf
    reads with interpolation (``${...}``, escaped by backslashes) and where ``???`` means
    "missing". Rather than escaping (which every later reader of the preset would have to
    undo the same way), such names are refused, so what is stored is exactly what the survey
    says.

    Raises:
        SurveyError: naming ``where`` and the offending character.
    """
    fix = "rename the team in the survey (letters, digits, spaces and punctuation are fine)"
    if "${" in name:
        raise SurveyError(f"{where}: {printable(repr(name))} contains '${{' (configuration "
                          f"syntax, not allowed in names) — {fix}")
    if "\\" in name:
        raise SurveyError(f"{where}: {printable(repr(name))} contains a backslash — {fix}")
    bad = next((ch for ch in name if unicodedata.category(ch) in _UNSAFE_CATEGORIES), None)
    if bad is not None:
        raise SurveyError(f"{where}: {printable(repr(name))} contains the control character "
                          f"U+{ord(bad):04X} (a line break, tab or terminal escape) — {fix}")
    if name.strip() == "???":
        raise SurveyError(f"{where}: '???' means 'missing' in a configuration — {fix}")


# ---------------------------------------------------------------------------- reading
def _normalise(name: str) -> str:
    """A column or preset name: lowercase letters, digits and single underscores."""
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def _team_key(name: str) -> str:
    """Team names that differ only in case or spaces are the same team to a reader."""
    return " ".join(name.casefold().split())


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """At most ``limit`` (default :data:`MAX_BYTES`) bytes of a regular file (refused: other
    files, larger files)."""
    limit = MAX_BYTES if limit is None else limit
    shown = printable(path)
    try:
        st = path.stat()
    except OSError as exc:
        raise SurveyError(f"{shown}: cannot read the file ({exc.strerror or exc}) — check the "
                          "path and that you may read it") from None
    if not stat.S_ISREG(st.st_mode):
        raise SurveyError(f"{shown}: not a regular file (a directory, device or pipe) — give "
                          "the path of the survey CSV file")
    if st.st_size > limit:
        raise SurveyError(f"{shown}: the file is {st.st_size / 1e6:.1f} MB, more than the "
                          f"{limit / 1e6:g} MB a survey may have — give one row per team "
                          f"(at most {MAX_TEAMS} teams), not per respondent")
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise SurveyError(f"{shown}: cannot read the file ({exc.strerror or exc}) — check the "
                          "path and that you may read it") from None
    if len(data) > limit:  # grew while reading
        raise SurveyError(f"{shown}: the file is larger than the {limit / 1e6:g} MB a survey "
                          f"may have — give one row per team (at most {MAX_TEAMS} teams)")
    return data


def decode(data: bytes, shown: str) -> str:
    """Survey bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252
    (what Dutch Excel writes for "CSV (puntkomma)"; Latin-1 text reads the same)."""
    save_as = "save it from Excel as 'CSV UTF-8 (door komma's gescheiden)'"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SurveyError(f"{shown}: the file starts as UTF-16 but is not valid UTF-16 — "
                              f"{save_as}") from None
    if b"\x00" in data:
        raise SurveyError(f"{shown}: the file contains NUL bytes (a binary file, or UTF-16 "
                          f"without byte-order mark) — {save_as}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise SurveyError(f"{shown}: byte 0x{data[exc.start]:02X} at position {exc.start} is "
                          f"neither UTF-8 nor Windows-1252 text — {save_as}") from None


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def read_survey(path: str | Path) -> pd.DataFrame:
    """Read and validate a survey CSV.

    Encoding: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. Delimiter:
    ``;``, ``,`` or tab, whichever the header row has most of (or an Excel ``sep=;`` first
    line); with ``;`` or tab a decimal comma is allowed. Rows are numbered as in a
    spreadsheet: the header is row 1 (2 after a ``sep=`` line), the first team row 2.

    Raises:
        SurveyError: one line naming the file, row, column and what is wrong — how to fix it.
    """
    path = Path(path)
    shown = printable(path)
    text = decode(read_bytes(path), shown)
    empty = (f"{shown}: the file is empty — give a header row ({TEAM_COLUMN}, "
             f"{', '.join(COLUMNS)}) and one row per team (examples/survey_template.csv)")
    first = next((line for line in re.split(r"\r\n|\r|\n", text) if line.strip()), None)
    if first is None:
        raise SurveyError(empty)
    skip = 0
    sep_line = re.fullmatch(r"\s*sep=(.)\s*", first)
    if sep_line:  # Excel's "sep=;" line
        delimiter, skip = sep_line.group(1), 1
    else:
        delimiter = _delimiter(first)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = []
        for i, r in enumerate(reader):
            if i < skip or not any(c.strip() for c in r):
                continue
            rows.append((i + 1, r))
            if len(rows) > MAX_TEAMS + 1:
                raise SurveyError(f"{shown}: more than {MAX_TEAMS} team rows — give one row per "
                                  "team (not per respondent), or split the organisation")
    except csv.Error as exc:
        raise SurveyError(f"{shown}, row {reader.line_num}: not readable as CSV ({exc}) — "
                          "check quotes and separators in that row") from None
    if not rows:  # only separators
        raise SurveyError(empty)
    header_row, header = rows[0]
    names = [_normalise(h) for h in header]
    expected = [TEAM_COLUMN, *COLUMNS]
    for col in expected:
        if names.count(col) > 1:
            raise SurveyError(f"{shown}, row {header_row}: column {col} appears "
                              f"{names.count(col)} times — keep one column {col} (column names "
                              "ignore case, spaces and punctuation)")
    missing = [c for c in expected if c not in names]
    if missing:
        raise SurveyError(f"{shown}, row {header_row}: missing column(s) {', '.join(missing)} "
                          f"— required: {', '.join(expected)} (separator found: "
                          f"{'tab' if delimiter == chr(9) else repr(delimiter)})")
    index = {c: names.index(c) for c in expected}
    if len(rows) == 1:
        raise SurveyError(f"{shown}: no team rows below the header — add one row per team")
    records = []
    seen: dict[str, tuple[int, str]] = {}
    people = 0
    for row_no, cells in rows[1:]:
        where = f"{shown}, row {row_no}"
        extra = [c for c in cells[len(names):] if c.strip()]
        if extra:
            raise SurveyError(f"{where}: {len(cells)} cells, but the header has {len(names)} "
                              "— a decimal comma in a comma-separated file? Use decimal points, "
                              "or ';' as separator")
        cells = cells + [""] * (len(names) - len(cells))
        team = cells[index[TEAM_COLUMN]].strip()
        if not team:
            raise SurveyError(f"{where}, column {TEAM_COLUMN}: the team name is empty "
                              "— every row is one team and needs a name")
        check_name(team, f"{where}, column {TEAM_COLUMN}")
        key = _team_key(team)
        if key in seen:
            other_row, other = seen[key]
            same = ("already appears in" if other == team
                    else f"differs only in case or spaces from {other!r} in")
            raise SurveyError(f"{where}, column {TEAM_COLUMN}: team {team!r} {same} row "
                              f"{other_row} — give each team one row and one spelling")
        seen[key] = (row_no, team)
        record: dict[str, object] = {TEAM_COLUMN: team}
        for col, spec in COLUMNS.items():
            raw = cells[index[col]].strip()
            record[col] = _parse(raw, spec, f"{where} (team {team!r}), column {col}", delimiter)
        people += int(record["headcount"])  # type: ignore[call-overload]
        if people > MAX_PEOPLE:
            raise SurveyError(f"{where}: the teams so far have {people} people, more than "
                              f"{MAX_PEOPLE} — check the headcounts")
        records.append(record)
    return pd.DataFrame.from_records(records)


def _parse(raw: str, spec: Column, where: str, delimiter: str) -> float | int:
    allowed = f"allowed {spec.lo:g} to {spec.hi:g} ({spec.scale})"
    if not raw:
        raise SurveyError(f"{where}: the value is empty — {allowed}")
    if spec.integer:
        if not _WHOLE.fullmatch(raw):
            raise SurveyError(f"{where}: {raw!r} must be a whole number without separators "
                              f"(is '2.000' two or two thousand?) — write e.g. 2000; {allowed}")
        value: float = int(raw)
        if value == 0:
            raise SurveyError(f"{where}: headcount 0 is an empty team — remove the row or give "
                              f"its headcount; {allowed}")
    else:
        text = raw.replace(",", ".") if delimiter != "," else raw
        text = text.removesuffix("%").strip()
        if not _NUMBER.fullmatch(text):
            raise SurveyError(f"{where}: {raw!r} is not a number — {allowed}")
        value = float(text)
    if not spec.lo <= value <= spec.hi:
        raise SurveyError(f"{where}: {raw} is out of range — {allowed}")
    return int(value) if spec.integer else value


# ---------------------------------------------------------------------------- mappings
def _from_benchmark(x: float, column: str, base: float, sign: float = 1.0) -> float:
    """Model level of a job item: ``base`` at the benchmark, 1/4 per scale point (0..1)."""
    return float(np.clip(base + sign * (x - BENCHMARK[column]) / 4.0, 0.0, 1.0))


def _available(cfg: Config) -> float:
    d = cfg.demands
    return float(available_time(np.array(d.bureaucracy), np.array(float(d.parallel_priorities)),
                                np.array(d.switch_cost)))


def base_pressure(cfg: Config) -> float:
    """Time pressure of the base config's workload at full staffing (the benchmark answer).

    Raises:
        SurveyError: when the base workload is 0 (the answers would have nothing to scale).
    """
    if cfg.demands.workload <= 0:
        raise SurveyError(f"demands.workload = {cfg.demands.workload}: the survey's workload "
                          "answers are scaled from the base workload; it must be above 0 — "
                          "leave demands.workload at its default or give a value above 0")
    return cfg.demands.workload / _available(cfg)


def pressure_from_likert(x: np.ndarray | float, p0: float) -> np.ndarray:
    """Workload 1..5 -> time pressure; the benchmark answer is ``p0`` (see base_pressure)."""
    return p0 * (1.0 + WORKLOAD_STEP * (np.asarray(x, dtype=float) - BENCHMARK["workload"]))


def likert_from_pressure(p: np.ndarray | float, p0: float) -> np.ndarray:
    """Time pressure -> workload 1..5 (inverse of :func:`pressure_from_likert`, clipped)."""
    x = BENCHMARK["workload"] + (np.asarray(p, dtype=float) / p0 - 1.0) / WORKLOAD_STEP
    return np.clip(x, 1.0, 5.0)


def initial_specs(survey: pd.DataFrame, cfg: Config) -> list[TeamSpec]:
    """Team specs from the survey before calibration: measured levels set directly (workload
    as time pressure, the other items from the benchmark), fitted levels at the base config's
    organisation-wide value."""
    avail, p0 = _available(cfg), base_pressure(cfg)
    specs = []
    for rec in survey.to_dict("records"):
        spec = TeamSpec(name=str(rec[TEAM_COLUMN]), headcount=int(rec["headcount"]))
        for inp in team_inputs.INPUTS:
            base, item = team_inputs.org_value(cfg, inp.name), inp.survey
            if inp.fitted:
                setattr(spec, inp.name, base)
            elif item is not None and inp.name == "workload":
                spec.workload = float(avail * pressure_from_likert(rec[item.column], p0))
            elif item is not None:
                setattr(spec, inp.name,
                        _from_benchmark(rec[item.column], item.column, base, sign=item.sign))
        specs.append(spec)
    return specs


def org_config(base: Config, name: str, specs: list[TeamSpec]) -> Config:
    """``base`` with its organisation replaced by the survey's teams (no random team spread)."""
    cfg = copy.deepcopy(base)
    cfg.org.name = name
    cfg.org.teams = copy.deepcopy(specs)
    cfg.org.n_employees = sum(s.headcount for s in specs)
    cfg.org.team_variation = 0.0
    return cfg


def written_specs(specs: list[TeamSpec]) -> list[TeamSpec]:
    """The team specs as the preset stores them (:func:`org_yaml` rounds levels to 4
    decimals): what ``orgsim org=<name>`` simulates."""
    out = copy.deepcopy(specs)
    for spec in out:
        for key, value in vars(spec).items():
            if isinstance(value, float):
                setattr(spec, key, round(value, 4))
    return out


# ---------------------------------------------------------------------------- simulated survey
def simulated_survey(cfg: Config, seeds: Sequence[int], absence_weeks: int = 0) -> pd.DataFrame:
    """The survey the model would give: per team, means over seeds and the survey weeks.

    Workload is the mean time pressure of team members at work (so absence in the team
    raises it: the domino effect); exhaustion and engagement are the team means of the linked
    scores (:mod:`orgsim.scales`) of those at work and of all employees. With
    ``absence_weeks`` > 0 the absence % over that many weeks is added.
    """
    from orgsim.model import OrgModel

    n_teams = len(cfg.org.teams)
    keys = ("pressure", "n_pressure", "exhaustion", "n_present", "engagement", "n_employed")
    survey = {k: np.zeros(n_teams) for k in keys}
    absence = {k: np.zeros(n_teams) for k in ("lost", "n_employed")}
    for seed in seeds:
        model = OrgModel(cfg, rng=int(seed))
        ws = model.workforce
        for week in range(max(SURVEY_WEEKS, absence_weeks)):
            model.step()
            if week < SURVEY_WEEKS:
                scores = team_scores(ws, n_teams)
                rows = np.flatnonzero(ws.present())
                pressure = np.array([model.demand_breakdown(int(r))["workload"] for r in rows])
                survey["pressure"] += np.bincount(ws.team[rows], weights=pressure,
                                                  minlength=n_teams)
                survey["n_pressure"] += np.bincount(ws.team[rows], minlength=n_teams)
                for k in keys[2:]:
                    survey[k] += scores[k]
            if week < absence_weeks:
                lost, employed = team_absence(ws, n_teams)
                absence["lost"] += lost
                absence["n_employed"] += employed
    # all answers of the survey weeks and seeds pooled (NaN: nobody at work to answer)
    means = [pooled(survey["pressure"], survey["n_pressure"]),
             pooled(survey["exhaustion"], survey["n_present"]),
             pooled(survey["engagement"], survey["n_employed"])]
    out = pd.DataFrame({
        TEAM_COLUMN: [t.name for t in cfg.org.teams],
        "pressure": means[0],
        "workload": likert_from_pressure(means[0], base_pressure(cfg)),
        "exhaustion": means[1],
        "engagement": means[2],
    })
    if absence_weeks:
        out["absence_pct"] = 100.0 * pooled(absence["lost"], absence["n_employed"])
    return out


def survey_with_absence(cfg: Config, seed: int, p0: float) -> pd.DataFrame:
    """One seed's simulated survey with the absence % over :data:`ABSENCE_WEEKS`, its workload
    read with the benchmark pressure ``p0`` of the base the import calibrated with (the
    survey's answers were turned into team workloads with it, once)."""
    table = simulated_survey(cfg, [seed], absence_weeks=ABSENCE_WEEKS)
    table["workload"] = likert_from_pressure(table["pressure"].to_numpy(float), p0)
    return table


def condition_ensemble(
    survey: pd.DataFrame, base: Config, name: str, specs: list[TeamSpec],
    source: ensemble.Ensemble, **options: Any,
) -> client.Conditioned:
    """The ensemble ``source`` conditioned on ``survey`` for the organisation the preset
    describes (``base`` with the teams ``specs`` as written; :func:`client.condition`, whose
    keyword ``options`` pass through: ``max_sets``, ``seeds``, ``seed``, ``floor``,
    ``progress``)."""
    teams = written_specs(specs)
    p0 = base_pressure(base)
    return client.condition(
        survey, list(survey[TEAM_COLUMN]), base, source,
        organise=lambda cfg: org_config(cfg, name, teams),
        survey_of=lambda cfg, seed: survey_with_absence(cfg, seed, p0), **options)


# ---------------------------------------------------------------------------- calibration
@dataclass
class Calibration:
    """Result of :func:`calibrate`: the team specs and the target vs simulated table."""

    specs: list[TeamSpec]
    table: pd.DataFrame

    def within_tolerance(self) -> bool:
        """True when every team is within :data:`TOLERANCE` on every fitted item."""
        return all((self.table[f"{k}_diff"].abs() <= tol).all() for k, tol in TOLERANCE.items())


def _set_knobs(specs: list[TeamSpec], h: np.ndarray, r: np.ndarray, w: np.ndarray) -> None:
    for i, spec in enumerate(specs):
        for name in DEMAND_KNOBS:
            setattr(spec, name, float(round(h[i], 4)))
        for name in RESOURCE_KNOBS:
            setattr(spec, name, float(round(r[i], 4)))
        spec.workload = float(round(w[i], 4))


def calibrate(
    survey: pd.DataFrame, base: Config, name: str, seeds: Sequence[int] = tuple(range(8)),
    iterations: int = 6, progress: Callable[[int, int], None] | None = None,
) -> Calibration:
    """Fit each team's unmeasured demands and resources (and fine-tune workload) to the survey.

    ``progress(done, total)`` is called after each simulated survey (``total`` =
    ``iterations + 5``: 3 for the Jacobian, one per step and the first, and the final check).

    Method: per team, a 2x2 Jacobian of (exhaustion, engagement) on (unmeasured demands,
    unmeasured resources) is estimated once by finite differences with common random
    numbers; then damped Newton steps, clipped to 0..1, and a multiplicative workload
    update towards the reported time pressure. Per team, the best iterate (least squared
    error in scale points) is kept (teams interact only through a few cross-team contacts).
    Deterministic for given seeds.
    """
    specs = initial_specs(survey, base)
    n = len(specs)
    # exhaustion and engagement as positions 0..1 on their scales (BAT 1..5, UWES 0..6)
    outcomes = ("exhaustion", "engagement")
    target = np.stack([NORMS[k].position(survey[k].to_numpy(float)) for k in outcomes])
    widths = np.array([[NORMS[k].hi - NORMS[k].lo] for k in outcomes])  # scale points
    benchmark_pressure = base_pressure(base)
    target_pressure = pressure_from_likert(survey["workload"].to_numpy(float), benchmark_pressure)
    h = np.array([s.relational_strain for s in specs], dtype=float)
    r = np.array([s.feedback for s in specs], dtype=float)
    w = np.array([s.workload for s in specs], dtype=float)

    total, done = iterations + 5, [0]

    def tick() -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], total)

    def evaluate(h: np.ndarray, r: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        _set_knobs(specs, h, r, w)
        sim = simulated_survey(org_config(base, name, specs), seeds)
        tick()
        y = np.stack([NORMS[k].position(sim[k].to_numpy()) for k in outcomes])
        return y, sim["pressure"].to_numpy()

    y0, p0 = evaluate(h, r, w)
    step = 0.25
    dh = np.where(h > 0.5, -step, step)
    dr = np.where(r > 0.5, -step, step)
    yh, _ = evaluate(h + dh, r, w)
    yr, _ = evaluate(h, r + dr, w)
    jac = np.empty((n, 2, 2))
    jac[:, :, 0] = ((yh - y0) / dh).T
    jac[:, :, 1] = ((yr - y0) / dr).T
    jac = np.nan_to_num(jac, nan=0.0)  # a team without answers: the floors below
    # expected signs: demands raise exhaustion and lower engagement; resources raise engagement
    jac[:, 0, 0] = np.maximum(jac[:, 0, 0], 0.05)
    jac[:, 1, 1] = np.maximum(jac[:, 1, 1], 0.1)
    best_loss = np.full(n, np.inf)
    best_h, best_r, best_w = h.copy(), r.copy(), w.copy()
    y, p = y0, p0
    w_lo, w_hi = np.zeros(n), np.full(n, np.inf)
    for _ in range(iterations + 1):
        # a team with nobody at work in the survey weeks has no answers (NaN): no
        # information, so no step for it this round (and NaN never counts as better)
        err = np.nan_to_num(target - y, nan=0.0)
        p_known = np.isfinite(p)
        loss = (np.sum(((y - target) * widths) ** 2, axis=0)
                + (likert_from_pressure(p, benchmark_pressure)
                   - likert_from_pressure(target_pressure, benchmark_pressure)) ** 2)
        better = loss < best_loss
        best_loss = np.where(better, loss, best_loss)
        best_h = np.where(better, h, best_h)
        best_r = np.where(better, r, best_r)
        best_w = np.where(better, w, best_w)
        delta = np.zeros((2, n))
        for i in range(n):
            try:
                delta[:, i] = np.linalg.solve(jac[i], err[:, i])
            except np.linalg.LinAlgError:
                delta[:, i] = err[:, i] / np.diag(jac[i])
        h = np.clip(h + 0.8 * np.clip(delta[0], -MAX_STEP, MAX_STEP), 0.0, 1.0)
        r = np.clip(r + 0.8 * np.clip(delta[1], -MAX_STEP, MAX_STEP), 0.0, 1.0)
        # workload: bracketed multiplicative steps (pressure rises with workload, and with
        # the absence it brings: the domino effect)
        below = p_known & (p < target_pressure)
        above = p_known & (p >= target_pressure)
        w_lo = np.where(below, np.maximum(w_lo, w), w_lo)
        w_hi = np.where(above, np.minimum(w_hi, w), w_hi)
        ratio = np.where(p_known, target_pressure / np.maximum(np.nan_to_num(p), 1e-3), 1.0)
        new_w = np.clip(w * ratio ** 0.5, w_lo, w_hi)
        bracketed = np.isfinite(w_hi) & (w_lo > 0)
        new_w = np.where(bracketed & ((new_w <= w_lo) | (new_w >= w_hi)), 0.5 * (w_lo + w_hi),
                         new_w)
        w = np.clip(new_w, 0.0, WORKLOAD_MAX)
        y, p = evaluate(h, r, w)
    _set_knobs(specs, best_h, best_r, best_w)
    check = simulated_survey(org_config(base, name, specs), seeds, absence_weeks=ABSENCE_WEEKS)
    tick()
    table = pd.DataFrame({TEAM_COLUMN: survey[TEAM_COLUMN],
                          "headcount": survey["headcount"]})
    for key in ("workload", "exhaustion", "engagement", "absence_pct"):
        table[f"{key}_target"] = survey[key].to_numpy(float)
        table[f"{key}_sim"] = check[key].to_numpy(float)
        table[f"{key}_diff"] = table[f"{key}_sim"] - table[f"{key}_target"]
    table["note"] = [_note(rec, h, r) for rec, h, r in
                     zip(table.to_dict("records"), best_h, best_r, strict=True)]
    return Calibration(specs=specs, table=table)


def _note(rec: dict[str, float], h: float, r: float) -> str:
    """Why a team stays outside the tolerance, when the fitted levels say so."""
    notes = []
    exh, eng = rec["exhaustion_diff"], rec["engagement_diff"]
    if not (np.isfinite(exh) and np.isfinite(eng)):
        return ("no simulated answers: nobody of the team was at work in the survey weeks "
                "(all on sick leave) - the survey's levels tip this team at once")
    if abs(exh) > TOLERANCE["exhaustion"]:
        if (exh < 0 and h >= 1.0) or (exh > 0 and h <= 0.0):
            notes.append("exhaustion: unmeasured demands at their limit "
                         f"({'maximum' if exh < 0 else 'minimum'})")
        else:
            notes.append("exhaustion: not reached in the calibration steps (a small team's "
                         "simulated answers are noisy; try more --seeds)")
    if abs(eng) > TOLERANCE["engagement"]:
        if (eng < 0 and r >= 1.0) or (eng > 0 and r <= 0.0):
            notes.append("engagement: unmeasured resources at their limit "
                         f"({'maximum' if eng < 0 else 'minimum'})")
        else:
            notes.append("engagement: not reached in the calibration steps")
    if abs(rec["workload_diff"]) > TOLERANCE["workload"]:
        notes.append("workload: absence in the team changes the felt pressure (small team?)")
    return "; ".join(notes)


# ---------------------------------------------------------------------------- output
def slug(text: str) -> str:
    """A config-group-safe name for an organisation (:func:`_normalise`; "client" if empty)."""
    return _normalise(text) or "client"


def org_yaml(cfg: Config, source: str, calibration: Calibration,
             overrides: Sequence[str] = ()) -> str:
    """The Hydra org preset text (``# @package _global_``) for ``cfg.org``.

    ``overrides`` the calibration ran with (other than ``seed``, ``hydra.*`` and the org keys
    the import sets itself, :data:`BUILT_ORG_KEYS`; group choices are refused earlier) are
    written into the preset too, so the organisation is simulated as it was calibrated.
    """
    teams = []
    for spec in cfg.org.teams:
        entry = {k: round(v, 4) if isinstance(v, float) else v
                 for k, v in vars(spec).items() if v is not None}
        teams.append(entry)
    t = calibration.table
    survey_absence = float(np.average(t["absence_pct_target"], weights=t["headcount"]))
    node: Any = OmegaConf.create({"org": {
        "name": cfg.org.name, "n_employees": cfg.org.n_employees,
        "team_size": cfg.org.team_size, "team_variation": 0.0, "teams": teams,
        "survey_absence_pct": round(survey_absence, 3)}})
    kept = [o.lstrip("+") for o in overrides
            if "=" in o and o.split("=")[0].lstrip("+~") not in {"org", "scenario", "seed",
                                                                  *BUILT_ORG_KEYS}
            and not o.lstrip("+~").startswith("hydra")]
    if kept:
        node = OmegaConf.merge(OmegaConf.from_dotlist(kept), node)
    body = OmegaConf.to_yaml(node)
    _check_literal(body, cfg)
    lines = [
        "# @package _global_",
        f"# Organisation built by `orgsim import-survey` from {source}.",
        f"# Measured levels are set directly; {'/'.join(DEMAND_KNOBS)} (unmeasured",
        f"# demands), {'/'.join(RESOURCE_KNOBS)} (unmeasured resources) and workload are",
        "# calibrated so the simulated start reproduces the survey (docs/survey_import.md).",
        f"# Mean |simulated - target|: workload {t.workload_diff.abs().mean():.2f}, exhaustion "
        f"{t.exhaustion_diff.abs().mean():.2f} (BAT 1-5), engagement "
        f"{t.engagement_diff.abs().mean():.2f} (UWES 0-6), absence "
        f"{t.absence_pct_diff.abs().mean():.2f} %-points.",
    ]
    return "\n".join(lines) + "\n" + body


def _check_literal(body: str, cfg: Config) -> None:
    """The names in the preset read back (with interpolation) exactly as given.

    Raises:
        SurveyError: when a name would change on loading (:func:`check_name` refuses those
            first; this is the last line of defence).
    """
    try:
        back: Any = OmegaConf.to_container(OmegaConf.create(body), resolve=True)
        names = [t["name"] for t in back["org"]["teams"]]
        ok = back["org"]["name"] == cfg.org.name and names == [t.name for t in cfg.org.teams]
    except Exception:  # noqa: BLE001 - any failure to read back is a refusal
        ok = False
    if not ok:
        raise SurveyError("a team or organisation name does not survive the preset literally "
                          "— rename it in the survey (plain letters, digits and punctuation)")


_ABSENCE_LOW = ("note: simulated absence is well below the survey's. In the model, burn-out "
                "absence comes\n  mostly from teams that tip into the domino effect, and "
                "these teams start stable:\n  read the simulated absence costs as a lower bound.")


def format_table(table: pd.DataFrame) -> str:
    """Target vs simulated per team as plain text."""
    head = (f"{'team':<22}{'n':>5}  {'workload 1-5':>15}  {'exhaustion 1-5':>15}  "
            f"{'engagement 0-6':>15}  {'absence %':>15}")
    out = [head, " " * 29 + "   target -> sim" * 4, "-" * len(head)]
    for rec in table.to_dict("records"):
        cells = [f"{rec[k + '_target']:6.2f} -> {rec[k + '_sim']:4.2f}"
                 for k in ("workload", "exhaustion", "engagement", "absence_pct")]
        out.append(f"{printable(rec[TEAM_COLUMN])[:21]:<22}{rec['headcount']:>5}  "
                   + "  ".join(f"{c:>15}" for c in cells))
    mean = [f"{table[k + '_diff'].abs().mean():15.2f}"
            for k in ("workload", "exhaustion", "engagement", "absence_pct")]
    out.append("-" * len(head))
    out.append(f"{'mean |sim - target|':<27}  " + "  ".join(mean))
    w = table["headcount"].to_numpy(float)
    org_target = float(np.average(table["absence_pct_target"], weights=w))
    org_sim = float(np.average(table["absence_pct_sim"], weights=w))
    cell = f"{org_target:6.2f} -> {org_sim:4.2f}"
    out.append(f"{'organisation (all teams)':<29}" + " " * 51 + f"{cell:>15}")
    if org_sim < ABSENCE_LOW_SHARE * org_target:
        out.append(_ABSENCE_LOW)
    notes = [f"  {printable(rec[TEAM_COLUMN])}: {rec['note']}" for rec in table.to_dict("records")
             if rec.get("note")]
    if notes:
        out += ["outside the tolerance:", *notes]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """``orgsim import-survey``: survey CSV -> org preset; prints the closeness table."""
    parser = argparse.ArgumentParser(
        prog="orgsim import-survey",
        description="Build an organisation (Hydra org preset) from team-level survey results. "
                    "Schema: docs/survey_import.md; template: examples/survey_template.csv.")
    parser.add_argument("survey", help="CSV with one row per team")
    parser.add_argument("--name", help="organisation name (default: the file name)")
    parser.add_argument("--out", help="output YAML (default: <user presets>/org/<name>.yaml, "
                        "~/.orgsim/configs unless ORGSIM_HOME is set)")
    parser.add_argument("--seeds", type=int, default=8,
                        help=f"replications per calibration step (1 to {MAX_SEEDS})")
    parser.add_argument("--iterations", type=int, default=6,
                        help=f"calibration steps (0 to {MAX_ITERATIONS})")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output")
    parser.add_argument("--ensemble", action=argparse.BooleanOptionalAction, default=None,
                        help="condition the posterior ensemble on the survey and keep it as the "
                        "client's own, for orgsim compare org=<name> params=posterior (default: "
                        "on when an ensemble is available and the preset goes to the presets)")
    parser.add_argument("--from-ensemble", metavar="DIR",
                        help="the ensemble to condition (default: the shipped posterior)")
    parser.add_argument("--ensemble-sets", type=int, metavar="N",
                        help=f"most parameter sets simulated (1 to {MAX_ENSEMBLE_SETS}; default "
                        f"{client.MAX_SETS}; a larger ensemble is subsampled by its weights)")
    parser.add_argument("--ensemble-seeds", type=int, metavar="N",
                        help=f"replications per parameter set (2 to {MAX_ENSEMBLE_SEEDS}; "
                        f"default {client.SEEDS})")
    parser.add_argument("overrides", nargs="*", help="config overrides for the base, e.g. "
                                                     "params.drain_rate=0.02")
    parser.error = _usage_error  # type: ignore[method-assign]
    args = parser.parse_intermixed_args(argv)
    from orgsim.logs import quiet_mesa

    quiet_mesa()
    name = args.name or Path(args.survey).stem.replace("_", " ")
    presets = user_config_dir() / "org"
    out = Path(args.out) if args.out else presets / f"{slug(name)}.yaml"
    try:
        check_name(name, "--name" if args.name else f"organisation name {printable(name)!r} "
                   "(from the file name; or give --name)")
        # written where Hydra looks for org presets: usable as org=<stem>
        in_presets = out.parent.resolve() in (presets.resolve(), (CONFIG_DIR / "org").resolve())
        if in_presets and out.stem in available("org", user=False):
            raise SurveyError(f"--name {name!r}: {out.stem!r} is a shipped organisation "
                              "preset — choose another name")
        check_output(out, Path(args.survey), args.force)
        for option, value, lo, hi in (("--seeds", args.seeds, 1, MAX_SEEDS),
                                      ("--iterations", args.iterations, 0, MAX_ITERATIONS)):
            if not lo <= value <= hi:
                raise SurveyError(f"{option} {value} is out of range — allowed {lo} to {hi}")
        plan = _ensemble_plan(args, in_presets, out)
        for o in args.overrides:
            key = o.partition("=")[0].lstrip("+~")
            choice, _, package = key.partition("@")  # +intervention@interventions.x=focus
            if (key in BUILT_ORG_KEYS or choice in REFUSED_CHOICES
                    or (package or key).startswith(("interventions", "shocks"))):
                raise SurveyError(
                    f"{printable(o)}: the survey builds the organisation and is calibrated "
                    "without interventions — give only mechanism, cost or org-wide overrides "
                    "(params.*, demands.*, costs.*, org.management_support, ...) and choose "
                    "scenarios "
                    "later (orgsim compare org=<name> scenario=...)")
        survey = read_survey(args.survey)
        base = load_config(args.overrides)
        base_pressure(base)  # refuses a base workload of 0 before the calibration
        if plan.source is not None:
            client.check(plan.source, base)  # every set applies, before any run
        print(f"orgsim import-survey: {len(survey)} teams, {int(survey.headcount.sum())} people "
              f"from {printable(args.survey)}; calibrating ({args.seeds} seeds, "
              f"{args.iterations} steps)...")
        cal = calibrate(survey, base, name, seeds=range(args.seeds), iterations=args.iterations,
                        progress=_progress if len(survey) > PROGRESS_TEAMS else None)
        cfg = org_config(base, name, cal.specs)
        text = org_yaml(cfg, printable(Path(args.survey).name), cal, args.overrides)
        conditioned, staged = None, None
        if plan.source is not None:
            command = shlex.join(["orgsim", "import-survey", *argv])
            conditioned, staged = _condition(args, plan, survey, base, name, cal, out, command)
        try:
            if staged is not None or plan.remove:
                client.install(staged, plan.path, lambda: atomic_write_text(out, text))
            else:
                atomic_write_text(out, text)
        except OSError as exc:
            where = printable(out) if staged is None else f"{printable(out)} or {plan.path}"
            raise SurveyError(f"{where}: cannot write the preset or the client's ensemble "
                              f"({exc.strerror or exc}) — choose another --out, or set "
                              "ORGSIM_HOME to a writable directory") from None
        finally:
            if staged is not None and staged.exists():
                shutil.rmtree(staged, ignore_errors=True)
    except client.ClientEnsembleError as exc:
        _error(f"{exc}{'' if ' — ' in str(exc) else ' — check the ensemble (--from-ensemble)'}")
        return 2
    except SurveyError as exc:
        _error(str(exc))
        return 2
    except ConfigError as exc:  # an override, the output, or the survey's organisation
        fix = " — check the overrides and the survey (docs/survey_import.md)"
        _error(f"{exc}{'' if ' — ' in str(exc) else fix}")
        return 2
    print(format_table(cal.table))
    tol = ", ".join(f"{k} {v}" for k, v in TOLERANCE.items())
    verdict = "all teams within" if cal.within_tolerance() else "NOT all teams within"
    print(f"{verdict} the tolerance ({tol} scale points); absence % is emergent, not fitted.")
    if in_presets:
        print(f"wrote {printable(out)}  (use: orgsim org={printable(out.stem)})")
    else:
        print(f"wrote {printable(out)}  (outside the presets: copy it into {presets} to use it as "
              f"orgsim org={printable(out.stem)})")
    if conditioned is not None:
        print(f"client ensemble: {len(conditioned.sets)} parameter sets of "
              f"{printable(conditioned.source.source)} weighted by the survey")
        for line in client.summary(conditioned):
            print(line)
        print(f"wrote {printable(plan.path)}  (used by: orgsim compare "
              f"org={printable(out.stem)} params=posterior)")
    elif plan.remove:
        print(f"removed {printable(plan.path)} (the client ensemble of the earlier import; "
              "the new preset has none)")
    if plan.note:
        print(plan.note)
    return 0


#: Most parameter sets and replications per set of the ensemble conditioning
#: (``--ensemble-sets``, ``--ensemble-seeds``): it simulates ``sets x seeds`` runs of the
#: organisation over its warm-up and 52 weeks.
MAX_ENSEMBLE_SETS = 2_000
MAX_ENSEMBLE_SEEDS = 50


@dataclass(frozen=True)
class _EnsemblePlan:
    """What the import does about the client's ensemble (decided before the calibration)."""

    source: ensemble.Ensemble | None  # the ensemble to condition (None: no conditioning)
    path: Path  # the client's ensemble directory (ensemble.client_path of the preset name)
    remove: bool = False  # an earlier import's client ensemble goes (--force, none now)
    note: str = ""  # printed at the end (why there is no client ensemble)


def _ensemble_plan(args: argparse.Namespace, in_presets: bool, out: Path) -> _EnsemblePlan:
    """Check the ensemble options and load the source ensemble.

    Default (neither ``--ensemble`` nor ``--no-ensemble``): condition when an ensemble is
    available (``--from-ensemble`` or the shipped one) and the preset goes to the presets
    (the client's ensemble is found by the preset's name, ``ensemble.client_path``).

    Raises:
        SurveyError: a bad or contradictory option, an unreadable ensemble, an override of
            one of its parameters, or an existing client ensemble without ``--force``.
    """
    from orgsim.cli import check_writable

    path = ensemble.client_path(out.stem)
    given = [option for option, value in (("--from-ensemble", args.from_ensemble),
                                          ("--ensemble-sets", args.ensemble_sets),
                                          ("--ensemble-seeds", args.ensemble_seeds))
             if value is not None]
    if args.ensemble is False and given:
        raise SurveyError(f"{given[0]} with --no-ensemble — give one of them")
    for option, value, lo, hi in (("--ensemble-sets", args.ensemble_sets, 1, MAX_ENSEMBLE_SETS),
                                  ("--ensemble-seeds", args.ensemble_seeds, 2,
                                   MAX_ENSEMBLE_SEEDS)):
        if value is not None and not lo <= value <= hi:
            raise SurveyError(f"{option} {value} is out of range — allowed {lo} to {hi}")
    source_dir = Path(args.from_ensemble) if args.from_ensemble else ensemble.shipped_path()
    asked = bool(args.ensemble) or bool(given)
    available = (source_dir / ensemble.CSV).is_file()
    wanted = asked or (args.ensemble is None and available)
    note = ""
    if wanted and not in_presets:
        if asked:
            raise SurveyError(
                "--ensemble: a client's ensemble belongs to a preset in the user presets "
                f"({printable(user_config_dir() / 'org')}), where orgsim compare org=<name> "
                "params=posterior finds it by name — drop --out, or give --no-ensemble")
        wanted = False
        note = ("note: no client ensemble (the preset is written outside the presets; "
                "import without --out to get one)")
    elif args.ensemble is None and not available:
        note = ("note: no posterior ensemble is available, so no client ensemble was made "
                "(give --from-ensemble DIR; docs/survey_import.md)")
    source = None
    if wanted:
        try:
            source = ensemble.load(source_dir)
        except ensemble.EnsembleError as exc:
            what = "--from-ensemble" if args.from_ensemble else "--ensemble (the shipped one)"
            raise SurveyError(f"{what}: {exc} — give an ensemble directory, or "
                              "--no-ensemble") from None
        keys = set(source.keys)
        for o in args.overrides:
            key = o.partition("=")[0].lstrip("+~")
            if key in keys:
                raise SurveyError(f"{printable(o)}: {key} is a parameter of the ensemble, which "
                                  "varies it — drop the override, or give --no-ensemble")
    stale = in_presets and path.exists()
    if stale and not args.force:
        raise SurveyError(f"{printable(path)} exists (the client ensemble of an earlier "
                          "import) — use --force to replace it")
    if wanted or stale:
        check_writable(path.parent, printable(path), "set ORGSIM_HOME to a writable "
                       "directory, or give --no-ensemble", what="the client's ensemble")
    return _EnsemblePlan(source, path, remove=stale and not wanted, note=note)


def _condition(args: argparse.Namespace, plan: _EnsemblePlan, survey: pd.DataFrame,
               base: Config, name: str, cal: Calibration, out: Path, command: str
               ) -> tuple[client.Conditioned, Path]:
    """Condition the plan's ensemble on the survey and stage it (:func:`client.stage`)."""
    assert plan.source is not None
    sets = min(len(plan.source), args.ensemble_sets or client.MAX_SETS)
    seeds = args.ensemble_seeds or client.SEEDS
    print(f"conditioning the ensemble on the survey: {sets} parameter sets x {seeds} seeds, "
          f"{ABSENCE_WEEKS} weeks each (seed {base.seed})...", flush=True)
    result = condition_ensemble(survey, base, name, cal.specs, plan.source, max_sets=sets,
                                seeds=seeds, seed=base.seed, progress=_ensemble_progress)
    info = client.meta(result, survey_sha256=client.sha256_file(args.survey), org=out.stem,
                       command=command)
    try:
        staged = client.stage(result, plan.path, info)
    except OSError as exc:
        raise SurveyError(f"{printable(plan.path)}: cannot write the client's ensemble "
                          f"({exc.strerror or exc}) — set ORGSIM_HOME to a writable "
                          "directory, or give --no-ensemble") from None
    return result, staged


def _ensemble_progress(done: int, total: int, seconds: float) -> None:
    step = max(1, total // 10)
    if done == 1 or done % step == 0 or done == total:
        left = seconds / done * (total - done)
        print(f"  ensemble: {done}/{total} sets ({seconds:.0f} s; about {left:.0f} s left)",
              flush=True)


def check_output(out: Path, survey: Path, force: bool) -> None:
    """Before the calibration: the preset ``out`` is not the survey itself, not a directory,
    exists only with ``force``, and its directory can be made and written.

    Raises:
        SurveyError, ConfigError: naming ``out`` and what to do.
    """
    from orgsim.cli import check_writable

    shown = printable(out)
    if len(out.name) > MAX_NAME:
        raise SurveyError(f"--out/--name: the file name {shown!r} has {len(out.name)} "
                          f"characters — give a shorter --name or --out (at most {MAX_NAME})")
    try:
        same = out.exists() and survey.exists() and out.samefile(survey)
    except OSError:
        same = False
    if same:
        raise SurveyError(f"--out {shown} is the survey file itself — give another --out "
                          "(the preset is YAML, e.g. client.yaml)")
    if out.is_dir():
        raise SurveyError(f"--out {shown} is a directory — give a file name, e.g. "
                          f"{printable(out / 'client.yaml')}")
    if out.exists() and not force:
        raise SurveyError(f"{shown} exists — use --force to overwrite it")
    check_writable(out.parent, shown, "choose another --out, or set ORGSIM_HOME to a "
                   "writable directory", what="the preset")


#: Longest preset file name (file systems allow 255 bytes; the name is also a config choice).
MAX_NAME = 120
#: Most replications per calibration step and most steps (``--seeds``, ``--iterations``): a
#: calibration simulates every team ``seeds x (iterations + 5)`` times.
MAX_SEEDS = 100
MAX_ITERATIONS = 50
#: Surveys with more teams than this print a line per simulated survey of the calibration.
PROGRESS_TEAMS = 50


def _progress(done: int, total: int) -> None:
    print(f"  calibration: {done}/{total} simulated surveys", flush=True)


def _error(message: str) -> None:
    """A user error: one line on stderr (control characters escaped), nothing written."""
    print(f"orgsim import-survey: error: {printable(message)} (nothing written)",
          file=sys.stderr)


def _usage_error(message: str) -> NoReturn:
    """argparse's error, as one line like every other user error (exit 2)."""
    _error(f"{message} — see orgsim import-survey --help")
    raise SystemExit(2)
