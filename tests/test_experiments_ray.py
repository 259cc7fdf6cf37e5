"""The Ray launcher path: a tiny sweep on a local Ray cluster gives the same results.

Needs the optional extra (``pip install -e '.[ray]' 'cloudpickle>=3'``, best in its own venv:
hydra-ray-launcher pins cloudpickle<3, which breaks the joblib launcher). Skipped otherwise.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

REASON = ("Ray path not installed: pip install -e '.[ray]' 'cloudpickle>=3' "
          "(in a separate venv; see docs/experiments.md)")
ray = pytest.importorskip("ray", reason=REASON)
pytest.importorskip("hydra_plugins.hydra_ray_launcher", reason=REASON)

from orgsim.experiments import load_results  # noqa: E402
from orgsim.experiments.compare import main  # noqa: E402

TINY = ["org.n_employees=20", "org.team_size=5", "weeks=6", "warmup_weeks=4",
        "params.drain_rate=0.015"]


@pytest.fixture
def local_ray(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A 2-CPU local Ray cluster with its files in a short temporary directory."""
    tmp = tempfile.mkdtemp(prefix="ray")  # short path: Ray's socket paths have a length limit
    monkeypatch.setenv("RAY_TMPDIR", tmp)
    ray.init(num_cpus=2, include_dashboard=False, _temp_dir=tmp, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


def test_ray_launcher_sweep_matches_the_local_one(local_ray: None, tmp_path: Path) -> None:
    args = ["scenario=baseline,focus", "replications=2", "progress=false", *TINY]
    assert main([*args, "launcher=ray", f"outdir={tmp_path / 'ray'}"]) == 0
    assert main([*args, "launcher=basic", f"outdir={tmp_path / 'basic'}"]) == 0
    a, b = load_results(tmp_path / "ray"), load_results(tmp_path / "basic")
    pd.testing.assert_frame_equal(a["runs"], b["runs"])
    pd.testing.assert_frame_equal(a["comparison"], b["comparison"])
