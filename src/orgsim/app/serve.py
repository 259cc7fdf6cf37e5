"""``orgsim app``: serve the workshop app on this computer (offline) and print its URL.

    orgsim app                      # http://127.0.0.1:<free port>
    orgsim app --port 8765          # a fixed port
    orgsim app --host 0.0.0.0       # reachable from other machines (only on a trusted network)
    orgsim app org=healthcare_ward  # Hydra overrides for every run started in the app
    orgsim app --session-timeout 10 --max-sessions 40

Runs the Solara server (Starlette + uvicorn) in production mode with every front-end asset
served locally (solara[assets]) and Solara's telemetry and version check off, so it works
without internet. The session of a closed (or disconnected) tab is freed after
``--session-timeout`` minutes (Solara's ``SOLARA_KERNEL_CULL_TIMEOUT``, 24 h by default);
at most ``--max-sessions`` sessions live at once, and requests from pages of other sites
are refused (:mod:`orgsim.app.guard`).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
import warnings
from typing import Any

from orgsim.app.guard import Guard

APP = "orgsim.app.app"
#: Environment variable carrying the command line's Hydra overrides to the page (JSON list).
OVERRIDES_ENV = "ORGSIM_APP_OVERRIDES"
#: Minutes a closed or disconnected tab's session is kept (for a reconnect) before it is freed.
SESSION_TIMEOUT_MINUTES = 5.0
#: Sessions served at once (a workshop room with a few tabs each).
MAX_SESSIONS = 30

#: Solara settings for a closed room: no telemetry, assets from the local cache, production.
OFFLINE_ENV = {
    "SOLARA_APP": APP,
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
    "SOLARA_TELEMETRY_SERVER_USER_ID": "offline",
    "SOLARA_CHECK_VERSION": "False",
    # the "proxy" serves the CDN files from the local cache that solara-assets installs
    "SOLARA_ASSETS_PROXY": "True",
    "SOLARA_MODE": "production",
    "SOLARA_THEME_SHOW_BANNER": "False",
}


def address_family(host: str) -> socket.AddressFamily:
    """The address family of ``host`` (IPv4 or IPv6; a name is looked up).

    Raises:
        OSError: (``socket.gaierror``) when ``host`` is no address and no known name.
    """
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return infos[0][0]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(address_family(host), socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def host_error(host: str, port: int, exc: OSError) -> str:
    """The one-line error for a host/port that cannot be listened on."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    where = f"{host}:{port}" if port else host
    return (f"orgsim app: error: cannot listen on {where} ({reason}) — give an address of "
            "this computer, e.g. --host 127.0.0.1 (this computer only) or --host 0.0.0.0"
            + (", or another --port" if port else ""))


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="orgsim app", description="Serve the orgsim workshop app (works offline).")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default 127.0.0.1: this computer only)")
    parser.add_argument("--port", type=int, default=0,
                        help="port (default: a free one)")
    parser.add_argument("overrides", nargs="*", metavar="key=value",
                        help="Hydra overrides applied to every run, e.g. org=healthcare_ward")
    parser.add_argument("--session-timeout", type=float, default=SESSION_TIMEOUT_MINUTES,
                        metavar="MINUTES",
                        help="free the session of a closed or disconnected tab after this many "
                        f"minutes (default {SESSION_TIMEOUT_MINUTES:g})")
    parser.add_argument("--max-sessions", type=int, default=MAX_SESSIONS, metavar="N",
                        help=f"sessions served at once (default {MAX_SESSIONS}); when full a "
                        "new tab gets a page saying so")
    from orgsim.cli import fail

    # one line, not argparse's usage block (issue 18: one error path per command)
    parser.error = lambda message: fail(  # type: ignore[method-assign]
        "orgsim app", f"{message} — see orgsim app --help")
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"--port {args.port} is out of range; allowed [0, 65535]")
    if not 0 < args.session_timeout <= 1440:
        parser.error(f"--session-timeout {args.session_timeout:g} is out of range; "
                     "allowed (0, 1440] minutes")
    if not 1 <= args.max_sessions <= 1000:
        parser.error(f"--max-sessions {args.max_sessions} is out of range; allowed [1, 1000]")
    return args


def answers(url: str, timeout: float = 120.0, every: float = 0.25) -> bool:
    """Whether the server at ``url`` answers an HTTP request within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return True
        except urllib.error.HTTPError:
            return True  # an answer, if not a page (e.g. "the app is full")
        except OSError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(every)


def announce_when_ready(url: str, probe: str) -> threading.Thread:
    """Print ``url`` once the server answers at ``probe`` (a trainer who opens it earlier
    would get "connection refused"); runs in a daemon thread."""

    def wait() -> None:
        if answers(probe):
            print(f"orgsim app: open {url} in a browser (Ctrl+C stops)", flush=True)
        else:
            print(f"orgsim app: the server did not answer on {url}", file=sys.stderr,
                  flush=True)

    thread = threading.Thread(target=wait, name="orgsim-app-ready", daemon=True)
    thread.start()
    return thread


def guarded_app(host: str, max_sessions: int, cull_minutes: float) -> Guard:
    """Solara's Starlette app behind the origin check and session cap (import after the
    ``SOLARA_*`` environment is set: Solara reads it on import)."""
    from solara.server import kernel_context
    from solara.server.starlette import app

    from orgsim.app.controller import live_workshops

    def status(collect: bool) -> dict[str, Any]:
        return {"sessions": len(kernel_context.contexts),
                "workshops": live_workshops(collect)}

    return Guard(app, bind_host=host, max_sessions=max_sessions, cull_minutes=cull_minutes,
                 live_sessions=lambda: len(kernel_context.contexts),
                 has_session=lambda kernel_id: kernel_id in kernel_context.contexts,
                 status=status)


def main(argv: list[str] | None = None) -> int:
    """Start the server; returns when it stops (Ctrl+C)."""
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        port = args.port or free_port(args.host)
        with socket.socket(address_family(args.host), socket.SOCK_STREAM) as sock:
            sock.bind((args.host, port))
    except (OSError, UnicodeError) as exc:  # UnicodeError: a name IDNA cannot encode
        print(host_error(args.host, args.port,
                         exc if isinstance(exc, OSError) else OSError(str(exc))),
              file=sys.stderr)
        return 2
    if args.overrides:
        from orgsim.compose import load_config
        from orgsim.config import ConfigError

        try:
            load_config(args.overrides)
        except ConfigError as exc:
            from orgsim.cli import error_line

            print(error_line("orgsim app", exc), file=sys.stderr)
            return 2
        os.environ[OVERRIDES_ENV] = json.dumps(args.overrides)
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    cull = f"{args.session_timeout * 60:g}s"
    os.environ["SOLARA_KERNEL_CULL_TIMEOUT"] = cull
    os.environ["SERVER_NAME"], os.environ["SERVER_PORT"] = args.host, str(port)

    import uvicorn
    from solara.server import settings

    from orgsim.logs import quiet_mesa

    quiet_mesa()
    settings.main.mode = "production"
    settings.telemetry.mixpanel_enable = False
    settings.kernel.cull_timeout = cull
    # Solara warns on every page load over plain http that a cookie falls back to
    # samesite=lax: right for an app that is not embedded in another site, so not shown
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https",
                            category=UserWarning)
    shown = f"[{args.host}]" if ":" in args.host else args.host  # an IPv6 address
    url = f"http://{shown}:{port}/"
    local = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(args.host, shown)
    print("orgsim app: starting (a few seconds)...", flush=True)
    announce_when_ready(url, f"http://{local}:{port}/resourcez")
    # the guard reads the bound host as a Host header would give it ([::1] for IPv6)
    app = guarded_app(shown, args.max_sessions, args.session_timeout)
    config = uvicorn.Config(app, host=args.host, port=port, log_level="warning",
                            access_log=False)
    uvicorn.Server(config).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
