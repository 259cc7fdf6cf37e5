"""One horizon (issue 16): ``horizon_years`` is chosen once, in ``orgsim compare``; the printed
table and ``orgsim report`` on the same directory cover the same years and show the same
costs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from orgsim import report
from orgsim.experiments.compare import UsageError, check_horizon
from orgsim.experiments.compare import main as compare_main
from orgsim.report import data, i18n
from orgsim.results import HORIZON_YEARS

SMALL = ["launcher=basic", "n_jobs=1", "figures=false", "progress=false",
         "org.n_employees=60", "org.team_size=10", "weeks=156", "warmup_weeks=52",
         "params.drain_rate=0.03"]


def test_horizon_is_checked_against_the_runs() -> None:
    assert HORIZON_YEARS == 3
    assert check_horizon(3, 260, given=False) == 156
    assert check_horizon(3, 104, given=False) == 104  # default: as far as the runs go
    with pytest.raises(UsageError, match=r"horizon_years = 4 .*allowed \[1, 3\]"):
        check_horizon(4, 156, given=True)


def _row(table: str, scenario: str) -> list[float]:
    """The means of one scenario's line of the printed table."""
    line = next(x for x in table.splitlines() if x.startswith(scenario + " "))
    return [float(m.replace(",", "")) for m in re.findall(r"(-?[\d,.]+) \[", line)]


@pytest.mark.slow  # a real comparison (Hydra multirun)
def test_compare_table_and_report_agree_on_horizon_and_costs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outdir = tmp_path / "cmp"
    assert compare_main(["scenario=baseline,focus", "replications=3", f"outdir={outdir}",
                         "horizon_years=2", *SMALL]) == 0
    table = capsys.readouterr().out
    assert "Over the first 2 years" in table
    assert json.loads((outdir / "meta.json").read_text())["horizon_years"] == 2
    comp = data.load(outdir)
    assert comp.horizon == 104 and comp.weeks == 156
    html_en = report.build_report(comp, "en", date="2026-01-01")
    for heading in ("Costs over 2 years", "Net effect over 2 years",
                    "Teams most at risk over 2 years"):
        assert heading in html_en
    assert "after 3 yr" not in html_en and "after 2 yr" in html_en
    html_nl = report.build_report(comp, "nl", date="2026-01-01")
    assert "Kosten over 2 jaar" in html_nl
    for scen in comp.scenarios:
        p = data.scenario_numbers(comp, scen).per_seed
        cells = _row(table, scen)
        # burn-out, other turnover and intervention kEUR as printed, 0 decimals
        for printed, column in zip(cells[4:7], ("burnout_cost", "other_turnover_cost",
                                                "intervention_cost"), strict=True):
            assert printed == round(p[column].mean() / 1e3), (scen, column)
        assert i18n.euro("en", p.burnout_cost.mean()) in html_en
        assert cells[0] == pytest.approx(p.cases.mean() * 100 / 60 / 2, abs=0.006)
    saving = data.net_effect(data.scenario_numbers(comp, "baseline"),
                             data.scenario_numbers(comp, "focus")).net_saving.mean
    assert _row(table, "focus")[7] == round(saving / 1e3)
    # the same directory printed again with another horizon: no new runs, another table
    assert compare_main(["scenario=baseline,focus", "replications=3", f"outdir={outdir}",
                         "horizon_years=3", *SMALL]) == 0
    out = capsys.readouterr().out
    assert "(0 new, 6 already done)" in out and "Over the first 3 years" in out
    assert data.load(outdir).horizon == 156


def test_table_numbers_never_read_minus_zero() -> None:
    from orgsim.experiments.compare import _num

    assert _num(-0.4, 0) == "0" and _num(-0.004, 2) == "0.00"
    assert _num(-1234.6, 0) == "-1,235" and _num(float("nan"), 1) == "n/a"


def test_the_horizon_in_words_has_no_long_fractions():
    from orgsim.results import horizon_span

    assert [horizon_span(w) for w in (52, 104, 156, 30, 130)] == [
        "1 year", "2 years", "3 years", "0.6 years", "2.5 years"]
