"""Typed configuration of an orgsim run: the single source of truth for parameters.

Every parameter is a field of a dataclass below, with its meaning, unit, allowed range
and (for mechanism constants) where its value comes from. Hydra composes YAML files in
``orgsim/configs`` on top of these dataclasses; :func:`validate` then checks every value
against its range so that a bad value fails at start with one message that names the key.

This is the bottom layer of orgsim: it imports no other orgsim module. Composing and
validating a whole run - the plan of shocks and interventions included - is
``orgsim.compose`` (:func:`~orgsim.compose.load_config`, :func:`~orgsim.compose.to_config`).
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgsim import team_inputs

#: The shipped configs (package data).
CONFIG_DIR = Path(__file__).parent / "configs"
#: Environment variable naming the user's orgsim directory (default ``~/.orgsim``).
HOME_ENV = "ORGSIM_HOME"


def user_config_dir() -> Path:
    """The user's own presets (``orgsim import-survey`` writes organisations here):
    ``$ORGSIM_HOME/configs``, by default ``~/.orgsim/configs``. Hydra searches it after the
    shipped configs (``hydra_plugins.orgsim_presets``), so a shipped name always wins."""
    home = os.environ.get(HOME_ENV) or str(Path.home() / ".orgsim")
    return Path(home).expanduser() / "configs"


class ConfigError(ValueError):
    """A configuration value is missing, of the wrong type, or out of its allowed range."""


class ReturnToWork(enum.StrEnum):
    """How a return to work is organised (docs/domain.md "Recovery and return to work").

    INDIVIDUAL: treatment targets the person; the work situation stays as it was.
    RELATIONAL: leader and team are involved; load is adjusted during and after the return.
    """

    INDIVIDUAL = "individual"
    RELATIONAL = "relational"


def _field(default: Any, lo: float | None = None, hi: float | None = None, doc: str = "") -> Any:
    """A dataclass field carrying its allowed range and meaning as metadata."""
    return field(default=default, metadata={"range": (lo, hi), "doc": doc})


def _option(doc: str) -> Any:
    """An option slot of :class:`InterventionConfig`: ``None`` = not given (its kind's
    default); the kinds that accept it declare it (``orgsim.interventions``)."""
    return field(default=None, metadata={"option": True, "doc": doc})


def _team_level(lo: float, hi: float, doc: str) -> Any:
    """An optional per-team level: ``None`` means "the organisation-wide value"."""
    return _field(None, lo, hi, doc + "; empty = organisation-wide value")


class _WithTeamInputs:
    """A config class with fields made from :mod:`orgsim.team_inputs` at import (mypy does
    not see those fields, so to it they are attributes of any type)."""

    if TYPE_CHECKING:
        def __init__(self, **values: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...
        def __setattr__(self, name: str, value: Any) -> None: ...


def _with_team_inputs[T](section: str | None, *,
                         first: bool = True) -> Callable[[type[T]], type[T]]:
    """Make a config dataclass whose fields are the team inputs (orgsim.team_inputs) of config
    section ``section`` (their organisation-wide levels), or, for ``None``, the inputs that
    may be set per team (optional levels); ``first``: before the class's own fields."""

    def make(cls: type[T]) -> type[T]:
        inputs = (team_inputs.in_section(section) if section is not None
                  else tuple(inp for inp in team_inputs.INPUTS if inp.per_team))
        added: dict[str, str] = {}
        for inp in inputs:
            kind = type(inp.default).__name__
            if section is None:
                added[inp.name] = f"{kind} | None"
                setattr(cls, inp.name, _team_level(inp.lo, inp.hi, inp.meaning))
            else:
                added[inp.key] = kind
                setattr(cls, inp.key, _field(inp.default, inp.lo, inp.hi, inp.meaning))
        own = cls.__dict__.get("__annotations__", {})
        cls.__annotations__ = {**added, **own} if first else {**own, **added}
        return dataclass(cls)

    return make


@_with_team_inputs(None, first=False)
class TeamSpec(_WithTeamInputs):
    """One team given explicitly (e.g. built from a client's survey by ``orgsim import-survey``).

    Its levels are the team inputs that may be set per team (``per_team`` in
    :mod:`orgsim.team_inputs`). Levels left ``None`` take the organisation-wide value
    (without ``team_variation``).
    """

    name: str = _field("team", doc="team name used in outputs")
    headcount: int = _field(10, 2, 100_000, "positions in the team, the leader included")


@dataclass
class OrgConfig:
    """Size and shape of the organisation."""

    name: str = _field("typical Dutch organisation", doc="label used in outputs")
    n_employees: int = _field(200, 2, 1_000_000, "positions (incl. leaders and vacancies)")
    team_size: int = _field(10, 2, 200, "positions per team, the leader included")
    management_support: float = _field(
        0.5, 0, 1, "support leaders themselves get from higher management (0..1)"
    )
    team_variation: float = _field(
        0.15, 0, 1, "spread between teams of demands, resources, climate and leader style"
    )
    teams: list[TeamSpec] = field(default_factory=list, metadata={
        "range": (None, None),
        "doc": "explicit teams (empty: teams of team_size); headcounts must sum to n_employees"})
    survey_absence_pct: float | None = _field(
        None, 0, 100, "burn-out absence (% of hours) in the client survey the teams were built "
        "from (set by orgsim import-survey; the report shows it next to the simulated absence)")


@_with_team_inputs("demands")
class DemandConfig(_WithTeamInputs):
    """Job demands set by how work is organised (JD-R; docs/domain.md "Demands").

    Fields: the organisation-wide levels of the team inputs in section ``demands``
    (:mod:`orgsim.team_inputs`).
    """


@_with_team_inputs("resources")
class ResourceConfig(_WithTeamInputs):
    """Job resources offered by the organisation (JD-R; docs/domain.md "Work resources").

    Fields: the organisation-wide levels of the team inputs in section ``resources``
    (:mod:`orgsim.team_inputs`).
    """


@_with_team_inputs("leadership")
class LeadershipConfig(_WithTeamInputs):
    """Style of the team leaders (docs/domain.md "Leadership").

    Fields: the organisation-wide levels of the team inputs in section ``leadership``
    (:mod:`orgsim.team_inputs`).
    """


@_with_team_inputs("climate")
class ClimateConfig(_WithTeamInputs):
    """Team climate and the interaction network (docs/domain.md "Relational and team level").

    First the organisation-wide levels of the team inputs in section ``climate``
    (:mod:`orgsim.team_inputs`), then the network.
    """

    contact_probability: float = _field(
        0.5, 0, 1, "probability that two team members are in frequent contact"
    )
    cross_team_contacts: float = _field(1.0, 0, 20, "mean frequent contacts outside one's team")


@dataclass
class PeopleConfig:
    """Who the employees are: personal resources, traits and life outside work."""

    personal_resources_mean: float = _field(
        0.6, 0, 1, "mean self-efficacy, resilience, assertiveness, energy management"
    )
    personal_resources_sd: float = _field(0.15, 0, 0.5, "spread of personal resources")
    overcommitment_mean: float = _field(0.35, 0, 1, "mean overcommitment/perfectionism")
    overcommitment_sd: float = _field(0.2, 0, 0.5, "spread of overcommitment")
    susceptibility_mean: float = _field(0.5, 0, 1, "mean susceptibility to others' emotions")
    fit_mean: float = _field(0.7, 0, 1, "mean person-task fit (1 = the right task for the person)")
    fit_sd: float = _field(0.15, 0, 0.5, "spread of person-task fit")
    caregiver_share: float = _field(
        0.15, 0, 1, "share of employees who are informal caregivers (assumption, CBS order)"
    )
    caregiving_load: float = _field(0.3, 0, 1, "outside-work load of informal caregiving")
    life_events_per_year: float = _field(0.15, 0, 5, "rate of demanding life events per person")
    life_event_load: float = _field(0.35, 0, 1, "outside-work load during a life event")
    life_event_weeks: float = _field(16, 1, 260, "mean duration of a life event (weeks)")
    task_share_sd: float = _field(
        0.375, 0, 1, "spread (log-sd) of a person's share of the team's work: task allocation, "
        "clients, role (within a team; mean 1)")
    autonomy_sd: float = _field(
        0.25, 0, 0.5, "spread of a person's own autonomy around the team's (role, job crafting)")
    role_clarity_sd: float = _field(
        0.2, 0, 0.5, "spread of a person's own role ambiguity around the team's")
    leader_attention_sd: float = _field(
        0.3, 0, 1, "spread (log-sd) of the attention a person gets from the leader (mean 1)")
    job_design_loading: float = _field(
        0.65, 0, 0.95, "how strongly a person's work share, autonomy, role clarity and leader "
        "attention go together (loading on one job-quality factor; 0 = independent)")


@dataclass
class AbsencePolicyConfig:
    """Absence and return-to-work policy (Dutch Wet verbetering poortwachter practice)."""

    return_to_work: str = field(default=ReturnToWork.INDIVIDUAL.value, metadata={
        "doc": "individual or relational", "choices": tuple(e.value for e in ReturnToWork)})
    reintegration_start_hours: float = _field(0.25, 0.05, 1, "hours share at start of return")
    reintegration_weeks: int = _field(9, 1, 104, "weeks to build up from start hours to full")
    max_sick_weeks: int = _field(104, 1, 520, "after this many weeks of absence the contract ends")


@_with_team_inputs("hiring", first=False)
class HiringConfig(_WithTeamInputs):
    """Vacancies, replacement and onboarding; then the team inputs in section ``hiring``
    (:mod:`orgsim.team_inputs`)."""

    vacancy_weeks: float = _field(10, 1, 104, "mean weeks to fill a vacancy")
    onboarding_weeks: int = _field(12, 0, 104, "weeks until a new hire is fully productive")
    new_hire_productivity: float = _field(0.5, 0, 1, "productivity of a new hire in week one")


@dataclass
class CostConfig:
    """Money (calibration.md: ~EUR 250 per absence day, NRC 2017)."""

    eur_per_absence_day: float = _field(250.0, 0, 10_000, "cost of one calendar day of absence")
    replacement_cost_eur: float = _field(
        25_000.0, 0, 1_000_000, "recruitment and onboarding cost of replacing a leaver"
    )


@dataclass
class Parameters:
    """Mechanism constants. Values are calibrated (scripts/calibrate.py) unless stated.

    Each constant belongs to one mechanism module in ``orgsim.dynamics``; see docs/ODD.md.
    """

    # demands.py
    workload_shock_sd: float = _field(0.12, 0, 1, "sd of busy/quiet periods of team workload")
    workload_shock_persistence: float = _field(
        0.9, 0, 0.999, "week-to-week autocorrelation of busy/quiet periods"
    )
    overload_penalty: float = _field(1.5, 0, 10, "extra demand per unit of time pressure above 1")
    overload_softness: float = _field(
        0.05, 0, 1, "width of the smooth bend at full load (units of time pressure)")
    max_overtime: float = _field(
        0.3, 0, 2, "stretch beyond full load a person takes on; the rest is left undone")
    hindrance_weight: float = _field(0.66, 0, 5, "weight of hindrance demands (ambiguity, churn)")
    outside_weight: float = _field(0.5, 0, 5, "weight of outside-work load")
    misfit_weight: float = _field(0.5, 0, 5, "extra demand per unit of person-task misfit")
    appraisal_loss: float = _field(0.5, 0, 5, "loss spiral: exhaustion raises perceived demands")
    assertiveness_effect: float = _field(0.3, 0, 1, "extra load taken on by people who say yes")
    # energy.py
    drain_rate: float = _field(0.0237, 0, 1, "weekly energy drain per unit of net demand")
    resource_buffer: float = _field(0.5, 0, 1, "how much job resources buffer the drain")
    autonomy_buffer: float = _field(
        0.35, 0, 1, "how much a person's own autonomy buffers the drain (JD-R buffering)")
    support_buffer: float = _field(
        0.22, 0, 1, "how much the support a person gets from colleagues around them buffers "
        "the drain")
    personal_buffer: float = _field(0.4, 0, 1, "how much personal resources buffer the drain")
    recovery_rate: float = _field(0.12, 0, 1, "weekly recovery towards full energy at detachment 1")
    overcommit_effort: float = _field(0.6, 0, 5, "extra effort of engaged perfectionists")
    overcommit_detach: float = _field(0.4, 0, 1, "lost detachment from overcommitment")
    energy_noise: float = _field(0.03, 0, 0.5, "sd of weekly ups and downs of energy")
    # engagement.py
    engagement_rate: float = _field(0.1, 0, 1, "weekly adjustment of engagement to its target")
    engagement_base: float = _field(-1.2, -10, 10, "intercept of engagement target (logit)")
    engagement_resources: float = _field(3.0, 0, 20, "effect of job resources (logit)")
    engagement_personal: float = _field(1.5, 0, 20, "effect of personal resources (logit)")
    engagement_boost: float = _field(0.5, 0, 5, "resources matter more when demands are high")
    engagement_exhaustion: float = _field(2.0, 0, 20, "exhaustion lowers engagement (logit)")
    engagement_hindrance: float = _field(1.0, 0, 20, "hindrance demands lower engagement (logit)")
    # spirals.py
    gain_rate: float = _field(0.01, 0, 1, "weekly gain of personal resources when engaged")
    loss_rate: float = _field(0.00881, 0, 1, "weekly loss of personal resources when exhausted")
    trait_pull: float = _field(0.01, 0, 1, "weekly pull of personal resources to their trait level")
    # contagion.py
    crossover_rate: float = _field(0.05, 0, 1, "weekly crossover towards contacts' state")
    support_contacts: float = _field(
        3.0, 0.1, 50, "present contacts at which colleague support is half its maximum")
    # burnout.py
    complaints_threshold: float = _field(
        0.413, 0, 1, "exhaustion at which a survey counts 'burn-out complaints'"
    )
    clinical_threshold: float = _field(0.52, 0, 1, "BAT total above which burn-out risk is acute")
    # absence.py
    onset_weeks: int = _field(4, 1, 52, "weeks above the clinical threshold before sick leave")
    onset_hazard: float = _field(0.45, 0, 1, "weekly probability of sick leave when persistent")
    sick_recovery_rate: float = _field(0.044, 0, 1, "weekly energy recovery on sick leave")
    recovery_spread: float = _field(0.9, 0, 3, "log-sd of recovery pace between episodes")
    treatment_rate: float = _field(
        0.0344, 0, 1, "weekly rebuilding of personal resources during sick leave (treatment)"
    )
    treatment_lasting: float = _field(
        0.5, 0, 1, "share of the treatment gain that becomes lasting (raises the trait level)"
    )
    relational_recovery_gain: float = _field(0.3, 0, 5, "faster recovery with relational return")
    return_energy: float = _field(0.79, 0, 1, "energy at which a return to work starts")
    min_sick_weeks: int = _field(8, 0, 104, "minimum weeks of sick leave before return")
    relapse_window_weeks: int = _field(156, 1, 520, "weeks after return counted for relapse")
    return_relief: float = _field(0.476, 0, 1, "load reduction during any graded return")
    relational_relief: float = _field(0.4, 0, 1, "load reduction after a relational return")
    relational_relief_weeks: int = _field(26, 0, 260, "weeks the relational load reduction lasts")
    # leadership.py
    warning_exhaustion: float = _field(0.5, 0, 1, "exhaustion a leader can notice as a warning")
    relief_share: float = _field(0.25, 0, 1, "load reduction after a leader acts on a signal")
    relief_weeks: int = _field(8, 0, 104, "weeks the leader's load reduction lasts")
    absent_leader_factor: float = _field(0.4, 0, 1, "leadership still felt when the leader is away")
    leader_absence_load: float = _field(1.0, 0, 5, "extra leader load per unit of team absence")
    # turnover.py
    quit_rate_per_year: float = _field(0.07, 0, 1, "voluntary turnover at average engagement")
    quit_engagement: float = _field(4.0, 0, 20, "low engagement raises quitting (log-hazard)")
    # training.py
    training_half_life_weeks: float = _field(
        13.0, 1, 520, "weeks until half of what a person-directed course taught has faded")


@dataclass
class InterventionConfig:
    """One intervention of a scenario; defaults per kind in configs/intervention/<kind>.yaml.

    Effects, their sizes and cost assumptions: the kind's class in ``orgsim.interventions``
    and docs/experiments.md. The last fields are option slots: each kind's class declares
    which it accepts, with their default and allowed values; left empty (``None``) an
    option takes the kind's default, and given to a kind that does not accept it, it fails.
    Checked against the run by ``orgsim.interventions.check_interventions``.
    """

    kind: str = _field("", doc="which intervention (empty: the key under `interventions`)")
    start_week: int = _field(0, 0, 5200, "week it starts (0 = first simulated week)")
    duration_weeks: int = _field(260, 1, 5200, "weeks it is in force")
    fade_weeks: int = _field(0, 0, 520, "weeks its effect fades out after it ends")
    target: str = _field("all", doc="all | teams | role")
    teams: list[int] = field(default_factory=list, metadata={"doc": "team indices (target=teams)"})
    role: str = _field("employee", doc="employee | leader | everyone (target=role)")
    strength: float = _field(1.0, 0, 3, "scales every documented effect size")
    changes: dict[str, float] = field(
        default_factory=dict,
        metadata={"doc": "override effect sizes (see the kind in orgsim.interventions)"})
    cost_fixed_eur: float = _field(0.0, 0, 1e9, "one-off cost at the start (EUR)")
    cost_per_person_eur: float = _field(0.0, 0, 1e6, "one-off cost per targeted person (EUR)")
    cost_per_person_week_eur: float = _field(
        0.0, 0, 1e5, "running cost per targeted position per week in force (EUR)")
    # option slots (which kind accepts which: orgsim.interventions)
    use: str | None = _option("free_capacity: where the freed time goes")
    every_weeks: int | None = _option("survey_cycle: weeks between survey waves")
    top_teams: int | None = _option("survey_cycle: teams at highest risk that get help")
    package: list[str] | None = _option("survey_cycle: interventions given to those teams")
    delay_weeks: int | None = _option("canary_review: weeks from a new burn-out case to the "
                                      "review of the team's work")
    step: float | None = _option("canary_review: improvement of each pressure point reviewed")
    points: int | None = _option("canary_review: pressure points improved per review")
    review_weeks: int | None = _option("canary_review: weeks each improvement holds")


@dataclass
class ShockConfig:
    """An event scheduled in advance (an org preset's reorganisation, crunch, ...)."""

    event: str = _field("", doc="event name, see orgsim.events.EVENTS")
    week: int = _field(0, 0, 5200, "week it happens (0 = first simulated week)")
    team: int | None = _field(None, doc="team index; empty = whole organisation")
    strength: float = _field(1.0, 0, 3, "scales the event's documented size")


@dataclass
class Config:
    """A complete orgsim run configuration."""

    org: OrgConfig = field(default_factory=OrgConfig)
    demands: DemandConfig = field(default_factory=DemandConfig)
    resources: ResourceConfig = field(default_factory=ResourceConfig)
    leadership: LeadershipConfig = field(default_factory=LeadershipConfig)
    climate: ClimateConfig = field(default_factory=ClimateConfig)
    people: PeopleConfig = field(default_factory=PeopleConfig)
    absence: AbsencePolicyConfig = field(default_factory=AbsencePolicyConfig)
    hiring: HiringConfig = field(default_factory=HiringConfig)
    costs: CostConfig = field(default_factory=CostConfig)
    params: Parameters = field(default_factory=Parameters)
    scenario: str = _field("baseline", doc="name of the scenario (configs/scenario/<name>.yaml)")
    seed: int = _field(0, 0, 2**32 - 1, "random seed")
    org_seed: int | None = _field(
        None, 0, 2**32 - 1, "seed that draws the organisation (people, team levels, network) "
        "apart from the futures (seed), so that every replication simulates the same "
        "organisation (orgsim compare sets 0 unless given); empty: drawn from the run's seed, "
        "another organisation in every replication")
    weeks: int = _field(260, 1, 5200, "weeks simulated by the command-line run")
    warmup_weeks: int = _field(
        260, 0, 1040, "weeks simulated before week 0 to reach steady state")
    engine: str = field(default="fused", metadata={
        "doc": "how the week is computed: fused (the person-level mechanisms in one compiled "
               "kernel, orgsim.week.kernel) or numpy (component by component); the same "
               "equations, equal to rounding", "choices": ("fused", "numpy")})
    precision: str = field(default="float64", metadata={
        "doc": "how the people's float state is stored: float64, or float32 (half the "
               "memory; the mechanisms compute in float64 and round what they store; results "
               "agree statistically, not bit for bit)", "choices": ("float64", "float32")})
    interventions: dict[str, InterventionConfig] = field(
        default_factory=dict, metadata={"doc": "interventions by name (orgsim.interventions)"})
    shocks: list[ShockConfig] = field(
        default_factory=list, metadata={"doc": "scheduled events (orgsim.events)"})


def _register() -> None:
    from hydra.core.config_store import ConfigStore

    ConfigStore.instance().store(name="orgsim_schema", node=Config)


def validate(cfg: Config) -> Config:
    """Check what the schema alone can check: every numeric field against its allowed range,
    every choice, the scenario name and explicit teams.

    The plan (scheduled shocks, interventions) needs the events and interventions and is
    checked one layer up, by :func:`orgsim.compose.validate` (which calls this first; so
    do :func:`orgsim.compose.to_config`, :func:`orgsim.compose.load_config` and
    ``OrgModel``).

    Raises:
        ConfigError: naming the first offending key, its value and the allowed range.
    """

    def walk(obj: Any, prefix: str) -> None:
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            key = f"{prefix}{f.name}"
            if dataclasses.is_dataclass(value):
                walk(value, key + ".")
                continue
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if dataclasses.is_dataclass(item):
                        walk(item, f"{key}[{i}].")
                continue
            choices = f.metadata.get("choices")
            if choices is not None and value not in choices:
                raise ConfigError(f"{key} = {value!r} is not allowed; choose one of: "
                                  f"{', '.join(choices)}")
            lo, hi = f.metadata.get("range", (None, None))
            if (lo is None and hi is None) or value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"{key} = {value!r} must be a number in [{lo}, {hi}]")
            if value != value or not (lo <= value <= hi):  # NaN or out of range
                raise ConfigError(f"{key} = {value!r} is out of range; allowed [{lo}, {hi}]")

    walk(cfg, "")
    if cfg.scenario not in available("scenario"):
        raise ConfigError(f"scenario = {cfg.scenario!r} is unknown; choose one of: "
                          f"{', '.join(available('scenario'))}")
    _check_teams(cfg.org)
    return cfg


def _field_at(key: str) -> dataclasses.Field[Any] | None:
    """The dataclass field a dotted key names (``None`` if there is none)."""
    obj: Any = Config
    found = None
    for part in key.split("."):
        if not (isinstance(obj, type) and dataclasses.is_dataclass(obj)):
            return None
        fields = {f.name: f for f in dataclasses.fields(obj)}
        if part not in fields:
            return None
        found = fields[part]
        default = (found.default_factory() if found.default_factory is not dataclasses.MISSING
                   else found.default)
        obj = type(default) if dataclasses.is_dataclass(default) else None
    return found


def check_value(key: str, value: Any) -> Any:
    """Check the type and range of one override before it is merged; return it in its
    field's type.

    Raises:
        ConfigError: naming the key, the value and the allowed range or choices.
    """
    f = _field_at(key)
    if f is None:
        return value
    lo, hi = f.metadata.get("range", (None, None))
    choices = f.metadata.get("choices")
    if choices is not None:
        text = str(value).lower()
        if text not in choices:
            raise ConfigError(f"{key} = {value!r} is not allowed; choose one of: "
                              f"{', '.join(choices)}")
        return text
    if (lo is None and hi is None) or value is None:
        return value
    # the annotation decides (``vacancy_weeks: float = 10`` takes 2.5)
    is_int = (isinstance(f.default, int) and not isinstance(f.default, bool)
              and str(f.type).split("|")[0].strip() == "int")
    kind = "a whole number" if is_int else "a number"
    try:
        if isinstance(value, bool):
            raise ValueError
        number: float = float(value)
        if not math.isfinite(number):  # nan, inf: no place in any range
            raise ValueError
        if is_int:
            if number != int(number):
                raise ValueError
            number = int(number)
    except (TypeError, ValueError):
        raise ConfigError(f"{key} = {value!r} must be {kind} — give one in [{lo}, {hi}]"
                          ) from None
    if is_int and isinstance(value, str) and not _INT.fullmatch(value.strip()):
        # Hydra reads 1e3 as a float, which an integer field refuses
        raise ConfigError(f"{key} = {value} must be written as a whole number — write "
                          f"{key}={number}")
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        shown = value if isinstance(value, str) else repr(number)  # as the user typed it
        raise ConfigError(f"{key} = {shown} is out of range; allowed [{lo}, {hi}]")
    return number


_INT = re.compile(r"[+-]?[0-9]+")
#: sweep functions of Hydra's override grammar (a value ``choice(...)`` is a sweep)
_SWEEP_FUNCTIONS = ("choice(", "range(", "glob(", "interval(", "tag(")


def schema_keys() -> list[str]:
    """The dotted keys of every field of the schema (``demands.workload``, ``weeks``, ...),
    sections included (``demands``)."""
    keys: list[str] = []

    def walk(cls: type, prefix: str) -> None:
        for f in dataclasses.fields(cls):
            key = prefix + f.name
            keys.append(key)
            default = (f.default_factory() if f.default_factory is not dataclasses.MISSING
                       else f.default)
            if dataclasses.is_dataclass(default):
                walk(type(default), key + ".")

    walk(Config, "")
    return keys


def _free_form(key: str) -> bool:
    """True for keys inside a list or dict of the schema (``interventions.x.start_week``,
    ``shocks``, ``org.teams``): their entries are checked when the config is composed."""
    parts = key.split(".")
    for i in range(1, len(parts)):
        f = _field_at(".".join(parts[:i]))
        if f is not None and str(f.type).startswith(("list", "dict")):
            return True
    return False


def check_key(key: str) -> None:
    """Fail on a key that is not in the schema, suggesting the nearest real keys.

    Raises:
        ConfigError: ``unknown key `x` — did you mean `y`?``
    """
    key = key.strip()
    if not key or _field_at(key) is not None or _free_form(key):
        return
    sections = {k.rpartition(".")[0] for k in schema_keys()}
    keys = [k for k in schema_keys() if k not in sections]  # suggest leaves
    near = difflib.get_close_matches(key, keys, n=3, cutoff=0.6)
    if not near:  # a misspelt last part under a right section, or the reverse
        last = key.rpartition(".")[2]
        near = [k for k in keys if k.rpartition(".")[2] == last][:3]
    if near:
        hint = "did you mean " + " or ".join(f"`{k}`" for k in near) + "?"
    else:
        hint = "the keys are listed by `orgsim --cfg job` and in docs (orgsim.config)"
    raise ConfigError(f"unknown key `{key}` — {hint}")


def _field_nullable(f: dataclasses.Field[Any]) -> bool:
    return f.default is None or "None" in str(f.type) or "Optional" in str(f.type)


def check_override(override: str) -> str:
    """Check one command-line style override ``key=value`` before Hydra merges it.

    Unknown keys fail with the nearest real keys (:func:`check_key`); unknown
    scenario/org names fail with the list of choices; typed fields fail with their allowed
    range (:func:`check_value`), also when the value is empty or ``null`` and the field
    takes neither. Returns the override with a choice normalised (e.g.
    ``absence.return_to_work=RELATIONAL`` -> ``...=relational``).

    Raises:
        ConfigError: naming the key and the allowed range or choices.
    """
    key, sep, value = override.partition("=")
    group = key.lstrip("+~")
    if (not sep and not key.startswith("~")) or not group.strip():
        raise ConfigError(f"`{override}` is not an override — write key=value, e.g. "
                          "demands.workload=0.8")
    # a config group choice, also with a package (``+intervention@interventions.x=focus``)
    choice_group = group.split("@")[0]
    if choice_group in {"scenario", "org", "intervention"} and not key.startswith("~"):
        if value not in available(choice_group):
            raise ConfigError(f"{choice_group}={value!r} is unknown; choose one of: "
                              f"{', '.join(available(choice_group))}")
        return override
    if group.startswith("hydra.") or group.startswith("hydra/") or group == "hydra":
        return override
    check_key(group)
    if key.startswith("~"):
        return override
    f = _field_at(group)
    if f is not None and value in ("null", "") and not _free_form(group):
        lo, hi = f.metadata.get("range", (None, None))
        choices = f.metadata.get("choices")
        wanted = (f"one of: {', '.join(choices)}" if choices is not None
                  else f"a value in [{lo}, {hi}]" if lo is not None or hi is not None
                  else None)
        if value == "" and wanted is not None:
            raise ConfigError(f"{group} has no value — give {wanted}, e.g. "
                              f"{group}={f.default if f.default is not None else lo}")
        if value == "null" and not _field_nullable(f):
            raise ConfigError(f"{group} = null is not allowed — give "
                              f"{wanted or 'a value'}")
    if sep and value not in ("null", ""):
        checked = check_value(group, value)
        if isinstance(checked, str) and checked != value:
            return f"{key}={checked}"
    return override


def is_sweep(value: str) -> bool:
    """True when an override's value is a sweep (``a,b`` or ``choice(...)``, ...): a comma
    outside brackets and quotes, or a sweep function."""
    if value.strip().startswith(_SWEEP_FUNCTIONS):
        return True
    depth, quote = 0, ""
    for ch in value:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[{(":
            depth += 1
        elif ch in "]})":
            depth -= 1
        elif ch == "," and depth == 0:
            return True
    return False


def _check_teams(org: OrgConfig) -> None:
    """Explicit teams: non-blank unique names, headcounts summing to ``org.n_employees``."""
    if not org.teams:
        return
    names = [t.name.strip() for t in org.teams]
    for i, name in enumerate(names):
        if not name:
            raise ConfigError(f"org.teams[{i}].name is empty; every team needs a name")
        if name in names[:i]:
            raise ConfigError(f"org.teams[{i}].name = {name!r} is used twice")
    total = sum(t.headcount for t in org.teams)
    if total != org.n_employees:
        raise ConfigError(f"org.n_employees = {org.n_employees} must equal the sum of "
                          f"org.teams[*].headcount = {total}")


def available(group: str, *, user: bool = True) -> list[str]:
    """Names of the options of a config group, e.g. ``available("scenario")``: the shipped
    ones and (``user``) the user's own presets in :func:`user_config_dir`."""
    dirs = [CONFIG_DIR, user_config_dir()] if user else [CONFIG_DIR]
    return sorted({p.stem for d in dirs for p in (d / group).glob("*.yaml")})


#: Hydra's command-line flags that take a value (``--cfg job``, ``-cn my_config``)
_VALUE_FLAGS = frozenset({"-c", "--cfg", "-p", "--package", "-cp", "--config-path", "-cn",
                          "--config-name", "-cd", "--config-dir", "--experimental-rerun"})
_INFO_TOPICS = frozenset({"all", "config", "defaults", "defaults-tree", "plugins",
                          "searchpath"})


def is_flag_value(previous: str, arg: str) -> bool:
    """True when ``arg`` is the value of the Hydra flag ``previous`` (``--cfg job``)."""
    return previous in _VALUE_FLAGS or (previous in ("-i", "--info") and arg in _INFO_TOPICS)


def check_overrides(argv: Sequence[str]) -> list[str]:
    """Fail early, with the allowed range or choices, on a bad override (see
    :func:`check_override`); other command-line arguments pass unchanged. Each value of a
    sweep (``scenario=a,b``, ``demands.workload=0.6,0.9``) is checked; sweep functions
    (``range(...)``, ``choice(...)``), lists and quoted values are left to the sweeper (which
    checks every job's values) and the run's own validation. Returns ``argv`` with choices
    normalised (``absence.return_to_work=RELATIONAL`` -> ``relational``).

    Raises:
        ConfigError: naming the key and the allowed range or choices.
    """
    out: list[str] = []
    for i, arg in enumerate(argv):
        key, sep, value = arg.partition("=")
        if key.startswith(("-", "hydra")) or (i and is_flag_value(argv[i - 1], arg)):
            out.append(arg)
            continue
        if not sep or not value:
            out.append(check_override(arg))
            continue
        if "(" in value or value[0] in "[{'\"":
            # the values of a sweep function or list are the sweeper's; the key is known now
            if key.lstrip("+~").split("@")[0] not in {"scenario", "org", "intervention"}:
                check_key(key.lstrip("+~"))
            out.append(arg)
            continue
        parts = [check_override(f"{key}={v}").partition("=")[2] for v in value.split(",")]
        out.append(f"{key}={','.join(parts)}")
    return out


def describe(cfg: Config | None = None) -> list[dict[str, Any]]:
    """Every parameter as a row (key, value, range, meaning): for docs, app and reports."""
    cfg = cfg or Config()
    rows: list[dict[str, Any]] = []

    def walk(obj: Any, prefix: str) -> None:
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if dataclasses.is_dataclass(value):
                walk(value, f"{prefix}{f.name}.")
                continue
            lo, hi = f.metadata.get("range", (None, None))
            value = value.value if isinstance(value, enum.Enum) else value
            rows.append(
                {"key": prefix + f.name, "value": value, "min": lo, "max": hi,
                 "meaning": f.metadata.get("doc", "")}
            )

    walk(cfg, "")
    return rows
