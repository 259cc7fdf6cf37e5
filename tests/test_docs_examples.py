"""Every `orgsim compare` example in docs/experiments.md runs (scaled down: a tiny
organisation, a short horizon, one replication, the sequential launcher) - issue 16."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from orgsim.experiments.compare import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "experiments.md"
#: replaced by the scaled-down settings below
SCALED = {"replications", "outdir", "launcher", "n_jobs", "org.n_employees", "weeks",
          "progress"}
SMALL = ["replications=1", "launcher=basic", "progress=false", "org.n_employees=30",
         "org.team_size=5", "weeks=30", "warmup_weeks=4"]


def compare_examples() -> list[list[str]]:
    """The arguments of each `orgsim compare` command in the page's bash blocks."""
    examples = []
    for block in re.findall(r"```bash\n(.*?)```", DOC.read_text(), flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            for i, word in enumerate(words[:-1]):
                if word.endswith("orgsim") and words[i + 1] == "compare":
                    examples.append(words[i + 2:])
    return examples


def test_the_page_has_compare_examples() -> None:
    examples = compare_examples()
    assert len(examples) >= 6
    assert any(any("@" in a and a.startswith("scenario=") for a in ex) for ex in examples)


@pytest.mark.slow  # one tiny comparison per example, about a second each
@pytest.mark.parametrize("args", compare_examples(), ids=" ".join)
def test_every_compare_example_in_the_docs_runs(args: list[str], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    kept = [a for a in args if a.partition("=")[0] not in SCALED]
    code = main([*kept, *SMALL, f"outdir={tmp_path / 'out'}"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "orgsim compare:" in out and (tmp_path / "out" / "comparison.csv").exists()
