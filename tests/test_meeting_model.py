"""Meeting rules with the trained pipeline on invented texts (names and wording differ from the
seeds and the dev set on purpose): calls with a time before "with", attendance sentences,
recalled and planned meetings kept apart from the current one, meetings of unnamed bodies,
datelines, boilerplate."""

from __future__ import annotations

from diplokg.corpus import PartialDate
from diplokg.extract.segment import boilerplate_spans
from test_extraction_model import met_pairs, names, read




def place(meeting):
    return meeting.place.label if meeting.place else None


def test_spoke_with_after_a_time_of_day_is_a_dated_call(nlp, ontology):
    for when in ("this afternoon", "on Tuesday"):
        text = f"Prime Minister Helena Voss spoke {when} with President Ramiro Quintanilla Soto of Mexico."
        records = read(nlp, ontology, text, PartialDate(2023, 9, 14))
        assert [m.kind for m in records.meetings] == ["call"], when
        assert met_pairs(records) == {frozenset({"Helena Voss", "Ramiro Quintanilla Soto"})}
    records = read(nlp, ontology, "Prime Minister Helena Voss spoke this afternoon with President Ramiro "
                   "Quintanilla Soto of Mexico.", PartialDate(2023, 9, 14))
    assert records.meetings[0].date == PartialDate(2023, 9, 14)


def test_recalled_visit_and_planned_follow_up_stay_apart_from_the_call(nlp, ontology):
    text = (
        "Foreign Minister Ingrid Halvorsen spoke by phone today with Mexican Security Secretary Tomás "
        "Aguilar Reyes.\n\n"
        "The Minister recalled her March 3 trip to Guadalajara, where she and Attorney General Peter Vance "
        "met with Governor Samuel Ibarra Cantú.\n\n"
        "The two officials agreed that their staffs would meet in Ottawa next month to prepare the summit."
    )
    records = read(nlp, ontology, text, PartialDate(2024, 5, 20))
    call = next(m for m in records.meetings if m.kind == "call")
    assert names(records, call.persons) == {"Ingrid Halvorsen", "Tomás Aguilar Reyes"}
    assert call.place is None and call.date == PartialDate(2024, 5, 20)
    trip = next(m for m in records.meetings if m.date == PartialDate(2024, 3, 3))
    assert place(trip) == "Guadalajara"
    assert {"Peter Vance", "Samuel Ibarra Cantú"} <= names(records, trip.persons)
    planned = [m for m in records.meetings if m.status == "planned"]
    assert len(planned) == 1 and place(planned[0]) == "Ottawa" and not planned[0].persons


def test_delegation_lists_and_attendance_join_the_current_meeting(nlp, ontology):
    text = (
        "On October 2, 2025, officials of the United States and Mexico met in Tijuana for the talks of the "
        "Bilateral Ports Committee.\n\n"
        "The meeting was co-chaired by Deputy Secretary of State Carla Whitfield and Undersecretary "
        "Tomás Aguilar Reyes.\n\n"
        "The Mexican delegation also included Customs Director Lorena Ibáñez Cruz. "
        "The U.S. delegation was headed by Commissioner Daniel Okafor.\n\n"
        "Also taking part on behalf of the United States was Ambassador Peter Vance."
    )
    records = read(nlp, ontology, text, PartialDate(2025, 10, 3))
    assert len(records.meetings) == 1
    meeting = records.meetings[0]
    assert place(meeting) == "Tijuana"
    assert {"Carla Whitfield", "Tomás Aguilar Reyes", "Lorena Ibáñez Cruz", "Daniel Okafor",
            "Peter Vance"} <= names(records, meeting.persons)
    pairs = met_pairs(records)
    assert frozenset({"Carla Whitfield", "Tomás Aguilar Reyes"}) in pairs  # co-chairs
    assert frozenset({"Daniel Okafor", "Lorena Ibáñez Cruz"}) in pairs  # across the two delegations
    assert frozenset({"Peter Vance", "Lorena Ibáñez Cruz"}) in pairs
    assert frozenset({"Daniel Okafor", "Peter Vance"}) not in pairs  # one side


def test_joined_the_talks_adds_to_the_meeting_rather_than_making_one(nlp, ontology):
    text = (
        "Secretary of State Mark Doyle met with Foreign Secretary Lucía Ferreira Alba in Cancún on Monday.\n\n"
        "U.S. Ambassador to Mexico Peter Vance also joined the talks."
    )
    records = read(nlp, ontology, text, PartialDate(2023, 4, 12))
    assert len(records.meetings) == 1
    assert "Peter Vance" in names(records, records.meetings[0].persons)
    assert place(records.meetings[0]) == "Cancún"


def test_numbered_meetings_of_a_body_have_places_and_no_invented_participants(nlp, ontology):
    text = (
        "On June 5, 2024, the Joint Customs Working Group held its fifth meeting in Houston. "
        "The U.S. delegation was led by Commissioner Daniel Okafor. "
        "The Mexican delegation was led by Customs Director Lorena Ibáñez Cruz.\n\n"
        "The participants reviewed progress since the fourth meeting of the Group, held in Mérida in "
        "December 2023.\n\n"
        "The sixth meeting of the Group is expected to take place in Tampico early next year."
    )
    records = read(nlp, ontology, text, PartialDate(2024, 6, 6))
    fifth = next(m for m in records.meetings if m.date == PartialDate(2024, 6, 5))
    assert place(fifth) == "Houston" and fifth.status == "held"
    assert met_pairs(records) == {frozenset({"Daniel Okafor", "Lorena Ibáñez Cruz"})}
    fourth = next(m for m in records.meetings if place(m) == "Mérida")
    assert fourth.status == "held" and not fourth.persons
    sixth = [m for m in records.meetings if m.status == "planned"]
    assert len(sixth) == 1 and not sixth[0].persons


def test_quoted_dialogue_is_no_meeting(nlp, ontology):
    text = (
        "Secretary Mark Doyle met with Foreign Secretary Lucía Ferreira Alba in Lima on May 2.\n\n"
        "\u201cWe value our continuing dialogue with Secretary Tomás Aguilar Reyes,\u201d Secretary Doyle said."
    )
    records = read(nlp, ontology, text, PartialDate(2022, 5, 3))
    assert len(records.meetings) == 1
    assert "Tomás Aguilar Reyes" not in names(records, records.meetings[0].persons)


def test_recalled_meeting_of_former_officials_is_its_own_meeting(nlp, ontology):
    text = (
        "Secretary Mark Doyle met with Foreign Secretary Lucía Ferreira Alba in Lima on Thursday.\n\n"
        "In March 2015, then-Attorney General Peter Vance traveled to Monterrey for talks with Governor "
        "Samuel Ibarra Cantú."
    )
    records = read(nlp, ontology, text, PartialDate(2022, 5, 6))
    current = next(m for m in records.meetings if "Mark Doyle" in names(records, m.persons))
    assert "Peter Vance" not in names(records, current.persons)
    recalled = next(m for m in records.meetings if "Peter Vance" in names(records, m.persons))
    assert recalled.date == PartialDate(2015, 3) and place(recalled) == "Monterrey"
    assert frozenset({"Peter Vance", "Samuel Ibarra Cantú"}) in met_pairs(records)


def test_visit_to_two_countries_is_two_visits(nlp, ontology):
    text = "Secretary of State Mark Doyle will travel to Honduras and Guatemala to discuss migration."
    records = read(nlp, ontology, text, PartialDate(2022, 5, 3))
    assert sorted(place(m) for m in records.meetings) == ["Guatemala", "Honduras"]
    assert all(m.status == "planned" for m in records.meetings)


def test_joined_colleagues_in_a_city_is_a_meeting_without_pairs(nlp, ontology):
    text = ("In May 2019, Secretary Mark Doyle joined Attorney General Peter Vance and Commissioner Daniel "
            "Okafor in Monterrey for a security conference.")
    records = read(nlp, ontology, text, PartialDate(2022, 5, 3))
    assert len(records.meetings) == 1
    meeting = records.meetings[0]
    assert names(records, meeting.persons) == {"Mark Doyle", "Peter Vance", "Daniel Okafor"}
    assert place(meeting) == "Monterrey" and meeting.date == PartialDate(2019, 5)
    assert met_pairs(records) == set()  # companions, not counterparts


def test_negotiations_held_between_named_officials_are_planned_talks(nlp, ontology):
    text = ("In the coming weeks, negotiations will be held between Trade Representative Helena Voss and "
            "Economy Secretary Ramiro Quintanilla Soto.")
    records = read(nlp, ontology, text, PartialDate(2025, 3, 3))
    assert [m.status for m in records.meetings] == ["planned"]
    assert names(records, records.meetings[0].persons) == {"Helena Voss", "Ramiro Quintanilla Soto"}


def test_dateline_places_the_current_meeting_but_not_a_call(nlp, ontology):
    text = ("GUADALAJARA \u2013 On Monday, Secretary of State Mark Doyle met with Foreign Secretary Lucía "
            "Ferreira Alba to review border cooperation.")
    records = read(nlp, ontology, text, PartialDate(2022, 5, 3))
    assert place(records.meetings[0]) == "Guadalajara"
    text = ("Monterrey, May 3, 2022\n\nSecretary Mark Doyle spoke by phone with Foreign Secretary Lucía "
            "Ferreira Alba about border cooperation.")
    records = read(nlp, ontology, text, PartialDate(2022, 5, 3))
    assert records.meetings[0].kind == "call" and records.meetings[0].place is None
    # a headline with a dash is no dateline
    text = ("Monterrey - Lima ties\n\nSecretary Mark Doyle met with Foreign Secretary Lucía Ferreira Alba "
            "on Monday.")
    records = read(nlp, ontology, text, PartialDate(2022, 5, 3))
    assert records.meetings[0].place is None


def test_footer_contact_and_url_lines_are_boilerplate():
    text = ("The ministers met in Quito.\n\nPress contact: Maria Lopez, Office of Communications\n\n"
            "For further information, please contact the embassy press section.\n\nwww.example.org/news\n\n"
            "info@example.org\n\nThey agreed to meet again.")
    found = [text[s:e] for s, e in boilerplate_spans(text)]
    assert found == ["Press contact: Maria Lopez, Office of Communications",
                     "For further information, please contact the embassy press section.",
                     "www.example.org/news", "info@example.org"]


def test_attendance_phrasings_join_the_meeting_on_their_sides(nlp, ontology):
    text = (
        "Secretary of Homeland Security Daniel Okafor met with Mexican Foreign Secretary Lucía Ferreira Alba in "
        "Mexico City on Monday.\n\n"
        "The Deputy Attorney General, Harriet Lomax, and the Director of the FBI, Colin Marsh, took part on behalf "
        "of the United States.\n\n"
        "Mexico was represented by the Secretary of the Navy, Admiral Tomás Aguilar Reyes, and by the Attorney "
        "General, Renata Villaseñor Ruiz.\n\n"
        "Participants from Mexico included Undersecretary Ximena Prado Ruiz.\n\n"
        "The talks, which lasted three hours, were also attended by Mexican Navy Secretary Hugo Rosales Peña.\n\n"
        "“We thank Senator Bill Grant for his support,” Okafor said."
    )
    records = read(nlp, ontology, text, PartialDate(2024, 3, 5))
    assert len(records.meetings) == 1
    met = met_pairs(records)
    us = {"Daniel Okafor", "Harriet Lomax", "Colin Marsh"}
    mexico = {"Lucía Ferreira Alba", "Renata Villaseñor Ruiz", "Ximena Prado Ruiz", "Hugo Rosales Peña"}
    for a in us:
        for b in mexico:
            assert frozenset({a, b}) in met, (a, b)
    assert frozenset({"Harriet Lomax", "Colin Marsh"}) not in met  # one side: they did not "meet"
    assert "Bill Grant" not in names(records, records.meetings[0].persons)
    country = {p.names[0]: p.country for p in records.persons}
    assert country["Ximena Prado Ruiz"].endswith("mexico")  # from the side she was named on


def test_delegation_with_a_head_apposition_and_semicolon_lists(nlp, ontology):
    text = (
        "The second session of the Bilateral Border Security Working Group was held at the Department of State in "
        "Washington on Tuesday.\n\n"
        "The Mexican delegation, headed by the Undersecretary for North America, Ambassador Irene Paz Medina, "
        "included the Head of the Customs Agency, Rubén Solís Ortega; and the Director of Migration, Carla "
        "Ventura Gil.\n\n"
        "Representing the United States were Deputy Secretary Alan Pierce; and the Assistant Secretary for "
        "Western Hemisphere Affairs, Nora Blake.\n\n"
        "The next session of the Group will be held in Monterrey in 2025."
    )
    records = read(nlp, ontology, text, PartialDate(2024, 3, 5))
    held = [m for m in records.meetings if m.status == "held"]
    assert len(held) == 1 and place(held[0]) == "Washington"
    met = met_pairs(records)
    for a in ("Alan Pierce", "Nora Blake"):
        for b in ("Irene Paz Medina", "Rubén Solís Ortega", "Carla Ventura Gil"):
            assert frozenset({a, b}) in met, (a, b)
    assert frozenset({"Irene Paz Medina", "Carla Ventura Gil"}) not in met
    planned = [m for m in records.meetings if m.status == "planned"]
    assert len(planned) == 1 and place(planned[0]) == "Monterrey" and not planned[0].persons


def test_annex_lists_under_side_headers_and_companions(nlp, ontology):
    text = (
        "Secretary of State Michael Hartley met with Foreign Secretary Rosa Delgado Ibarra of Mexico in "
        "Washington on March 4.\n\n"
        "Secretary Hartley was accompanied by the Attorney General, Peter Vance.\n\n"
        "Delegations\n\n"
        "For the United States of America:\n"
        "- Laura Benning, Secretary of Homeland Security\n"
        "- Dennis Ford, Ambassador to Mexico\n\n"
        "For the United Mexican States:\n"
        "- Rosa Delgado Ibarra, Secretary of Foreign Affairs\n"
        "- Martín Soto Cárdenas, Secretary of Security\n"
    )
    records = read(nlp, ontology, text, PartialDate(2024, 3, 5))
    assert len(records.meetings) == 1
    met = met_pairs(records)
    for a in ("Michael Hartley", "Peter Vance", "Laura Benning", "Dennis Ford"):
        for b in ("Rosa Delgado Ibarra", "Martín Soto Cárdenas"):
            assert frozenset({a, b}) in met, (a, b)
    assert frozenset({"Laura Benning", "Dennis Ford"}) not in met


def test_courtesy_call_and_participation_guards(nlp, ontology):
    text = "On Wednesday, U.S. Ambassador Dennis Ford paid a courtesy call on Mexican Interior Secretary Ernesto " \
           "Salgado Paredes in Mexico City."
    records = read(nlp, ontology, text, PartialDate(2024, 3, 5))
    assert met_pairs(records) == {frozenset({"Dennis Ford", "Ernesto Salgado Paredes"})}
    text = (
        "Attorney General Peter Vance met with Mexican Security Secretary Tomás Aguilar Reyes in Mexico City on "
        "Monday.\n\n"
        "Former Secretary Ana Ruiz Lara attended the talks in 2010.\n\n"
        "Senator Bill Grant, who chaired the hearing, was accompanied by his adviser, Tom Reyes.\n\n"
        "Undersecretary Carla Ventura Gil took part on behalf of President Rosa Medina Solís."
    )
    records = read(nlp, ontology, text, PartialDate(2024, 3, 5))
    persons = {n for m in records.meetings for n in names(records, m.persons)}
    assert not persons & {"Ana Ruiz Lara", "Bill Grant", "Tom Reyes", "Rosa Medina Solís"}
    assert "Carla Ventura Gil" in persons


def test_signers_of_a_passive_signing_are_its_participants(nlp, ontology):
    text = ("The memorandum was signed on Tuesday by U.S. Commissioner Troy Ellis and by the Head of Mexico's "
            "Customs Agency, Rubén Solís Ortega.")
    records = read(nlp, ontology, text, PartialDate(2024, 3, 5))
    assert [m.kind for m in records.meetings] == ["signing"]
    assert met_pairs(records) == {frozenset({"Troy Ellis", "Rubén Solís Ortega"})}
    # signing a law is no meeting
    records = read(nlp, ontology, "The bill was signed into law by President Ana Vidal.", PartialDate(2024, 3, 5))
    assert records.meetings == []


def test_side_header_lists_are_content_but_menus_stay_boilerplate():
    annex = "The ministers met in Lima.\n\nFor Mexico:\n- Ana Ruiz Lara, Secretary of Security\n- Tomás Vela, Ambassador\n"
    flagged = [annex[s:e] for s, e in boilerplate_spans(annex)]
    assert not any("Ana Ruiz" in line or "For Mexico" in line for line in flagged)
    menu = "The ministers met in Lima.\n\nSections:\n- Home\n- News\n- Contact\n"
    assert any("News" in menu[s:e] for s, e in boilerplate_spans(menu))


def test_meeting_that_names_nobody_is_between_the_main_meetings_countries(nlp, ontology):
    text = (
        "U.S. Secretary of State Daniel Pryce met with Mexican Foreign Secretary Lucía Ferrer Salas in "
        "Washington on Monday.\n\n"
        "The two delegations agreed that their next meeting will take place in Mérida in the spring."
    )
    records = read(nlp, ontology, text, PartialDate(2024, 2, 7))
    main = next(m for m in records.meetings if m.persons)
    assert names(records, main.persons) == {"Daniel Pryce", "Lucía Ferrer Salas"}
    nobody = [m for m in records.meetings if not m.persons]
    assert nobody and all(m.status == "planned" for m in nobody)
    sides = {c.rsplit("/", 1)[-1] for c in nobody[0].countries}
    assert len(sides) == 2 and not nobody[0].pairs
