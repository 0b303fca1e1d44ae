"""Property-based tests (hypothesis): arbitrary text through corpus reading, extraction, slugs,
IRIs and Turtle never crashes and always gives well-formed records and graphs.

Derandomized (``derandomize=True``, no example database) so CI runs the same examples every time;
``max_examples`` keeps the whole file to a few seconds. The rule-only blank pipeline takes most
examples; the trained model gets fewer.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.term import _is_valid_uri

from diplokg.corpus import Document, PartialDate, html_to_text, load_corpus, split_front_matter
from diplokg.extract.document import extract_records
from diplokg.extract.records import (
    AgreementRecord, CommitmentRecord, DocumentRecords, Evidence, MeetingRecord, PersonRecord, PlaceRef,
)
from diplokg.graph import build_graph, document_iri, serialize
from diplokg.namespace import DKR
from diplokg.resolve import resolve
from diplokg.text import clean_text, printable, slug

PROFILE = dict(derandomize=True, database=None, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Words that set the extractors' rules off: titles, triggers, places, dates, agreements, topics.
VOCABULARY = [
    "Secretary", "of State", "President", "Foreign Minister", "Dr.", "Mr.", "then-candidate", "former",
    "met", "met with", "will travel to", "visited", "hosted", "held talks", "a call", "spoke with",
    "signed", "agreed", "will", "commit to", "shall", "reaffirmed", "within 90 days", "by 2025",
    "Joint Statement", "Memorandum of Understanding", "the Framework", "the United States", "Mexico",
    "Mexican", "U.S.", "Mexico City", "Washington", "Guatemala", "Ciudad Juárez", "in", "on", "and", ",",
    "July 13, 2018", "Friday", "tomorrow", "last month", "2019-06-07", "March 2022", "31/02/2020",
    "fentanyl", "migration", "arms trafficking", "human smuggling", "Antony Blinken", "Marcelo Ebrard",
    "Kirstjen M. Nielsen", "López Obrador", "Ana García Carías", "O'Neil-Smith", "Nielsen", "she", "the Secretary",
    "\u201cquote\u201d", "\"", "(", ")", ":", ";", "-", "—", "1.", "Section 2", "Related articles", "Share",
    "<script>alert(1)</script>", "<b>", "&amp;", "x" * 300, "\x1b[31m", "\u202e", "\x00", "\t", "\u2028",
    "ß", "İ", "ﬁ", "Ⅻ", "👍🏽", "ﷺ",
]
SEPARATORS = [" ", " ", " ", ". ", ".\n", "\n", "\n\n", "\r\n", "  ", "\t", "\n\n\n", "\u00a0", ""]
words = st.sampled_from(VOCABULARY) | st.text(min_size=1, max_size=12)
#: Text made of rule-triggering words and arbitrary unicode, with any kind of line break.
structured_text = st.lists(st.tuples(words, st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)
TEMPLATES = [
    "{title} {name} met {title} {name} in {place} on {date}.",
    "{title} {name} will travel to {place} on {date} to meet with {title} {name} and {name}.",
    "{name} hosted {title} {name} in {place} for talks on {topic}.",
    "During the meeting, {title} {name} and {title} {name} discussed {topic} and {topic}.",
    "Joint Statement from Mexico and the United States on {topic}",
    "The United States and Mexico will {verb} {topic} within 90 days.",
    "Both countries commit to {verb} {topic} by {date}.",
    "Mexico shall {verb} {topic}; the United States agreed to {verb} {topic}.",
    "The {agreement} was signed by {title} {name} in {place} on {date}.",
]
SLOTS = {
    "title": ["Secretary", "Secretary of State", "President", "Foreign Secretary", "Under Secretary",
              "Ambassador", "Dr.", "Deputy Foreign Minister", "President-elect", "then-candidate", ""],
    "name": ["Antony Blinken", "Marcelo Ebrard", "Kirstjen M. Nielsen", "López Obrador", "Ana García Carías",
             "Nielsen", "she", "the Secretary", "Tomás Aguilar Reyes", "O'Neil-Smith", "Ζωή Παπαδοπούλου"],
    "place": ["Mexico City", "Washington", "Guatemala City", "Ciudad Juárez", "Mexico", "the capital", "Tijuana"],
    "date": ["July 13, 2018", "Friday", "tomorrow", "last month", "2019-06-07", "March 2022", "31/02/2020",
             "February 30, 2021", "the 13th", "9999"],
    "topic": ["fentanyl", "migration", "arms trafficking", "human smuggling", "trade", "public health",
              "chemical precursors", "security"],
    "verb": ["strengthen", "dismantle", "expand", "continue to address", "take further actions on"],
    "agreement": ["Memorandum of Understanding", "Bicentennial Framework", "Joint Declaration", "Plan"],
}
HEADINGS = ["", "Joint Statement from Mexico and the United States on Security Cooperation\n\n",
            "Readout of the Security Dialogue\n\n", "FOR IMMEDIATE RELEASE\n"]
slot_value = {k: st.sampled_from(v) | st.text(max_size=10) for k, v in SLOTS.items()}


@st.composite
def template_sentence(draw) -> str:
    template = draw(st.sampled_from(TEMPLATES))
    return re.sub(r"\{(\w+)\}", lambda m: draw(slot_value[m.group(1)]), template)


#: Readout-like text: templated sentences (fuzzed slots) mixed with the structured noise above.
readout_text = st.lists(st.tuples(template_sentence() | structured_text,
                                  st.sampled_from(["\n\n", "\n", " ", "\r\n", "\n\n\n"])),
                        min_size=1, max_size=8).map(lambda parts: "".join(t + s for t, s in parts))
readout_text = st.tuples(st.sampled_from(HEADINGS), readout_text).map("".join)
any_text = st.text(max_size=400) | structured_text | readout_text
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def all_evidence(records: DocumentRecords) -> list[Evidence]:
    items: list[Evidence] = []
    for person in records.persons:
        items += person.evidence
    for meeting in records.meetings:
        items += meeting.evidence
    for agreement in records.agreements:
        items += agreement.evidence
    for commitment in records.commitments:
        items += commitment.evidence
    return items


def check_records(records: DocumentRecords, document: Document) -> None:
    """Offsets inside the text, ``text[start:end]`` is the evidence, ids refer to this document."""
    text = document.text
    for item in all_evidence(records):
        assert item.doc_id == document.doc_id
        assert 0 <= item.start <= item.end <= len(text), item
        assert text[item.start:item.end] == item.text, item
        assert item.text == item.text.strip()
    pids = {p.pid for p in records.persons}
    aids = {a.aid for a in records.agreements}
    for meeting in records.meetings:
        assert meeting.persons <= pids and meeting.hosts <= meeting.persons | pids
        assert meeting.status in {"held", "planned"}
        for pair in meeting.pairs:
            assert len(pair) == 2 and pair <= pids
    for commitment in records.commitments:
        assert commitment.agreement in aids


def check_graph_roundtrip(records: list[DocumentRecords], ontology) -> None:
    graph = build_graph(resolve(records, ontology), ontology, versions=["test"])
    data = serialize(graph)
    back = Graph().parse(data=data, format="turtle")
    assert isomorphic(graph, back)
    for term in graph.all_nodes():
        if not hasattr(term, "datatype"):  # IRIs and blank nodes
            assert _is_valid_uri(str(term)), term


def extract(nlp, ontology, text: str, published: PartialDate | None = None) -> tuple[DocumentRecords, Document]:
    document = Document(doc_id="doc", file_name="doc.txt", text=text, published=published)
    return extract_records(nlp(text), document, ontology), document


# --------------------------------------------------------------------------- text helpers


@settings(max_examples=150, **PROFILE)
@given(st.text())
def test_slug_is_a_valid_iri_segment(text):
    value = slug(text)
    assert value == "x" or SLUG.fullmatch(value), value
    assert slug(value) == value
    assert _is_valid_uri(str(DKR[f"person/{value}"]))
    assert _is_valid_uri(str(document_iri(text)))


@settings(max_examples=200, **PROFILE)
@given(st.text())
def test_printable_leaves_nothing_that_acts_on_a_terminal(text):
    shown = printable(text)
    assert "\n" not in shown and "\r" not in shown
    for ch in shown:
        assert unicodedata.category(ch) not in {"Cc", "Cs", "Zl", "Zp"}, repr(ch)
        assert not 0x202A <= ord(ch) <= 0x202E and not 0x2066 <= ord(ch) <= 0x2069
    assert printable(shown) == shown
    if not any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Zl", "Zp"} for ch in text):
        assert shown == text


@settings(max_examples=200, **PROFILE)
@given(st.text())
def test_clean_text_has_no_controls_or_line_breaks(text):
    cleaned = clean_text(text)
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert not any(unicodedata.category(ch) in {"Cc", "Zl", "Zp"} for ch in cleaned)


# --------------------------------------------------------------------------- corpus reading


@settings(max_examples=60, **PROFILE)
@given(st.lists(st.tuples(st.sampled_from([".txt", ".md", ".html", ".htm", ".pdf"]),
                          st.binary(max_size=300) | any_text.map(lambda t: t.encode("utf-8"))),
                max_size=5))
def test_load_corpus_never_crashes_and_accounts_for_every_file(files):
    with tempfile.TemporaryDirectory() as folder:
        for n, (suffix, data) in enumerate(files):
            (Path(folder) / f"f{n}{suffix}").write_bytes(data)
        corpus = load_corpus(folder)
    names = [d.file_name for d in corpus.documents] + [s.file_name for s in corpus.skipped]
    assert sorted(names) == sorted(f"f{n}{suffix}" for n, (suffix, _) in enumerate(files))
    assert len({d.doc_id for d in corpus.documents}) == len(corpus.documents)
    for document in corpus.documents:
        assert document.text.strip() and "\r" not in document.text
        document.text.encode("utf-8")  # no lone surrogates


@settings(max_examples=80, **PROFILE)
@given(any_text)
def test_plain_text_file_is_read_verbatim(text):
    assume("\x00" not in text and text.strip())
    assume(text.lstrip("\ufeff").split("\n", 1)[0].strip() != "---")  # front matter is tested apart
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.txt").write_text(text, encoding="utf-8", newline="")
        corpus = load_corpus(folder)
    expected = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not expected.strip():
        assert corpus.skipped and not corpus.documents
        return
    (document,) = corpus.documents
    assert document.text == expected
    assert corpus.warnings == []


@settings(max_examples=80, **PROFILE)
@given(st.dictionaries(st.sampled_from(["title", "date", "publisher", "url", "tags", "x-y"]),
                       st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30)),
       any_text)
def test_front_matter_roundtrip(fields, body):
    assume(body.split("\n", 1)[0].strip() not in {"---", "..."})
    block = "".join(f"{k}: {v}\n" for k, v in fields.items())
    text, found = split_front_matter(f"---\n{block}---\n{body}")
    assert text == body.lstrip("\n")
    for key, value in found.items():
        assert key in {"title", "published", "publisher", "url"}
        assert value and value == value.strip()


@settings(max_examples=40, **PROFILE)
@given(any_text, st.sampled_from(["p", "div", "li", "td", "h2", "span"]))
def test_html_to_text_keeps_no_markup_or_script(text, tag):
    html = (f"<html><head><title>t</title><script>var SECRET_JS = 1;</script></head><body>"
            f"<{tag} onclick='SECRET_ATTR()'>{_escape(text)}</{tag}><style>.SECRET_CSS{{}}</style></body></html>")
    out, meta = html_to_text(html)
    assert "SECRET_" not in out
    assert "\r" not in out
    if out.strip():
        assert out.endswith("\n") and "\n\n\n" not in out


HTML_PIECES = [
    "<html>", "</html>", "<head>", "</head>", "<body>", "</body>", "<p>", "</p>", "<div>", "</div>",
    "<br>", "<table><tr><td>", "</td></tr></table>", "<svg>", "</svg>", "<math>", "</math>",
    "<script>SECRET_JS()</script>", "<style>.SECRET_CSS{}</style>", "<noscript>", "</noscript>",
    "<template>", "</template>", "<!--", "-->", "<?xml version='1.0' encoding='utf-8'?>", "<?pi x?>",
    "<frameset>", "<frame src=x>", "<iframe src=x>", "</iframe>", "<title>", "</title>",
    "<meta charset='latin-1'>", "<meta property='article:published_time' content='2021-02-30'>",
    "<time datetime='9999-99-99'>", "</time>", "<img src=x onerror=SECRET_ATTR()>", "&#0;", "&#27;",
    "&amp;", "&lt;", "&#xD800;", "<", ">", "\"", "'", "\n", "\r\n", " ",
]
html_soup = st.lists(st.sampled_from(HTML_PIECES) | st.text(max_size=8), max_size=40).map("".join)


@settings(max_examples=150, **PROFILE)
@given(html_soup)
@example("<svg><script>SECRET_JS()</script><text>t</text></svg>")  # crashed htmldate (root dropped)
@example("<math><mtext>m</mtext></math>")
def test_html_to_text_survives_tag_soup(html):
    out, meta = html_to_text(html)
    assert "SECRET_" not in out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)
    assert all(isinstance(v, str) and v for v in meta.values())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- extraction


@settings(max_examples=120, **PROFILE)
@given(any_text, st.sampled_from([None, PartialDate(2018, 7, 12), PartialDate(2023), PartialDate(2021, 2)]))
def test_rule_pipeline_records_are_well_formed(rule_nlp, ontology, text, published):
    records, document = extract(rule_nlp, ontology, text, published)
    check_records(records, document)


@settings(max_examples=30, **PROFILE)
@given(st.lists(readout_text, min_size=1, max_size=3))
def test_rule_pipeline_graph_roundtrips(rule_nlp, ontology, texts):
    all_records = []
    for n, text in enumerate(texts):
        document = Document(doc_id=f"d{n}", file_name=f"d{n}.txt", text=text, published=PartialDate(2019, 6, 7))
        all_records.append(extract_records(rule_nlp(text), document, ontology))
    check_graph_roundtrip(all_records, ontology)


@settings(max_examples=25, **PROFILE)
@given(readout_text)
def test_full_model_records_are_well_formed(nlp, ontology, text):
    records, document = extract(nlp, ontology, text, PartialDate(2019, 6, 7))
    check_records(records, document)
    check_graph_roundtrip([records], ontology)


# --------------------------------------------------------------------------- hostile names in the graph

hostile = st.text(min_size=1, max_size=40) | st.sampled_from([
    'Evil> <http://x/> "q" .', "a\nb\r\nc", "\\u003e", "x\" ; dk:met dkr:y . #", "<script>", "\x1b[31m", "''' \"\"\"",
])


@settings(max_examples=60, **PROFILE)
@given(hostile, hostile, hostile, hostile, hostile)
def test_hostile_names_give_valid_iris_and_turtle(ontology, file_name, person, place, agreement, clause):
    ev = Evidence("d", "x", 0, 1, "test")
    records = DocumentRecords(
        doc_id=file_name, file_name=file_name, title=person, publisher=place,
        persons=[PersonRecord("p1", [person], titles=[agreement], evidence=[ev]),
                 PersonRecord("p2", [person + " Other"], evidence=[ev])],
        meetings=[MeetingRecord("m1", persons={"p1", "p2"}, pairs={frozenset({"p1", "p2"})},
                                place=PlaceRef(place), date_text=clause, evidence=[ev])],
        agreements=[AgreementRecord("a1", agreement, evidence=[ev])],
        commitments=[CommitmentRecord("c1", "a1", set(), clause, section=clause, evidence=[ev])],
    )
    records = _with_doc_id(records, file_name)
    check_graph_roundtrip([records], ontology)


def _with_doc_id(records: DocumentRecords, doc_id: str) -> DocumentRecords:
    for item in (records.persons + records.meetings + records.agreements + records.commitments):
        item.evidence = [Evidence(doc_id, "x", 0, 1, "test")]
    return records
