"""MT report: every section in both languages, figures embedded (no external URLs), the HTML
parses, and its numbers agree with the comparison files it was made from."""

from __future__ import annotations

import copy
import html
import importlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from orgsim import report
from orgsim.compose import load_config, to_config
from orgsim.config import Config, available
from orgsim.experiments.runner import TEAMS, run_dir, simulate, write_run
from orgsim.metrics import team_absence
from orgsim.model import OrgModel
from orgsim.report import data, i18n
from orgsim.results import summarise
from orgsim.scales import team_scores
from orgsim.state import Status

#: Small organisation, explicit mechanism values (independent of the recalibrated defaults).
BASE = ["org.n_employees=40", "org.team_size=8", "warmup_weeks=52", "params.drain_rate=0.03",
        "org_seed=0"]  # one organisation in every run, as orgsim compare makes it
#: Scenario name -> (overrides, intervention cost per run in EUR). "focus" changes a mechanism.
SCENARIOS = {
    "baseline": ([], 0.0),
    "focus": (["demands.parallel_priorities=2", "demands.priority_churn=0.1"], 20_000.0),
}
SEEDS = [0, 1, 2]
WEEKS = 156


def write_comparison(outdir: Path, scenarios: dict[str, tuple[list[str], float]] = SCENARIOS,
                     base: list[str] = BASE, seeds: list[int] = SEEDS, weeks: int = WEEKS) -> Path:
    """A comparison directory in the `orgsim compare` format (docs/experiments.md), made by
    running the runner's simulate directly (scenarios as plain overrides, with a cost):
    runs/<scenario>/seed_<seed>/, runs.parquet, summaries.csv, comparison.csv, meta.json."""
    outdir.mkdir(parents=True, exist_ok=True)
    long, summ = [], []
    for name, (overrides, cost) in scenarios.items():
        for seed in seeds:
            cfg = load_config([*base, *overrides, f"seed={seed}", f"weeks={weeks}"])
            ts, _, teams = simulate(cfg)
            ts = ts.drop(columns="intervention_cost_eur")  # the cost is in summaries.csv
            melted = ts.melt(id_vars="week", var_name="metric", value_name="value")
            melted.insert(0, "seed", seed)
            melted.insert(0, "scenario", name)
            long.append(melted)
            summ.append({"scenario": name, "seed": seed, **summarise(ts, cfg),
                         "intervention_cost_eur": cost})
            write_run(run_dir(outdir, name, seed), ts, summ[-1], teams)
    pd.concat(long, ignore_index=True).to_parquet(outdir / "runs.parquet")
    summaries = pd.DataFrame(summ)
    summaries.to_csv(outdir / "summaries.csv", index=False)
    means = summaries.drop(columns="seed").groupby("scenario").mean().reset_index()
    means.to_csv(outdir / "comparison.csv", index=False)
    (outdir / "meta.json").write_text(json.dumps({"overrides": base}))
    return outdir


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_comparison(tmp_path_factory.mktemp("cmp"))


@pytest.fixture(scope="module")
def reports(comparison: Path) -> dict[str, str]:
    comp = data.load(comparison)
    return {lang: report.build_report(comp, lang, date="2026-01-01")
            for lang in i18n.LANGUAGES}


class _Collector(HTMLParser):
    """Parses the page strictly enough to catch broken markup; collects ids, imgs, links."""

    VOID = {"meta", "img", "br", "link", "hr", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.imgs: list[str] = []
        self.urls: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "img":
            self.imgs.append(str(a.get("src")))
        for key in ("src", "href"):
            if a.get(key) and not str(a[key]).startswith(("data:", "#")):
                self.urls.append(str(a[key]))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


def parse(text: str) -> _Collector:
    p = _Collector()
    p.feed(text)
    p.close()
    return p


def test_languages_have_the_same_texts() -> None:
    assert set(i18n.TEXT["en"]) == set(i18n.TEXT["nl"])


def test_every_shipped_scenario_has_a_label_and_description() -> None:
    """A scenario added to configs/scenario without a translation still gets a description."""
    for name in available("scenario"):
        for lang in i18n.LANGUAGES:
            assert i18n.scenario_label(lang, name)
            assert i18n.scenario_description(lang, name), (lang, name)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_report_has_every_section_and_parses(reports: dict[str, str], lang: str) -> None:
    page = parse(reports[lang])
    assert page.errors == [] and page.stack == []
    assert [i for i in page.ids if i in report.SECTIONS] == list(report.SECTIONS)
    for key in ("s_question", "s_summary", "s_org", "s_scenarios", "s_outcomes", "s_net",
                "s_teams", "s_costs", "s_caveats"):  # the horizon in the headings with years
        years = i18n.years(lang, 3)
        assert html.escape(i18n.t(lang, key, years=years)) in reports[lang]
    assert f"<html lang='{lang}'>" in reports[lang]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_figures_are_embedded_and_nothing_is_fetched(reports: dict[str, str], lang: str) -> None:
    page = parse(reports[lang])
    assert len(page.imgs) == 4  # cases, absence, costs, net effect
    assert all(src.startswith("data:image/png;base64,") for src in page.imgs)
    assert all(len(src) > 5_000 for src in page.imgs)
    assert page.urls == []
    assert "http://" not in reports[lang] and "https://" not in reports[lang]


def test_numbers_agree_with_the_comparison_files(comparison: Path, reports: dict[str, str]) -> None:
    """Costs and cases in the report are those of runs.parquet/summaries.csv, by hand here."""
    runs = pd.read_parquet(comparison / "runs.parquet")
    summaries = pd.read_csv(comparison / "summaries.csv")
    cfg = load_config(BASE)
    html_en = reports["en"]

    def total(scen: str, metric: str) -> np.ndarray:
        sel = runs[(runs.scenario == scen) & (runs.metric == metric) & (runs.week <= 156)]
        return sel.groupby("seed")["value"].sum().to_numpy()

    for scen in SCENARIOS:
        cases = total(scen, "new_burnout_cases").mean()
        assert re.search(rf"<td class='n'>{i18n.number('en', cases, 1)}<span", html_en), scen
        days, leavers = total(scen, "absence_days"), total(scen, "leavers")
        icost = summaries.loc[summaries.scenario == scen, "intervention_cost_eur"].mean()
        cost = (days * cfg.costs.eur_per_absence_day + leavers * cfg.costs.replacement_cost_eur
                ).mean() + icost
        assert i18n.euro("en", cost) in html_en, (scen, cost)
    # the absence cost part agrees with the model's own cost column (absence + replacement)
    own = total("baseline", "cost_eur").mean()
    mine = (total("baseline", "absence_days") * cfg.costs.eur_per_absence_day
            + total("baseline", "leavers") * cfg.costs.replacement_cost_eur).mean()
    assert mine == pytest.approx(own, rel=1e-9)
    # net effect of focus, paired by seed
    b = data.scenario_numbers(data.load(comparison), "baseline")
    f = data.scenario_numbers(data.load(comparison), "focus")
    net = (b.per_seed.total_cost - f.per_seed.total_cost).mean()
    assert i18n.euro("en", net) in html_en


def test_dutch_formats_numbers_the_dutch_way() -> None:
    assert i18n.euro("nl", 123456.0) == "€\u00a0123.000"  # no-break space: one line
    assert i18n.number("nl", 1234.5, 1) == "1.234,5"
    assert i18n.euro("en", -25_000.0) == "€\u00a0−25,000"


def test_cli_writes_one_file_and_reports_bad_dirs(
    comparison: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mt.html"
    assert report.main([str(comparison), "--lang", "nl", "--out", str(out),
                        "--team-seeds", "1"]) == 0  # deprecated, still accepted
    assert "--team-seeds is deprecated" in capsys.readouterr().err
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["mt.html"]
    assert report.main([str(tmp_path / "nope"), "--out", str(tmp_path / "x.html")]) == 2
    assert "runs.parquet not found" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_missing_baseline_is_a_clear_error(comparison: Path, tmp_path: Path) -> None:
    runs = pd.read_parquet(comparison / "runs.parquet")
    (tmp_path / "c").mkdir()
    runs[runs.scenario != "baseline"].to_parquet(tmp_path / "c" / "runs.parquet")
    (tmp_path / "c" / "summaries.csv").write_text("scenario,seed\n")
    with pytest.raises(data.ReportError, match="no 'baseline' scenario"):
        data.load(tmp_path / "c")


@pytest.mark.slow  # a real comparison (Hydra multirun)
def test_end_to_end_compare_then_report(tmp_path: Path) -> None:
    """`orgsim compare` output (real multirun, tiny) -> `orgsim report`: the report reads the
    comparison through experiments.load_results and names the compared scenarios."""
    from orgsim.experiments.compare import main as compare_main

    outdir = tmp_path / "cmp"
    assert compare_main(["scenario=baseline,focus", "replications=2", "launcher=basic",
                         "n_jobs=1", "figures=false", "progress=false", f"outdir={outdir}",
                         "org.n_employees=24", "org.team_size=8", "weeks=52",
                         "warmup_weeks=20", "params.drain_rate=0.03"]) == 0
    out = tmp_path / "report.html"
    assert report.main([str(outdir), "--out", str(out)]) == 0
    text = out.read_text()
    page = parse(text)
    assert page.errors == [] and page.urls == []
    assert [i for i in page.ids if i in report.SECTIONS] == list(report.SECTIONS)
    comp = data.load(outdir)
    assert comp.scenarios == ["baseline", "focus"] and comp.config.org.n_employees == 24
    assert i18n.scenario_label("en", "focus") in text
    # the report's costs are compare's own totals (run length = report horizon here)
    summaries = pd.read_csv(outdir / "summaries.csv")
    for scen in comp.scenarios:
        mine = data.scenario_numbers(comp, scen).per_seed.set_index("seed")
        theirs = summaries[summaries.scenario == scen].set_index("seed").loc[mine.index]
        assert np.allclose(mine.burnout_cost + mine.other_turnover_cost, theirs.cost_eur_total)
        assert np.allclose(mine.burnout_cost, theirs.burnout_cost_eur)
        assert np.allclose(mine.intervention_cost, theirs.intervention_cost_eur)
    assert (summaries.loc[summaries.scenario == "focus", "intervention_cost_eur"] > 0).all()


@pytest.mark.slow  # a real comparison (Hydra multirun)
def test_report_of_a_comparison_with_scoped_overrides_and_a_variant(tmp_path: Path) -> None:
    """The report composes the baseline from meta.json's scenario_overrides: overrides of
    the focus intervention and a variant do not break it (issue 16)."""
    from orgsim.experiments.compare import main as compare_main

    outdir = tmp_path / "cmp"
    assert compare_main(["scenario=baseline,focus,focus@start_week=2", "replications=2",
                         "launcher=basic", "figures=false", "progress=false",
                         f"outdir={outdir}", "interventions.focus.strength=0.5",
                         "org.n_employees=24", "org.team_size=8", "weeks=10",
                         "warmup_weeks=4"]) == 0
    out = tmp_path / "report.html"
    assert report.main([str(outdir), "--out", str(out)]) == 0
    comp = data.load(outdir)
    assert comp.scenarios == ["baseline", "focus", "focus@start_week=2"]
    assert comp.config.interventions == {} and comp.config.org.n_employees == 24
    assert "focus@start_week=2" in out.read_text()


def _compare(outdir: Path, *extra: str) -> Path:
    """A small real `orgsim compare` of the baseline alone (basic launcher, no figures)."""
    from orgsim.experiments.compare import main as compare_main

    assert compare_main(["scenario=baseline", "launcher=basic", "n_jobs=1", "figures=false",
                         "progress=false", f"outdir={outdir}", "org.n_employees=40",
                         "org.team_size=8", "params.drain_rate=0.03", *extra]) == 0
    return outdir


def _team_risk_by_rerun(cfg: Config, seeds: list[int], weeks: int) -> pd.DataFrame:
    """The team ranking as orgsim computed it before runs kept teams.parquet: by running the
    baseline again for ``seeds`` and counting per team week by week (the reference); cases
    are new episodes, as in the organisation's count."""
    cfg = copy.deepcopy(cfg)
    cfg.scenario, cfg.interventions = "baseline", {}
    cfg = to_config(cfg)
    names = ([t.name for t in cfg.org.teams] if cfg.org.teams else None)
    per_run: dict[str, list[np.ndarray]] = {}
    levels: dict[str, list[np.ndarray]] = {k: [] for k in data.PRESSURE_POINTS}
    for seed in seeds:
        model = OrgModel(cfg, rng=int(seed))
        for k in levels:
            levels[k].append(np.broadcast_to(getattr(model.teams, k), (model.teams.size,)))
        ws, n_teams = model.workforce, model.teams.size
        run = {"size": np.bincount(ws.team, minlength=n_teams).astype(float),
               **team_scores(ws, n_teams),  # the survey at the start
               "cases": np.zeros(n_teams), "lost": np.zeros(n_teams),
               "employed_weeks": np.zeros(n_teams)}
        for _ in range(weeks):
            before = ws.status.copy()
            model.step()
            # new episodes (not setbacks in a graded return), as the organisation counts
            onset = ((ws.status == Status.SICK_LEAVE) & (before == Status.WORKING)
                     & (ws.episode_weeks == 1))
            run["cases"] += np.bincount(ws.team, weights=onset, minlength=n_teams)
            lost, employed = team_absence(ws, n_teams)
            run["lost"] += lost
            run["employed_weeks"] += employed
        for key, value in run.items():
            per_run.setdefault(key, []).append(value)
    # the counting above is the reference; pooling and ranking are the report's own
    points = data.pressure_points({k: np.mean(v, axis=0) for k, v in levels.items()})
    return data.rank_teams({k: np.stack(v) for k, v in per_run.items()}, names, points)


@pytest.mark.slow  # real comparisons (Hydra multirun) and a re-run of the baseline
def test_team_ranking_reads_the_baseline_runs_and_equals_a_rerun(
        tmp_path: Path, comparison: Path, reports: dict[str, str]) -> None:
    """The teams most at risk, read from the runs' teams.parquet, are exactly (every number)
    those of running the baseline again for the same seeds, also when the runs are longer
    than the report's horizon (60 weeks: the horizon is 52); so is the report's page."""
    small = ["org.n_employees=40", "org.team_size=8", "params.drain_rate=0.03", "weeks=60",
             "warmup_weeks=30"]
    outdir = _compare(tmp_path / "cmp", "replications=3", *small)
    fixed = load_config([*small, "org_seed=0"])  # compare's default organisation
    for where, seeds, weeks, cfg in (
            (outdir, [0, 1, 2], 52, fixed), (outdir, [1], 52, fixed),
            (comparison, SEEDS, WEEKS, data.load(comparison).config)):
        mine = data.team_risk(where, seeds, weeks)
        old = _team_risk_by_rerun(cfg, seeds, weeks)
        pd.testing.assert_frame_equal(mine, old, check_exact=True)
        assert mine.attrs == old.attrs
        assert (mine.cases > 0).any() and (mine.absence_pct > 0).any()
    # the whole report: identical to one made with the re-run ranking
    comp = data.load(comparison)
    teams = _team_risk_by_rerun(comp.config, SEEDS, WEEKS)
    inp = report.prepare(comp, teams, WEEKS, date="2026-01-01")
    assert report.render(inp, "en") == reports["en"]


@pytest.mark.slow  # two real comparisons (Hydra multirun)
def test_a_comparison_without_team_files_asks_for_a_resume(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A comparison made before runs kept teams.parquet: one message naming the command
    to re-run (it resumes and adds the files), no traceback, no report; after the resume,
    the report is made."""
    args = ["replications=2", "weeks=20", "warmup_weeks=10"]
    outdir = _compare(tmp_path / "old", *args)
    for seed in (0, 1):
        (run_dir(outdir, "baseline", seed) / TEAMS).unlink()
    capsys.readouterr()
    out = tmp_path / "r.html"
    assert report.main([str(outdir), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("orgsim report: error: ") and "older orgsim" in err
    assert (f"orgsim compare scenario=baseline replications=2 outdir={outdir} "
            "org.n_employees=40") in err
    assert not out.exists()
    _compare(outdir, *args)  # the same command: resumes
    assert report.main([str(outdir), "--out", str(out)]) == 0 and out.exists()


@pytest.mark.slow  # a browser
@pytest.mark.skipif(report.chromium() is None, reason="needs Chromium (CI installs it)")
def test_pdf_is_printed_with_the_system_chromium(tmp_path: Path, reports: dict[str, str]) -> None:
    html_path = tmp_path / "r.html"
    html_path.write_text(reports["nl"])
    report.to_pdf(html_path, tmp_path / "r.pdf")
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.pdf"]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_survey_absence_is_shown_and_a_much_lower_simulation_is_flagged(
    comparison: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An organisation built from a survey shows the survey's absence next to the simulated
    one; a simulated absence below half of it adds a caveat (absence costs: a lower bound)."""
    comp = data.load(comparison)
    facts = data.org_facts(comp)
    facts["absence_pct"] = 0.4  # a stable client organisation (the fixture's is collapsing)
    # (the package's `render` is the function; the module is patched)
    monkeypatch.setattr(importlib.import_module("orgsim.report.render"), "org_facts",
                        lambda _comp: dict(facts))
    flag = {"en": "Absence below the survey", "nl": "Verzuim lager dan in het onderzoek"}[lang]
    shown = i18n.t(lang, "org_survey_absence", survey="@", sim="@").split("@")[0]

    def build(survey: float | None) -> str:
        comp.config.org.survey_absence_pct = survey
        return report.build_report(comp, lang, date="2026-01-01")

    text = build(1.7)
    assert shown in text and i18n.percent(lang, 1.7) in text and flag in text
    text = build(0.6)  # within a factor 2: shown, not flagged
    assert shown in text and i18n.percent(lang, 0.6) in text and flag not in text
    text = build(None)  # not from a survey
    assert shown not in text and flag not in text


def test_shipped_organisation_names_are_translated(reports: dict[str, str]) -> None:
    for preset in available("org", user=False):
        name = load_config([f"org={preset}"]).org.name
        assert i18n.org_name("nl", name) != name, preset
        assert i18n.org_name("en", name) != name, preset  # with an article
    assert i18n.org_name("nl", "Gemeente Voorbeeld") == "Gemeente Voorbeeld"  # a client's own
    assert i18n.org_name("en", "typical Dutch organisation", start=True).startswith("A typ")
    assert "managementteam van een gemiddelde Nederlandse organisatie" in reports["nl"]
    assert "Een gemiddelde Nederlandse organisatie:" in reports["nl"]
    assert "management team of a typical Dutch organisation" in reports["en"]
    assert "typical Dutch organisation" not in reports["nl"]


def test_euro_axis_labels_tell_neighbouring_ticks_apart() -> None:
    """Small amounts on a chart axis: enough decimals that no two ticks read the same."""
    ticks = [0.0, 600.0, 1_200.0, 1_800.0, 2_400.0, 3_000.0]
    labels = [i18n.euro_short("en", v, 600.0) for v in ticks]
    assert len(set(labels)) == len(labels), labels
    assert labels[2] == "€\u00a01.2k"
    assert i18n.euro_short("nl", 1_250_000, 250_000) == "€\u00a01,25 mln"
    assert i18n.euro_short("en", 400_000, 200_000) == "€\u00a0400k"  # whole steps: no decimals
    assert i18n.euro_short("en", 1_500_000) == "€\u00a01.5M"


def _copy(comparison: Path, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(comparison, tmp_path / "cmp"))


def _one_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("orgsim report: error: ") and " — " in err
    return err


def test_out_never_overwrites_the_comparison_nor_an_existing_file(
    comparison: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18.6: --out <dir>/summaries.csv replaced the report's own input; an existing
    file is replaced only with --force; nothing is written on a refusal."""
    cmp = _copy(comparison, tmp_path)
    files = {p: p.read_bytes() for p in cmp.rglob("*") if p.is_file()}
    for out in (cmp / "summaries.csv", cmp / "meta.json", cmp / "runs" / "report.html",
                cmp / "runs" / "baseline" / "seed_0" / "summary.json"):
        for force in ([], ["--force"]):
            assert report.main([str(cmp), "--out", str(out), *force]) == 2
            assert "the report reads" in _one_error(capsys)
    assert report.main([str(cmp), "--out", str(cmp / "runs")]) == 2
    _one_error(capsys)
    other = tmp_path / "mine.html"
    other.write_text("keep me")
    assert report.main([str(cmp), "--out", str(other)]) == 2
    assert "exists — pass --force" in _one_error(capsys)
    assert other.read_text() == "keep me"
    assert report.main([str(cmp), "--out", str(other), "--force"]) == 0
    assert other.read_text().startswith("<!DOCTYPE html>")
    assert {p: p.read_bytes() for p in cmp.rglob("*") if p.is_file()} == files
    # the default output is the report's own: made again without --force
    assert report.main([str(cmp)]) == 0
    assert report.main([str(cmp)]) == 0


def test_out_pdf_writes_the_html_next_to_it(
    comparison: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 18.6: --out x.pdf --pdf wrote HTML to x.pdf and then a blank PDF over it."""
    cmp = _copy(comparison, tmp_path)
    target = tmp_path / "x.pdf"
    assert report.main([str(cmp), "--out", str(target)]) == 2  # HTML into a .pdf: no
    assert "add --pdf" in _one_error(capsys)
    monkeypatch.setattr(report, "chromium", lambda: None)
    assert report.main([str(cmp), "--out", str(target), "--pdf"]) == 2
    assert "needs Chromium" in _one_error(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cmp"]  # nothing written
    printed: list[tuple[Path, Path]] = []

    def fake_pdf(html_path: Path, pdf_path: Path) -> None:
        printed.append((html_path, pdf_path))
        pdf_path.write_bytes(b"%PDF-fake")

    monkeypatch.setattr(report, "chromium", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(report, "to_pdf", fake_pdf)
    assert report.main([str(cmp), "--out", str(target), "--pdf"]) == 0
    assert printed == [(tmp_path / "x.html", target)]
    assert (tmp_path / "x.html").read_text().startswith("<!DOCTYPE html>")
    assert target.read_bytes() == b"%PDF-fake"
    assert report.main([str(cmp), "--out", str(target), "--pdf"]) == 2  # both exist now
    assert "exists — pass --force" in _one_error(capsys)


def test_absence_days_not_available_are_refused_not_zero_euro(
    comparison: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18.6: NaN absence days were summed with nansum and shown as EUR 0."""
    cmp = _copy(comparison, tmp_path)
    runs = pd.read_parquet(cmp / "runs.parquet")
    hit = (runs.metric == "absence_days") & (runs.scenario == "focus") & (runs.seed == 1)
    runs.loc[hit, "value"] = np.nan
    runs.to_parquet(cmp / "runs.parquet")
    assert report.main([str(cmp)]) == 2
    err = _one_error(capsys)
    assert "absence_days of scenario focus, seed 1 is not available" in err
    assert not (cmp / "report.html").exists()
    summaries = pd.read_csv(cmp / "summaries.csv")
    runs = pd.read_parquet(comparison / "runs.parquet")
    runs.to_parquet(cmp / "runs.parquet")
    summaries.loc[1, "intervention_cost_eur"] = np.nan
    summaries.to_csv(cmp / "summaries.csv", index=False)
    assert report.main([str(cmp)]) == 2
    assert "intervention_cost_eur of scenario baseline, seed 1 is not available" in _one_error(
        capsys)


def test_headline_names_only_the_burn_out_cost(comparison: Path, reports: dict[str, str]) -> None:
    """"In short" gives the burn-out cost (absence + leavers due to burn-out) and the absence
    cost per case; other turnover is named as a separate, further cost (issue 16)."""
    b = data.scenario_numbers(data.load(comparison), "baseline").per_seed
    assert b.burnout_cost.mean() < b.total_cost.mean()
    for lang, page in reports.items():
        summary = page.split("id='summary'")[1].split("</section>")[0]
        first = summary.split("</p>")[0]
        assert f"<b>{i18n.euro(lang, b.burnout_cost.mean())}</b>" in first
        assert i18n.euro(lang, b.absence_cost.mean()) in first
        assert i18n.euro(lang, b.burnout_turnover_cost.mean()) in first
        per_case = b.absence_cost.mean() / b.cases.mean()
        assert i18n.euro(lang, per_case) in first
        assert i18n.euro(lang, b.total_cost.mean()) not in first
        assert i18n.euro(lang, b.other_turnover_cost.mean()) in summary
        costs = page.split("id='costs'")[1].split("</table>")[0]
        assert i18n.t(lang, "col_other_turnover") in costs


def test_plurals_follow_the_number() -> None:
    assert i18n.word("en", "case", "1") == "burn-out case"
    assert i18n.word("nl", "case", "1") == "burn-outgeval"
    assert i18n.word("en", "case", "2") == "burn-out cases"
    assert i18n.word("nl", "leaver", "0") == "vertrekkers"


@pytest.mark.slow  # 20 baseline runs
def test_team_ranking_with_4_or_20_futures_agrees_up_to_interval_overlap(
        tmp_path: Path) -> None:
    """With the organisation fixed (org_seed), every run has the same teams: the ranking on
    the first 4 baseline runs and on all 20 differs at most between teams whose 95%
    intervals overlap, and each team's numbers are a mean with an interval (issue 16)."""
    seeds = list(range(20))
    outdir = write_comparison(tmp_path / "c", {"baseline": ([], 0.0)},
                              [*BASE, "org.n_employees=60", "org.team_size=10"], seeds, 104)
    few, many = data.team_risk(outdir, seeds[:4], 104), data.team_risk(outdir, seeds, 104)
    assert few.attrs["seeds"] == 4 and many.attrs["seeds"] == 20
    assert sorted(few.team) == sorted(many.team) and len(many) == 6
    assert (many.cases_lo <= many.cases).all() and (many.cases <= many.cases_hi).all()
    assert (many.absence_lo <= many.absence_pct).all()
    assert (many.absence_pct <= many.absence_hi).all()
    assert (many.absence_hi > many.absence_lo).any()  # intervals, not points
    # the teams' levels at the start are the same in every run: one organisation
    first = pd.read_parquet(run_dir(outdir, "baseline", 0) / TEAMS)
    last = pd.read_parquet(run_dir(outdir, "baseline", 19) / TEAMS)
    assert np.array_equal(first.start_workload, last.start_workload)
    rank = {t: i for i, t in enumerate(many.team)}
    band = many.set_index("team")[["absence_lo", "absence_hi"]]
    order = list(few.team)
    for i, a in enumerate(order):
        for b in order[i + 1:]:
            if rank[a] > rank[b]:  # 4 runs put a above b, 20 runs b above a
                assert band.absence_lo[a] <= band.absence_hi[b], (a, b)


def test_start_situation_uses_the_tables_window_and_a_trend_is_named(
        comparison: Path) -> None:
    """The organisation's figures are over the horizon, as the tables; a clear trend of the
    baseline's absence is stated with its interval and reason, in "In short" and in the
    organisation; the survey-vs-model absence note appears in "In short" (issue 16)."""
    comp = data.load(comparison)
    facts = data.org_facts(comp)
    rate = comp.weekly["absence_rate"]["baseline"]
    assert facts["absence_pct"] == pytest.approx(100 * rate[:, :comp.horizon].mean())
    flat = copy.deepcopy(comp)
    flat.weekly["absence_rate"]["baseline"] = np.full_like(rate, 0.01)
    trend = data.baseline_trend(flat)
    assert trend is not None and not trend.trending
    falling = copy.deepcopy(comp)
    weeks = np.arange(rate.shape[1])
    noise = np.random.default_rng(0).normal(0, 0.001, rate.shape)
    falling.weekly["absence_rate"]["baseline"] = 0.03 - 0.0001 * weeks + noise
    falling.config.org.survey_absence_pct = 50.0  # far above the simulated absence
    trend = data.baseline_trend(falling)
    assert trend is not None and trend.trending and trend.change.hi < 0
    assert trend.last_year == 3 and trend.shocks == []
    teams = data.team_risk(falling.outdir, falling.seeds, falling.horizon)
    for lang in i18n.LANGUAGES:
        page = report.render(report.prepare(falling, teams, falling.horizon), lang)
        summary = page.split("id='summary'")[1].split("</section>")[0]
        org = page.split("id='organisation'")[1].split("</section>")[0]
        first = i18n.percent(lang, trend.first, 2)
        for part in (summary, org):
            assert first in part and i18n.percent(lang, trend.last, 2) in part
        assert i18n.t(lang, "trend_settling", warmup=falling.config.warmup_weeks) in summary
        assert i18n.percent(lang, 50.0) in summary  # the survey's absence, in "In short"
    page = report.render(report.prepare(comp, teams, comp.horizon), "en")
    assert "Doing nothing, burn-out absence" not in page or data.baseline_trend(comp).trending


def test_no_minus_zero_and_mt_words() -> None:
    assert i18n.number("nl", -0.04, 1) == "0,0" and i18n.number("en", -0.4, 0) == "0"
    assert i18n.number("en", -1.25, 1) == "−1.2"
    assert i18n.count("en", 11.4) == "11" and i18n.count("en", 5.34) == "5.3"
    nl = i18n.TEXT["nl"]
    assert nl["s_caveats"].startswith("Leeswijzer") and "reproduceerbaarheid" in nl["s_method"]
    assert "voorzichtig geschat" in nl["caveats"]
    mt_keys = [k for k in nl if k not in ("method", "teams_varied")]
    for lang in i18n.LANGUAGES:
        for key in mt_keys:
            text = i18n.TEXT[lang][key].lower()
            assert "seed" not in text and "common random" not in text, (lang, key)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_headings_stay_with_their_section_and_tables_fit_the_page(
        reports: dict[str, str], lang: str) -> None:
    """No orphan heading at the foot of a PDF page (each heading is in a block that is not
    broken over pages, with what opens its section) and wide tables scroll within the page
    on screen but not on paper (issue 16)."""
    page = reports[lang]
    assert page.count("<h2>") == len(report.SECTIONS)
    assert page.count("<div class='keep'><h2>") == len(report.SECTIONS)
    assert ".keep { break-inside: avoid; }" in page
    assert page.count("<table>") == page.count("<div class='scroll'><table>") > 0
    assert "@media print" in page and ".scroll { overflow: visible; }" in page
    costs = page.split("id='costs'")[1].split("</section>")[0]
    opening = costs.split("<figure>")[0]  # the heading, the intro and the cost table
    assert opening.startswith("><div class='keep'><h2>") and "<table>" in opening
    assert opening.count("<div") == opening.count("</div>")  # the kept block closes here


def test_no_team_ranking_when_every_run_had_another_organisation(comparison: Path) -> None:
    """With org_seed empty (and no teams of the client's) "Team 3" is another team in every
    run: the report says so instead of ranking them (issue 16)."""
    comp = copy.deepcopy(data.load(comparison))
    comp.config.org_seed = None
    teams = data.team_risk(comp.outdir, comp.seeds, comp.horizon)
    for lang in i18n.LANGUAGES:
        page = report.render(report.prepare(comp, teams, comp.horizon), lang)
        section = page.split("id='teams'")[1].split("</section>")[0]
        assert i18n.t(lang, "teams_varied", reps=len(comp.seeds),
                      years=i18n.years(lang, 3)) in html.unescape(section)
        assert "<table>" not in section


def _damage_runs_parquet(cmp: Path) -> None:
    data = (cmp / "runs.parquet").read_bytes()
    (cmp / "runs.parquet").write_bytes(data[: len(data) // 2])  # truncated


def _damage_teams(cmp: Path) -> None:
    (run_dir(cmp, "baseline", SEEDS[0]) / "teams.parquet").write_bytes(b"\x00" * 64)


def _meta_is_a_system_file(cmp: Path) -> None:
    (cmp / "meta.json").unlink()
    (cmp / "meta.json").symlink_to("/etc/hostname" if Path("/etc/hostname").exists()
                                   else "/etc/passwd")


@pytest.mark.parametrize("damage, message", [
    (lambda c: (c / "meta.json").write_text("{bad"), "meta.json: cannot be read as JSON"),
    (lambda c: (c / "meta.json").write_text("[1, 2]"), "meta.json: is not a comparison's"),
    (_meta_is_a_system_file, "meta.json: cannot be read as JSON"),
    (_damage_runs_parquet, "runs.parquet: cannot be read as Parquet"),
    (lambda c: (c / "summaries.csv").write_text("garbage\n"),
     "summaries.csv: lacks the column(s) scenario, seed"),
    (lambda c: (c / "summaries.csv").write_bytes(b"\xff\xfe\x00"), "summaries.csv: "),
    (_damage_teams, "teams.parquet: cannot be read as Parquet"),
])
def test_damaged_or_foreign_files_are_one_line_naming_the_file(
    comparison: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage, message
) -> None:
    """Issue 18: garbage Parquet/CSV/meta.json or a symlink to a system file end as one line
    naming the file, exit 2, no report written (they used to end in a traceback, or a
    report from a summaries.csv that was not one)."""
    cmp = _copy(comparison, tmp_path)
    damage(cmp)
    out = tmp_path / "r.html"
    assert report.main([str(cmp), "--out", str(out)]) == 2
    err = _one_error(capsys)
    assert message in err, err
    assert not out.exists()
