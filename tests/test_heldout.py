"""Held-out evaluation set (tests/data/heldout): a regression guard, NOT a tuning target.

DO NOT TUNE ON THESE DOCUMENTS. The six texts were written to measure how the rules generalise
to documents nobody has fitted them to: a SEDENA bulletin translated from Spanish (2017), a State
Department media note on a Security Implementation Group session with delegation lists and an
outcomes bullet list (2025), a CBP/ANAM memorandum announcement ("the Participants intend to",
Annex A, 2023), a Reuters-style story with background and a related-coverage list (2019), a joint
communiqué with lettered "shall" clauses, a conditional clause, two deadlines, an Annex of
delegations and a reaffirmed earlier declaration (2025), and a readout of a virtual US-Mexico-
Guatemala working-group meeting without metadata (2026). ``../heldout.gold.json`` is their hand
annotation in ``diplokg-gold/1``.

A fix for an error seen here must be developed and validated on NEW invented texts of the same
kind (or on the dev set), never on these documents, their sentences or their names; otherwise the
set stops measuring generalisation. The floors below sit slightly under the scores measured when
the set was written, so they only catch regressions; raise them when extraction improves on its
own merits.
"""

from __future__ import annotations

from goldsets import HeldOutSetChecks

#: (measure, attribute) -> floor. Measured 2026-11-23 (first build of the set): met P 0.875
#: R 0.123 F1 0.215 (7 of 57 required pairs), persons 0.952 (40/42), meetings P 0.90 R 0.5625
#: F1 0.692, dates 0.625 (5/8), topics P 0.944 R 0.895 F1 0.919, commits P 0.50 R 0.333 F1 0.40,
#: commitments 0.357 (5/14), not_participants 0, nodes per person 1.0. After the general
#: attendance rules (measured once, not tuned): met P 0.98 R 0.737 F1 0.841, persons
#: 0.976, meetings P 1.0 R 0.75 F1 0.857. After the general list/agency/party commitment rules
#: and the leading date line (measured once, not tuned): commits P 0.50 R 0.667 F1
#: 0.571, commitments 0.50 (7/14), dates 0.75. After the participation-predicate, cross-side pairing and
#: broader commitment rules (validated on new probes; measured, not tuned): met P 0.95 R 0.96 F1 0.96,
#: persons 1.0, meetings P 1.0 R 0.81 F1 0.90, commits P 0.67 R 1.0 F1 0.80, commitments 0.86 (12/14).
#: After the issue-3 participation and event rules: met P 0.984 R 0.965 F1 0.974, meetings P 1.0
#: R 0.875 F1 0.933, dates 0.778 (7/9).
FLOOR = {
    ("met", "precision"): 0.95,
    ("met", "recall"): 0.94,
    ("met", "f1"): 0.95,
    ("persons", "recall"): 0.97,
    ("meetings", "precision"): 0.95,
    ("meetings", "recall"): 0.84,
    ("meetings", "f1"): 0.90,
    ("meeting_dates", "value"): 0.70,
    ("topics", "precision"): 0.90,
    ("topics", "recall"): 0.85,
    ("topics", "f1"): 0.88,
    ("commits", "precision"): 0.6,
    ("commits", "recall"): 0.95,
    ("commits", "f1"): 0.75,
    ("commitments", "recall"): 0.8,
}
#: Mean person nodes per gold person (1.0 is ideal and was measured).
MAX_NODES_PER_PERSON = 1.02


class TestHeldout(HeldOutSetChecks):
    folder = "heldout"
    floor = FLOOR
    max_nodes_per_person = MAX_NODES_PER_PERSON
