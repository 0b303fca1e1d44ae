"""Tests of diplokg.corpus on small tmp_path corpora (no spaCy)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import diplokg.corpus as corpus_mod
from diplokg.corpus import Corpus, PartialDate, load_corpus
from diplokg.errors import CorpusError, InputError

GOOD_TXT = "Secretary Blinken met Foreign Secretary Ebrard in Mexico City.\n"
GOOD_MD = "# Readout\n\nThe delegations discussed fentanyl trafficking.\n"


def skipped_reasons(corpus: Corpus) -> dict[str, str]:
    return {s.file_name: s.reason for s in corpus.skipped}


def doc_names(corpus: Corpus) -> list[str]:
    return [d.file_name for d in corpus.documents]


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- documents


def test_good_documents_are_kept_in_name_order(tmp_path):
    write(tmp_path, "b.md", GOOD_MD)
    write(tmp_path, "a.txt", GOOD_TXT)
    corpus = load_corpus(tmp_path)
    assert doc_names(corpus) == ["a.txt", "b.md"]
    a, b = corpus.documents
    assert a.doc_id == "a" and b.doc_id == "b"
    assert a.text == GOOD_TXT
    assert b.text == GOOD_MD
    assert a.title is None and a.publisher is None and a.published is None
    assert len(a.sha256) == 64 and a.sha256 != b.sha256
    assert corpus.skipped == []
    assert corpus.warnings == []


def test_load_corpus_accepts_str_path(tmp_path):
    write(tmp_path, "a.txt", GOOD_TXT)
    assert doc_names(load_corpus(str(tmp_path))) == ["a.txt"]


def test_crlf_is_normalised(tmp_path):
    write(tmp_path, "a.txt", b"line one\r\nline two\rline three\r\n")
    (doc,) = load_corpus(tmp_path).documents
    assert doc.text == "line one\nline two\nline three\n"


def test_bad_files_are_skipped_with_reasons(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_mod, "MAX_BYTES", 200)
    write(tmp_path, "good.txt", GOOD_TXT)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.md", "   \n\t\n  \n")
    write(tmp_path, "binary.txt", b"abc\x00\x01\x02def" * 4)
    write(tmp_path, "huge.txt", "word " * 100)  # 500 bytes > 200
    write(tmp_path, "report.pdf", b"%PDF-1.4 some text")
    write(tmp_path, "zcopy.txt", GOOD_TXT)  # duplicate of good.txt, later by name
    corpus = load_corpus(tmp_path)

    assert doc_names(corpus) == ["good.txt"]
    reasons = skipped_reasons(corpus)
    assert set(reasons) == {"empty.txt", "blank.md", "binary.txt", "huge.txt", "report.pdf", "zcopy.txt"}
    assert reasons["empty.txt"] == "empty"
    assert reasons["blank.md"] == "empty"
    assert "binary" in reasons["binary.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "500" in reasons["huge.txt"] and "200" in reasons["huge.txt"]
    assert reasons["report.pdf"] == "unsupported file type .pdf"
    assert reasons["zcopy.txt"] == "duplicate of good.txt"


def test_file_exactly_at_max_bytes_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_mod, "MAX_BYTES", 10)
    write(tmp_path, "ten.txt", b"0123456789")
    write(tmp_path, "eleven.txt", b"0123456789a")
    corpus = load_corpus(tmp_path)
    assert doc_names(corpus) == ["ten.txt"]
    assert "too large" in skipped_reasons(corpus)["eleven.txt"]


def test_duplicate_keeps_first_by_name(tmp_path):
    write(tmp_path, "b.txt", GOOD_TXT)
    write(tmp_path, "a.md", GOOD_TXT)
    write(tmp_path, "c.txt", GOOD_TXT)
    corpus = load_corpus(tmp_path)
    assert doc_names(corpus) == ["a.md"]
    assert skipped_reasons(corpus) == {"b.txt": "duplicate of a.md", "c.txt": "duplicate of a.md"}


def test_file_without_extension_is_unsupported(tmp_path):
    write(tmp_path, "README", GOOD_TXT)
    corpus = load_corpus(tmp_path)
    assert corpus.documents == []
    assert skipped_reasons(corpus) == {"README": "unsupported file type (none)"}


def test_upper_case_extension_is_accepted(tmp_path):
    write(tmp_path, "A.TXT", GOOD_TXT)
    assert doc_names(load_corpus(tmp_path)) == ["A.TXT"]


def test_hidden_files_subfolders_and_metadata_are_not_documents(tmp_path):
    write(tmp_path, ".hidden.txt", GOOD_TXT)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "inner.txt", GOOD_TXT)
    write(tmp_path, "metadata.csv", "file,title,publisher,published\n")
    write(tmp_path, "a.txt", "Another text.")
    corpus = load_corpus(tmp_path)
    assert doc_names(corpus) == ["a.txt"]
    assert corpus.skipped == []


def test_read_error_is_skipped_even_as_root(tmp_path, monkeypatch):
    """Same path as the chmod test, forced with a PermissionError so it also runs as root."""
    write(tmp_path, "good.txt", GOOD_TXT)
    write(tmp_path, "locked.txt", "secret text")
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    corpus = load_corpus(tmp_path)
    assert doc_names(corpus) == ["good.txt"]
    assert skipped_reasons(corpus) == {"locked.txt": "cannot be read (Permission denied)"}


# --------------------------------------------------------------------------- encodings


def test_latin1_is_decoded_with_a_warning(tmp_path):
    write(tmp_path, "latin.txt", "Enrique Peña Nieto met the delegation.".encode("latin-1"))
    corpus = load_corpus(tmp_path)
    (doc,) = corpus.documents
    assert "Peña" in doc.text
    assert doc.text == "Enrique Peña Nieto met the delegation."
    assert len(corpus.warnings) == 1
    assert corpus.warnings[0].startswith("latin.txt:")
    assert "UTF-8" in corpus.warnings[0]


def test_cp1252_quotes_are_decoded(tmp_path):
    write(tmp_path, "quotes.txt", "\u201cSecurity\u201d \u2013 Peña".encode("cp1252"))
    (doc,) = load_corpus(tmp_path).documents
    assert doc.text == "\u201cSecurity\u201d \u2013 Peña"


def test_utf8_is_decoded_without_warning(tmp_path):
    write(tmp_path, "utf8.txt", "López Obrador y Peña".encode("utf-8"))
    corpus = load_corpus(tmp_path)
    assert corpus.documents[0].text == "López Obrador y Peña"
    assert corpus.warnings == []


def test_utf8_bom_is_stripped(tmp_path):
    write(tmp_path, "bom.txt", "\ufeffHello Peña".encode("utf-8"))
    corpus = load_corpus(tmp_path)
    assert corpus.documents[0].text == "Hello Peña"
    assert corpus.warnings == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(tmp_path, encoding):
    text = "Ebrard and Blinken met in Washington. Peña"
    data = text.encode(encoding)
    if encoding != "utf-16":  # add the BOM explicitly for the endian-specific codecs
        data = ("\ufeff" + text).encode(encoding)
    write(tmp_path, "wide.txt", data)
    corpus = load_corpus(tmp_path)
    assert skipped_reasons(corpus) == {}
    (doc,) = corpus.documents
    assert doc.text.lstrip("\ufeff") == text
    assert "\ufeff" not in doc.text
    assert any(w.startswith("wide.txt:") and "UTF-16" in w for w in corpus.warnings)


# --------------------------------------------------------------------------- metadata


def test_metadata_is_parsed(tmp_path):
    write(tmp_path, "a.txt", GOOD_TXT)
    write(tmp_path, "b.txt", GOOD_MD)
    write(tmp_path, "c.txt", "Third document.")
    write(
        tmp_path,
        "metadata.csv",
        "file,title,publisher,published\n"
        "a.txt,Joint Statement,U.S. Department of State,2023-07\n"
        "b.txt, Readout of the Meeting ,SRE,2021-10-08\n"
        "c.txt,Third,,2020\n",
    )
    corpus = load_corpus(tmp_path)
    assert corpus.warnings == []
    a, b, c = corpus.documents
    assert a.title == "Joint Statement"
    assert a.publisher == "U.S. Department of State"
    assert a.published == PartialDate(2023, 7)
    assert a.published.precision == "month"
    assert a.published.as_date() is None
    assert a.published.isoformat() == "2023-07"

    assert b.title == "Readout of the Meeting"  # stripped
    assert b.published == PartialDate(2021, 10, 8)
    assert b.published.precision == "day"
    assert b.published.as_date() == date(2021, 10, 8)

    assert c.publisher is None
    assert c.published == PartialDate(2020)
    assert c.published.precision == "year"


def test_metadata_with_utf8_bom_header(tmp_path):
    write(tmp_path, "a.txt", GOOD_TXT)
    (tmp_path / "metadata.csv").write_bytes(
        "\ufefffile,title,publisher,published\na.txt,Título,SRE,2022\n".encode("utf-8")
    )
    (doc,) = load_corpus(tmp_path).documents
    assert doc.title == "Título"
    assert doc.published == PartialDate(2022)


def test_bad_date_warns_and_is_ignored(tmp_path):
    write(tmp_path, "a.txt", GOOD_TXT)
    write(tmp_path, "metadata.csv", "file,title,publisher,published\na.txt,T,P,July 2023\n")
    corpus = load_corpus(tmp_path)
    (doc,) = corpus.documents
    assert doc.published is None
    assert doc.title == "T"
    assert len(corpus.warnings) == 1
    assert "a.txt" in corpus.warnings[0]
    assert "July 2023" in corpus.warnings[0]


def test_impossible_date_warns_and_is_ignored(tmp_path):
    write(tmp_path, "a.txt", GOOD_TXT)
    write(tmp_path, "metadata.csv", "file,title,publisher,published\na.txt,T,P,2023-02-30\n")
    corpus = load_corpus(tmp_path)
    assert corpus.documents[0].published is None
    assert len(corpus.warnings) == 1 and "a.txt" in corpus.warnings[0]


def test_metadata_row_for_missing_file_warns(tmp_path):
    write(tmp_path, "a.txt", GOOD_TXT)
    write(
        tmp_path,
        "metadata.csv",
        "file,title,publisher,published\na.txt,T,P,2023\nghost.txt,Ghost,P,2023\n",
    )
    corpus = load_corpus(tmp_path)
    assert doc_names(corpus) == ["a.txt"]
    assert len(corpus.warnings) == 1
    assert "ghost.txt" in corpus.warnings[0]
    assert "not in the corpus" in corpus.warnings[0]


def test_metadata_row_without_file_name_warns(tmp_path):
    write(tmp_path, "a.txt", GOOD_TXT)
    write(tmp_path, "metadata.csv", "file,title,publisher,published\n,Orphan,P,2023\n")
    corpus = load_corpus(tmp_path)
    assert corpus.documents[0].title is None
    assert corpus.warnings == ["metadata.csv:2: row without a file name, ignored"]


# --------------------------------------------------------------------------- errors


def test_missing_corpus_folder_raises(tmp_path):
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path / "nope")
    assert isinstance(info.value, InputError)
    assert info.value.exit_code == 2
    assert "nope" in str(info.value)


def test_corpus_path_that_is_a_file_raises(tmp_path):
    f = write(tmp_path, "a.txt", GOOD_TXT)
    with pytest.raises(CorpusError):
        load_corpus(f)


# --------------------------------------------------------------------------- PartialDate


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2023-07-15", PartialDate(2023, 7, 15)),
        ("2023-07", PartialDate(2023, 7)),
        ("2023", PartialDate(2023)),
        (" 2024-02-29 ", PartialDate(2024, 2, 29)),
    ],
)
def test_partial_date_parse(text, expected):
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    ["2023-13-01", "2023-13", "2023-00", "2023-02-30", "2023-00-10", "July", "2023/07/01", "23-07-01", ""],
)
def test_partial_date_rejects(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_partial_date_roundtrip_and_order():
    assert PartialDate.parse("2023-07-05").isoformat() == "2023-07-05"
    assert PartialDate.from_date(date(2021, 1, 2)) == PartialDate(2021, 1, 2)
    assert PartialDate(2021) < PartialDate(2022)


def test_unreadable_metadata_warns_and_documents_still_load(tmp_path):
    write(tmp_path, "a.txt", GOOD_TXT)
    (tmp_path / "metadata.csv").write_bytes("file,title\na.txt,Peña\n".encode("latin-1"))
    corpus = load_corpus(tmp_path)
    assert doc_names(corpus) == ["a.txt"]
    assert len(corpus.warnings) == 1
    assert corpus.warnings[0].startswith("metadata.csv: cannot be read")


def test_partial_dates_of_mixed_precision_sort():
    assert sorted([PartialDate(2023, 7), PartialDate(2023), PartialDate(2022, 1, 5)]) == [
        PartialDate(2022, 1, 5), PartialDate(2023), PartialDate(2023, 7)
    ]
