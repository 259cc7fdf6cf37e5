"""The app holds 10 sessions at once with bounded memory and frees them when closed (issue 18).

A one-minute version of ``scripts/soak_app.py`` (the 10-minute soak before a release,
docs/app.md): `orgsim app` on a free port with a 3-second session timeout, 10 browser
contexts (10 sessions) of real Chromium opened at once, all playing; every tab's week must
move, the server's resident memory (RSS, /proc) stays within a bound, and after the tabs
are closed the server frees every session and every workshop (counted after a garbage
collection by ``/orgsim-status``). The numbers measured are written to
artifacts/soak-sessions.json.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from appserver import ROOT, SHOTS

CHROMIUM = Path("/usr/bin/chromium")
SESSIONS = 10
#: Allowed RSS growth of the server from idle to 10 playing sessions (MB). Measured: about
#: 20 MB per session of 200 employees (docs/app.md); this test uses 60 employees.
MAX_GROWTH_MB = 400.0

pytestmark = [pytest.mark.slow,  # a real browser and a server subprocess
              pytest.mark.timeout(600),  # a loaded CI machine; about a minute normally
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed "
                                 "(apt-get install -y chromium; .ci/run does this)")]


def soak_module() -> Any:
    """scripts/soak_app.py as a module (its server, tabs and measurements)."""
    spec = importlib.util.spec_from_file_location("soak_app", ROOT / "scripts" / "soak_app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_ten_sessions_play_at_once_with_bounded_memory_and_are_freed_when_closed() -> None:
    from playwright.sync_api import sync_playwright

    soak = soak_module()
    log = SHOTS.parent / "app-server-soak.log"
    measured: dict[str, Any] = {"sessions": SESSIONS}
    with soak.server(0.05, SESSIONS + 2, log, ("org.n_employees=60",)) as (url, pid), \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=soak.ARGS)
        try:
            measured["rss_idle_mb"] = idle = soak.rss_mb(pid)
            assert soak.status(url)["sessions"] == 0
            started = time.monotonic()
            pages = soak.open_tabs(browser, url, SESSIONS, speed=2)
            measured["open_s"] = time.monotonic() - started
            first = [soak.week_of(page) for page in pages]
            assert soak.status(url)["sessions"] == SESSIONS
            # every tab moves on its own: each one's week passes where it was + 2
            peak = soak.rss_mb(pid)
            for page, week in zip(pages, first, strict=True):
                page.wait_for_function(
                    "w => parseInt(document.querySelector('.og-week').innerText"
                    ".replace(/\\D+/g, '')) >= w", arg=week + 2, timeout=soak.TIMEOUT_MS)
                peak = max(peak, soak.rss_mb(pid))
            weeks = [soak.week_of(page) for page in pages]
            measured.update(rss_live_mb=peak, weeks=weeks,
                            live_s=time.monotonic() - started)
            assert all(w >= f + 2 for w, f in zip(weeks, first, strict=True)), (first, weeks)
            assert peak - idle < MAX_GROWTH_MB, measured
            for page in pages:
                page.context.close()
            closed = time.monotonic()
            while soak.status(url)["sessions"] > 0:
                assert time.monotonic() - closed < 120, "closed sessions were not freed"
                time.sleep(0.25)
            measured["freed_s"] = time.monotonic() - closed
            grace = time.monotonic() + soak.WORKSHOP_GRACE_S  # a play thread ending
            while (left := soak.status(url, collect=True)["workshops"]) and \
                    time.monotonic() < grace:
                time.sleep(0.5)
            measured["workshops_left"] = left
            measured["rss_freed_mb"] = after = soak.rss_mb(pid)
        finally:
            browser.close()
            SHOTS.parent.mkdir(parents=True, exist_ok=True)
            (SHOTS.parent / "soak-sessions.json").write_text(json.dumps(measured, indent=1))
    print(json.dumps(measured))
    assert measured["workshops_left"] == 0, measured  # their models are gone, not just hidden
    assert after <= peak + 50, measured  # closing did not make the server grow
