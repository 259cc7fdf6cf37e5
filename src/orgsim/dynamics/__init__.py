"""The mechanisms of the theory, one module each, as pure functions over numpy arrays.

A reader who knows the Job Demands-Resources model finds each mechanism by its file name:
``demands`` (what work asks), ``resources`` (what helps), ``energy`` (health-impairment
process and recovery), ``engagement`` (motivational process), ``spirals`` (gain and loss of
personal resources), ``contagion`` (crossover in the team network), ``burnout`` (the four
BAT dimensions), ``leadership`` (leader presence and signal detection), ``absence`` (sick
leave, graded return, relapse), ``turnover`` (leaving), ``hiring`` (replacement, onboarding),
``outside_work`` (caregiving and life events), ``training`` (what a person-directed course
taught, fading). No module here does I/O or imports Hydra/UI.
"""
