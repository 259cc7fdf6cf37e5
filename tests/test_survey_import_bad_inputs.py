"""Survey files as offices write them, and as they should not: every user error is one line
``orgsim import-survey: error: <what> — <how to fix>``, exit 2, no traceback, nothing written;
every good file (whatever its encoding and separator) is read as the survey says.

The table :data:`BAD` is file content -> message fragments; the property test at the end
feeds generated CSV text through the command's ``main`` in-process.
"""

from __future__ import annotations

import os
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from omegaconf import OmegaConf

from orgsim import survey_import as si
from orgsim.compose import to_config

HEADER = ("team,headcount,workload,role_clarity,autonomy,social_support,leader_support,"
          "recognition,exhaustion,engagement,absence_pct")
ROW_A = "Alpha,8,3.2,3.8,3.5,3.9,3.6,3.3,2.2,4.1,1.0"
ROW_B = "Beta,10,3.6,3.0,3.0,3.5,3.0,2.9,2.6,3.6,2.0"
SEMI = HEADER.replace(",", ";")
SEMI_A = "Alpha;8;3,2;3,8;3,5;3,9;3,6;3,3;2,2;4,1;1,0"
PREFIX = "orgsim import-survey: error: "
#: a tiny calibration: the command's path end to end, in about a second
FAST = ["--seeds", "1", "--iterations", "0"]


def lines(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


def row(team: str, sep: str = ",") -> str:
    return sep.join([team, *ROW_A.split(",")[1:]]) if sep == "," else (
        sep.join([team, *SEMI_A.split(";")[1:]]))


#: (file content, fragments every one of which the single error line must contain)
BAD: dict[str, tuple[bytes, list[str]]] = {
    "empty": (b"", ["the file is empty", "header row"]),
    "blank-lines": (b"\n\n  \n", ["the file is empty"]),
    "only-header": (lines(HEADER), ["no team rows", "add one row per team"]),
    "binary-nul": (b"team,headcount\x00\x00\x01", ["NUL bytes", "CSV UTF-8"]),
    "utf16-without-bom": (f"{HEADER}\n{ROW_A}\n".encode("utf-16-le"), ["NUL bytes"]),
    "not-cp1252": (lines(HEADER) + b"Caf\x81,8,3,3,3,3,3,3,2,4,1\n",
                   ["byte 0x81", "neither UTF-8 nor Windows-1252", "CSV UTF-8"]),
    "duplicate-column": (lines(HEADER + ",Autonomy", ROW_A + ",3.9"),
                         ["row 1", "column autonomy appears 2 times", "keep one column"]),
    "missing-column": (lines(HEADER.replace(",recognition", ""), ROW_A),
                       ["row 1", "missing column(s) recognition", "required:"]),
    "thousands-headcount": (lines(SEMI, SEMI_A, "Beta;2.000;3;3;3;3;3;3;2;4;1"),
                            ["row 3", "column headcount", "'2.000'", "whole number",
                             "write e.g. 2000"]),
    "decimal-headcount": (lines(HEADER, "Alpha,8.0,3,3,3,3,3,3,2,4,1"),
                          ["row 2", "column headcount", "whole number"]),
    "headcount-zero": (lines(HEADER, "Alpha,0,3,3,3,3,3,3,2,4,1"), ["headcount 0"]),
    "headcount-too-big": (lines(HEADER, "Alpha,100001,3,3,3,3,3,3,2,4,1"),
                          ["column headcount", "out of range", "2 to 100000"]),
    "decimal-comma-in-comma-file": (lines(HEADER, "Alpha,8,3,2,3,8,3,5,3,9,3,6,3,3,2,2,4,1,1,0"),
                                    ["row 2", "20 cells", "header has 11", "decimal comma"]),
    "exponent": (lines(HEADER, "Alpha,8,3e0,3,3,3,3,3,2,4,1"),
                 ["column workload", "'3e0' is not a number"]),
    "underscore-number": (lines(HEADER, "Alpha,8,3,3,3,3,3,3,2,4,1_0"),
                          ["column absence_pct", "not a number"]),
    "nan": (lines(HEADER, "Alpha,8,nan,3,3,3,3,3,2,4,1"), ["'nan' is not a number"]),
    "out-of-scale": (lines(HEADER, "Alpha,8,3,3,7,3,3,3,2,4,1"),
                     ["row 2", "column autonomy", "7 is out of range", "1 to 5"]),
    "empty-cell": (lines(HEADER, "Alpha,8,3,,3,3,3,3,2,4,1"), ["column role_clarity", "empty"]),
    "short-row": (lines(HEADER, "Alpha,8,3"), ["column role_clarity", "empty"]),
    "blank-team": (lines(HEADER, ROW_A, row("  ")), ["row 3", "team name is empty"]),
    "duplicate-team": (lines(HEADER, ROW_A, ROW_A), ["row 3", "already appears in row 2"]),
    "near-duplicate-team": (lines(HEADER, ROW_A, row("alpha ")),
                            ["row 3", "'alpha'", "differs only in case or spaces", "'Alpha'",
                             "row 2", "one spelling"]),
    "near-duplicate-spaces": (lines(HEADER, row("Team  A"), row("team a")),
                              ["row 3", "differs only in case or spaces"]),
    "env-interpolation": (lines(HEADER, ROW_A, row("${oc.env:HOME}")),
                          ["row 3", "column team", "'${'", "rename the team"]),
    "missing-key": (lines(HEADER, row("${nosuch.key}")), ["row 2", "'${'"]),
    "backslash": (lines(HEADER, row("a\\${x}")), ["row 2", "backslash"]),
    "ansi-escape": (lines(HEADER, row("\x1b[31mred")),
                    ["row 2", "\\x1b[31mred", "control character U+001B"]),
    "newline-in-name": (lines(HEADER, row('"two\nlines"')),
                        ["row 2", "two\\nlines", "U+000A"]),
    "bidi-override": (lines(HEADER, row("abc\u202edef")), ["U+202E"]),
    "missing-marker": (lines(HEADER, row("???")), ["'???' means 'missing'"]),
    "unclosed-quote-nul": (lines(HEADER) + b'"Alpha\x00,8', ["NUL bytes"]),
}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = si.main(argv)
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def assert_one_line_error(code: int, out: str, err: str) -> str:
    assert code == 2, out + err
    assert "Traceback" not in out + err
    lines_ = (out + err).splitlines()
    errors = [line for line in lines_ if line.startswith(PREFIX)]
    assert len(errors) == 1 and errors == [err.rstrip("\n")], (out, err)
    assert " — " in errors[0], errors[0]  # <what> — <how to fix>
    assert "\x1b" not in out + err
    return errors[0]


@pytest.mark.parametrize("case", list(BAD))
def test_bad_survey_file(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, fragments = BAD[case]
    survey = tmp_path / "survey.csv"
    survey.write_bytes(content)
    out = tmp_path / "org.yaml"
    code, stdout, stderr = run([str(survey), "--out", str(out), *FAST], capsys)
    line = assert_one_line_error(code, stdout, stderr)
    for fragment in fragments:
        assert fragment in line, line
    assert line.endswith("(nothing written)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["survey.csv"]
    assert os.environ.get("HOME", "/nonexistent-home") not in line.replace(str(tmp_path), "")


@pytest.mark.parametrize(("what", "argv", "fragments"), [
    ("directory", ["{tmp}"], ["not a regular file"]),
    ("device", ["/dev/zero"], ["not a regular file"]),
    ("no-file", ["{tmp}/nope.csv"], ["cannot read the file", "check the path"]),
    ("bad-name", ["{survey}", "--name", "${oc.env:HOME}"], ["--name", "'${'"]),
    ("ansi-name", ["{survey}", "--name", "x\x1b[2J"], ["--name", "\\x1b[2J"]),
    ("bad-option", ["{survey}", "--seeds", "many"], ["--seeds", "invalid int value"]),
    ("seeds-0", ["{survey}", "--seeds", "0"], ["--seeds 0 is out of range", "allowed 1 to 100"]),
    ("seeds-huge", ["{survey}", "--seeds", "99999999999999999999"], ["allowed 1 to 100"]),
    ("iterations-huge", ["{survey}", "--iterations", "1000"], ["allowed 0 to 50"]),
    ("empty-key", ["{survey}", "=1"], ["`=1` is not an override"]),
    ("zero-workload", ["{survey}", "demands.workload=0"], ["demands.workload = 0.0",
                                                           "must be above 0"]),
    ("bad-override", ["{survey}", "params.nosuch=1"], ["params.nosuch", "did you mean"]),
    ("out-of-range-override", ["{survey}", "org.management_support=7"],
     ["management_support", "out of range"]),
])
def test_bad_command_line(what: str, argv: list[str], fragments: list[str], tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_bytes(lines(HEADER, ROW_A))
    out = tmp_path / "org.yaml"
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{survey}", str(survey)) for a in argv]
    code, stdout, stderr = run([*argv, "--out", str(out)], capsys)
    line = assert_one_line_error(code, stdout, stderr)
    for fragment in fragments:
        assert fragment in line, line
    assert not out.exists()


@pytest.mark.parametrize(("what", "out", "fragments"), [
    ("the-survey-itself", "{survey}", ["is the survey file itself", "another --out"]),
    ("a-directory", "{tmp}", ["is a directory", "give a file name"]),
    ("under-a-file", "{survey}/org.yaml", ["cannot write the preset", "is not a directory"]),
    ("too-long", "{tmp}/" + "a" * 300 + ".yaml", ["has 305 characters", "at most 120"]),
])
def test_a_bad_out_is_refused_before_the_calibration(
        what: str, out: str, fragments: list[str], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Outputs never overwrite inputs, and a preset that cannot be written is found before
    the calibration (which prints its first line on stdout)."""
    survey = tmp_path / "survey.csv"
    content = lines(HEADER, ROW_A)
    survey.write_bytes(content)
    out = out.replace("{tmp}", str(tmp_path)).replace("{survey}", str(survey))
    code, stdout, stderr = run([str(survey), "--out", out, "--force", *FAST], capsys)
    line = assert_one_line_error(code, stdout, stderr)
    for fragment in fragments:
        assert fragment in line, line
    assert "calibrating" not in stdout
    assert survey.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["survey.csv"]


def test_an_unwritable_orgsim_home_is_refused_before_the_calibration(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_bytes(lines(HEADER, ROW_A))
    (tmp_path / "home").write_text("")  # a file where the directory should be
    monkeypatch.setenv("ORGSIM_HOME", str(tmp_path / "home"))
    code, stdout, stderr = run([str(survey), *FAST], capsys)
    line = assert_one_line_error(code, stdout, stderr)
    assert "cannot write the preset" in line and "ORGSIM_HOME" in line, line
    assert "calibrating" not in stdout


def test_a_fifo_is_refused_without_blocking(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    code, stdout, stderr = run([str(fifo), "--out", str(tmp_path / "o.yaml")], capsys)
    assert "not a regular file" in assert_one_line_error(code, stdout, stderr)


def test_file_size_and_team_limits(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Documented limits (docs/survey_import.md): refused at once, not after hours."""
    survey = tmp_path / "survey.csv"
    survey.write_bytes(lines(HEADER, *(row(f"T{i}") for i in range(30))))
    out = str(tmp_path / "o.yaml")
    monkeypatch.setattr(si, "MAX_TEAMS", 20)
    code, stdout, stderr = run([str(survey), "--out", out], capsys)
    assert "more than 20 team rows" in assert_one_line_error(code, stdout, stderr)
    monkeypatch.setattr(si, "MAX_BYTES", 100)
    code, stdout, stderr = run([str(survey), "--out", out], capsys)
    assert "MB a survey may have" in assert_one_line_error(code, stdout, stderr)
    assert si.MAX_TEAMS == 20 and si.MAX_BYTES == 100  # the shipped ones are documented:
    monkeypatch.undo()
    assert (si.MAX_TEAMS, si.MAX_BYTES) == (5_000, 10_000_000)


# ---------------------------------------------------------------------------- good files
def _dutch(text: str) -> str:
    return text.replace(",", ";").replace(".", ",")


GOOD_TEXT = f"{HEADER}\n{row('Café Ærø')}\n{ROW_B}\n"


@pytest.mark.parametrize(("encoding", "text"), [
    ("utf-8", GOOD_TEXT),
    ("utf-8-sig", GOOD_TEXT),  # "CSV UTF-8" from Excel: with BOM
    ("utf-16", GOOD_TEXT),  # "Unicode text" from Excel: UTF-16 with BOM
    ("cp1252", _dutch(GOOD_TEXT)),  # "CSV (puntkomma)" from Dutch Excel
    ("latin-1", _dutch(GOOD_TEXT)),
    ("utf-8", GOOD_TEXT.replace(",", "\t")),  # tab-separated
    ("cp1252", "sep=;\r\n" + _dutch(GOOD_TEXT).replace("\n", "\r\n")),  # Excel's sep= line
    ("utf-8", GOOD_TEXT.replace("\n", "\r")),  # old Mac line ends
])
def test_survey_files_as_offices_write_them(tmp_path: Path, encoding: str, text: str) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_bytes(text.encode(encoding))
    df = si.read_survey(survey)
    assert list(df["team"]) == ["Café Ærø", "Beta"]
    assert list(df["headcount"]) == [8, 10]
    assert df.loc[0, "workload"] == pytest.approx(3.2)
    assert df.loc[1, "absence_pct"] == pytest.approx(2.0)


def test_trailing_empty_cells_are_fine(tmp_path: Path) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_bytes(lines(HEADER + ",", ROW_A + ",,", ROW_B))
    assert len(si.read_survey(survey)) == 2


# ---------------------------------------------------------------------------- property
_CELL = st.one_of(
    st.sampled_from(["8", "2", "3.2", "3,2", "2.000", "0", "", " ", "7", "1e3", "nan", "4.1%",
                     "-1", "100001", "Alpha", "alpha ", '"', "${x}", "\\", "\x1b[1m", "\n"]),
    st.text(alphabet=string.printable + "éÆ€\u202e\x00", max_size=6),
)
_SEPARATOR = st.sampled_from([",", ";", "\t"])


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """Mostly-valid surveys with a few cells, names, separators or columns mutated."""
    sep = draw(_SEPARATOR)
    columns = HEADER.split(",")
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))
    if draw(st.integers(0, 9)) == 0:
        columns = draw(st.lists(st.sampled_from([*columns, "Team", "x"]), max_size=13))
    decimal = "," if sep != "," and draw(st.booleans()) else "."
    rows = [sep.join(columns)]
    base = dict(zip(HEADER.split(","), ROW_A.split(","), strict=True))
    mutate = draw(st.integers(0, 2)) == 0  # a third of the files have odd cells
    for i in range(draw(st.integers(0, 3))):
        cells = []
        for col in columns:
            value = f"T{i}" if col == "team" else base.get(col, "1").replace(".", decimal)
            if mutate and draw(st.integers(0, 9)) == 0:
                value = draw(_CELL)
            cells.append(value)
        rows.append(sep.join(cells))
    return draw(st.sampled_from(["\n", "\r\n"])).join(rows) + draw(st.sampled_from(["", "\n"]))


_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])


def _encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(text=csv_texts(), encoding=_ENCODINGS, noise=st.one_of(st.just(b""), st.binary(max_size=8)))
def test_reading_any_csv_gives_a_survey_or_a_survey_error(text: str, encoding: str,
                                                         noise: bytes) -> None:
    """Fast: the reader alone, also with random bytes appended; never another exception."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        survey = Path(tmp) / "survey.csv"
        survey.write_bytes(_encode(text, encoding) + noise)
        try:
            df = si.read_survey(survey)
        except si.SurveyError as exc:
            event("refused")
            assert " — " in str(exc)  # <what> — <how to fix>
            return
    event("read")
    assert list(df.columns) == [si.TEAM_COLUMN, *si.COLUMNS]
    assert len(df) >= 1 and df[si.TEAM_COLUMN].is_unique


@pytest.mark.slow  # ~40 imports with a tiny calibration (~18 s)
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=csv_texts(), encoding=_ENCODINGS)
def test_any_csv_gives_a_preset_or_one_error_line(
    text: str, encoding: str, tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 0 with a complete preset, or exit 2 with one error line and nothing written."""
    content = _encode(text, encoding)
    tmp = tmp_path_factory.mktemp("prop")
    survey = tmp / "survey.csv"
    survey.write_bytes(content)
    out = tmp / "org.yaml"
    code, stdout, stderr = run([str(survey), "--name", "prop", "--out", str(out), *FAST],
                               capsys)
    assert "Traceback" not in stdout + stderr
    event(f"exit {code}")
    if code == 0:
        assert stderr == ""
        df = si.read_survey(survey)
        preset = OmegaConf.to_container(OmegaConf.load(out), resolve=True)
        assert isinstance(preset, dict)
        cfg = to_config(preset)
        assert [t.name for t in cfg.org.teams] == list(df["team"])
        assert cfg.org.n_employees == int(df["headcount"].sum())
    else:
        assert_one_line_error(code, stdout, stderr)
        assert sorted(p.name for p in tmp.iterdir()) == ["survey.csv"]
