"""Start a parallel sweep's worker processes early, while the main process is still busy.

A joblib (loky) sweep starts its workers only when its tasks are launched (``orgsim compare``:
the batches of :mod:`orgsim.experiments.runner`; ``orgsim -m``: Hydra's joblib launcher); each
then spends about 1-2 s (machine-dependent; 0.9 s on a fast one) importing numpy, pandas,
scipy, Mesa and orgsim before its first run. Started in a background thread as soon as the
command line's values have passed their checks, the workers import while the main process
prepares (Hydra composing the jobs, compare writing its meta.json). joblib keeps its worker
pool between calls with the same settings, so the launch finds them ready. The results are
unchanged: the workers run the same tasks, only sooner.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator

#: The joblib arguments of hydra-joblib-launcher's defaults, also those of compare's batches
#: (the pool is reused only when they match): processes (loky), no memmapping of large
#: arguments.
POOL_ARGS = {"backend": "loky", "prefer": "processes", "max_nbytes": None, "mmap_mode": "r"}

#: Longest wait for the head start (seconds); a normal start takes 1-2 s.
WAIT_S = 60.0

_thread: threading.Thread | None = None


#: The engine: imported by every worker, whatever its jobs.
ENGINE = "orgsim.model"


def _load_engine(job_module: str) -> int:
    """Task run once in each worker: import what every run needs."""
    importlib.import_module(job_module)
    importlib.import_module(ENGINE)
    return os.getpid()


def _warm(n_jobs: int, workers: int, job_module: str) -> None:
    from joblib import Parallel, delayed

    # only a head start: if it fails, the launcher starts its workers itself (and reports
    # any real error)
    with contextlib.suppress(Exception):
        Parallel(n_jobs=n_jobs, **POOL_ARGS)(
            delayed(_load_engine)(job_module) for _ in range(workers))


#: The loky resource tracker removes the semaphores of a pool stopped by an interrupt and
#: warns about them on the terminal, after the one-line message; its own warnings only.
TRACKER_WARNINGS = "ignore::UserWarning:joblib.externals.loky.backend.resource_tracker"


def quiet_resource_tracker() -> None:
    """Keep the loky resource tracker (started with the pool, inheriting the environment)
    from printing its clean-up warnings (:data:`TRACKER_WARNINGS`)."""
    current = os.environ.get("PYTHONWARNINGS", "")
    if TRACKER_WARNINGS not in current.split(","):
        os.environ["PYTHONWARNINGS"] = ",".join(filter(None, [current, TRACKER_WARNINGS]))


def start(n_jobs: int, job_module: str) -> None:
    """Start the workers of ``n_jobs`` (joblib's meaning: -1 all cores) in the background,
    once per process; a single job needs no pool. Each worker imports ``job_module`` (the
    module of the sweep's task function, named by the caller, so that this module
    imports none of its callers) and the engine."""
    global _thread
    from joblib import effective_n_jobs

    quiet_resource_tracker()

    try:
        workers = effective_n_jobs(n_jobs)
    except ValueError:  # n_jobs=0: the launcher reports it
        return
    if _thread is None and workers > 1:
        _thread = threading.Thread(target=_warm, args=(n_jobs, workers, job_module),
                                   name="orgsim-warm-workers", daemon=True)
        _thread.start()


def wait() -> None:
    """Wait until the workers started by :func:`start` are ready (before the launch, so
    the launcher's pool is not set up twice at once)."""
    if _thread is not None:
        _thread.join(timeout=WAIT_S)  # a head start only: never hold the sweep up for long


def joblib_jobs(argv: list[str]) -> int | None:
    """``n_jobs`` of a joblib multirun asked for on the ``orgsim`` command line (the
    launcher's default -1: all cores), or None when the command line asks for none or for
    another pool (``hydra.launcher.backend``/``prefer`` other than loky processes)."""
    if not any(a in ("-m", "--multirun") for a in argv) or "hydra/launcher=joblib" not in argv:
        return None
    n_jobs = -1
    for a in argv:
        key, _, value = a.partition("=")
        if not key.startswith("hydra.launcher."):
            continue
        option = key.removeprefix("hydra.launcher.")
        if option in ("backend", "prefer") and value not in (POOL_ARGS[option], "null"):
            return None  # another pool than the one warmed here
        if option == "n_jobs":
            try:
                n_jobs = int(value)
            except ValueError:
                return None  # Hydra reports the bad value
    return n_jobs


def shutdown(timeout: float = 5.0) -> None:
    """Stop this process's joblib (loky) worker pool at once: kill every worker and its
    children, then shut the pool down. For an interrupted sweep (Ctrl+C, SIGTERM): without
    it the workers outlive the main process (re-parented to PID 1, holding their memory).
    A head start still under way (:func:`start`) is waited for up to ``timeout`` seconds
    first, so that it cannot create a pool after this."""
    if _thread is not None:
        _thread.join(timeout=timeout)
    try:
        from joblib.externals.loky import reusable_executor
        from joblib.externals.loky.backend.utils import kill_process_tree
    except ImportError:  # pragma: no cover - joblib without loky: no pool to stop
        return
    executor = reusable_executor._executor
    if executor is None:
        return
    for process in list(getattr(executor, "_processes", {}).values()):
        with contextlib.suppress(Exception):
            kill_process_tree(process)
    with contextlib.suppress(Exception):
        executor.shutdown(wait=True, kill_workers=True)


def _interrupt(signum: int, frame: object) -> None:
    """SIGINT/SIGTERM handler: end the command where the main thread is (as Ctrl+C)."""
    raise KeyboardInterrupt(signum)


@contextlib.contextmanager
def interruptible(message: str) -> Iterator[None]:
    """Ctrl+C and SIGTERM end the command with ``message`` on one line instead of a
    traceback: the worker pool is stopped (:func:`shutdown`) and the exit
    code is 128 + the signal."""
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        handlers = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    except KeyboardInterrupt as exc:
        for sig in handlers:  # a second Ctrl+C must not cut the clean-up short
            signal.signal(sig, signal.SIG_IGN)
        shutdown()
        print(message, file=sys.stderr)
        signum = exc.args[0] if exc.args and isinstance(exc.args[0], int) else signal.SIGINT
        sys.exit(128 + int(signum))
    finally:
        for sig, old in handlers.items():
            signal.signal(sig, old)
