"""``launcher=ray``: a small compare on a local two-node Ray cluster gives the same results as
the joblib launcher.

Needs the optional extra ``orgsim[ray]`` (``pip install -e '.[ray]'``; CI installs it);
skipped without it. The two nodes (one CPU each) are two ``ray start --block`` processes on
this machine, each in its own process group with its files under the test's temporary
directory; the finalizer stops exactly those groups (``ray stop`` would stop every Ray on the
machine, other users' included).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import orgsim

ray = pytest.importorskip("ray", reason="Ray not installed: pip install -e '.[ray]' "
                                        "(see docs/experiments.md)")

from orgsim.experiments import load_results  # noqa: E402
from orgsim.experiments.compare import main  # noqa: E402
from orgsim.experiments.runner import RAY_ADDRESS, SUMMARY  # noqa: E402

pytestmark = pytest.mark.slow  # starts a Ray cluster (seconds)

TINY = ["org.n_employees=20", "org.team_size=5", "weeks=6", "warmup_weeks=4",
        "params.drain_rate=0.015"]
RAY = Path(sys.executable).parent / "ray"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_node(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``ray start --block ...`` in its own process group; waits until the node runs."""
    with log.open("wb") as out:
        proc = subprocess.Popen([str(RAY), "start", "--block", "--num-cpus=1",
                                 "--disable-usage-stats",
                                 f"--dashboard-agent-listen-port={_free_port()}", *args],
                                stdout=out, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
    deadline = time.monotonic() + 120
    while "Ray runtime started" not in log.read_text(errors="replace"):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"ray start failed: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.2)
    return proc


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    """Stop the process groups of ``procs`` (each node's raylet, GCS and workers)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
        deadline = time.monotonic() + 10
        while any(proc.poll() is None for proc in procs) and time.monotonic() < deadline:
            time.sleep(0.1)


@pytest.fixture
def two_nodes(tmp_path_factory: pytest.TempPathFactory,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local Ray cluster of two nodes with one CPU each; yields the head's address."""
    if not RAY.exists():
        pytest.skip(f"the ray command is not next to {sys.executable}")
    tmp = tmp_path_factory.mktemp("ray")  # short: Ray's socket paths have a length limit
    src = str(Path(orgsim.__file__).resolve().parents[1])  # this orgsim, in the workers too
    # HOME: a user's ~/.ray/auth_token (left by another local Ray) would make the nodes
    # try token authentication against each other and fail to connect
    env = {**os.environ, "RAY_TMPDIR": str(tmp), "HOME": str(tmp),
           "PYTHONPATH": os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)}
    monkeypatch.setenv("RAY_TMPDIR", str(tmp))
    port = _free_port()
    address = f"127.0.0.1:{port}"
    procs: list[subprocess.Popen[bytes]] = []
    try:
        procs.append(_start_node(["--head", f"--port={port}", "--include-dashboard=false"],
                                 tmp / "head.log", env))
        procs.append(_start_node([f"--address={address}"], tmp / "node.log", env))
        yield address
    finally:
        if ray.is_initialized():
            ray.shutdown()
        _stop(procs)


def test_a_compare_on_two_ray_nodes_equals_the_joblib_one(
        two_nodes: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["scenario=baseline,focus", "replications=3", "n_jobs=2", "progress=false",
            "figures=false", *TINY]
    monkeypatch.setenv(RAY_ADDRESS, two_nodes)
    assert main([*args, "launcher=ray", f"outdir={tmp_path / 'ray'}"]) == 0
    alive = [node for node in ray.nodes() if node["Alive"]]
    assert len(alive) == 2 and all(n["Resources"]["CPU"] == 1 for n in alive)
    assert main([*args, "launcher=joblib", f"outdir={tmp_path / 'joblib'}"]) == 0
    assert len(list((tmp_path / "ray" / "runs").rglob(SUMMARY))) == 6
    a, b = load_results(tmp_path / "ray"), load_results(tmp_path / "joblib")
    for table in ("runs", "summaries", "comparison"):
        pd.testing.assert_frame_equal(a[table], b[table], check_exact=True)
    for run in (tmp_path / "ray" / "runs").rglob("*.parquet"):
        twin = tmp_path / "joblib" / run.relative_to(tmp_path / "ray")
        pd.testing.assert_frame_equal(pd.read_parquet(run), pd.read_parquet(twin),
                                      check_exact=True)
