"""The fused weekly kernel (orgsim.week.kernel) against the readable components it replaces.

The kernel calls the same ``@equation`` functions; what could differ is the wiring. On
random states (every status, relief, training, life events, absent leaders) one week of
:class:`PeopleWeek` must write what the nine components write, field by field.
"""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.compose import load_config
from orgsim.model import OrgModel
from orgsim.state import FLOAT_FIELDS, INT_FIELDS, Status
from orgsim.week import SCHEDULE, schedule
from orgsim.week.context import WeekContext
from orgsim.week.kernel import REPLACES, PeopleWeek


def _model(seed: int, n: int = 300, **overrides: object) -> OrgModel:
    args = [f"org.n_employees={n}", "warmup_weeks=30", "engine=fused",
            *(f"{k}={v}" for k, v in overrides.items())]
    return OrgModel(config=load_config(args), rng=seed)


def _scramble(model: OrgModel, rng: np.random.Generator) -> None:
    """A random but consistent state: statuses, relief, training, energy, life events."""
    ws = model.workforce
    n = ws.size
    leaders = model.teams.leader_row
    status = rng.choice([Status.WORKING, Status.SICK_LEAVE, Status.REINTEGRATING,
                         Status.VACANT], size=n, p=[0.7, 0.1, 0.1, 0.1])
    status[leaders[: len(leaders) // 2]] = Status.SICK_LEAVE  # absent leaders too
    ws.status[:] = status
    ws.hours[:] = np.where(status == Status.WORKING, 1.0,
                           np.where(status == Status.REINTEGRATING, rng.uniform(0.25, 1, n), 0))
    for name in ("energy", "engagement", "self_efficacy", "resilience", "assertiveness",
                 "energy_management", "training", "exhaustion", "life_event"):
        getattr(ws, name)[:] = rng.uniform(0, 1, n)
    ws.life_event_left[:] = rng.integers(0, 5, n)
    ws.relief_left[:] = rng.integers(0, 3, n)
    ws.relief[:] = np.where(ws.relief_left > 0, 0.25, 0.0)
    ws.onboarding_left[:] = rng.integers(0, 4, n)
    model.teams.workload_shock[:] = rng.uniform(0.6, 1.6, model.teams.size)


def _state(model: OrgModel) -> dict[str, np.ndarray]:
    ws = model.workforce
    return {name: getattr(ws, name).copy() for name in (*FLOAT_FIELDS, *INT_FIELDS)}


def _restore(model: OrgModel, state: dict[str, np.ndarray]) -> None:
    for name, values in state.items():
        getattr(model.workforce, name)[:] = values


#: Tolerance of the kernel against the components per storage precision: float64 to
#: rounding; float32 to a few float32 units (the kernel keeps some intermediates in float64
#: that the components store, and the other way round).
TOLERANCE = {"float64": {"rtol": 1e-12, "atol": 1e-14}, "float32": {"rtol": 2e-6, "atol": 1e-6}}


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("relational", [False, True])
@pytest.mark.parametrize("precision", ["float64", "float32"])
def test_kernel_writes_what_the_components_write(seed: int, relational: bool,
                                                 precision: str) -> None:
    model = _model(seed, precision=precision,
                   **({"absence.return_to_work": "relational"} if relational else {}))
    _scramble(model, np.random.default_rng(seed))
    ctx = WeekContext(model, record=True)
    first = SCHEDULE.index(REPLACES[0])
    for component in SCHEDULE[:first]:  # scheduled changes ... leader presence
        component().step(ctx)
    before = _state(model)

    for component in REPLACES:
        component().step(ctx)
    readable = _state(model)
    pressure, parts = ctx.pressure.copy(), [np.broadcast_to(p, ctx.pressure.shape).copy()
                                            for p in ctx.hindrance_parts]

    _restore(model, before)
    PeopleWeek().step(ctx)
    fused = _state(model)

    changed = [name for name in readable if not np.array_equal(readable[name], before[name])]
    assert {"energy", "engagement", "demand", "drain", "exhaustion", "training",
            "self_efficacy", "relief_left"} <= set(changed)
    tol = TOLERANCE[precision]
    for name in FLOAT_FIELDS:
        assert fused[name].dtype == np.dtype(precision), name
        np.testing.assert_allclose(fused[name], readable[name], **tol, err_msg=name)
    for name in INT_FIELDS:
        np.testing.assert_array_equal(fused[name], readable[name], err_msg=name)
    np.testing.assert_allclose(ctx.pressure, pressure, rtol=tol["rtol"])
    for mine, theirs in zip(ctx.hindrance_parts, parts, strict=True):
        np.testing.assert_allclose(np.broadcast_to(mine, pressure.shape), theirs,
                                   rtol=tol["rtol"])


def test_fused_schedule_replaces_exactly_the_person_level_run() -> None:
    fused = schedule("fused")
    assert schedule("numpy") == SCHEDULE
    assert PeopleWeek in fused and not set(REPLACES) & set(fused)
    assert [c for c in SCHEDULE if c not in REPLACES] == [c for c in fused if c is not PeopleWeek]


def test_engines_agree_over_a_year() -> None:
    """Whole runs: the same weekly series to rounding (a last-bit difference of ``exp``
    could in principle flip a random threshold; at these seeds it does not)."""
    series = {}
    for engine in ("numpy", "fused"):
        cfg = load_config(["org.n_employees=400", "warmup_weeks=52", "weeks=52",
                           f"engine={engine}"])
        model = OrgModel(config=cfg, rng=5)
        model.run_for(52)
        series[engine] = model.timeseries()
    a, b = series["numpy"], series["fused"]
    assert a["new_burnout_cases"].sum() > 0
    np.testing.assert_allclose(b.to_numpy(float), a.to_numpy(float), rtol=1e-9, atol=1e-12)


def test_kernel_falls_back_when_state_arrays_are_replaced() -> None:
    model = _model(1)
    model.workforce.energy = model.workforce.energy.copy()  # no longer a row of the block
    model.run_for(2)  # the readable components run instead
    assert np.isfinite(model.workforce.energy).all()


def test_a_deep_copy_runs_the_kernel_and_the_same_future() -> None:
    """The app's ghost run copies the model: the copy's state stays one block (so it runs the
    fused kernel, not the fallback) and its future is the original's, bit for bit."""
    import copy

    model = _model(2, n=150)
    model.run_for(3)
    ghost = copy.deepcopy(model)
    assert ghost.workforce.rows(tuple(FLOAT_FIELDS)) is not None
    assert not np.shares_memory(ghost.workforce.energy, model.workforce.energy)
    model.run_for(10)
    ghost.run_for(10)
    assert ghost.timeseries().equals(model.timeseries())
