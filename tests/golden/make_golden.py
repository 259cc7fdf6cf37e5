"""The golden baseline: reference outputs that every refactoring must reproduce exactly.

Three configurations x two seeds x 52 weeks, chosen so that every mechanism, every random
branch, scheduled shocks, live events and every kind of intervention run:

* ``typical``: the calibrated baseline organisation (``org=typical_dutch``), as shipped;
* ``ward_busy``: the hospital wards preset (absence waves, a reorganisation) with fast
  turnover, hiring, life events and short sick leave, plus live events fired at set weeks
  (a key colleague drops out, a new hire, a crunch deadline, a budget cut);
* ``interventions``: the combined organisational package plus a survey cycle, resilience
  training for leaders, job crafting and canary reviews (team, person, policy and cycle
  interventions).

Per run it stores every column of ``timeseries()`` and ``episodes()`` at full precision
(``%.17g`` round-trips a float64 exactly), a SHA-256 digest of every column of
``employees()``, the timeline's log and the intervention cost ledger. ``tests/test_golden.py``
compares a fresh run against these files exactly.

Regenerate (only when the model changes on purpose; say why in the commit)::

    make golden
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orgsim import OrgModel, load_config
from orgsim.events import apply_event

HERE = Path(__file__).parent
WEEKS = 52
SEEDS = (11, 12)

#: name -> (Hydra overrides, {week: [(event, team, strength), ...]} fired live)
CASES: dict[str, tuple[list[str], dict[int, list[tuple[str, int | None, float]]]]] = {
    "typical": (["org=typical_dutch", "scenario=baseline", "warmup_weeks=156"], {}),
    "ward_busy": (
        ["org=healthcare_ward", "scenario=baseline", "warmup_weeks=26",
         "params.quit_rate_per_year=0.4", "hiring.vacancy_weeks=3",
         "people.life_events_per_year=1.5", "absence.max_sick_weeks=20",
         "params.min_sick_weeks=2", "absence.reintegration_weeks=3",
         "params.return_energy=0.5", "params.drain_rate=0.03"],
        {5: [("key_colleague_drops_out", 2, 1.0), ("new_hire", 1, 1.0)],
         12: [("crunch_deadline", 3, 1.5), ("new_hire", None, 1.0)],
         20: [("budget_cut", None, 1.0), ("key_colleague_drops_out", None, 1.0)],
         30: [("absence_wave", 4, 2.0), ("reorganisation", 0, 0.5)]}),
    "interventions": (
        ["org=typical_dutch", "scenario=combined_org_package", "warmup_weeks=104",
         "org.n_employees=150", "params.drain_rate=0.03",
         "+intervention@interventions.survey_cycle=survey_cycle",
         "+intervention@interventions.canary_review=canary_review",
         "interventions.survey_cycle.every_weeks=13",
         "+intervention@interventions.resilience_training=resilience_training",
         "interventions.resilience_training.target=role",
         "interventions.resilience_training.role=leader",
         "interventions.resilience_training.start_week=4",
         "+intervention@interventions.job_crafting=job_crafting",
         "interventions.job_crafting.target=teams", "interventions.job_crafting.teams=[1,4]",
         "interventions.focus.start_week=10", "interventions.focus.duration_weeks=20",
         "interventions.focus.fade_weeks=8"],
        {}),
}


def digest(values: Any) -> str:
    """SHA-256 of a column's values (floats by their exact bytes, others by their text)."""
    arr = np.asarray(values)
    data = arr.astype(np.float64).tobytes() if arr.dtype.kind == "f" else \
        "\n".join(map(str, arr.tolist())).encode()
    return hashlib.sha256(data).hexdigest()


def run(case: str, seed: int) -> dict[str, Any]:
    """Run one golden case; returns its outputs as plain data."""
    overrides, live = CASES[case]
    model = OrgModel.from_config(load_config(overrides), rng=seed)
    for week in range(WEEKS):
        for name, team, strength in live.get(week, []):
            apply_event(model, name, team=team, strength=strength)
        model.step()
    employees = model.employees()
    return {
        "timeseries": model.timeseries(),
        "episodes": model.episodes(),
        "employees": {col: digest(employees[col]) for col in employees.columns},
        "log": [[int(w), str(label), str(text)] for w, label, text in model.timeline.log],
        "ledger": [[int(w), str(label), repr(float(eur))] for w, label, eur
                   in model.timeline.ledger],
    }


def path(case: str, seed: int, part: str) -> Path:
    return HERE / f"{case}_seed{seed}_{part}"


def to_csv(df: pd.DataFrame) -> str:
    return df.to_csv(index=False, float_format="%.17g", lineterminator="\n")


def machine() -> dict[str, Any]:
    """What the floating-point results depend on besides the code: numpy and its SIMD paths,
    numba (and its LLVM, which compiles the fused kernel's ``exp``/``log``)."""
    import llvmlite
    import numba
    from numpy._core._multiarray_umath import __cpu_features__ as features

    return {"numpy": np.__version__, "numba": numba.__version__,
            "llvmlite": llvmlite.__version__,
            "simd": sorted(k for k, v in features.items() if v)}


def main() -> None:
    (HERE / "machine.json").write_text(json.dumps(machine(), indent=1) + "\n")
    for case in CASES:
        for seed in SEEDS:
            out = run(case, seed)
            path(case, seed, "timeseries.csv").write_text(to_csv(out["timeseries"]))
            path(case, seed, "episodes.csv").write_text(to_csv(out["episodes"]))
            rest = {k: out[k] for k in ("employees", "log", "ledger")}
            path(case, seed, "state.json").write_text(json.dumps(rest, indent=1) + "\n")
            ts = out["timeseries"]
            print(f"{case} seed {seed}: {int(ts['new_burnout_cases'].sum())} cases, "
                  f"{len(out['episodes'])} episodes ended, {len(out['log'])} timeline entries",
                  file=sys.stderr)


if __name__ == "__main__":
    main()
