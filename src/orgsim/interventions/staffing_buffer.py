"""Intervention: staffing buffer."""

from __future__ import annotations

from orgsim.interventions.base import Intervention


class StaffingBuffer(Intervention):
    """Staffing buffer: spare capacity, positions without core work.

    Effects: staffing buffer +0.05 (5% spare capacity), at once (stated assumption). Cost
    basis: people (defaults: 5% of wage cost, 0.05 x 36 h x EUR 60 = EUR 108 per position
    per week).
    """

    name = "staffing_buffer"
    level = "team"
    summary = "spare capacity: extra positions without core work"
    changes = {"staffing_buffer": 0.05}
    ramp = 0
