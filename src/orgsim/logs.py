"""Logging settings shared by the command, its subcommands, the app and the scripts."""

from __future__ import annotations

import logging


def quiet_mesa() -> None:
    """Silence Mesa's per-step INFO log lines (Hydra routes INFO to the console)."""
    logging.getLogger("MESA").setLevel(logging.WARNING)
