"""Person-directed training: what a course taught that is still applied, and how it fades.

Sources: controlled person-directed programmes (stress management, resilience, cognitive-
behavioural courses) reduce exhaustion by about d = 0.2 (Maricuțoiu, Sava & Butta 2016,
meta-analysis); the effects of person-directed programmes last about 6 months, those of
combined person- and organisation-directed programmes 12 months or more, and all fade
without refresher sessions (Awa, Plaumann & Walter 2010, systematic review). The model
keeps what a course taught as its own per-person state ``training`` (0..1), separate from
the personal resources (which drift back to a trait set point over years, spirals.py): it
acts from the first session on (people apply what they learn at once) and fades with a
half-life of ``params.training_half_life_weeks`` (about 13 weeks: mostly gone after 6-9
months). What it acts on - saying when one is full (appraisal of demands) and stopping on
time (detachment) - and the functional forms are stated assumptions.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import equation


@equation
def training_fade(training: np.ndarray, half_life_weeks: float) -> np.ndarray:
    """What is still applied after one more week: ``training x 0.5^(1/half_life)``
    (exponential fading; after ``half_life_weeks`` weeks half is left)."""
    return training * 0.5 ** (1.0 / half_life_weeks)


@equation
def training_session(training: np.ndarray, gain: float) -> np.ndarray:
    """After one course session: ``training + gain``, at most 1."""
    return np.minimum(training + gain, 1.0)


@equation
def applied_resource(resource: np.ndarray, training: np.ndarray) -> np.ndarray:
    """A personal resource as applied with what a course taught: ``r + training x (1 - r)``
    (the course teaches what is missing; ``training`` 0 leaves ``r`` exactly as it is)."""
    return resource + training * (1.0 - resource)
