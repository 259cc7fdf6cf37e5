"""Draw the causal structure of the orgsim model as a PNG (docs/img/causal_structure.png).

The same picture is in the README as a Mermaid diagram; this PNG is for offline reading.
Each box names the module that implements the mechanism.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

BOXES = {
    # name: (x, y, label, colour)
    "org": (0.10, 0.88, "How work is organised\nworkload, parallel priorities,\n"
            "churn, role ambiguity, bureaucracy", "#f4cccc"),
    "lead": (0.10, 0.55, "Leader style\nsupport, clarity, recognition,\nsignal detection",
             "#d9ead3"),
    "res_policy": (0.10, 0.25, "Resource policy\nautonomy, feedback, coaching,\n"
                   "development, recovery policy", "#d9ead3"),
    "outside": (0.38, 0.95, "Outside work\ncaregiving, life events", "#eeeeee"),
    "demand": (0.38, 0.72, "Perceived demands\ndemands.py", "#f4cccc"),
    "jobres": (0.38, 0.35, "Job resources\nresources.py", "#d9ead3"),
    "personal": (0.38, 0.10, "Personal resources\nspirals.py", "#cfe2f3"),
    "energy": (0.64, 0.72, "Energy / exhaustion\nenergy.py (health impairment)", "#f4cccc"),
    "engage": (0.64, 0.35, "Engagement\nengagement.py (motivation)", "#d9ead3"),
    "crossover": (0.38, 0.535, "Crossover in team network\ncontagion.py", "#fff2cc"),
    "bat": (0.90, 0.72, "BAT: exhaustion, distance,\ncognitive, emotional\nburnout.py", "#f4cccc"),
    "absence": (0.90, 0.50, "Burn-out sick leave,\ngraded return, relapse\nabsence.py", "#ea9999"),
    "team_load": (0.64, 0.95, "Team load over people present\n(domino effect)", "#fff2cc"),
    "turnover": (0.90, 0.28, "Turnover, vacancies, hiring\nturnover.py, hiring.py", "#eeeeee"),
    "cost": (0.90, 0.06, "Productivity and cost (EUR)\nmetrics.py", "#eeeeee"),
}

ARROWS = [
    ("org", "demand", "+"), ("outside", "demand", "+"), ("lead", "jobres", "+"),
    ("lead", "demand", "- clarity, relief"), ("res_policy", "jobres", "+"),
    ("demand", "energy", "drains"), ("jobres", "energy", "buffers"),
    ("personal", "energy", "buffers"), ("jobres", "engage", "+"), ("personal", "engage", "+"),
    ("energy", "engage", "exhaustion -"), ("energy", "bat", ""), ("engage", "bat", "distance"),
    ("engage", "personal", "gain spiral"), ("energy", "demand", "loss spiral"),
    ("crossover", "energy", ""), ("crossover", "engage", ""), ("bat", "absence", "persists"),
    ("absence", "team_load", "absent colleagues"), ("team_load", "demand", "+"),
    ("engage", "turnover", "low -> leave"), ("turnover", "team_load", "vacancies"),
    ("absence", "cost", ""), ("turnover", "cost", ""),
]


def _edge(x0: float, y0: float, x1: float, y1: float, w: float, h: float) -> tuple[float, float]:
    """Point where the line from box centre (x0, y0) towards (x1, y1) leaves the box."""
    dx, dy = x1 - x0, y1 - y0
    sx = (w / 2) / abs(dx) if dx else float("inf")
    sy = (h / 2) / abs(dy) if dy else float("inf")
    s = min(sx, sy)
    return x0 + s * dx, y0 + s * dy


def draw(path: Path) -> None:
    """Render the diagram to ``path``."""
    fig, ax = plt.subplots(figsize=(15, 9))
    ax.set_axis_off()
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    w, h = 0.20, 0.11
    for x, y, label, colour in BOXES.values():
        ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                    boxstyle="round,pad=0.01", fc=colour, ec="#444444"))
        ax.text(x, y, label, ha="center", va="center", fontsize=9)
    for a, b, label in ARROWS:
        (cx0, cy0), (cx1, cy1) = BOXES[a][:2], BOXES[b][:2]
        x0, y0 = _edge(cx0, cy0, cx1, cy1, w + 0.03, h + 0.03)
        x1, y1 = _edge(cx1, cy1, cx0, cy0, w + 0.03, h + 0.03)
        arrow = FancyArrowPatch((x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=14,
                                shrinkA=0, shrinkB=0, color="#555555",
                                connectionstyle="arc3,rad=0.12")
        ax.add_patch(arrow)
        if label:
            ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.015, label, fontsize=8, color="#333399",
                    ha="center", bbox={"fc": "white", "ec": "none", "alpha": 0.8, "pad": 1})
    ax.set_title("orgsim: causal structure (Job Demands-Resources, weekly)", fontsize=13)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/img/causal_structure.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    draw(out)
    print(out)
