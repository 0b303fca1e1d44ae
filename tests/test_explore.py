"""Tests of diplokg.explore (filters, name look-up, report views, timeline, explain) and of the
``report``, ``timeline`` and ``explain`` commands, on a small hand-built graph (no model)."""

from __future__ import annotations

import doctest
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
import rdflib
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

from diplokg import explore
from diplokg.cli import main
from diplokg.errors import AmbiguousNameError, DateFormatError, InputError, UnknownNameError
from diplokg.explore import (
    date_interval,
    explain,
    filter_by_date,
    find_country,
    find_person,
    parse_period,
    report_table,
    timeline,
)
from diplokg.namespace import DK, DKR

US, MX = DKR["country/us"], DKR["country/mx"]
HUB, ANA, ANNA, CAL, DAN, EVE = (DKR[f"person/{k}"] for k in ("hub", "ana", "anna", "cal", "dan", "eve"))
M1, M2, M3, M4 = (DKR[f"meeting/{i}"] for i in (1, 2, 3, 4))


def make_graph() -> Graph:
    """Hub (US) met Ana (MX) at m1 (2018-07-13) and m3 (2019); Hub met Cal (US) at m2 (2019-06)
    and m3; Cal met Dan (US) at the undated m4. Ana Alvarado (MX) and Eve (no country) met no one."""
    g = Graph()
    for c, name, alt in ((US, "United States", "USA"), (MX, "Mexico", "México")):
        g.add((c, RDF.type, DK.Country))
        g.add((c, RDFS.label, Literal(name)))
        g.add((c, SKOS.altLabel, Literal(alt)))
    people = {HUB: ("Hugo Hub", US), ANA: ("Ana Álvarez", MX), ANNA: ("Ana Alvarado", MX),
              CAL: ("Cal Carter", US), DAN: ("Dan Doe", US), EVE: ("Eve Ewing", None)}
    for person, (name, country) in people.items():
        g.add((person, RDF.type, DK.Person))
        g.add((person, RDFS.label, Literal(name)))
        if country is not None:
            g.add((person, DK.country, country))
    g.add((HUB, SKOS.altLabel, Literal("H. Hub")))
    docs = {}
    for name in ("a.txt", "b.txt"):
        docs[name] = DKR[f"document/{name}"]
        g.add((docs[name], RDF.type, DK.Document))
        g.add((docs[name], DK.fileName, Literal(name)))
    city = DKR["city/mexico-city"]
    g.add((city, RDFS.label, Literal("Mexico City")))
    meetings = {
        M1: ("2018-07-13", rdflib.XSD.date, (HUB, ANA), "visit"),
        M2: ("2019-06", rdflib.XSD.gYearMonth, (HUB, CAL), "talks"),
        M3: ("2019", rdflib.XSD.gYear, (HUB, ANA, CAL), "summit"),
        M4: (None, None, (CAL, DAN), "call"),
    }
    for m, (day, datatype, members, kind) in meetings.items():
        g.add((m, RDF.type, DK.Meeting))
        g.add((m, DK.kind, Literal(kind)))
        g.add((m, DK.status, Literal("held")))
        g.add((m, DK.source, docs["a.txt"]))
        if day:
            g.add((m, DK.date, Literal(day, datatype=datatype)))
        for person in members:
            g.add((m, DK.participant, person))
    g.add((M1, DK.location, city))
    g.add((M1, DK.source, docs["b.txt"]))
    g.add((M1, DK.evidence, Literal("Hub met Ana in Mexico City.")))
    g.add((M1, DK.evidence, Literal("They discussed | fentanyl.")))
    g.add((M4, DK.participant, MX))
    g.add((M4, DK.dateText, Literal("next week")))
    for a, b in ((HUB, ANA), (HUB, CAL), (CAL, DAN)):
        g.add((a, DK.met, b))
        g.add((b, DK.met, a))
    topic = DKR["topic/fentanyl"]
    g.add((topic, RDF.type, DK.Topic))
    g.add((topic, SKOS.prefLabel, Literal("Fentanyl", lang="en")))
    g.add((topic, DK.discussedAt, M1))
    return g


# ------------------------------------------------------------------ dates and filters


@pytest.mark.parametrize("text, expected", [
    ("2019", (date(2019, 1, 1), date(2019, 12, 31))),
    ("2020-02", (date(2020, 2, 1), date(2020, 2, 29))),
    ("2019-06-05", (date(2019, 6, 5), date(2019, 6, 5))),
    ("2019-13", None), ("2019-02-30", None), ("19", None), ("June 2019", None), ("2019-6-5", None),
])
def test_date_interval(text, expected):
    assert date_interval(text) == expected


def test_parse_period_rejects_bad_and_reversed_dates():
    assert parse_period() == (None, None)
    assert parse_period("2019-06", "2019-06") == (date(2019, 6, 1), date(2019, 6, 30))
    with pytest.raises(DateFormatError, match="--since"):
        parse_period("yesterday")
    with pytest.raises(DateFormatError, match="--until"):
        parse_period(None, "2019-02-31")
    with pytest.raises(DateFormatError, match="after"):
        parse_period("2020", "2019")


def test_filter_by_date_overlaps_partial_dates_and_drops_undated():
    g = make_graph()
    assert filter_by_date(g) is g
    kept = filter_by_date(g, since="2019-06-15")
    assert set(kept.subjects(RDF.type, DK.Meeting)) == {M2, M3}   # June 2019 and 2019 overlap
    assert not any(M1 in t or M4 in t for t in kept)
    assert (HUB, DK.met, ANA) in kept           # they share m3 (2019)
    assert (CAL, DK.met, DAN) not in kept      # they share only the undated call
    assert (DAN, RDFS.label, Literal("Dan Doe")) in kept    # persons stay
    only_2018 = filter_by_date(g, until="2018")
    assert set(only_2018.subjects(RDF.type, DK.Meeting)) == {M1}
    assert (HUB, DK.met, CAL) not in only_2018
    assert len(g) == len(make_graph())          # the input is not modified


# ------------------------------------------------------------------ names


def test_find_person_by_label_alt_label_and_unique_words():
    g = make_graph()
    assert find_person(g, "hugo HUB") == HUB
    assert find_person(g, "h. hub") == HUB
    assert find_person(g, "Alvarez") == ANA          # accent-insensitive, unique surname
    assert find_person(g, "ana alvarez") == ANA


def test_find_person_ambiguous_lists_candidates():
    with pytest.raises(AmbiguousNameError) as error:
        find_person(make_graph(), "ana")
    assert "Ana Alvarado" in str(error.value) and "Ana Álvarez" in str(error.value)
    assert error.value.exit_code == 2


def test_find_person_unknown_suggests_close_matches():
    with pytest.raises(UnknownNameError) as error:
        find_person(make_graph(), "Hugo Hubb")
    assert "did you mean Hugo Hub?" in str(error.value)
    with pytest.raises(UnknownNameError) as error:
        find_person(make_graph(), "Zzyzx")
    assert "did you mean" not in str(error.value)


def test_find_country():
    g = make_graph()
    assert find_country(g, "MEXICO") == MX
    assert find_country(g, "méxico") == MX
    assert find_country(g, "usa") == US
    with pytest.raises(UnknownNameError, match="did you mean Mexico"):
        find_country(g, "Mexic")


# ------------------------------------------------------------------ report views


def test_report_actors_country_and_period():
    g = make_graph()
    columns, rows = report_table(g, "actors", top=None)
    assert columns[-1] == "community" and rows[0]["name"] == "Hugo Hub"
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    _, mexican = report_table(g, "actors", top=None, country="méxico")
    assert [r["name"] for r in mexican] == ["Ana Álvarez", "Ana Alvarado"]
    assert [r["rank"] for r in mexican] == [1, 2]
    _, in_2019 = report_table(g, "actors", top=None, since="2019")
    assert {r["name"] for r in in_2019} == {"Hugo Hub", "Ana Álvarez", "Cal Carter"}
    assert next(r for r in in_2019 if r["name"] == "Hugo Hub")["meetings"] == 2
    _, top1 = report_table(g, "actors", top=1)
    assert len(top1) == 1
    with pytest.raises(UnknownNameError):
        report_table(g, country="Atlantis")
    with pytest.raises(DateFormatError):
        report_table(g, since="soon")


def test_report_brokers_communities_and_meetings_views():
    g = make_graph()
    columns, rows = report_table(g, "brokers", top=None)
    assert columns[:5] == ["rank", "name", "country", "broker", "cross_ties"]
    # Hub is the only US person with a Mexican tie, and on Cal's and Dan's paths to Ana
    assert rows[0]["name"] == "Hugo Hub" and rows[0]["broker"] > 0 and rows[0]["cross_ties"] == 1
    columns, groups = report_table(g, "communities", top=None)
    assert columns == ["community", "size", "ties", "countries", "members"]
    members = [name for group in groups for name in group["members"].split(", ")]
    assert sorted(members) == sorted(["Hugo Hub", "Ana Álvarez", "Ana Alvarado", "Cal Carter",
                                      "Dan Doe", "Eve Ewing"])
    assert [g_["community"] for g_ in groups] == sorted(g_["community"] for g_ in groups)
    assert report_table(g, "communities", seed=3) == report_table(g, "communities", seed=3)
    columns, rows = report_table(g, "meetings", top=None)
    # Hub and Cal attend 3 meetings each; Eve none
    assert {r["name"] for r in rows[:2]} == {"Hugo Hub", "Cal Carter"}
    assert [r["meetings"] for r in rows[:2]] == [3, 3]
    assert rows[-1]["name"] == "Eve Ewing" and rows[-1]["degree"] == 0.0
    assert "weighted_degree" not in columns


# ------------------------------------------------------------------ timeline


def test_timeline_date_order_partial_dates_and_undated_last():
    rows = timeline(make_graph())
    assert [r["id"] for r in rows] == [str(M1), str(M3), str(M2), str(M4)]
    assert [r["date"] for r in rows] == ["2018-07-13", "2019", "2019-06", None]
    assert rows[3]["date_text"] == "next week" and rows[0]["date_text"] == ""
    first = rows[0]
    assert first["place"] == "Mexico City" and first["topics"] == "Fentanyl"
    assert first["participants"] == "Ana Álvarez, Hugo Hub" and first["sources"] == "a.txt, b.txt"


def test_timeline_filters():
    g = make_graph()
    assert [r["id"] for r in timeline(g, since="2019-06-10", until="2019-06-20")] == [str(M3), str(M2)]
    # Mexico takes part in m1 and m3 through Ana, in m4 as a country
    assert [r["id"] for r in timeline(g, country="Mexico")] == [str(M1), str(M3), str(M4)]
    assert timeline(g, since="2030") == []


# ------------------------------------------------------------------ explain


def test_explain_lists_shared_meetings_with_evidence():
    result = explain(make_graph(), "alvarez", "H. Hub")
    assert (result["a"], result["b"], result["met"], result["path"]) == ("Ana Álvarez", "Hugo Hub", True, None)
    assert [m["id"] for m in result["meetings"]] == [str(M1), str(M3)]
    first = result["meetings"][0]
    assert first["sources"] == ["a.txt", "b.txt"]
    assert first["evidence"] == ["Hub met Ana in Mexico City.", "They discussed | fentanyl."]
    assert (first["date"], first["kind"], first["place"], first["status"]) == ("2018-07-13", "visit", "Mexico City", "held")


def test_explain_without_shared_meeting_gives_shortest_path():
    g = make_graph()
    result = explain(g, "Ana Álvarez", "Dan Doe")
    assert result["meetings"] == [] and result["met"] is False
    assert result["path"] == ["Ana Álvarez", "Hugo Hub", "Cal Carter", "Dan Doe"]
    assert explain(g, "Eve Ewing", "Dan Doe")["path"] is None
    with pytest.raises(InputError, match="same person"):
        explain(g, "Hugo Hub", "h. hub")


def test_docstring_examples():
    result = doctest.testmod(explore)
    assert result.attempted > 0 and result.failed == 0


# ------------------------------------------------------------------ CLI


@pytest.fixture
def graph_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    make_graph().serialize(destination=folder / "graph.ttl", format="turtle")
    return folder


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def one_line_error(result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def test_cli_report_country_since_json(graph_dir):
    result = cli("report", "--graph", str(graph_dir), "--country", "mexico", "--since", "2019", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["name"] for r in rows] == ["Ana Álvarez"] and rows[0]["meetings"] == 1
    assert "community" in rows[0]


def test_cli_report_views_and_formats(graph_dir):
    result = cli("report", "--graph", str(graph_dir), "--by", "brokers")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["rank", "name", "country", "broker", "cross_ties"]
    assert lines[2].split()[1:3] == ["Hugo", "Hub"]
    result = cli("report", "--graph", str(graph_dir), "--by", "communities", "--format", "csv")
    assert result.output.splitlines()[0] == "community,size,ties,countries,members"
    result = cli("report", "--graph", str(graph_dir), "--format", "md", "--until", "2018")
    assert result.exit_code == 0 and "## Timeline" in result.output
    assert "2018-07-13" in result.output and "2019-06" not in result.output


@pytest.mark.parametrize("args", [
    ("report", "--since", "2019-13"),
    ("report", "--until", "last year"),
    ("report", "--since", "2020", "--until", "2019"),
    ("timeline", "--since", "June"),
    ("report", "--country", "Atlantis"),
    ("timeline", "--country", "Atlantis"),
])
def test_cli_bad_filters_exit_2(graph_dir, args):
    line = one_line_error(cli(*args, "--graph", str(graph_dir)))
    assert "--" in line or "Atlantis" in line


def test_cli_report_md_refuses_row_filters(graph_dir):
    result = cli("report", "--graph", str(graph_dir), "--format", "md", "--country", "Mexico")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_cli_timeline_order_and_filters(graph_dir):
    result = cli("timeline", "--graph", str(graph_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["date"] for r in rows] == ["2018-07-13", "2019", "2019-06", None]
    assert set(rows[0]) == {"date", "date_text", "meeting", "kind", "place", "participants", "status", "topics", "sources"}
    result = cli("timeline", "--graph", str(graph_dir), "--since", "2019-06", "--format", "csv")
    assert [line.split(",")[0] for line in result.output.splitlines()] == ["date", "2019", "2019-06"]
    result = cli("timeline", "--graph", str(graph_dir))
    assert result.output.splitlines()[0].split() == ["date", "date_text", "meeting", "kind", "place", "participants",
                                                     "status", "topics", "sources"]


def test_cli_explain_found(graph_dir):
    result = cli("explain", "--graph", str(graph_dir), "ana alvarez", "Hugo Hub")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Ana Álvarez and Hugo Hub: 2 shared meetings"
    table = "\n".join(lines[2:])
    assert "Hub met Ana in Mexico City." in table and "They discussed | fentanyl." in table
    # a meeting is shown once, then one line per sentence
    assert sum(line.startswith("2018-07-13") for line in lines) == 1
    result = cli("explain", "--graph", str(graph_dir), "ana alvarez", "Hugo Hub", "--format", "csv")
    rows = result.output.splitlines()
    assert rows[0] == "date,date_text,meeting,kind,place,status,sources,evidence"
    assert sum(row.startswith("2018-07-13,") for row in rows) == 2   # one row per sentence
    data = json.loads(cli("explain", "--graph", str(graph_dir), "Alvarez", "Hub", "--format", "json").output)
    assert [m["date"] for m in data["meetings"]] == ["2018-07-13", "2019"]


def test_cli_explain_unknown_and_ambiguous_names(graph_dir):
    line = one_line_error(cli("explain", "--graph", str(graph_dir), "Hugo Hubb", "Dan Doe"))
    assert "Hugo Hubb" in line and "did you mean Hugo Hub?" in line
    line = one_line_error(cli("explain", "--graph", str(graph_dir), "Ana", "Dan Doe"))
    assert "ambiguous" in line and "Ana Alvarado" in line and "Ana Álvarez" in line


def test_cli_explain_no_shared_meeting_is_an_answer(graph_dir):
    result = cli("explain", "--graph", str(graph_dir), "Ana Álvarez", "Dan Doe")
    assert result.exit_code == 0
    assert result.output.strip() == ("Ana Álvarez and Dan Doe: 0 shared meetings; linked through "
                                     "Ana Álvarez -> Hugo Hub -> Cal Carter -> Dan Doe")
    result = cli("explain", "--graph", str(graph_dir), "Eve Ewing", "Dan Doe")
    assert result.exit_code == 0 and "not linked" in result.output


def test_cli_analysis_commands_offer_every_shared_format(graph_dir):
    from diplokg.cli import ANALYSIS_FORMATS
    from diplokg.output import FORMATS

    assert set(FORMATS) <= set(ANALYSIS_FORMATS)
    result = cli("timeline", "--graph", str(graph_dir), "--format", "tsv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split("\t") == ["date", "date_text", "meeting", "kind", "place", "participants", "status", "topics", "sources"]
    assert lines[1].split("\t")[0] == "2018-07-13"


def test_cli_explain_met_without_shared_meeting(tmp_path):
    g = make_graph()
    g.add((EVE, DK.met, DAN))
    g.add((DAN, DK.met, EVE))
    g.serialize(destination=tmp_path / "graph.ttl", format="turtle")
    result = cli("explain", "--graph", str(tmp_path), "Eve Ewing", "Dan Doe")
    assert result.exit_code == 0
    assert result.output.strip() == ("Eve Ewing and Dan Doe: 0 shared meetings; "
                                     "recorded as having met (dk:met) without a shared meeting")
    data = json.loads(cli("explain", "--graph", str(tmp_path), "Eve Ewing", "Dan Doe", "--format", "json").output)
    assert data["met"] is True and data["path"] == ["Eve Ewing", "Dan Doe"]
