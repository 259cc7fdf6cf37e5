"""Report, compare table and app agree on horizon and costs for the same directory (issue 16).

One small comparison (``orgsim compare``, ``horizon_years=2`` of 130-week runs) is read
three ways: the table ``orgsim compare`` prints (and its CSV files), the report
(``orgsim.report.data`` and the rendered HTML, EN and NL), and the app: a workshop started
with each run's own overrides (from ``meta.json``, as ``orgsim app <overrides>`` would get
them) and played to the report's horizon shows on its cost card the burn-out cost the report
counts for that run; played to the end of the run, the cost ``summaries.csv`` holds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from orgsim import report
from orgsim.app.app import _eur, kpi_cards
from orgsim.app.controller import Settings, Workshop, settings_from_overrides
from orgsim.app.i18n import t
from orgsim.compose import load_config
from orgsim.experiments.compare import main as compare_main
from orgsim.report import data, i18n
from orgsim.results import HORIZON_YEARS, horizon_weeks

WEEKS, YEARS = 130, 2
ARGS = ["scenario=baseline,focus", "replications=2", f"horizon_years={YEARS}",
        "launcher=basic", "n_jobs=1", "figures=false", "progress=false",
        "org.n_employees=40", "org.team_size=8", f"weeks={WEEKS}", "warmup_weeks=26",
        "params.drain_rate=0.03"]


def printed_row(table: str, scenario: str) -> list[float]:
    """The means of one scenario's line of the printed table."""
    line = next(x for x in table.splitlines() if x.startswith(scenario + " "))
    return [float(m.replace(",", "")) for m in re.findall(r"(-?[\d,.]+) \[", line)]


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The comparison directory and the table ``orgsim compare`` printed."""
    import contextlib
    import io

    outdir = tmp_path_factory.mktemp("agreement") / "cmp"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert compare_main([*ARGS, f"outdir={outdir}"]) == 0
    return outdir, buffer.getvalue()


def app_costs(overrides: list[str], weeks: list[int]) -> dict[int, dict[str, Any]]:
    """The app's headline numbers (cost card included) after each of ``weeks`` weeks, in a
    workshop started with ``overrides`` as ``orgsim app`` passes them."""
    workshop = Workshop(settings_from_overrides(tuple(overrides)))
    out = {}
    for week in weeks:
        workshop.step(week - workshop.week)
        assert workshop.week == week
        out[week] = workshop.kpis()
    return out


@pytest.mark.slow  # a real comparison and four app runs of 130 weeks
def test_table_report_and_app_agree_on_horizon_and_costs(
        comparison: tuple[Path, str]) -> None:
    outdir, table = comparison
    comp = data.load(outdir)
    horizon = 52 * YEARS
    # the horizon: printed heading, meta.json, the report's data and its headings
    assert f"Over the first {YEARS} years (horizon_years, {horizon} weeks)" in table
    assert json.loads((outdir / "meta.json").read_text())["horizon_years"] == YEARS
    assert (comp.horizon, comp.horizon_years, comp.weeks) == (horizon, YEARS, WEEKS)
    html = {lang: report.build_report(comp, lang, date="2026-01-01") for lang in ("en", "nl")}
    assert f"Costs over {YEARS} years" in html["en"] and f"Kosten over {YEARS} jaar" in html["nl"]

    meta = json.loads((outdir / "meta.json").read_text())
    summaries = pd.read_csv(outdir / "summaries.csv")
    comparison_csv = pd.read_csv(outdir / "comparison.csv").set_index("scenario")
    for scenario in comp.scenarios:
        per_seed = data.scenario_numbers(comp, scenario).per_seed.set_index("seed")
        burnout = per_seed["burnout_cost"]
        assert (burnout > 0).all()  # something to agree on
        # (1) the printed table (kEUR, no decimals): burn-out and other turnover
        cells = printed_row(table, scenario)
        assert cells[4] == round(burnout.mean() / 1e3), scenario
        assert cells[5] == round(per_seed["other_turnover_cost"].mean() / 1e3), scenario
        # (2) the rendered report shows the same mean burn-out cost, in both languages
        for lang in ("en", "nl"):
            assert i18n.euro(lang, burnout.mean()) in html[lang], (scenario, lang)
        # (3) the app, started with this scenario's overrides, per seed
        app_means = []
        for seed in comp.seeds:
            overrides = [*meta["scenario_overrides"][scenario], f"seed={seed}"]
            app = app_costs(overrides, [horizon, WEEKS])
            # at the horizon: the report's burn-out cost of this run (to the euro) and the
            # card shows it
            assert app[horizon]["cost"] == pytest.approx(burnout[seed], abs=0.5), (
                scenario, seed)
            assert kpi_cards(app[horizon], "en")[-1] == (t("kpi_cost", "en"),
                                                         _eur(burnout[seed]))
            assert app[horizon]["other_turnover"] == pytest.approx(
                per_seed.loc[seed, "other_turnover_cost"], abs=0.5)
            # at the end of the run: the run's own summary (summaries.csv, whole run)
            row = summaries[(summaries.scenario == scenario) & (summaries.seed == seed)]
            assert app[WEEKS]["cost"] == pytest.approx(float(row.burnout_cost_eur.iloc[0]),
                                                       abs=0.5), (scenario, seed)
            end = app[WEEKS]
            assert (end["cost"] + end["other_turnover"] + end["interventions"]
                    == pytest.approx(float(row.total_cost_eur.iloc[0]), abs=0.5))
            app_means.append(app[horizon]["cost"])
        assert round(float(np.mean(app_means)) / 1e3) == cells[4]
        # comparison.csv covers the whole run (docs/experiments.md): the mean of summaries
        assert comparison_csv.loc[scenario, "total_cost_eur_mean"] == pytest.approx(
            summaries[summaries.scenario == scenario].total_cost_eur.mean())


def test_the_app_starts_at_the_horizon_compare_and_report_default_to() -> None:
    """The app's run length (its horizon: the cost card counts from week 1) is by default
    the comparison's default horizon (runs of the default length)."""
    assert Settings().horizon == horizon_weeks(load_config([]).weeks) == 52 * HORIZON_YEARS
