"""Assembling the report: one self-contained HTML page (inline CSS, embedded PNG figures)."""

from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from orgsim.report import figures, i18n
from orgsim.report.data import (
    BASELINE,
    Comparison,
    Estimate,
    NetEffect,
    ScenarioNumbers,
    baseline_trend,
    horizons,
    net_effect,
    org_facts,
    scenario_numbers,
)
from orgsim.scales import ABSENCE_LOW_SHARE

#: Section ids in order (the tests check each is present, in both languages).
SECTIONS = ("question", "summary", "organisation", "scenarios", "outcomes", "costs", "net",
            "teams", "caveats", "method")

CSS = """
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Source Sans 3", "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2937;
       margin: 0; background: #f3f4f6; line-height: 1.45; font-size: 15px; }
main { max-width: 860px; margin: 0 auto; background: #fff; padding: 36px 48px 28px; }
header.cover { border-bottom: 4px solid #0f766e; padding-bottom: 14px; margin-bottom: 18px; }
header.cover .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px;
                       color: #0f766e; font-weight: 700; }
h1 { font-size: 28px; margin: 6px 0 4px; color: #0b2545; line-height: 1.2; }
header.cover .sub { font-size: 17px; color: #374151; }
header.cover .meta { font-size: 12px; color: #6b7280; margin-top: 6px; }
h2 { font-size: 19px; color: #0b2545; margin: 30px 0 8px; padding-bottom: 4px;
     border-bottom: 1px solid #e5e7eb; }
h2 .num { color: #0f766e; margin-right: 8px; }
section { break-inside: auto; }
section#teams, section#summary, section#scenarios, section#method { break-inside: avoid; }
nav.toc { font-size: 13px; color: #374151; columns: 2; margin: 6px 0 10px; }
nav.toc a { color: #374151; text-decoration: none; }
.callout { background: #ecfdf5; border-left: 5px solid #0f766e; padding: 12px 16px;
           margin: 10px 0; border-radius: 2px; }
.callout p { margin: 4px 0; }
.question { font-size: 17px; font-style: italic; color: #0b2545; }
.kpis { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
.kpi { flex: 1 1 118px; border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 12px; }
.kpi .v { font-size: 22px; font-weight: 700; color: #0b2545; }
.kpi .l { font-size: 12px; color: #4b5563; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0 4px;
        font-variant-numeric: tabular-nums; }
th { text-align: left; font-weight: 600; color: #374151; border-bottom: 2px solid #d1d5db;
     padding: 5px 6px; vertical-align: bottom; }
td { border-bottom: 1px solid #eef0f3; padding: 5px 6px; vertical-align: top; }
td.n { text-align: right; white-space: nowrap; }
th.n { text-align: right; }
td:first-child { white-space: nowrap; }
td.name { white-space: nowrap; }
td .ci { color: #6b7280; font-size: 11px; display: block; }
tr.base td { background: #f9fafb; }
tr { break-inside: avoid; }
.pos { color: #047857; font-weight: 600; }
.neg { color: #b91c1c; font-weight: 600; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px;
          margin-right: 6px; vertical-align: baseline; }
figure { margin: 12px 0 6px; break-inside: avoid; }
figure img { width: 100%; height: auto; display: block; }
figcaption { font-size: 12px; color: #4b5563; margin-top: 2px; }
.risk { padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.risk.high { background: #fee2e2; color: #991b1b; }
.risk.elevated { background: #fef3c7; color: #92400e; }
.risk.lower { background: #e5e7eb; color: #374151; }
.caveats li { margin-bottom: 6px; }
.small { font-size: 12px; color: #6b7280; }
.scroll { overflow-x: auto; }
.keep { break-inside: avoid; }
footer { margin-top: 26px; font-size: 11px; color: #9ca3af; border-top: 1px solid #e5e7eb;
         padding-top: 8px; }
@media print { body { background: #fff; } main { padding: 0; max-width: none; }
               .scroll { overflow: visible; } table { font-size: 11px; }
               .scroll, table { break-inside: avoid; }
               h2 { break-after: avoid; } .pagebreak { break-before: page; } }
"""


#: Marks the end of what a section's heading is kept together with on a printed page.
KEEP = "<!--keep-->"

#: Columns of the cost table: per-seed column -> its heading's text key.
COST_TABLE = {"absence_cost": "col_absence_cost", "burnout_turnover_cost": "col_burnout_turnover",
              "burnout_cost": "col_burnout_cost", "other_turnover_cost": "col_other_turnover",
              "intervention_cost": "col_intervention", "total_cost": "col_total"}


def per_case(per_seed: pd.DataFrame) -> float:
    """Expected burn-out absence cost per new case: the ratio of the means over the seeds
    (NaN without cases)."""
    cases = float(per_seed.cases.mean())
    return float(per_seed.absence_cost.mean()) / cases if cases > 0 else float("nan")


@dataclass
class ReportInput:
    """Everything the page shows (computed once; the HTML is pure formatting)."""

    comp: Comparison
    numbers: dict[str, ScenarioNumbers]
    effects: dict[str, NetEffect]
    teams: pd.DataFrame
    team_weeks: int
    question: str | None
    version: str
    date: str


def prepare(comp: Comparison, teams: pd.DataFrame, team_weeks: int, question: str | None = None,
            date: str | None = None) -> ReportInput:
    """Compute scenario numbers and paired effects (baseline first)."""
    from orgsim import __version__

    numbers = {s: scenario_numbers(comp, s) for s in comp.scenarios}
    effects = {s: net_effect(numbers[BASELINE], numbers[s])
               for s in comp.scenarios if s != BASELINE}
    return ReportInput(comp=comp, numbers=numbers, effects=effects, teams=teams,
                       team_weeks=team_weeks, question=question, version=__version__,
                       date=date or _dt.date.today().isoformat())


def year(weeks: int) -> float | int:
    """Weeks as years: whole when they are, else to one decimal."""
    return round(weeks / 52, 1) if weeks % 52 else weeks // 52


def _e(text: object) -> str:
    return html.escape(str(text))


def _ci(lang: str, est: object, fmt: str = "number", decimals: int = 0) -> str:
    """Mean with its 95% interval below it."""
    f = {"number": lambda x: i18n.number(lang, x, decimals),
         "euro": lambda x: i18n.euro(lang, x),
         "pct": lambda x: i18n.percent(lang, x, decimals)}[fmt]
    return (f"{f(est.mean)}<span class='ci'>{f(est.lo)} – {f(est.hi)}</span>")  # type: ignore[attr-defined]


def _band(rec: dict[str, Any], key: str) -> Estimate:
    """A team's mean and 95% interval (``cases``/``absence``) from the team table's row."""
    mean = rec["cases" if key == "cases" else "absence_pct"]
    nan = float("nan")
    return Estimate(float(mean), float(rec[f"{key}_lo"]), float(rec[f"{key}_hi"]), nan, nan)


def render(inp: ReportInput, lang: str) -> str:
    """The full HTML document in ``lang``."""
    if lang not in i18n.LANGUAGES:
        raise ValueError(f"lang = {lang!r}; choose one of {', '.join(i18n.LANGUAGES)}")
    comp = inp.comp
    cfg = comp.config
    hs = horizons(comp.horizon)
    h = hs[-1]
    years = i18n.years(lang, year(h))
    org = i18n.org_name(lang, cfg.org.name)
    tr = lambda key, **kw: i18n.t(lang, key, **kw)  # noqa: E731
    col = figures.colors(comp.scenarios)
    label = {s: i18n.scenario_label(lang, s) for s in comp.scenarios}
    swatch = {s: f"<span class='swatch' style='background:{col[s]}'></span>" for s in col}
    n_teams = len(cfg.org.teams) if cfg.org.teams else len(inp.teams)
    eur_day = i18n.euro(lang, cfg.costs.eur_per_absence_day)
    repl = i18n.euro(lang, cfg.costs.replacement_cost_eur)
    titles = {
        "question": tr("s_question"), "summary": tr("s_summary"), "organisation": tr("s_org"),
        "scenarios": tr("s_scenarios"), "outcomes": tr("s_outcomes"),
        "costs": tr("s_costs", years=years), "net": tr("s_net", years=years),
        "teams": tr("s_teams", years=i18n.years(lang, year(inp.team_weeks))),
        "caveats": tr("s_caveats"), "method": tr("s_method"),
    }
    body: dict[str, str] = {}

    # the question
    question = inp.question or tr("question_default", org=org, years=years)
    body["question"] = f"<p class='question'>{_e(question)}</p>"

    facts = org_facts(comp)
    source = tr("org_source_survey") if cfg.org.teams else tr("org_source_preset")
    survey_absence = cfg.org.survey_absence_pct
    absence_low, shown = "", {}
    if survey_absence is not None:
        shown = {"survey": i18n.percent(lang, survey_absence),
                 "sim": i18n.percent(lang, facts["absence_pct"])}
        source += " " + tr("org_survey_absence", **shown)
        if facts["absence_pct"] < ABSENCE_LOW_SHARE * survey_absence:
            absence_low = tr("caveat_absence_low", **shown)
    trend = baseline_trend(comp)
    trend_text = ""
    if trend is not None and trend.trending:
        c = trend.change
        trend_text = tr("trend_rise" if c.mean > 0 else "trend_fall",
                        first=i18n.percent(lang, trend.first, 2),
                        last=i18n.percent(lang, trend.last, 2), n=trend.last_year,
                        lo=i18n.number(lang, c.lo, 2), hi=i18n.number(lang, c.hi, 2)) + " " + (
            tr("trend_shocks", events=", ".join(trend.shocks)) if trend.shocks else
            tr("trend_settling", warmup=cfg.warmup_weeks))

    # summary
    base = inp.numbers[BASELINE]
    b = base.per_seed
    cases, leavers = (i18n.count(lang, x) for x in (base.cases[h].mean, b.burnout_leavers.mean()))
    lines = [tr("summary_baseline", cases=cases, cases_word=i18n.word(lang, "case", cases),
                days=i18n.number(lang, b.absence_days.mean()),
                cost=i18n.euro(lang, b.burnout_cost.mean()),
                absence=i18n.euro(lang, b.absence_cost.mean()),
                turnover=i18n.euro(lang, b.burnout_turnover_cost.mean()), leavers=leavers,
                leavers_word=i18n.word(lang, "leaver", leavers),
                per_case=i18n.euro(lang, per_case(b)), years=years),
             tr("summary_other", other=i18n.euro(lang, b.other_turnover_cost.mean()),
                years=years)]
    lines += [x for x in (trend_text, absence_low and tr("summary_absence_low", **shown)) if x]
    if inp.effects:
        best = max(inp.effects, key=lambda s: inp.effects[s].net_saving.mean)
        e = inp.effects[best]
        most_cases = max(x.cases_prevented.mean for x in inp.effects.values())
        key = "summary_best" if e.net_saving.mean > 0 else "summary_none"
        lines.append(tr(key, best=_e(label[best]), years=years,
                        saving=i18n.euro(lang, e.net_saving.mean),
                        lo=i18n.euro(lang, e.net_saving.lo), hi=i18n.euro(lang, e.net_saving.hi),
                        icost=i18n.euro(lang, e.intervention_cost.mean),
                        cases=i18n.count(lang, e.cases_prevented.mean if key == "summary_best"
                                         else most_cases)))
    body["summary"] = "<div class='callout'>" + "".join(f"<p>{x}</p>" for x in lines) + "</div>"
    if inp.effects:
        ranked = sorted(inp.effects, key=lambda s: -inp.effects[s].net_saving.mean)
        rows = []
        for s in ranked:
            e = inp.effects[s]
            verdict = ("pays" if e.net_saving.lo > 0 else "costs" if e.net_saving.hi < 0
                       else "likely" if e.net_saving.mean > 0 else "unclear")
            cls = {"pays": "pos", "costs": "neg"}.get(verdict, "")
            rows.append(
                f"<tr><td>{swatch[s]}{_e(label[s])}</td>"
                f"<td class='n'>{i18n.number(lang, e.cases_prevented.mean, 1)}</td>"
                f"<td class='n'>{_ci(lang, e.net_saving, 'euro')}</td>"
                f"<td class='{cls}'>{_e(tr('verdict_' + verdict))}</td></tr>")
        body["summary"] += (
            f"<table><thead><tr><th>{tr('col_scenario')}</th>"
            f"<th class='n'>{tr('col_cases_prevented', years=years)}</th>"
            f"<th class='n'>{tr('col_net', years=years)}</th>"
            f"<th>{tr('verdict')}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")

    # organisation (facts computed above, with the summary)
    kpis = []
    if "complaints_pct" in facts:
        kpis.append((i18n.percent(lang, facts["complaints_pct"]), tr("k_complaints")))
    kpis += [(i18n.percent(lang, facts["absence_pct"]), tr("k_absence")),
             (i18n.number(lang, facts["cases_per_100"], 1), tr("k_cases")),
             (i18n.number(lang, facts["leavers_per_100"], 1), tr("k_leavers"))]
    if "engagement" in facts:
        kpis.append((i18n.number(lang, facts["engagement"], 1), tr("k_engagement")))
    body["organisation"] = (
        f"<p>{_e(tr('org_intro', org=i18n.org_name(lang, cfg.org.name, start=True),
                     people=cfg.org.n_employees, teams=n_teams, years=years))}</p>"
        "<div class='kpis'>" + "".join(
            f"<div class='kpi'><div class='v'>{v}</div><div class='l'>{_e(k)}</div></div>"
            for v, k in kpis) + "</div>" + (f"<p>{trend_text}</p>" if trend_text else "")
        + f"<p class='small'>{_e(source)}</p>")

    # scenarios
    rows = []
    for s in comp.scenarios:
        icost = inp.numbers[s].per_seed.intervention_cost.mean()
        rows.append(f"<tr class='{'base' if s == BASELINE else ''}'><td>{swatch[s]}"
                    f"{_e(label[s])}</td><td>{_e(i18n.scenario_description(lang, s))}</td>"
                    f"<td class='n'>{i18n.euro(lang, icost)}</td></tr>")
    body["scenarios"] = (
        f"<p>{_e(tr('scen_intro', reps=len(comp.seeds)))}</p><table><thead><tr>"
        f"<th>{tr('col_scenario')}</th><th>{tr('col_description')}</th>"
        f"<th class='n'>{tr('col_icost', years=years)}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>")

    # outcomes
    fig_cases = figures.timeseries(comp, lang, "new_burnout_cases", h, cumulative=True,
                                   smooth=1, scale=1.0, ylabel=tr("y_cases"))
    fig_abs = figures.timeseries(comp, lang, "absence_rate", h, cumulative=False, smooth=13,
                                 scale=100.0, ylabel="%")
    head = "".join(f"<th class='n'>{tr('col_year', n=year(x))}</th>" for x in hs)
    head_in = "".join(f"<th class='n'>{tr('col_in_year', n=year(x))}</th>" for x in hs)

    def outcome_rows(attr: str, fmt: str, dec: int) -> str:
        return "".join(
            f"<tr class='{'base' if s == BASELINE else ''}'><td>{swatch[s]}{_e(label[s])}</td>"
            + "".join(f"<td class='n'>{_ci(lang, getattr(inp.numbers[s], attr)[x], fmt, dec)}"
                      "</td>" for x in hs) + "</tr>" for s in comp.scenarios)
    body["outcomes"] = (
        f"<p>{_e(tr('outcomes_intro'))}</p>"
        f"<figure><img alt='{_e(tr('fig_cases'))}' src='{fig_cases}'>"
        f"<figcaption>{_e(tr('fig_cases'))}</figcaption></figure>{KEEP}"
        f"<table><thead><tr><th>{tr('t_cases')}</th>{head}</tr></thead>"
        f"<tbody>{outcome_rows('cases', 'number', 1)}</tbody></table>"
        f"<figure><img alt='{_e(tr('fig_absence'))}' src='{fig_abs}'>"
        f"<figcaption>{_e(tr('fig_absence'))}</figcaption></figure>"
        f"<table><thead><tr><th>{tr('t_absence')}</th>{head_in}</tr></thead>"
        f"<tbody>{outcome_rows('absence_pct', 'pct', 2)}</tbody></table>")

    # costs
    fig_costs = figures.costs(inp.numbers, lang)
    rows = []
    for s in comp.scenarios:
        p = inp.numbers[s].per_seed
        rows.append(f"<tr class='{'base' if s == BASELINE else ''}'><td>{swatch[s]}"
                    f"{_e(label[s])}</td>" + "".join(
                        f"<td class='n'>{i18n.euro(lang, p[c].mean())}</td>"
                        for c in COST_TABLE) +
                    f"<td class='n'>{i18n.euro(lang, per_case(p))}</td></tr>")
    heads = "".join(f"<th class='n'>{tr(key)}</th>" for key in COST_TABLE.values())
    body["costs"] = (
        f"<p>{_e(tr('costs_intro', eur_day=eur_day, repl=repl))}</p>"
        f"<table><thead><tr><th>{tr('col_scenario')}</th>{heads}"
        f"<th class='n'>{tr('col_per_case')}</th></tr></thead><tbody>{''.join(rows)}</tbody>"
        f"</table>{KEEP}"
        f"<figure><img alt='{_e(tr('fig_costs', years=years))}' src='{fig_costs}'>"
        f"<figcaption>{_e(tr('fig_costs', years=years))}</figcaption></figure>")

    # net effect
    if inp.effects:
        fig_net = figures.net(inp.effects, lang, comp.scenarios)
        rows = []
        for s, e in inp.effects.items():
            cls = "pos" if e.net_saving.lo > 0 else "neg" if e.net_saving.hi < 0 else ""
            roi = e.return_per_euro
            rows.append(
                f"<tr><td>{swatch[s]}{_e(label[s])}</td>"
                f"<td class='n'>{_ci(lang, e.cases_prevented, 'number', 1)}</td>"
                f"<td class='n'>{_ci(lang, e.days_saved)}</td>"
                f"<td class='n'>{_ci(lang, e.gross_saving, 'euro')}</td>"
                f"<td class='n'>{i18n.euro(lang, e.intervention_cost.mean)}</td>"
                f"<td class='n {cls}'>{_ci(lang, e.net_saving, 'euro')}</td>"
                f"<td class='n'>{i18n.number(lang, roi, 2)}</td></tr>")
        body["net"] = (
            f"<p>{_e(tr('net_intro'))}</p><table><thead><tr><th>{tr('col_scenario')}</th>"
            f"<th class='n'>{tr('col_cases_prevented', years=years)}</th>"
            f"<th class='n'>{tr('col_days_saved')}</th><th class='n'>{tr('col_gross')}</th>"
            f"<th class='n'>{tr('col_intervention')}</th>"
            f"<th class='n'>{tr('col_net', years=years)}</th>"
            f"<th class='n'>{tr('col_roi')}</th></tr></thead><tbody>{''.join(rows)}</tbody>"
            f"</table>{KEEP}<figure><img alt='{_e(tr('fig_net', years=years))}' src='{fig_net}'>"
            f"<figcaption>{_e(tr('fig_net', years=years))}</figcaption></figure>")
    else:
        body["net"] = "<p>–</p>"

    # teams at risk
    t_years = i18n.years(lang, year(inp.team_weeks))
    top = inp.teams.head(8)
    rows = []
    for rec in top.to_dict("records"):
        risk = str(rec["risk"])
        point = str(rec.get("pressure_point") or "")
        rows.append(
            f"<tr><td class='name'>{_e(rec['team'])}</td><td class='n'>{rec['size']}</td>"
            f"<td class='n'>{i18n.number(lang, rec['exhaustion'], 1)}</td>"
            f"<td class='n'>{i18n.number(lang, rec['engagement'], 1)}</td>"
            f"<td class='n'>{_ci(lang, _band(rec, 'cases'), 'number', 1)}</td>"
            f"<td class='n'>{_ci(lang, _band(rec, 'absence'), 'pct', 1)}</td>"
            f"<td><span class='risk {risk}'>{_e(tr('risk_' + risk))}</span></td>"
            f"<td>{_e(tr('pp_' + point)) if point else '–'}</td></tr>")
    team_runs = inp.teams.attrs.get("seeds", len(comp.seeds))  # runs behind the ranking
    # a different organisation in every run (and no teams of the client's): no team to follow
    varied = cfg.org_seed is None and not cfg.org.teams
    intro = ("teams_intro" if cfg.org_seed is not None else
             "teams_varied" if varied else "teams_intro_client")
    body["teams"] = (
        f"<p>{_e(tr(intro, reps=team_runs, years=t_years))}</p>" + ("" if varied else "<table>"
        "<thead><tr>"
        f"<th>{tr('col_team')}</th><th class='n'>{tr('col_people')}</th>"
        f"<th class='n'>{tr('col_exh')}</th><th class='n'>{tr('col_eng')}</th>"
        f"<th class='n'>{tr('col_team_cases')}</th><th class='n'>{tr('col_team_absence')}</th>"
        f"<th>{tr('col_risk')}</th><th>{tr('col_pressure')}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"))

    if comp.param_sets is not None:
        items = [tr("share_item", scen=_e(label[s]),
                    pct=f"{100 * e.net_saving.param_share:.0f}")
                 for s, e in inp.effects.items() if np.isfinite(e.net_saving.param_share)]
        shares = tr("share_intro", list="; ".join(items)) if items else ""
        ranges = tr("caveat_range_posterior", n=len(set(comp.param_sets)), shares=shares)
    else:
        ranges = tr("caveat_range_point")
    body["caveats"] = (f"<ul class='caveats'>{absence_low}{tr('caveat_model')}{ranges}"
                       f"{tr('caveats')}</ul>")
    params = ""
    if comp.param_sets is not None:
        params = tr("method_posterior", k=len(set(comp.param_sets)),
                    m=comp.params.get("seeds_per_set", ""),
                    ensemble=_e(comp.params.get("ensemble", "")),
                    sha=_e(str(comp.params.get("ensemble_sha256", ""))[:12]))
    body["method"] = "<p class='small'>" + tr(
        "method", version=_e(inp.version), outdir=_e(comp.outdir), reps=len(comp.seeds),
        weeks=comp.weeks, scen=_e(", ".join(comp.scenarios)),
        seeds=_e(", ".join(map(str, comp.seeds))), eur_day=eur_day, repl=repl, years=years,
        max_weeks=cfg.absence.max_sick_weeks, params=params,
        org_seed="org_seed=null" if cfg.org_seed is None else f"org_seed={cfg.org_seed}") + "</p>"

    toc = "".join(f"<div><a href='#{sid}'>{i + 1}. {_e(titles[sid])}</a></div>"
                  for i, sid in enumerate(SECTIONS))
    sections = ""
    for i, sid in enumerate(SECTIONS):
        # the heading stays on one PDF page with what opens the section (never an orphan)
        first, _, rest = body[sid].rpartition(KEEP)
        sections += (f"<section id='{sid}'><div class='keep'><h2><span class='num'>{i + 1}"
                     f"</span>{_e(titles[sid])}</h2>{first}</div>{rest}</section>")
    # wide tables scroll inside the page instead of running past it (narrow windows)
    sections = sections.replace("<table>", "<div class='scroll'><table>").replace(
        "</table>", "</table></div>")
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(tr('title'))} — {_e(org)}</title><style>{CSS}</style></head><body><main>"
        f"<header class='cover'><div class='kicker'>{_e(org)}</div>"
        f"<h1>{_e(tr('title'))}</h1><div class='sub'>{_e(tr('subtitle', org=org))}</div>"
        f"<div class='meta'>{_e(tr('prepared', date=inp.date, version=inp.version))}</div>"
        f"</header><nav class='toc'>{toc}</nav>{sections}"
        f"<footer>{_e(tr('footer'))}</footer></main></body></html>")
