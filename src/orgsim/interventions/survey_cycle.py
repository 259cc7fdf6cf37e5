"""Intervention: a survey cycle (explore - envision - realise) that helps the teams at risk."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from orgsim.config import Config, ConfigError, InterventionConfig
from orgsim.interventions.base import KINDS, Intervention, Option, default_intervention
from orgsim.state import Status

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel

#: Weeks the effect of a survey-targeted package fades after its two survey periods.
PACKAGE_FADE_WEEKS = 26


class SurveyCycle(Intervention):
    """Explore - envision - realise: a survey wave, then help for the highest-risk teams.

    Each wave (every ``every_weeks`` while in force) measures each team's risk as the mean
    BAT total of its members at work plus its share of members on burn-out leave (what
    an employee survey plus absence records show), picks the ``top_teams`` teams with the
    highest risk that are not already being helped, and starts the ``package``
    interventions there for two survey periods (fading over ``PACKAGE_FADE_WEEKS``),
    with the costs of their own defaults - their fixed (set-up) cost only the first time
    the cycle uses them (the programme is designed once; later waves pay per person).
    Survey cost: ``cost_fixed_eur`` + ``cost_per_person_eur`` per employee per wave
    (defaults: EUR 3,000 tool and analysis + EUR 25 per employee, 20 min of time and a
    licence). Its effects are those of the package; it changes nothing itself.
    """

    name = "survey_cycle"
    level = "cycle"
    summary = "periodic survey targets the highest-risk teams"
    options = {
        "every_weeks": Option("weeks between survey waves", default=26, range=(1, 520)),
        "top_teams": Option("teams at highest risk that get help", default=3,
                            range=(1, 10_000)),
        "package": Option("interventions given to those teams (e.g. [clearer_roles, "
                          "leadership_training])"),
    }

    def check_options(self, ic: InterventionConfig, cfg: Config, n_teams: int, *,
                      where: str, in_package: bool) -> None:
        if in_package:
            raise ConfigError(f"{where}: a survey_cycle cannot be part of a survey package")
        if not ic.package:
            raise ConfigError(f"{where}.package is empty; name the interventions the "
                              f"targeted teams get (e.g. [clearer_roles, leadership_training])")
        for item in ic.package:
            if item not in KINDS:
                raise ConfigError(f"{where}.package: intervention {item!r} is unknown; "
                                  f"choose from: {', '.join(KINDS)}")
            kind = KINDS[item]()
            if kind.level == "policy":
                raise ConfigError(f"{where}.package: {item} is organisation-wide and "
                                  f"cannot target teams")
            kind.check(default_intervention(item), cfg, n_teams,
                       where=f"{where}.package.{item}", in_package=True)

    def start(self, model: OrgModel, label: str, ic: InterventionConfig) -> str:
        every = int(self.option(ic, "every_weeks"))
        top = int(self.option(ic, "top_teams"))
        names: list[str] = list(self.option(ic, "package"))
        helped_until = np.full(model.teams.size, -1)
        package = [default_intervention(k) for k in names]
        set_up: set[str] = set()  # package items whose fixed cost has been booked
        end = model.week + ic.duration_weeks

        def wave(m: OrgModel) -> str:
            ws = m.workforce
            present = ws.present()
            employed = ws.employed()
            bat = ws.bat_total()
            n_teams = m.teams.size
            at_work = np.bincount(ws.team, weights=present, minlength=n_teams)
            bat_sum = np.bincount(ws.team, weights=bat * present, minlength=n_teams)
            sick = np.bincount(ws.team, weights=ws.status == Status.SICK_LEAVE, minlength=n_teams)
            staff = np.bincount(ws.team, weights=employed, minlength=n_teams)
            risk = bat_sum / np.maximum(at_work, 1) + sick / np.maximum(staff, 1)
            risk = np.where(helped_until > m.week, -np.inf, risk)
            order = np.argsort(-risk, kind="stable")
            chosen = [int(t) for t in order[:top] if np.isfinite(risk[t])]
            m.timeline.record_cost(m.week, label, ic.cost_fixed_eur
                                   + ic.cost_per_person_eur * int(employed.sum()))
            if not chosen:
                return f"{label}: survey wave; all teams already helped"
            for item in package:
                sub = dataclasses.replace(item, target="teams", teams=chosen,
                                          start_week=m.week, duration_weeks=2 * every,
                                          fade_weeks=PACKAGE_FADE_WEEKS,
                                          cost_fixed_eur=0.0 if item.kind in set_up
                                          else item.cost_fixed_eur)
                set_up.add(item.kind)
                KINDS[item.kind]().start(m, f"{label}:{item.kind}", sub)
            helped_until[chosen] = m.week + 2 * every
            return f"{label}: survey wave; teams {chosen} get {', '.join(names)}"

        week = model.week
        while week < end:
            model.timeline.at(week, f"{label}:wave", wave)
            week += every
        return f"{label}: survey cycle every {every} weeks until week {end}"
