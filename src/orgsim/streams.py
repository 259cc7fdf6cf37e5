"""Random streams: every random number orgsim draws comes from one of these named streams.

Common random numbers (CRN): two runs with the same seed that differ only in a scenario -
its interventions, a live event, a survey - should draw the *same* random numbers for the
same people in the same week, so that their difference is the scenario's effect and not
noise. Each stream is seeded from the run's seed and never from another stream, so drawing
more or fewer numbers from one stream leaves all others aligned:

* **main** (``model.rng``, Mesa's generator seeded with the run's seed): building the
  organisation, and each week only *fixed-size* draws (:class:`WeekDraws`: six uniform and
  three normal rows over all positions, one normal per team). The number drawn never
  depends on the state, so the main stream stays aligned across scenarios week after week.
* **weekly** (:func:`weekly`): draws whose number depends on the state this week (how many
  life events start, how many people fall ill or are hired), seeded by (seed, week,
  :class:`Purpose`).
* **event** (:func:`event`): the chance elements of an event (who catches the flu), seeded
  by (seed, week, event, salt).
* **survey** (:func:`survey`): measurement error and non-response of synthetic survey
  waves, seeded by (seed, purpose keys); a survey never changes the simulation.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

#: Offset that separates the weekly stream's week keys from any other stream's keys.
WEEKLY_KEY = 1_000_000
#: Key of the event stream.
EVENT_KEY = 0xE7E27
#: Offset of the week in the event stream's key.
EVENT_WEEK_KEY = 100_000
#: Key of the survey stream.
SURVEY_KEY = 0x5E5


class Purpose(enum.IntEnum):
    """What a weekly auxiliary draw is for (part of its seed: each has its own stream)."""

    LIFE_EVENTS = 1  #: the length of life events that start this week
    RECOVERY_PACE = 2  #: the recovery pace of new burn-out episodes
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


@dataclass(frozen=True)
class WeekDraws:
    """The main stream's fixed-size draws of one week, made before any mechanism runs.

    Attributes:
        uniform: six rows over all positions: 0 life-event starts, 1 leaders noticing
            warning signs, 2 burn-out onset, 3 quitting, 4 vacancies filled, 5 unused (kept
            so that the stream stays aligned with earlier versions).
        normal: three rows over all positions: 0 ups and downs of energy at work, 1 of
            energy on sick leave, 2 of engagement.
        team_normal: one standard normal per team: busy and quiet periods of workload.
    """

    uniform: np.ndarray
    normal: np.ndarray
    team_normal: np.ndarray

    @classmethod
    def draw(cls, rng: np.random.Generator, n_positions: int, n_teams: int) -> WeekDraws:
        """This week's draws from the main stream, always in this order and size."""
        uniform = rng.random((6, n_positions))
        normal = rng.standard_normal((3, n_positions))
        return cls(uniform, normal, rng.standard_normal(n_teams))


#: Key of the organisation stream.
ORGANISATION_KEY = 0x0E6


def organisation(org_seed: int) -> np.random.Generator:
    """The organisation stream: a generator seeded by (``org_seed``, key) that draws the
    organisation (its people, the teams' levels, the contact network) apart from the run's
    seed, so that runs with other seeds - other futures - simulate the same organisation."""
    return np.random.default_rng([int(org_seed), ORGANISATION_KEY])
