"""The team inputs: the demands, resources, climate, leader style and policies a team works with.

One entry per input, the single list of them. Everything else reads this registry: the
organisation-wide config sections (``demands``, ``resources``, ``leadership``, ``climate``,
``hiring``) and ``org.teams`` (:class:`orgsim.config.TeamSpec`) get their fields from it, the
per-team arrays of :class:`orgsim.state.Teams` too; :func:`orgsim.organisation.build_teams`
draws the differences between teams as each entry says; events and interventions clip to
its range; the workshop app's sliders, the MT report's pressure points, the survey import's
item mapping and the readable names (:mod:`orgsim.labels`) come from it.

The order of :data:`INPUTS` is part of the model: teams are drawn in this order (one normal
draw per varying input), so a new input goes at the end.

Example:
    >>> get("lead_support").config_key
    'leadership.support'
    >>> bounds("workload")
    (0.0, 3.0)
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np


class Kind(enum.StrEnum):
    """What an input is, in the Job Demands-Resources model (docs/domain.md)."""

    DEMAND = "demand"  #: costs effort and energy
    RESOURCE = "resource"  #: helps to reach goals, buffers demands, feeds engagement
    CLIMATE = "climate"  #: how the team works together
    LEADERSHIP = "leadership"  #: the style of the team's leader
    POLICY = "policy"  #: an organisation-wide rule
    STRUCTURE = "structure"  #: how work and staffing are set up


class Variation(enum.StrEnum):
    """How an input differs between teams (sd ``org.team_variation``)."""

    LOG_NORMAL = "log-normal"  #: multiplied by ``exp(N(-sd^2/2, sd))`` (mean factor 1)
    NORMAL = "normal"  #: shifted by ``N(0, sd)``, clipped to the input's range
    SAME = "same"  #: the same for every team (an organisation-level policy)


@dataclass(frozen=True)
class SurveyItem:
    """The survey column an input is imported from (``orgsim import-survey``).

    Attributes:
        column: column name in the survey CSV.
        meaning: what the item asks.
        benchmark: Dutch benchmark mean on the 1..5 scale (answering it gives the base level).
        sign: +1 when a higher answer means a higher level, -1 when lower (clarity ->
            ambiguity).
    """

    column: str
    meaning: str
    benchmark: float
    sign: float = 1.0


@dataclass(frozen=True)
class Slider:
    """A live slider of the workshop app that moves the input in every team.

    Attributes:
        group: slider group ("demands", "resources" or "leadership").
        lo, hi, step: slider range, within the input's range.
        scale: multiply every team by new/old (else add new - old).
    """

    group: str
    lo: float
    hi: float
    step: float
    scale: bool = False


@dataclass(frozen=True)
class Pressure:
    """A "pressure point" of the MT report: a team level adversely out of line.

    Attributes:
        sign: +1 if more is worse, -1 if less is worse.
        en, nl: how the report names it ("high workload").
    """

    sign: int
    en: str
    nl: str


@dataclass(frozen=True)
class TeamInput:
    """One team input.

    Attributes:
        name: its per-team array in :class:`~orgsim.state.Teams` and field in ``org.teams``.
        kind: demand, resource, climate, leadership, policy or structure.
        config_key: the organisation-wide config field it defaults from (``section.key``).
        default: the organisation-wide default (an ``int`` makes an integer config field).
        lo, hi: allowed range (config, team arrays, events and interventions).
        unit: unit of the value.
        meaning: what it is (config documentation).
        en, nl: readable name in English and Dutch.
        variation: how it differs between teams.
        per_team: may be given per team in ``org.teams`` (e.g. from a survey).
        survey: the survey item it is imported from, if any.
        fitted: not in the survey; the import fits it per team to the survey's exhaustion
            (demands) or engagement (resources).
        slider: the workshop app's live slider, if any.
        pressure: its sign and name as a pressure point in the MT report, if any.
    """

    name: str
    kind: Kind
    config_key: str
    default: float
    lo: float
    hi: float
    unit: str
    meaning: str
    en: str
    nl: str
    variation: Variation = Variation.SAME
    per_team: bool = False
    survey: SurveyItem | None = None
    fitted: bool = False
    slider: Slider | None = None
    pressure: Pressure | None = None

    @property
    def section(self) -> str:
        """The config section (``demands`` of ``demands.workload``)."""
        return self.config_key.partition(".")[0]

    @property
    def key(self) -> str:
        """The field in its config section (``support`` of ``leadership.support``)."""
        return self.config_key.partition(".")[2]


_LEVEL = "0..1"

#: Every team input, in the order teams are drawn (append new inputs at the end).
INPUTS: tuple[TeamInput, ...] = (
    TeamInput(
        "workload", Kind.DEMAND, "demands.workload", 0.63, 0, 3,
        "hours of core work per contracted hour",
        "hours of core work demanded per contracted hour of a full team",
        "Workload", "Werkdruk", Variation.LOG_NORMAL, per_team=True,
        survey=SurveyItem("workload", "work pressure (1 far too little .. 3 fits .. "
                                      "5 far too much)", 3.4),
        slider=Slider("demands", 0.3, 1.5, 0.02, scale=True),
        pressure=Pressure(+1, "high workload", "hoge werkdruk")),
    TeamInput(
        "parallel_priorities", Kind.DEMAND, "demands.parallel_priorities", 4, 1, 30, "count",
        "number of things a person works on at once",
        "Things at once", "Ballen tegelijk in de lucht",
        slider=Slider("demands", 1, 12, 1)),
    TeamInput(
        "switch_cost", Kind.STRUCTURE, "demands.switch_cost", 0.05, 0, 0.5, "share of time",
        "share of time lost per extra parallel priority (task switching)",
        "Time lost switching tasks", "Tijdverlies door schakelen"),
    TeamInput(
        "priority_churn", Kind.DEMAND, "demands.priority_churn", 0.3, 0, 1, _LEVEL,
        "how often priorities change (0 steady .. 1 weekly)",
        "Changing priorities", "Steeds wisselende prioriteiten", per_team=True, fitted=True,
        slider=Slider("demands", 0, 1, 0.05)),
    TeamInput(
        "role_ambiguity", Kind.DEMAND, "demands.role_ambiguity", 0.35, 0, 1, _LEVEL,
        "unclear roles, goals and expectations (0..1)",
        "Unclear roles", "Onduidelijke rollen", Variation.NORMAL, per_team=True,
        survey=SurveyItem("role_clarity", "clear roles, goals and expectations", 3.8, -1.0),
        slider=Slider("demands", 0, 1, 0.05),
        pressure=Pressure(+1, "unclear roles", "onduidelijke rollen")),
    TeamInput(
        "bureaucracy", Kind.DEMAND, "demands.bureaucracy", 0.2, 0, 0.9, "share of time",
        "share of time spent on meetings and admin",
        "Meetings and admin", "Vergaderen en bureaucratie",
        slider=Slider("demands", 0, 0.6, 0.05)),
    TeamInput(
        "relational_strain", Kind.DEMAND, "demands.relational_strain", 0.25, 0, 1, _LEVEL,
        "strained relations at work (0..1)",
        "Strained relations", "Moeizame verhoudingen", Variation.NORMAL, per_team=True,
        fitted=True, pressure=Pressure(+1, "strained relations", "gespannen verhoudingen")),
    TeamInput(
        "autonomy", Kind.RESOURCE, "resources.autonomy", 0.5, 0, 1, _LEVEL,
        "control over pace, tasks and planning",
        "Autonomy", "Regelruimte", Variation.NORMAL, per_team=True,
        survey=SurveyItem("autonomy", "control over pace, tasks and planning", 3.6),
        slider=Slider("resources", 0, 1, 0.05),
        pressure=Pressure(-1, "little autonomy", "weinig autonomie")),
    TeamInput(
        "feedback", Kind.RESOURCE, "resources.feedback", 0.4, 0, 1, _LEVEL,
        "knowing whether one does well",
        "Feedback", "Feedback", Variation.NORMAL, per_team=True, fitted=True),
    TeamInput(
        "recognition", Kind.RESOURCE, "resources.recognition", 0.4, 0, 1, _LEVEL,
        "appreciation and celebrating what works",
        "Recognition", "Waardering en erkenning", Variation.NORMAL, per_team=True,
        survey=SurveyItem("recognition", "appreciation for work done", 3.4),
        slider=Slider("resources", 0, 1, 0.05),
        pressure=Pressure(-1, "little recognition", "weinig waardering")),
    TeamInput(
        "coaching", Kind.RESOURCE, "resources.coaching", 0.3, 0, 1, _LEVEL,
        "guidance and coaching available",
        "Coaching", "Coaching", Variation.NORMAL, per_team=True, fitted=True),
    TeamInput(
        "development", Kind.RESOURCE, "resources.development", 0.4, 0, 1, _LEVEL,
        "room to learn and grow",
        "Development", "Ontwikkeling", Variation.NORMAL, per_team=True, fitted=True),
    TeamInput(
        "recovery_policy", Kind.POLICY, "resources.recovery_policy", 0.3, 0, 1, _LEVEL,
        "breaks, no after-hours notifications, flexible hours (0 none .. 1 strong)",
        "Room to recover", "Ruimte voor herstel",
        slider=Slider("resources", 0, 1, 0.05)),
    TeamInput(
        "psychological_safety", Kind.CLIMATE, "climate.psychological_safety", 0.5, 0, 1, _LEVEL,
        "safe to voice doubts and limits",
        "Psychological safety", "Psychologische veiligheid", Variation.NORMAL, per_team=True,
        slider=Slider("resources", 0, 1, 0.05)),
    TeamInput(
        "collaboration", Kind.CLIMATE, "climate.collaboration", 0.6, 0, 1, _LEVEL,
        "quality of collaboration within teams",
        "Collaboration", "Samenwerking", Variation.NORMAL, per_team=True,
        survey=SurveyItem("social_support", "support from colleagues", 3.9),
        pressure=Pressure(-1, "little colleague support", "weinig steun collega's")),
    TeamInput(
        "staffing_buffer", Kind.STRUCTURE, "hiring.staffing_buffer", 0.0, 0, 0.5,
        "share of positions", "spare capacity: share of positions without work",
        "Staffing buffer", "Extra bezetting"),
    TeamInput(
        "lead_support", Kind.LEADERSHIP, "leadership.support", 0.5, 0, 1, _LEVEL,
        "emotional and practical support given",
        "Leader support", "Steun van de leidinggevende", Variation.NORMAL, per_team=True,
        survey=SurveyItem("leader_support", "support from the direct leader", 3.5),
        slider=Slider("leadership", 0, 1, 0.05),
        pressure=Pressure(-1, "little leader support", "weinig steun leidinggevende")),
    TeamInput(
        "lead_clarity", Kind.LEADERSHIP, "leadership.clarity", 0.5, 0, 1, _LEVEL,
        "clarity about the frame of the work",
        "Clear frame", "Helder kader", Variation.NORMAL, per_team=True,
        slider=Slider("leadership", 0, 1, 0.05)),
    TeamInput(
        "lead_recognition", Kind.LEADERSHIP, "leadership.recognition", 0.4, 0, 1, _LEVEL,
        "recognises and celebrates what goes well",
        "Leader's recognition", "Waardering van de leidinggevende", Variation.NORMAL,
        per_team=True),
    TeamInput(
        "lead_participation", Kind.LEADERSHIP, "leadership.participation", 0.4, 0, 1, _LEVEL,
        "participative decisions instead of top-down orders",
        "Deciding together", "Samen beslissen", Variation.NORMAL),
    TeamInput(
        "lead_signal_detection", Kind.LEADERSHIP, "leadership.signal_detection", 0.3, 0, 1,
        _LEVEL, "notices early warning signs and acts on them",
        "Notices warning signs", "Pikt signalen op", Variation.NORMAL,
        slider=Slider("leadership", 0, 1, 0.05)),
    TeamInput(
        "lead_honest_conversation", Kind.LEADERSHIP, "leadership.honest_conversation", 0.4, 0,
        1, _LEVEL, "holds the honest conversation about limits",
        "Honest conversation", "Het eerlijke gesprek", Variation.NORMAL,
        slider=Slider("leadership", 0, 1, 0.05)),
)

#: The inputs by name.
BY_NAME: dict[str, TeamInput] = {inp.name: inp for inp in INPUTS}
#: The inputs with a ``pressure`` sign (the MT report's pressure points, the canary review's
#: candidates), in registry order.
PRESSURE_INPUTS: tuple[TeamInput, ...] = tuple(inp for inp in INPUTS if inp.pressure)


def get(name: str) -> TeamInput:
    """The input ``name``.

    Raises:
        KeyError: naming the known inputs.
    """
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"{name!r} is not a team input; known: {', '.join(BY_NAME)}") from None


def names() -> tuple[str, ...]:
    """Every input's name, in registry order."""
    return tuple(BY_NAME)


def bounds(name: str) -> tuple[float, float]:
    """Allowed range of input ``name`` (its team arrays are clipped to it)."""
    inp = get(name)
    return float(inp.lo), float(inp.hi)


def adverse_deviations(levels: Mapping[str, Any]) -> np.ndarray:
    """How far each team's level of each of :data:`PRESSURE_INPUTS` is adversely out of
    line with the mean of the teams (rows: those inputs, columns: teams; > 0 = worse than
    the mean): sign x (level - mean), relative to the mean for inputs that differ by a
    factor between teams (log-normal variation: workload).

    Args:
        levels: input name -> value per team (a mapping, or anything indexable by name).
    """
    rows = []
    for inp in PRESSURE_INPUTS:
        assert inp.pressure is not None
        values = np.asarray(levels[inp.name], dtype=float)
        mean = values.mean()
        relative = inp.variation is Variation.LOG_NORMAL
        dev = (values - mean) / mean if relative and mean > 0 else values - mean
        rows.append(inp.pressure.sign * dev)
    return np.stack(rows)


def in_section(section: str) -> tuple[TeamInput, ...]:
    """The inputs whose organisation-wide level is in config section ``section``."""
    return tuple(inp for inp in INPUTS if inp.section == section)


def org_value(cfg: Any, name: str) -> float:
    """The organisation-wide level of input ``name`` in config ``cfg`` (a Config)."""
    inp = get(name)
    return getattr(getattr(cfg, inp.section), inp.key)


def problems() -> list[str]:
    """What is inconsistent in the registry (empty when all is well; tested)."""
    out = []
    for what, seen in (("name", [inp.name for inp in INPUTS]),
                       ("config key", [inp.config_key for inp in INPUTS]),
                       ("survey column", [inp.survey.column for inp in INPUTS if inp.survey])):
        if len(set(seen)) != len(seen):
            out.append(f"a {what} is used twice")
    for inp in INPUTS:
        if not inp.lo <= inp.default <= inp.hi:
            out.append(f"{inp.name}: default {inp.default} outside [{inp.lo}, {inp.hi}]")
        if inp.variation is Variation.NORMAL and (inp.lo, inp.hi) != (0, 1):
            out.append(f"{inp.name}: a normal shift is for 0..1 levels")
        if inp.slider and not inp.lo <= inp.slider.lo < inp.slider.hi <= inp.hi:
            out.append(f"{inp.name}: slider range outside [{inp.lo}, {inp.hi}]")
        if inp.pressure and inp.pressure.sign not in (-1, 1):
            out.append(f"{inp.name}: pressure sign must be +1 or -1")
        if (inp.survey or inp.fitted) and not inp.per_team:
            out.append(f"{inp.name}: imported or fitted from a survey but not per team")
        if inp.survey and inp.fitted:
            out.append(f"{inp.name}: both measured and fitted")
        if inp.fitted and inp.kind not in (Kind.DEMAND, Kind.RESOURCE):
            out.append(f"{inp.name}: only demands and resources are fitted")
        if not (inp.en and inp.nl and inp.meaning and inp.unit):
            out.append(f"{inp.name}: label, meaning or unit missing")
    return out
