"""The Solara page rendered without a browser (solara.render): controls drive the run."""

from __future__ import annotations

import re
import time
from typing import Any

import ipyvue
import ipyvuetify as v
import ipywidgets
import pytest
import solara
from apphelpers import all_widgets, by_class, classes_of, small_settings, texts

from orgsim.app.app import Page, kpi_deltas
from orgsim.app.controller import Workshop
from orgsim.app.i18n import TEXTS
from orgsim.app.sources import event_function

needs_events = pytest.mark.skipif(event_function() is None, reason="orgsim.events missing")


@pytest.fixture
def rc() -> Any:
    _box, rc = solara.render(Page(initial=small_settings()), handle_error=False)
    yield rc
    rc.close()


def week_of(rc: Any) -> str:
    return by_class(rc, "og-week").unsafe_innerHTML


def grid(rc: Any) -> Any:
    (widget,) = [w for w in rc.find(ipyvue.VueTemplate).widgets if hasattr(w, "teams")]
    return widget


def chart(rc: Any) -> bytes:
    (img,) = [w for w in rc.find(ipywidgets.Image).widgets if "og-charts" in w._dom_classes]
    return bytes(img.value)


def alerts(rc: Any) -> list[str]:
    return [str(c) for w in rc.find(v.Alert).widgets for c in w.children]


def set_language(rc: Any, lang: str) -> None:
    toggle = by_class(rc, "og-lang")
    toggle.v_model = [b.children[0] for b in toggle.children].index(lang)


def test_step_advances_the_week_and_redraws_teams_kpis_and_charts(rc: Any) -> None:
    assert week_of(rc) == "Week 0"
    teams_before = grid(rc).teams
    kpis_before = by_class(rc, "og-kpis-A").unsafe_innerHTML
    png_before = chart(rc)
    assert png_before.startswith(b"\x89PNG")
    for _ in range(3):
        by_class(rc, "og-step").click()
    assert week_of(rc) == "Week 3"
    assert grid(rc).teams != teams_before
    assert by_class(rc, "og-kpis-A").unsafe_innerHTML != kpis_before
    assert chart(rc) != png_before


def test_language_switch_translates_all_visible_text(rc: Any) -> None:
    set_language(rc, "nl")
    visible = "\n".join(texts(rc))
    assert "Stap" in visible and "Werkdruk" in visible and "Bevlogenheid" in visible
    english_only = [e["en"] for e in TEXTS.values()
                    if e["en"] != e["nl"] and "{" not in e["en"] and len(e["en"]) > 3]
    leftovers = [text for text in english_only
                 if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", visible)]
    assert leftovers == []
    hover = grid(rc).teams[0]["tiles"][1]["h"]
    assert "Energie" in hover
    set_language(rc, "en")
    assert "Step" in "\n".join(texts(rc))


def test_slider_moves_the_lever_live_and_logs_it(rc: Any) -> None:
    (slider,) = [w for w in rc.find(v.Slider).widgets if w.label.startswith("Workload: ")]
    assert "h per contract hour" in slider.label  # the value with its unit
    slider.v_model = slider.max
    assert any("Workload:" in text and f"{slider.max:.2f}" in text for text in texts(rc))
    (slider,) = [w for w in rc.find(v.Slider).widgets if w.label.startswith("Workload: ")]
    assert slider.label == "Workload: 1.50 h per contract hour"


def test_a_slider_snapping_an_off_grid_preset_value_is_no_move() -> None:
    """The browser's slider snaps a preset's 0.22 to 0.20 and reports it: not a move."""
    _box, rc = solara.render(Page(initial=small_settings(
        overrides=(*small_settings().overrides, "demands.bureaucracy=0.22"))),
        handle_error=False)
    try:
        (slider,) = [w for w in rc.find(v.Slider).widgets
                     if w.label.startswith("Meetings and admin: ")]
        assert slider.label == "Meetings and admin: 22 % of time"
        slider.v_model = 0.2  # what the browser reports on mount
        assert not any("Meetings and admin:" in text and "→" in text for text in texts(rc))
        slider.v_model = 0.3  # a real move is applied and logged once
        slider.v_model = 0.35  # the same drag: still one logbook line, from the start value
        moves = [text for text in texts(rc) if "Meetings and admin: 0.22 → 0.35" in text]
        assert len(moves) == 1
    finally:
        rc.close()


@needs_events
def test_event_button_fires_the_event_with_a_message_and_a_log_line(rc: Any) -> None:
    by_class(rc, "og-event-reorganisation").click()
    assert any("Reorganisation" in text for text in alerts(rc))
    by_class(rc, "og-step").click()
    # numbered as its marker on the charts
    assert any("Reorganisation" in text and "[1] Week 0" in text for text in texts(rc))


def test_invalid_combination_shows_a_message_not_a_stack_trace(rc: Any) -> None:
    (ab,) = [w for w in rc.find(v.Checkbox).widgets if w.label == "A/B comparison"]
    ab.v_model = True
    by_class(rc, "og-apply").click()
    assert any("A/B needs at least one intervention" in text for text in alerts(rc))
    assert not any("Traceback" in text for text in texts(rc))


def test_unexpected_error_is_reported_in_words(rc: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Workshop, weeks: int = 1) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(Workshop, "step", broken)
    by_class(rc, "og-step").click()
    assert any("Something went wrong (RuntimeError)" in text for text in alerts(rc))
    assert not any("boom" in text or "Traceback" in text for text in texts(rc))


def test_clicking_a_person_shows_energy_resources_and_drains(rc: Any) -> None:
    by_class(rc, "og-step").click()
    grid(rc).vue_select(4)
    panel = by_class(rc, "og-person").unsafe_innerHTML
    assert "Position 4" in panel
    assert "Energy drains" in panel or "vacant" in panel
    by_class(rc, "og-close").click()
    assert not [w for w in all_widgets(rc) if "og-person" in (getattr(w, "attributes", None)
                                                             or {}).get("class", "")]


def test_each_page_has_its_own_workshop() -> None:
    _b1, rc1 = solara.render(Page(initial=small_settings()), handle_error=False)
    _b2, rc2 = solara.render(Page(initial=small_settings()), handle_error=False)
    try:
        by_class(rc1, "og-step").click()
        by_class(rc1, "og-step").click()
        assert week_of(rc1) == "Week 2" and week_of(rc2) == "Week 0"
    finally:
        rc1.close()
        rc2.close()


@pytest.mark.slow  # waits in real time for frames
def test_play_runs_weeks_until_paused(rc: Any) -> None:
    by_class(rc, "og-play").click()
    deadline = time.monotonic() + 60
    while week_of(rc) == "Week 0" and time.monotonic() < deadline:
        time.sleep(0.2)
    by_class(rc, "og-play").click()  # pause
    assert week_of(rc) != "Week 0"
    # a frame under way may still finish; then the week stops advancing
    paused_at, deadline = week_of(rc), time.monotonic() + 20
    while time.monotonic() < deadline:
        time.sleep(1.0)
        if week_of(rc) == paused_at:
            break
        paused_at = week_of(rc)
    time.sleep(1.5)  # three frames
    assert week_of(rc) == paused_at


def url_state(rc: Any) -> Any:
    (widget,) = [w for w in rc.find(ipyvue.VueTemplate).widgets if hasattr(w, "state")]
    return widget


@needs_events
def test_the_address_keeps_the_state_and_a_new_page_restores_it(rc: Any) -> None:
    url_state(rc).vue_loaded("")  # the page opened without a state
    for _ in range(3):
        by_class(rc, "og-step").click()
    by_class(rc, "og-event-crunch_deadline").click()
    by_class(rc, "og-step").click()
    set_language(rc, "nl")
    state = url_state(rc).state
    kpis = by_class(rc, "og-kpis-A").unsafe_innerHTML
    assert state and week_of(rc) == "Week 4"

    _box, other = solara.render(Page(initial=small_settings()), handle_error=False)
    try:
        assert url_state(other).state == ""  # nothing written before the address is read
        url_state(other).vue_loaded(state)
        assert week_of(other) == "Week 4"
        assert by_class(other, "og-kpis-A").unsafe_innerHTML == kpis
        assert any("Piekdeadline" in text for text in texts(other))  # Dutch, as saved
        assert url_state(other).state == state
        url_state(other).vue_loaded("garbage")  # a broken link: a message, nothing changes
        assert any("could not be restored" in text or "kon niet" in text
                   for text in alerts(other))
        assert week_of(other) == "Week 4"
    finally:
        other.close()


@needs_events
def test_an_event_message_names_the_team_as_the_tiles_do_in_both_languages(rc: Any) -> None:
    (select,) = [w for w in rc.find(v.Select).widgets if "og-event-team" in classes_of(w)]
    select.v_model = "Team 3"  # the third team on the tiles: index 2 in the model
    by_class(rc, "og-event-key_colleague_drops_out").click()
    (message,) = alerts(rc)
    assert "Key colleague drops out in Team 3 — A key colleague in Team 3 dropped out" in message
    assert "team 2" not in message
    set_language(rc, "nl")
    (message,) = alerts(rc)
    assert message.startswith("⚡ Sleutelcollega valt uit in Team 3 — ")


def test_b_minus_a_cards_are_signed_in_the_cards_units_without_minus_zero() -> None:
    a = {"complaints": 0.10, "sick": 3.0, "absence": 0.012, "engagement": 0.5,
         "energy": 0.7, "cost": 120_000.0}
    b = {"complaints": 0.079, "sick": 3.0, "absence": 0.012, "engagement": 0.499999,
         "energy": 0.72, "cost": 100_000.0}
    assert kpi_deltas(b, a) == ["−2.1 pp", "+0", "+0.0 pp", "+0.00", "+0.02", "−€ 20k"]


@needs_events
def test_a_guided_act_sets_up_its_state_with_its_talking_point(rc: Any) -> None:
    by_class(rc, "og-act-domino").click()
    assert week_of(rc) == "Week 26"
    visible = "\n".join(texts(rc))
    assert "Act 2: A key colleague drops out" in visible
    assert "What does your organisation do in the first two weeks" in visible
    assert any("Key colleague drops out in Team 2" in text for text in texts(rc))
    kpis = by_class(rc, "og-kpis-A").unsafe_innerHTML
    assert kpis.count('class="d"') == 6  # the act's drop-out has its ghost run
    assert any("with the event − without it" in text for text in texts(rc))
    by_class(rc, "og-act-focus").click()  # the next act: A/B, back at week 0
    assert week_of(rc) == "Week 0"
    assert any("B — Baseline + Focus (from week 0)" in text for text in texts(rc))


def test_run_until_week_stops_there_and_a_bad_week_gives_a_message(rc: Any) -> None:
    field = by_class(rc, "og-until-week")
    field.v_model = "40"  # past the horizon (30)
    by_class(rc, "og-until-go").click()
    assert any("Run until week 40" in a for a in alerts(rc))
    field.v_model = "5"
    by_class(rc, "og-until-go").click()
    deadline = time.monotonic() + 60
    while "Stopped at week" not in " ".join(alerts(rc)) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)  # nothing more comes
    assert week_of(rc) == "Week 5" and any("Stopped at week 5" in a for a in alerts(rc))


def test_text_size_is_a_class_of_the_page_and_in_the_saved_state(rc: Any) -> None:
    def app_classes() -> list[str]:
        found, todo = [], list(rc.find(v.Sheet).widgets)
        while todo:  # every widget under the page's root
            w = todo.pop()
            found += [c for c in classes_of(w) if c.startswith("og-text-")]
            todo += [c for c in getattr(w, "children", []) or [] if not isinstance(c, str)]
        return found

    assert "og-text-normal" in app_classes()
    toggle = [w for w in rc.find(v.BtnToggle).widgets
              if [b.children[0] for b in w.children] == ["A", "A+", "A++"]][0]
    toggle.v_model = 2
    assert "og-text-xlarge" in app_classes()
    state = url_state(rc)
    state.vue_loaded("")
    from orgsim.app.controller import snapshot_from_text
    assert snapshot_from_text(state.state)["view"]["text"] == "xlarge"


@needs_events
def test_a_domino_opens_its_team_panel_and_a_team_name_opens_one(rc: Any) -> None:
    def team_charts() -> list[Any]:
        return [w for w in rc.find(ipywidgets.Image).widgets if "og-team-chart" in w._dom_classes]

    assert team_charts() == []
    grid(rc).vue_select_team(0)
    assert len(team_charts()) == 1
    by_class(rc, "og-team-close").click()
    assert team_charts() == []
    select = by_class(rc, "og-event-team")
    select.v_model = select.items[2]  # Team 2
    by_class(rc, "og-event-key_colleague_drops_out").click()
    (panel,) = team_charts()
    before = bytes(panel.value)
    by_class(rc, "og-step").click()
    assert bytes(team_charts()[0].value) != before  # it follows the weeks


def band_note(rc: Any, timeout: float = 240) -> str:
    """The band's note, once the band requested in the background is done."""
    deadline = time.monotonic() + timeout
    while not [w for w in all_widgets(rc) if "og-band-note" in classes_of(w)]:
        assert time.monotonic() < deadline, "no band"
        time.sleep(0.5)
    return str(by_class(rc, "og-band-note").unsafe_innerHTML)


def test_the_band_is_computed_on_request_and_drawn(rc: Any) -> None:
    png = chart(rc)
    by_class(rc, "og-band-ask").click()
    note = band_note(rc)
    assert "10 futures (seeds 3–12" in note
    assert chart(rc) != png
    by_class(rc, "og-band-hide").click()
    assert chart(rc) == png


def test_a_band_over_the_model_settings_says_so(rc: Any, tmp_path: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The "+ model uncertainty" button makes a band whose futures each have a calibrated
    parameter set, and its note says so (issue 15)."""
    import numpy as np
    import pandas as pd

    from orgsim.calibration import ensemble
    from orgsim.fingerprint import MODEL_VERSION

    table = pd.DataFrame({"params.onset_hazard": [0.3, 0.4, 0.5, 0.6]})
    ensemble.write(tmp_path, table, np.ones(4), {"model_version": MODEL_VERSION})
    monkeypatch.setattr(ensemble, "shipped_path", lambda: tmp_path)
    png = chart(rc)
    by_class(rc, "og-band-ask-params").click()
    note = band_note(rc)
    assert "10 futures (seeds 3–12, each with another calibrated setting" in note
    assert chart(rc) != png
