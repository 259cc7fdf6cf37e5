"""Writing result files atomically: a reader sees the old file or the new one, never half.

Every tool that writes results (CLI runs, ``orgsim compare``, survey export and import, the
report, the sensitivity analysis, the benchmarks) goes through :func:`atomic_write`, so an
interrupted run leaves no half-written file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


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


class UnreadableFileError(OSError):
    """A result file that exists but cannot be parsed (truncated, corrupted, or not the
    file it is named after)."""


#: What to do about a damaged result file of a comparison (the default advice).
RERUN_COMPARE = ("it is damaged or not a file `orgsim compare` wrote; re-run the comparison "
                 "into a new outdir")


def _unreadable(path: Path, kind: str, exc: BaseException, fix: str) -> UnreadableFileError:
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
    return UnreadableFileError(f"{path}: cannot be read as {kind} ({reason}) — {fix}")


def read_json(path: str | os.PathLike[str], fix: str = RERUN_COMPARE) -> Any:
    """Read a JSON result file; an unparsable one raises :class:`UnreadableFileError`
    naming it and saying ``fix`` (a missing one raises FileNotFoundError as usual)."""
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise _unreadable(path, "JSON", exc, fix) from None


def read_table(path: str | os.PathLike[str], columns: Sequence[str] = ()) -> Any:
    """Read a Parquet (``.parquet``) or CSV result table as a DataFrame; a file that cannot
    be parsed, or lacks one of ``columns``, raises :class:`UnreadableFileError` naming it."""
    import pandas as pd

    path = Path(path)
    parquet = path.suffix == ".parquet"
    try:
        table = pd.read_parquet(path) if parquet else pd.read_csv(path)
    except FileNotFoundError:
        raise
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise _unreadable(path, "Parquet" if parquet else "CSV", exc, RERUN_COMPARE) from None
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise UnreadableFileError(
            f"{path}: lacks the column(s) {', '.join(missing)} — {RERUN_COMPARE}")
    return table
