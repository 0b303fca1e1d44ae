"""Tests of diplokg.report: the Markdown report (report.md) and its charts."""

from __future__ import annotations

import doctest
import re

import rdflib
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

from diplokg import report
from diplokg.namespace import DK, DKR
from diplokg.report import report_markdown

from test_render import HOSTILE, hostile_graph, make_graph  # the shared hand-built sample graphs


# ------------------------------------------------------------------ Markdown report


def test_report_contents():
    md = report_markdown(make_graph())
    assert md.startswith("# diplokg report\n")
    assert "2 documents · 5 persons · 2 meetings · 1 agreement · 1 commitment · 2 topics" in md
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## Central actors", "## Brokers between the United States and Mexico",
                        "## Communities", "## Timeline", "## Most discussed topics",
                        "## Agreements", "## Commitments"]
    actors = md.split("## Central actors")[1].split("## Brokers")[0]
    first_row = [line for line in actors.splitlines() if line.startswith("| 1 |")][0]
    assert "Hugo Hub" in first_row and "United States" in first_row
    meetings = md.split("## Timeline")[1].split("##")[0]
    assert meetings.index("2021-10-08") < meetings.index("next spring")   # dated first
    assert "000_aaa.txt, 001_bbb.txt" in meetings and "Mexico City" in meetings
    assert "| Fentanyl | 2 |" in md
    assert "| Bicentennial Framework | Mexico, United States | 001_bbb.txt |" in md
    assert "Mexico will reduce arms \\| trafficking at the border." in md
    assert "| Mexico | firm | 2022-12-31 |" in md


def test_report_tables_are_well_formed():
    g = hostile_graph()
    g.add((DKR["person/ana"], DK.title, Literal("x")))
    g.set((DKR["person/bea"], RDFS.label, Literal("Bea | Blanco\nsecond line")))
    md = report_markdown(g)
    assert "Bea \\| Blanco second line" in md
    assert HOSTILE not in md
    for block in md.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
            assert len(widths) == 1, block


def test_report_long_commitment_truncated_and_deterministic():
    g = make_graph()
    g.set((DKR["commitment/1"], DK.text, Literal("word " * 100)))
    md = report_markdown(g)
    row = [line for line in md.splitlines() if line.startswith("| Mexico | firm")][0]
    text = row.split(" | ")[-1].rstrip(" |")
    assert len(text) <= 160 and text.endswith("…")
    assert report_markdown(g) == report_markdown(g)


def test_report_empty_graph():
    md = report_markdown(Graph())
    assert "0 documents · 0 persons · 0 meetings" in md
    assert md.count("_None._") >= 4


def test_report_brokers_and_communities_sections():
    md = report_markdown(make_graph())
    brokers = md.split("## Brokers between the United States and Mexico")[1].split("## ")[0]
    # Hub (US) met Ana and Bea (MX): 2 cross-side ties; Cal (US) reaches them only through Hub
    assert "2 ties between 3 persons of the United States and 2 persons of Mexico" in brokers
    first = [line for line in brokers.splitlines() if line.startswith("| 1 |")][0]
    assert "Hugo Hub" in first and "| 2 |" in first
    assert "Dan Doe" not in brokers               # no tie and on no path
    communities = md.split("## Communities")[1].split("## ")[0]
    members = [line for line in communities.splitlines() if line.startswith("| 1 |")]
    assert members and "Hugo Hub" in members[0]
    assert "Dan Doe" not in communities           # met no one: left out
    actors = md.split("## Central actors")[1].split("## ")[0]
    assert actors.splitlines()[4].startswith("| # | Name | Country | Meetings |")
    assert actors.splitlines()[4].endswith("| Community |")


def test_report_timeline_has_kind_topics_and_sources():
    md = report_markdown(make_graph())
    timeline = md.split("## Timeline")[1].split("## ")[0]
    row = [line for line in timeline.splitlines() if line.startswith("| 2021-10-08")][0]
    assert "| bilateral talks | held | Mexico City |" in row
    assert "Fentanyl, Migration" in row and "000_aaa.txt, 001_bbb.txt" in row
    assert "| undated (next spring) |" in timeline


def test_report_links_charts_only_when_written():
    md = report_markdown(make_graph())
    assert ".svg" not in md
    md = report_markdown(make_graph(), charts=report.CHART_FILES)
    assert "![Meetings per year](meetings-per-year.svg)" in md
    assert "![Topics per year](topics-per-year.svg)" in md


def test_charts_are_byte_identical_svg():
    g = make_graph()
    first, second = report.chart_svgs(g), report.chart_svgs(g)
    assert sorted(first) == sorted(report.CHART_FILES)
    assert first == second
    for name, svg in first.items():
        text = svg.decode("utf-8")
        assert text.startswith("<?xml") and "<svg" in text
        assert "<dc:date>" not in text            # no timestamp
        assert "http://" not in text.replace("http://www.w3.org", "").replace("http://purl.org", "") \
            .replace("http://creativecommons.org", "")      # nothing fetched from the network
    assert "Meetings per year (1 undated not shown)" in first["meetings-per-year.svg"].decode()
    topics = first["topics-per-year.svg"].decode()
    assert "Fentanyl" in topics and "Migration" in topics   # text kept as text
    assert first != report.chart_svgs(Graph())


def test_charts_in_another_process_are_identical(tmp_path):
    """Hash salt and metadata fixed: a fresh interpreter writes the same bytes."""
    import subprocess
    import sys

    path = tmp_path / "g.ttl"
    make_graph().serialize(destination=path, format="turtle")
    code = (
        "import sys; from rdflib import Graph; from diplokg.report import chart_svgs;"
        "g = Graph().parse(sys.argv[1]);"
        "sys.stdout.buffer.write(b''.join(v for _, v in sorted(chart_svgs(g).items())))"
    )
    other = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, check=True).stdout
    g = Graph().parse(path)
    assert other == b"".join(v for _, v in sorted(report.chart_svgs(g).items()))


def test_charts_many_topics_group_the_rest_and_many_years():
    g = make_graph()
    for i in range(12):
        t = DKR[f"topic/t{i}"]
        g.add((t, RDF.type, DK.Topic))
        g.add((t, SKOS.prefLabel, Literal(f"Topic {i:02d}")))
        g.add((t, DK.discussedAt, DKR["meeting/1"]))
    m = DKR["meeting/old"]
    g.add((m, RDF.type, DK.Meeting))
    g.add((m, DK.date, Literal("1999", datatype=rdflib.XSD.gYear)))
    svgs = report.chart_svgs(g)
    topics = svgs["topics-per-year.svg"].decode()
    assert "Other topics" in topics
    assert "1999" in topics and "2010" in topics and "2021" in topics   # empty years shown


def test_docstring_examples():
    result = doctest.testmod(report)
    assert result.attempted > 0
    assert result.failed == 0
