"""The synthetic survey: shapes, ranges, missingness, reliability, determinism, validity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from orgsim import ConfigError, OrgModel, Status
from orgsim.logs import quiet_mesa
from orgsim.survey import (
    BAT_SCALES,
    SCALES,
    MeasurementSpec,
    SurveyData,
    cronbach_alpha,
    item_columns,
    run_with_survey,
    survey_model,
    survey_wave,
)

#: Explicit mechanism values (not defaults, which are recalibrated) for a sane small regime,
#: busy enough that no scale sits at its floor (a floor effect lowers Cronbach's alpha below
#: the target, in real surveys too: with nearly everyone at "never", rounding noise dominates).
OVERRIDES = {"org.n_employees": 80, "warmup_weeks": 52, "params.drain_rate": 0.015,
             "demands.workload": 0.8}
WAVES = [0, 10, 20]
ITEMS = [c for s in SCALES for c in item_columns(s)]


@pytest.fixture(scope="module", autouse=True)
def _quiet() -> None:
    quiet_mesa()


@pytest.fixture(scope="module")
def data() -> SurveyData:
    return run_with_survey(overrides=OVERRIDES, rng=3, waves=WAVES)


def test_long_has_one_row_per_employee_and_wave(data: SurveyData) -> None:
    long = data.long
    assert sorted(long.week.unique()) == WAVES
    for week, group in long.groupby("week"):
        assert group.unique_id.is_unique, week
        assert len(group) <= OVERRIDES["org.n_employees"]
        assert len(group) >= 0.8 * OVERRIDES["org.n_employees"]
    for col in [*ITEMS, *SCALES, "bat_total", "team", "role", "absent", "status"]:
        assert col in long.columns, col
    assert len(data.truth) == len(long)
    assert (data.truth[["week", "unique_id"]].to_numpy()
            == long[["week", "unique_id"]].to_numpy()).all()


def test_wide_has_one_row_per_employee_and_a_column_per_scale_and_wave(
        data: SurveyData) -> None:
    wide = data.wide
    assert wide.unique_id.is_unique
    assert set(wide.unique_id) == set(data.long.unique_id)
    for scale in [*SCALES, "bat_total"]:
        for week in WAVES:
            assert f"{scale}_w{week}" in wide.columns
    assert all(wide[f"exhaustion_w{w}"].dtype == float for w in WAVES)
    stayers = wide.dropna(subset=[f"exhaustion_w{w}" for w in WAVES])
    assert len(stayers) >= 0.6 * len(wide)


def test_answers_are_likert_levels_and_scores_in_range(data: SurveyData) -> None:
    answers = data.long[ITEMS].to_numpy()
    observed = answers[~np.isnan(answers)]
    assert set(np.unique(observed)) <= {1.0, 2.0, 3.0, 4.0, 5.0}
    assert len(np.unique(observed)) == 5
    scores = data.long[[*SCALES, "bat_total"]].to_numpy()
    scores = scores[~np.isnan(scores)]
    assert scores.min() >= 1.0 and scores.max() <= 5.0
    assert set(data.long.role) <= {"employee", "leader"}


def test_other_likert_levels() -> None:
    model = OrgModel(overrides=OVERRIDES | {"warmup_weeks": 4}, rng=1)
    wave = survey_wave(model, MeasurementSpec(likert_levels=7))
    values = np.unique(wave[ITEMS].to_numpy())
    assert values.min() == 1 and values.max() == 7 and len(values) == 7


def test_items_table_is_tidy(data: SurveyData) -> None:
    items = data.items()
    assert len(items) == len(data.long) * len(ITEMS)
    assert set(items.scale) == set(SCALES)


def test_mcar_item_nonresponse_rate() -> None:
    model = OrgModel(overrides=OVERRIDES | {"warmup_weeks": 4}, rng=2)
    wave = survey_wave(model, MeasurementSpec(mcar_rate=0.2, absent_nonresponse=0.0))
    rate = float(wave[ITEMS].isna().to_numpy().mean())
    assert abs(rate - 0.2) < 0.03  # ~3900 answers: sd of the rate ~0.006


def test_absent_employees_do_not_respond_missing_not_at_random() -> None:
    model = OrgModel(overrides=OVERRIDES | {"warmup_weeks": 4}, rng=4)
    sick_rows = np.flatnonzero(model.workforce.status == Status.WORKING)[:12]
    model.workforce.status[sick_rows] = Status.SICK_LEAVE
    wave = survey_wave(model, MeasurementSpec(absent_nonresponse=1.0))
    absent = wave.absent.to_numpy()
    assert absent.sum() == 12
    assert wave.loc[absent, ITEMS].isna().all().all()
    assert not wave.loc[absent, "responded"].any()
    assert wave.loc[~absent, ITEMS].notna().all().all()
    everyone = survey_wave(model, MeasurementSpec(absent_nonresponse=0.0))
    assert everyone.responded.all() and everyone[ITEMS].notna().all().all()


def test_cronbach_alpha_in_documented_band(data: SurveyData) -> None:
    alphas = data.alpha()
    assert set(alphas) == set(SCALES)
    for scale, alpha in alphas.items():
        assert 0.65 <= alpha <= 0.92, (scale, alpha)
    assert 0.72 <= np.mean(list(alphas.values())) <= 0.88


def test_target_reliability_orders_alpha() -> None:
    model = OrgModel(overrides=OVERRIDES | {"warmup_weeks": 20}, rng=5)
    low = survey_wave(model, MeasurementSpec(reliability=0.6))
    high = survey_wave(model, MeasurementSpec(reliability=0.92))
    for scale in ("exhaustion", "engagement", "workload", "autonomy"):
        cols = item_columns(scale)
        assert cronbach_alpha(high[cols]) > cronbach_alpha(low[cols]), scale


def test_cronbach_alpha_of_known_cases() -> None:
    same = np.tile(np.arange(10.0)[:, None], (1, 3))
    assert cronbach_alpha(same) == pytest.approx(1.0)
    rng = np.random.default_rng(0)
    assert abs(cronbach_alpha(rng.normal(size=(2000, 4)))) < 0.1


def test_scores_correlate_with_latent_truth(data: SurveyData) -> None:
    long, truth = data.long, data.truth
    for scale, info in SCALES.items():
        if scale == "parallel_priorities":
            continue  # the same for everyone in the baseline organisation
        ok = long[scale].notna().to_numpy()
        r = np.corrcoef(long[scale].to_numpy()[ok], truth[scale].to_numpy()[ok])[0, 1]
        floor = 0.4 if info.perceived else 0.7
        assert r > floor, (scale, r)
    ok = long.bat_total.notna()
    assert np.corrcoef(long.bat_total[ok], truth.bat_total[ok])[0, 1] > 0.8


def test_same_seed_same_survey_and_survey_does_not_perturb_the_model() -> None:
    a = run_with_survey(overrides=OVERRIDES, rng=7, waves=[0, 5])
    b = run_with_survey(overrides=OVERRIDES, rng=7, waves=[0, 5])
    pd.testing.assert_frame_equal(a.long, b.long)
    c = run_with_survey(overrides=OVERRIDES, rng=8, waves=[0, 5])
    assert not a.long[ITEMS].equals(c.long[ITEMS])

    surveyed = OrgModel(overrides=OVERRIDES, rng=7)
    survey_model(surveyed, [0, 3, 5])
    plain = OrgModel(overrides=OVERRIDES, rng=7)
    plain.run_for(5)
    pd.testing.assert_frame_equal(surveyed.timeseries(), plain.timeseries())


def test_bat_total_is_mean_of_the_dimensions(data: SurveyData) -> None:
    dims = data.long[list(BAT_SCALES)].mean(axis=1)
    np.testing.assert_allclose(data.long.bat_total, dims)


def test_to_csv_writes_three_tables(tmp_path, data: SurveyData) -> None:
    paths = data.to_csv(tmp_path / "out")
    assert sorted(p.name for p in paths) == ["survey_long.csv", "survey_truth.csv",
                                             "survey_wide.csv"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)
    back = pd.read_csv(tmp_path / "out" / "survey_long.csv")
    assert back.shape == data.long.shape


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"mcar_rate": 1.5}, "mcar_rate"), ({"reliability": 0.1}, "reliability"),
    ({"likert_levels": 1}, "likert_levels"), ({"absent_nonresponse": -0.1},
                                               "absent_nonresponse")])
def test_bad_measurement_spec_names_the_field(kwargs: dict, name: str) -> None:
    with pytest.raises(ConfigError, match=name):
        MeasurementSpec(**kwargs)


@pytest.mark.parametrize("waves", [[-1], [], [3, 3], [1.5]])
def test_bad_waves_fail_before_running(waves: list) -> None:
    with pytest.raises(ConfigError, match="waves"):
        run_with_survey(overrides=OVERRIDES, rng=1, waves=waves)


def test_waves_in_the_past_are_refused() -> None:
    model = OrgModel(overrides=OVERRIDES | {"warmup_weeks": 2}, rng=1)
    model.run_for(3)
    with pytest.raises(ConfigError, match="before the model's week"):
        survey_model(model, [1])


def test_command_line_writes_the_tables(tmp_path, capsys) -> None:
    from orgsim.survey import main

    out = tmp_path / "panel"
    code = main(["--waves", "0", "3", "--out", str(out), "--seed", "2", "--mcar-rate", "0.05",
                 "org.n_employees=40", "warmup_weeks=4", "params.drain_rate=0.015"])
    assert code == 0
    wide = pd.read_csv(out / "survey_wide.csv")
    assert "exhaustion_w3" in wide.columns
    assert "Cronbach" in capsys.readouterr().out


def test_command_line_refuses_bad_values(tmp_path, capsys) -> None:
    from orgsim.survey import main

    assert main(["--reliability", "2", "--out", str(tmp_path / "x")]) == 2
    assert "reliability" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_response_style_adds_common_method_variance_that_persists_over_waves() -> None:
    plain = run_with_survey(overrides=OVERRIDES, rng=6, waves=[0, 10])
    styled = run_with_survey(overrides=OVERRIDES, rng=6, waves=[0, 10],
                             spec=MeasurementSpec(response_style_sd=0.15))

    def unrelated(long: pd.DataFrame) -> float:  # outside-work load vs autonomy
        answered = long.dropna(subset=["outside_load", "autonomy"])  # non-response is NaN
        return float(np.corrcoef(answered.outside_load, answered.autonomy)[0, 1])

    assert unrelated(styled.long) > unrelated(plain.long) + 0.1
    # the style is a property of the person: the same shift in both waves
    w = styled.wide.dropna(subset=["outside_load_w0", "outside_load_w10"])
    pw = plain.wide.set_index("unique_id").loc[w.unique_id]
    shift0 = w.outside_load_w0.to_numpy() - pw.outside_load_w0.to_numpy()
    shift10 = w.outside_load_w10.to_numpy() - pw.outside_load_w10.to_numpy()
    assert np.corrcoef(shift0, shift10)[0, 1] > 0.5
