"""`orgsim app` in a subprocess for the server and browser tests (a plain module, see
apphelpers.py for why not conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from orgsim.app.serve import free_port

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"


@contextmanager
def app_server(*args: str, log_name: str = "app-server.log",
               env: dict[str, str] | None = None) -> Iterator[str]:
    """`orgsim app --port <free> *args` in a subprocess (``env``: extra environment); its
    URL. Killed at the end."""
    port = free_port()
    env = {**os.environ, "SOLARA_ASSETS_CDN": "http://127.0.0.1:9/", "PYTHONUNBUFFERED": "1",
           **(env or {})}
    script = Path(sys.executable).parent / "orgsim"
    cmd = ([str(script)] if script.exists() else [sys.executable, "-m", "orgsim.cli"])
    log = (SHOTS.parent / log_name)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen([*cmd, "app", "--port", str(port), *args], stdout=out,
                                stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"orgsim app exited ({proc.returncode}): {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"orgsim app did not answer on {url}: {log.read_text()[-2000:]}")
            time.sleep(0.5)
        # it printed its URL once it answered, and no warnings for a normal page load
        deadline = time.monotonic() + 30
        while f"open http://127.0.0.1:{port}/" not in log.read_text():
            if time.monotonic() > deadline:
                pytest.fail(f"orgsim app printed no URL: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield url
        # sessions were served: still nothing but the two lines (no cookie warnings)
        assert "Warning" not in log.read_text(), log.read_text()[-2000:]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
