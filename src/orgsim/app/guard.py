"""ASGI guard in front of the Solara server of ``orgsim app``: origin check and session cap.

- **Origin.** A request or websocket carrying an ``Origin`` header is served only if that
  origin is the one the page was served from (``http(s)://`` + the request's ``Host``
  header), so a page on another site cannot open sessions or post to the app; when the
  server listens on a loopback address the ``Host`` must be a loopback name too (a page
  that re-points its own domain at 127.0.0.1, DNS rebinding, is refused). Requests without
  an ``Origin`` (typed URLs, page loads, scripts) pass: browsers always send it on
  websockets and cross-site posts. Refused: HTTP 403.
- **Session cap.** At most ``max_sessions`` live sessions (Solara kernels, open or closed
  and not yet freed): when full, a new page load gets a short page saying so (HTTP 503),
  and a websocket for a new session is refused; pages already open keep working.
- **Status.** ``GET /orgsim-status`` answers JSON for the soak test and script
  (``scripts/soak_app.py``): live sessions and the workshops still in memory
  (``?gc=1`` from this computer first collects garbage, so freed ones are not counted).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
#: The websocket path of a Solara session (``/jupyter/api/kernels/<kernel id>/<channel>``).
KERNEL_PATH = "/jupyter/api/kernels/"
#: The status path (JSON: sessions, workshops in memory).
STATUS_PATH = "/orgsim-status"

FULL_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>orgsim: the app is full</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>The app is full</h1>
<p>{n} sessions are open on this computer, the most it serves at once. Close a tab you no
longer use, or try again in a few minutes: sessions of closed tabs are freed after
{minutes:g} minutes.</p>
<p lang="nl">De app is vol: {n} sessies staan open. Sluit een tabblad dat u niet meer gebruikt
of probeer het over een paar minuten opnieuw.</p></body></html>
"""


def _host_name(host: str) -> str:
    """``host`` of a ``host[:port]`` or ``[v6]:port`` string, lower case."""
    return (urlsplit(f"//{host}").hostname or "").lower()


def origin_allowed(origin: str | None, host_header: str | None, bind_host: str) -> bool:
    """Whether a request with ``Origin`` ``origin`` to ``Host`` ``host_header`` is same-site."""
    if origin is None:
        return True
    if not host_header:
        return False
    if _host_name(bind_host) in LOOPBACK_HOSTS and _host_name(host_header) not in LOOPBACK_HOSTS:
        return False
    return origin.lower() in (f"http://{host_header.lower()}", f"https://{host_header.lower()}")


class Guard:
    """Wraps the Solara ASGI ``app``; ``live_sessions`` counts the live sessions,
    ``has_session(kernel_id)`` says whether a websocket reconnects to one of them and
    ``status(collect)`` gives the status page's numbers (collect: garbage first)."""

    def __init__(self, app: ASGIApp, *, bind_host: str, max_sessions: int,
                 cull_minutes: float, live_sessions: Callable[[], int],
                 has_session: Callable[[str], bool],
                 status: Callable[[bool], dict[str, Any]] | None = None) -> None:
        self.app, self.bind_host, self.max_sessions = app, bind_host, max_sessions
        self.cull_minutes = cull_minutes
        self.live_sessions, self.has_session = live_sessions, has_session
        self.status = status or (lambda collect: {"sessions": self.live_sessions()})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        path = scope.get("path", "")
        if not origin_allowed(headers.get("origin"), headers.get("host"), self.bind_host):
            await self._refuse(kind, receive, send, 403, "cross-origin request refused")
            return
        if kind == "websocket" and path.startswith(KERNEL_PATH):
            kernel_id = path[len(KERNEL_PATH):].split("/")[0]
            if not self.has_session(kernel_id) and self._full():
                await self._refuse(kind, receive, send, 503, "the app is full")
                return
        if kind == "http" and scope.get("method") == "GET" and path == STATUS_PATH:
            # a garbage collection only for this computer (it costs the server time)
            client = (scope.get("client") or ("", 0))[0]
            collect = (b"gc=1" in scope.get("query_string", b"").split(b"&")
                       and client in LOOPBACK_HOSTS)
            answer = json.dumps(self.status(collect)).encode()
            await self._respond(send, 200, answer, b"application/json")
            return
        if kind == "http" and scope.get("method") == "GET" and path in ("", "/") and self._full():
            body = FULL_PAGE.format(n=self.max_sessions, minutes=self.cull_minutes)
            await self._respond(send, 503, body.encode(), b"text/html; charset=utf-8")
            return
        await self.app(scope, receive, send)

    def _full(self) -> bool:
        return self.live_sessions() >= self.max_sessions

    async def _refuse(self, kind: str, receive: Receive, send: Send, status: int,
                      text: str) -> None:
        if kind == "websocket":
            await receive()  # websocket.connect; closing before accepting answers HTTP 403
            await send({"type": "websocket.close", "code": 1008, "reason": text})
        else:
            await self._respond(send, status, text.encode(), b"text/plain; charset=utf-8")

    @staticmethod
    async def _respond(send: Send, status: int, body: bytes, content_type: bytes) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", content_type),
                                (b"content-length", str(len(body)).encode()),
                                (b"cache-control", b"no-store")]})
        await send({"type": "http.response.body", "body": body})

