"""The workshop logic without a UI: levers, events, horizon, validation, views and export."""

from __future__ import annotations

import dataclasses
import io
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from apphelpers import CLIENT_TEAMS, small_settings, write_client

from orgsim.app.acts import ACT_BY_KEY, ACTS, act_snapshot
from orgsim.app.controller import (
    LEVER_BY_NAME,
    LEVERS,
    AppError,
    RunLabel,
    Settings,
    TileState,
    Workshop,
    classify,
    event_team,
    settings_from_overrides,
    snapshot_from_text,
    snapshot_text,
    team_names,
)
from orgsim.app.plots import ChartBoard
from orgsim.app.sources import (
    available_interventions,
    available_orgs,
    available_scenarios,
    event_function,
    event_names,
    org_size,
    scenario_interventions,
)
from orgsim.scales import linked
from orgsim.state import Status

needs_events = pytest.mark.skipif(event_function() is None, reason="orgsim.events missing")


@pytest.fixture
def workshop() -> Workshop:
    return Workshop(small_settings())


def test_levers_start_at_the_config_values_and_lie_in_their_ranges(workshop: Workshop) -> None:
    cfg = workshop.runs[RunLabel.A].model.config
    for lever in LEVERS:
        assert workshop.levels[lever.name] == lever.config_value(cfg)
        lo, hi = lever.bounds()
        assert lo <= lever.lo < lever.hi <= hi


def test_shift_lever_moves_every_team_by_the_same_amount(workshop: Workshop) -> None:
    teams = workshop.runs[RunLabel.A].model.teams
    teams.autonomy[:] = np.linspace(0.3, 0.5, teams.size)  # away from the clip bounds
    before = teams.autonomy.copy()
    workshop.levels["autonomy"] = 0.4
    workshop.set_lever("autonomy", 0.6)
    np.testing.assert_allclose(teams.autonomy - before, 0.2)
    assert workshop.log[-1].kind == "lever" and workshop.log[-1].key == "autonomy"


def test_scale_lever_multiplies_workload_and_keeps_team_ratios(workshop: Workshop) -> None:
    teams = workshop.runs[RunLabel.A].model.teams
    before = teams.workload.copy()
    old = workshop.levels["workload"]
    workshop.set_lever("workload", old * 1.25)
    np.testing.assert_allclose(teams.workload, before * 1.25)


def test_lever_values_are_clipped_to_the_config_range(workshop: Workshop) -> None:
    teams = workshop.runs[RunLabel.A].model.teams
    workshop.set_lever("lead_support", 1.0)
    workshop.set_lever("lead_support", 1.0 - 1e-9)  # no-op-like small move keeps range
    assert teams.lead_support.max() <= 1.0 and teams.lead_support.min() >= 0.0


@pytest.mark.parametrize(("name", "value"), [("workload", 99.0), ("autonomy", -0.5),
                                             ("no_such_lever", 0.5)])
def test_bad_lever_values_raise_a_message_and_change_nothing(workshop: Workshop, name: str,
                                                             value: float) -> None:
    levels = dict(workshop.levels)
    with pytest.raises(AppError) as info:
        workshop.set_lever(name, value)
    assert info.value.key == "err_invalid"
    assert workshop.levels == levels


def test_a_lever_changes_the_outcome(workshop: Workshop) -> None:
    other = Workshop(small_settings())
    other.set_lever("workload", LEVER_BY_NAME["workload"].hi)
    workshop.step(12)
    other.step(12)
    a = workshop.timeseries()[RunLabel.A]
    b = other.timeseries()[RunLabel.A]
    assert b.energy_mean.mean() < a.energy_mean.mean()


def test_step_stops_at_the_horizon() -> None:
    ws = Workshop(small_settings(horizon=5))
    assert ws.step(3) == 3 and ws.week == 3
    assert ws.step(10) == 2 and ws.week == 5 and ws.at_end
    assert ws.step(1) == 0


def test_same_settings_same_run() -> None:
    a, b = Workshop(small_settings()), Workshop(small_settings())
    a.step(6)
    b.step(6)
    pd.testing.assert_frame_equal(a.timeseries()[RunLabel.A], b.timeseries()[RunLabel.A])


@pytest.mark.parametrize(("changes", "key"), [
    ({"ab": True}, "err_ab_needs_interventions"),
    ({"seed": -1}, "err_seed"),
    ({"scenario": "no_such_scenario"}, "err_invalid"),
    ({"interventions": {"no_such_intervention": 0}}, "err_invalid"),
    ({"interventions": {"x": 99}, "horizon": 30}, "err_start_week"),
])
def test_invalid_combinations_give_a_message_and_keep_the_run(workshop: Workshop,
                                                              changes: dict, key: str) -> None:
    workshop.step(2)
    model = workshop.runs[RunLabel.A].model
    with pytest.raises(AppError) as info:
        workshop.reset(small_settings(**changes))
    assert info.value.key == key
    assert workshop.runs[RunLabel.A].model is model and workshop.week == 2


def test_classify_maps_status_and_state_to_tiles(workshop: Workshop) -> None:
    model = workshop.runs[RunLabel.A].model
    ws = model.workforce
    thr = model.config.params.complaints_threshold
    ws.status[:4] = [Status.WORKING, Status.SICK_LEAVE, Status.REINTEGRATING, Status.VACANT]
    ws.exhaustion[0] = thr + 0.01
    ws.status[4:7] = Status.WORKING
    ws.exhaustion[4:7] = [0.0, 0.0, thr - 0.05]
    ws.engagement[4:7] = [0.9, 0.3, 0.9]
    got = classify(model)[:7].tolist()
    assert got == [TileState.COMPLAINTS, TileState.SICK_LEAVE, TileState.RETURNING,
                   TileState.VACANT, TileState.ENGAGED, TileState.OK, TileState.AT_RISK]


def test_teams_view_groups_positions_by_team_leader_first(workshop: Workshop) -> None:
    view = workshop.teams_view(RunLabel.A, lambda m, s: [f"row {r}" for r in range(len(s))])
    model = workshop.runs[RunLabel.A].model
    assert len(view) == model.teams.size
    assert sum(len(team["tiles"]) for team in view) == model.workforce.size
    for team in view:
        assert team["tiles"][0]["l"] and not any(tile["l"] for tile in team["tiles"][1:])
        assert team["tiles"][0]["h"] == f"row {team['tiles'][0]['r']}"


def test_person_shows_state_resources_and_top_drains(workshop: Workshop) -> None:
    workshop.step(1)
    ws = workshop.runs[RunLabel.A].model.workforce
    row = int(np.flatnonzero(ws.status != Status.VACANT)[0])
    info = workshop.person(RunLabel.A, row)
    assert info is not None
    assert info["energy"] == pytest.approx(ws.energy[row])
    # survey scores on the instruments' own scales, norm-linked (orgsim.scales)
    assert info["bat_exhaustion"] == pytest.approx(
        float(linked("exhaustion").score(ws.exhaustion[row])))
    assert 1.0 <= info["bat_exhaustion"] <= 5.0 and 0.0 <= info["uwes_engagement"] <= 6.0
    more = np.flatnonzero((ws.status != Status.VACANT) & (ws.exhaustion > ws.exhaustion[row]))
    if more.size:  # more exhausted -> higher BAT score
        other = workshop.person(RunLabel.A, int(more[0]))
        assert other is not None and other["bat_exhaustion"] > info["bat_exhaustion"]
    assert len(info["drains"]) == 3 and len(info["givers"]) == 3
    values = [v for _, v in info["drains"]]
    assert values == sorted(values, reverse=True)
    assert workshop.person(RunLabel.A, 10_000) is None
    assert workshop.person(RunLabel.B, row) is None  # no B outside A/B mode


def test_csv_export_has_one_row_per_run_and_week(workshop: Workshop) -> None:
    workshop.step(4)
    df = pd.read_csv(io.BytesIO(workshop.csv_bytes()))
    assert list(df.columns[:4]) == ["run", "scenario", "seed", "interventions"]
    assert df.week.tolist() == [1, 2, 3, 4] and set(df.run) == {"A"}


@needs_events
def test_events_offered_include_the_workshop_five() -> None:
    assert {"reorganisation", "crunch_deadline", "key_colleague_drops_out", "new_hire",
            "budget_cut"} <= set(event_names())


@needs_events
def test_fired_event_is_logged_and_changes_the_run(workshop: Workshop) -> None:
    other = Workshop(small_settings())
    message = other.fire("crunch_deadline")
    assert message and other.log[-1].key == "crunch_deadline"
    assert other.event_weeks() == [(0, "crunch_deadline")]
    workshop.step(6)
    other.step(6)
    a, b = workshop.timeseries()[RunLabel.A], other.timeseries()[RunLabel.A]
    assert b.energy_mean.iloc[-1] < a.energy_mean.iloc[-1]
    csv = pd.read_csv(io.BytesIO(other.csv_bytes()))
    assert csv.log.fillna("").str.contains("crunch_deadline").sum() == 1


@needs_events
@pytest.mark.parametrize(("event", "team"), [("no_such_event", None), ("crunch_deadline", 99)])
def test_bad_events_give_a_message(workshop: Workshop, event: str, team: int | None) -> None:
    with pytest.raises(AppError):
        workshop.fire(event, team)
    assert all(e.kind != "event" for e in workshop.log)


def test_ab_runs_share_the_seed_and_differ_only_after_the_intervention_starts() -> None:
    focus = "focus" if "focus" in available_interventions() else None
    if focus is None:
        pytest.skip("no focus intervention installed")
    ws = Workshop(small_settings(ab=True, interventions={focus: 4}))
    assert set(ws.runs) == {RunLabel.A, RunLabel.B}
    assert ws.runs[RunLabel.B].interventions == {focus: 4}
    ws.set_lever("autonomy", 0.7)
    a_teams, b_teams = ws.runs[RunLabel.A].model.teams, ws.runs[RunLabel.B].model.teams
    np.testing.assert_allclose(a_teams.autonomy, b_teams.autonomy)
    ws.step(4)
    series = ws.timeseries()
    pd.testing.assert_frame_equal(series[RunLabel.A], series[RunLabel.B])  # same until week 4
    ws.step(8)
    assert (b_teams.parallel_priorities < a_teams.parallel_priorities).all()
    series = ws.timeseries()
    assert not series[RunLabel.A].energy_mean.equals(series[RunLabel.B].energy_mean)
    df = pd.read_csv(io.BytesIO(ws.csv_bytes()))
    assert set(df.run) == {"A", "B"} and len(df) == 2 * 12
    assert df.loc[df.run == "B", "interventions"].iloc[0] == f"{focus}@4"


def test_b_takes_the_interventions_options_and_target_teams() -> None:
    """B = A + free capacity with its freed time used for recovery, in teams 1 and 3 only:
    the option and the teams reach the model; other teams and A are untouched."""
    if "free_capacity" not in available_interventions():
        pytest.skip("no free_capacity intervention installed")
    options = {"free_capacity": {"use": "recovery", "teams": [0, 2]}}
    ws = Workshop(small_settings(ab=True, interventions={"free_capacity": 2}, options=options))
    (choice,) = ws.runs[RunLabel.B].chosen
    assert choice.options == (("use", "recovery"),) and choice.teams == (0, 2)
    ic = ws.runs[RunLabel.B].model.config.interventions["free_capacity"]
    assert (ic.use, ic.target, list(ic.teams), ic.start_week) == ("recovery", "teams", [0, 2], 2)
    ws.step(10)
    a, b = ws.runs[RunLabel.A].model.teams, ws.runs[RunLabel.B].model.teams
    assert (b.recovery_policy[[0, 2]] > a.recovery_policy[[0, 2]]).all()
    np.testing.assert_allclose(b.recovery_policy[1], a.recovery_policy[1])
    np.testing.assert_allclose(b.workload, a.workload)  # recovery: nothing refilled
    df = pd.read_csv(io.BytesIO(ws.csv_bytes()))
    assert df.loc[df.run == "B", "interventions"].iloc[0] == \
        "free_capacity@2[use=recovery,teams=0+2]"
    # more work: the freed time is refilled with work in B
    more = Workshop(small_settings(ab=True, interventions={"free_capacity": 0},
                                   options={"free_capacity": {"use": "more_work"}}))
    more.step(6)
    a, b = more.runs[RunLabel.A].model.teams, more.runs[RunLabel.B].model.teams
    assert (b.workload > a.workload).all()
    # the options survive a snapshot (the page's address)
    again = Workshop(small_settings())
    again.replay(snapshot_from_text(snapshot_text(ws.snapshot())))
    assert again.runs[RunLabel.B].chosen == ws.runs[RunLabel.B].chosen
    pd.testing.assert_frame_equal(again.timeseries()[RunLabel.B], ws.timeseries()[RunLabel.B])


@pytest.mark.parametrize("options", [
    {"free_capacity": {"use": "holiday"}},
    {"free_capacity": {"colour": "red"}},
    {"free_capacity": {"teams": [99]}},
    {"free_capacity": {"teams": ["x"]}},
])
def test_bad_intervention_options_give_a_message(options: dict) -> None:
    if "free_capacity" not in available_interventions():
        pytest.skip("no free_capacity intervention installed")
    with pytest.raises(AppError):
        Workshop(small_settings(interventions={"free_capacity": 0}, options=options))


def test_org_presets_build_and_unknown_ones_are_refused() -> None:
    orgs = available_orgs()
    other = next((o for o in orgs if o != "typical_dutch"), None)
    if other is not None:
        # presets may schedule shocks (a reorganisation in year 2): a long enough horizon
        ws = Workshop(small_settings(org=other, n_employees=org_size(other), horizon=260))
        assert ws.runs[RunLabel.A].model.workforce.size == org_size(other)
    with pytest.raises(AppError):
        Workshop(small_settings(org="no_such_org"))


@pytest.fixture
def client_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ORGSIM_HOME", str(write_client(tmp_path)))
    return tmp_path


def test_a_client_from_the_command_line_runs_with_its_own_size_and_team_names(
        client_home: Path) -> None:
    settings = settings_from_overrides(("org=client", "seed=5", "warmup_weeks=0"))
    assert (settings.org, settings.seed, settings.n_employees) == ("client", 5, 23)
    assert settings.overrides == ("warmup_weeks=0",)
    ws = Workshop(settings)
    model = ws.runs[RunLabel.A].model
    assert model.workforce.size == 23 and team_names(model) == CLIENT_TEAMS
    # a size from the menu cannot override the client's teams: the real size is kept
    ws.reset(small_settings(org="client", n_employees=80))
    assert ws.runs[RunLabel.A].model.workforce.size == 23 and ws.settings.n_employees == 23


def test_a_shipped_preset_from_the_command_line_is_what_the_menu_shows() -> None:
    settings = settings_from_overrides(("org=healthcare_ward",))
    assert settings.org == "healthcare_ward" and settings.overrides == ()
    assert settings.n_employees == org_size("healthcare_ward")
    with pytest.raises(AppError) as info:
        settings_from_overrides(("seed=abc",))
    assert "seed" in info.value.fmt["detail"]


def test_size_out_of_range_is_refused_with_the_range() -> None:
    with pytest.raises(AppError) as info:
        Workshop(small_settings(n_employees=5))
    assert info.value.key == "err_size" and info.value.fmt == {"n": 5, "lo": 10, "hi": 2000}


@needs_events
def test_an_event_logs_the_team_it_hit_also_when_the_model_chose_it() -> None:
    ws = Workshop(small_settings())
    ws.fire("crunch_deadline", 2)
    assert ws.log[-1].team == 2
    ws.fire("key_colleague_drops_out")  # the event draws the team itself
    hit = ws.log[-1].team
    assert hit is not None and f"team {hit} " in ws.log[-1].detail
    ws.fire("budget_cut")
    assert ws.log[-1].team is None
    assert event_team("A key colleague in team 12 dropped out") == 12


def test_ab_refuses_an_intervention_the_scenario_already_has() -> None:
    scenario = "free_capacity_more_work"
    if scenario not in available_scenarios():
        pytest.skip("scenario not installed")
    (name,) = scenario_interventions(scenario)
    with pytest.raises(AppError) as info:
        Workshop(small_settings(scenario=scenario, ab=True, interventions={name: 0}))
    assert info.value.key == "err_ab_in_baseline" and info.value.fmt == {"name": name}


@needs_events
def test_a_ghost_is_the_same_future_without_the_event() -> None:
    ws = Workshop(small_settings())
    ws.step(3)
    ws.fire("key_colleague_drops_out", 1, ghost=True)
    assert ws.ghost is not None and ws.ghost_event is ws.log[-1]
    a, ghost = ws.runs[RunLabel.A].model, ws.ghost
    assert (a.workforce.status == Status.VACANT).sum() == (
        ghost.workforce.status == Status.VACANT).sum() + 1
    ws.set_lever("autonomy", 0.7)  # a later move acts on both futures
    np.testing.assert_allclose(a.teams.autonomy, ghost.teams.autonomy)
    ws.step(6)
    with_event, without = ws.timeseries()[RunLabel.A], ws.ghost_timeseries()
    assert without is not None
    pd.testing.assert_frame_equal(with_event.iloc[:3], without.iloc[:3])  # same past
    assert not with_event.iloc[3:].equals(without.iloc[3:])  # a different future
    same = Workshop(small_settings())  # the ghost is the run without the event, exactly
    same.step(3)
    same.set_lever("autonomy", 0.7)
    same.step(6)
    pd.testing.assert_frame_equal(same.timeseries()[RunLabel.A], without)
    ws.fire("crunch_deadline", ghost=True)  # one ghost: the first event's
    assert ws.ghost is ghost and ws.ghost_event.key == "key_colleague_drops_out"
    df = pd.read_csv(io.BytesIO(ws.csv_bytes()))
    assert set(df.run) == {"A", "A-without-key_colleague_drops_out"}
    assert (df.org == "typical_dutch").all() and (df.n_employees == 40).all()
    assert (df.horizon == 30).all()
    ws.reset()
    assert ws.ghost is None


@needs_events
def test_a_snapshot_replays_to_the_same_runs_bit_for_bit() -> None:
    ws = Workshop(small_settings(seed=7))
    ws.step(2)
    ws.set_lever("workload", 0.9)
    ws.set_lever("workload", 1.1)  # one drag: merged in the logbook, not in the snapshot
    ws.fire("key_colleague_drops_out", ghost=True)  # the model draws the team
    ws.step(3)
    ws.fire("crunch_deadline", 0)
    ws.set_lever("autonomy", 0.65)
    ws.step(4)
    text = snapshot_text(ws.snapshot())
    again = Workshop(small_settings())
    again.replay(snapshot_from_text(text))
    assert again.week == ws.week == 9 and again.settings == ws.settings
    pd.testing.assert_frame_equal(again.timeseries()[RunLabel.A], ws.timeseries()[RunLabel.A])
    without, replayed = ws.ghost_timeseries(), again.ghost_timeseries()
    assert without is not None and replayed is not None
    pd.testing.assert_frame_equal(replayed, without)
    assert again.levels == ws.levels
    assert [(e.week, e.kind, e.key, e.detail, e.team) for e in again.log] == [
        (e.week, e.kind, e.key, e.detail, e.team) for e in ws.log]


@pytest.mark.parametrize("text", ["", "not-a-state", snapshot_text({"v": 99})])
def test_an_unreadable_snapshot_is_refused_and_changes_nothing(text: str) -> None:
    ws = Workshop(small_settings())
    ws.step(2)
    with pytest.raises(AppError) as info:
        ws.replay(snapshot_from_text(text))
    assert info.value.key == "err_state" and ws.week == 2


@needs_events
def test_markers_number_the_logbook_and_mark_intervention_starts() -> None:
    focus = "focus" if "focus" in available_interventions() else None
    if focus is None:
        pytest.skip("no focus intervention installed")
    ws = Workshop(small_settings(ab=True, interventions={focus: 4}))
    ws.step(1)
    ws.fire("crunch_deadline", 0)
    ws.set_lever("autonomy", 0.7)
    assert ws.markers() == [(1, "1", "event"), (1, "2", "lever"), (4, "▶", "start")]
    series = {lb.value: ts for lb, ts in ws.timeseries().items()}
    plain = ChartBoard("en", ["A", "B"], None, 30).render(series, [])
    marked = ChartBoard("en", ["A", "B"], None, 30).render(series, ws.markers())
    assert plain != marked  # the markers are drawn


def test_an_act_is_set_up_on_the_organisation_that_runs_now() -> None:
    now = small_settings(org="typical_dutch", seed=9, horizon=30)
    snapshot = act_snapshot(ACT_BY_KEY["domino"], now, n_teams=4)
    assert snapshot["settings"]["org"] == "typical_dutch"
    assert snapshot["settings"]["n_employees"] == 40 and snapshot["settings"]["seed"] == 1
    assert snapshot["actions"] == [[26, "event", "key_colleague_drops_out", 1, True]]
    one_team = act_snapshot(ACT_BY_KEY["domino"], now, n_teams=1)
    assert one_team["actions"] == [[26, "event", "key_colleague_drops_out", None, True]]
    for act in ACTS:  # every act's scenario and interventions exist
        snap = act_snapshot(act, now, n_teams=4)
        Settings(**{**snap["settings"], "overrides": tuple(snap["settings"]["overrides"])}
                 ).validate()


def test_the_cost_card_is_burn_out_only_with_the_report_s_split(workshop: Workshop) -> None:
    """Issue 16: the app's cost card shows the burn-out cost as the report and compare count
    it (orgsim.results.cost_split: absence + leavers due to burn-out); other turnover and
    interventions are the other lines, and the lines add up to all costs so far."""
    from orgsim.app.controller import _with_costs
    from orgsim.results import cost_split

    workshop.step(40)
    model = workshop.runs[RunLabel.A].model
    k = workshop.kpis()
    ts = _with_costs(model)
    split = cost_split(ts, model.config.costs)
    assert k["cost"] == pytest.approx(split["burnout_eur"])
    assert k["cost"] > 0 and k["other_turnover"] >= 0
    costs = model.config.costs
    assert k["cost"] == pytest.approx(ts.absence_days.sum() * costs.eur_per_absence_day
                                      + ts.burnout_leavers.sum() * costs.replacement_cost_eur)
    assert k["cost"] + k["other_turnover"] + k["interventions"] == pytest.approx(
        ts.total_cost_eur.sum())


def test_the_band_runs_the_same_setup_over_several_futures() -> None:
    """The band's futures are the live set-up (A and B, every change in its week) with
    seeds seed .. seed + n - 1: the first is the live run itself, played to the end."""
    focus = "focus" if "focus" in available_interventions() else None
    if focus is None:
        pytest.skip("no focus intervention installed")
    ws = Workshop(small_settings(ab=True, interventions={focus: 2}))
    ws.step(3)
    ws.set_lever("autonomy", 0.7)
    ws.step(2)
    done: list[int] = []
    band = ws.compute_band(3, progress=lambda i, n: done.append(i))
    assert band is not None and ws.band_now() is band and done == [1, 2, 3]
    assert (band.seed, band.n, sorted(band.runs)) == (3, 3, ["A", "B"])
    assert all(len(ts) == ws.settings.horizon for f in band.runs.values() for ts in f)
    live_week = ws.week
    ws.step(ws.settings.horizon)  # the live run to its end is the band's first future
    for label in ("A", "B"):
        pd.testing.assert_frame_equal(band.runs[label][0], ws.timeseries()[RunLabel(label)])
    assert not band.runs["A"][1].equals(band.runs["A"][0])  # other seeds, other futures
    assert live_week == 5 and ws.band_now() is band  # stepping keeps it
    ws.set_lever("autonomy", 0.6)  # a new change: the band was made for another set-up
    assert ws.band_now() is None
    cancel = threading.Event()
    cancel.set()
    assert ws.compute_band(3, cancel) is None
    with pytest.raises(AppError):
        ws.compute_band(2)


@needs_events
def test_the_team_panel_shows_the_colleagues_carrying_the_work() -> None:
    """After a key colleague of team 2 drops out, team 2's mean load is above the same
    team's load without the event (the ghost), and the rest of the organisation's is
    unchanged."""
    ws = Workshop(small_settings())
    ws.step(2)
    ws.fire("key_colleague_drops_out", 1, ghost=True)
    ws.step(3)
    team, ghost = ws.team_series(1), ws.team_series(1, "ghost")
    assert team is not None and ghost is not None and len(team) == len(ghost) == 6
    assert list(team.columns) == ["week", "load", "rest_load", "sick"]
    pd.testing.assert_frame_equal(team.iloc[:3], ghost.iloc[:3])  # the same until the event
    assert (team.load.iloc[3:] > ghost.load.iloc[3:]).all()
    assert ws.team_series(99) is None


def test_sessions_that_start_at_the_same_moment_compose_their_configs_safely() -> None:
    """Hydra's global state: ten sessions opening at once (a room) must not collide
    ("GlobalHydra is already initialized", found by scripts/soak_app.py)."""
    from concurrent.futures import ThreadPoolExecutor

    from orgsim.app import sources

    sources._compose.cache_clear()
    overrides = [(f"org.n_employees={20 + i}", "warmup_weeks=0") for i in range(10)]
    with ThreadPoolExecutor(10) as pool:
        sizes = list(pool.map(lambda o: sources._compose(o).org.n_employees, overrides))
    assert sizes == [20 + i for i in range(10)]


def test_a_band_over_the_model_settings_gives_each_future_a_calibrated_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15: with ``model_settings`` each future runs with its own parameter set of the
    organisation's ensemble (drawn from the workshop's seed): future i equals a workshop of
    the same set-up with seed + i and that set's overrides; without an ensemble it is one
    clear message."""
    from orgsim.calibration import ensemble
    from orgsim.fingerprint import MODEL_VERSION

    meta = {"model_version": MODEL_VERSION}
    table = pd.DataFrame({"params.appraisal_loss": [0.2, 0.35, 0.7, 0.5, 0.6],
                          "params.onset_hazard": [0.3, 0.45, 0.6, 0.5, 0.35]})
    ensemble.write(tmp_path / "ens", table, np.ones(5), meta)
    monkeypatch.setattr(ensemble, "shipped_path", lambda: tmp_path / "ens")
    ws = Workshop(small_settings())
    ws.step(2)
    sets, overrides = ws.band_sets(3)
    assert (sets, overrides) == ws.band_sets(3) and len(set(sets)) == 3  # deterministic
    band = ws.compute_band(3, model_settings=True)
    assert band is not None and band.sets == sets
    for i in (0, 2):
        other = Workshop(dataclasses.replace(
            ws.settings, seed=ws.settings.seed + i,
            overrides=(*ws.settings.overrides, *overrides[i])))
        other.step(other.settings.horizon)
        pd.testing.assert_frame_equal(band.runs["A"][i], other.timeseries()[RunLabel.A])
        assert other.runs[RunLabel.A].model.config.params.onset_hazard == table[
            "params.onset_hazard"][sets[i]]
    plain = ws.compute_band(3)
    assert plain is not None and plain.sets is None
    assert not plain.runs["A"][0].equals(band.runs["A"][0])  # the set changes the future
    ensemble.write(tmp_path / "ens", table, [1, 2, 1, 1, 1], meta)
    with pytest.raises(AppError, match="unequal weights"):
        ws.compute_band(3, model_settings=True)
    ensemble.write(tmp_path / "ens", table, np.ones(5), {"model_version": "0"})
    with pytest.raises(AppError, match="fitted with model version 0"):
        ws.compute_band(3, model_settings=True)
    monkeypatch.setattr(ensemble, "shipped_path", lambda: tmp_path / "none")
    with pytest.raises(AppError, match="not found"):
        ws.compute_band(3, model_settings=True)
    ensemble.write(tmp_path / "ens", table.assign(**{"params.drain_rate": 0.02}), np.ones(5),
                   meta)
    monkeypatch.setattr(ensemble, "shipped_path", lambda: tmp_path / "ens")
    with pytest.raises(AppError, match="params.drain_rate is fixed by the set-up"):
        ws.compute_band(3, model_settings=True)
