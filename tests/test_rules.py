"""Rule components on hand-built text with a blank pipeline (no trained model)."""

from __future__ import annotations

import pytest

from diplokg.corpus import PartialDate
from diplokg.extract import agreements as agr
from diplokg.extract.dates import resolve_date
from diplokg.extract.segment import boilerplate_spans


def topic_labels(doc, ontology) -> set[str]:
    return {ontology.topics[t.topic].label for t in doc._.topics}


def test_topics_from_alternative_labels(rule_nlp, ontology):
    doc = rule_nlp("They discussed illicit fentanyl, firearms trafficking and the facilitation of travel.")
    assert {"Fentanyl", "Arms trafficking", "Travel facilitation"} <= topic_labels(doc, ontology)


def test_topics_inside_coordinations(rule_nlp, ontology):
    doc = rule_nlp("Mexico will dismantle human smuggling and trafficking organizations.")
    assert {"Human smuggling", "Human trafficking"} <= topic_labels(doc, ontology)
    doc = rule_nlp("They fought drug and arms trafficking.")
    assert {"Drug trafficking", "Arms trafficking"} <= topic_labels(doc, ontology)


def test_topics_absent_from_unrelated_text(rule_nlp, ontology):
    assert topic_labels(rule_nlp("The weather in the capital was pleasant."), ontology) == set()


def test_title_rule_finds_unknown_person_with_title(rule_nlp):
    doc = rule_nlp("Deputy Foreign Minister Marisol Quintanar Ibarra will travel to Ottawa.")
    persons = [m for m in doc._.actors if m.kind == "person"]
    assert [p.text for p in persons] == ["Marisol Quintanar Ibarra"]
    assert persons[0].title == "Deputy Foreign Minister"


def test_title_rule_splits_coordinated_names(rule_nlp):
    doc = rule_nlp("The talks were led by Dr. Amelia Rourke and Security Secretary Tomás Aguilar Reyes.")
    assert [m.text for m in doc._.actors if m.kind == "person"] == ["Amelia Rourke", "Tomás Aguilar Reyes"]


def test_gazetteer_person_and_surname_mention(rule_nlp):
    doc = rule_nlp("Secretary of Homeland Security Kirstjen M. Nielsen spoke.\nLater, Secretary Nielsen left.")
    persons = [m for m in doc._.actors if m.kind == "person"]
    assert len(persons) == 2
    assert persons[0].key == persons[1].key and persons[0].key.endswith("kirstjen-nielsen")
    assert persons[1].source == "surname"


def test_then_candidate_is_background(rule_nlp):
    doc = rule_nlp("On a visit in 2016, then-presidential candidate Marco Tellez Ruiz said it.")
    persons = [m for m in doc._.actors if m.kind == "person"]
    assert persons and persons[0].background


def test_demonym_is_a_country(rule_nlp):
    doc = rule_nlp("He met his Mexican counterpart.")
    countries = [m for m in doc._.actors if m.kind == "country"]
    assert countries and countries[0].key.endswith("/mexico") and countries[0].demonym


def test_boilerplate_related_articles_and_banners():
    text = (
        "An official website of the United States government\n\nShare\n\n"
        "The ministers met in Lima on Monday.\n\nRelated Articles\n\n"
        "Assistant Secretary Jane Roe Travels to Quito\n\nREAD MORE"
    )
    spans = [text[s:e] for s, e in boilerplate_spans(text)]
    assert "The ministers met in Lima on Monday." not in spans
    assert "Assistant Secretary Jane Roe Travels to Quito" in spans
    assert "Share" in spans and spans[0].startswith("An official website")


def test_boilerplate_keeps_section_headings():
    text = "Intro paragraph that is long enough to count as body text here.\n\nBorder Enforcement\n\nMexico will deploy officers to the border, the statement said."
    assert boilerplate_spans(text) == []


def test_boilerplate_sentences_carry_no_actors(rule_nlp):
    doc = rule_nlp("The delegates met.\n\nRelated Articles\n\nAssistant Secretary Kimberly Breier Travels to Lima, Peru")
    assert not [m for m in doc._.actors if m.kind == "person"]


def test_sentences_never_split_inside_a_line_without_punctuation(rule_nlp):
    doc = rule_nlp("Mexico City, Mexico — Secretaries of both countries sat down.")
    assert len(list(doc.sents)) == 1


def test_relative_dates():
    pub = PartialDate(2018, 7, 12)
    assert resolve_date("Friday, July 13th", pub, "future").value == PartialDate(2018, 7, 13)
    assert resolve_date("July 10th", pub, "past").value == PartialDate(2018, 7, 10)
    assert resolve_date("Tuesday", pub, "past").value == PartialDate(2018, 7, 10)
    assert resolve_date("tomorrow", pub, "future").value == PartialDate(2018, 7, 13)
    assert resolve_date("this week", pub, None).value == PartialDate(2018, 7)
    assert resolve_date("last month", pub, "past").value == PartialDate(2018, 6)
    assert resolve_date("later this year", pub, "future").value == PartialDate(2018)


def test_partial_publication_dates_never_invent_a_day():
    assert resolve_date("On July 24", PartialDate(2023, 7), "past").value == PartialDate(2023, 7, 24)
    assert resolve_date("Tuesday", PartialDate(2023, 7), "past").value is None
    assert resolve_date("tomorrow", None, "future").value is None
    assert resolve_date("December 18, 2018", None, None).value == PartialDate(2018, 12, 18)


def test_deadline_within_days():
    deadline, text = agr.deadline_from("to be completed within 90 days, if necessary", PartialDate(2019, 6, 7))
    assert deadline == PartialDate(2019, 9, 5) and text == "within 90 days"
    assert agr.deadline_from("within two months", PartialDate(2020, 12, 31))[0] == PartialDate(2021, 2, 28)
    assert agr.deadline_from("within 90 days", PartialDate(2019, 6))[0] is None


def test_commitment_modality():
    def modality(text):
        kind, _ = agr.commitment_match(type("S", (), {"text": text})())
        return agr.commitment_modality(text, kind)

    assert modality("Mexico will deploy its National Guard.") == "firm"
    assert modality("Both parties agree that, in the event the measures fail, they will act.") == "conditional"
    assert modality("The United States and Mexico welcome the plan.") == "welcome"
    assert modality("The two countries reiterate their previous statement.") == "reaffirmation"


def test_named_agreements(rule_nlp):
    doc = rule_nlp("They renewed the U.S.-Mexico Bicentennial Framework for Security, Public Health, and Safe Communities and signed a memorandum of understanding.")
    labels = [a.label for a in agr.find_agreements(next(doc.sents))]
    assert labels == [
        "U.S.-Mexico Bicentennial Framework for Security, Public Health, and Safe Communities",
        "Memorandum of Understanding",
    ]


def test_own_statement_from_title_or_headline():
    assert agr.own_statement_title("U.S.-Mexico Joint Declaration", None) == "U.S.-Mexico Joint Declaration"
    assert agr.own_statement_title(None, "Joint Statement on Border Security") == "Joint Statement on Border Security"
    assert agr.own_statement_title(None, "The ministers signed an agreement.") is None
    assert agr.own_statement_title("Secretary to Travel to Mexico", None) is None


def test_weekday_of_the_publication_day_is_that_day():
    # published on a Wednesday (2023-03-15)
    pub = PartialDate(2023, 3, 15)
    for prefer in ("past", "future"):  # "met on Wednesday" and "will sign on Wednesday"
        assert resolve_date("on Wednesday", pub, prefer).value == pub
        assert resolve_date("this Wednesday", pub, prefer).value == pub
        assert resolve_date("Wednesday afternoon", pub, prefer).value == pub
    assert resolve_date("on Tuesday", pub, "past").value == PartialDate(2023, 3, 14)  # the day before
    assert resolve_date("on Thursday", pub, "future").value == PartialDate(2023, 3, 16)
    assert resolve_date("next Wednesday", pub, "future").value == PartialDate(2023, 3, 22)
    assert resolve_date("last Wednesday", pub, "past").value == PartialDate(2023, 3, 8)
    assert resolve_date("on Wednesday", PartialDate(2023, 3), "past").value is None  # no known day


def test_month_and_day_of_the_publication_day_keep_its_year():
    pub = PartialDate(2023, 3, 15)
    assert resolve_date("Wednesday, March 15", pub, "future").value == pub
    assert resolve_date("March 15", pub, "past").value == pub
    assert resolve_date("March 20", pub, "future").value == PartialDate(2023, 3, 20)


def test_job_title_is_not_an_agreement(rule_nlp):
    doc = rule_nlp("The talks were led by Deputy Under Secretary for Planning, Policy, and Strategy Helena Voss "
                   "and Director General Tomás Ibarra Luján.")
    assert agr.find_agreements(next(doc.sents)) == []
    doc = rule_nlp("Ministers adopted the Regional Migration Compact and Ambassador Lena Ortiz welcomed it.")
    assert [a.label for a in agr.find_agreements(next(doc.sents))] == ["Regional Migration Compact"]


def test_letter_of_intent_keeps_its_full_name(rule_nlp):
    doc = rule_nlp("The ministers signed a Letter of Intent on Maritime Customs Cooperation in Veracruz.")
    assert [a.label for a in agr.find_agreements(next(doc.sents))] == [
        "Letter of Intent on Maritime Customs Cooperation"]
    doc = rule_nlp("Senators sent an Open Letter to the Cabinet.")
    assert agr.find_agreements(next(doc.sents)) == []


def test_sentence_initial_preposition_is_not_part_of_a_name(rule_nlp):
    doc = rule_nlp("Under the Border Technology Compact, both customs services will share data.")
    assert [a.label for a in agr.find_agreements(next(doc.sents))] == ["Border Technology Compact"]


def test_facility_named_as_a_place_is_not_a_topic(rule_nlp, ontology):
    from diplokg.extract.topics import mask_mentions

    doc = rule_nlp("Agents seized cocaine at the busiest Laredo ports of entry.")
    kept = {ontology.topics[t.topic].label for t in mask_mentions(doc, doc._.topics, [])}
    assert "Infrastructure" not in kept and "Drug trafficking" in kept
    doc = rule_nlp("Both governments will modernize ports of entry and international bridges.")
    assert "Infrastructure" in {ontology.topics[t.topic].label for t in mask_mentions(doc, doc._.topics, [])}


def test_topic_words_inside_a_name_do_not_count(rule_nlp, ontology):
    from diplokg.extract.topics import mask_mentions

    doc = rule_nlp("They reviewed the Gulf Coast Initiative for Tourism and Human Rights and discussed fentanyl.")
    name = agr.find_agreements(next(doc.sents))[0]
    kept = {ontology.topics[t.topic].label
            for t in mask_mentions(doc, doc._.topics, [(name.start, name.end)], frozenset(agr.AGREEMENT_HEADS))}
    assert kept == {"Fentanyl"}
    # a label that names the agreement itself still counts
    doc = rule_nlp("They reviewed progress under the Merida Initiative.")
    name = agr.find_agreements(next(doc.sents))[0]
    kept = {ontology.topics[t.topic].label
            for t in mask_mentions(doc, doc._.topics, [(name.start, name.end)], frozenset(agr.AGREEMENT_HEADS))}
    assert kept == {"Security cooperation"}


def test_office_names_and_place_uses_are_no_topic_labels(rule_nlp, ontology):
    assert "Trade" not in topic_labels(rule_nlp("The Secretary of Commerce joined the delegation."), ontology)
    assert "Trade" in topic_labels(rule_nlp("They discussed cross-border commerce and tariffs."), ontology)


def test_footer_topic_lists_and_visit_links_are_boilerplate():
    text = ("The two ministers met in Tijuana on Monday to discuss migration and tourism.\n\n"
            "To learn more about the agency's work, visit www.example.gob.mx/migracion.\n\n"
            "Topics: Migration, Tourism, Border Security\nKeywords: Tijuana, Asylum\n\n"
            "Categories: Press Releases")
    spans = [text[s:e] for s, e in boilerplate_spans(text)]
    assert text.split("\n")[0] not in spans
    assert any(s.startswith("To learn more") for s in spans)
    assert {"Topics: Migration, Tourism, Border Security", "Keywords: Tijuana, Asylum",
            "Categories: Press Releases"} <= set(spans)


def test_date_inside_a_condition_is_no_deadline():
    pub = PartialDate(2027, 2, 1)
    assert agr.deadline_from("Unless seizures rise by the end of 2027, both sides will review the plan", pub) == (None, None)
    value, _ = agr.deadline_from("If funding allows, Mexico will open two laboratories by May 31, 2027", pub)
    assert value == PartialDate(2027, 5, 31)


def test_generic_words_are_no_topic_labels(rule_nlp, ontology):
    assert topic_labels(rule_nlp("They reviewed the development of a new customs database."), ontology) == set()
    assert "Economic development" in topic_labels(
        rule_nlp("Both sides pledged funds for regional development in Chiapas."), ontology)


def test_periods_counted_from_an_event_resolve_to_no_date():
    pub = PartialDate(2026, 5, 14)
    for phrase in ["five days after the signing", "before the ceremony", "three weeks after the summit",
                   "10 days before the election", "two days later"]:
        for prefer in ("past", "future"):
            assert resolve_date(phrase, pub, prefer).value is None, phrase
    assert resolve_date("yesterday", pub, "past").value == PartialDate(2026, 5, 13)


def test_a_date_line_at_the_top_is_the_publication_date(tmp_path):
    from diplokg.corpus import leading_date, load_corpus

    assert leading_date("Readout of the working group\nMay 14, 2026\n\nThe delegations met yesterday.") == PartialDate(2026, 5, 14)
    assert leading_date("MEXICO CITY, 3 June 2025 —\nOfficials met.") == PartialDate(2025, 6, 3)
    assert leading_date("The delegations met on May 14, 2026 in Tapachula.") is None  # a sentence, not a date line
    assert leading_date("One\nTwo\nThree\nFour\nFive\nMay 14, 2026") is None  # too far down
    (tmp_path / "undated.txt").write_text("May 14, 2026\n\nThe delegations met yesterday.\n", encoding="utf-8")
    (tmp_path / "dated.md").write_text("---\npublished: 2024-01-02\n---\nMay 14, 2026\n\nText.\n", encoding="utf-8")
    docs = {d.file_name: d.published for d in load_corpus(tmp_path).documents}
    assert docs == {"undated.txt": PartialDate(2026, 5, 14), "dated.md": PartialDate(2024, 1, 2)}  # metadata wins


# --------------------------------------------------------------------------- facilities as places

VISITED_FACILITIES = [
    "Secretary Ana Ruiz toured the San Ysidro port of entry, one of the busiest commercial crossings in the world.",
    "The delegation visited the Calexico East Port of Entry on Tuesday.",
    "The ministers traveled to the Laredo port of entry to meet customs officers.",
    "During a tour of the Otay Mesa port of entry, the officials met with customs staff.",
    "After arriving in Nogales, she inspected the Mariposa port of entry with the governor.",
    "The two mayors walked across one of the international bridges at dawn.",
    "They met at the border crossing in Tijuana.",
    "The Secretary then flew to the ports of entry in El Paso.",
]
FACILITY_SUBJECTS = [
    "Both governments will invest $500 million in ports of entry.",
    "The Secretary announced funding to modernize the Laredo port of entry.",
    "The ministers agreed to build a new port of entry near Mexicali.",
    "They reviewed plans for two new international bridges.",
    "Mexico will upgrade its ports of entry with new scanners.",
    "Officials discussed how to reduce illegal border crossings.",
]


@pytest.mark.parametrize("pipeline", ["rule_nlp", "nlp"])
@pytest.mark.parametrize("text", VISITED_FACILITIES)
def test_a_visited_facility_is_a_place_not_a_topic(request, ontology, pipeline, text):
    from diplokg.extract.topics import mask_mentions

    doc = request.getfixturevalue(pipeline)(text)
    kept = {ontology.topics[t.topic].label for t in mask_mentions(doc, doc._.topics, [])}
    assert not kept & {"Infrastructure", "Border security"}, kept


@pytest.mark.parametrize("pipeline", ["rule_nlp", "nlp"])
@pytest.mark.parametrize("text", FACILITY_SUBJECTS)
def test_a_facility_that_is_the_subject_stays_a_topic(request, ontology, pipeline, text):
    from diplokg.extract.topics import mask_mentions

    doc = request.getfixturevalue(pipeline)(text)
    kept = {ontology.topics[t.topic].label for t in mask_mentions(doc, doc._.topics, [])}
    assert kept & {"Infrastructure", "Border security"}, kept
