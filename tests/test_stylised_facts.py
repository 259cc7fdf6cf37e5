"""The stylised facts the model claims, each checked statistically over seeds.

Every fact is an experiment with common random numbers: the same seed is run under two (or
four) settings that differ only in the factor of interest, and a one-sided paired t-test over
``SEEDS`` seeds must reject "no effect" at ``ALPHA``. Mechanism constants are pinned in
``REGIME`` (explicit values in a moderate, non-collapsing range, not the calibrated defaults,
which may change); nothing is tuned per test. Small organisations (60 positions) keep the
whole file at about half a minute.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
from scipy import stats

from orgsim import Config, OrgModel, Role, Status
from orgsim.compose import validate
from orgsim.logs import quiet_mesa

ALPHA = 0.01
SEEDS = range(8)
#: The shared experimental regime: small organisation, explicit mechanism constants.
REGIME: dict[str, float] = {
    "org.n_employees": 60,
    "org.team_size": 10,
    "warmup_weeks": 52,
    "demands.workload": 0.7,
    "climate.contact_probability": 0.5,
    "params.drain_rate": 0.015,
    "params.appraisal_loss": 0.4,
    "params.loss_rate": 0.01,
    "params.gain_rate": 0.01,
    "params.crossover_rate": 0.05,
    "params.clinical_threshold": 0.65,
    "params.onset_hazard": 0.1,
    # the absence constants that calibration fits (scripts/fit_calibration.py), pinned too
    "params.sick_recovery_rate": 0.05,
    "params.recovery_spread": 0.8,
    "params.return_energy": 0.7,
    "params.treatment_rate": 0.03,
    "params.treatment_lasting": 0.5,
    "params.return_relief": 0.3,
    "params.min_sick_weeks": 8,
    "absence.reintegration_weeks": 10,
}
#: Job resources offered by organisation and leaders (set together for "resources").
RESOURCES = ("resources.autonomy", "resources.feedback", "resources.recognition",
             "resources.coaching", "resources.development", "leadership.support",
             "leadership.recognition", "leadership.participation")
LOW, HIGH = 0.2, 0.8

pytestmark = pytest.mark.slow  # each fact: paired runs over 8 seeds


@pytest.fixture(scope="module", autouse=True)
def _quiet() -> None:
    quiet_mesa()


def config(**changes: float) -> Config:
    """The regime with dotted-key changes (keys use ``__`` for ``.``), validated."""
    cfg = Config()
    for key, value in (REGIME | {k.replace("__", "."): v for k, v in changes.items()}).items():
        node = cfg
        *path, name = key.split(".")
        for part in path:
            node = getattr(node, part)
        setattr(node, name, type(getattr(node, name))(value))
    return validate(cfg)


def resources(level: float) -> dict[str, float]:
    return {k.replace(".", "__"): level for k in RESOURCES}


def outcome(cfg: Config, column: str, weeks: int = 52) -> list[float]:
    """Mean of a time-series column over ``weeks`` weeks, per seed."""
    values = []
    for seed in SEEDS:
        model = OrgModel(copy.deepcopy(cfg), rng=seed)
        model.run_for(weeks)
        values.append(float(model.timeseries()[column].mean()))
    return values


def assert_greater(a: list[float] | np.ndarray, b: list[float] | np.ndarray, what: str) -> None:
    """Paired one-sided t-test over seeds: ``a > b``."""
    a, b = np.asarray(a), np.asarray(b)
    p = stats.ttest_rel(a, b, alternative="greater").pvalue
    assert a.mean() > b.mean() and p < ALPHA, (
        f"{what}: mean {a.mean():.4f} vs {b.mean():.4f}, paired p = {p:.3g} (alpha {ALPHA})")


def test_demands_raise_exhaustion() -> None:
    low = outcome(config(demands__workload=0.6), "exhaustion_mean")
    high = outcome(config(demands__workload=0.8), "exhaustion_mean")
    assert_greater(high, low, "exhaustion under high vs low workload")


def test_hindrance_demands_raise_exhaustion() -> None:
    low = outcome(config(demands__role_ambiguity=0.1, demands__priority_churn=0.1),
                  "exhaustion_mean")
    high = outcome(config(demands__role_ambiguity=0.7, demands__priority_churn=0.7),
                   "exhaustion_mean")
    assert_greater(high, low, "exhaustion under high vs low hindrance demands")


def test_resources_raise_engagement() -> None:
    low = outcome(config(**resources(LOW)), "engagement_mean")
    high = outcome(config(**resources(HIGH)), "engagement_mean")
    assert_greater(high, low, "engagement with high vs low job resources")


def test_resources_buffer_the_effect_of_demands_on_exhaustion() -> None:
    # no sick leave here, so that the exhausted are not removed from the at-work mean
    effect = {}
    for level in (LOW, HIGH):
        low_d = outcome(config(demands__workload=0.6, params__onset_hazard=0.0,
                               **resources(level)), "exhaustion_mean")
        high_d = outcome(config(demands__workload=0.8, params__onset_hazard=0.0,
                                **resources(level)), "exhaustion_mean")
        effect[level] = np.subtract(high_d, low_d)
    assert_greater(effect[LOW], effect[HIGH],
                   "demand effect on exhaustion with low vs high resources")
    assert (effect[HIGH] > 0).mean() >= 0.75  # buffered, not reversed


def _twins(seed: int, **changes: float) -> tuple[OrgModel, OrgModel, np.ndarray]:
    """Two identical models (same config and seed) and the employees of the first team
    (leader excluded) who are at work at week 0."""
    treated = OrgModel(config(**changes), rng=seed)
    control = OrgModel(config(**changes), rng=seed)
    ws = treated.workforce
    team = int(np.argmax(np.bincount(ws.team, weights=ws.status == Status.WORKING)))
    working = np.flatnonzero((ws.team == team) & (ws.role == Role.EMPLOYEE)
                             & (ws.status == Status.WORKING))
    return treated, control, working


def _still_working(treated: OrgModel, control: OrgModel, rows: np.ndarray) -> np.ndarray:
    keep = ((treated.workforce.status[rows] == Status.WORKING)
            & (control.workforce.status[rows] == Status.WORKING))
    return rows[keep]


def test_crossover_an_exhausted_colleague_exhausts_the_team() -> None:
    """Keep one team member exhausted (energy 0.25, at work); compare the team mates."""
    treated_mean, control_mean = [], []
    for seed in SEEDS:
        # leaders do not act on signals here, so the only channel left is crossover
        treated, control, working = _twins(seed, leadership__signal_detection=0.0)
        person, mates = working[0], working[1:]
        for _ in range(16):
            treated.workforce.energy[person] = 0.25
            treated.workforce.high_weeks[person] = 0  # stays at work
            treated.step()
            control.step()
        if treated.workforce.status[person] != Status.WORKING:
            continue  # the exhausted colleague quit (low engagement): not this experiment
        mates = _still_working(treated, control, mates)
        treated_mean.append(treated.workforce.exhaustion[mates].mean())
        control_mean.append(control.workforce.exhaustion[mates].mean())
    assert len(treated_mean) >= len(SEEDS) - 2
    assert_greater(treated_mean, control_mean,
                   "team mates' exhaustion with vs without an exhausted colleague")


def test_domino_effect_absence_raises_colleagues_load_and_exhaustion() -> None:
    """Three members of a team go on sick leave; the others carry their work."""
    demand_t, demand_c, exh_t, exh_c = [], [], [], []
    for seed in SEEDS:
        treated, control, working = _twins(seed, params__min_sick_weeks=52)
        absent, mates = working[:3], working[3:]
        ws = treated.workforce
        ws.status[absent] = Status.SICK_LEAVE
        ws.hours[absent] = 0.0
        ws.energy[absent] = 0.2
        ws.episode_weeks[absent] = 0
        ws.weeks_in_status[absent] = 0
        treated.run_for(12)
        control.run_for(12)
        assert (treated.workforce.status[absent] == Status.SICK_LEAVE).all()
        mates = _still_working(treated, control, mates)
        demand_t.append(treated.workforce.demand[mates].mean())
        demand_c.append(control.workforce.demand[mates].mean())
        exh_t.append(treated.workforce.exhaustion[mates].mean())
        exh_c.append(control.workforce.exhaustion[mates].mean())
    assert_greater(demand_t, demand_c, "colleagues' perceived demand with vs without absence")
    assert_greater(exh_t, exh_c, "colleagues' exhaustion with vs without absence")


def _end_state(cfg: Config, weeks: int = 52) -> list[dict[str, float]]:
    out = []
    for seed in SEEDS:
        model = OrgModel(copy.deepcopy(cfg), rng=seed)
        model.run_for(weeks)
        ws = model.workforce
        emp = ws.employed()
        out.append({
            "above_set_point": float((ws.personal_resources() - ws.trait_resources)[emp].mean()),
            "engagement": float(ws.engagement[emp].mean()),
            "exhaustion": float(ws.exhaustion[emp].mean()),
        })
    return out


def _col(rows: list[dict[str, float]], key: str) -> np.ndarray:
    return np.array([r[key] for r in rows])


def test_gain_spiral_resources_build_engagement_which_builds_personal_resources() -> None:
    rich = config(**resources(HIGH))
    poor = config(**resources(LOW))
    rich_end, poor_end = _end_state(rich), _end_state(poor)
    assert_greater(_col(rich_end, "above_set_point"), _col(poor_end, "above_set_point"),
                   "personal resources above set point, rich vs poor job resources")
    # the loop closes: switching the gain off lowers engagement in a resource-rich org
    no_gain = _end_state(config(params__gain_rate=0.0, **resources(HIGH)))
    assert_greater(_col(rich_end, "engagement"), _col(no_gain, "engagement"),
                   "engagement with vs without the gain spiral")


def test_loss_spiral_exhaustion_erodes_personal_resources_which_adds_exhaustion() -> None:
    """Keep three people exhausted at work (energy 0.2) for half a year; compare with twins."""
    res_t, res_c, dem_t, dem_c = [], [], [], []
    for seed in SEEDS:
        # leaders do not act on signals here (their relief would lower the load)
        treated, control, working = _twins(seed, leadership__signal_detection=0.0)
        people = working[:3]
        for _ in range(26):
            treated.workforce.energy[people] = 0.2
            treated.workforce.high_weeks[people] = 0  # stay at work
            treated.step()
            control.step()
        people = _still_working(treated, control, people)
        res_t.append(treated.workforce.personal_resources()[people].mean())
        res_c.append(control.workforce.personal_resources()[people].mean())
        dem_t.append(treated.workforce.demand[people].mean())
        dem_c.append(control.workforce.demand[people].mean())
    assert_greater(res_c, res_t, "personal resources of rested vs kept-exhausted people")
    # appraisal multiplies the demand (x (1 + appraisal_loss x exhaustion)): compare logs
    assert_greater(np.log(dem_t), np.log(dem_c),
                   "log perceived demand of kept-exhausted vs rested people")
    # the loop closes: switching the losses off lowers exhaustion under heavy workload
    heavy = config(demands__workload=0.8)
    no_loss = config(demands__workload=0.8, params__loss_rate=0.0, params__appraisal_loss=0.0)
    assert_greater(_col(_end_state(heavy), "exhaustion"), _col(_end_state(no_loss), "exhaustion"),
                   "exhaustion with vs without the loss spiral")
