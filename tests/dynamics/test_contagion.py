"""Unit tests of orgsim.dynamics.contagion: crossover in the contact network."""

from __future__ import annotations

import numpy as np
import pytest

from orgsim.dynamics import contagion

# path graph 0 - 1 - 2 plus an isolated node 3, both directions listed
SRC = np.array([0, 1, 1, 2])
DST = np.array([1, 0, 2, 1])
VALUES = np.array([0.2, 0.6, 1.0, 0.4])


def test_neighbour_mean_hand_computed() -> None:
    mean, count = contagion.neighbour_mean(VALUES, np.ones(4, bool), SRC, DST)
    np.testing.assert_allclose(mean, [0.6, 0.6, 0.6, 0.4])
    np.testing.assert_array_equal(count, [1, 2, 1, 0])


def test_neighbour_mean_ignores_absent_contacts() -> None:
    present = np.array([True, True, False, True])
    mean, count = contagion.neighbour_mean(VALUES, present, SRC, DST)
    assert mean[1] == pytest.approx(0.2) and count[1] == 1
    # node 2 is absent but still has a present contact; node without contacts keeps its value
    assert mean[2] == pytest.approx(0.6)
    assert mean[3] == 0.4 and count[3] == 0


def test_crossover_hand_computed() -> None:
    out = contagion.crossover(np.array([0.4]), np.array([0.8]), np.array([0.5]),
                              np.array([True]), rate=0.05)
    assert out[0] == pytest.approx(0.05 * 1.0 * 0.4)


def test_crossover_moves_towards_neighbours() -> None:
    values = np.array([0.3, 0.9])
    nb = np.array([0.6, 0.6])
    out = contagion.crossover(values, nb, np.full(2, 0.5), np.ones(2, bool), rate=0.1)
    assert out[0] > 0 and out[1] < 0
    moved = values + out
    assert (np.abs(moved - nb) < np.abs(values - nb)).all()


def test_susceptible_people_move_more() -> None:
    out = contagion.crossover(np.full(3, 0.3), np.full(3, 0.7), np.array([0.1, 0.5, 0.9]),
                              np.ones(3, bool), rate=0.05)
    assert out[0] < out[1] < out[2]
    assert out[2] / out[0] == pytest.approx(9.0)


def test_no_crossover_when_absent_or_equal() -> None:
    out = contagion.crossover(np.array([0.3, 0.5]), np.array([0.7, 0.5]), np.full(2, 0.9),
                              np.array([False, True]), rate=0.05)
    np.testing.assert_array_equal(out, [0.0, 0.0])


def random_network(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = a != b
    pairs = np.unique(np.stack([np.minimum(a, b), np.maximum(a, b)])[:, keep], axis=1)
    return np.concatenate([pairs[0], pairs[1]]), np.concatenate([pairs[1], pairs[0]])


def test_adjacency_hand_computed() -> None:
    net = contagion.adjacency(SRC, DST, 4)
    expected = np.zeros((4, 4))
    expected[DST, SRC] = 1.0
    np.testing.assert_array_equal(net.matrix.toarray(), expected)
    np.testing.assert_array_equal(net.degree, [1, 2, 1, 0])


def test_present_contacts_hand_computed() -> None:
    net = contagion.adjacency(SRC, DST, 4)
    np.testing.assert_array_equal(contagion.present_contacts(net, np.ones(4, bool)),
                                  [1, 2, 1, 0])
    np.testing.assert_array_equal(
        contagion.present_contacts(net, np.array([True, False, True, True])), [0, 2, 0, 0])


def test_neighbour_means_equals_neighbour_mean_bitwise() -> None:
    """The sparse version gives exactly what the edge-list version gives (determinism)."""
    n = 300
    src, dst = random_network(n, 1500, seed=21)
    rng = np.random.default_rng(22)
    energy, engagement, extra = rng.random(n), rng.random(n), rng.random(n)
    net = contagion.adjacency(src, dst, n)
    for share_present in (0.8, 1.0):
        present = rng.random(n) < share_present
        means, count = contagion.neighbour_means(net, present, energy, engagement, extra)
        ref_energy, ref_count = contagion.neighbour_mean(energy, present, src, dst)
        np.testing.assert_array_equal(count, ref_count)
        np.testing.assert_array_equal(means[0], ref_energy)
        np.testing.assert_array_equal(means[1], contagion.neighbour_mean(
            engagement, present, src, dst)[0])
        np.testing.assert_array_equal(means[2], contagion.neighbour_mean(
            extra, present, src, dst)[0])
