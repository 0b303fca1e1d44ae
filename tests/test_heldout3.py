"""Third held-out evaluation set (tests/data/heldout3): a regression guard, NOT a tuning target.

DO NOT TUNE ON THESE DOCUMENTS. The six texts were written blind to the extraction rules (the
author read neither ``src/diplokg/extract/`` nor the probe and rule tests) so that they measure
how the rules generalise: a State Department readout of a Secretary's call with many topics, a
spokesperson's attribution line, an in-person meeting planned "later this month" and page
boilerplate (2025); a Mexican Foreign Ministry communiqué translated from Spanish, with two-surname
names, "Dra."/"Admiral" titles, a mistranslated title, a reception at the National Palace, a
separate working meeting at the ministry ("was received by", "also participated") and a planned
meeting "in November" (2025); an AP-style wire story on a border meeting with quotes, "said in a
statement", a named and dated earlier meeting in background, a contributor line and a "Related"
list (2022); a numbered joint communiqué of a bilateral working group with firm, conditional and
exploratory clauses, a "by March 31" deadline, a reaffirmed framework, an earlier meeting "last
September" and a next meeting "in June 2024", with no metadata (2024); a White House readout of a
leaders' virtual meeting "on Tuesday" with "joined by" lists on both sides and a summit planned
"next month" (2022); and a consulate press release with a cookie banner on a planned delegation
visit whose members meet different hosts separately ("will travel", "will meet", "Separately",
"DAS"/"SAC" abbreviations) and a quoted ambassador who does not travel (2024).
``../heldout3.gold.json`` is their hand annotation in ``diplokg-gold/1``.

A fix for an error seen here must be developed and validated on NEW invented texts of the same
kind (or on the dev set), never on these documents, their sentences or their names; otherwise the
set stops measuring generalisation. The floors below sit slightly under the scores measured when
the set was written, so they only catch regressions; raise them when extraction improves on its
own merits.
"""

from __future__ import annotations

from goldsets import HeldOutSetChecks

#: (measure, attribute) -> floor. Measured 2026-11-23 (first and only build before the floors were
#: set, on the working tree of that day): met P 1.0 R 0.489 F1 0.657 (23 of 47 required pairs),
#: persons 0.972 (35/36), nodes per person 1.029 (one person split), meetings P 0.8125 R 0.867
#: F1 0.839 (13 matched, 16 system, 15 gold), dates 0.769 (10/13), topics P 0.957 R 1.0 F1 0.978,
#: commits P 1.0 R 1.0 F1 1.0, commitments 0.357 (5/14), not_participants 0. After the trailing
#: participation clauses, clause-level dates and separate-event rules (issue 3: developed on new
#: probes from the reported error categories, this set measured once at the end): met P 0.976 R 0.872
#: F1 0.921, meetings P 0.875 R 0.933 F1 0.903, dates 0.929 (13/14).
FLOOR = {
    # lowered (2026-12-04): the Mexican courtesy titles ("Mtro.", "Lic.", "Dra.", "Gral." one
    # token and no person; blind probes round 3) took held-out 4's met recall 0.51 -> 0.78 and
    # cost here met P 0.976 -> 0.935 (R 0.872 -> 0.915, F1 0.921 -> 0.925) and one meeting
    # (P/R/F1 0.875/0.933/0.903 -> 0.867/0.867/0.867, dates 13/14 -> 12/13); measured once, the
    # documents not inspected: an accepted trade.
    ("met", "precision"): 0.91,
    ("met", "recall"): 0.84,
    ("met", "f1"): 0.88,
    ("persons", "recall"): 0.94,
    ("meetings", "precision"): 0.84,
    ("meetings", "recall"): 0.84,
    ("meetings", "f1"): 0.84,
    ("meeting_dates", "value"): 0.88,
    ("topics", "precision"): 0.92,
    ("topics", "recall"): 0.96,
    ("topics", "f1"): 0.94,
    # lowered (session 3): the prose-commitment rules cost 2 false commits here (P 1.0 -> 0.87)
    # and raised commitments recall 0.36 -> 0.64; see test_heldout2.py
    ("commits", "precision"): 0.83,
    ("commits", "recall"): 0.95,
    ("commits", "f1"): 0.90,
    ("commitments", "recall"): 0.60,
}
#: Mean person nodes per gold person (1.029 was measured: one person also got a node from an
#: abbreviated title; 1.0 is ideal).
MAX_NODES_PER_PERSON = 1.05


class TestHeldout3(HeldOutSetChecks):
    folder = "heldout3"
    floor = FLOOR
    max_nodes_per_person = MAX_NODES_PER_PERSON
