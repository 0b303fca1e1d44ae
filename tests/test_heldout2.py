"""Second held-out evaluation set (tests/data/heldout2): a regression guard, NOT a tuning target.

DO NOT TUNE ON THESE DOCUMENTS. The six texts were written blind, while the extraction rules were
being generalised, so that the generalisation could be measured on documents nobody had fitted the
rules to: a Justice Department press release on extradition talks with a related-content list
(2025), a Mexican Presidency communiqué on a presidential phone call, translated from Spanish
(2021), a Milenio-style news story in English translation on a US cabinet visit, with quotes,
background and a "Read more" list and no metadata (2026), a US Embassy Mexico press statement on a
bilateral arms-trafficking working group ("the delegations agreed to", a 30-day deadline, a
planned next meeting, 2023), a numbered joint statement after a High-Level Security Dialogue
(one-country and two-country clauses, a conditional, an aspirational "will seek to", a reaffirmed
earlier framework, 2022) and a DHS readout of a trilateral US-Canada-Mexico migration meeting
(2024). ``../heldout2.gold.json`` is their hand annotation in ``diplokg-gold/1``.

A fix for an error seen here must be developed and validated on NEW invented texts of the same
kind (or on the dev set), never on these documents, their sentences or their names; otherwise the
set stops measuring generalisation. The floors below sit slightly under the scores measured when
the set was written, so they only catch regressions; raise them when extraction improves on its
own merits.
"""

from __future__ import annotations

from goldsets import HeldOutSetChecks

#: (measure, attribute) -> floor. Measured 2026-11-23 (first and only build before the floors were
#: set): met P 0.958 R 0.434 F1 0.597 (23 of 53 required pairs), persons 0.895 (34/38), meetings
#: P 0.909 R 0.625 F1 0.741, dates 0.50 (3/6), topics P 0.912 R 0.941 F1 0.926, commits P 1.0
#: R 0.667 F1 0.80, commitments 0.286 (8/28), not_participants 0, nodes per person 1.0. After the
#: participation-predicate, cross-side pairing and broader commitment rules (developed on new probes,
#: this set measured once at the end): met P 0.906 R 0.547 F1 0.682, commits P 0.80 R 0.667 F1 0.727,
#: commitments 0.464 (13/28); the rest unchanged. After the issue-3 participation and event rules
#: (new probes; measured once at the end): met P 0.895 R 0.642 F1 0.747, meetings and dates unchanged.
FLOOR = {
    ("met", "precision"): 0.87,
    ("met", "recall"): 0.6,
    ("met", "f1"): 0.71,
    ("persons", "recall"): 0.86,
    ("meetings", "precision"): 0.85,
    ("meetings", "recall"): 0.56,
    ("meetings", "f1"): 0.68,
    ("meeting_dates", "value"): 0.45,
    ("topics", "precision"): 0.88,
    ("topics", "recall"): 0.90,
    ("topics", "f1"): 0.89,
    # lowered on purpose: the broader commitment rules (new probes in test_commitment_probe.py)
    # cost 2 false commits here (P 1.0 -> 0.80, F1 0.80 -> 0.73) and raised commitments recall
    # 0.29 -> 0.46 here and 0.50 -> 0.86 on held-out 1 (commits F1 of both sets together 0.71 ->
    # 0.76); nobody looked at which clauses, so the set stays held out.
    # Lowered again (session 3): the prose-commitment rules (states together found an
    # understanding, reported futures, "Under the deal", agreements as subjects; 34 new probes)
    # raised commitments recall 0.46 -> 0.61 here and 0.36 -> 0.64 on held-out 3 but cost 4 false
    # commits here (P 0.80 -> 0.57, F1 0.73 -> 0.62) and 2 on held-out 3. The clauses were not
    # inspected; recovering this precision with new negative probes is open work (issue notes).
    ("commits", "precision"): 0.53,
    ("commits", "recall"): 0.60,
    ("commits", "f1"): 0.58,
    ("commitments", "recall"): 0.57,
}
#: Mean person nodes per gold person (1.0 is ideal and was measured).
MAX_NODES_PER_PERSON = 1.02


class TestHeldout2(HeldOutSetChecks):
    folder = "heldout2"
    floor = FLOOR
    max_nodes_per_person = MAX_NODES_PER_PERSON
