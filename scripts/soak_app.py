"""Soak test of `orgsim app`: many browser sessions at once, for a long time (issue 18).

    python scripts/soak_app.py                       # 10 sessions, 10 minutes (before a release)
    python scripts/soak_app.py --sessions 10 --minutes 2 --cycle 60

Starts `orgsim app` on a free port with a short ``--session-timeout``, then, in rounds of
``--cycle`` seconds, opens ``--sessions`` browser tabs at once in Chromium (one context
each: one app session each), lets every tab play, checks every tab's week keeps moving,
closes them all and waits until the server has freed their sessions. Every ``--every``
seconds it prints the server's resident memory (RSS), the sessions alive and the weeks the
tabs show. Exit status 0 when every tab kept moving, every round's sessions were freed
and memory did not grow more than ``--max-growth-mb`` from the end of the first round to
the end of the last (nor above ``--max-rss-mb``); 1 otherwise. Needs Playwright and Debian
chromium (/usr/bin/chromium), like the browser tests. docs/app.md, "Before a release".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 120_000
#: Seconds a freed session's workshop may take to be collected (a play thread ending).
WORKSHOP_GRACE_S = 15.0


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (from /proc)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def status(url: str, collect: bool = False) -> dict[str, int]:
    """The server's ``/orgsim-status``: live sessions and workshops in memory."""
    with urllib.request.urlopen(url + "orgsim-status" + ("?gc=1" if collect else ""),
                                timeout=30) as response:
        return {k: int(v) for k, v in json.load(response).items()}


@contextmanager
def server(session_timeout: float, max_sessions: int, log: Path,
           extra: tuple[str, ...] = ()) -> Iterator[tuple[str, int]]:
    """`orgsim app` in a subprocess on a free port: its URL and process id."""
    from orgsim.app.serve import free_port

    port = free_port()
    script = Path(sys.executable).parent / "orgsim"
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "orgsim.cli"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*cmd, "app", "--port", str(port), "--session-timeout", f"{session_timeout:g}",
             "--max-sessions", str(max_sessions), *extra],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"orgsim app exited ({proc.returncode}): "
                                   f"{log.read_text()[-2000:]}")
            try:
                status(url)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"orgsim app did not answer on {url}") from None
                time.sleep(0.5)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def week_of(page: Any) -> int:
    """The week a tab shows (-1 when it shows none: the page is gone or broken)."""
    try:
        text = page.inner_text(".og-week", timeout=10_000)
    except Exception:  # a closed or crashed page
        return -1
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else -1


def open_tabs(browser: Any, url: str, n: int, speed: int = 4) -> list[Any]:
    """``n`` new contexts (= app sessions) on ``url``, all loading at once, then all set
    playing at ``speed`` weeks/s (one tab playing while the next loads would slow the
    loading of the rest)."""
    pages = []
    for _ in range(n):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url, wait_until="commit")
        pages.append(page)
    for page in pages:
        page.wait_for_selector(".og-tile")
    for page in pages:
        page.click(f".og-speed button:has-text('{speed}')")
        page.click(".og-play")
    for page in pages:
        page.wait_for_function(
            "() => /pause/i.test(document.querySelector('.og-play').innerText)")
    return pages


def keep_playing(page: Any) -> None:
    """Restart a tab that reached its last week (Reset, Play), so it keeps working."""
    if "pause" in page.inner_text(".og-play").lower():
        return
    page.click(".og-reset")
    page.wait_for_function("() => /\\D0$/.test(document.querySelector('.og-week')"
                           ".innerText.trim())")
    page.click(".og-play")


@dataclass
class Round:
    """What one round measured."""

    rss_live_mb: float = 0.0  #: peak RSS while the tabs played
    rss_freed_mb: float = 0.0  #: RSS once their sessions were freed
    freed_s: float = float("nan")  #: seconds from closing the tabs to 0 sessions
    weeks: list[int] = field(default_factory=list)  #: weeks each tab reached
    stalled: list[int] = field(default_factory=list)  #: tabs whose week stopped moving
    workshops_left: int = -1  #: workshops still in memory after freeing (garbage collected)


def run_round(browser: Any, url: str, pid: int, sessions: int, seconds: float, every: float,
              free_timeout: float, say: Callable[[str], None] = print,
              speed: int = 4) -> Round:
    """Open ``sessions`` tabs at once, let them play ``seconds`` at ``speed`` weeks/s,
    check each week moves (sampled every ``every`` s), close them and wait until the
    server freed them."""
    result = Round()
    pages = open_tabs(browser, url, sessions, speed)
    last = [week_of(p) for p in pages]
    moved = [False] * sessions
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        time.sleep(min(every, max(0.0, seconds - (time.monotonic() - started))))
        now = [week_of(p) for p in pages]
        for i, (before, after) in enumerate(zip(last, now, strict=True)):
            if after < 0:
                result.stalled.append(i)
            elif after != before:
                moved[i] = True
        for p in pages:
            keep_playing(p)  # one at its last week starts again (its week then drops)
        rss = rss_mb(pid)
        result.rss_live_mb = max(result.rss_live_mb, rss)
        say(f"  {time.monotonic() - started:5.0f} s  RSS {rss:7.1f} MB  sessions "
            f"{status(url)['sessions']:3d}  weeks {' '.join(str(w) for w in now)}")
        last = [b if b >= 0 else a for a, b in zip(last, now, strict=True)]
    result.weeks = [week_of(p) for p in pages]
    result.stalled = sorted(set(result.stalled) | {i for i, m in enumerate(moved) if not m})
    for p in pages:
        p.context.close()
    closed = time.monotonic()
    while status(url)["sessions"] > 0:
        if time.monotonic() - closed > free_timeout:
            break
        time.sleep(0.25)
    else:
        result.freed_s = time.monotonic() - closed
    # a play thread finishing its last frame may hold its workshop a moment longer
    grace = time.monotonic() + WORKSHOP_GRACE_S
    while (left := status(url, collect=True)["workshops"]) and time.monotonic() < grace:
        time.sleep(0.5)
    result.workshops_left = left
    result.rss_freed_mb = rss_mb(pid)
    say(f"  closed {sessions} tabs: sessions freed after {result.freed_s:.1f} s, workshops "
        f"left {result.workshops_left}, RSS {result.rss_freed_mb:.1f} MB")
    return result


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10, help="tabs at once (default 10)")
    parser.add_argument("--minutes", type=float, default=10.0,
                        help="how long to soak (default 10)")
    parser.add_argument("--cycle", type=float, default=60.0,
                        help="seconds the tabs of one round play before they are closed "
                        "(default 60)")
    parser.add_argument("--every", type=float, default=10.0,
                        help="seconds between measurements (default 10)")
    parser.add_argument("--session-timeout", type=float, default=0.05, metavar="MINUTES",
                        help="the server's --session-timeout (default 0.05 = 3 s)")
    parser.add_argument("--max-growth-mb", type=float, default=150.0,
                        help="allowed RSS growth from the end of the first round to the end "
                        "of the last (default 150)")
    parser.add_argument("--max-rss-mb", type=float, default=3000.0,
                        help="allowed peak RSS (default 3000)")
    parser.add_argument("--log", type=Path, default=Path("artifacts/soak-app-server.log"),
                        help="the server's output")
    args = parser.parse_args(argv)
    for name in ("sessions", "minutes", "cycle", "every", "session_timeout"):
        if not getattr(args, name) > 0:
            parser.error(f"--{name.replace('_', '-')} must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if not CHROMIUM.exists():
        print(f"soak_app: error: {CHROMIUM} not found (apt-get install chromium)",
              file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    rounds: list[Round] = []
    problems: list[str] = []
    free_timeout = args.session_timeout * 60 + 60
    with server(args.session_timeout, args.sessions + 5, args.log) as (url, pid), \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        print(f"soak_app: {url} (pid {pid}), idle RSS {rss_mb(pid):.1f} MB; {args.sessions} "
              f"sessions for {args.minutes:g} min in rounds of {args.cycle:g} s", flush=True)
        end = time.monotonic() + 60 * args.minutes
        while time.monotonic() < end:
            n = len(rounds) + 1
            print(f"round {n}", flush=True)
            try:
                rounds.append(run_round(
                    browser, url, pid, args.sessions,
                    min(args.cycle, max(args.every, end - time.monotonic())), args.every,
                    free_timeout, lambda line: print(line, flush=True)))
            except Exception as exc:  # a tab that never loads or a page that broke
                problems.append(f"round {n}: {type(exc).__name__}: {str(exc).splitlines()[0]}"
                                f" (the server's log: {args.log})")
                break
        browser.close()
    if not rounds:
        for line in problems:
            print(f"soak_app: FAIL: {line}", file=sys.stderr)
        return 1
    for n, r in enumerate(rounds, 1):
        if r.stalled:
            problems.append(f"round {n}: tabs {r.stalled} stopped moving")
        if r.freed_s != r.freed_s:  # nan: not freed
            problems.append(f"round {n}: sessions not freed within {free_timeout:g} s")
        if r.workshops_left:
            problems.append(f"round {n}: {r.workshops_left} workshops still in memory")
    growth = rounds[-1].rss_freed_mb - rounds[0].rss_freed_mb
    peak = max(r.rss_live_mb for r in rounds)
    if growth > args.max_growth_mb:
        problems.append(f"RSS grew {growth:.0f} MB over the soak (> {args.max_growth_mb:g})")
    if peak > args.max_rss_mb:
        problems.append(f"peak RSS {peak:.0f} MB (> {args.max_rss_mb:g})")
    print(f"soak_app: {len(rounds)} rounds; peak RSS {peak:.1f} MB; after round 1 "
          f"{rounds[0].rss_freed_mb:.1f} MB, after the last {rounds[-1].rss_freed_mb:.1f} MB "
          f"(growth {growth:+.1f} MB); freeing took "
          f"{max(r.freed_s for r in rounds):.1f} s at most")
    for line in problems:
        print(f"soak_app: FAIL: {line}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
