"""The Markdown report of a diplokg graph (``report.md``), readable as plain text.

Text that comes from documents is untrusted: Markdown table cells are escaped (``|``, ``<``,
backslashes, newlines). Output is deterministic: the same graph gives the same report.
"""

from __future__ import annotations

import io
from collections import Counter

from rdflib import RDF, Graph
from rdflib.term import Node

from diplokg.analyse import (
    BETWEENNESS_EXACT_MAX, BETWEENNESS_PIVOTS, BROKER_SOURCES, _first_literal, _label, _person_meetings, _side,
    brokers, cross_ties, person_network, shared_analysis,
)
from diplokg.explore import _meeting_interval, report_table, timeline
from diplokg.namespace import DK
from diplokg.render import (
    _agreements,
    _file_names,
    _is_resource,
    _labels,
    _meetings,
    _topics,
    _truncate,
)

__all__ = ["CHART_FILES", "report_markdown", "chart_svgs"]

COMMITMENT_CHARS = 160
#: The chart files ``diplokg build`` writes next to report.md (see :func:`chart_svgs`).
MEETINGS_CHART = "meetings-per-year.svg"
TOPICS_CHART = "topics-per-year.svg"
CHART_FILES = (MEETINGS_CHART, TOPICS_CHART)
#: Topics shown by name in the topics chart; the others are summed as "Other topics".
CHART_TOPICS = 8
#: Sides of the broker analysis.
SIDES = ("United States", "Mexico")



def _cell(value: object) -> str:
    """A Markdown table cell: one line, pipes, backslashes and '<' escaped."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())  # newlines, tabs and runs of spaces -> one space
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<")
    return text


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    if not rows:
        return ["_None._"]
    lines = [
        "| " + " | ".join(_cell(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def _text(value: str) -> str:
    """Free Markdown text (headings): one line, '<' and backslash escaped."""
    return " ".join(value.split()).replace("\\", "\\\\").replace("<", "\\<")


def _fmt(value: float) -> str:
    return f"{value:.4f}"


def report_markdown(graph: Graph, top: int = 10, seed: int = 0, charts: tuple[str, ...] = ()) -> str:
    """A Markdown report of the graph, readable as plain text.

    Sections: a one-line summary (documents, persons, meetings, agreements, commitments,
    topics), the ``top`` central actors with their community (see
    :func:`diplokg.explore.report_table`), the brokers between the United States and Mexico,
    the communities (seeded Louvain, ``seed``), the timeline of meetings, the most discussed
    topics, agreements and their commitments (grouped by agreement). ``charts`` names the
    chart files (of :data:`CHART_FILES`) written next to the report; they are linked with
    relative paths. Every ordering is deterministic; table cells are escaped (``|``, newlines).

    >>> from rdflib import Graph, Literal, RDF, RDFS
    >>> from diplokg.namespace import DK, DKR
    >>> g = Graph()
    >>> _ = g.add((DKR.a, RDF.type, DK.Person))
    >>> _ = g.add((DKR.a, RDFS.label, Literal("Ana | Bo")))
    >>> print(report_markdown(g).splitlines()[2])
    0 documents · 1 person · 0 meetings · 0 agreements · 0 commitments · 0 topics
    >>> "Ana \\\\| Bo" in report_markdown(g)
    True
    """
    with shared_analysis():  # the sections below share one person network and its scores
        return _report_markdown(graph, top, seed, charts)


def _report_markdown(graph: Graph, top: int, seed: int, charts: tuple[str, ...]) -> str:
    documents = set(graph.subjects(RDF.type, DK.Document))
    persons = {p for p in _person_meetings(graph) if _is_resource(p)}
    meetings = _meetings(graph)
    agreements = _agreements(graph)
    commitments = set(graph.subjects(RDF.type, DK.Commitment)) | set(
        graph.subjects(DK.agreement, None)
    )
    topics = _topics(graph)
    discussed = {t for t in topics if any(True for _ in graph.objects(t, DK.discussedAt))}

    def count(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    summary = " · ".join([
        count(len(documents), "document"),
        count(len(persons), "person"),
        count(len(meetings), "meeting"),
        count(len(agreements), "agreement"),
        count(len(commitments), "commitment"),
        count(len(topics), "topic"),
    ])
    if topics:
        summary += f" ({len(discussed)} discussed at meetings)"

    out: list[str] = ["# diplokg report", "", summary, ""]

    # central actors
    out += ["## Central actors", ""]
    estimated = (f" Betweenness is estimated from {BETWEENNESS_PIVOTS} seeded pivots (more than "
                 f"{BETWEENNESS_EXACT_MAX} persons)." if len(person_network(graph)) > BETWEENNESS_EXACT_MAX else "")
    out += [f"Top {top} persons of the who-met-whom network, by PageRank; community as in "
            "\"Communities\" below." + estimated, ""]
    _, actors = report_table(graph, "actors", top=max(top, 0), seed=seed)
    rows = [
        [r["rank"], r["name"], r["country"] or "", r["meetings"], _fmt(r["degree"]),
         _fmt(r["weighted_degree"]), _fmt(r["betweenness"]), _fmt(r["pagerank"]),
         _fmt(r["eigenvector"]), r["community"]]
        for r in actors
    ]
    out += _table(
        ["#", "Name", "Country", "Meetings", "Degree", "Weighted degree", "Betweenness",
         "PageRank", "Eigenvector", "Community"],
        rows,
    )
    out.append("")

    # brokers
    side_a, side_b = SIDES
    network = person_network(graph)
    out += [f"## Brokers between the {side_a} and {side_b}", ""]
    ties = cross_ties(network, side_a, side_b)
    sides = Counter(d["country"] for _, d in network.nodes(data=True))
    out += [
        f"{count(ties, 'tie')} between {count(sides.get(side_a, 0), 'person')} of the {side_a} "
        f"and {count(sides.get(side_b, 0), 'person')} of {side_b}. Broker score: share of the "
        f"shortest paths between the two sides that pass through the person." + _broker_sample_note(network),
        "",
    ]
    scores = brokers(network, side_a, side_b)
    _, broker_rows = report_table(graph, "brokers", top=None, seed=seed)
    rows = [
        [r["rank"], r["name"], r["country"] or "", _fmt(r["broker"]), r["cross_ties"], r["community"]]
        for r in broker_rows
        if scores[r["id"]]["broker"] > 0 or scores[r["id"]]["cross_ties"] > 0
    ][: max(top, 0)]
    out += _table(["#", "Name", "Country", "Broker score", "Cross-side ties", "Community"], rows)
    out.append("")

    # communities
    out += ["## Communities", ""]
    out += [f"Groups of persons who met each other more than others (Louvain, seed {seed}); "
            "members by PageRank. Persons who met no one are left out.", ""]
    _, groups = report_table(graph, "communities", top=None, seed=seed)
    rows = [[g["community"], g["size"], g["ties"], g["countries"], g["members"]]
            for g in groups if g["size"] > 1]
    out += _table(["Community", "Persons", "Ties", "Countries", "Members"], rows)
    out.append("")

    # timeline
    out += ["## Timeline", ""]
    if MEETINGS_CHART in charts:
        out += [f"![Meetings per year]({MEETINGS_CHART})", ""]
    rows = [
        [r["date"] or (f"undated ({r['date_text']})" if r["date_text"] else "undated"),
         r["meeting"], r["kind"], r["status"], r["place"], r["participants"],
         r["topics"], r["sources"]]
        for r in timeline(graph)
    ]
    out += _table(["Date", "Meeting", "Kind", "Status", "Place", "Participants", "Topics", "Sources"],
                  rows)
    out.append("")

    # topics
    out += ["## Most discussed topics", ""]
    if TOPICS_CHART in charts:
        out += [f"![Topics per year]({TOPICS_CHART})", ""]
    topic_rows = sorted(
        ((_label(graph, t), len(set(graph.objects(t, DK.discussedAt))), str(t)) for t in discussed),
        key=lambda r: (-r[1], r[0].casefold(), r[0], r[2]),
    )
    out += _table(["Topic", "Meetings"], [[label, n] for label, n, _ in topic_rows])
    out.append("")

    # agreements
    out += ["## Agreements", ""]
    agreement_order = sorted(agreements, key=lambda a: (_label(graph, a).casefold(), str(a)))
    rows = [
        [
            _label(graph, a),
            ", ".join(_labels(graph, graph.objects(a, DK.commits))),
            ", ".join(_file_names(graph, a)),
        ]
        for a in agreement_order
    ]
    out += _table(["Agreement", "Countries committed", "Sources"], rows)
    out.append("")

    # commitments, grouped by agreement
    out += ["## Commitments", ""]
    if not commitments:
        out += ["_None._", ""]
    groups: dict[Node | None, list[Node]] = {}
    for commitment in commitments:
        parents = sorted(graph.objects(commitment, DK.agreement), key=str)
        groups.setdefault(parents[0] if parents else None, []).append(commitment)
    group_order = sorted(
        groups, key=lambda a: (a is None, _label(graph, a).casefold() if a is not None else "", str(a))
    )
    for agreement in group_order:
        items = groups[agreement]
        heading = _label(graph, agreement) if agreement is not None else "No agreement"
        out += [f"### {_text(heading)} ({count(len(items), 'commitment')})", ""]
        rows = []
        for c in sorted(
            items,
            key=lambda c: (
                _first_literal(graph, c, DK.section) or "",
                _first_literal(graph, c, DK.text) or "",
                str(c),
            ),
        ):
            rows.append([
                ", ".join(_labels(graph, graph.objects(c, DK.party))),
                _first_literal(graph, c, DK.modality) or "",
                ", ".join(sorted(str(d) for d in graph.objects(c, DK.deadline))),
                _truncate(_first_literal(graph, c, DK.text) or "", COMMITMENT_CHARS),
            ])
        out += _table(["Party", "Modality", "Deadline", "Text"], rows)
        out.append("")

    return "\n".join(out).rstrip("\n") + "\n"


def _broker_sample_note(network) -> str:
    """How broker scores were estimated, when the smaller side is sampled (see analyse.brokers)."""
    side_a, side_b = SIDES
    a, b = len(_side(network, side_a)), len(_side(network, side_b))
    if not a or not b or min(a, b) <= BROKER_SOURCES:
        return ""
    name = f"the {side_a}" if a <= b else side_b
    return (f" Estimated from the paths of {BROKER_SOURCES} of the {min(a, b)} persons of {name} "
            f"(a seeded sample).")


# ------------------------------------------------------------------ charts

#: matplotlib settings that make an SVG byte-identical from run to run and machine to machine:
#: fixed ids (hash salt), text kept as text (no font-dependent glyph paths), no date metadata.
_SVG_RC = {
    "svg.hashsalt": "diplokg",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.size": 9,
    "path.simplify": False,
}
#: Colour-blind-safe palette (Tableau 10), used in turn.
_COLOURS = ("#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F",
            "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC")


def _meeting_years(graph: Graph) -> dict[Node, int]:
    years = {}
    for meeting in _meetings(graph):
        interval = _meeting_interval(graph, meeting)
        if interval is not None:
            years[meeting] = interval[0].year
    return years


def _svg(draw) -> bytes:
    """Render ``draw(figure)`` to deterministic SVG bytes (no pyplot, no global state)."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_SVG_RC):
        figure = Figure(figsize=(7.0, 3.6))
        FigureCanvasSVG(figure)
        draw(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "diplokg"})
    return buffer.getvalue()


def _no_data(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def _stacked_bars(ax, years: list[int], series: list[tuple[str, list[int]]], ylabel: str) -> None:
    bottoms = [0] * len(years)
    for i, (label, values) in enumerate(series):
        ax.bar([str(y) for y in years], values, bottom=bottoms, label=label,
               color=_COLOURS[i % len(_COLOURS)], width=0.7)
        bottoms = [b + v for b, v in zip(bottoms, values)]
    ax.set_ylabel(ylabel)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    if len(years) > 12:
        ax.tick_params(axis="x", labelrotation=90)


def chart_svgs(graph: Graph) -> dict[str, bytes]:
    """The report's charts as deterministic SVG: ``{file name: bytes}`` for :data:`CHART_FILES`.

    - ``meetings-per-year.svg``: dated meetings per year (year of ``dk:date``, partial dates
      included), stacked by status (held, planned, unknown); years without meetings are shown;
    - ``topics-per-year.svg``: meetings per year at which each topic was discussed, stacked by
      topic (the :data:`CHART_TOPICS` most discussed by name, the rest as "Other topics").

    Undated meetings are not plotted (the charts say how many). Rendered with matplotlib's SVG
    backend offline; the same graph gives byte-identical files.

    >>> from rdflib import Graph
    >>> svgs = chart_svgs(Graph())
    >>> sorted(svgs) == sorted(CHART_FILES), svgs[MEETINGS_CHART].startswith(b"<?xml")
    (True, True)
    """
    years_of = _meeting_years(graph)
    undated = len(_meetings(graph)) - len(years_of)
    years = list(range(min(years_of.values()), max(years_of.values()) + 1)) if years_of else []
    note = f" ({undated} undated not shown)" if undated else ""

    status_counts: Counter = Counter()
    for meeting, year in years_of.items():
        status_counts[(_first_literal(graph, meeting, DK.status) or "unknown", year)] += 1
    statuses = sorted({s for s, _ in status_counts}, key=lambda s: ({"held": 0, "planned": 1}.get(s, 2), s))

    def draw_meetings(figure) -> None:
        ax = figure.add_subplot()
        ax.set_title(f"Meetings per year{note}")
        if not years:
            _no_data(ax, "no dated meeting")
            return
        series = [(s, [status_counts[(s, y)] for y in years]) for s in statuses]
        _stacked_bars(ax, years, series, "meetings")
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="status")
        figure.subplots_adjust(right=0.82)

    topic_year: Counter = Counter()
    topic_total: Counter = Counter()
    labels = {}
    for topic in _topics(graph):
        label = _label(graph, topic)
        labels[topic] = label
        for meeting in set(graph.objects(topic, DK.discussedAt)):
            if meeting in years_of:
                topic_year[(topic, years_of[meeting])] += 1
                topic_total[topic] += 1
    ranked = sorted(topic_total, key=lambda t: (-topic_total[t], labels[t].casefold(), str(t)))
    shown, rest = ranked[:CHART_TOPICS], ranked[CHART_TOPICS:]

    def draw_topics(figure) -> None:
        ax = figure.add_subplot()
        ax.set_title("Topics discussed per year (meetings)")
        if not years or not ranked:
            _no_data(ax, "no topic discussed at a dated meeting")
            return
        series = [(labels[t], [topic_year[(t, y)] for y in years]) for t in shown]
        if rest:
            series.append(("Other topics", [sum(topic_year[(t, y)] for t in rest) for y in years]))
        _stacked_bars(ax, years, series, "topic mentions (meetings)")
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        figure.subplots_adjust(right=0.7)

    return {MEETINGS_CHART: _svg(draw_meetings), TOPICS_CHART: _svg(draw_topics)}
