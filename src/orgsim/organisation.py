"""Building the organisation: teams, leaders, the interaction network and the first staff.

Assumptions: positions are split into teams of ``team_size`` (the last rows spread over
the teams); the first position of each team is its leader; team members are in frequent
contact with probability ``contact_probability`` (Erdos-Renyi within the team; in a unit
larger than ``EXACT_TEAM_SIZE`` = 200 a person has on average as many team contacts as in a
team of 200, see ``team_contact_probability``), leaders
are in contact with the other leaders of their department (management teams of
``MANAGEMENT_TEAM`` teams, so the network has the same structure at every size), and each
person has on average ``cross_team_contacts`` random contacts elsewhere. Each person also
has their own job within the team: a share of the team's work, their own autonomy and role
clarity, and the attention they get from the leader (``draw_people``).
"""

from __future__ import annotations

import numpy as np

from orgsim import team_inputs
from orgsim.config import Config
from orgsim.dynamics import burnout
from orgsim.state import PERSONAL_RESOURCES, Role, Status, Teams, Workforce
from orgsim.team_inputs import Variation

#: Teams per department: their leaders form one management team (all in contact).
MANAGEMENT_TEAM = 8


def team_layout(n_positions: int, team_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Team index per position and the leader row of each team (teams are contiguous)."""
    n_teams = max(1, round(n_positions / team_size))
    team = (np.arange(n_positions) * n_teams) // n_positions
    leader_row = np.searchsorted(team, np.arange(n_teams))
    return team.astype(np.int64), leader_row.astype(np.int64)


def explicit_layout(headcounts: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Team index per position and leader rows for explicit team sizes (``org.teams``)."""
    sizes = np.asarray(headcounts, dtype=np.int64)
    team = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
    leader_row = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    return team, leader_row


def _apply_team_specs(cfg: Config, teams: Teams) -> Teams:
    """Overwrite the drawn team levels with the levels given in ``org.teams`` (if any).

    Assumption: a level measured for a team (e.g. by a survey) replaces the drawn one;
    levels a spec leaves empty take the organisation-wide value.
    """
    specs = cfg.org.teams
    if not specs:
        return teams
    for inp in team_inputs.INPUTS:
        if inp.per_team:
            default = team_inputs.org_value(cfg, inp.name)
            values = [getattr(spec, inp.name) for spec in specs]
            getattr(teams, inp.name)[:] = [default if v is None else v for v in values]
    return teams


def build_teams(
    cfg: Config, team: np.ndarray, leader_row: np.ndarray, rng: np.random.Generator
) -> Teams:
    """Per-team arrays drawn around the organisation-wide config.

    Teams differ (``org.team_variation`` = sd) as each team input's ``variation`` says
    (:mod:`orgsim.team_inputs`): workload by a log-normal factor, the 0..1 levels
    (ambiguity, strain, resources, climate, leader style) by a normal shift, clipped to
    their range; organisation-level policies (priorities, bureaucracy, churn, recovery
    policy, buffer) are the same for every team. The draws follow the registry's order.
    """
    n = len(leader_row)
    sd = cfg.org.team_variation
    levels = {}
    for inp in team_inputs.INPUTS:
        value = team_inputs.org_value(cfg, inp.name)
        if inp.variation is Variation.LOG_NORMAL:
            levels[inp.name] = value * np.exp(rng.normal(-sd * sd / 2, sd, n))
        elif inp.variation is Variation.NORMAL:
            lo, hi = team_inputs.bounds(inp.name)
            levels[inp.name] = np.clip(value + rng.normal(0.0, sd, n), lo, hi)
        else:
            levels[inp.name] = np.full(n, float(value))
    return Teams(leader_row=leader_row, positions=np.bincount(team, minlength=n) - 1,
                 workload_shock=np.full(n, 1.0), **levels)


#: Largest team whose contacts are drawn pair by pair (one uniform per pair, in
#: ``np.triu_indices`` order): every team up to this size gets exactly the random numbers and
#: network of earlier versions. Larger teams use :func:`_sparse_pairs` (O(contacts)).
EXACT_TEAM_SIZE = 200
#: Pairs drawn per block in the exact method (bounds its memory for many teams: ~8 bytes a
#: pair); the blocks consume the generator in the same order, so the draws are unchanged.
_EXACT_BLOCK_PAIRS = 4_000_000


def team_contact_probability(size: int, p: float) -> float:
    """Probability that two members of a team of ``size`` are in frequent contact.

    Assumption: in a team of at most :data:`EXACT_TEAM_SIZE` every pair is in contact with
    ``climate.contact_probability`` ``p``; in a larger unit a person is in frequent contact
    with as many colleagues on average as in a team of that size, ``p x 199``, not with a
    fixed share of everybody (a unit of 100,000 at p = 0.5 would otherwise give 50,000
    contacts each), so the pair probability is ``p x 199 / (size - 1)``.
    """
    if size <= EXACT_TEAM_SIZE:
        return p
    return p * (EXACT_TEAM_SIZE - 1) / (size - 1)


def _exact_pairs(
    starts: np.ndarray, size: int, p: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Within-team contacts of the teams starting at ``starts`` (all of ``size``), one
    uniform per pair in ``np.triu_indices`` order, team after team (drawn in blocks of
    teams: the same random numbers as one draw of the whole matrix)."""
    iu, ju = np.triu_indices(size, k=1)
    per_block = max(1, _EXACT_BLOCK_PAIRS // len(iu))
    src, dst = [], []
    for first in range(0, len(starts), per_block):
        offs = starts[first:first + per_block]
        rows, cols = np.nonzero(rng.random((len(offs), len(iu))) < p)
        src.append(offs[rows] + iu[cols])
        dst.append(offs[rows] + ju[cols])
    return np.concatenate(src), np.concatenate(dst)


def _sparse_pairs(
    starts: np.ndarray, size: int, q: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Within-team contacts, each pair with probability ``q``, in O(contacts) time and memory.

    Geometric skipping over the pair index (Batagelj & Brandes 2005): the gaps between
    successive chosen pairs of a Bernoulli(q) sequence are Geometric(q), so only the chosen
    pairs are visited. Pairs are numbered team after team, and within a team column-wise:
    pair ``k`` is ``(i, j)`` with ``i < j`` and ``k = j (j - 1) / 2 + i``. Gives the same
    distribution as :func:`_exact_pairs` (Erdos-Renyi G(size, q) per team), not the same
    random numbers.
    """
    per_team = size * (size - 1) // 2
    total = per_team * len(starts)
    if q <= 0 or total == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    chosen, last = [], -1
    while True:
        expected = (total - last) * q
        batch = int(expected + 5 * np.sqrt(expected) + 100)
        idx = last + np.cumsum(rng.geometric(q, batch))
        done = idx[-1] >= total
        idx = idx[idx < total]
        chosen.append(idx)
        if done:
            break
        last = int(idx[-1])
    k = np.concatenate(chosen)
    team_of, k = np.divmod(k, per_team)
    j = ((1 + np.sqrt(1 + 8 * k.astype(np.float64))) / 2).astype(np.int64)
    j -= j * (j - 1) // 2 > k  # float rounding: correct by one either way
    j += (j + 1) * j // 2 <= k
    i = k - j * (j - 1) // 2
    offs = starts[team_of]
    return offs + i, offs + j


def build_network(
    team: np.ndarray, leader_row: np.ndarray, cfg: Config, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Undirected contact network as an edge list with both directions (src, dst).

    Within teams, pairs are in contact with probability ``climate.contact_probability``
    (Erdos-Renyi); teams of more than :data:`EXACT_TEAM_SIZE` are drawn in O(contacts) by
    :func:`_sparse_pairs` with the capped probability of :func:`team_contact_probability`
    (a person in a large unit has on average as many frequent contacts as in a team of 200).
    """
    p = cfg.climate.contact_probability
    src_parts, dst_parts = [], []
    starts = leader_row
    sizes = np.bincount(team)
    for size_ in np.unique(sizes):
        size = int(size_)
        if size < 2:
            continue
        teams_of_size = starts[np.flatnonzero(sizes == size)]
        if size <= EXACT_TEAM_SIZE:
            src, dst = _exact_pairs(teams_of_size, size, p, rng)
        else:
            src, dst = _sparse_pairs(teams_of_size, size, team_contact_probability(size, p),
                                     rng)
        src_parts.append(src)
        dst_parts.append(dst)
    # leaders know the other leaders of their department: management teams of
    # MANAGEMENT_TEAM consecutive teams (a last group of fewer than half joins the one
    # before), the same structure at every size
    n_leaders = len(leader_row)
    group = np.arange(n_leaders) // MANAGEMENT_TEAM
    n_groups = int(group[-1]) + 1
    if n_groups > 1 and np.count_nonzero(group == n_groups - 1) < MANAGEMENT_TEAM // 2:
        group[group == n_groups - 1] = n_groups - 2
    for size in np.unique(np.bincount(group)):
        firsts = np.flatnonzero(np.bincount(group) == size)
        iu, ju = np.triu_indices(int(size), k=1)
        starts_g = np.searchsorted(group, firsts)[:, None]
        src_parts.append(leader_row[(starts_g + iu).ravel()])
        dst_parts.append(leader_row[(starts_g + ju).ravel()])
    # random cross-team contacts
    n = len(team)
    m = rng.poisson(cfg.climate.cross_team_contacts * n / 2)
    a, b = rng.integers(0, n, m), rng.integers(0, n, m)
    ok = team[a] != team[b]
    src_parts.append(a[ok])
    dst_parts.append(b[ok])
    del a, b, ok
    src = np.concatenate(src_parts).astype(np.int64, copy=False)
    dst = np.concatenate(dst_parts).astype(np.int64, copy=False)
    del src_parts, dst_parts
    # unique undirected pairs in (low, high) order; one int64 key per pair sorts the same as
    # np.unique(..., axis=1) on the pairs, much faster (performance); in place where it can
    # be and node numbers in 32 bits when they fit (memory: a million people)
    key = np.minimum(src, dst)
    key *= n
    np.maximum(src, dst, out=src)
    del dst
    key += src
    del src
    key = np.unique(key)
    index = np.int32 if n < 2**31 else np.int64
    low, high = (key // n).astype(index), (key % n).astype(index)
    del key
    return np.concatenate([low, high]), np.concatenate([high, low])


def draw_people(cfg: Config, rows: np.ndarray, ws: Workforce, rng: np.random.Generator) -> None:
    """Give the positions ``rows`` new holders: traits, resources and a fresh state."""
    k = len(rows)
    if k == 0:
        return
    pc = cfg.people

    def beta(mean: float, sd: float, size: int) -> np.ndarray:
        mean = min(max(mean, 1e-3), 1 - 1e-3)
        var = min(sd * sd, mean * (1 - mean) * 0.95)
        if var <= 0:
            return np.full(size, mean)
        common = mean * (1 - mean) / var - 1
        return rng.beta(mean * common, (1 - mean) * common, size)

    trait = beta(pc.personal_resources_mean, pc.personal_resources_sd, k)
    ws.trait_resources[rows] = trait
    # the four personal resources scatter around the trait level: one (4, k) draw gives the
    # same numbers as four draws of k in a row (performance)
    personal = np.clip(trait + rng.normal(0, 0.08, (4, k)), 0, 1)
    for name, values in zip(PERSONAL_RESOURCES, personal, strict=True):
        getattr(ws, name)[rows] = values
    ws.overcommitment[rows] = beta(pc.overcommitment_mean, pc.overcommitment_sd, k)
    ws.susceptibility[rows] = beta(pc.susceptibility_mean, 0.2, k)
    ws.fit[rows] = beta(pc.fit_mean, pc.fit_sd, k)
    ws.caregiving[rows] = np.where(rng.random(k) < pc.caregiver_share, pc.caregiving_load, 0.0)
    ws.life_event[rows] = 0.0
    ws.life_event_left[rows] = 0
    # the person's own job within the team (persistent while they hold the position): a
    # common "job quality" factor q makes a heavier share of the work come with less
    # autonomy, less role clarity and less of the leader's attention (loading
    # people.job_design_loading), each with its own part besides
    q = rng.standard_normal(k)
    own = rng.standard_normal((4, k))
    a = pc.job_design_loading
    b = np.sqrt(1.0 - a * a)
    ts, la = pc.task_share_sd, pc.leader_attention_sd
    ws.task_share[rows] = np.exp(ts * (a * q + b * own[0]) - ts * ts / 2)
    ws.autonomy_own[rows] = pc.autonomy_sd * (-a * q + b * own[1])
    ws.ambiguity_own[rows] = pc.role_clarity_sd * (a * q + b * own[2])
    ws.leader_attention[rows] = np.exp(la * (-a * q + b * own[3]) - la * la / 2)
    ws.work_undone[rows] = 0.0
    ws.training[rows] = 0.0  # no course yet (dynamics/training.py)
    energy = np.clip(rng.normal(0.75, 0.1, k), 0.3, 1.0)
    engagement = np.clip(rng.normal(0.6, 0.1, k), 0.1, 1.0)
    ws.energy[rows] = energy
    ws.engagement[rows] = engagement
    (ws.exhaustion[rows], ws.mental_distance[rows], ws.cognitive_impairment[rows],
     ws.emotional_impairment[rows]) = burnout.bat_dimensions(
        energy, engagement, personal[0], personal[1])
    ws.status[rows] = Status.WORKING
    ws.hours[rows] = 1.0
    for name in ("tenure", "high_weeks", "weeks_in_status", "relief_left", "episodes",
                 "onboarding_left"):
        getattr(ws, name)[rows] = 0
    ws.relief[rows] = 0.0
    ws.episode_weeks[rows] = -1
    ws.since_return[rows] = -1


def initial_workforce(
    cfg: Config, rng: np.random.Generator
) -> tuple[Workforce, Teams, tuple[np.ndarray, np.ndarray]]:
    """Positions, teams and network of a new organisation, all positions filled."""
    n = cfg.org.n_employees
    if cfg.org.teams:
        team, leader_row = explicit_layout([t.headcount for t in cfg.org.teams])
    else:
        team, leader_row = team_layout(n, cfg.org.team_size)
    ws = Workforce.empty(n, cfg.precision)
    ws.team[:] = team
    ws.role[:] = Role.EMPLOYEE
    ws.role[leader_row] = Role.LEADER
    draw_people(cfg, np.arange(n), ws, rng)
    ws.tenure[:] = rng.integers(0, 520, n)
    teams = _apply_team_specs(cfg, build_teams(cfg, team, leader_row, rng))
    network = build_network(team, leader_row, cfg, rng)
    return ws, teams, network
