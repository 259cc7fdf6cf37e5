"""docs/ODD.md stays in sync with the code: mechanisms, parameters and state are all named."""

from __future__ import annotations

import dataclasses
import pkgutil
import re
from pathlib import Path

import pytest

import orgsim
import orgsim.dynamics
from orgsim.config import Parameters
from orgsim.state import FLOAT_FIELDS, INT_FIELDS, Teams

ROOT = Path(__file__).resolve().parents[1]
ODD = ROOT / "docs" / "ODD.md"
SRC = Path(orgsim.__file__).parent

#: Modules outside ``orgsim.dynamics`` that are part of the model when they exist.
EXTRA_MODULES = ("interventions", "events", "survey")


@pytest.fixture(scope="module")
def odd_text() -> str:
    return ODD.read_text(encoding="utf-8")


def _named(text: str, name: str) -> bool:
    """``name`` appears as a whole identifier (not as part of a longer one)."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", text) is not None


def _mechanism_modules() -> list[str]:
    names = [m.name for m in pkgutil.iter_modules(orgsim.dynamics.__path__)]
    names += [m for m in EXTRA_MODULES if (SRC / f"{m}.py").exists() or (SRC / m).is_dir()]
    return names


def test_there_are_mechanism_modules() -> None:
    assert len(_mechanism_modules()) >= 10


@pytest.mark.parametrize("module", _mechanism_modules())
def test_every_mechanism_module_is_described(odd_text: str, module: str) -> None:
    # as code (`name`) or as a file name (name.py), not merely as an ordinary word
    assert f"`{module}`" in odd_text or f"{module}.py" in odd_text, (
        f"docs/ODD.md does not describe the module {module!r} (as `{module}` or {module}.py)")


def test_every_dynamics_function_is_described(odd_text: str) -> None:
    import importlib
    import inspect

    missing = []
    for info in pkgutil.iter_modules(orgsim.dynamics.__path__):
        mod = importlib.import_module(f"orgsim.dynamics.{info.name}")
        for name, obj in inspect.getmembers(mod, inspect.isfunction):
            own = obj.__module__ == mod.__name__ and not name.startswith("_")
            if own and not _named(odd_text, name):
                missing.append(f"{info.name}.{name}")
    assert not missing, f"functions not described in docs/ODD.md: {missing}"


def test_every_parameter_is_named(odd_text: str) -> None:
    missing = [f.name for f in dataclasses.fields(Parameters) if not _named(odd_text, f.name)]
    assert not missing, f"Parameters fields not named in docs/ODD.md: {missing}"


def test_every_state_variable_is_named(odd_text: str) -> None:
    names = list(FLOAT_FIELDS) + list(INT_FIELDS) + [f.name for f in dataclasses.fields(Teams)]
    missing = [n for n in names if not _named(odd_text, n)]
    assert not missing, f"state variables not named in docs/ODD.md: {missing}"


def test_odd_has_all_protocol_sections(odd_text: str) -> None:
    for heading in ("Purpose and patterns", "Entities, state variables and scales",
                    "Process overview and scheduling", "Design concepts", "Initialisation",
                    "Input data", "Submodels"):
        assert heading in odd_text, f"docs/ODD.md lacks the ODD section {heading!r}"


def test_process_overview_lists_the_schedule_in_order(odd_text: str) -> None:
    """Section 3 names every component of the weekly schedule, in the order it runs."""
    from orgsim.week import SCHEDULE

    section = odd_text[odd_text.index("## 3. Process overview"):odd_text.index("## 4.")]
    listed = re.findall(r"^\d+\. \*\*(.+?)\*\* \(`(\w+)`", section, flags=re.M)
    assert listed == [(c.name, c.__name__) for c in SCHEDULE]
