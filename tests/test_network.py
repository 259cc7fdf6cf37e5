"""The contact network: exact draws for ordinary teams, O(contacts) draws for large units."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from scipy import stats

from orgsim import organisation
from orgsim.config import Config, TeamSpec
from orgsim.organisation import (
    EXACT_TEAM_SIZE,
    _exact_pairs,
    _sparse_pairs,
    build_network,
    explicit_layout,
    team_contact_probability,
)


def _old_within_team(team: np.ndarray, leader_row: np.ndarray, p: float,
                     rng: np.random.Generator) -> np.ndarray:
    """The within-team draw of earlier versions (one matrix per team size), as sorted keys."""
    src_parts, dst_parts = [], []
    sizes = np.bincount(team)
    for size in np.unique(sizes):
        teams_of_size = np.flatnonzero(sizes == size)
        iu, ju = np.triu_indices(int(size), k=1)
        offs = leader_row[teams_of_size][:, None]
        keep = rng.random((len(teams_of_size), len(iu))) < p
        src_parts.append((offs + iu)[keep])
        dst_parts.append((offs + ju)[keep])
    src, dst = np.concatenate(src_parts), np.concatenate(dst_parts)
    return np.sort(src * len(team) + dst)


def test_teams_up_to_the_exact_size_get_the_random_numbers_of_earlier_versions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headcounts = [2, 3, 10, 10, 57, EXACT_TEAM_SIZE, EXACT_TEAM_SIZE, 10]
    team, leader_row = explicit_layout(headcounts)
    old = _old_within_team(team, leader_row, 0.4, np.random.default_rng(7))
    # in small blocks of teams (as for a very large organisation): the same draws
    monkeypatch.setattr(organisation, "_EXACT_BLOCK_PAIRS", 50)
    rng = np.random.default_rng(7)
    keys = []
    sizes = np.bincount(team)
    for size in np.unique(sizes):
        src, dst = _exact_pairs(leader_row[sizes == size], int(size), 0.4, rng)
        keys.append(src * len(team) + dst)
    np.testing.assert_array_equal(np.sort(np.concatenate(keys)), old)


def test_pair_probability_is_capped_continuously_above_the_exact_size() -> None:
    assert team_contact_probability(EXACT_TEAM_SIZE, 0.5) == 0.5
    assert team_contact_probability(EXACT_TEAM_SIZE + 1, 0.5) == pytest.approx(0.5 * 199 / 200)
    # expected contacts of a person: p x 199 however large the unit
    for size in (201, 1_000, 100_000):
        assert team_contact_probability(size, 0.5) * (size - 1) == pytest.approx(0.5 * 199)


@pytest.mark.parametrize("q", [0.02, 0.3])
def test_large_team_method_gives_the_exact_methods_degree_distribution(q: float) -> None:
    """Both methods on teams of 400 (where both run): degrees are Binomial(399, q) alike."""
    size, n_teams = 400, 30
    starts = np.arange(n_teams) * size
    degrees = []
    for method, seed in ((_exact_pairs, 1), (_sparse_pairs, 2)):
        src, dst = method(starts, size, q, np.random.default_rng(seed))
        assert np.all(src < dst) and np.all(dst < starts[src // size] + size)  # within a team
        assert len(np.unique(src * size * n_teams + dst)) == len(src)  # no pair twice
        degrees.append(np.bincount(np.concatenate([src, dst]), minlength=size * n_teams))
    exact, sparse = degrees
    assert stats.ks_2samp(exact, sparse).pvalue > 0.001
    for deg in degrees:
        assert deg.mean() == pytest.approx((size - 1) * q, rel=0.02)
        assert deg.var() == pytest.approx((size - 1) * q * (1 - q), rel=0.1)
    # every position in the team equally connected (the pair numbering has no bias)
    by_position = sparse.reshape(n_teams, size).mean(axis=0)
    sd = np.sqrt((size - 1) * q * (1 - q) / n_teams)
    assert np.abs(by_position - (size - 1) * q).max() < 5 * sd


def test_sparse_method_covers_every_pair_of_several_teams() -> None:
    starts = np.array([0, 5, 10])
    src, dst = _sparse_pairs(starts, 5, 1.0, np.random.default_rng(0))
    assert len(src) == 3 * 10
    assert set(zip(src.tolist(), dst.tolist(), strict=True)) == {
        (s + i, s + j) for s in starts for i in range(5) for j in range(i + 1, 5)}
    src, dst = _sparse_pairs(starts, 5, 0.0, np.random.default_rng(0))
    assert len(src) == 0


@pytest.mark.slow  # a unit of 100,000 people: a few seconds
def test_a_team_of_100000_builds_with_contacts_linear_in_its_size() -> None:
    n = 100_000
    cfg = Config()
    cfg.org.n_employees = n
    cfg.org.teams = [TeamSpec(name="everyone", headcount=n)]
    cfg.climate.contact_probability = 0.5
    team, leader_row = explicit_layout([n])
    tracemalloc.start()
    try:
        src, dst = build_network(team, leader_row, cfg, np.random.default_rng(3))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    contacts = np.bincount(src, minlength=n)
    # about p x 199 team contacts each plus ~1 elsewhere (none here: one team), both directions
    assert len(src) == len(dst) == contacts.sum()
    assert 0.9 * 99.5 * n < len(src) < 1.1 * 99.5 * n
    assert contacts.max() < 160
    assert np.all(src != dst)
    assert peak < 1.5e9  # bytes; the pair-by-pair draw needed 37 GiB
