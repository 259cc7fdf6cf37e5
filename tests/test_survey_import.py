"""Survey import: schema validation (one clear message, nothing written) and the round trip
survey -> org config -> simulated survey close to the input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from orgsim import survey_import as si
from orgsim.compose import load_config, to_config
from orgsim.config import HOME_ENV, ConfigError, TeamSpec, available
from orgsim.model import OrgModel

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HEADER = ("team,headcount,workload,role_clarity,autonomy,social_support,leader_support,"
          "recognition,exhaustion,engagement,absence_pct")
GOOD = ["Alpha,8,3.2,3.8,3.5,3.9,3.6,3.3,2.2,4.1,1.0",
        "Beta,10,3.6,3.0,3.0,3.5,3.0,2.9,2.6,3.6,2.0"]
#: An override that must travel with the written preset (not a mechanism constant).
BASE = ["costs.eur_per_absence_day=300"]

def write(tmp_path: Path, lines: list[str], name: str = "survey.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = si.main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([HEADER.replace(",autonomy", ""), GOOD[0].replace(",3.5,3.9", ",3.9")],
         ["row 1", "missing column", "autonomy"]),
        ([HEADER, GOOD[0], "Beta,10,3.6,3.0,7,3.5,3.0,2.9,2.6,3.6,2.0"],
         ["row 3", "column autonomy", "7", "out of range", "1 to 5"]),
        ([HEADER, "Alpha,8,3.2,3.8,3.5,3.9,3.6,3.3,2.2,6.5,1.0"],
         ["row 2", "column engagement", "0 to 6"]),
        ([HEADER, "Alpha,8,3.2,3.8,3.5,3.9,3.6,3.3,2.2,4.1,120"],
         ["row 2", "column absence_pct", "0 to 100"]),
        ([HEADER, GOOD[0], "Beta,0,3.6,3.0,3.0,3.5,3.0,2.9,2.6,3.6,2.0"],
         ["row 3", "column headcount", "empty team"]),
        ([HEADER, GOOD[0], ",10,3.6,3.0,3.0,3.5,3.0,2.9,2.6,3.6,2.0"],
         ["row 3", "column team", "name is empty"]),
        ([HEADER, "Alpha,8,high,3.8,3.5,3.9,3.6,3.3,2.2,4.1,1.0"],
         ["row 2", "column workload", "'high' is not a number"]),
        ([HEADER, "Alpha,8.5,3.2,3.8,3.5,3.9,3.6,3.3,2.2,4.1,1.0"],
         ["row 2", "column headcount", "whole number"]),
        ([HEADER, "Alpha,8,3.2,,3.5,3.9,3.6,3.3,2.2,4.1,1.0"],
         ["row 2", "column role_clarity", "empty"]),
        ([HEADER, GOOD[0], GOOD[0]], ["row 3", "already appears in row 2"]),
        ([HEADER], ["no team rows"]),
    ],
    ids=["missing-column", "out-of-scale", "uwes-scale", "absence-pct", "headcount-0",
         "blank-name", "non-numeric", "fractional-headcount", "empty-cell", "duplicate-team",
         "no-rows"],
)
def test_bad_survey_gives_one_clear_message_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lines: list[str], expected: list[str]
) -> None:
    survey = write(tmp_path, lines)
    out = tmp_path / "org.yaml"
    code, text = run_main([str(survey), "--out", str(out)], capsys)
    assert code == 2
    errors = [line for line in text.splitlines() if "error:" in line]
    assert len(errors) == 1, text
    for fragment in expected:
        assert fragment in errors[0], errors[0]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [survey]


def test_semicolon_and_decimal_comma_are_read(tmp_path: Path) -> None:
    """Dutch Excel exports: ';' separated with decimal commas."""
    lines = [HEADER.replace(",", ";"), "Alpha;8;3,2;3,8;3,5;3,9;3,6;3,3;2,2;4,1;1,0"]
    df = si.read_survey(write(tmp_path, lines))
    assert df.loc[0, "workload"] == pytest.approx(3.2)
    assert df.loc[0, "headcount"] == 8


def test_shipped_template_and_example_are_valid() -> None:
    assert len(si.read_survey(EXAMPLES / "survey_template.csv")) == 1
    example = si.read_survey(EXAMPLES / "example_survey.csv")
    assert len(example) >= 4
    assert list(example.columns) == [si.TEAM_COLUMN, *si.COLUMNS]
    # the same survey as Dutch Excel saves it ("CSV (puntkomma)": Windows-1252, ';', decimal
    # commas, CRLF) reads the same
    dutch = si.read_survey(EXAMPLES / "example_survey_excel_nl.csv")
    pd.testing.assert_frame_equal(dutch, example)


def test_team_specs_validated_with_clear_errors() -> None:
    """org.teams: headcounts must add up and team names must be unique and non-blank."""
    base = {"org": {"n_employees": 20, "teams": [{"name": "a", "headcount": 8},
                                                 {"name": "b", "headcount": 8}]}}
    with pytest.raises(ConfigError, match=r"org.n_employees = 20 .* = 16"):
        to_config(base)
    base["org"]["teams"][1]["name"] = "a"
    base["org"]["n_employees"] = 16
    with pytest.raises(ConfigError, match=r"org.teams\[1\].name = 'a' is used twice"):
        to_config(base)
    base["org"]["teams"][1] = {"name": "b", "headcount": 8, "autonomy": 1.5}
    with pytest.raises(ConfigError, match=r"org.teams\[1\].autonomy = 1.5 is out of range"):
        to_config(base)


def test_explicit_teams_shape_the_organisation() -> None:
    cfg = load_config(["warmup_weeks=0"])
    cfg.org.teams = [TeamSpec(name="a", headcount=5, autonomy=0.9),
                     TeamSpec(name="b", headcount=7, autonomy=0.1)]
    cfg.org.n_employees = 12
    model = OrgModel(cfg, rng=0)
    assert model.teams.size == 2
    assert list(model.teams.positions) == [4, 6]  # leader excluded
    assert list(model.teams.autonomy) == [0.9, 0.1]


@pytest.mark.slow  # calibration, then a simulated survey over 4 seeds
def test_round_trip_survey_to_config_to_simulated_survey(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preset is written to the user's presets (not into the package), loads as
    ``org=<name>``, and its simulated start (with the calibrated defaults) is close to the
    survey: every team within :data:`survey_import.TOLERANCE` on the fitted items."""
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    survey = write(tmp_path, [HEADER, *GOOD, "Gamma,12,3.0,3.6,3.8,4.0,3.9,3.6,2.1,4.3,0.8"])
    code, text = run_main([str(survey), "--name", "Round Trip", "--seeds", "4",
                           "--iterations", "4", "--no-ensemble", *BASE], capsys)
    assert code == 0, text
    assert "target -> sim" in text and "Gamma" in text
    out = tmp_path / "home" / "configs" / "org" / "round_trip.yaml"
    assert f"wrote {out}  (use: orgsim org=round_trip)" in text
    assert not (si.CONFIG_DIR / "org" / "round_trip.yaml").exists()
    yaml_text = out.read_text()
    assert yaml_text.startswith("# @package _global_")
    # the preset composes like any org preset (Hydra finds the user's presets) and simulates
    # the survey's teams
    assert "round_trip" in available("org") and "round_trip" not in available("org", user=False)
    cfg = load_config(["org=round_trip", *BASE])
    assert [t.name for t in cfg.org.teams] == ["Alpha", "Beta", "Gamma"]
    assert "eur_per_absence_day: 300" in yaml_text  # the calibration's base travels along
    assert cfg.org.n_employees == 30
    # the survey's organisation-wide absence travels along for the report (headcount-weighted)
    assert cfg.org.survey_absence_pct == pytest.approx((8 * 1.0 + 10 * 2.0 + 12 * 0.8) / 30,
                                                       abs=1e-3)
    sim = si.simulated_survey(cfg, seeds=range(4))
    target = si.read_survey(survey)
    for key, tol in si.TOLERANCE.items():
        diff = (sim[key] - target[key]).abs()
        assert (diff <= tol).all(), f"{key}: {diff.round(2).tolist()} > {tol}"


@pytest.mark.slow  # calibration over 4 seeds
def test_shipped_example_round_trips_with_the_calibrated_defaults() -> None:
    """The example a consultant starts from is reproduced by the default model (no tuning).

    Teams of 10 or more land within the tolerance. The two smallest (8 and 9 people, with
    the lowest exhaustion) sit at the edge of what the model reaches: whether they land
    inside depends on the random numbers (seeds 8-15 missed them with the earlier random
    streams too), so for them the command must say why (a note in the table), not pass.
    """
    survey = si.read_survey(EXAMPLES / "example_survey.csv")
    cal = si.calibrate(survey, load_config([]), "example")  # the command's defaults
    table = cal.table
    inside = np.all([(table[f"{k}_diff"].abs() <= tol) for k, tol in si.TOLERANCE.items()],
                    axis=0)
    large = table["headcount"] >= 10
    assert inside[large].all(), si.format_table(table)
    assert (inside | (table["note"] != "")).all(), si.format_table(table)
    # the client's own burn-out absence is reproduced for the organisation (issue: it was
    # 0.2-0.33% against the survey's 1.7% when absence only came from teams tipping over)
    org = np.average(cal.table["absence_pct_sim"], weights=cal.table["headcount"])
    want = np.average(cal.table["absence_pct_target"], weights=cal.table["headcount"])
    assert org >= si.ABSENCE_LOW_SHARE * want, (org, want)
    # exhaustion is really fitted, not just within reach: mean error well inside the tolerance
    assert cal.table["exhaustion_diff"].abs().mean() < 0.2


def test_a_team_answering_like_the_benchmark_gets_the_base_levels() -> None:
    """The anchor of the mappings: benchmark answers -> the base config's levels."""
    base = load_config([])
    row = {"team": "Avg", "headcount": 10, **si.BENCHMARK, "exhaustion": 2.4,
           "engagement": 3.8, "absence_pct": 1.2}
    spec = si.initial_specs(pd.DataFrame([row]), base)[0]
    assert spec.workload == pytest.approx(base.demands.workload)
    assert spec.role_ambiguity == pytest.approx(base.demands.role_ambiguity)
    assert spec.autonomy == pytest.approx(base.resources.autonomy)
    assert spec.collaboration == pytest.approx(base.climate.collaboration)
    assert spec.lead_support == pytest.approx(base.leadership.support)
    assert spec.recognition == pytest.approx(base.resources.recognition)
    # one scale point more autonomy is a quarter of the level's range; clarity lowers ambiguity
    row.update(autonomy=si.BENCHMARK["autonomy"] + 1, role_clarity=si.BENCHMARK["role_clarity"] + 1)
    spec = si.initial_specs(pd.DataFrame([row]), base)[0]
    assert spec.autonomy == pytest.approx(min(base.resources.autonomy + 0.25, 1.0))
    assert spec.role_ambiguity == pytest.approx(max(base.demands.role_ambiguity - 0.25, 0.0))
    p0 = si.base_pressure(base)
    assert si.likert_from_pressure(si.pressure_from_likert(4.2, p0), p0) == pytest.approx(4.2)


def test_a_shipped_preset_name_is_refused(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A client preset named like a shipped one would be shadowed by it: refused, nothing
    written."""
    survey = write(tmp_path, [HEADER, *GOOD])
    code, text = run_main([str(survey), "--name", "Municipality"], capsys)
    assert code == 2
    assert "'municipality' is a shipped organisation preset — choose another name" in text
    assert "nothing written" in text


@pytest.mark.parametrize("override", [
    "org=municipality", "scenario=focus", "+intervention@interventions.x=focus",
    "interventions.x.kind=focus", "org.n_employees=50", "org.teams=[]", "shocks=[]"])
def test_overrides_that_would_change_the_organisation_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], override: str
) -> None:
    """The organisation is built from the survey and calibrated without scenario,
    interventions or shocks: such overrides are refused before anything runs."""
    survey = write(tmp_path, [HEADER, *GOOD])
    out = tmp_path / "org.yaml"
    code, text = run_main([str(survey), "--out", str(out), override], capsys)
    assert code == 2, text
    assert f"{override}: the survey builds the organisation" in text
    assert "nothing written" in text and not out.exists()


def test_org_wide_overrides_are_accepted(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    survey = write(tmp_path, [HEADER, *GOOD])
    out = tmp_path / "org.yaml"
    code, text = run_main([str(survey), "--out", str(out), "--seeds", "1", "--iterations", "0",
                           "org.management_support=0.6", *BASE], capsys)
    assert code == 0, text
    assert "management_support: 0.6" in out.read_text()


def test_a_file_of_only_separators_is_empty(tmp_path: Path) -> None:
    with pytest.raises(si.SurveyError, match="the file is empty"):
        si.read_survey(write(tmp_path, [",,,,", ",,"]))


@pytest.mark.slow  # a calibration (2 rounds) of the shipped example
def test_calibration_survives_a_team_without_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A team with nobody at work in the survey weeks has NaN answers: no step for it that
    round, levels stay in range, and the table says why (not a crash on an unset field)."""
    real = si.simulated_survey
    calls = {"n": 0}

    def flaky(cfg: Any, seeds: Any, absence_weeks: int = 0) -> pd.DataFrame:
        out = real(cfg, seeds, absence_weeks=absence_weeks)
        calls["n"] += 1
        if calls["n"] in (2, 4) or absence_weeks:  # a derivative run, an iterate, the check
            out.loc[0, ["pressure", "workload", "exhaustion", "engagement"]] = np.nan
        return out

    monkeypatch.setattr(si, "simulated_survey", flaky)
    survey = si.read_survey(EXAMPLES / "example_survey.csv")
    cal = si.calibrate(survey, load_config([]), "x", seeds=(0,), iterations=2)
    for spec in cal.specs:
        assert 0.0 <= spec.workload <= si.WORKLOAD_MAX
        assert 0.0 <= spec.relational_strain <= 1.0 and 0.0 <= spec.feedback <= 1.0
    assert "no simulated answers" in cal.table.loc[0, "note"]
    assert not cal.within_tolerance()


#: Team names that look like YAML or config syntax but are plain text: kept literally.
ODD_NAMES = ['Quote "double" and \'single\'', "Key: value", "# not a comment",
             "- dash, [list] {map}", "$HOME & %PATH% <b>bold</b>", "null"]
#: Names config loading or the terminal would not keep literally: refused, naming the row.
HOSTILE_NAMES = ["${oc.env:ORGSIM_TEST_SECRET}", "${nosuch.key}", "\x1b[31mred",
                 "two\nlines", "back\\slash"]


def _survey_with(tmp_path: Path, names: list[str]) -> Path:
    import csv

    path = tmp_path / "hostile.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER.split(","))
        for name in names:
            writer.writerow([name, *GOOD[0].split(",")[1:]])
    return path


@pytest.mark.slow  # an import, a small comparison and a report
def test_team_names_are_data_never_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Survey text is never evaluated: a name with ``${...}``, a backslash or a control
    character is refused with one line naming the row (the secret never shows); names that
    merely look like YAML (quotes, ``: ``, ``#``, ``null``) round-trip literally through the
    preset, ``orgsim compare`` and ``orgsim report``."""
    import html

    from orgsim import report
    from orgsim.experiments.compare import main as compare_main

    secret = "s3cr3t-do-not-print"
    monkeypatch.setenv("ORGSIM_TEST_SECRET", secret)
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    preset = tmp_path / "home" / "configs" / "org" / "client_1_quoted.yaml"
    name = "Client: #1 'quoted'"
    for i, hostile in enumerate(HOSTILE_NAMES):
        survey = _survey_with(tmp_path, [*ODD_NAMES, hostile])
        code, text = run_main([str(survey), "--name", name, "--seeds", "1", "--iterations",
                               "0"], capsys)
        assert code == 2, text
        assert f"row {len(ODD_NAMES) + 2}, column team" in text
        assert secret not in text and "\x1b" not in text
        assert len(text.splitlines()) == 1 and "nothing written" in text
        assert not preset.exists(), i
    survey = _survey_with(tmp_path, ODD_NAMES)
    code, text = run_main([str(survey), "--name", name, "--seeds", "1", "--iterations", "0",
                           "--no-ensemble"], capsys)
    assert code == 0, text
    assert preset.exists()
    cfg = load_config(["org=client_1_quoted"])
    assert cfg.org.name == name
    assert [t.name for t in cfg.org.teams] == ODD_NAMES
    outdir = tmp_path / "cmp"
    assert compare_main(["scenario=baseline", "org=client_1_quoted", "replications=2",
                         "weeks=8", "warmup_weeks=0", "launcher=basic", "n_jobs=1",
                         "figures=false", "progress=false", f"outdir={outdir}"]) == 0
    out = tmp_path / "report.html"
    assert report.main([str(outdir), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    shown = html.unescape(page)
    for team in ODD_NAMES:
        assert team in shown, team
    assert name in shown
    assert "<b>bold</b>" not in page  # escaped in the HTML, shown literally
    printed = capsys.readouterr()
    files = [p.read_bytes().decode("utf-8", "replace") for p in outdir.rglob("*") if p.is_file()]
    for text in (page, printed.out, printed.err, preset.read_text(), *files):
        assert secret not in text


def test_a_large_survey_shows_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Many teams take long to calibrate: each simulated survey is reported, up to the total."""
    monkeypatch.setattr(si, "PROGRESS_TEAMS", 1)
    survey = write(tmp_path, [HEADER, *GOOD])
    code, text = run_main([str(survey), "--out", str(tmp_path / "o.yaml"), "--seeds", "1",
                           "--iterations", "1"], capsys)
    assert code == 0, text
    steps = [line.strip() for line in text.splitlines() if "simulated surveys" in line]
    assert steps == [f"calibration: {i}/6 simulated surveys" for i in range(1, 7)]
