"""Meeting rules on hand-built parsed documents (no trained model).

Each sentence is written as tokens ``word``, ``word/TAG`` or ``word/TAG/dep`` (``dep@k``: head is
token ``k`` of the sentence); untagged words get a tag from a small closed-class lexicon
(determiners, prepositions, pronouns, punctuation; capitalised words are NNP, others NN). Each
sentence's first verb is its root and every other token hangs from it unless told otherwise. The
rule components (boilerplate, actors, roles, topics, dates) then run on the ``Doc`` as in the
real pipeline, and ``extract_records`` reads meetings from it, so these tests exercise exactly
the code that runs on trained-model parses.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from diplokg.corpus import Document, PartialDate
from diplokg.extract.document import extract_records
from diplokg.extract.pipeline import RULE_COMPONENTS

CLOSED = {
    **dict.fromkeys("the a an these this that those both".split(), "DT"),
    **dict.fromkeys("in with at on by from of for between during while among into".split(), "IN"),
    **dict.fromkeys("and or but".split(), "CC"),
    **dict.fromkeys("he she they we it".split(), "PRP"),
    **dict.fromkeys("his her their its our".split(), "PRP$"),
    **dict.fromkeys("will shall would can may".split(), "MD"),
    **dict.fromkeys("two three".split(), "CD"),
    **dict.fromkeys("also again later".split(), "RB"),
    "to": "TO", ",": ",", ".": ".", "'s": "POS", "“": "``", "”": "''", "\n\n": "_SP",
}
POS = {"NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "IN": "ADP", "DT": "DET", "JJ": "ADJ",
       "PRP": "PRON", "PRP$": "PRON", "CC": "CCONJ", "CD": "NUM", "RB": "ADV", "TO": "PART", "POS": "PART",
       "MD": "AUX", ",": "PUNCT", ".": "PUNCT", "``": "PUNCT", "''": "PUNCT", "_SP": "SPACE", "HYPH": "PUNCT"}
LEMMAS = {
    "met": "meet", "meets": "meet", "visited": "visit", "visits": "visit", "traveled": "travel",
    "travelled": "travel", "travels": "travel", "hosted": "host", "hosts": "host", "signed": "sign",
    "signs": "sign", "held": "hold", "holds": "hold", "spoke": "speak", "talked": "talk", "were": "be",
    "was": "be", "is": "be", "are": "be", "said": "say", "says": "say", "led": "lead", "meetings": "meeting",
    "talks": "talk", "calls": "call", "visits_": "visit", "trips": "trip", "arrived": "arrive",
    "participated": "participate", "received": "receive", "joined": "join", "accompanied": "accompany",
}
NO_SPACE_BEFORE = {",", ".", "'s", "”", ":"}


def parse(sentences: list[str]) -> dict:
    """Words, tags, POS, lemmas, deps and heads of hand-written sentences."""
    out: dict[str, list] = {k: [] for k in ("words", "tags", "pos", "lemmas", "deps", "heads", "spaces")}
    for sentence in sentences:
        base = len(out["words"])
        toks = []
        for item in sentence.split(" ") if sentence != "\n\n" else ["\n\n"]:
            word, _, rest = item.partition("/") if item not in {"/"} else (item, "", "")
            tag, _, dep = rest.partition("/")
            tag = tag or CLOSED.get(word.lower()) or CLOSED.get(word) or (
                "CD" if word.isdigit() else "NNP" if word[:1].isupper() else "NN")
            dep, _, head = dep.partition("@")
            toks.append((word, tag, dep, int(head) if head else None))
        root = next((i for i, t in enumerate(toks) if t[1].startswith("VB")), 0)
        for i, (word, tag, dep, head) in enumerate(toks):
            out["words"].append(word)
            out["tags"].append(tag)
            out["pos"].append("VERB" if tag.startswith("VB") else POS.get(tag, "NOUN"))
            out["lemmas"].append(LEMMAS.get(word.lower(), word.lower()) if word != "\n\n" else word)
            out["deps"].append("ROOT" if i == root else dep or "dep")
            out["heads"].append(base + (i if i == root else head if head is not None else root))
        for i, (word, *_rest) in enumerate(toks):
            nxt = toks[i + 1][0] if i + 1 < len(toks) else None
            out["spaces"].append(word != "\n\n" and nxt not in NO_SPACE_BEFORE and nxt != "\n\n")
    return out


@pytest.fixture(scope="module")
def read(rule_nlp, ontology):
    def read_sentences(sentences: list[str], published: PartialDate | None = PartialDate(2022, 5, 12)):
        doc = Doc(rule_nlp.vocab, **parse(sentences))
        for name in RULE_COMPONENTS:
            doc = rule_nlp.get_pipe(name)(doc)
        document = Document(doc_id="h", file_name="h.txt", text=doc.text, published=published)
        records = extract_records(doc, document, ontology)
        by_pid = {p.pid: p.names[0] for p in records.persons}
        return records, by_pid

    return read_sentences


def pairs(records, by_pid) -> set[frozenset[str]]:
    return {frozenset(by_pid[p] for p in pair) for m in records.meetings for pair in m.pairs}


def participants(records, by_pid) -> set[str]:
    return {by_pid[p] for m in records.meetings for p in m.persons}


DOYLE = "Secretary of State Mark Doyle"
FERREIRA = "Foreign Secretary Lucía Ferreira Alba"


def test_meet_with(read):
    records, names = read([f"{FERREIRA} met/VBD with {DOYLE} in Washington on Tuesday ."])
    assert len(records.meetings) == 1
    meeting = records.meetings[0]
    assert pairs(records, names) == {frozenset({"Lucía Ferreira Alba", "Mark Doyle"})}
    assert meeting.status == "held" and meeting.date == PartialDate(2022, 5, 10)
    assert meeting.place.label == "Washington" and meeting.kind == "meeting"


def test_visit_is_a_visit_at_a_place(read):
    records, names = read([f"{DOYLE} visited/VBD Mexico City on May 9 ."])
    meeting = records.meetings[0]
    assert meeting.kind == "visit" and meeting.place.label == "Mexico City"
    assert meeting.date == PartialDate(2022, 5, 9) and meeting.status == "held"


def test_travel_to_meet_is_planned_and_pairs_the_traveller_with_the_counterpart(read):
    records, names = read([f"{DOYLE} will travel/VB to Monterrey tomorrow to meet/VB Governor Samuel Ibarra Cantú ."])
    assert len(records.meetings) == 1
    meeting = records.meetings[0]
    assert meeting.status == "planned" and meeting.date == PartialDate(2022, 5, 13)
    assert meeting.place.label == "Monterrey"
    assert pairs(records, names) == {frozenset({"Mark Doyle", "Samuel Ibarra Cantú"})}


def test_hosted_visit_has_a_host(read):
    records, names = read([f"President Elena Morales Durán hosted/VBD {DOYLE} in Mexico City ."])
    meeting = records.meetings[0]
    assert meeting.kind == "hosted visit"
    assert {names[h] for h in meeting.hosts} == {"Elena Morales Durán"}
    assert pairs(records, names) == {frozenset({"Elena Morales Durán", "Mark Doyle"})}


def test_talks_between_two_sides(read):
    records, names = read([f"The talks/NNS between {FERREIRA} and {DOYLE} were/VBD held/VBN in Tijuana ."])
    assert records.meetings[0].kind == "talks"
    assert pairs(records, names) == {frozenset({"Lucía Ferreira Alba", "Mark Doyle"})}


def test_coordinated_subjects_met_each_other(read):
    records, names = read([f"{DOYLE} and {FERREIRA} met/VBD in Tijuana on Monday ."])
    assert pairs(records, names) == {frozenset({"Lucía Ferreira Alba", "Mark Doyle"})}


@pytest.mark.parametrize("sentence", [
    f"{DOYLE} held/VBD a call/NN with {FERREIRA} on Monday .",
    f"{DOYLE} spoke/VBD by phone with {FERREIRA} on Monday .",
    f"{DOYLE} held/VBD a phone call/NN with {FERREIRA} on Monday .",
    f"{DOYLE} met/VBD virtually with {FERREIRA} on Monday .",
])
def test_calls(read, sentence):
    records, names = read([sentence])
    assert [m.kind for m in records.meetings] == ["call"]
    assert pairs(records, names) == {frozenset({"Lucía Ferreira Alba", "Mark Doyle"})}


def test_a_call_to_action_is_not_a_meeting(read):
    records, _ = read([f"{DOYLE} renewed/VBD his call/NN for action on fentanyl ."])
    assert records.meetings == []


def test_signing_with_a_counterpart(read):
    records, names = read([f"{DOYLE} signed/VBD a memorandum/NN of understanding with {FERREIRA} in Mexico City ."])
    assert [m.kind for m in records.meetings] == ["signing"]
    assert pairs(records, names) == {frozenset({"Lucía Ferreira Alba", "Mark Doyle"})}
    records, names = read([f"{DOYLE} and {FERREIRA} signed/VBD the agreement/NN in Mexico City ."])
    assert [m.kind for m in records.meetings] == ["signing"]
    assert pairs(records, names) == {frozenset({"Lucía Ferreira Alba", "Mark Doyle"})}


def test_signing_a_law_is_not_a_meeting(read):
    records, _ = read(["President Elena Morales Durán signed/VBD the bill/NN into law ."])
    assert records.meetings == []


def test_multilateral_meeting_with_countries(read):
    records, names = read([f"{DOYLE} will participate/VB in multilateral meetings/NNS with officials/NNS from Guatemala , Honduras and El Salvador ."])
    meeting = records.meetings[0]
    assert meeting.kind == "multilateral meeting" and meeting.status == "planned"
    assert {c.rsplit("/", 1)[-1] for c in meeting.countries} == {"guatemala", "honduras", "el-salvador"}
    assert participants(records, names) == {"Mark Doyle"}


def test_previous_meetings_led_by_two_are_background(read):
    records, names = read([
        f"{DOYLE} met/VBD with {FERREIRA} in Tijuana on Monday .",
        "This meeting/NN built/VBD on previous/JJ meetings/NNS led/VBN by Dr. Amelia Rourke and Security Secretary Tomás Aguilar Reyes .",
    ])
    current = [m for m in records.meetings if not m.background]
    earlier = [m for m in records.meetings if m.background]
    assert len(current) == 1 and {names[p] for p in current[0].persons} == {"Mark Doyle", "Lucía Ferreira Alba"}
    assert len(earlier) == 1 and {names[p] for p in earlier[0].persons} == {"Amelia Rourke", "Tomás Aguilar Reyes"}


@pytest.mark.parametrize("sentence, status", [
    (f"{DOYLE} will meet/VB with {FERREIRA} in Tijuana .", "planned"),
    (f"{DOYLE} will travel/VB to Tijuana .", "planned"),
    (f"{DOYLE} met/VBD with {FERREIRA} in Tijuana .", "held"),
    (f"{DOYLE} meets/VBZ with {FERREIRA} in Tijuana tomorrow .", "planned"),
])
def test_planned_or_held(read, sentence, status):
    records, _ = read([sentence])
    assert [m.status for m in records.meetings] == [status]


def test_delegation_members_meet_the_host_not_each_other(read):
    records, names = read([
        "On May 9 , a U.S. delegation led/VBN by Deputy Secretary of State Carla Whitfield and "
        "Attorney General Peter Vance were/VBD hosted/VBN by President Elena Morales Durán in Mexico City ."
    ])
    met = pairs(records, names)
    assert frozenset({"Carla Whitfield", "Elena Morales Durán"}) in met
    assert frozenset({"Peter Vance", "Elena Morales Durán"}) in met
    assert frozenset({"Carla Whitfield", "Peter Vance"}) not in met


def test_companions_travel_together_but_do_not_meet_each_other(read):
    records, names = read([f"{DOYLE} will travel/VB to Mexico City with Attorney General Peter Vance ."])
    assert participants(records, names) == {"Mark Doyle", "Peter Vance"}
    assert pairs(records, names) == set()


def test_related_articles_persons_are_not_participants(read):
    records, names = read([
        f"{DOYLE} met/VBD with {FERREIRA} in Tijuana .", "\n\n", "Related Articles", "\n\n",
        "Assistant Secretary Gloria Penn Travels/VBZ to Lima , Peru", "\n\n", "READ MORE",
    ])
    assert "Gloria Penn" not in participants(records, names)
    assert not any("Gloria Penn" in p.names for p in records.persons)


def test_background_visit_of_a_candidate_is_excluded(read):
    records, names = read([
        f"{FERREIRA} met/VBD with {DOYLE} in Washington .",
        "On a visit/NN to Mexico City in August 2016 , then-presidential candidate Victor Hale said/VBD "
        "smugglers/NNS must/MD be/VB stopped/VBN .",
    ])
    assert "Victor Hale" not in participants(records, names)
    assert pairs(records, names) == {frozenset({"Lucía Ferreira Alba", "Mark Doyle"})}


def test_speaker_of_a_quote_is_not_a_participant(read):
    records, names = read([
        f"{DOYLE} met/VBD with {FERREIRA} in Washington .",
        "“ We/PRP will meet/VB again in Tijuana , ” said/VBD spokesperson Ana Ruiz Lozano .",
    ])
    assert "Ana Ruiz Lozano" not in participants(records, names)


def test_pronoun_subject_is_the_previous_sentence_subject(read):
    records, names = read([
        "Secretary of State Mark Doyle/NNP/nsubj arrived/VBD in Mexico City on Monday .",
        f"She/PRP/nsubj met/VBD with {FERREIRA} .",
    ])
    assert pairs(records, names) == {frozenset({"Lucía Ferreira Alba", "Mark Doyle"})}


def test_pronoun_is_not_resolved_when_the_previous_sentence_names_no_subject(read):
    records, names = read([
        "The ceremony/NN/nsubj honored/VBD Secretary of State Mark Doyle .",
        f"She/PRP/nsubj met/VBD with {FERREIRA} .",
    ])
    assert pairs(records, names) == set()


def test_both_secretaries_are_the_sides_of_the_current_meeting(read):
    records, names = read([
        f"{FERREIRA} met/VBD with {DOYLE} in Tijuana on Monday .",
        "Both secretaries/NNS met/VBD again in Monterrey on Wednesday .",
    ])
    assert len(records.meetings) == 2
    second = next(m for m in records.meetings if m.place and m.place.label == "Monterrey")
    assert {names[p] for p in second.persons} == {"Lucía Ferreira Alba", "Mark Doyle"}
    assert second.date == PartialDate(2022, 5, 11)


def test_the_delegation_is_its_members(read):
    records, names = read([
        "A delegation/NN led/VBN by Deputy Secretary of State Carla Whitfield and Attorney General Peter Vance "
        "traveled/VBD to Mexico City on May 9 .",
        "The delegation/NN met/VBD with President Elena Morales Durán .",
    ])
    met = pairs(records, names)
    assert {frozenset({"Carla Whitfield", "Elena Morales Durán"}), frozenset({"Peter Vance", "Elena Morales Durán"})} <= met
    assert frozenset({"Carla Whitfield", "Peter Vance"}) not in met


def test_possessive_pronoun_before_a_meeting_noun(read):
    records, names = read([
        "Secretary of State Mark Doyle/NNP/nsubj arrived/VBD in Mexico City on Monday .",
        f"During/IN her/PRP$/poss@2 meeting/NN with {FERREIRA} , they/PRP discussed/VBD fentanyl .",
    ])
    assert pairs(records, names) == {frozenset({"Lucía Ferreira Alba", "Mark Doyle"})}


def test_a_topic_word_after_met_does_not_make_a_call(read):
    records, _ = read([f"{DOYLE} met/VBD with {FERREIRA} in Tijuana to discuss/VB video surveillance ."])
    assert [m.kind for m in records.meetings] == ["meeting"]


def test_spoke_with_after_a_time_phrase_is_a_conversation(read):
    records, names = read([f"{DOYLE} spoke/VBD this morning/NN with {FERREIRA} ."])
    assert [m.kind for m in records.meetings] == ["call"]
    assert pairs(records, names) == {frozenset({"Lucía Ferreira Alba", "Mark Doyle"})}


def test_where_clause_tells_of_the_recalled_visit_not_of_the_call(read):
    records, names = read([
        f"{DOYLE} spoke/VBD by phone with {FERREIRA} .",
        "He/PRP/nsubj recalled/VBD his/PRP$/poss@3 visit/NN to Tijuana on May 2 , where/WRB he/PRP/nsubj and "
        "Attorney General Peter Vance met/VBD with Governor Samuel Ibarra Cantú .",
    ])
    call = next(m for m in records.meetings if m.kind == "call")
    assert {names[p] for p in call.persons} == {"Mark Doyle", "Lucía Ferreira Alba"}
    visit = next(m for m in records.meetings if m.kind != "call")
    assert visit.date == PartialDate(2022, 5, 2) and visit.place.label == "Tijuana"
    assert {"Peter Vance", "Samuel Ibarra Cantú"} <= {names[p] for p in visit.persons}


def test_delegation_list_adds_members_who_meet_the_other_side(read):
    records, names = read([
        f"Mexican {FERREIRA} met/VBD with {DOYLE} in Tijuana on Monday .",
        "The U.S. delegation/NN/nsubj also included/VBD Attorney General Peter Vance .",
    ])
    assert len(records.meetings) == 1
    met = pairs(records, names)
    assert frozenset({"Peter Vance", "Lucía Ferreira Alba"}) in met
    assert frozenset({"Peter Vance", "Mark Doyle"}) not in met
    # the side of a participant whose country is unknown is not guessed: no pair
    records, names = read([
        f"{FERREIRA} met/VBD with Secretary Omar Linde in Tijuana on Monday .",
        "The U.S. delegation/NN/nsubj also included/VBD Attorney General Peter Vance .",
    ])
    assert "Peter Vance" in participants(records, names)
    assert frozenset({"Peter Vance", "Omar Linde"}) not in pairs(records, names)


def test_quoted_dialogue_with_a_person_makes_no_meeting(read):
    records, names = read([
        f"{DOYLE} met/VBD with {FERREIRA} in Tijuana on Monday .",
        "“ We/PRP value/VBP our/PRP$ dialogue/NN with Secretary Tomás Aguilar Reyes , ” he/PRP said/VBD .",
    ])
    assert len(records.meetings) == 1
    assert "Tomás Aguilar Reyes" not in participants(records, names)


# --- attendance phrasings (invented wording; each names who was in the room and on which side) ---

OPENING = f"{DOYLE} met/VBD with Mexican {FERREIRA} in Tijuana on Monday ."


@pytest.mark.parametrize("sentence, members, side_country", [
    ("Attorney General Peter Vance and Director Colin Marsh took/VBD part on behalf of the United States .",
     {"Peter Vance", "Colin Marsh"}, None),
    ("Director Colin Marsh and Attorney General Peter Vance also participated/VBD for the United States .",
     {"Peter Vance", "Colin Marsh"}, None),
    ("The United States was/VBD also represented/VBN by Attorney General Peter Vance and by Director Colin Marsh .",
     {"Peter Vance", "Colin Marsh"}, "united-states"),
    ("Representing the United States were/VBD Attorney General Peter Vance ; and Director Colin Marsh .",
     {"Peter Vance", "Colin Marsh"}, "united-states"),
    ("Participants from the United States included/VBD Attorney General Peter Vance and Director Colin Marsh .",
     {"Peter Vance", "Colin Marsh"}, "united-states"),
    ("On the U.S. side , the meeting was/VBD also attended/VBN by Attorney General Peter Vance and by "
     "Director Colin Marsh .", {"Peter Vance", "Colin Marsh"}, "united-states"),
    ("The U.S. delegation , headed/VBN by Attorney General Peter Vance , included/VBD Director Colin Marsh ; "
     "and Ambassador Nora Blake .", {"Peter Vance", "Colin Marsh", "Nora Blake"}, "united-states"),
])
def test_attendance_phrasings_add_members_on_their_side(read, sentence, members, side_country):
    records, names = read([OPENING, sentence])
    assert len(records.meetings) == 1
    assert members <= participants(records, names)
    met = pairs(records, names)
    for member in members:
        assert frozenset({member, "Lucía Ferreira Alba"}) in met, member
        assert frozenset({member, "Mark Doyle"}) not in met, member
    if side_country:  # a person named only on a side gets that side's country
        country = {p.names[0]: p.country for p in records.persons}
        assert all(country[m].endswith(side_country) for m in members)


def test_meeting_noun_with_a_relative_clause_was_attended_by(read):
    records, names = read([
        OPENING,
        "The meeting , which lasted/VBD two hours , was/VBD also attended/VBN by Mexican Secretary Hugo Rosales .",
    ])
    assert frozenset({"Hugo Rosales", "Mark Doyle"}) in pairs(records, names)


def test_accompanied_by_puts_companions_on_the_participant_side(read):
    records, names = read([OPENING, "Secretary Doyle was/VBD accompanied/VBN by Director Colin Marsh ."])
    met = pairs(records, names)
    assert frozenset({"Colin Marsh", "Lucía Ferreira Alba"}) in met
    assert frozenset({"Colin Marsh", "Mark Doyle"}) not in met


def test_accompanying_someone_outside_the_meeting_adds_nobody(read):
    records, names = read([OPENING, "Senator Bill Grant was/VBD accompanied/VBN by Director Colin Marsh ."])
    assert "Colin Marsh" not in participants(records, names)


@pytest.mark.parametrize("sentence, absent", [
    ("Director Colin Marsh took/VBD part for two hours .", "Colin Marsh"),
    ("The Secretary was/VBD represented/VBN by Director Colin Marsh .", "Colin Marsh"),
    ("Former Secretary Ana Ruiz Lara took/VBD part on behalf of Mexico .", "Ana Ruiz Lara"),
    ("Director Colin Marsh participated/VBD on behalf of President Ana Vidal .", "Ana Vidal"),
])
def test_attendance_guards(read, sentence, absent):
    records, names = read([OPENING, sentence])
    assert absent not in participants(records, names)


def test_courtesy_call_on_a_person_is_a_meeting(read):
    records, names = read(["Mexican Secretary Hugo Rosales paid/VBD a courtesy/NN call/NN on Secretary of State Mark Doyle ."])
    assert pairs(records, names) == {frozenset({"Hugo Rosales", "Mark Doyle"})}
    assert records.meetings[0].kind == "visit"


def test_numbered_session_is_a_meeting_but_a_training_session_is_not(read):
    records, _ = read(["The next/JJ session/NN of the Group will be/VB held/VBN in Monterrey ."])
    assert [m.status for m in records.meetings] == ["planned"]
    assert records.meetings[0].place.label == "Monterrey"
    records, _ = read(["The officers attended/VBD a training/NN session/NN in Monterrey ."])
    assert records.meetings == []


# --- issue 3: separate meetings of one visit, companions, clause boundaries, back-references ---


def test_a_meeting_told_later_that_day_is_its_own_and_takes_the_day(read):
    records, names = read([OPENING, "Later that day , Secretary Doyle met/VBD with Governor Samuel Ibarra Cantú ."])
    assert len(records.meetings) == 2
    later = next(m for m in records.meetings if "Samuel Ibarra Cantú" in {names[p] for p in m.persons})
    assert {names[p] for p in later.persons} == {"Mark Doyle", "Samuel Ibarra Cantú"}
    assert later.date == PartialDate(2022, 5, 9) and later.place.label == "Tijuana"
    assert frozenset({"Samuel Ibarra Cantú", "Lucía Ferreira Alba"}) not in pairs(records, names)


def test_separately_another_official_meets_on_the_same_day_but_not_in_the_same_place(read):
    records, names = read([OPENING, "Separately/RB/advmod , Attorney General Peter Vance met/VBD with Mexican "
                                    "Attorney General Hugo Rosales ."])
    assert len(records.meetings) == 2
    other = next(m for m in records.meetings if "Peter Vance" in {names[p] for p in m.persons})
    assert other.date == PartialDate(2022, 5, 9) and other.place is None


def test_a_visit_then_while_there_also_meet_is_one_meeting(read):
    records, names = read([f"{DOYLE} will travel/VB to Tijuana on Monday .",
                           f"While there , Secretary Doyle will also/RB/advmod meet/VB with Mexican {FERREIRA} ."])
    assert len(records.meetings) == 1
    assert records.meetings[0].place.label == "Tijuana"


def test_joined_by_puts_companions_on_the_side_of_the_participant(read):
    records, names = read([
        OPENING,
        "Secretary/NNP/compound@1 Doyle/NNP/nsubjpass@3 was/MD/auxpass@3 joined/VBN by/IN/agent@3 "
        "Director/NNP/compound@7 Colin/NNP/compound@7 Marsh/NNP/pobj@4 and/CC/cc@7 Ambassador/NNP/compound@11 "
        "Nora/NNP/compound@11 Blake/NNP/conj@7 .",
    ])
    met = pairs(records, names)
    assert {frozenset({"Colin Marsh", "Lucía Ferreira Alba"}), frozenset({"Nora Blake", "Lucía Ferreira Alba"})} <= met
    assert not {frozenset({"Colin Marsh", "Mark Doyle"}), frozenset({"Nora Blake", "Mark Doyle"})} & met


def test_joined_by_someone_outside_the_meeting_adds_nobody(read):
    records, names = read([
        OPENING,
        "Senator/NNP/compound@2 Bill/NNP/compound@2 Grant/NNP/nsubjpass@4 was/MD/auxpass@4 joined/VBN "
        "by/IN/agent@4 Director/NNP/compound@8 Colin/NNP/compound@8 Marsh/NNP/pobj@5 .",
    ])
    assert "Colin Marsh" not in participants(records, names)


def test_a_coordinated_clause_with_its_own_subject_is_another_meeting(read):
    records, names = read([
        "Senator/NNP/compound@2 Ann/NNP/compound@2 Pike/NNP/nsubj@4 will meet/VB with Governor Samuel Ibarra "
        "Cantú , and Representative/NNP/compound@14 Leah/NNP/compound@14 Osborne/NNP/nsubj@16 will "
        "meet/VB/conj@4 with Mayor Carmen Ybarra Soto .",
    ])
    met = pairs(records, names)
    assert {frozenset({"Ann Pike", "Samuel Ibarra Cantú"}), frozenset({"Leah Osborne", "Carmen Ybarra Soto"})} <= met
    assert not {frozenset({"Ann Pike", "Carmen Ybarra Soto"}), frozenset({"Leah Osborne", "Samuel Ibarra Cantú"}),
                frozenset({"Ann Pike", "Leah Osborne"})} & met


def test_what_a_sentence_says_of_a_meeting_is_no_meeting_of_its_own(read):
    records, names = read([
        OPENING,
        "Monday/NNP/poss@2 's/POS meeting/NN/nsubj@3 was/VBD the first/JJ visit/NN/attr@3 by Governor Samuel "
        "Ibarra Cantú to Tijuana since 2019 .",
    ])
    assert len(records.meetings) == 1
    assert records.meetings[0].date == PartialDate(2022, 5, 9)
    assert "Samuel Ibarra Cantú" not in participants(records, names)
