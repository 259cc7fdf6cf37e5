"""Replications as a batch (issue 14.3): each configuration composed once, chunks of seeds per
task, and the launchers that run the tasks (basic, joblib, slurm via submitit)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pandas as pd
import pytest

from orgsim.compose import load_config
from orgsim.config import Config
from orgsim.experiments import load_results
from orgsim.experiments.compare import main
from orgsim.experiments.runner import (
    SLURM_CLUSTER,
    SLURM_OPTIONS,
    SUMMARY,
    Batch,
    SweepError,
    batches,
    launch,
    run_batch,
    run_dir,
    run_job,
)

TINY = ["org.n_employees=20", "org.team_size=5", "weeks=6", "warmup_weeks=4",
        "params.drain_rate=0.015"]


def _files(outdir: Path) -> dict[str, Any]:
    """Every file of every run under ``outdir``: parquet files as frames, others as bytes."""
    found: dict[str, Any] = {}
    for path in sorted((outdir / "runs").rglob("*")):
        if path.is_file():
            key = str(path.relative_to(outdir))
            found[key] = (pd.read_parquet(path) if path.suffix == ".parquet"
                          else path.read_bytes())
    return found


def _assert_same_runs(a: Path, b: Path) -> None:
    fa, fb = _files(a), _files(b)
    assert sorted(fa) == sorted(fb) and fa
    for key, value in fa.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, fb[key], check_exact=True)
        else:
            assert value == fb[key], key


def test_batches_split_each_configuration_into_even_runs_of_consecutive_seeds() -> None:
    configs = {"baseline": cast(Config, "cfg-a"), "focus@start_week=2": cast(Config, "cfg-b")}
    todo = [("baseline", k) for k in range(20)] + [("focus@start_week=2", k)
                                                   for k in (3, 4, 5, 9)]
    tasks = batches(configs, todo, n_workers=2)  # 24 runs, ~8 tasks: at most 3 seeds each
    assert [t.seeds for t in tasks if t.name == "baseline"] == [
        (0, 1, 2), (3, 4, 5), (6, 7, 8), (9, 10, 11), (12, 13, 14), (15, 16, 17), (18, 19)]
    assert [t.seeds for t in tasks if t.name != "baseline"] == [(3, 4), (5, 9)]
    assert {t.cfg for t in tasks if t.name == "baseline"} == {"cfg-a"}
    assert {t.cfg for t in tasks if t.name != "baseline"} == {"cfg-b"}
    # one worker: still several tasks (a resume keeps finished runs either way)
    assert sum(len(t.seeds) for t in batches(configs, todo, n_workers=1)) == 24
    assert batches(configs, [], n_workers=2) == []
    assert [t.seeds for t in batches(configs, [("baseline", 7)], n_workers=64)] == [(7,)]


def test_a_batch_equals_runs_composed_one_by_one(tmp_path: Path) -> None:
    """The config composed once and run for several seeds gives the same files as composing
    it again for each seed (what each Hydra job did before); the batch's config is left as
    it was, and a finished run is not run again."""
    once = load_config(["scenario=focus", *TINY, "seed=0"])
    batch = Batch("focus", once, (0, 1, 2))
    assert run_batch(tmp_path / "batch", batch) == 3
    assert once.seed == 0
    for seed in batch.seeds:
        cfg = load_config(["scenario=focus", *TINY, f"seed={seed}"])
        assert run_job(cfg, run_dir(tmp_path / "each", "focus", seed))
    _assert_same_runs(tmp_path / "batch", tmp_path / "each")
    summaries = [pd.read_json(run_dir(tmp_path / "batch", "focus", k) / SUMMARY, typ="series")
                 for k in batch.seeds]
    assert [s["seed"] for s in summaries] == [0, 1, 2]
    assert summaries[0]["burnout_complaints_pct"] != summaries[1]["burnout_complaints_pct"]
    assert run_batch(tmp_path / "batch", batch) == 0  # done: skipped


def test_a_failing_task_is_one_sweep_error(tmp_path: Path) -> None:
    (tmp_path / "runs").write_text("not a directory")
    cfg = load_config(["scenario=baseline", *TINY])
    with pytest.raises(SweepError, match=r"^a basic task failed: (FileExistsError|NotADir)"):
        launch(tmp_path, [Batch("baseline", cfg, (0,))], "basic", 1)


def test_a_launcher_that_cannot_run_here_is_refused_before_any_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    try:
        import submitit  # noqa: F401
    except ImportError:
        message = "launcher=slurm needs submitit: pip install 'orgsim[slurm]'"
    else:
        monkeypatch.setenv(SLURM_CLUSTER, "local")
        monkeypatch.setenv(SLURM_OPTIONS, '{"timeout_min": "an hour"}')
        message = f"{SLURM_OPTIONS}: Parameter \"timeout_min\" expected type"
    out = tmp_path / "out"
    assert main(["scenario=baseline", "launcher=slurm", "progress=false", f"outdir={out}",
                 *TINY]) == 2
    err = capsys.readouterr().err
    assert err.startswith("orgsim compare: error: ") and err.count("\n") == 1, err
    assert message in err
    assert not out.exists()


@pytest.mark.slow  # submitit's local executor: a subprocess per task
def test_the_slurm_launcher_runs_the_tasks_as_submitit_jobs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """launcher=slurm with submitit's ``local`` cluster (the same job array, run as local
    subprocesses instead of by SLURM) gives the same runs as the sequential launcher."""
    pytest.importorskip("submitit", reason="pip install -e '.[slurm]'")
    monkeypatch.setenv(SLURM_CLUSTER, "local")
    args = ["scenario=baseline,focus", "replications=2", "n_jobs=1", "progress=false",
            "figures=false", *TINY]
    assert main([*args, "launcher=slurm", f"outdir={tmp_path / 'slurm'}"]) == 0
    assert any((tmp_path / "slurm" / "submitit").glob("*_log.out"))  # ran by submitit
    assert main([*args, "launcher=basic", f"outdir={tmp_path / 'basic'}"]) == 0
    _assert_same_runs(tmp_path / "slurm", tmp_path / "basic")
    a, b = load_results(tmp_path / "slurm"), load_results(tmp_path / "basic")
    pd.testing.assert_frame_equal(a["comparison"], b["comparison"], check_exact=True)


@pytest.mark.slow  # every shipped scenario twice
def test_a_shared_warm_up_gives_the_runs_of_separate_ones(tmp_path: Path) -> None:
    """Scenarios that only add interventions share each seed's warm-up (one task runs them
    after it); every run file equals the run made on its own, for every shipped scenario
    (those that change the organisation or policies get a warm-up of their own)."""
    from orgsim.configs import scenario as scenario_configs
    from orgsim.experiments.runner import TEAMS, TIMESERIES

    names = sorted(p.stem for p in Path(scenario_configs.__file__).parent.glob("*.yaml"))
    configs = {name: load_config([f"scenario={name}", "org.n_employees=80", "warmup_weeks=30",
                                  "weeks=60", "org_seed=0"]) for name in names}
    todo = [(name, seed) for name in names for seed in (0, 1)]
    shared = batches(configs, todo, 1)
    assert any(task.others for task in shared)
    launch(tmp_path / "shared", shared, "basic", 1)
    alone = [Batch(name, configs[name], (seed,)) for name, seed in todo]
    launch(tmp_path / "alone", alone, "basic", 1)
    for name, seed in todo:
        for file in (TIMESERIES, TEAMS, SUMMARY):
            a = (run_dir(tmp_path / "shared", name, seed) / file).read_bytes()
            b = (run_dir(tmp_path / "alone", name, seed) / file).read_bytes()
            assert a == b, (name, seed, file)
