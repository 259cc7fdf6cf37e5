"""Parameter uncertainty in ``orgsim compare`` (issue 15): ``params=posterior`` runs the same
(parameter set, seed) pairs in every scenario, so scenarios differ only by their
interventions; the intervals are random-effects intervals whose variance splits into
parameter sets and chance; ``params=point`` is today's comparison."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from orgsim import report
from orgsim.calibration import ensemble
from orgsim.compose import load_config
from orgsim.experiments import params
from orgsim.experiments.compare import main as compare_main
from orgsim.experiments.runner import TIMESERIES, run_dir, simulate
from orgsim.experiments.stats import compare_table, nested_interval, t_interval
from orgsim.fingerprint import MODEL_VERSION
from orgsim.report import data

SMALL = ["launcher=basic", "n_jobs=1", "figures=false", "progress=false",
         "org.n_employees=30", "weeks=26", "warmup_weeks=8"]
#: focus at strength 0: it changes nothing in the simulation, only books its costs
NULL_FOCUS = "interventions.focus.strength=0"
FILES = ("runs.parquet", "summaries.csv", "comparison.csv")


def write_ensemble(path: Path, n: int = 6, version: str = MODEL_VERSION) -> Path:
    """A small test ensemble: a few parameters perturbed around their defaults."""
    rng = np.random.default_rng(7)
    table = pd.DataFrame({"params.drain_rate": 0.0237 * rng.uniform(0.7, 1.3, n),
                          "params.onset_hazard": 0.45 * rng.uniform(0.7, 1.3, n),
                          "demands.workload": 0.63 * rng.uniform(0.9, 1.1, n)})
    return ensemble.write(path, table, np.ones(n), {"model_version": version,
                                                    "method": "test"})


# ----------------------------------------------------------------------------- statistics
def test_nested_interval_on_a_table_worked_out_by_hand() -> None:
    values = [1.0, 3.0, 5.0, 7.0, 2.0, 2.0]
    groups = [0, 0, 1, 1, 2, 2]
    mean, lo, hi, share = nested_interval(values, groups)
    # set means 2, 6, 2: var 16/3; within (pooled, 3 df): 4/3; M = 2
    tau2 = 16 / 3 - (4 / 3) / 2
    var = tau2 * (1 + 1 / 3) + (4 / 3) / (3 * 2)
    half = stats.t.ppf(0.975, 2) * np.sqrt(var)
    assert mean == pytest.approx(10 / 3)
    assert (lo, hi) == pytest.approx((10 / 3 - half, 10 / 3 + half))
    assert share == pytest.approx(tau2 * (4 / 3) / var)
    # the floor cuts the low end only
    assert nested_interval(values, groups, floor=0.0)[1] == max(0.0, 10 / 3 - half)


@pytest.mark.parametrize("tau, sigma", [(2.0, 1.0), (1.0, 3.0), (0.0, 1.0)])
def test_the_decomposition_recovers_known_variance_components(tau: float, sigma: float) -> None:
    k_sets, m = 4000, 4
    rng = np.random.default_rng(11)
    effects = rng.normal(0.0, tau, k_sets)
    values = (effects[:, None] + rng.normal(0.0, sigma, (k_sets, m))).ravel()
    groups = np.repeat(np.arange(k_sets), m)
    mean, lo, hi, share = nested_interval(values, groups)
    var = ((hi - lo) / 2 / stats.t.ppf(0.975, k_sets - 1)) ** 2
    chance = sigma**2 / (k_sets * m)
    tau2_hat = share * var / (1 + 1 / k_sets)
    assert (1 - share) * var == pytest.approx(chance, rel=0.15)  # within-set variance
    if tau:
        assert tau2_hat == pytest.approx(tau**2, rel=0.2)
        assert share == pytest.approx(tau**2 / (tau**2 + chance), abs=0.01)
    else:  # no parameter effect: the (truncated) estimate is only noise, small vs chance
        assert tau2_hat < 0.05 * sigma**2
        assert lo < 0 < hi


def test_more_seeds_shrink_chance_but_not_the_parameter_part() -> None:
    rng = np.random.default_rng(5)
    effects = rng.normal(0.0, 1.0, 20)
    widths = []
    for m in (2, 50):
        values = (effects[:, None] + rng.normal(0.0, 2.0, (20, m))).ravel()
        mean, lo, hi, share = nested_interval(values, np.repeat(np.arange(20), m))
        widths.append(hi - lo)
    t20 = stats.t.ppf(0.975, 19)
    assert widths[1] > 2 * t20 * float(np.std(effects, ddof=1)) * 0.6  # stays ~ the spread
    assert widths[1] < widths[0]


def test_one_set_is_the_t_interval_and_point_tables_have_no_share_columns() -> None:
    v = [1.0, 2.0, 4.0]
    assert nested_interval(v, [3, 3, 3])[:3] == t_interval(v)
    assert np.isnan(nested_interval(v, [3, 3, 3])[3])
    summaries = pd.DataFrame({"scenario": ["baseline"] * 4 + ["focus"] * 4,
                              "seed": [0, 1, 2, 3] * 2,
                              "absence_rate_pct": [1.0, 2.0, 3.0, 5.0, 0.5, 1.0, 2.0, 4.5]})
    point = compare_table(summaries, metrics=["absence_rate_pct"])
    assert not [c for c in point.columns if "share" in c]
    nested = compare_table(summaries.assign(param_set=[4, 4, 1, 1] * 2),
                           metrics=["absence_rate_pct"])
    diff = [-0.5, -1.0, -1.0, -0.5]
    assert tuple(nested.loc[1, ["absence_rate_pct_diff", "absence_rate_pct_diff_ci_low",
                                "absence_rate_pct_diff_ci_high",
                                "absence_rate_pct_diff_param_share"]]) == pytest.approx(
        nested_interval(diff, [4, 4, 1, 1]))


def test_the_figure_bands_are_the_nested_intervals_week_by_week() -> None:
    from orgsim.experiments.stats import band

    rng = np.random.default_rng(2)
    seeds, weeks = range(6), range(1, 4)
    sets = {0: 5, 1: 5, 2: 0, 3: 0, 4: 2, 5: 2}
    runs = pd.DataFrame([{"scenario": scen, "seed": k, "week": w, "metric": "m",
                          "value": rng.normal(sets[k], 1.0)}
                         for scen in ("a", "b") for k in seeds for w in weeks])
    b = band(runs, "m", param_sets=sets).set_index(["scenario", "week"])
    for (scen, week), row in b.iterrows():
        sub = runs[(runs.scenario == scen) & (runs.week == week)]
        mean, lo, hi, _ = nested_interval(sub["value"], sub["seed"].map(sets))
        assert (row["mean"], row["ci_low"], row["ci_high"]) == pytest.approx((mean, lo, hi))
    point = band(runs, "m")
    assert (point["ci_high"] - point["ci_low"]).mean() < (b["ci_high"] - b["ci_low"]).mean()


def test_sets_are_drawn_without_replacement_deterministically(tmp_path: Path) -> None:
    write_ensemble(tmp_path / "ens", n=10)
    opts = {"params": "posterior", "ensemble": str(tmp_path / "ens"), "replications": 12,
            "first_seed": 5, "param_sets": None}
    plan = params.design(opts, [])
    assert len(plan.sets) == 6 and len(set(plan.sets)) == 6 and plan.seeds_per_set == 2
    assert plan == params.design(opts, [])  # the same command draws the same sets
    assert [plan.set_of(k) for k in (5, 6, 7)] == [plan.sets[0], plan.sets[0], plan.sets[1]]
    assert params.design({**opts, "first_seed": 6}, []).sets != plan.sets
    three = params.design({**opts, "param_sets": 3}, [])
    assert len(three.sets) == 3 and three.seeds_per_set == 4
    assert params.design({**opts, "params": "point"}, []) == params.Design()
    # the default: the most sets with 2+ seeds each that the ensemble has, else 1 seed per set
    assert [params.default_sets(r, 10) for r in (2, 3, 4, 9, 12, 20, 40, 11)] == [
        2, 3, 2, 3, 6, 10, 10, None]
    assert params.default_sets(20, 6) == 5 and params.default_sets(7, 6) is None


def test_one_seed_per_set_gives_an_interval_but_no_decomposition() -> None:
    values = [1.0, 4.0, 2.0, 7.0]
    mean, lo, hi, share = nested_interval(values, [0, 1, 2, 3])
    assert np.isnan(share)
    half = stats.t.ppf(0.975, 3) * np.sqrt(np.var(values, ddof=1) * (1 + 1 / 4))
    assert (mean, lo, hi) == pytest.approx((3.5, 3.5 - half, 3.5 + half))


# ------------------------------------------------------------------------- a comparison
@pytest.fixture(scope="module")
def posterior_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """baseline vs a focus that changes nothing, 2 parameter sets x 2 seeds."""
    root = tmp_path_factory.mktemp("prop")
    ens = write_ensemble(root / "ens")
    outdir = root / "post"
    args = ["scenario=baseline,focus", "replications=4", "params=posterior",
            f"ensemble={ens}", f"outdir={outdir}", NULL_FOCUS, *SMALL]
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert compare_main(args) == 0
    return ens, outdir, buf.getvalue()


def test_pairing_scenarios_differ_only_by_their_interventions(posterior_run) -> None:
    _, outdir, _ = posterior_run
    meta = json.loads((outdir / "meta.json").read_text())
    of_seed = meta["params"]["set_of_seed"]
    assert len(set(of_seed.values())) == 2
    for seed in meta["seeds"]:
        base = pd.read_parquet(run_dir(outdir, "baseline", seed) / TIMESERIES)
        focus = pd.read_parquet(run_dir(outdir, "focus", seed) / TIMESERIES)
        # the same (parameter set, seed): identical futures, only the intervention's cost
        pd.testing.assert_frame_equal(base.drop(columns="intervention_cost_eur"),
                                      focus.drop(columns="intervention_cost_eur"))
        assert focus["intervention_cost_eur"].sum() > 0 == base["intervention_cost_eur"].sum()
        prints = [json.loads((run_dir(outdir, s, seed) / "fingerprint.json").read_text())
                  for s in ("baseline", "focus")]
        assert prints[0]["param_set"] == prints[1]["param_set"] == of_seed[str(seed)]
        assert prints[0]["ensemble_sha256"] == meta["params"]["ensemble_sha256"]
    summaries = pd.read_csv(outdir / "summaries.csv")
    by_scen = summaries.pivot(index="seed", columns="scenario", values="param_set")
    assert (by_scen["baseline"] == by_scen["focus"]).all()
    # nested: consecutive seeds share a set
    assert of_seed["0"] == of_seed["1"] != of_seed["2"] == of_seed["3"]


def test_a_run_equals_a_direct_run_of_its_parameter_set_and_seed(posterior_run) -> None:
    ens, outdir, _ = posterior_run
    meta = json.loads((outdir / "meta.json").read_text())
    seed = 2
    index = meta["params"]["set_of_seed"][str(seed)]
    overrides = [o for o in meta["scenario_overrides"]["baseline"]]
    cfg = load_config([*overrides, *ensemble.load(ens).overrides(index), f"seed={seed}"])
    ts, _, _ = simulate(cfg)
    stored = pd.read_parquet(run_dir(outdir, "baseline", seed) / TIMESERIES)
    pd.testing.assert_frame_equal(stored, ts, check_exact=True)


def test_the_table_names_the_mode_and_the_shares(posterior_run) -> None:
    _, outdir, out = posterior_run
    assert "params=posterior (2 parameter sets x 2 seeds" in out
    assert "% from parameter uncertainty" in out
    comparison = pd.read_csv(outdir / "comparison.csv")
    share = comparison["absence_rate_pct_param_share"]
    assert ((share >= 0) & (share <= 1)).all()


def test_same_command_twice_and_a_resume_give_identical_outputs(
        posterior_run, tmp_path: Path) -> None:
    ens, outdir, _ = posterior_run
    again = tmp_path / "again"
    args = ["scenario=baseline,focus", "replications=4", "params=posterior",
            f"ensemble={ens}", f"outdir={again}", NULL_FOCUS, *SMALL]
    assert compare_main([*args, "max_new_runs=3"]) == 0  # interrupted ...
    assert not (again / "summaries.csv").exists()
    assert compare_main(args) == 0  # ... and resumed
    for name in FILES:
        assert (again / name).read_bytes() == (outdir / name).read_bytes(), name
    for seed in range(4):
        for scen in ("baseline", "focus"):
            for f in ("fingerprint.json", "summary.json"):
                assert ((run_dir(again, scen, seed) / f).read_bytes()
                        == (run_dir(outdir, scen, seed) / f).read_bytes())


def test_resume_refuses_to_mix_point_and_posterior_runs(posterior_run, tmp_path: Path,
                                                        capsys) -> None:
    ens, outdir, _ = posterior_run
    mixed = tmp_path / "mixed"
    shutil.copytree(outdir, mixed)
    before = (mixed / "meta.json").read_bytes()
    base = ["scenario=baseline,focus", "replications=4", f"outdir={mixed}", NULL_FOCUS, *SMALL]
    capsys.readouterr()
    assert compare_main([*base, "params=point"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "made with params=posterior, this command uses params=point" in err
    assert (mixed / "meta.json").read_bytes() == before
    # another ensemble: refused as well
    other = write_ensemble(tmp_path / "other", n=8)
    assert compare_main([*base, "params=posterior", f"ensemble={other}"]) == 2
    assert "another parameter ensemble" in capsys.readouterr().err
    # and a point comparison does not take posterior runs
    point = tmp_path / "point"
    assert compare_main(["scenario=baseline", "replications=4", f"outdir={point}",
                         *SMALL]) == 0
    assert compare_main(["scenario=baseline", "replications=4", f"outdir={point}",
                         "params=posterior", f"ensemble={ens}", *SMALL]) == 2
    assert "made with params=point, this command uses params=posterior" in \
        capsys.readouterr().err


def test_point_is_todays_comparison(tmp_path: Path, capsys) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    common = ["scenario=baseline,focus", "replications=2", *SMALL]
    assert compare_main([*common, f"outdir={a}"]) == 0
    out = capsys.readouterr().out
    assert "params=point (one fitted parameter set: chance only)" in out
    assert "parameter uncertainty" not in out
    assert compare_main([*common, f"outdir={b}", "params=point"]) == 0
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes()
    meta = json.loads((a / "meta.json").read_text())
    assert "params" not in meta
    assert "param_set" not in pd.read_csv(a / "summaries.csv").columns
    assert "param_set" not in json.loads((run_dir(a, "focus", 1) / "fingerprint.json")
                                         .read_text())
    # a point run's numbers are those of the scenario's own configuration
    cfg = load_config([*meta["scenario_overrides"]["baseline"], "seed=1"])
    pd.testing.assert_frame_equal(pd.read_parquet(run_dir(a, "baseline", 1) / TIMESERIES),
                                  simulate(cfg)[0], check_exact=True)


@pytest.mark.parametrize("extra, message", [
    (["params=foo"], "params = 'foo'; choose one of: point, posterior"),
    (["params=posterior", "param_sets=0"], "param_sets = 0 is out of range; allowed [2, 4]"),
    (["params=posterior", "ensemble=ENS", "replications=8", "param_sets=7"],
     "param_sets = 7 is out of range; allowed [2, 6]"),
    (["params=posterior", "param_sets=x"], "param_sets = 'x' must be an integer"),
    (["param_sets=2"], "param_sets is for params=posterior"),
    (["ensemble=ENS"], "ensemble is for params=posterior"),
    (["params=posterior", "ensemble=NOWHERE"], "ensemble.csv: not found"),
    (["params=posterior", "ensemble=STALE"], "fitted with model version 0"),
    (["params=posterior", "ensemble=UNVERSIONED"], "names no model_version"),
    (["params=posterior", "ensemble=UNEQUAL"], "has unequal weights"),
    (["params=posterior", "ensemble=ENS", "replications=1"], "replications = 1 is too few"),
    (["params=posterior", "ensemble=ENS", "replications=7"], "do not split into 2 to 6"),
    (["params=posterior", "ensemble=ENS", "replications=6", "param_sets=3",
      "params.drain_rate=0.02"], "params.drain_rate is set on the command line"),
    (["params=posterior", "ensemble=ENS", "replications=8", "param_sets=3"],
     "param_sets = 3 does not divide replications = 8"),
])
def test_bad_values_are_one_line_exit_2_and_nothing_written(
        tmp_path: Path, capsys, extra: list[str], message: str) -> None:
    ens = write_ensemble(tmp_path / "ens")
    stale = write_ensemble(tmp_path / "stale", version="0")
    unversioned = write_ensemble(tmp_path / "unversioned")
    meta = json.loads((unversioned / ensemble.META).read_text())
    (unversioned / ensemble.META).write_text(json.dumps({"method": meta["method"]}))
    unequal = write_ensemble(tmp_path / "unequal")
    table = ensemble.load(unequal).table
    ensemble.write(unequal, table, np.arange(1, len(table) + 1),
                   json.loads((unequal / ensemble.META).read_text()))
    extra = [e.replace("=ENS", f"={ens}").replace("=NOWHERE", f"={tmp_path / 'nowhere'}")
             .replace("=STALE", f"={stale}").replace("=UNVERSIONED", f"={unversioned}")
             .replace("=UNEQUAL", f"={unequal}")
             for e in extra]
    outdir = tmp_path / "out"
    args = ["scenario=baseline,focus", f"outdir={outdir}", *SMALL]
    if not any(e.startswith("replications=") for e in extra):
        args.append("replications=4")
    assert compare_main([*args, *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("orgsim compare: error: ") and len(err.strip().splitlines()) == 1
    assert message in err, err
    assert not outdir.exists()


def test_no_shipped_ensemble_is_one_clear_line(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(ensemble, "shipped_path", lambda: tmp_path / "none")
    monkeypatch.setenv("ORGSIM_HOME", str(tmp_path / "home"))
    assert compare_main(["scenario=baseline", "replications=4", "params=posterior",
                         f"outdir={tmp_path / 'out'}", *SMALL]) == 2
    err = capsys.readouterr().err
    assert "params=posterior needs a parameter ensemble" in err and "params=point" in err
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------- the report
def test_the_report_says_what_the_ranges_include(posterior_run, tmp_path: Path) -> None:
    _, outdir, _ = posterior_run
    comp = data.load(outdir)
    assert comp.param_sets is not None and len(set(comp.param_sets)) == 2
    effect = data.net_effect(data.scenario_numbers(comp, "baseline"),
                             data.scenario_numbers(comp, "focus"))
    share = effect.net_saving.param_share
    assert 0 <= share <= 1
    summaries = pd.read_csv(outdir / "summaries.csv")
    assert effect.intervention_cost.mean == pytest.approx(
        summaries[summaries.scenario == "focus"]["intervention_cost_eur"].mean())
    en = report.build_report(comp, "en", date="2026-01-01")
    assert "two kinds of uncertainty" in en and "not knowing the model's settings" in en
    assert f"Focus about {100 * share:.0f}%" in en
    nl = report.build_report(comp, "nl", date="2026-01-01")
    assert "twee soorten onzekerheid" in nl and f"ongeveer {100 * share:.0f}%" in nl
    command = data.rerun_command(outdir)
    assert "params=posterior param_sets=2 ensemble=" in command
    # a run whose parameter set was changed is refused
    tampered = tmp_path / "tampered"
    shutil.copytree(outdir, tampered)
    fp = run_dir(tampered, "focus", 0) / "fingerprint.json"
    stamp = json.loads(fp.read_text())
    fp.write_text(json.dumps({**stamp, "param_set": stamp["param_set"] + 1}))
    with pytest.raises(data.ReportError, match="parameter set"):
        data.load(tampered)


@pytest.mark.slow  # a second comparison
def test_a_point_report_says_chance_only(tmp_path: Path) -> None:
    outdir = tmp_path / "point"
    assert compare_main(["scenario=baseline,focus", "replications=2", f"outdir={outdir}",
                         *SMALL]) == 0
    comp = data.load(outdir)
    assert comp.param_sets is None
    assert "around one fitted setting of the model" in report.build_report(comp, "en")
    assert "rond één vastgestelde instelling" in report.build_report(comp, "nl")


def test_the_report_and_the_table_give_the_same_intervals(posterior_run) -> None:
    _, outdir, _ = posterior_run
    from orgsim.experiments.compare import horizon_table

    comp = data.load(outdir)
    meta = json.loads((outdir / "meta.json").read_text())
    sets = {int(k): v for k, v in meta["params"]["set_of_seed"].items()}
    table = horizon_table(pd.read_parquet(outdir / "runs.parquet"), "baseline", comp.config,
                          comp.horizon, sets).set_index("scenario")
    effect = data.net_effect(data.scenario_numbers(comp, "baseline"),
                             data.scenario_numbers(comp, "focus")).net_saving
    row = table.loc["focus"]
    assert (effect.mean, effect.lo, effect.hi, effect.param_share) == pytest.approx(
        (row["net_saving_eur_mean"], row["net_saving_eur_ci_low"],
         row["net_saving_eur_ci_high"], row["net_saving_eur_param_share"]))


def test_a_posterior_comparison_has_its_own_default_outdir() -> None:
    from orgsim.experiments.compare import parse

    point, _ = parse(["scenario=baseline,focus"])
    post, _ = parse(["scenario=baseline,focus", "params=posterior"])
    assert point["outdir"].endswith("baseline_focus_r20")
    assert post["outdir"].endswith("baseline_focus_r20_posterior")
    other, _ = parse(["scenario=baseline,focus", "params=posterior", "param_sets=5"])
    assert other["outdir"] != post["outdir"]


@pytest.mark.slow  # starts the joblib workers
def test_joblib_gives_the_runs_of_the_sequential_launcher(posterior_run,
                                                          tmp_path: Path) -> None:
    ens, outdir, _ = posterior_run
    par = tmp_path / "par"
    args = ["scenario=baseline,focus", "replications=4", "params=posterior",
            f"ensemble={ens}", f"outdir={par}", NULL_FOCUS,
            *[a for a in SMALL if not a.startswith(("launcher=", "n_jobs="))],
            "launcher=joblib", "n_jobs=2"]
    assert compare_main(args) == 0
    for name in FILES:
        assert (par / name).read_bytes() == (outdir / name).read_bytes(), name
