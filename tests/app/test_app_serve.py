"""`orgsim app` command line: arguments, defaults, bad input (the server itself: browser tests)."""

from __future__ import annotations

import http.server
import json
import threading

import pytest

from orgsim.app import serve
from orgsim.app.app import default_settings


def test_defaults_bind_localhost_on_a_free_port() -> None:
    args = serve.parse_args([])
    assert args.host == "127.0.0.1" and args.port == 0 and args.overrides == []
    assert 0 < serve.free_port() < 65536


def test_bad_port_is_refused_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        serve.parse_args(["--port", "70000"])
    assert "--port 70000 is out of range" in capsys.readouterr().err


def test_bad_override_fails_before_serving(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve.main(["--port", str(serve.free_port()), "org=no_such_org"]) == 2
    assert "org='no_such_org' is unknown" in capsys.readouterr().err


def test_command_line_overrides_reach_new_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(serve.OVERRIDES_ENV, json.dumps(["costs.eur_per_absence_day=300"]))
    assert default_settings().overrides == ("costs.eur_per_absence_day=300",)
    monkeypatch.setenv(serve.OVERRIDES_ENV, "not json")
    assert default_settings().overrides == ()


def test_answers_waits_for_a_server_and_gives_up_on_a_closed_port() -> None:
    port = serve.free_port()
    assert not serve.answers(f"http://127.0.0.1:{port}/", timeout=0.3, every=0.1)
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:  # the bare handler answers 501: an answer all the same
        assert serve.answers(f"http://127.0.0.1:{server.server_port}/", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
