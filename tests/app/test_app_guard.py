"""`orgsim app`'s guard: pages of other sites are refused, a full app says so."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from typing import Any

import pytest
from appserver import app_server

from orgsim.app.guard import Guard, origin_allowed


def test_origin_must_be_the_served_host() -> None:
    assert origin_allowed(None, "127.0.0.1:8000", "127.0.0.1")  # no Origin: not a web page
    assert origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000", "127.0.0.1")
    assert origin_allowed("http://localhost:8000", "localhost:8000", "127.0.0.1")
    assert not origin_allowed("http://evil.example", "127.0.0.1:8000", "127.0.0.1")
    assert not origin_allowed("http://127.0.0.1:9999", "127.0.0.1:8000", "127.0.0.1")
    assert not origin_allowed("null", "127.0.0.1:8000", "127.0.0.1")
    # DNS rebinding: a foreign name pointed at this computer
    assert not origin_allowed("http://evil.example:8000", "evil.example:8000", "127.0.0.1")
    # served to the network: the name the room uses
    assert origin_allowed("http://trainer-laptop:8000", "trainer-laptop:8000", "0.0.0.0")
    assert not origin_allowed("http://evil.example", "trainer-laptop:8000", "0.0.0.0")


class Recorder:
    """A stand-in for the Solara app and the ASGI server around the guard."""

    def __init__(self) -> None:
        self.passed = 0
        self.sent: list[dict[str, Any]] = []

    async def app(self, scope: Any, receive: Any, send: Any) -> None:
        self.passed += 1

    async def receive(self) -> dict[str, Any]:
        return {"type": "websocket.connect"}

    async def send(self, message: Any) -> None:
        self.sent.append(dict(message))


def call(guard: Guard, rec: Recorder, kind: str, path: str, origin: str | None = None,
         method: str = "GET") -> None:
    headers = [(b"host", b"127.0.0.1:8000")]
    if origin:
        headers.append((b"origin", origin.encode()))
    scope = {"type": kind, "path": path, "method": method, "headers": headers}
    asyncio.run(guard(scope, rec.receive, rec.send))


def make(live: int, max_sessions: int = 2) -> tuple[Guard, Recorder]:
    rec = Recorder()
    guard = Guard(rec.app, bind_host="127.0.0.1", max_sessions=max_sessions, cull_minutes=5,
                  live_sessions=lambda: live, has_session=lambda k: k == "known")
    return guard, rec


def test_guard_refuses_foreign_origins_and_passes_the_rest() -> None:
    guard, rec = make(live=0)
    call(guard, rec, "websocket", "/jupyter/api/kernels/k/channels", "http://evil.example")
    assert rec.sent[-1]["type"] == "websocket.close" and rec.passed == 0
    call(guard, rec, "http", "/_solara/api/close/k", "http://evil.example", method="POST")
    assert rec.sent[-2]["status"] == 403 and rec.passed == 0
    call(guard, rec, "websocket", "/jupyter/api/kernels/k/channels", "http://127.0.0.1:8000")
    call(guard, rec, "http", "/", None)
    call(guard, rec, "lifespan", "")
    assert rec.passed == 3


def test_a_full_app_answers_new_tabs_with_a_page_and_keeps_open_sessions() -> None:
    guard, rec = make(live=2)
    call(guard, rec, "http", "/")
    assert rec.sent[-2]["status"] == 503 and b"The app is full" in rec.sent[-1]["body"]
    call(guard, rec, "websocket", "/jupyter/api/kernels/new/channels", "http://127.0.0.1:8000")
    assert rec.sent[-1]["type"] == "websocket.close" and rec.passed == 0
    # a session already open reconnects; its files and assets load
    call(guard, rec, "websocket", "/jupyter/api/kernels/known/channels", "http://127.0.0.1:8000")
    call(guard, rec, "http", "/static/main.js")
    assert rec.passed == 2
    guard, rec = make(live=1)
    call(guard, rec, "http", "/")
    assert rec.passed == 1


def test_the_status_page_counts_sessions_and_keeps_the_origin_check() -> None:
    guard, rec = make(live=2)  # full: the status still answers
    call(guard, rec, "http", "/orgsim-status")
    assert rec.sent[-2]["status"] == 200 and json.loads(rec.sent[-1]["body"]) == {"sessions": 2}
    call(guard, rec, "http", "/orgsim-status", "http://evil.example")
    assert rec.sent[-2]["status"] == 403 and rec.passed == 0
    asked: list[bool] = []
    guard.status = lambda collect: asked.append(collect) or {}
    for client in ("127.0.0.1", "192.168.1.20"):  # a garbage collection only from here
        scope = {"type": "http", "path": "/orgsim-status", "method": "GET",
                 "query_string": b"gc=1", "client": (client, 5000),
                 "headers": [(b"host", b"127.0.0.1:8000")]}
        asyncio.run(guard(scope, rec.receive, rec.send))
    assert asked == [True, False]


@pytest.mark.slow  # a server subprocess
def test_the_server_refuses_requests_and_websockets_from_other_sites() -> None:
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    with app_server(log_name="app-server-origin.log") as url:
        here = url.rstrip("/")
        request = urllib.request.Request(url, headers={"Origin": "http://evil.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Origin": here}),
                                    timeout=10) as response:
            assert response.status == 200
        ws_url = here.replace("http://", "ws://") + "/jupyter/api/kernels/k1/channels?session_id=p1"
        with pytest.raises(InvalidStatus) as ws_refused:
            connect(ws_url, origin="http://evil.example", open_timeout=10)  # type: ignore[arg-type]
        assert ws_refused.value.response.status_code == 403
        with connect(ws_url, origin=here, open_timeout=10) as ws:  # type: ignore[arg-type]
            assert ws.protocol.state.name == "OPEN"
