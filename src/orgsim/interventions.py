"""Interventions: planned changes to the inputs of the mechanisms, with timing, target and cost.

Each intervention changes what a mechanism reads - team demands and resources, leader
style, a policy, people's personal resources or person-task fit - never burn-out itself;
the effect on burn-out, absence and engagement emerges from the JD-R dynamics. An
intervention is configured by an :class:`~orgsim.config.InterventionConfig` (defaults per
kind in ``configs/intervention/<kind>.yaml``; scenarios in ``configs/scenario`` combine them)
and put on the model's :class:`~orgsim.timeline.Timeline` when the model is built.

Effect sizes (the ``changes`` of each :class:`Spec`, scaled by ``strength``) are stated
assumptions of plausible order, informed by the intervention literature summarised in
domain.md (e.g. job-crafting and leadership interventions have small-to-moderate effects
on resources; individual-only trainings fade). Costs use EUR 60 per hour of employee time
(Dutch loaded wage cost order of magnitude) plus external costs; see docs/experiments.md.
Timing: an intervention is in force from ``start_week`` for ``duration_weeks`` (ramping
up over the spec's ``ramp`` weeks), then its effect fades out over ``fade_weeks``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
from omegaconf import OmegaConf

from orgsim.config import CONFIG_DIR, Config, ConfigError, InterventionConfig, ReturnToWork
from orgsim.state import PERSONAL_RESOURCES, Role, Status
from orgsim.timeline import Effect, Timeline, holder_key

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel

#: Hourly cost of employee time (EUR; Dutch loaded wage cost, order of magnitude).
EUR_PER_HOUR = 60.0
#: Contract hours per week of one FTE.
HOURS_PER_WEEK = 36.0

TARGETS = ("all", "teams", "role")
ROLES = ("employee", "leader", "everyone")
USES = ("more_work", "development", "autonomy", "recovery")

#: Teams arrays an intervention may change (see orgsim.state.Teams).
TEAM_ARRAYS = (
    "parallel_priorities", "priority_churn", "role_ambiguity", "bureaucracy",
    "relational_strain", "autonomy", "feedback", "recognition", "coaching", "development",
    "recovery_policy", "psychological_safety", "collaboration", "staffing_buffer",
    "lead_support", "lead_clarity", "lead_recognition", "lead_participation",
    "lead_signal_detection", "lead_honest_conversation",
)


@dataclass(frozen=True)
class Spec:
    """What one kind of intervention changes.

    Attributes:
        name: the kind (file name in configs/intervention).
        level: ``team`` (team arrays), ``person`` (people's own state), ``policy``
            (an organisation-wide rule) or ``cycle`` (survey cycle).
        summary: one line for docs and the app.
        changes: default effect sizes at strength 1 (name -> additive change).
        ramp: weeks until the full effect (training programmes, culture change).
        basis: who counts for per-person costs: ``people`` (filled positions in the
            target) or ``leaders`` (their leaders).
    """

    name: str
    level: str
    summary: str
    changes: dict[str, float] = field(default_factory=dict)
    ramp: int = 0
    basis: str = "people"


SPECS: dict[str, Spec] = {s.name: s for s in (
    Spec("focus", "team", "fewer parallel priorities, less churn (portfolio choices)",
         {"parallel_priorities": -1.5, "priority_churn": -0.12}, ramp=4),
    Spec("clearer_roles", "team", "less role ambiguity, clearer goals and frame",
         {"role_ambiguity": -0.15, "lead_clarity": 0.15}, ramp=8),
    Spec("free_capacity", "team", "less bureaucracy and meetings; freed time used as `use` says",
         {"bureaucracy": -0.08, "development": 0.15, "autonomy": 0.10,
          "recovery_policy": 0.15}, ramp=4),
    Spec("recognition", "team", "feedback and celebrating what goes well",
         {"recognition": 0.15, "feedback": 0.10, "lead_recognition": 0.10}, ramp=4),
    Spec("leadership_training", "team", "leaders: support, signal detection, honest talk",
         {"lead_support": 0.12, "lead_signal_detection": 0.25,
          "lead_honest_conversation": 0.20, "lead_clarity": 0.05}, ramp=12, basis="leaders"),
    Spec("psychological_safety", "team", "safe to voice doubts and limits; better collaboration",
         {"psychological_safety": 0.15, "collaboration": 0.05}, ramp=12),
    Spec("recovery_policy", "team", "breaks, no after-hours notifications, flexible hours",
         {"recovery_policy": 0.30}, ramp=2),
    Spec("resilience_training", "person", "individual course: personal resources (fades)",
         {"personal_resources": 0.15}),
    Spec("job_crafting", "person", "bottom-up: people shape tasks to their strengths",
         {"fit": 0.08, "autonomy": 0.05, "development": 0.05}, ramp=8),
    Spec("relational_return_to_work", "policy", "leader and team involved in the return to work",
         {}),
    Spec("staffing_buffer", "team", "spare capacity: extra positions without core work",
         {"staffing_buffer": 0.05}),
    Spec("survey_cycle", "cycle", "periodic survey targets the highest-risk teams",
         {}),
)}

#: Share of the freed time that is refilled with core work, per ``use`` of free_capacity.
#: more_work: all of it (the gain vanishes); development: half (learning takes time);
#: autonomy, recovery: none (slack stays as room to plan and to recover).
REFILL = {"more_work": 1.0, "development": 0.5, "autonomy": 0.0, "recovery": 0.0}
#: The resource the freed time goes to, per ``use``.
USE_CHANGE = {"development": "development", "autonomy": "autonomy",
              "recovery": "recovery_policy"}


# --------------------------------------------------------------------------- defaults
@cache
def _default_node(kind: str) -> Any:
    path = CONFIG_DIR / "intervention" / f"{kind}.yaml"
    if not path.exists():
        return OmegaConf.create({"kind": kind})
    return OmegaConf.load(path)


def default_intervention(kind: str, **overrides: Any) -> InterventionConfig:
    """The configuration of ``kind`` from ``configs/intervention/<kind>.yaml``.

    Raises:
        ConfigError: for an unknown kind.
    """
    if kind not in SPECS:
        raise ConfigError(f"intervention {kind!r} is unknown; choose one of: "
                          f"{', '.join(SPECS)}")
    node = OmegaConf.merge(OmegaConf.structured(InterventionConfig), _default_node(kind),
                           overrides)
    obj = OmegaConf.to_object(node)
    assert isinstance(obj, InterventionConfig)
    if not obj.kind:
        obj.kind = kind
    return obj


def kind_of(name: str, ic: InterventionConfig) -> str:
    """The kind of the intervention configured under ``name``."""
    return ic.kind or name


# --------------------------------------------------------------------------- validation
def n_teams_of(cfg: Config) -> int:
    """Number of teams the configured organisation will have (see organisation.py)."""
    teams = getattr(cfg.org, "teams", None)
    if teams:
        return len(teams)
    return max(1, round(cfg.org.n_employees / cfg.org.team_size))


def _check_one(key: str, kind: str, ic: InterventionConfig, cfg: Config, n_teams: int,
               in_package: bool = False) -> None:
    where = f"interventions.{key}"
    if kind not in SPECS:
        raise ConfigError(f"{where}: intervention {kind!r} is unknown; choose one of: "
                          f"{', '.join(SPECS)}")
    spec = SPECS[kind]
    for fname in ("start_week", "duration_weeks", "fade_weeks", "strength", "cost_fixed_eur",
                  "cost_per_person_eur", "cost_per_person_week_eur", "every_weeks",
                  "top_teams"):
        lo, hi = InterventionConfig.__dataclass_fields__[fname].metadata["range"]
        value = getattr(ic, fname)
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value \
                or not lo <= value <= hi:
            raise ConfigError(f"{where}.{fname} = {value!r} is out of range; "
                              f"allowed [{lo}, {hi}]")
    if not in_package and ic.start_week >= cfg.weeks:
        raise ConfigError(f"{where}.start_week = {ic.start_week} is past the horizon; "
                          f"allowed [0, {cfg.weeks - 1}] (weeks = {cfg.weeks})")
    if ic.target not in TARGETS:
        raise ConfigError(f"{where}.target = {ic.target!r} is unknown; choose one of: "
                          f"{', '.join(TARGETS)}")
    if ic.target == "teams":
        if not ic.teams:
            raise ConfigError(f"{where}.teams is empty; target=teams needs team indices")
        bad = [t for t in ic.teams if not 0 <= int(t) < n_teams]
        if bad:
            raise ConfigError(f"{where}.teams = {bad} out of range; allowed [0, {n_teams - 1}]")
    if ic.target == "role":
        if spec.level != "person":
            person = [s.name for s in SPECS.values() if s.level == "person"]
            raise ConfigError(f"{where}.target = 'role' only applies to person-level "
                              f"interventions ({', '.join(person)}); use all or teams")
        if ic.role not in ROLES:
            raise ConfigError(f"{where}.role = {ic.role!r} is unknown; choose one of: "
                              f"{', '.join(ROLES)}")
    if kind == "free_capacity":
        if ic.use not in USES:
            raise ConfigError(f"{where}.use = {ic.use!r}: free_capacity needs use = one of: "
                              f"{', '.join(USES)}")
    elif ic.use:
        raise ConfigError(f"{where}.use = {ic.use!r} only applies to free_capacity")
    if spec.level == "policy" and ic.target != "all":
        raise ConfigError(f"{where}.target = {ic.target!r}: {kind} is an organisation-wide "
                          f"policy; target must be 'all'")
    allowed = set(spec.changes)
    unknown = sorted(set(ic.changes) - allowed)
    if unknown:
        raise ConfigError(f"{where}.changes: {unknown} not changed by {kind}; allowed: "
                          f"{', '.join(sorted(allowed)) or '(none)'}")
    if kind == "survey_cycle":
        if in_package:
            raise ConfigError(f"{where}: a survey_cycle cannot be part of a survey package")
        if not ic.package:
            raise ConfigError(f"{where}.package is empty; name the interventions the "
                              f"targeted teams get (e.g. [clearer_roles, leadership_training])")
        for item in ic.package:
            if item not in SPECS:
                raise ConfigError(f"{where}.package: intervention {item!r} is unknown; "
                                  f"choose from: {', '.join(SPECS)}")
            if SPECS[item].level == "policy":
                raise ConfigError(f"{where}.package: {item} is organisation-wide and "
                                  f"cannot target teams")
            _check_one(f"{key}.package.{item}", item, default_intervention(item), cfg,
                       n_teams, in_package=True)


def _window(ic: InterventionConfig) -> tuple[int, int]:
    return ic.start_week, ic.start_week + ic.duration_weeks + ic.fade_weeks


def _overlap(a: InterventionConfig, b: InterventionConfig) -> bool:
    (s1, e1), (s2, e2) = _window(a), _window(b)
    if s1 >= e2 or s2 >= e1:
        return False
    if a.target == "teams" and b.target == "teams":
        return bool(set(a.teams) & set(b.teams))
    return True


def check_plan(cfg: Config) -> None:
    """Check scheduled shocks and interventions before any run.

    Shocks scheduled after the horizon are allowed (an org preset's calendar; they happen
    only if the model is run that long); an intervention starting after it is an error.

    Unknown events or interventions, a start past the horizon, a bad target, ``use`` on
    anything but free_capacity, and overlapping conflicting settings (two free_capacity
    with a different ``use`` for the same teams at the same time; relational return to
    work when the policy already is relational) fail here.

    Raises:
        ConfigError: naming the offending entry and what is allowed.
    """
    from orgsim.events import check_event

    n_teams = n_teams_of(cfg)
    for i, shock in enumerate(cfg.shocks):
        try:
            check_event(shock.event, shock.strength, shock.team, n_teams)
        except ConfigError as exc:
            raise ConfigError(f"shocks[{i}]: {exc}") from None
    items = list(cfg.interventions.items())
    for key, ic in items:
        _check_one(key, kind_of(key, ic), ic, cfg, n_teams)
    for i, (k1, a) in enumerate(items):
        for k2, b in items[i + 1:]:
            if (kind_of(k1, a) == kind_of(k2, b) == "free_capacity" and a.use != b.use
                    and _overlap(a, b)):
                raise ConfigError(
                    f"interventions.{k1} and interventions.{k2} conflict: free capacity used "
                    f"for {a.use!r} and {b.use!r} in the same teams at the same time")
        if (kind_of(k1, a) == "relational_return_to_work"
                and cfg.absence.return_to_work == ReturnToWork.RELATIONAL):
            raise ConfigError(f"interventions.{k1} conflicts with absence.return_to_work = "
                              f"relational: the policy is relational already")


# --------------------------------------------------------------------------- applying
def _target_teams(model: OrgModel, ic: InterventionConfig) -> np.ndarray:
    if ic.target == "teams":
        return np.unique(np.asarray(ic.teams, dtype=np.int64))
    return np.arange(model.teams.size)


def _target_rows(model: OrgModel, ic: InterventionConfig, teams: np.ndarray) -> np.ndarray:
    """Filled positions in the target (by role for target=role)."""
    ws = model.workforce
    mask = (ws.status != Status.VACANT) & np.isin(ws.team, teams)
    if ic.target == "role" and ic.role != "everyone":
        role = Role.LEADER if ic.role == "leader" else Role.EMPLOYEE
        mask &= ws.role == role
    return np.flatnonzero(mask)


def _sizes(spec: Spec, ic: InterventionConfig) -> dict[str, float]:
    return {k: ic.strength * float(ic.changes.get(k, v)) for k, v in spec.changes.items()}


def _book_costs(model: OrgModel, label: str, spec: Spec, ic: InterventionConfig,
                teams: np.ndarray, rows: np.ndarray) -> float:
    """Book one-off and running costs; returns the total booked."""
    tl = model.timeline
    basis = len(teams) if spec.basis == "leaders" else len(rows)
    positions = int(model.teams.positions[teams].sum() + len(teams))
    once = ic.cost_fixed_eur + ic.cost_per_person_eur * basis
    tl.record_cost(model.week, label, once)
    weekly = ic.cost_per_person_week_eur * (
        len(teams) if spec.basis == "leaders" else positions)
    for w in range(ic.duration_weeks):
        tl.record_cost(model.week + w, label, weekly)
    return once + weekly * ic.duration_weeks


def _team_effects(model: OrgModel, label: str, sizes: dict[str, float], teams: np.ndarray,
                  ic: InterventionConfig, spec: Spec) -> None:
    ramp = min(spec.ramp, ic.duration_weeks - 1)
    for attr, delta in sizes.items():
        if delta == 0:
            continue
        model.timeline.add(Effect(label, "team", attr, teams, np.array(delta), model.week,
                                  hold=ic.duration_weeks - ramp, fade=ic.fade_weeks,
                                  ramp=ramp), model)


def _apply(model: OrgModel, label: str, kind: str, ic: InterventionConfig) -> str:
    """Start intervention ``kind`` now on its target; returns a description."""
    spec = SPECS[kind]
    teams = _target_teams(model, ic)
    rows = _target_rows(model, ic, teams)
    sizes = _sizes(spec, ic)
    tm = model.teams
    if kind == "free_capacity":
        freed = -sizes["bureaucracy"]
        before = tm.bureaucracy[teams].copy()
        use_sizes = {"bureaucracy": -freed}
        if ic.use in USE_CHANGE:
            res = USE_CHANGE[ic.use]
            use_sizes[res] = sizes[res]
        _team_effects(model, label, use_sizes, teams, ic, spec)
        refill = REFILL[ic.use]
        if refill > 0:
            # the freed share of time refilled with core work: workload x (1 - b') / (1 - b)
            b_old = before
            b_new = np.maximum(b_old - freed, 0.0)
            extra = tm.workload[teams] * refill * ((1 - b_new) / (1 - b_old) - 1.0)
            ramp = min(spec.ramp, ic.duration_weeks - 1)
            model.timeline.add(Effect(label, "team", "workload", teams, extra, model.week,
                                      hold=ic.duration_weeks - ramp, ramp=ramp,
                                      fade=ic.fade_weeks), model)
    elif spec.level == "team":
        _team_effects(model, label, sizes, teams, ic, spec)
    elif kind == "resilience_training":
        _resilience_course(model, label, ic, rows, sizes["personal_resources"])
    elif kind == "job_crafting":
        team_sizes = {k: v for k, v in sizes.items() if k != "fit"}
        _team_effects(model, label, team_sizes, teams, ic, spec)
        ramp = min(spec.ramp, ic.duration_weeks - 1)
        model.timeline.add(Effect(label, "person", "fit", rows, np.array(sizes["fit"]),
                                  model.week, hold=ic.duration_weeks - ramp, ramp=ramp,
                                  fade=ic.fade_weeks), model)
    elif kind == "relational_return_to_work":
        absence = model.config.absence
        previous = absence.return_to_work
        absence.return_to_work = ReturnToWork.RELATIONAL

        def restore(m: OrgModel) -> str:
            m.config.absence.return_to_work = previous
            return "return to work policy restored"

        model.timeline.at(model.week + ic.duration_weeks, f"{label}:end", restore)
    cost = _book_costs(model, label, spec, ic, teams, rows)
    where = "all teams" if ic.target == "all" else (
        f"teams {', '.join(map(str, teams))}" if ic.target == "teams" else f"{ic.role}s")
    return (f"{kind} started for {where} ({len(rows)} people) for {ic.duration_weeks} weeks; "
            f"cost EUR {cost:,.0f}")


#: Weeks over which a resilience course is given (sessions; the boost builds up).
COURSE_WEEKS = 8


def _resilience_course(model: OrgModel, label: str, ic: InterventionConfig, rows: np.ndarray,
                       boost: float) -> None:
    """Individual training: each session raises the four personal resources a little.

    The total raise (towards the maximum, ``boost`` x (1 - level)) is spread over the
    course weeks; afterwards it fades through the model's own pull of personal resources
    back to each person's trait level (spirals.py) - nothing in the work changes.
    People who left before a session miss it.
    """
    weeks = min(COURSE_WEEKS, ic.duration_weeks)
    per_week = boost / weeks
    holders = holder_key(model, rows)

    def session(m: OrgModel) -> str:
        ws = m.workforce
        here = rows[holder_key(m, rows) == holders]
        here = here[ws.status[here] != Status.SICK_LEAVE]
        for name in PERSONAL_RESOURCES:
            arr = getattr(ws, name)
            arr[here] = np.clip(arr[here] + per_week * (1.0 - arr[here]), 0.0, 1.0)
        return f"{label}: session for {len(here)} people"

    for w in range(weeks):
        model.timeline.at(model.week + w, f"{label}:session", session)


#: Weeks the effect of a survey-targeted package fades after its two survey periods.
PACKAGE_FADE_WEEKS = 26


def _survey_cycle(model: OrgModel, label: str, ic: InterventionConfig) -> str:
    """Explore - envision - realise: a survey wave, then help for the highest-risk teams.

    Each wave (every ``every_weeks`` while in force) measures each team's risk as the mean
    BAT total of its members at work plus its share of members on burn-out leave (what
    an employee survey plus absence records show), picks the ``top_teams`` teams with the
    highest risk that are not already being helped, and starts the ``package``
    interventions there for two survey periods (fading over ``PACKAGE_FADE_WEEKS``),
    with the costs of their own defaults - their fixed (set-up) cost only the first time
    the cycle uses them (the programme is designed once; later waves pay per person).
    Survey cost: ``cost_fixed_eur`` + ``cost_per_person_eur`` per employee per wave.
    """
    helped_until = np.full(model.teams.size, -1)
    package = [default_intervention(k) for k in ic.package]
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
        chosen = [int(t) for t in order[:ic.top_teams] if np.isfinite(risk[t])]
        m.timeline.record_cost(m.week, label, ic.cost_fixed_eur
                               + ic.cost_per_person_eur * int(employed.sum()))
        if not chosen:
            return f"{label}: survey wave; all teams already helped"
        for item in package:
            sub = dataclasses.replace(item, target="teams", teams=chosen, start_week=m.week,
                                      duration_weeks=2 * ic.every_weeks,
                                      fade_weeks=PACKAGE_FADE_WEEKS,
                                      cost_fixed_eur=0.0 if item.kind in set_up
                                      else item.cost_fixed_eur)
            set_up.add(item.kind)
            _apply(m, f"{label}:{item.kind}", item.kind, sub)
        helped_until[chosen] = m.week + 2 * ic.every_weeks
        return f"{label}: survey wave; teams {chosen} get {', '.join(ic.package)}"

    week = model.week
    while week < end:
        model.timeline.at(week, f"{label}:wave", wave)
        week += ic.every_weeks
    return f"{label}: survey cycle every {ic.every_weeks} weeks until week {end}"


def start_intervention(model: OrgModel, name: str, ic: InterventionConfig | None = None) -> str:
    """Start intervention ``name`` on a running model now (live use, e.g. in the app).

    ``ic`` defaults to ``configs/intervention/<name>.yaml`` with ``start_week`` = now.

    Raises:
        ConfigError: for an unknown intervention or bad settings.
    """
    ic = ic or default_intervention(name)
    kind = kind_of(name, ic)
    cfg = model.config
    _check_one(name, kind, ic, cfg, model.teams.size, in_package=True)
    if kind == "survey_cycle":
        return _survey_cycle(model, name, ic)
    return _apply(model, name, kind, ic)


def schedule_interventions(cfg: Config, timeline: Timeline) -> None:
    """Put the configured interventions on ``timeline`` (each starts at its start week)."""
    for name, ic in cfg.interventions.items():
        kind = kind_of(name, ic)

        def begin(model: OrgModel, name: str = name, kind: str = kind,
                  ic: InterventionConfig = ic) -> str:
            if kind == "survey_cycle":
                return _survey_cycle(model, name, ic)
            return _apply(model, name, kind, ic)

        timeline.at(ic.start_week, f"intervention:{name}", begin)


# --------------------------------------------------------------------------- costs
def cost_by_week(model: OrgModel, weeks: int | None = None) -> np.ndarray:
    """Intervention cost (EUR) booked in each simulated week 0..weeks-1."""
    n = model.week if weeks is None else weeks
    out = np.zeros(max(n, 0))
    for week, _, eur in model.timeline.ledger:
        if 0 <= week < n:
            out[week] += eur
    return out


def cost_by_intervention(model: OrgModel, weeks: int | None = None) -> dict[str, float]:
    """Total intervention cost (EUR) per intervention label within the simulated weeks."""
    n = model.week if weeks is None else weeks
    totals: dict[str, float] = {}
    for week, label, eur in model.timeline.ledger:
        if 0 <= week < n:
            totals[label] = totals.get(label, 0.0) + eur
    return totals


def describe_interventions() -> list[dict[str, Any]]:
    """Rows (name, level, summary, changes) for docs and the app."""
    return [{"name": s.name, "level": s.level, "summary": s.summary,
             "changes": dict(s.changes), "ramp_weeks": s.ramp} for s in SPECS.values()]

