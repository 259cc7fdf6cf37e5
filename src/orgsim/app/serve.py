"""``orgsim app``: serve the workshop app on this computer (offline) and print its URL.

    orgsim app                      # http://127.0.0.1:<free port>
    orgsim app --port 8765          # a fixed port
    orgsim app --host 0.0.0.0       # reachable from other machines (only on a trusted network)
    orgsim app org=healthcare_ward  # Hydra overrides for every run started in the app

Runs the Solara server (Starlette + uvicorn) in production mode with every front-end asset
served locally (solara[assets]) and Solara's telemetry and version check off, so it works
without internet.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys

APP = "orgsim.app.app"
#: Environment variable carrying the command line's Hydra overrides to the page (JSON list).
OVERRIDES_ENV = "ORGSIM_APP_OVERRIDES"

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


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="orgsim app", description="Serve the orgsim workshop app (works offline).")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default 127.0.0.1: this computer only)")
    parser.add_argument("--port", type=int, default=0,
                        help="port (default: a free one)")
    parser.add_argument("overrides", nargs="*", metavar="key=value",
                        help="Hydra overrides applied to every run, e.g. org=healthcare_ward")
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"--port {args.port} is out of range; allowed [0, 65535]")
    return args


def main(argv: list[str] | None = None) -> int:
    """Start the server; returns when it stops (Ctrl+C)."""
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    port = args.port or free_port(args.host)
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind((args.host, port))
    except OSError as exc:
        print(f"orgsim app: cannot listen on {args.host}:{port}: {exc.strerror}",
              file=sys.stderr)
        return 2
    if args.overrides:
        from orgsim.compose import load_config
        from orgsim.config import ConfigError

        try:
            load_config(args.overrides)
        except ConfigError as exc:
            print(f"orgsim app: invalid configuration: {exc}", file=sys.stderr)
            return 2
        os.environ[OVERRIDES_ENV] = json.dumps(args.overrides)
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    os.environ["SERVER_NAME"], os.environ["SERVER_PORT"] = args.host, str(port)

    import uvicorn
    from solara.server import settings

    from orgsim.logs import quiet_mesa

    quiet_mesa()
    settings.main.mode = "production"
    settings.telemetry.mixpanel_enable = False
    url = f"http://{args.host}:{port}/"
    print(f"orgsim app: open {url} in a browser (Ctrl+C stops)", flush=True)
    config = uvicorn.Config("solara.server.starlette:app", host=args.host, port=port,
                            log_level="warning", access_log=False)
    uvicorn.Server(config).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
