"""The workshop app in a real browser: `orgsim app` in a subprocess, driven by Playwright.

Debian chromium (/usr/bin/chromium; `.ci/run` installs it). Screenshots go to
artifacts/screenshots/ (collected by CI). The server runs with SOLARA_ASSETS_CDN pointing
at a closed local port, so a front-end file missing from the local asset cache would fail
to load instead of being fetched from the internet; the tests then check that every
request went to the app's own host and succeeded.
"""

from __future__ import annotations

import io
import json
import re
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd
import pytest
from apphelpers import CLIENT_TEAMS, write_client
from appserver import SHOTS, app_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 90_000  # generous: CI machines are shared

pytestmark = [pytest.mark.slow,  # a real browser and a server subprocess
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed "
                                 "(apt-get install -y chromium; .ci/run does this)")]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """`orgsim app --port <free>` in a subprocess; its URL. Killed at the end."""
    with app_server() as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Session:
    """One browser context (= one app session) with its network log."""

    def __init__(self, browser: Any, url: str, size: tuple[int, int] = (1440, 900)) -> None:
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.hosts: set[str] = set()
        self.failed: list[str] = []
        self.page.on("request", lambda r: self.hosts.add(urlparse(r.url).netloc)
                     if r.url.startswith("http") else None)
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}")
                     if r.status >= 400 else None)
        self.page.goto(url)
        self.page.wait_for_selector(".og-step", timeout=TIMEOUT_MS)
        self.page.wait_for_selector(".og-tile", timeout=TIMEOUT_MS)

    def week(self) -> str:
        return self.page.inner_text(".og-week").strip()

    def wait_week(self, text: str) -> None:
        self.page.wait_for_function(
            "t => document.querySelector('.og-week').innerText.trim() === t", arg=text,
            timeout=TIMEOUT_MS)

    def chart_src(self) -> str:
        return self.page.get_attribute("img.og-charts", "src") or ""

    def wait_chart_change(self, old: str) -> None:
        self.page.wait_for_function(
            "old => { const i = document.querySelector('img.og-charts');"
            " return i && i.getAttribute('src') !== old; }", arg=old, timeout=TIMEOUT_MS)

    def shot(self, name: str, full_page: bool = True) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / name
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def language(self, lang: str) -> None:
        """Switch the page to ``lang`` ("en" or "nl") and wait for it."""
        chart = self.chart_src()
        self.page.click(f".og-lang button:has-text('{lang}')")
        word = {"en": "Running:", "nl": "Nu:"}[lang]
        self.page.wait_for_function(
            "w => document.querySelector('.og-running').innerText.startsWith(w)", arg=word)
        legend = {"en": "Engaged", "nl": "Bevlogen"}[lang]  # the whole page, charts too
        self.page.wait_for_function(
            "w => document.querySelector('.og-legend').innerText.includes(w)", arg=legend)
        self.wait_chart_change(chart)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(chromium: Any, server: str, request: Any) -> Iterator[Session]:
    failed_before = request.session.testsfailed
    s = Session(chromium, server)
    yield s
    if request.session.testsfailed > failed_before:  # what the page showed, for CI artefacts
        s.shot(f"failed-{request.node.name}.png")
    s.close()


def test_offline_page_steps_translates_moves_levers_and_fires_events(session: Session,
                                                                     server: str) -> None:
    page = session.page
    assert session.week() == "Week 0"
    chart = session.chart_src()
    kpis = page.inner_text(".og-kpis-A")
    for i in range(1, 4):
        page.click(".og-step")
        session.wait_week(f"Week {i}")
    session.wait_chart_change(chart)
    assert page.inner_text(".og-kpis-A") != kpis
    hover = page.get_attribute(".og-tile >> nth=3", "title") or ""
    assert "Energy" in hover
    session.shot("app-en.png")

    # a person's details
    page.click(".og-tile >> nth=3")
    page.wait_for_selector(".og-person")
    person = page.inner_text(".og-person")
    assert "Energy" in person and "BAT exhaustion score (1-5)" in person
    session.shot("app-person.png")

    # live lever: keyboard on the workload slider (End = maximum)
    page.focus(".og-lever-workload [role=slider]")
    page.keyboard.press("End")
    page.wait_for_selector(".og-log li", timeout=TIMEOUT_MS)
    assert "Workload:" in page.inner_text(".og-log")

    # a live event, visible in the message, the log and the charts
    chart = session.chart_src()
    page.click(".og-event-crunch_deadline")
    page.wait_for_selector(".og-message-event")
    assert "Crunch deadline" in page.inner_text(".og-message-event")
    for i in range(4, 8):
        page.click(".og-step")
        session.wait_week(f"Week {i}")
    session.wait_chart_change(chart)
    assert "Crunch deadline" in page.inner_text(".og-log")

    # Nederlands: every control, the hover texts too
    page.click(".og-lang button:has-text('nl')")
    page.wait_for_function("() => document.body.innerText.includes('Werkdruk')"
                           " && document.body.innerText.includes('geen internet nodig')")
    body = page.inner_text("body")
    for word in ("Werkdruk", "Regelruimte", "Bevlogenheid", "Piekdeadline", "Verzuim"):
        assert word in body
    assert "Energie" in (page.get_attribute(".og-tile >> nth=3", "title") or "")
    session.shot("app-nl.png")

    # nothing left the machine, nothing failed to load
    own = urlparse(server).netloc
    assert session.hosts == {own}, f"requests to other hosts: {session.hosts - {own}}"
    assert session.failed == []


def test_ab_mode_shows_two_organisations_and_exports(session: Session) -> None:
    page = session.page
    page.click("text=Organisation and scenario")
    page.click(".og-intervention-focus label")
    page.wait_for_selector(".og-options-focus")  # its options open below it
    page.click("label:has-text('A/B comparison')")
    page.click(".og-apply")
    page.wait_for_selector(".og-run-B .og-tile")
    chart = session.chart_src()
    page.click(".og-play")
    page.wait_for_function(
        "() => parseInt(document.querySelector('.og-week').innerText.replace(/\\D+/g, '')) >= 6",
        timeout=TIMEOUT_MS)
    page.click(".og-play")  # pause
    page.wait_for_function("() => /play|start/i.test(document.querySelector('.og-play')"
                           ".innerText)")
    session.wait_chart_change(chart)
    assert page.inner_text(".og-kpis-A") != page.inner_text(".og-kpis-B")
    session.shot("app-ab.png")

    with page.expect_download() as info:
        page.click("text=Run data (CSV)")
    df = pd.read_csv(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert set(df.run) == {"A", "B"} and df.week.max() >= 6
    with page.expect_download() as info:
        page.click("text=Charts (PNG)")
    assert Path(info.value.path()).read_bytes().startswith(b"\x89PNG")
    assert session.failed == []


def test_sessions_are_separate_and_bad_input_gives_a_message(chromium: Any,
                                                             server: str) -> None:
    first, second = Session(chromium, server), Session(chromium, server)
    try:
        first.page.click(".og-step")
        first.wait_week("Week 1")
        first.page.click(".og-step")
        first.wait_week("Week 2")
        assert second.week() == "Week 0"

        # A/B without any intervention for B cannot run: a message, no stack trace
        page = second.page
        page.click("text=Organisation and scenario")
        page.click("label:has-text('A/B comparison')")
        page.click(".og-apply")
        page.wait_for_selector(".og-message-error")
        assert "A/B needs at least one intervention" in page.inner_text(".og-message-error")
        assert "Traceback" not in page.inner_text("body")
        assert first.week() == "Week 2"
    finally:
        first.close()
        second.close()


def kernels(url: str) -> int:
    """Live Solara sessions (kernels) of the server at ``url``, from its /resourcez."""
    with urllib.request.urlopen(url + "resourcez", timeout=10) as response:
        return int(json.load(response)["kernels"]["total"])


def test_closed_sessions_are_freed_after_the_session_timeout(chromium: Any) -> None:
    """Tabs closed without a goodbye (the browser context ends: no close beacon) leave
    disconnected sessions; they are freed after --session-timeout (here 3 s, default 5 min)."""
    with app_server("--session-timeout", "0.05", log_name="app-server-cull.log") as url:
        assert kernels(url) == 0
        sessions = [Session(chromium, url) for _ in range(4)]
        assert kernels(url) == 4
        for s in sessions:
            s.close()
        deadline = time.monotonic() + 60
        while kernels(url) > 0 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert kernels(url) == 0
        again = Session(chromium, url)  # the server still serves new sessions
        try:
            assert again.week() == "Week 0" and kernels(url) == 1
        finally:
            again.close()


def test_a_full_app_shows_a_page_saying_so(chromium: Any) -> None:
    with app_server("--max-sessions", "1", log_name="app-server-full.log") as url:
        first = Session(chromium, url)
        try:
            context = chromium.new_context()
            page = context.new_page()
            response = page.goto(url)
            assert response is not None and response.status == 503
            assert "The app is full" in page.inner_text("body")
            context.close()
            assert first.week() == "Week 0"  # the open session keeps working
            first.page.click(".og-step")
            first.wait_week("Week 1")
        finally:
            first.close()


# --------------------------------------------------------------------- workshop v2 (issue 17)
def inside(page: Any, selector: str) -> bool:
    """Whether every element matching ``selector`` lies inside the viewport."""
    return bool(page.evaluate(
        """s => [...document.querySelectorAll(s)].every(e => { const r =
             e.getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.top >= 0
             && r.right <= innerWidth && r.bottom <= innerHeight; })""", selector))


def smallest_font(page: Any, selector: str) -> float:
    """The smallest computed font size (px) of the elements matching ``selector``."""
    return float(page.evaluate(
        """s => Math.min(...[...document.querySelectorAll(s)].map(
             e => parseFloat(getComputedStyle(e).fontSize)))""", selector))


@pytest.fixture(scope="module")
def client_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`orgsim app org=client` with a client preset in $ORGSIM_HOME."""
    home = write_client(tmp_path_factory.mktemp("orgsim-home"))
    with app_server("org=client", log_name="app-server-client.log",
                    env={"ORGSIM_HOME": str(home)}) as url:
        yield url


def test_a_client_runs_by_its_own_names_and_events_name_the_team(chromium: Any,
                                                                 client_server: str) -> None:
    s = Session(chromium, client_server, (1280, 800))
    try:
        page = s.page
        running = page.inner_text(".og-running")
        assert "Client Ltd · 23 employees · 3 teams" in running
        labels = page.eval_on_selector_all(".og-team-label", "es => es.map(e => e.innerText)")
        assert labels == [f"Team {i + 1} · {name}" for i, name in enumerate(CLIENT_TEAMS)]
        assert page.locator(".og-tile").count() == 23
        assert "Nothing has happened yet." in page.inner_text("body")  # no snapped moves
        page.click("text=Organisation and scenario")
        assert "23 employees in 3 named teams" in page.inner_text(".og-size-fixed")
        assert "Client Ltd" in page.inner_text(".og-org")

        # the domino: the chosen team, counted from 1 as on the tiles, in EN and NL
        page.click(".og-event-team")
        page.click(".v-menu__content .v-list-item:has-text('Team 2 · Finance')")
        page.click(".og-event-key_colleague_drops_out")
        page.wait_for_selector(".og-message-event")
        message = page.inner_text(".og-message-event")
        assert "Key colleague drops out in Team 2 · Finance" in message
        # the ghost: the same future without the drop-out, on the cards (and the charts)
        for i in range(1, 5):
            page.click(".og-step")
            s.wait_week(f"Week {i}")
        assert page.locator(".og-kpis-A .og-kpi .d").count() == 6
        assert "with the event − without it" in page.inner_text(".og-kpi-note-A")
        s.shot("app-domino-en-1280.png", full_page=False)
        s.language("nl")
        page.wait_for_function("() => document.querySelector('.og-message-event')"
                               ".innerText.includes('Sleutelcollega valt uit in Team 2')")
        assert "Team 2 · Finance" in page.inner_text(".og-log")
        assert "met de gebeurtenis − zonder" in page.inner_text(".og-kpi-note-A")
        assert "Traceback" not in page.inner_text("body")
    finally:
        s.close()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_ab_names_the_intervention_in_b_and_shows_b_minus_a(chromium: Any, server: str,
                                                           size: tuple[int, int]) -> None:
    s = Session(chromium, server, size)
    try:
        page = s.page
        page.click("text=Organisation and scenario")
        page.click(".og-intervention-focus label")
        page.wait_for_selector(".og-options-focus")  # its options open below it
        page.click("label:has-text('A/B comparison')")
        page.click(".og-apply")
        page.wait_for_selector(".og-run-B .og-tile")
        assert "A — Baseline" in page.inner_text(".og-run-A .og-run-title")
        assert "B — Baseline + Focus (from week 0)" in page.inner_text(".og-run-B .og-run-title")
        for i in range(1, 9):
            page.click(".og-step")
            s.wait_week(f"Week {i}")
        cards = page.inner_text(".og-kpis-B")
        assert page.locator(".og-kpis-B .og-kpi .d").count() == 6
        assert re.search(r"[+−]\d", cards)  # signed differences
        assert "B − A" in page.inner_text(".og-kpi-note-B")
        assert page.locator(".og-kpis-A .og-kpi .d").count() == 0
        s.shot(f"app-ab-en-{size[0]}.png", full_page=False)
        page.keyboard.press("f")
        page.wait_for_selector(".og-present")
        page.evaluate("() => document.querySelector('.og-main').scrollTo(0, 0)")
        s.shot(f"app-ab-present-en-{size[0]}.png", full_page=False)
        for selector in (".og-kpis-A", ".og-kpis-B", ".og-tile", "img.og-charts"):
            assert inside(page, selector), selector
        s.language("nl")
        page.wait_for_function("t => document.querySelector('.og-run-B .og-run-title')"
                               ".innerText.includes(t)",
                               arg="B — Huidige situatie + Focus (vanaf week 0)")
        s.shot(f"app-ab-present-nl-{size[0]}.png", full_page=False)
    finally:
        s.close()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_presentation_mode_fits_tiles_kpis_and_charts_in_large_text(
        chromium: Any, server: str, size: tuple[int, int]) -> None:
    s = Session(chromium, server, size)
    try:
        page = s.page
        for i in range(1, 4):
            page.click(".og-step")
            s.wait_week(f"Week {i}")
        assert inside(page, ".og-kpis-A") and inside(page, "img.og-charts")
        s.shot(f"app-en-{size[0]}.png", full_page=False)
        page.keyboard.press("f")
        page.wait_for_selector(".og-present")
        page.wait_for_selector(".og-drawer", state="detached")
        for selector in (".og-kpis-A", ".og-tile", "img.og-charts", ".og-legend"):
            assert inside(page, selector), selector
        for selector in (".og-kpi .l", ".og-kpi .v", ".og-team-label", ".og-legend",
                         ".og-running", ".og-week"):
            assert smallest_font(page, selector) >= 16, selector
        # chart text: TICK_PT points at 100 dpi, scaled as the image is shown
        scale = page.evaluate("() => { const i = document.querySelector('img.og-charts');"
                              " return i.clientHeight / i.naturalHeight; }")
        assert 12 * 100 / 72 * scale >= 16
        s.shot(f"app-present-en-{size[0]}.png", full_page=False)
        s.language("nl")
        s.shot(f"app-present-nl-{size[0]}.png", full_page=False)
        page.keyboard.press("f")
        page.wait_for_selector(".og-drawer")
        s.shot(f"app-nl-{size[0]}.png", full_page=False)
    finally:
        s.close()


def test_pause_stops_within_one_week_at_the_highest_speed(session: Session) -> None:
    page = session.page
    page.click(".og-speed button:has-text('16')")
    page.keyboard.press(" ")  # space = play
    page.wait_for_function(
        "() => parseInt(document.querySelector('.og-week').innerText.replace(/\\D+/g, '')) >= 8",
        timeout=TIMEOUT_MS)
    # read the week the room sees and click Pause in one go
    seen = page.evaluate("() => { const w = parseInt(document.querySelector('.og-week')"
                         ".innerText.replace(/\\D+/g, ''));"
                         " document.querySelector('.og-play').click(); return w; }")
    page.wait_for_function("() => /play/i.test(document.querySelector('.og-play').innerText)")
    time.sleep(2.0)  # frames that would still come
    stopped = int(session.week().split()[-1])
    assert seen <= stopped <= seen + 1


def test_a_reload_restores_the_workshop_from_the_address(session: Session) -> None:
    page = session.page
    for i in range(1, 3):
        page.click(".og-step")
        session.wait_week(f"Week {i}")
    page.click(".og-event-crunch_deadline")
    page.wait_for_selector(".og-message-event")
    page.focus(".og-lever-workload [role=slider]")
    page.keyboard.press("End")
    page.wait_for_selector(".og-log li >> text=Workload")
    for i in range(3, 6):
        page.click(".og-step")
        session.wait_week(f"Week {i}")
    session.language("nl")
    page.wait_for_function("() => location.search.includes('s=')")
    time.sleep(1.0)  # the address follows the last change
    kpis, log = page.inner_text(".og-kpis-A"), page.inner_text(".og-log")
    address = page.url
    page.reload()
    page.wait_for_selector(".og-tile")
    session.wait_week("Week 5")
    page.wait_for_function("() => document.querySelector('.og-running').innerText"
                           ".startsWith('Nu:')")
    assert page.url == address
    assert page.inner_text(".og-kpis-A") == kpis and page.inner_text(".og-log") == log
    assert "Piekdeadline" in log and "Werkdruk" in log
    # the old page's goodbye to its session is cut off by the reload: expected
    assert [u for u in session.failed if "/_solara/api/close/" not in u] == []


def test_a_guided_act_in_one_click_with_its_question_on_the_projector(chromium: Any,
                                                                      server: str) -> None:
    s = Session(chromium, server, (1280, 800))
    try:
        page = s.page
        page.click(".og-act-domino")
        s.wait_week("Week 26")
        page.wait_for_selector(".og-act")
        assert "Question for the room" in page.inner_text(".og-act")
        page.keyboard.press("f")
        page.wait_for_selector(".og-present")
        s.shot("app-act-en-1280.png", full_page=False)
        for selector in (".og-act", ".og-kpis-A", ".og-tile", "img.og-charts"):
            assert inside(page, selector), selector
        s.language("nl")
        page.wait_for_function("() => document.querySelector('.og-act').innerText"
                               ".includes('Vraag aan de zaal')")
        s.shot("app-act-nl-1280.png", full_page=False)
    finally:
        s.close()


# --------------------------------------------------------------------- workshop v2, part 2
def test_b_names_the_intervention_with_its_options_and_teams(chromium: Any,
                                                             server: str) -> None:
    """A/B with free capacity whose freed time goes to recovery, for Teams 1 and 3 only,
    from week 2: B's title says all of it and B's cards show B − A."""
    s = Session(chromium, server, (1280, 800))
    try:
        page = s.page
        page.click("text=Organisation and scenario")
        page.click(".og-intervention-free_capacity label")
        page.wait_for_selector(".og-options-free_capacity")
        page.fill(".og-intervention-free_capacity input[type=number], "
                  ".og-intervention-free_capacity .v-text-field input", "2")
        page.keyboard.press("Enter")
        page.click(".og-options-free_capacity .og-option-use")
        page.click(".menuable__content__active .v-list-item:has-text('recovery')")
        page.click(".og-options-free_capacity .og-option-teams")
        for team in ("Team 1", "Team 3"):
            page.click(f".menuable__content__active .v-list-item__title:text-is('{team}')")
        page.keyboard.press("Escape")
        page.wait_for_selector(".menuable__content__active", state="detached")
        page.click("label:has-text('A/B comparison')")
        page.click(".og-apply")
        page.wait_for_selector(".og-run-B .og-tile")
        title = page.inner_text(".og-run-B .og-run-title")
        assert ("B — Baseline + Free capacity (freed time: recovery · Team 1, Team 3 · "
                "from week 2)") in title, title
        for i in range(1, 7):
            page.click(".og-step")
            s.wait_week(f"Week {i}")
        assert page.locator(".og-kpis-B .og-kpi .d").count() == 6
        assert "B − A" in page.inner_text(".og-kpi-note-B")
        s.shot("app-ab-options-en-1280.png", full_page=False)
        s.language("nl")
        page.wait_for_function(
            "t => document.querySelector('.og-run-B .og-run-title').innerText.includes(t)",
            arg="vrijgekomen tijd: herstel · Team 1, Team 3 · vanaf week 2")
    finally:
        s.close()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_a_band_over_ten_futures_appears_on_request(chromium: Any, server: str,
                                                    size: tuple[int, int]) -> None:
    s = Session(chromium, server, size)
    try:
        page = s.page
        for i in range(1, 4):
            page.click(".og-step")
            s.wait_week(f"Week {i}")
        chart = s.chart_src()
        page.click(".og-band-ask")
        page.wait_for_selector(".og-band-busy")  # its progress, while the page works
        page.click(".og-step")
        s.wait_week("Week 4")
        page.wait_for_selector(".og-band-note", timeout=300_000)
        assert "80 % of 10 futures (seeds 1–10" in page.inner_text(".og-band-note")
        s.wait_chart_change(chart)
        page.keyboard.press("f")
        page.wait_for_selector(".og-present")
        assert inside(page, "img.og-charts") and inside(page, ".og-band-note")
        assert smallest_font(page, ".og-band-note") >= 16
        s.shot(f"app-band-en-{size[0]}.png", full_page=False)
        s.language("nl")
        page.wait_for_function("() => document.querySelector('.og-band-note').innerText"
                               ".includes('toekomsten')")
        s.shot(f"app-band-nl-{size[0]}.png", full_page=False)
    finally:
        s.close()


def test_text_size_persists_over_a_reload(session: Session) -> None:
    page = session.page
    normal = smallest_font(page, ".og-kpi .v")
    page.click(".og-text-size button:has-text('A++')")
    page.wait_for_selector(".og-text-xlarge")
    assert smallest_font(page, ".og-kpi .v") == pytest.approx(1.4 * normal, rel=0.02)
    page.wait_for_function("() => location.search.includes('s=')")
    time.sleep(1.0)  # the address follows the last change
    page.reload()
    page.wait_for_selector(".og-tile")
    page.wait_for_selector(".og-text-xlarge")
    assert smallest_font(page, ".og-kpi .v") == pytest.approx(1.4 * normal, rel=0.02)
    session.shot("app-text-xlarge-en-1440.png", full_page=False)


def test_play_until_week_n_stops_at_n(session: Session) -> None:
    page = session.page
    page.click(".og-speed button:has-text('8')")
    page.fill(".og-until-week input", "7")
    page.click(".og-until-go")
    page.wait_for_selector(".og-message-info >> text=Stopped at week 7")
    time.sleep(2.0)  # frames that would still come
    assert session.week() == "Week 7"
    assert "play" in page.inner_text(".og-play").lower()


def test_a_domino_opens_the_team_panel(chromium: Any, client_server: str) -> None:
    s = Session(chromium, client_server, (1280, 800))
    try:
        page = s.page
        for i in range(1, 3):
            page.click(".og-step")
            s.wait_week(f"Week {i}")
        page.click(".og-event-team")
        page.click(".menuable__content__active .v-list-item:has-text('Finance')")
        page.click(".og-event-key_colleague_drops_out")
        page.wait_for_selector("img.og-team-chart")
        for i in range(3, 9):
            page.click(".og-step")
            s.wait_week(f"Week {i}")
        page.locator("img.og-team-chart").scroll_into_view_if_needed()
        s.shot("app-team-en-1280.png", full_page=False)
        page.click(".og-team-close")
        page.wait_for_selector("img.og-team-chart", state="detached")
        page.click(".og-team-label >> text=IT & Data")  # a click on a team's name
        page.wait_for_selector("img.og-team-chart")
    finally:
        s.close()
