"""Random streams: every random number orgsim draws comes from one of these named streams.

Common random numbers (CRN): two runs with the same seed that differ only in a scenario -
its interventions, a live event, a survey - should draw the *same* random numbers for the
same people in the same week, so that their difference is the scenario's effect and not
noise. Each stream is seeded from the run's seed and never from another stream, so drawing
more or fewer numbers from one stream leaves all others aligned:

* **main** (``model.rng``, Mesa's generator seeded with the run's seed): building the
  organisation only - or, when ``org_seed`` is set (``orgsim compare`` sets it), the
  **organisation** stream (:func:`organisation`) builds it, so that every future (seed)
  simulates the same organisation.
* **keyed** (:func:`uniform`, :func:`normal_pair`; counter-based): the week's chance
  elements of each person and team - ups and downs of energy and engagement, life events,
  leaders noticing warning signs, burn-out onset and recovery pace, quitting, vacancies
  filled, busy periods. Each number is a function of (seed, week, :class:`Draw`, position):
  a counter ``(week, draw, part, position)`` mixed with the seed's :func:`key` by SplitMix64
  (Steele, Lea & Flood 2014; the same finaliser as numpy's ``SeedSequence`` family of
  hashes). Nothing is drawn "in order", so a number is computed only where it is used (the
  fused kernel draws noise only for people at work or on leave, a notice only for people at
  risk) and using it or not never shifts another person's, another week's or another
  draw's numbers: scenarios stay paired person by person, week by week. Normals come from
  two such uniforms by the Box-Muller transform (both of its outputs are used).
* **weekly** (:func:`weekly`): the traits and first state of people hired this week
  (``organisation.draw_people`` needs a generator), seeded by (seed, week,
  :class:`Purpose`); built only in weeks with hires.
* **event** (:func:`event`): the chance elements of an event (who catches the flu), seeded
  by (seed, week, event, salt).
* **survey** (:func:`survey`): measurement error and non-response of synthetic survey
  waves, seeded by (seed, purpose keys); a survey never changes the simulation.

The keyed draws are ``@equation`` functions (:mod:`orgsim.dynamics.equation`): the fused
kernel calls them per person, the components through the compiled :func:`uniform_at` and
:func:`normal_pair_at` - the same numbers either way.
"""

from __future__ import annotations

import enum
from typing import Any

import numpy as np
from numba import njit

from orgsim.dynamics.equation import equation

#: Offset that separates the weekly stream's week keys from any other stream's keys.
WEEKLY_KEY = 1_000_000
#: Key of the event stream.
EVENT_KEY = 0xE7E27
#: Offset of the week in the event stream's key.
EVENT_WEEK_KEY = 100_000
#: Key of the survey stream.
SURVEY_KEY = 0x5E5


class Purpose(enum.IntEnum):
    """What a weekly generator is for (part of its seed: each has its own stream)."""

    NEW_HIRES = 3  #: the traits and first state of people hired this week


def weekly(seed: int, week: int, purpose: Purpose) -> np.random.Generator:
    """The weekly auxiliary stream: a generator seeded by (seed, week, purpose)."""
    return np.random.default_rng([int(seed), WEEKLY_KEY + int(week), int(purpose)])


def event(seed: int, week: int, code: int, salt: int = 0) -> np.random.Generator:
    """The event stream: a generator for one event's chance elements in one week.

    Args:
        seed: the run's seed.
        week: the model week the event fires.
        code: the event's number (:attr:`orgsim.events.base.Event.code`).
        salt: a further key when one event needs several independent draws.
    """
    return np.random.default_rng([int(seed), EVENT_KEY, int(week) + EVENT_WEEK_KEY,
                                  int(code), int(salt)])


def survey(seed: int, *keys: int) -> np.random.Generator:
    """The survey stream: a generator seeded by (seed, keys) for one part of a survey."""
    return np.random.default_rng([int(seed), SURVEY_KEY, *(int(k) for k in keys)])


class Draw(enum.IntEnum):
    """What a keyed draw is for (part of its counter: each has its own numbers)."""

    LIFE_EVENT_START = 1  #: uniform: a life event starts this week
    LIFE_EVENT_LENGTH = 2  #: uniform: the weeks a starting life event lasts
    LEADER_NOTICES = 3  #: uniform: the leader notices a person's warning signs
    ONSET = 4  #: uniform: burn-out sick leave starts
    RECOVERY_PACE = 5  #: normal: the recovery pace of a new episode
    QUIT = 6  #: uniform: a person quits
    VACANCY_FILLED = 7  #: uniform: a vacancy is filled
    UPS_AND_DOWNS = 8  #: normal pair: weekly noise of energy (first) and engagement (second)
    BUSY_PERIODS = 9  #: normal, per team: busy and quiet periods of workload


#: SplitMix64 constants (Steele, Lea & Flood 2014).
_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_S11, _S27, _S30, _S31 = np.uint64(11), np.uint64(27), np.uint64(30), np.uint64(31)
_S32, _S34, _S40 = np.uint64(32), np.uint64(34), np.uint64(40)
#: Weeks in a counter start at this offset (the warm-up has negative weeks).
_WEEK_OFFSET = 1 << 20
_TWO_M53 = 2.0 ** -53
#: Key of the keyed draws (so they differ from any other use of the seed).
KEYED_KEY = 0x4B3E7D


@equation
def mix64(z: Any) -> Any:
    """The SplitMix64 finaliser: a bijection of 64-bit words that mixes every bit."""
    z = (z ^ (z >> _S30)) * _MIX1
    z = (z ^ (z >> _S27)) * _MIX2
    return z ^ (z >> _S31)


def key(seed: int) -> np.uint64:
    """The 64-bit key of a run's keyed draws, from its seed."""
    with np.errstate(over="ignore"):
        return np.uint64(mix64(np.uint64(seed) * _GAMMA + np.uint64(KEYED_KEY)))


@equation
def _unit(run_key: np.uint64, week: int, draw: int, part: int, index: Any) -> Any:
    """A uniform number in [0, 1) for counter (week, draw, part, index) under ``run_key``."""
    counter = ((np.uint64(week + _WEEK_OFFSET) << _S40) | (np.uint64(draw) << _S34)
               | (np.uint64(part) << _S32) | np.uint64(index))
    z = mix64(mix64(counter * _GAMMA + run_key))
    return (z >> _S11) * _TWO_M53


@equation
def uniform(run_key: np.uint64, week: int, draw: int, index: Any) -> Any:
    """The keyed U(0, 1) number of position ``index`` for ``draw`` in ``week``."""
    return _unit(run_key, week, draw, 0, index)


@equation
def normal_pair(run_key: np.uint64, week: int, draw: int, index: Any) -> tuple[Any, Any]:
    """Two independent keyed N(0, 1) numbers of position ``index`` (Box-Muller)."""
    radius = np.sqrt(-2.0 * np.log1p(-_unit(run_key, week, draw, 0, index)))
    angle = 2.0 * np.pi * _unit(run_key, week, draw, 1, index)
    return radius * np.cos(angle), radius * np.sin(angle)


@njit(cache=True)
def _uniform_rows(run_key: np.uint64, week: int, draw: int, rows: np.ndarray) -> np.ndarray:
    out = np.empty(rows.size)
    for j in range(rows.size):
        out[j] = uniform(run_key, week, draw, rows[j])
    return out


@njit(cache=True)
def _normal_rows(run_key: np.uint64, week: int, draw: int,
                 rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    first, second = np.empty(rows.size), np.empty(rows.size)
    for j in range(rows.size):
        first[j], second[j] = normal_pair(run_key, week, draw, rows[j])
    return first, second


def _positions(rows: np.ndarray | int) -> np.ndarray:
    """``rows`` as position numbers: the array itself, or ``0..rows-1`` for a count."""
    return np.arange(rows) if isinstance(rows, int) else np.asarray(rows, dtype=np.int64)


def uniform_at(run_key: np.uint64, week: int, draw: Draw, rows: np.ndarray | int) -> np.ndarray:
    """:func:`uniform` of each position in ``rows`` (or of positions ``0..rows-1``)."""
    return _uniform_rows(run_key, int(week), int(draw), _positions(rows))


def normal_pair_at(run_key: np.uint64, week: int, draw: Draw,
                   rows: np.ndarray | int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`normal_pair` of each position in ``rows`` (or of positions ``0..rows-1``)."""
    return _normal_rows(run_key, int(week), int(draw), _positions(rows))


#: Key of the organisation stream.
ORGANISATION_KEY = 0x0E6


def organisation(org_seed: int) -> np.random.Generator:
    """The organisation stream: a generator seeded by (``org_seed``, key) that draws the
    organisation (its people, the teams' levels, the contact network) apart from the run's
    seed, so that runs with other seeds - other futures - simulate the same organisation."""
    return np.random.default_rng([int(org_seed), ORGANISATION_KEY])
