"""``orgsim demo`` and ``make demo``: a first contact that explains itself (issue 16)."""

from __future__ import annotations

import re

import pytest

from orgsim import cli


@pytest.mark.slow  # simulates 2 futures of 5 years
def test_demo_explains_the_baseline_and_names_the_next_commands(
        capsys: pytest.CaptureFixture[str]) -> None:
    """``orgsim demo`` (make demo): the mean over the futures next to the Dutch target range,
    whole euros, the burn-out cost apart from other turnover, and three commands to try."""
    assert cli.demo(["--seeds", "2"]) == 0
    out = capsys.readouterr().out
    assert "2 simulated futures of 5 years" in out
    assert "17-20%" in out and "~1.0-1.5%" in out  # the calibration targets
    amounts = re.findall(r"€\s(\d{1,3}(?:,\d{3})*)(\.\d)?", out)
    assert len(amounts) >= 6 and not any(cents for _, cents in amounts)  # whole euros
    assert "Burn-out costs" in out and "Other staff turnover" in out
    assert "per burn-out case" in out and "€\u00a060,500" in out
    tried = out.split("Next, try:")[1].strip().splitlines()
    assert [line.split()[1] for line in tried] == ["compare", "report", "app"]
    assert cli.demo(["--seeds", "1"]) == 2
    assert "--seeds = 1 is out of range; allowed [2, 50]" in capsys.readouterr().err


def test_make_demo_shows_the_install_and_runs_the_demo() -> None:
    """``make demo`` is not silent for minutes: pip shows its progress, and it ends with
    ``orgsim demo``'s explained summary."""
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    setup = makefile.split("$(STAMP): pyproject.toml")[1].split("\n\n")[0]
    assert "pip install" in setup and "--quiet" not in setup and "-q " not in setup
    assert "--progress-bar on" in setup
    demo = makefile.split("\ndemo:")[1].split("\n\n")[0]
    assert "orgsim demo" in demo
