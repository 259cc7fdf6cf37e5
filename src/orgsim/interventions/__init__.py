"""Interventions: planned changes to the inputs of the mechanisms, with timing, target and cost.

Each intervention changes what a mechanism reads - team demands and resources, leader
style, a policy, people's personal resources or person-task fit - never burn-out itself;
the effect on burn-out, absence and engagement emerges from the JD-R dynamics. An
intervention is configured by an :class:`~orgsim.config.InterventionConfig` (defaults per
kind in ``configs/intervention/<kind>.yaml``; scenarios in ``configs/scenario`` combine them)
and put on the model's :class:`~orgsim.timeline.Timeline` when the model is built.

Each kind is a class in its own module of this package
(:class:`~orgsim.interventions.base.Intervention` explains what it declares); the modules
imported below are the kinds there are, and :data:`KINDS` (name -> class) is their one
registry. Effect sizes (each kind's ``changes``, scaled by ``strength``) are stated
assumptions of plausible order, informed by the intervention literature summarised in
docs/domain.md (e.g. job-crafting and leadership interventions have small-to-moderate effects
on resources; individual-only trainings fade); each kind's docstring states its own.
"""

from __future__ import annotations

from orgsim.interventions import (  # noqa: F401  (each module registers its kind)
    canary_review,
    clearer_roles,
    focus,
    free_capacity,
    job_crafting,
    leadership_training,
    psychological_safety,
    recognition,
    recovery_policy,
    relational_return_to_work,
    resilience_training,
    staffing_buffer,
    survey_cycle,
)
from orgsim.interventions.base import (
    EUR_PER_HOUR,
    HOURS_PER_WEEK,
    KINDS,
    Intervention,
    Option,
    default_intervention,
    get_kind,
    kind_of,
    n_teams_of,
)
from orgsim.interventions.plan import (
    check_interventions,
    cost_by_intervention,
    cost_by_week,
    describe_interventions,
    schedule_interventions,
    start_intervention,
)

__all__ = ["EUR_PER_HOUR", "HOURS_PER_WEEK", "KINDS", "Intervention", "Option",
           "check_interventions", "cost_by_intervention", "cost_by_week",
           "default_intervention", "describe_interventions", "get_kind", "kind_of",
           "n_teams_of", "schedule_interventions", "start_intervention"]

