"""Writing result files atomically: a reader sees the old file or the new one, never half.

Every tool that writes results (CLI runs, ``orgsim compare``, survey export and import, the
report, the sensitivity analysis, the benchmarks) goes through :func:`atomic_write`, so an
interrupted run leaves no half-written file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], object]) -> Path:
    """Write ``path`` by ``write(tmp_path)`` into a temporary file, then rename it into place.

    The temporary file is unique (safe for parallel writers), lies next to ``path`` (so the
    rename is atomic), is readable like a normal file, and is removed if ``write`` fails.
    Parent directories are created.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """:func:`atomic_write` of a text (UTF-8)."""
    return atomic_write(path, lambda p: p.write_text(text, encoding="utf-8"))
