"""The golden baseline: fresh runs reproduce the committed reference outputs exactly.

A refactoring must not change a single number. When the model changes on purpose,
regenerate the files with ``make golden`` and say why in the commit
(tests/golden/make_golden.py documents the cases).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent / "golden"))
import make_golden as golden  # noqa: E402

CASES = [(case, seed) for case in golden.CASES for seed in golden.SEEDS]


def _machine_note() -> str:
    """If numpy or the CPU's SIMD paths differ from the golden files' machine, say so: the
    last bits of exp/log may then differ without any change of the model."""
    then = json.loads((Path(golden.HERE) / "machine.json").read_text())
    now = golden.machine()
    if then == now:
        return ""
    return f" (golden files made with {then}, this machine has {now})"


@pytest.mark.parametrize(("case", "seed"), CASES, ids=[f"{c}-{s}" for c, s in CASES])
def test_matches_golden_baseline(case: str, seed: int) -> None:
    out = golden.run(case, seed)
    for part in ("timeseries", "episodes"):
        want = golden.path(case, seed, f"{part}.csv").read_text()
        got = golden.to_csv(out[part])
        if got != want:  # show the first column and week that differ
            a = pd.read_csv(io.StringIO(want))
            b = pd.read_csv(io.StringIO(got))
            assert list(a.columns) == list(b.columns), f"{part}: columns changed"
            assert len(a) == len(b), f"{part}: {len(b)} rows, golden has {len(a)}"
            diff = (a != b) & ~(a.isna() & b.isna())
            col = diff.any().idxmax()
            row = int(diff[col].to_numpy().argmax())
            pytest.fail(f"{case} seed {seed} {part}: first difference in column {col!r}, "
                        f"row {row}: golden {a[col][row]!r}, now {b[col][row]!r}"
                        f"{_machine_note()}")
    state = json.loads(golden.path(case, seed, "state.json").read_text())
    changed = [c for c, d in state["employees"].items() if out["employees"].get(c) != d]
    assert not changed, f"employees() columns differ from the golden baseline: {changed}"
    assert set(out["employees"]) == set(state["employees"]), "employees() columns changed"
    assert out["log"] == state["log"], "timeline log differs"
    assert out["ledger"] == state["ledger"], "intervention cost ledger differs"


def test_golden_cases_exercise_every_branch() -> None:
    """The golden runs are busy enough to guard the whole weekly step."""
    totals = {}
    for case, seed in CASES:
        ts = pd.read_csv(golden.path(case, seed, "timeseries.csv"))
        for col in ("new_burnout_cases", "returns", "relapses", "leavers", "hires"):
            totals[col] = totals.get(col, 0) + int(ts[col].sum())
    assert all(v > 0 for v in totals.values()), totals
    logs = [json.loads(golden.path(c, s, "state.json").read_text())["log"] for c, s in CASES]
    labels = {entry[1].split(":")[0] for log in logs for entry in log}
    for needed in ("event", "intervention", "survey_cycle", "resilience_training"):
        assert needed in labels, (needed, labels)
