"""Fourth held-out evaluation set (tests/data/heldout4): a regression guard, NOT a tuning target.

DO NOT TUNE ON THESE DOCUMENTS. The six texts were written blind to the extraction rules (the
author read neither ``src/`` nor any test module) on 2026-12-04: a U.S. Embassy press release on an
ambassador's and a DHS official's visit to Sonora with two held meetings on two days and full page
boilerplate (2019); a translated Security Secretariat communiqué on a bilateral security group
with "Mtro."/"Lic."/"General" titles and a next meeting "in the first half of next year" (2025); a
Reuters-style story on a presidents' call "on Tuesday" and a visit "next week", a quoted analyst,
a dated 2019 background meeting and a "Read more:" list (2026); a High-Level Security Dialogue
joint statement with numbered firm, joint, one-sided, exploratory and reaffirming commitments and
no metadata (2023); a Treasury release on a trilateral meeting "co-chaired by" three officials
with delegation lists, a quoted Secretary who did not attend and a next meeting "later this year"
(2022); and a wire brief on a planned Thursday meeting in a border city with a correction note
(2024). ``../heldout4.gold.json`` is their hand annotation in ``diplokg-gold/1``.

Measured once on the code of the same day (the working tree before commit, after this session's
capital-as-government, planned-intention and commitment-guard rules, which were developed on
invented probes only), and for comparison on the commit before them (de44675):

============  ==================  ==================
measure       de44675             this commit
============  ==================  ==================
met P/R/F1    1.00 / 0.55 / 0.71  1.00 / 0.51 / 0.67
persons       0.976 (40/41)       0.976 (40/41)
meetings      0.71 / 1.00 / 0.83  0.67 / 1.00 / 0.80
dates         0.64 (7/11)         0.64 (7/11)
topics        1.00 / 0.97 / 0.98  1.00 / 0.97 / 0.98
commits       1.00 / 0.57 / 0.73  1.00 / 0.57 / 0.73
commitments   1.00 (6/6)          1.00 (6/6)
not_partic.   1                   1
============  ==================  ==================

Measured once more after the Mexican courtesy titles (2026-12-04, developed on the blind probes
``tests/test_meeting_probe3.py``): met 1.00 / 0.78 / 0.88 (46 of 58 pairs, was 31); everything
else unchanged. The met floors were raised to match.

A fix for an error seen here must be developed and validated on NEW invented texts of the same
kind, never on these documents, their sentences or their names. The floors sit slightly under
the figures measured at commit time, so they only catch regressions.
"""

from __future__ import annotations

from goldsets import HeldOutSetChecks

#: (measure, attribute) -> floor, just under the figures in the module docstring.
FLOOR = {
    ("met", "precision"): 0.95,
    ("met", "recall"): 0.76,
    ("met", "f1"): 0.86,
    ("persons", "recall"): 0.95,
    ("meetings", "precision"): 0.64,
    ("meetings", "recall"): 0.97,
    ("meetings", "f1"): 0.78,
    ("meeting_dates", "value"): 0.60,
    ("topics", "precision"): 0.95,
    ("topics", "recall"): 0.94,
    ("topics", "f1"): 0.95,
    ("commits", "precision"): 0.95,
    ("commits", "recall"): 0.55,
    ("commits", "f1"): 0.70,
    ("commitments", "recall"): 0.95,
}
#: Person nodes per gold person (1.0 measured).
MAX_NODES_PER_PERSON = 1.02
#: One person the gold marks as no participant is read as one (measured at commit time; 0 is the
#: aim: lower this when a rule developed elsewhere fixes it).
MAX_WRONG_PARTICIPANTS = 1


class TestHeldout4(HeldOutSetChecks):
    folder = "heldout4"
    floor = FLOOR
    max_nodes_per_person = MAX_NODES_PER_PERSON
    max_wrong_participants = MAX_WRONG_PARTICIPANTS
