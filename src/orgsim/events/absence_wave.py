"""Event: a wave of (non-burn-out) absence."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from orgsim.events.base import Event, members, target_teams, where
from orgsim.state import Role, Status
from orgsim.timeline import timeline_of

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel

#: Share of staff out during an absence wave (x strength), and the range of weeks out.
WAVE_SHARE = 0.15
WAVE_WEEKS = (1, 3)


class AbsenceWave(Event):
    """A wave of (non-burn-out) absence, e.g. flu: 15% of staff out for 1-3 weeks.

    Who and for how long are drawn by the event's own generator among fully working
    non-leaders. Those out work 0 hours (no capacity, no drain; they are not counted as
    burn-out absence), so their colleagues carry the team's work (domino effect); hours are
    restored when their weeks are over. Assumption: Dutch seasonal flu order of magnitude.
    """

    name = "absence_wave"
    code = 6
    description = "a flu wave: 15% of staff out for 1-3 weeks"

    def fire(self, model: OrgModel, team: int | None, strength: float) -> str:
        ws = model.workforce
        cand = ((ws.status == Status.WORKING) & (ws.role != Role.LEADER) & (ws.hours >= 1.0)
                & members(model, target_teams(model, team)))
        rows = np.flatnonzero(cand)
        rng = self.rng(model)
        out = rows[rng.random(len(rows)) < min(WAVE_SHARE * strength, 1.0)]
        weeks = rng.integers(WAVE_WEEKS[0], WAVE_WEEKS[1] + 1, len(out))
        ws.hours[out] = 0.0
        tl = timeline_of(model)
        for w in np.unique(weeks):
            back = out[weeks == w]

            def restore(m: OrgModel, back: np.ndarray = back) -> str:
                wsm = m.workforce
                ok = back[(wsm.status[back] == Status.WORKING) & (wsm.hours[back] == 0.0)]
                wsm.hours[ok] = 1.0
                return f"{len(ok)} colleagues back after the absence wave"

            tl.at(model.week + int(w), "absence_wave:return", restore)
        return f"Absence wave in {where(team)}: {len(out)} colleagues out for 1-3 weeks."
