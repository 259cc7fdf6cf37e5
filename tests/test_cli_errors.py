"""The error path of the ``orgsim`` command (issue 18.7): every user error ends as one line
``orgsim: error: <what> — <how to fix>`` with exit 2, before anything is written.

Called in-process (``orgsim.cli.main(argv)``) in a temporary working directory: fast, and
Hydra's default output directory (``outputs/``) is relative to it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import run_main
from orgsim import cli
from orgsim.app import serve
from orgsim.config import schema_keys

SMALL = ["org.n_employees=20", "weeks=3", "warmup_weeks=0"]
OUTPUT_FILES = ("timeseries.csv", "employees.csv", "episodes.csv", "summary.json")

#: command line -> fragment of the one error line
PROBES: list[tuple[list[str], str]] = [
    (["foo=1"], "unknown key `foo`"),
    (["+foo=1"], "unknown key `foo`"),
    (["replications=0"], "unknown key `replications`"),
    (["demands.workloda=0.8"], "did you mean `demands.workload`?"),
    (["demands.wrkload=0.8"], "did you mean `demands.workload`?"),
    (["demands.workload="], "demands.workload has no value — give a value in [0, 3]"),
    (["demands.workload=null"], "demands.workload = null is not allowed"),
    (["weeks=null"], "weeks = null is not allowed — give a value in [1, 5200]"),
    (["weeks=1e3"], "weeks = 1e3 must be written as a whole number — write weeks=1000"),
    (["weeks=2.5"], "weeks = '2.5' must be a whole number — give one in [1, 5200]"),
    (["weeks=0"], "weeks = 0 is out of range — allowed [1, 5200]"),
    (["demands.workload=-1"], "demands.workload = -1 is out of range — allowed [0, 3]"),
    (["demands.workload=abc"], "demands.workload = 'abc' must be a number"),
    (["demands.workload=[1,2]"], "must be a number"),
    (["seed=-1"], "seed = -1 is out of range"),
    (["absence.return_to_work=x"], "choose one of: individual, relational"),
    (["scenario=nosuch"], "scenario='nosuch' is unknown — choose one of: baseline"),
    (["org=nosuch"], "org='nosuch' is unknown — choose one of:"),
    (["scenario=focus,baseline"], "is a sweep, which a single run cannot do — add -m"),
    (["seed=1,2"], "add -m (orgsim -m seed=1,2)"),
    (["weeks=choice(1,2)"], "is a sweep"),
    (["weeks"], "`weeks` is not an override — write key=value"),
    (["org.team_size=300"], "org.team_size = 300 is out of range"),
    # semantic: need the whole composed configuration
    (["org.teams=[{name:a,headcount:5}]"], "must equal the sum of org.teams[*].headcount"),
    (["shocks=[{week:1,event:nosuch}]"], "shocks[0]: event 'nosuch' is unknown — choose"),
    (["+intervention@interventions.f=focus", "interventions.f.start_week=9999"],
     "interventions.f.start_week = 9999 is out of range"),
    (["interventions.f.start_week=3"], "interventions.f.start_week"),
    (["hydra/launcher=nosuch"], "hydra/launcher/nosuch"),
    (["hydra.run.dir=/proc/orgsim"], "cannot write the results to /proc/orgsim"),
    (["-m", "demands.workload=0.6,9"], "demands.workload = 9 is out of range"),
    (["-m", "demands.workloda=0.6,0.9"], "did you mean `demands.workload`?"),
    # the command line itself (Hydra's flags and the override grammar)
    (["=1"], "`=1` is not an override — write key=value"),
    (["+=1"], "`+=1` is not an override"),
    (["--cfg", "nosuch"], "argument --cfg/-c: invalid choice: 'nosuch'"),
    (["--nosuch"], "unrecognized arguments: --nosuch — see `orgsim --help`"),
    (["-cn", "nosuch"], "--config-name is not supported"),
    (["--config-dir", "/nonexistent"], "--config-dir is not supported"),
    (["--experimental-rerun", "x.pickle"], "--experimental-rerun is not supported"),
    (["org.teams=[{name:a,headcount:20}"], "cannot be read as an override"),
    (["hydra.run.dir="], "hydra.run.dir has no value"),
    (["hydra.nosuch=1"], "Could not override 'hydra.nosuch'"),
    # sweeps: every job is checked before Hydra makes multirun/
    (["-m", "+intervention@interventions.f=focus", "interventions.f.start_week=1,9999"],
     "interventions.f.start_week = 9999 is out of range"),
    (["-m", "org.teams=[{name:a,headcount:10},{name:b,headcount:10}]", "org.n_employees=20,30"],
     "org.n_employees = 30 must equal the sum of org.teams[*].headcount = 20"),
    (["-m", "shocks=[{week:1,event:crunch_deadline}],[{week:1,event:nosuch}]"],
     "event 'nosuch' is unknown"),
    (["-m", "weeks=range(0,3)"], "weeks = 0 is out of range"),
    (["-m", "seed=range(0,0)"], "`seed=range(0,0)` has no values"),
    (["-m", "seed=range(0,100000000)"], "the sweep has more than 10000 runs — split it"),
    (["-m", "demands.workload=interval(0,1)"], "is a continuous interval"),
    (["-m", "seed=1,2", "hydra/launcher=joblib", "hydra.launcher.n_jobs=0"],
     "hydra.launcher.n_jobs = '0' is not a number of parallel runs"),
    (["-m", "shocks=5", "seed=1,2"], "Error merging override shocks=5"),
    (["-m", "seed=1,2", "hydra.sweep.dir="], "hydra.sweep.dir has no value"),
    (["-m", "scenario=glob(fo*)", "org.teams=0.00"], "Error merging override org.teams=0.00"),
    (["-m", "scenario=glob(nosuch*)"], "`scenario=glob(nosuch*)` matches no scenario"),
    (["-m", "seed=1,2", "hydra.sweeper.max_batch_size=0"],
     "hydra.sweeper.max_batch_size = 0 is out of range"),
]


def written(root: Path) -> list[Path]:
    return [p for p in root.rglob("*")]


@pytest.mark.parametrize(("argv", "fragment"), PROBES, ids=[" ".join(a) for a, _ in PROBES])
def test_user_error_is_one_line_exit_2_and_nothing_written(
        argv: list[str], fragment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_main([*SMALL, *argv], monkeypatch, capsys)
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1, err
    assert lines[0].startswith("orgsim: error: ") and " — " in lines[0], lines[0]
    assert fragment in lines[0], lines[0]
    assert "Traceback" not in err
    assert not written(tmp_path)  # no outputs/ nor multirun/ directory


def test_a_valid_run_still_writes_its_results(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main([*SMALL, "absence.return_to_work=RELATIONAL"], monkeypatch, capsys)
    assert code == 0, err
    (summary,) = tmp_path.rglob("summary.json")
    assert {p.name for p in summary.parent.iterdir()} >= set(OUTPUT_FILES)
    assert json.loads(summary.read_text())["n_employees"] == 20
    assert "results in" in out


def test_flags_after_overrides_still_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Hydra reads its flags only before the overrides; orgsim moves them there."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run_main([*SMALL, "-m", "seed=1,2"], monkeypatch, capsys)
    assert code == 0, err
    assert len(list(tmp_path.glob("multirun/*/*/*/summary.json"))) == 2


def test_hydra_flags_that_run_nothing_pass(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """--cfg after the overrides, and shell completion with its own arguments."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(["weeks=7", "--cfg", "job"], monkeypatch, capsys)
    assert code == 0, err
    assert "weeks: 7" in out
    code, out, err = run_main(["-sc", "install=bash"], monkeypatch, capsys)
    assert code == 0, err
    assert "complete" in out  # the bash completion script
    assert not written(tmp_path)


def test_a_run_too_large_for_the_memory_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from orgsim.compose import load_config
    from orgsim.organisation import EXACT_TEAM_SIZE

    assert cli.MAX_TEAM_CONTACTS == EXACT_TEAM_SIZE - 1
    small = cli.memory_needed(load_config(["org.n_employees=1000"]))
    dense = cli.memory_needed(load_config(["org.n_employees=1000", "org.team_size=200",
                                           "climate.contact_probability=1"]))
    assert dense > small  # contacts count
    monkeypatch.setattr(cli, "physical_memory", lambda: 2 * 10**9)
    monkeypatch.chdir(tmp_path)
    for argv in (["org.n_employees=1000000"], ["-m", "org.n_employees=1000000", "seed=1,2"]):
        code, _, err = run_main(argv, monkeypatch, capsys)
        assert code == 2, err
        assert err.count("\n") == 1 and "GB of memory, more than this computer's 2.0 GB" in err
        assert "— use fewer employees (org.n_employees)" in err
    # parallel runs each need their memory
    monkeypatch.setattr(cli, "physical_memory", lambda: 4 * 10**9)
    code, _, err = run_main(["-m", "org.n_employees=1000000", "seed=1,2",
                             "hydra/launcher=joblib", "hydra.launcher.n_jobs=2"],
                            monkeypatch, capsys)
    assert code == 2 and "x 2 parallel runs needs about 5.9 GB" in err, err
    assert "fewer parallel runs (hydra.launcher.n_jobs)" in err
    assert not written(tmp_path)


@pytest.mark.parametrize(("stop", "code"), [
    ("ctrl-c", 130), ("sigterm", 143), ("config-error", 2)])
def test_a_run_stopped_midway_is_one_line_and_leaves_no_directory(
        stop: str, code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl+C, SIGTERM or an error inside the run: one line, no traceback, and Hydra's
    outputs/<date>/<time>/ (made before the run) removed, since it holds no results."""
    import os
    import signal

    from orgsim.config import ConfigError

    def stopped(cfg: object) -> None:
        if stop == "ctrl-c":
            raise KeyboardInterrupt
        if stop == "sigterm":
            os.kill(os.getpid(), signal.SIGTERM)  # the handler raises at once
        raise ConfigError("stopped in the run — a test")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "run", stopped)
    before = signal.getsignal(signal.SIGTERM)
    got, _, err = run_main(SMALL, monkeypatch, capsys)
    assert got == code, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("orgsim: interrupted — " if code != 2 else "orgsim: error: ")
    assert not written(tmp_path)
    assert signal.getsignal(signal.SIGTERM) == before  # handlers restored


def test_an_unwritable_output_directory_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_text("")
    code, _, err = run_main([*SMALL, f"hydra.run.dir={tmp_path}/file/run"], monkeypatch, capsys)
    assert code == 2
    assert "is not a directory — choose a writable directory" in err
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


@pytest.mark.parametrize("host", ["nosuch.invalid", "256.1.1.1"])
def test_app_host_errors_are_one_line(host: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert serve.main(["--host", host]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"orgsim app: error: cannot listen on {host}")
    assert "— give an address of this computer" in lines[0]


def test_app_overrides_errors_use_the_same_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve.main(["demands.workloda=1"]) == 2
    assert capsys.readouterr().err.strip() == (
        "orgsim app: error: unknown key `demands.workloda` — did you mean `demands.workload`?")


# --- property: any override either runs completely or is one error line -------------------

KEYS = [k for k in schema_keys() if k not in {"org.n_employees", "weeks", "warmup_weeks"}]


def _near_miss(key: str) -> st.SearchStrategy[str]:
    return st.sampled_from([key[:-1], key + "x", key.replace(".", "_"), key.upper(),
                            key.rpartition(".")[2]])


real_keys = st.sampled_from(KEYS)
keys = st.one_of(real_keys, real_keys, real_keys, real_keys.flatmap(_near_miss))
values = st.one_of(
    st.floats(0, 1).map(lambda x: f"{x:.2f}"),  # in the range of most fields: runs
    st.floats(0, 1).map(lambda x: f"{x:.2f}"),
    st.integers(-3, 12).map(str),
    st.floats(-1, 4, allow_nan=False).map(lambda x: f"{x:.3g}"),
    st.sampled_from(["", "null", "nan", "inf", "abc", "1e3", "[1,2]", "[]", "{}", "a,b",
                     "relational", "focus", "true", "'quoted'", "0x10", "1_0"]),
    st.lists(st.integers(0, 3).map(str), min_size=2, max_size=3).map(",".join),
)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=keys, value=values)
def test_any_override_runs_completely_or_is_one_error_line(
        key: str, value: str, tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    cwd = tmp_path_factory.mktemp("run")
    monkeypatch.chdir(cwd)
    code, _, err = run_main([*SMALL, f"{key}={value}"], monkeypatch, capsys)
    assert "Traceback" not in err
    event(f"exit {code}")
    if code == 0:
        (summary,) = cwd.rglob("summary.json")
        assert {p.name for p in summary.parent.iterdir()} >= set(OUTPUT_FILES)
    else:
        assert code == 2, err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("orgsim: error: "), err
        assert not written(cwd)


def test_an_ipv6_loopback_host_keeps_the_loopback_origin_check() -> None:
    from orgsim.app.guard import origin_allowed

    # serve.main hands the guard the host as a Host header gives it: [::1]
    assert not origin_allowed("http://evil.example", "evil.example", "[::1]")
    assert origin_allowed("http://[::1]:8765", "[::1]:8765", "[::1]")


def test_whole_number_spelling_is_checked_by_the_annotation() -> None:
    from orgsim.config import ConfigError, check_value

    assert check_value("hiring.vacancy_weeks", "2.5") == 2.5  # float field, int default
    with pytest.raises(ConfigError, match="write weeks=3"):
        check_value("weeks", "3.0")


def test_help_starts_with_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    """``orgsim --help`` starts with the subcommands, one line each, then Hydra's help."""
    from orgsim import cli

    with pytest.raises(SystemExit) as exc:
        cli.main(["--help"])
    assert exc.value.code in (0, None)
    out = capsys.readouterr().out
    assert out.startswith("orgsim: organisational energy dynamics")
    for name in cli.SUBCOMMANDS:
        assert f"  {name}  " in out or f"  {name} " in out
    assert set(cli.SUBCOMMAND_HELP) == set(cli.SUBCOMMANDS)
    assert out.index("commands:") < out.index("Configuration groups")


@pytest.mark.parametrize(("argv", "message"), [
    (["app", "--port", "99999"], "orgsim app: error: --port 99999 is out of range; allowed "
                                 "[0, 65535] — see orgsim app --help"),
    (["app", "--port", "abc"], "orgsim app: error: argument --port: invalid int value: 'abc'"),
    (["app", "--max-sessions", "0"], "orgsim app: error: --max-sessions 0 is out of range"),
    (["app", "--session-timeout", "-1"], "orgsim app: error: --session-timeout -1 is out"),
    (["report"], "orgsim report: error: the following arguments are required"),
    (["demo", "--bogus"], "orgsim demo: error: unrecognized arguments: --bogus"),
    (["demo", "--seeds", "x"], "orgsim demo: error: argument --seeds: invalid int value"),
])
def test_argument_errors_of_the_subcommands_are_one_line(
        argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 18 item 7: ``orgsim app``, ``report`` and ``demo`` used to print argparse's
    usage block above the error (3-4 lines); now one line, exit 2, before anything runs."""
    from orgsim.app.serve import parse_args

    with pytest.raises(SystemExit) as stop:
        if argv[0] == "app":
            parse_args(argv[1:])
        elif argv[0] == "report":
            from orgsim import report

            report.main(argv[1:])
        else:
            cli.demo(argv[1:])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and len(err.strip().splitlines()) == 1, err
    assert err.startswith(message) and " — " in err, err
