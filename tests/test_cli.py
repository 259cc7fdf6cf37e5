"""The ``orgsim`` console script (a Hydra app), run as a subprocess with small sizes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from orgsim import OrgModel, load_config
from orgsim.config import available

ORGSIM = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "orgsim"
SMALL = ["org.n_employees=40", "weeks=10", "warmup_weeks=5"]
REQUIRED_COLUMNS = ["week", "burnout_complaints", "burnout_absent", "absence_rate",
                    "new_burnout_cases", "returns", "relapses", "leavers", "energy_mean",
                    "engagement_mean", "productivity", "cost_eur"]

pytestmark = pytest.mark.skipif(not ORGSIM.exists(), reason=f"{ORGSIM} not installed")


#: name -> command-line arguments of the runs the tests below inspect
RUNS: dict[str, list[str]] = {
    "single": [*SMALL, "seed=4"],
    "multirun": ["-m", "seed=1,2", *SMALL],
    # parallel, with the workers started early (orgsim.workers) while Hydra composes
    "multirun_joblib": ["-m", "hydra/launcher=joblib", "hydra.launcher.n_jobs=2", "seed=1,2",
                        *SMALL],
    "bad_value": ["demands.workload=-1", *SMALL],
    "unknown_scenario": ["scenario=no_such_scenario", *SMALL],
    "wrong_type": ["org.n_employees=abc", "weeks=10", "warmup_weeks=5"],
    "bad_sweep_value": ["-m", "demands.workload=0.6,9", *SMALL],
    "upper_case_choice": ["absence.return_to_work=RELATIONAL", *SMALL],
    # a sweep function's values exist only once Hydra expands them: the sweeper checks them
    "bad_choice_value": ["-m", "org.n_employees=choice(40,abc)", "weeks=10", "warmup_weeks=5"],
}


@dataclass
class Run:
    cwd: Path
    returncode: int
    stdout: str
    stderr: str


#: Tests using this fixture are marked slow: it starts the console script ~10 times.
@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """All runs started at once (each in its own directory), then awaited: the start-up
    time of the processes overlaps."""
    env = {k: v for k, v in os.environ.items() if k != "HYDRA_FULL_ERROR"}
    procs = {}
    for name, args in RUNS.items():
        cwd = tmp_path_factory.mktemp(name)
        procs[name] = (cwd, subprocess.Popen([str(ORGSIM), *args], cwd=cwd, env=env, text=True,
                                             stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    results = {}
    for name, (cwd, proc) in procs.items():
        out, err = proc.communicate(timeout=600)
        results[name] = Run(cwd, proc.returncode, out, err)
    return results


def run_dirs(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.rglob("summary.json"))


@pytest.mark.slow
def test_single_run_writes_results_and_prints_summary(runs: dict[str, Run]) -> None:
    out = runs["single"]
    assert out.returncode == 0, out.stderr
    dirs = run_dirs(out.cwd / "outputs")
    assert len(dirs) == 1
    run_dir = dirs[0]
    ts = pd.read_csv(run_dir / "timeseries.csv")
    assert len(ts) == 10
    for col in REQUIRED_COLUMNS:
        assert col in ts.columns
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["seed"] == 4 and summary["n_employees"] == 40 and summary["weeks"] == 10
    assert summary["scenario"] == "baseline"
    # the summary is printed, with where the results are
    assert "orgsim:" in out.stdout and "seed 4" in out.stdout
    assert f"results in {run_dir}" in out.stdout
    assert f"{summary['engagement_mean']:.2f}" in out.stdout
    assert not list(run_dir.glob("*.tmp"))  # atomic writes leave no temp files
    # another process (other hash seed) gives the same bytes as this one
    model = OrgModel.from_config(load_config([*SMALL, "seed=4"]))
    model.run_for(10)
    expected = model.timeseries().to_csv(index=False).encode()
    got = (run_dir / "timeseries.csv").read_bytes()
    assert hashlib.sha256(got).hexdigest() == hashlib.sha256(expected).hexdigest()


@pytest.mark.slow
def test_multirun_over_seeds(runs: dict[str, Run]) -> None:
    out = runs["multirun"]
    assert out.returncode == 0, out.stderr
    dirs = run_dirs(out.cwd / "multirun")
    assert len(dirs) == 2
    summaries = [json.loads((d / "summary.json").read_text()) for d in dirs]
    assert sorted(s["seed"] for s in summaries) == [1, 2]
    a, b = (pd.read_csv(d / "timeseries.csv") for d in dirs)
    assert len(a) == len(b) == 10
    assert not a.equals(b)


@pytest.mark.slow
def test_parallel_multirun_gives_the_same_results(runs: dict[str, Run]) -> None:
    out = runs["multirun_joblib"]
    assert out.returncode == 0, out.stderr
    par = {json.loads((d / "summary.json").read_text())["seed"]: d
           for d in run_dirs(out.cwd / "multirun")}
    seq = {json.loads((d / "summary.json").read_text())["seed"]: d
           for d in run_dirs(runs["multirun"].cwd / "multirun")}
    assert sorted(par) == sorted(seq) == [1, 2]
    for seed in par:
        assert (par[seed] / "timeseries.csv").read_text() == (
            seq[seed] / "timeseries.csv").read_text()


@pytest.mark.slow  # a fresh interpreter
def test_the_command_starts_without_loading_the_engine() -> None:
    """A parallel sweep's main process never simulates: importing the command (and the
    package) does not import Mesa or the model; they load on first use."""
    code = ("import sys, orgsim.cli; "
            "assert 'mesa' not in sys.modules and 'orgsim.model' not in sys.modules; "
            "from orgsim import OrgModel; assert 'mesa' in sys.modules")
    proc = subprocess.run([str(ORGSIM.with_name("python")), "-c", code], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.slow
def test_bad_value_exits_2_with_one_line(runs: dict[str, Run]) -> None:
    out = runs["bad_value"]
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "demands.workload" in lines[0] and "[0, 3]" in lines[0]
    assert not list(out.cwd.rglob("timeseries.csv"))


@pytest.mark.slow
def test_unknown_scenario_exits_2_listing_choices(runs: dict[str, Run]) -> None:
    out = runs["unknown_scenario"]
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "no_such_scenario" in lines[0]
    for choice in available("scenario"):
        assert choice in lines[0]
    assert not list(out.cwd.rglob("timeseries.csv"))


@pytest.mark.slow
def test_wrong_type_exits_2_with_one_line(runs: dict[str, Run]) -> None:
    out = runs["wrong_type"]
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "org.n_employees" in lines[0] and "[2, 1000000]" in lines[0]


@pytest.mark.slow
def test_each_value_of_a_sweep_is_checked_before_any_run(runs: dict[str, Run]) -> None:
    out = runs["bad_sweep_value"]
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "demands.workload = 9 is out of range" in lines[0] and "[0, 3]" in lines[0]
    assert not list(out.cwd.rglob("timeseries.csv"))  # not even the valid first job ran


@pytest.mark.slow
def test_bad_value_of_a_sweep_function_stops_before_any_job(runs: dict[str, Run]) -> None:
    out = runs["bad_choice_value"]
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert lines == ["orgsim: error: org.n_employees = 'abc' must be a whole number — give "
                     "one in [2, 1000000]"], out.stderr
    assert not list(out.cwd.rglob("timeseries.csv"))  # not even the valid first job ran


@pytest.mark.slow
def test_choices_are_normalised_as_in_load_config(runs: dict[str, Run]) -> None:
    out = runs["upper_case_choice"]
    assert out.returncode == 0, out.stderr
    (run,) = run_dirs(out.cwd / "outputs")
    assert "return_to_work: relational" in (run / ".hydra" / "config.yaml").read_text()


def test_sweeper_composes_one_job_per_kind() -> None:
    """The sweep's up-front check composes one job per distinct set of group choices."""
    from hydra_plugins.orgsim_sweeper.orgsim_sweeper import OrgsimSweeper

    class Loader:
        def get_group_options(self, name: str) -> list[str]:
            return ["a", "b"] if name in {"scenario", "intervention", "hydra/launcher"} else []

    class Context:
        config_loader = Loader()

    sweeper = OrgsimSweeper()
    sweeper.hydra_context = Context()  # type: ignore[assignment]
    batch = [[f"scenario={s}", f"seed={i}", "demands.workload=0.8", "hydra/launcher=basic"]
             for s in ("baseline", "focus") for i in range(20)]
    chosen = sweeper.representatives(batch)
    assert [c[0] for c in chosen] == ["scenario=baseline", "scenario=focus"]
    assert chosen == [batch[0], batch[20]]
    # a group choice with a package (``@``) is a kind of its own too
    batch = [[f"+intervention@interventions.x={k}", f"seed={i}"]
             for k in ("focus", "recognition") for i in range(3)]
    assert sweeper.representatives(batch) == [batch[0], batch[3]]


def test_early_check_knows_packaged_group_choices() -> None:
    from orgsim.config import ConfigError, check_overrides

    assert check_overrides(["+intervention@interventions.a=focus,recognition", "org.name="]
                           ) == ["+intervention@interventions.a=focus,recognition", "org.name="]
    with pytest.raises(ConfigError, match="intervention='tai_chi' is unknown; choose one of"):
        check_overrides(["-m", "+intervention@interventions.a=focus,tai_chi"])


def test_joblib_jobs_reads_the_command_line() -> None:
    from orgsim.workers import joblib_jobs

    assert joblib_jobs(["-m", "hydra/launcher=joblib", "seed=1,2"]) == -1
    assert joblib_jobs(["-m", "hydra/launcher=joblib", "hydra.launcher.n_jobs=3"]) == 3
    assert joblib_jobs(["hydra/launcher=joblib"]) is None  # not a multirun
    # another pool than loky processes: nothing to warm up
    assert joblib_jobs(["-m", "hydra/launcher=joblib", "hydra.launcher.prefer=threads"]) is None
    assert joblib_jobs(["-m", "hydra/launcher=joblib", "hydra.launcher.backend=loky"]) == -1
    assert joblib_jobs(["-m", "seed=1,2"]) is None  # the basic launcher
