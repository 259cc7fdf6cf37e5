"""The notebooks in notebooks/ run top to bottom (as ``pytest --nbmake notebooks/`` does).

Each notebook is executed in a fresh ``python3`` kernel with the notebook's folder as the
working directory, under a per-cell timeout; committed notebooks must carry no outputs.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds; each notebook takes well under two minutes on 2 cores


def test_the_four_notebooks_exist() -> None:
    names = [p.name for p in PATHS]
    for prefix in ("01_quickstart", "02_jdr_mechanisms", "03_survey_analysis",
                   "04_sensitivity"):
        assert any(n.startswith(prefix) for n in names), f"notebooks/{prefix}*.ipynb missing"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    nbformat.validate(book)
    assert book.metadata.kernelspec.name == "python3"
    for i, cell in enumerate(book.cells):
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, (
                f"{path.name}: cell {i} has outputs; clear them before committing")


@pytest.mark.slow  # a fresh kernel per notebook
@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs(path: Path) -> None:
    from nbclient import NotebookClient

    book = nbformat.read(path, as_version=4)
    client = NotebookClient(book, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError naming the failing cell
