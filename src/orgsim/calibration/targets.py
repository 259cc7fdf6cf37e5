"""The calibration targets: what the baseline must reproduce, with its source.

Each :class:`Target` names one statistic computed by :mod:`orgsim.calibration.statistics`
from simulated runs, the band it must fall in, and where the number comes from. The set is
the "v2" target set of docs/calibration.md: levels (prevalence, absence, duration, return,
recurrence), structure (between-team share of variance, individual-level correlations),
sector presets, and the response to workload.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """One calibration target.

    Attributes:
        key: the statistic's name (see :data:`orgsim.calibration.statistics.STATISTICS`).
        label: what it is, in words.
        lo, hi: the band the mean over seeds must fall in.
        target: the published value (text, as the source gives it).
        source: where the value comes from.
        unit: unit of the statistic as printed.
    """

    key: str
    label: str
    lo: float
    hi: float
    target: str
    source: str
    unit: str = ""


#: CBS prevalence of burn-out complaints (NEA 2019) by occupation group, per org preset.
SECTOR_PREVALENCE: dict[str, tuple[float, str]] = {
    "education": (24.0, "pedagogical occupations"),
    "healthcare_ward": (20.0, "care and welfare occupations"),
    "software_company": (17.0, "ICT occupations"),
    "municipality": (17.0, "government, security and legal occupations"),
}
#: Allowed distance of a sector preset's prevalence from its CBS value (points).
SECTOR_BAND = 3.0

NEA = "TNO/CBS Nationale Enquete Arbeidsomstandigheden 2019-2023"
LEE = "Lee, Seo et al. 2013, Human Resources for Health 11:48 (corrected r)"

TARGETS: tuple[Target, ...] = (
    Target("complaints_pct", "burn-out complaints (model measure: exhaustion at or above the "
           "complaints threshold, employees at work)", 17.0, 20.0, "17-20%", NEA, "%"),
    Target("survey_minus_model_pct", "survey prevalence (NEA definition) minus the model's "
           "own measure", -1.0, 1.0, "within 1 point", "issue 13, item 5", "points"),
    Target("absence_pct_hours", "burn-out absence, share of contracted hours", 1.0, 1.5,
           "~1.0-1.5%", "Arbobalans 2020; CBS 2022-2023", "%"),
    Target("episode_days", "mean duration of an ended burn-out absence episode", 240.0, 300.0,
           "240-300 days", "ArboNed 2019 (242 days), 2023 (~300 days)", "days"),
    Target("fully_back_26w_pct", "fully back at work 26 weeks after onset (onset cohort)",
           30.0, 45.0, "~37%", "Sonnenschein et al. 2008", "%"),
    Target("recurrence_3y_pct", "new episode within 3 years of a full return of at least 28 "
           "days (Kaplan-Meier, leavers censored)", 12.0, 24.0,
           "~19% overall, 90% of them within 3 years (~17%)", "Koopmans et al. 2011", "%"),
    Target("icc_exhaustion", "share of variance in survey exhaustion between teams, ICC(1)",
           0.05, 0.25, "0.05-0.25", "Galletta et al. 2019; TALIS 2018; Klusmann et al. 2008"),
    Target("r_exhaustion_workload", "correlation of exhaustion with workload", 0.56, 0.76,
           "+0.66", LEE),
    Target("r_exhaustion_autonomy", "correlation of exhaustion with autonomy", -0.46, -0.26,
           "-0.36", LEE),
    Target("r_exhaustion_recognition", "correlation of exhaustion with recognition and "
           "feedback", -0.30, -0.10, "-0.20", LEE),
    Target("r_exhaustion_support", "correlation of exhaustion with social support", -0.28,
           -0.08, "-0.18", LEE),
    Target("r_exhaustion_role_ambiguity", "correlation of exhaustion with role ambiguity",
           0.14, 0.34, "+0.24", LEE),
    Target("r_workload_role_ambiguity", "correlation of workload with role ambiguity/conflict",
           0.34, 0.54, "+0.44", "Bowling et al. 2015, workload meta-analysis"),
    Target("r_workload_leader_support", "correlation of workload with supervisor support",
           -0.30, -0.10, "-0.20", "Bowling et al. 2015, workload meta-analysis"),
    Target("workload_plus10_points", "change in complaints when every team's workload is 10% "
           "higher (points)", 0.5, 6.0, "a few points, never a doubling",
           "issue 13 (stability)", "points"),
    Target("complaints_sd_pct", "spread of the baseline's prevalence over seeds (sd)", 0.0,
           4.0, "small", "issue 13 (stability)", "points"),
    *(Target(f"sector_{name}_pct", f"complaints in the {name} preset ({group})",
             value - SECTOR_BAND, value + SECTOR_BAND, f"{value:g}%",
             "CBS 2019 by occupation group (NEA)", "%")
      for name, (value, group) in SECTOR_PREVALENCE.items()),
)

BY_KEY: dict[str, Target] = {t.key: t for t in TARGETS}
