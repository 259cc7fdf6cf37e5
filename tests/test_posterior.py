"""The calibration (orgsim calibrate): priors, the deterministic sampler, resuming, the
written ensemble, the command's option checks, and the shipped ensemble's provenance."""

from __future__ import annotations

import sys

import cloudpickle
import numpy as np
import pandas as pd
import pytest

from orgsim import load_config
from orgsim.calibration import abc, ensemble
from orgsim.calibration.priors import FIXED, PRIORS
from orgsim.calibration.targets import BY_KEY
from orgsim.fingerprint import MODEL_VERSION

# the toy models below run in joblib's worker processes, which cannot import this module
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def _default(cfg, key: str) -> float:
    section, name = key.split(".")
    return float(getattr(getattr(cfg, section), name))


def test_priors_are_valid_cover_the_defaults_and_compose():
    keys = [p.key for p in PRIORS]
    assert len(set(keys)) == len(keys) and not set(keys) & set(FIXED)
    cfg = load_config(list(abc.BASE))
    for p in PRIORS:
        assert p.lo < p.hi and p.sd > 0 and p.why, p.key
        assert p.lo <= _default(cfg, p.key) <= p.hi, f"{p.key}: default outside its prior"
    for end in ("lo", "hi"):  # both ends are valid config values
        ends = load_config([*abc.BASE, *abc.overrides_of(
            {p.key: getattr(p, end) for p in PRIORS})])
        for p in PRIORS:
            assert _default(ends, p.key) == p.value(getattr(p, end)), p.key


def _toy(theta, noise=0.1):
    return {"y": float(theta["a"] + 2 * theta["b"] + np.random.normal(0, noise))}  # noqa: NPY002


def _toy_distance(x, x_0):
    return abs(x["y"] - x_0["y"])


def _toy_run(tmp_path, name, generations=3, **kw):
    import pyabc

    prior = pyabc.Distribution(a=pyabc.RV("uniform", 0, 1), b=pyabc.RV("uniform", 0, 1))
    settings = abc.Settings(population=20, generations=generations, seeds=1, weeks=4,
                            **{"n_jobs": 1, "seed": 7, **kw})
    lines: list[str] = []
    history = abc.run_abc(settings, tmp_path / name, report=lines.append, model=_toy,
                          distance=_toy_distance, priors=prior, observed_stats={"y": 1.2})
    frame, w = history.get_distribution(m=0, t=history.max_t)
    return frame.sort_index(axis=1), np.asarray(w), history, lines


def test_sampler_is_deterministic_whatever_the_workers(tmp_path):
    one, w1, h1, lines = _toy_run(tmp_path, "one", n_jobs=1)
    two, w2, h2, _ = _toy_run(tmp_path, "two", n_jobs=2)
    pd.testing.assert_frame_equal(one.reset_index(drop=True), two.reset_index(drop=True))
    np.testing.assert_array_equal(w1, w2)
    eps1, eps2 = (h.get_all_populations()["epsilon"].to_numpy() for h in (h1, h2))
    np.testing.assert_array_equal(eps1, eps2)
    assert eps1[-1] < eps1[-2] < np.inf  # epsilon falls
    assert any(line.startswith("generation 2: epsilon") for line in lines)  # progress
    other, *_ = _toy_run(tmp_path, "other", seed=8)
    assert not np.array_equal(other.to_numpy(), one.to_numpy())


def test_resume_continues_where_it_stopped(tmp_path):
    straight, w, *_ = _toy_run(tmp_path, "straight", generations=3)
    _toy_run(tmp_path, "resumed", generations=2)
    cost_two = abc._read_json(tmp_path / "resumed" / abc.COST)
    resumed, w_resumed, history, lines = _toy_run(tmp_path, "resumed", generations=3)
    assert lines[0].startswith("continuing") and "2 generation(s) done" in lines[0]
    assert not any(line.startswith(("generation 0", "generation 1")) for line in lines)
    assert history.max_t == 2
    pd.testing.assert_frame_equal(straight.reset_index(drop=True),
                                  resumed.reset_index(drop=True))
    np.testing.assert_array_equal(w, w_resumed)
    cost = abc._read_json(tmp_path / "resumed" / abc.COST)
    assert cost["simulations"] > cost_two["simulations"] and len(cost["generations"]) == 3


def test_other_settings_are_refused_in_the_same_directory(tmp_path):
    _toy_run(tmp_path, "run", generations=1)
    with pytest.raises(abc.CalibrationError, match="other settings"):
        _toy_run(tmp_path, "run", generations=1, seed=3)


def _fake_model(theta):
    """Stand-in for the simulation (fast): statistics that move with two parameters."""
    x = {k: (BY_KEY[k].lo + BY_KEY[k].hi) / 2 for k in abc.TARGET_KEYS}
    x["complaints_pct"] += 400 * (theta["params.drain_rate"] - 0.0237)
    x["icc_exhaustion"] += 2 * (theta["org.team_variation"] - 0.15) + np.random.normal(0, .02)  # noqa: NPY002
    return x


def test_written_ensemble_loads_and_every_set_composes(tmp_path):
    settings = abc.Settings(population=10, generations=2, seeds=1, weeks=4, n_jobs=1)
    history = abc.run_abc(settings, tmp_path / "run", report=lambda line: None,
                          model=_fake_model)
    path = abc.write_posterior(history, settings, tmp_path / "ens", "orgsim calibrate test",
                               {"simulations": 1})
    ens = ensemble.load(path)
    assert len(ens) == 10 and ens.keys == [p.key for p in PRIORS]
    assert ens.meta["targets_sha256"] == abc.targets_sha256()
    assert ens.meta["model_version"] == MODEL_VERSION and ens.meta["generations"] == 2
    for i in range(len(ens)):
        cfg = load_config([*abc.BASE, *ens.overrides(i)])
        assert cfg.params.drain_rate == ens.values(i)["params.drain_rate"]
    assert (ens.table["params.min_sick_weeks"] % 1 == 0).all()
    assert ensemble.equal_weights(ens)  # stored resampled by the importance weights
    table, weights = abc.posterior_table(history)
    expected = ensemble.resample(table, weights, len(table), settings.seed)
    np.testing.assert_array_equal(ens.table.to_numpy(), expected.to_numpy())
    assert ens.meta["stored"]["distinct_sets"] == len(expected.drop_duplicates())


def test_band_distance_is_zero_inside_the_bands_and_in_band_widths():
    inside = abc.observed()
    assert abc.band_distance(inside) == 0.0
    t = BY_KEY["complaints_pct"]
    assert abc.band_distance({**inside, "complaints_pct": t.hi + 2 * (t.hi - t.lo)}) == 2.0
    assert abc.band_distance({**inside, "episode_days": float("nan")}) == abc.MISSING


@pytest.mark.parametrize("argv, message", [
    (["--population", "3"], "--population must be an integer from 10 to"),
    (["--generations", "0"], "--generations must be an integer from 1 to"),
    (["--seeds", "two"], "--seeds: invalid int value"),
    (["--min-epsilon", "-1"], "--min-epsilon must be a number from 0 to"),
    (["--launcher", "dask"], "--launcher must be one of joblib, ray"),
    (["--n-jobs", "0"], "--n-jobs must be an integer from 1 to"),
    (["weeks"], "override 'weeks' must be key=value"),
    (["org.n_employees=-5"], "n_employees"),
])
def test_the_command_refuses_bad_options_with_one_line(argv, message, capsys):
    with pytest.raises(SystemExit) as stop:
        abc.main(argv)
    err = capsys.readouterr().err.strip()
    assert stop.value.code == 2 and message in err and len(err.splitlines()) == 1, err
    assert err.startswith("orgsim calibrate: error:")


def test_the_shipped_ensemble_was_fitted_to_these_targets_and_this_model():
    ens = ensemble.load()
    assert ens.meta["targets_sha256"] == abc.targets_sha256(), (
        "the calibration targets changed since the shipped ensemble was made: regenerate "
        "it with `make posterior`")
    assert ens.meta["model_version"] == MODEL_VERSION, (
        "the model version changed since the shipped ensemble was made: `make posterior`")
    assert ens.keys == [p.key for p in PRIORS]
    for p in PRIORS:
        assert ens.table[p.key].between(p.lo, p.hi).all(), p.key
    load_config([*abc.BASE, *ens.overrides(int(np.argmax(ens.weights)))])


@pytest.mark.slow  # a real (tiny) calibration through the command: ~20 s
def test_the_command_runs_end_to_end(tmp_path, capsys):
    argv = ["--population", "10", "--generations", "2", "--seeds", "1", "--weeks", "12",
            "--n-jobs", "1", "--outdir", str(tmp_path), "org.n_employees=40"]
    assert abc.main(argv) == 0
    out = capsys.readouterr().out
    assert "generation 1: epsilon" in out and "ensemble:" in out
    ens = ensemble.load(tmp_path / abc.ENSEMBLE_DIR)
    assert len(ens) == 10 and ens.meta["command"].startswith("orgsim calibrate --population")
    assert ens.meta["cost"]["simulations"] >= 20 and ens.meta["cost"]["cpu_seconds"] > 0
    assert abc.main(argv) == 0  # again: nothing left to do, the same ensemble
    assert ensemble.load(tmp_path / abc.ENSEMBLE_DIR).sha256() == ens.sha256()


@pytest.mark.slow  # starts a local Ray (~10-20 s)
def test_ray_launcher_gives_the_same_posterior(tmp_path):
    pytest.importorskip("ray")
    import ray

    try:
        joblib_run, w1, *_ = _toy_run(tmp_path, "joblib", generations=2, n_jobs=2)
        ray_run, w2, *_ = _toy_run(tmp_path, "ray", generations=2, n_jobs=2, launcher="ray")
    finally:
        ray.shutdown()
    pd.testing.assert_frame_equal(joblib_run.reset_index(drop=True),
                                  ray_run.reset_index(drop=True))
    np.testing.assert_array_equal(w1, w2)


def test_identification_tells_a_narrow_posterior_from_the_prior():
    from orgsim.calibration.posterior_checks import identification

    rng = np.random.default_rng(0)
    table = pd.DataFrame({p.key: rng.uniform(p.lo, p.hi, 400) for p in PRIORS})
    drain = PRIORS[0]
    table[drain.key] = rng.normal((drain.lo + drain.hi) / 2, drain.sd / 5, 400)
    ens = ensemble.Ensemble(table, np.full(400, 1 / 400))
    ident = identification(ens).set_index("parameter")
    assert ident.loc[drain.key, "verdict"] == "identified"
    assert ident.loc[drain.key, "sd_ratio"] == pytest.approx(0.2, abs=0.03)
    others = ident.drop(index=drain.key)
    assert (others["verdict"] == "not identified").all()
    assert others["sd_ratio"].between(0.9, 1.1).all()


def test_a_damaged_bookkeeping_file_is_one_line(tmp_path, capsys):
    """A damaged settings.json (or cost.json) in the run directory stops with one line
    naming it, exit 2, instead of a traceback (issue 18 item 7)."""
    (tmp_path / abc.SETTINGS).write_text("{bad")
    with pytest.raises(SystemExit) as stop:
        abc.main(["--population", "10", "--generations", "1", "--seeds", "1", "--weeks", "4",
                  "--n-jobs", "1", "--outdir", str(tmp_path)])
    err = capsys.readouterr().err.strip()
    assert stop.value.code == 2 and len(err.splitlines()) == 1, err
    assert err.startswith("orgsim calibrate: error: ") and "settings.json: cannot be read" in err
