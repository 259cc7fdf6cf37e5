"""Experiments: CI arithmetic, paired differences, aggregation, resume and validation."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from orgsim.experiments import load_results
from orgsim.experiments.aggregate import aggregate
from orgsim.experiments.compare import main, parse, run_compare
from orgsim.experiments.runner import (
    SUMMARY,
    TEAMS,
    TIMESERIES,
    is_done,
    run_dir,
    team_checkpoints,
    write_run,
)
from orgsim.experiments.stats import add_costs, compare_table, paired_difference, t_interval


def test_t_interval_matches_hand_computation() -> None:
    # values 1, 2, 3, 4: mean 2.5, sd = sqrt(5/3), t(0.975, 3) = 3.182446305
    mean, lo, hi = t_interval([1.0, 2.0, 3.0, 4.0])
    half = 3.182446305284263 * np.sqrt(5.0 / 3.0) / 2.0
    assert mean == 2.5
    assert lo == pytest.approx(2.5 - half, abs=1e-9)
    assert hi == pytest.approx(2.5 + half, abs=1e-9)
    assert hi - lo == pytest.approx(4.108, abs=1e-3)


def test_t_interval_edge_cases() -> None:
    assert np.isnan(t_interval([]).__getitem__(0))
    m, lo, hi = t_interval([3.0])
    assert m == 3.0 and np.isnan(lo) and np.isnan(hi)
    m, lo, hi = t_interval([2.0, 2.0, np.nan])
    assert (m, lo, hi) == (2.0, 2.0, 2.0)


def test_paired_difference_uses_common_seeds_only() -> None:
    a = pd.Series([10.0, 12.0, 14.0, 99.0], index=[0, 1, 2, 7])
    b = pd.Series([9.0, 10.0, 11.0, 5.0], index=[0, 1, 2, 3])
    mean, lo, hi, n = paired_difference(a, b)
    # differences 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.302652730
    assert n == 3 and mean == 2.0
    assert hi - mean == pytest.approx(4.302652729749464 / np.sqrt(3), abs=1e-9)
    assert lo == pytest.approx(2.0 - 4.302652729749464 / np.sqrt(3), abs=1e-9)


def _summaries() -> pd.DataFrame:
    return pd.DataFrame({
        "scenario": ["baseline"] * 3 + ["focus"] * 3,
        "seed": [0, 1, 2] * 2,
        "absence_rate_pct": [2.0, 3.0, 4.0, 1.5, 2.0, 3.5],
        "cost_eur_total": [100.0, 200.0, 300.0, 50.0, 150.0, 240.0],
        "intervention_cost_eur": [0.0, 0.0, 0.0, 20.0, 20.0, 20.0],
    })


def test_costs_and_comparison_table() -> None:
    s = add_costs(_summaries())
    assert s.total_cost_eur.tolist() == [100, 200, 300, 70, 170, 260]
    assert s.net_saving_eur.tolist() == [0, 0, 0, 30, 30, 40]
    table = compare_table(s)
    assert table.scenario.tolist() == ["baseline", "focus"]
    focus = table.set_index("scenario").loc["focus"]
    assert focus.n == 3
    assert focus.absence_rate_pct_mean == pytest.approx(7.0 / 3)
    # paired differences -0.5, -1, -0.5
    assert focus.absence_rate_pct_diff == pytest.approx(-2.0 / 3)
    sd = np.std([-0.5, -1.0, -0.5], ddof=1)
    assert focus.absence_rate_pct_diff_ci_high == pytest.approx(
        -2.0 / 3 + 4.302652729749464 * sd / np.sqrt(3))
    assert focus.net_saving_eur_mean == pytest.approx(100.0 / 3)
    base = table.set_index("scenario").loc["baseline"]
    assert base.absence_rate_pct_diff == 0.0


def _fake_run(outdir: Path, scen: str, seed: int, level: float) -> None:
    weeks = np.arange(1, 5)
    ts = pd.DataFrame({"week": weeks, "burnout_complaints": level + 0.01 * weeks,
                       "absence_rate": level / 10 + 0 * weeks, "engagement_mean": 0.5 + 0 * weeks,
                       "cost_eur": 100.0 + 0 * weeks, "intervention_cost_eur": 0.0 * weeks})
    summary = {"scenario": scen, "seed": seed, "n_employees": 10, "weeks": 4,
               "burnout_cases_per_100_fte_year": level, "burnout_complaints_pct": 100 * level,
               "absence_rate_pct": 10 * level, "engagement_mean": 0.5,
               "leavers_per_100_fte_year": 1.0, "cost_eur_total": 400.0,
               "intervention_cost_eur": 0.0}
    teams = pd.DataFrame({"team": [0, 1], "weeks": 4, "new_burnout_cases": [1, 0]})
    write_run(run_dir(outdir, scen, seed), ts, summary, teams)


def test_aggregate_writes_tidy_long_runs_and_one_row_per_run(tmp_path: Path) -> None:
    for seed in range(3):
        _fake_run(tmp_path, "baseline", seed, 0.2 + 0.01 * seed)
        _fake_run(tmp_path, "focus", seed, 0.1 + 0.01 * seed)
    assert is_done(run_dir(tmp_path, "focus", 2))
    aggregate(tmp_path, ["baseline", "focus"], [0, 1, 2])
    res = load_results(tmp_path)
    runs = res["runs"]
    assert list(runs.columns) == ["scenario", "seed", "week", "metric", "value"]
    assert len(runs) == 2 * 3 * 4 * 5  # scenarios x seeds x weeks x metrics
    one = runs[(runs.scenario == "focus") & (runs.seed == 1)
               & (runs.metric == "burnout_complaints")]
    np.testing.assert_allclose(one.sort_values("week").value, 0.11 + 0.01 * np.arange(1, 5))
    assert len(res["summaries"]) == 6
    comp = res["comparison"].set_index("scenario")
    assert comp.loc["focus", "burnout_cases_per_100_fte_year_diff"] == pytest.approx(-0.1)
    # identical differences: zero-width interval
    assert comp.loc["focus", "burnout_cases_per_100_fte_year_diff_ci_low"] == pytest.approx(-0.1)


def test_load_results_names_the_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="runs.parquet not found"):
        load_results(tmp_path)


TINY = ["org.n_employees=20", "org.team_size=5", "weeks=6", "warmup_weeks=4",
        "params.drain_rate=0.015"]


def _opts(outdir: Path, **extra: str) -> tuple[dict, list[str]]:  # type: ignore[type-arg]
    args = ["scenario=baseline,free_capacity_more_work", "replications=2", "progress=false",
            f"outdir={outdir}", *[f"{k}={v}" for k, v in extra.items()], *TINY]
    return parse(args)


def _mtimes(outdir: Path) -> dict[str, float]:
    return {str(p.relative_to(outdir)): p.stat().st_mtime_ns
            for p in (outdir / "runs").rglob(SUMMARY)}


@pytest.mark.slow  # three sweeps, one of them with joblib workers
def test_resume_runs_only_the_rest_and_equals_a_clean_run(tmp_path: Path) -> None:
    part = tmp_path / "interrupted"
    opts, common = _opts(part, max_new_runs="3", figures="false", launcher="basic")
    first = run_compare(opts, common)
    assert first["ran"] == 3 and not first["complete"]
    assert not (part / "runs.parquet").exists()
    before = _mtimes(part)
    assert len(before) == 3
    # a run cut off mid-write leaves only a temporary file: it does not count as done
    stray = run_dir(part, "free_capacity_more_work", 1)
    stray.mkdir(parents=True, exist_ok=True)
    (stray / f".{TIMESERIES}.123.tmp").write_text("partial")
    assert not is_done(stray)
    opts, common = _opts(part, figures="false", launcher="basic")
    second = run_compare(opts, common)
    assert second["ran"] == 1 and second["skipped"] == 3 and second["complete"]
    assert {k: v for k, v in _mtimes(part).items() if k in before} == before
    # a clean run, in parallel with the joblib launcher, gives identical results
    clean = tmp_path / "clean"
    assert main([*_opts(clean)[1], "scenario=baseline,free_capacity_more_work",
                 "replications=2", "n_jobs=2", "progress=false", f"outdir={clean}"]) == 0
    a, b = load_results(part), load_results(clean)
    pd.testing.assert_frame_equal(a["runs"], b["runs"])
    pd.testing.assert_frame_equal(a["summaries"], b["summaries"])
    pd.testing.assert_frame_equal(a["comparison"], b["comparison"])
    for name in ("timeseries.png", "effects.png"):
        assert (clean / name).stat().st_size > 0
    meta = json.loads((clean / "meta.json").read_text())
    assert meta["seeds"] == [0, 1] and "weeks=6" in meta["overrides"]
    runs = a["runs"]
    assert "intervention_cost_eur" in set(runs.metric)
    assert sorted(runs.scenario.unique()) == ["baseline", "free_capacity_more_work"]


def test_each_run_writes_its_teams_and_older_runs_are_redone(tmp_path: Path) -> None:
    """teams.parquet: one row per team at each year end and at the end of the run, the
    outcomes of the model's own team collector; a run directory of an older orgsim (no
    teams.parquet) is not done, and resuming redoes just that run, with the same results."""
    from orgsim.compose import load_config
    from orgsim.model import OrgModel
    from orgsim.scales import team_scores
    from orgsim.week import TEAM_COLUMNS

    args = ["scenario=baseline", "replications=2", "progress=false", "figures=false",
            "launcher=basic", f"outdir={tmp_path}", "org.n_employees=20", "org.team_size=5",
            "weeks=60", "warmup_weeks=4", "params.drain_rate=0.03"]
    assert main(args) == 0
    assert team_checkpoints(60) == [52, 60] and team_checkpoints(6) == [6]
    assert team_checkpoints(104) == [52, 104]
    teams = pd.read_parquet(run_dir(tmp_path, "baseline", 1) / TEAMS)
    cfg = load_config([a for a in args[5:] if not a.startswith("outdir")]
                      + ["seed=1", "org_seed=0"])  # compare's default organisation
    model = OrgModel(cfg)
    start = team_scores(model.workforce, model.teams.size)
    model.run_for(52)
    at52 = teams[teams.weeks == 52].reset_index(drop=True)
    pd.testing.assert_frame_equal(at52[list(TEAM_COLUMNS)], model.team_outcomes(),
                                  check_exact=True)
    assert len(teams) == 2 * model.teams.size and set(teams.weeks) == {52, 60}
    np.testing.assert_array_equal(at52.start_bat_exhaustion_sum, start["exhaustion"])
    np.testing.assert_array_equal(at52.start_workload, model.teams.workload)
    np.testing.assert_allclose(at52.absence_fte_weeks, at52.absence_rate * at52.employee_weeks)
    before = load_results(tmp_path)
    (run_dir(tmp_path, "baseline", 0) / TEAMS).unlink()  # as written by an older orgsim
    assert not is_done(run_dir(tmp_path, "baseline", 0))
    opts, common = parse(args)
    again = run_compare(opts, common)
    assert again["ran"] == 1 and again["skipped"] == 1 and again["complete"]
    assert is_done(run_dir(tmp_path, "baseline", 0))
    after = load_results(tmp_path)
    pd.testing.assert_frame_equal(before["runs"], after["runs"])
    pd.testing.assert_frame_equal(before["summaries"], after["summaries"])


@pytest.mark.parametrize(("args", "message"), [
    (["scenario=baseline,nonsense"], "scenario='nonsense' is unknown"),
    (["replications=3"], "scenario=<a,b,...> is required"),
    (["scenario=baseline", "replications=zero"], "replications = 'zero' must be an integer"),
    (["scenario=baseline", "launcher=mpi"], "launcher = 'mpi'"),
    (["scenario=focus", "interventions.focus.start_week=400", "weeks=52"],
     "start_week = 400 is past the horizon"),
    (["scenario=baseline", "demands.workload=-1"], "demands.workload"),
    (["scenario=baseline", "seed=3"], "seed is set by orgsim compare"),
])
def test_bad_arguments_fail_before_any_run(tmp_path: Path, args: list[str], message: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code = main([*args, f"outdir={tmp_path / 'out'}", "progress=false"])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out" / "runs").exists()


def test_outdir_of_other_overrides_is_refused(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "meta.json").write_text(json.dumps({"overrides": ["weeks=10"]}))
    code = main(["scenario=baseline", "replications=1", f"outdir={tmp_path}", "weeks=20"])
    assert code == 2
    assert "holds runs made with other overrides" in capsys.readouterr().err


def test_intervals_of_nonnegative_metrics_stop_at_zero() -> None:
    """A few skewed replications (mostly 0 cases) give a t-interval below 0: cut at 0 for
    counts and costs, never for differences or net savings."""
    from orgsim.experiments.stats import NONNEGATIVE, compare_table, t_interval

    values = [0.0, 0.0, 0.0, 2.4]
    mean, lo, hi = t_interval(values)
    assert lo < 0
    assert t_interval(values, floor=0.0) == (mean, 0.0, hi)
    summaries = pd.DataFrame({
        "scenario": ["baseline"] * 4 + ["focus"] * 4, "seed": [0, 1, 2, 3] * 2,
        "burnout_cases_per_100_fte_year": values + [0.0] * 4,
        "net_saving_eur": [0.0] * 4 + [-5.0, 0.0, 0.0, 40.0]})
    table = compare_table(summaries).set_index("scenario")
    assert "burnout_cases_per_100_fte_year" in NONNEGATIVE
    assert "net_saving_eur" not in NONNEGATIVE
    assert table.loc["baseline", "burnout_cases_per_100_fte_year_ci_low"] == 0.0
    assert table.loc["focus", "burnout_cases_per_100_fte_year_diff_ci_low"] < 0
    assert table.loc["focus", "net_saving_eur_ci_low"] < 0


def _client_preset(home: Path, first_team: str, size: int) -> None:
    """An org preset ``org=client`` in the user's presets, as `orgsim import-survey --force`
    writes (and overwrites) it."""
    path = home / "configs" / "org" / "client.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# @package _global_\norg:\n  name: client\n  n_employees: "
                    f"{size + 5}\n  team_size: 5\n  teams:\n    - name: {first_team}\n"
                    f"      headcount: {size}\n    - name: Finance\n      headcount: 5\n")


def test_resume_refuses_runs_of_a_different_organisation(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 18.1: the same command line, but the org preset re-imported in between: the
    finished runs are of another organisation and must not be reused (before, the resume
    said "0 new, 2 already done" and the report showed new names next to old numbers)."""
    from orgsim.compose import load_config
    from orgsim.config import HOME_ENV
    from orgsim.fingerprint import FINGERPRINT, MODEL_VERSION, config_hash
    from orgsim.report import main as report_main

    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    _client_preset(tmp_path / "home", "Helpdesk", 10)
    out = tmp_path / "cmp"
    args = ["org=client", "scenario=baseline", "replications=2", "progress=false",
            "figures=false", "launcher=basic", "weeks=6", "warmup_weeks=4", f"outdir={out}"]
    assert main(args) == 0
    meta = json.loads((out / "meta.json").read_text())
    cfg = load_config(["org=client", "scenario=baseline", "weeks=6", "warmup_weeks=4",
                       "org_seed=0"])  # compare's default organisation
    stamp = {"config_sha256": config_hash(cfg), "orgsim_version": "0.1.0",
             "model_version": MODEL_VERSION}
    assert meta["fingerprints"] == {"baseline": stamp}
    for seed in (0, 1):  # the seed is not part of the fingerprint
        assert json.loads((run_dir(out, "baseline", seed) / FINGERPRINT).read_text()) == stamp
    capsys.readouterr()
    assert main(args) == 0  # same configuration: resumed, nothing run
    assert "(0 new, 2 already done)" in capsys.readouterr().out
    # re-imported with other teams: same overrides, another configuration
    _client_preset(tmp_path / "home", "Customer Service", 12)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("orgsim compare: error: outdir ")
    assert "runs/baseline/seed_0: its configuration differs" in err
    assert "choose a new outdir" in err
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before  # nothing written
    # the report refuses too: its names and costs would come from the new preset
    assert report_main([str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "composes differently now" in err
    assert not (out / "report.html").exists()
    # back to the old preset; a run whose fingerprint differs from meta.json is refused
    _client_preset(tmp_path / "home", "Helpdesk", 10)
    stamp_path = run_dir(out, "baseline", 1) / FINGERPRINT
    stamp_path.write_text(json.dumps({**stamp, "model_version": "1"}))
    assert report_main([str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "seed_1 does not belong to the comparison" in err
    assert "model version 1" in err
    assert main(args) == 2
    assert "model version 1, this orgsim has model version" in capsys.readouterr().err
    stamp_path.unlink()  # a run of an older orgsim: no fingerprint
    assert main(args) == 2
    assert "no fingerprint" in capsys.readouterr().err


def _children(pid: int) -> set[int]:
    """The pids of the child processes of ``pid`` (from /proc; empty when it is gone)."""
    kids: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            kids |= {int(k) for k in (task / "children").read_text().split()}
    return kids


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        for kid in _children(todo.pop()) - found:
            found.add(kid)
            todo.append(kid)
    return found


def _running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


ORGSIM = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "orgsim"


@pytest.mark.slow  # a joblib sweep started and interrupted, per signal
@pytest.mark.skipif(not Path("/proc/self/task").exists() or not ORGSIM.exists(),
                    reason="needs /proc and the installed orgsim command")
@pytest.mark.parametrize("sig, command", [
    (signal.SIGTERM, "compare"), (signal.SIGINT, "compare"), (signal.SIGTERM, "calibrate")])
def test_an_interrupted_sweep_leaves_no_worker_running(tmp_path: Path, sig: int,
                                                       command: str) -> None:
    """Issue 18.5: SIGTERM or Ctrl+C (SIGINT) stops the joblib workers and their children
    (before, they outlived the command by many minutes, re-parented to PID 1, still
    computing: seen again with ``orgsim calibrate``), ends with one line and a non-zero exit
    code, and keeps the finished work for the resume."""
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    if command == "compare":
        # 40 runs: several seconds of work, so the signal lands mid-sweep even on a fast
        # machine (with 8 the sweep could end during the wait below, and the signal then hit
        # the interpreter's shutdown, after the handler was gone: exit -15)
        args = ["compare", "scenario=baseline", "replications=40", "n_jobs=2",
                "progress=false", "figures=false", "org.n_employees=200", "weeks=260",
                f"outdir={tmp_path / 'cmp'}"]
        message = "orgsim compare: interrupted — re-run the same command to resume\n"
    else:
        args = ["calibrate", "--population", "40", "--generations", "3", "--seeds", "2",
                "--n-jobs", "2", "--outdir", str(tmp_path / "cmp")]
        message = ("orgsim calibrate: interrupted — the completed generations are kept; run "
                   "the same command again to continue\n")
    with out.open("w") as fout, err.open("w") as ferr:
        proc = subprocess.Popen([str(ORGSIM), *args], stdout=fout, stderr=ferr,
                                start_new_session=True)
    seen: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # until both workers run their first jobs
            seen |= _descendants(proc.pid)
            workers = [p for p in seen if "loky" in _cmdline(p) and "resource_tracker"
                       not in _cmdline(p)]
            if len(workers) >= 2 and not any((tmp_path / "cmp" / "runs").rglob(SUMMARY)):
                time.sleep(2.0)
                break
            time.sleep(0.1)
        seen |= _descendants(proc.pid)
        assert len(seen) >= 2, f"no workers started: {err.read_text()}"
        proc.send_signal(sig)
        code = proc.wait(timeout=60)
        deadline = time.monotonic() + 10
        while any(_running(p) for p in seen) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [p for p in seen if _running(p)] == []
        assert code == 128 + sig
        assert err.read_text() == message
    finally:
        for pid in [proc.pid, *seen]:  # a failed test leaves nothing running either
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=10)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


# issue 18.7: arguments compare used to accept and get wrong; issue 16.1: scoped overrides
@pytest.mark.parametrize(("args", "message"), [
    (["scenario=baseline,focus", "outdir="], "outdir is empty"),
    (["scenario=baseline,focus", "max_new_runs=-1"], "max_new_runs = -1 is negative"),
    (["scenario=baseline,focus", "max_new_runs=abc"], "max_new_runs = 'abc' must be a whole"),
    (["scenario=baseline,focus", "reference=nosuch"],
     "reference = 'nosuch' is not one of the compared scenarios"),
    (["scenario=baseline,focus", "figures=maybe"], "figures = 'maybe' is not a yes/no value"),
    (["scenario=baseline,focus", "progress=sometimes"], "progress = 'sometimes' is not a yes/no"),
    (["scenario="], "scenario is empty"),
    (["scenario=,"], "scenario is empty"),
    (["scenario=baseline,recognition", "interventions.focus.strength=0.5"],
     "no compared scenario has an intervention 'focus'"),
    (["scenario=baseline,recognition", "+intervention@interventions.extra=recovery_policy"],
     "would add the intervention to every scenario, the reference included"),
    (["scenario=baseline,focus", "nosuch:weeks=10"], "'nosuch', which is not compared"),
    (["scenario=baseline,focus", "focus:=1"], "has no override after focus:"),
    (["scenario=baseline,baseline@start_week=2"], "scenario baseline has no intervention"),
    (["scenario=baseline,focus@start_week"], "'start_week' is not <field>=<value>"),
    (["scenario=baseline,nosuch@start_week=2"], "scenario='nosuch' is unknown"),
    (["scenario=baseline,focus@start_week=99", "weeks=20"], "is past the horizon"),
])
def test_wrong_arguments_are_refused_with_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    outdir = [] if any(a.startswith("outdir=") for a in args) else [f"outdir={tmp_path}/out"]
    code = main([*outdir, *args, "progress=false"] if "progress" not in " ".join(args)
                else [*outdir, *args])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("orgsim compare: error: ") and err.count("\n") == 1, err
    assert message in err
    assert list(tmp_path.iterdir()) == []  # nothing written, not even outputs/


def test_scoped_overrides_leave_the_reference_alone() -> None:
    from orgsim.experiments.compare import check_configs, scenario_overrides

    scens = ["baseline", "focus", "combined_org_package", "recognition", "focus@start_week=3"]
    args = ["weeks=20", "interventions.focus.start_week=5",
            "recognition:+intervention@interventions.extra=recovery_policy"]
    per = scenario_overrides(scens, [0], args)
    assert per["baseline"] == ["scenario=baseline", "weeks=20"]
    assert per["focus"] == ["scenario=focus", "weeks=20", "interventions.focus.start_week=5"]
    assert "interventions.focus.start_week=5" in per["combined_org_package"]
    assert per["recognition"] == ["scenario=recognition", "weeks=20",
                                  "+intervention@interventions.extra=recovery_policy"]
    # a variant's own setting comes last, so it wins over the scoped one
    assert per["focus@start_week=3"][-1] == "interventions.focus.start_week=3"
    prints = check_configs(scens, [0], args)
    assert prints["baseline"] == check_configs(["baseline"], [0], ["weeks=20"])["baseline"]
    assert prints["focus"] != prints["focus@start_week=3"]
    alone = check_configs(["focus"], [0], ["weeks=20", "interventions.focus.start_week=3"])
    assert prints["focus@start_week=3"] == alone["focus"]


@pytest.mark.slow  # two tiny sweeps
def test_a_variant_runs_in_its_own_directory_and_resumes(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    args = ["scenario=baseline,focus,focus@start_week=2", "replications=1", "launcher=basic",
            "progress=false", "figures=false", f"outdir={tmp_path}", *TINY]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "focus@start_week=2" in out and "[n/a]" in out and "needs at least 2" in out
    assert is_done(run_dir(tmp_path, "focus@start_week=2", 0))
    comp = load_results(tmp_path)["comparison"]
    assert list(comp.scenario) == ["baseline", "focus", "focus@start_week=2"]
    assert main(args) == 0
    assert "(0 new, 3 already done)" in capsys.readouterr().out
