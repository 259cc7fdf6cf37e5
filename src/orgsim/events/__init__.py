"""Events that hit an organisation: a reorganisation, a crunch deadline, a flu wave, ...

An event (fired live in the workshop app, or scheduled as a shock in an org preset) changes
the *inputs* of the mechanisms - team demands and resources, people's hours, who holds a
position - never burn-out directly. Its effect then runs through the JD-R dynamics and
shows within a few simulated weeks. Temporary changes are kept on the model's
:class:`~orgsim.timeline.Timeline` (``model.timeline``), which applies, fades and reverts
them week by week; interventions (``orgsim.interventions``) use the same timeline.

Each event is a class in its own module of this package (:class:`~orgsim.events.base.Event`
explains what it declares); the modules imported below are the events there are, and
:data:`EVENTS` (name -> class) is their one registry.

Determinism and common random numbers: events never draw from ``model.rng``. Where an
event needs chance (who catches the flu), it uses a generator seeded from the model's seed,
the week and the event's code, so the same event in two models built from the same seed
(A/B mode, scenario comparisons) hits the same people and leaves the model's own random
stream aligned.
"""

from __future__ import annotations

from orgsim.events import (  # noqa: F401  (each module registers its event)
    absence_wave,
    budget_cut,
    crunch_deadline,
    key_colleague_drops_out,
    new_hire,
    reorganisation,
)
from orgsim.events.base import (
    EVENTS,
    Event,
    apply_event,
    check_event,
    describe_events,
    fire,
    schedule_event,
)
from orgsim.timeline import Effect, Timeline, timeline_of

__all__ = ["EVENTS", "Effect", "Event", "Timeline", "apply_event",
           "check_event", "describe_events", "fire", "schedule_event", "timeline_of"]

