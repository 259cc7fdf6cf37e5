"""Property tests of the error path (issue 18, "Done when"): over generated command lines of
the plain ``orgsim`` command and generated survey files for ``orgsim import-survey``, every
outcome is exit 0 with complete outputs, or exit 2 with exactly one line on stderr and
nothing written - never a traceback.

Most examples call the commands in-process in a temporary working directory (Hydra's
``outputs/`` and ``multirun/`` are relative to it); a few real subprocesses check the console
path end to end. All slow (about a minute together); the quick suite keeps the smaller
properties of tests/test_cli_errors.py and tests/test_survey_import_bad_inputs.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from omegaconf import OmegaConf

from conftest import run_main
from orgsim import cli
from orgsim import survey_import as si
from orgsim.compose import to_config
from orgsim.config import schema_keys

SMALL = ["org.n_employees=20", "weeks=3", "warmup_weeks=0"]
OUTPUT_FILES = {"timeseries.csv", "employees.csv", "episodes.csv", "summary.json"}
ERROR = "orgsim: error: "


# ---------------------------------------------------------------------------- checks
def assert_outcome(code: int, err: str, cwd: Path, prefix: str = ERROR) -> None:
    """Exit 0 with every run directory complete, or exit 2 with one error line and nothing
    written under ``cwd``; never a traceback."""
    assert "Traceback" not in err, err
    if code == 0:
        runs = [p.parent for p in cwd.rglob(".hydra")]
        assert runs, "exit 0 without a run directory"
        for run in runs:
            assert {p.name for p in run.iterdir()} >= OUTPUT_FILES, run
        return
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(prefix) and " — " in lines[0], lines[0]
    assert not list(cwd.iterdir()), sorted(str(p) for p in cwd.rglob("*"))


# ---------------------------------------------------------------------------- command lines
#: keys that make a run large or that SMALL sets; the memory limit has its own test
BIG = {"org.n_employees", "weeks", "warmup_weeks"}
REAL_KEYS = [k for k in schema_keys() if k not in BIG]


def _typo(key: str) -> st.SearchStrategy[str]:
    return st.sampled_from([key[:-1], key + "x", key.replace(".", "_"), key.upper(),
                            key.rpartition(".")[2], key.replace(".", "..")])


_real = st.sampled_from(REAL_KEYS)
KEYS = st.one_of(
    _real, _real, _real, _real.flatmap(_typo),
    st.sampled_from(["", "+", "~weeks", "scenario", "org", "+intervention@interventions.f",
                     "interventions.f.start_week", "org.teams", "shocks", "hydra.nosuch",
                     "hydra.job.chdir", "foo", "seed"]),
)
VALUES = st.one_of(
    st.floats(0, 1).map(lambda x: f"{x:.2f}"),  # in range of most fields: runs
    st.floats(0, 1).map(lambda x: f"{x:.2f}"),
    st.integers(-3, 12).map(str),
    st.sampled_from([
        "", "null", "nan", "inf", "-inf", "abc", "1e3", "1e999", "0x10", "1_0", "true",
        "99999999999999999999999", "-1", "[1,2", "[1,2]", "[]", "{}", "'quoted'", "'a b'",
        "${oc.env:HOME}", "${nosuch}", "a,b", "0,1", "1,,2", ",", "range(0,2)",
        "range(0,0)", "choice(1,abc)", "interval(0,1)", "glob(*)", "focus", "baseline",
        "focus,baseline", "relational", "nosuch", "Café", "a=b",
        "[{week:1,event:crunch_deadline}]", "[{week:1,event:nosuch}]",
        "[{name:a,headcount:20}]", "[{name:a,headcount:5}]", "[{name:a,headcount:abc}]",
    ]),
)
FLAGS = st.sampled_from([[], [], [], ["-m"], ["-m"], ["--nosuch"], ["-cn", "nosuch"],
                         ["--cfg", "nosuch"], ["--multirun"]])


#: overrides that run (single values; with -m the sweeps too)
VALID = st.sampled_from([
    "seed=3", "demands.workload=0.7", "scenario=focus", "absence.return_to_work=RELATIONAL",
    "org.team_size=5", "climate.cross_team_contacts=0", "engine=numpy", "org.name='A & B'",
    "+intervention@interventions.f=focus", "shocks=[{week:1,event:crunch_deadline}]",
])
VALID_SWEEPS = st.sampled_from([
    "seed=1,2", "demands.workload=0.5,0.7", "scenario=baseline,focus", "seed=range(0,2)",
    "+intervention@interventions.f=focus,recognition", "scenario=glob(fo*)",
])


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """SMALL, one to three overrides (valid or generated) and maybe a flag, anywhere."""
    flags = draw(FLAGS)
    generated = st.builds(lambda k, v: f"{k}={v}", KEYS, VALUES)
    pick = st.one_of(VALID, generated) if draw(st.booleans()) else VALID
    if flags in (["-m"], ["--multirun"]):
        pick = st.one_of(pick, VALID_SWEEPS)
    overrides = [draw(pick) for _ in range(draw(st.integers(1, 3)))]
    if draw(st.integers(0, 9)) == 0:
        overrides.append(draw(KEYS))  # no '=' at all
    argv = [*SMALL, *overrides]
    at = draw(st.integers(0, len(argv)))
    return argv[:at] + flags + argv[at:]


@pytest.mark.slow  # 60 command lines, a third of them runs or sweeps (~20 s)
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(argv=command_lines())
def test_any_command_line_runs_completely_or_is_one_error_line(
        argv: list[str], tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    cwd = tmp_path_factory.mktemp("cli")
    monkeypatch.chdir(cwd)
    code, _, err = run_main(argv, monkeypatch, capsys)
    event(f"exit {code}" + (" multirun" if "-m" in argv or "--multirun" in argv else ""))
    assert_outcome(code, err, cwd)


# ---------------------------------------------------------------------------- survey files
HEADER = ["team", *si.COLUMNS]
GOOD = {"headcount": "8", "workload": "3.2", "role_clarity": "3.8", "autonomy": "3.5",
        "social_support": "3.9", "leader_support": "3.6", "recognition": "3.3",
        "exhaustion": "2.2", "engagement": "4.1", "absence_pct": "1.0"}
NAMES = st.sampled_from(["Alpha", "alpha ", "ALPHA", "Al pha", "Alpha\u00a0", "Ålpha", "Beta",
                         "beta", " Beta", "Zorg & Welzijn", "${x}", "Team\ttab", "T" * 300])
HUGE = st.sampled_from(["99999999999999999999", "100001", "1" + "0" * 400, "1e308",
                        "2.000", "2,000", "-8", "0", "8", "12"])


@st.composite
def survey_files(draw: st.DrawFn) -> bytes:
    """Random bytes, or a survey with mutated names/numbers/delimiters, maybe truncated."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=400))
    sep = draw(st.sampled_from([",", ";", "\t", "|", " "]))
    if draw(st.integers(0, 2)) > 0:
        sep = ","  # mostly files that are read, to reach the calibration
    rows = [sep.join(HEADER)]
    for i in range(draw(st.integers(1, 3))):
        cells = {**GOOD, "team": draw(NAMES) if draw(st.booleans()) else f"T{i}"}
        if draw(st.integers(0, 3)) == 0:
            cells["headcount"] = draw(HUGE)
        if draw(st.integers(0, 3)) == 0:
            cells[draw(st.sampled_from(list(GOOD)))] = draw(HUGE)
        rows.append(sep.join(cells[c] for c in HEADER))
    text = "\n".join(rows) + "\n"
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])))
    if draw(st.integers(0, 4)) == 0:  # a truncated file
        data = data[:draw(st.integers(0, len(data)))]
    return data


@pytest.mark.slow  # 60 files, a fifth of them calibrated (~6 s)
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=survey_files())
def test_any_survey_file_gives_a_preset_or_one_error_line(
        content: bytes, tmp_path_factory: pytest.TempPathFactory,
        capsys: pytest.CaptureFixture[str]) -> None:
    tmp = tmp_path_factory.mktemp("survey")
    survey = tmp / "survey.csv"
    survey.write_bytes(content)
    out = tmp / "out" / "org.yaml"
    try:
        code = si.main([str(survey), "--name", "fuzz", "--out", str(out),
                        "--seeds", "1", "--iterations", "0"])
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    event(f"exit {code}")
    assert "Traceback" not in captured.out + captured.err
    if code == 0:
        preset = OmegaConf.to_container(OmegaConf.load(out), resolve=True)
        assert isinstance(preset, dict)
        cfg = to_config(preset)  # type: ignore[arg-type]
        df = si.read_survey(survey)
        assert [t.name for t in cfg.org.teams] == list(df["team"])
        assert cfg.org.n_employees == int(df["headcount"].sum())
        return
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("orgsim import-survey: error: "), lines
    assert " — " in lines[0] and "\x1b" not in lines[0]
    assert sorted(p.name for p in tmp.iterdir()) == ["survey.csv"]


# ---------------------------------------------------------------------------- real processes
def console(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``orgsim <args>`` as a user runs it: a fresh interpreter (this orgsim's source first on
    the path, as in the test process)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(Path(cli.__file__).parents[1]), os.environ.get("PYTHONPATH", "")]))
    env.pop("HYDRA_FULL_ERROR", None)
    env["ORGSIM_HOME"] = str(cwd / ".." / f"{cwd.name}-home")
    return subprocess.run([sys.executable, "-m", "orgsim.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.slow  # a fresh interpreter per case (~3 s each)
@pytest.mark.parametrize("argv", [
    [*SMALL, "-m", "seed=1,2"],  # flags after overrides: runs
    [*SMALL, "weeks=null"],
    [*SMALL, "demands.workload="],
    [*SMALL, "scenario=focus,baseline"],
    [*SMALL, "=1"],
    [*SMALL, "--cfg", "nosuch"],
    ["-m", *SMALL, "+intervention@interventions.f=focus", "interventions.f.start_week=1,9999"],
    ["-m", *SMALL, "seed=range(0,100000000)"],
], ids=lambda a: " ".join(a[3:] if a[0] != "-m" else a[4:]))
def test_the_console_command(argv: list[str], tmp_path: Path) -> None:
    out = console(argv, tmp_path)
    assert_outcome(out.returncode, out.stderr, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("content", [
    bytes(range(256)) * 4,
    (",".join(HEADER) + "\n" + ",".join(["Alpha", *GOOD.values()]) + "\n").encode()[:70],
    (";".join(HEADER) + "\nAlpha;" + ";".join(GOOD.values()) + "\nalpha ;"
     + ";".join(GOOD.values()) + "\n").encode("cp1252"),
])
def test_the_console_import_survey(content: bytes, tmp_path: Path) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_bytes(content)
    out = console(["import-survey", str(survey), "--seeds", "1", "--iterations", "0"], tmp_path)
    assert "Traceback" not in out.stderr
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("orgsim import-survey: error: "), lines
    assert [p.name for p in tmp_path.iterdir()] == ["survey.csv"]
    assert not (tmp_path.parent / f"{tmp_path.name}-home").exists()
