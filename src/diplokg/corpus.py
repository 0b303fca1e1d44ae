"""Read the corpus folder: documents, their metadata, and the files that had to be skipped.

Documents are ``.txt`` and ``.md`` files (which may open with a ``---`` front-matter block of
``key: value`` lines: ``title``, ``published`` or ``date``, ``publisher``, ``url``) and ``.html`` /
``.htm`` pages (main text, title, date, site name and canonical URL read offline with
trafilatura; scripts, styles and attributes never reach the text).

The metadata file ``metadata.csv`` (columns ``file,title,publisher,published``) is optional;
``published`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. Documents without metadata still work.
Where both give a value, ``metadata.csv`` wins over the document's own front matter or HTML
metadata (it is the corpus keeper's deliberate correction). Bad files are never fatal: each is
reported by name with the reason and skipped; bad dates are warnings naming the file.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import hashlib
import logging
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import CorpusError
from .text import slug

METADATA_FILE = "metadata.csv"
HTML_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES = (".txt", ".md") + HTML_SUFFIXES
#: Front-matter keys read from ``.md``/``.txt`` files (``date`` is an alias of ``published``).
FRONT_MATTER_KEYS = {"title": "title", "published": "published", "date": "published",
                     "publisher": "publisher", "url": "url"}
#: A front-matter block must close within this many lines, else the file has none.
FRONT_MATTER_MAX_LINES = 100
#: Files larger than this are skipped (the cap is reported).
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class PartialDate:
    """A date known to day, month or year precision (sorts by year, month, day; unknown first)."""

    year: int
    month: int | None = None
    day: int | None = None

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; raise ``ValueError`` otherwise.

        >>> PartialDate.parse("2023-07")
        PartialDate(year=2023, month=7, day=None)
        """
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
        if not match:
            raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
        year, month, day = (int(g) if g else None for g in match.groups())
        result = cls(year, month, day)
        result.as_date()  # validates month and day
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"not a date: {text!r}")
        return result

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def as_date(self) -> date | None:
        """The full date when the day is known."""
        if self.day is None or self.month is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError as exc:
            raise ValueError(f"not a date: {self.isoformat()!r}") from exc

    def isoformat(self) -> str:
        if self.day is not None and self.month is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)


@dataclass(frozen=True)
class Document:
    """One readable document of the corpus."""

    doc_id: str
    file_name: str
    text: str
    title: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    sha256: str = ""
    url: str | None = None  # from front matter or the page's canonical URL


@dataclass(frozen=True)
class Skipped:
    """A file that was not built, and why."""

    file_name: str
    reason: str


@dataclass
class Corpus:
    """The readable documents of a corpus folder plus the problems found reading it."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def doc_id_for(file_name: str) -> str:
    """The stable document id: the file name without its extension (``load_corpus`` falls back
    to the whole name when two files' ids would give the same IRI, e.g. ``a.txt`` and ``a.html``)."""
    return Path(file_name).stem


def parse_published(value: str) -> PartialDate:
    """A publication date: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or an ISO date-time
    (``2023-07-24T10:00:00Z``, whose date part is kept). Raise ``ValueError`` otherwise."""
    value = value.strip().strip("'\"")
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", value)
    return PartialDate.parse(match.group(1) if match else value)


_FRONT_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:(?:\s+(.*?))?\s*")


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Split a leading ``---`` front-matter block off ``text``: (the text without it, its known
    keys). Only simple ``key: value`` lines are read (comments, blank, indented and list lines are
    ignored); a block that does not close with ``---`` or ``...`` within
    ``FRONT_MATTER_MAX_LINES`` lines, or that holds another kind of line, is not front matter.

    >>> split_front_matter("---\\ntitle: 'Readout'\\ndate: 2023-07-24\\n---\\nBody.\\n")
    ('Body.\\n', {'title': 'Readout', 'published': '2023-07-24'})
    """
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return text, {}
    fields: dict[str, str] = {}
    for index, line in enumerate(lines[1:FRONT_MATTER_MAX_LINES + 1], start=1):
        stripped = line.strip()
        if stripped in ("---", "..."):
            return "\n".join(lines[index + 1:]).lstrip("\n"), fields
        if not stripped or stripped.startswith("#") or line[:1].isspace() or stripped.startswith("- "):
            continue
        match = _FRONT_LINE.fullmatch(line)
        if not match:
            return text, {}
        key, value = match.group(1).lower(), (match.group(2) or "").strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1].strip()
        if key in FRONT_MATTER_KEYS and value and FRONT_MATTER_KEYS[key] not in fields:
            fields[FRONT_MATTER_KEYS[key]] = value
    return text, {}


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page (one paragraph per block, blank lines between) and its
    metadata (``title``, ``published``, ``publisher`` = site name, ``url``), read offline with
    trafilatura. Scripts, styles, comments, images and attributes are dropped. Pages where
    trafilatura finds no main text fall back to all the visible text of the page."""
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        # their warnings ("readability_lxml failed") are not the user's business: no stderr
        # output unless the application configured logging
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, prune_xpath=["//noscript", "//template"],
            # the date from markup only (meta tags, <time datetime>), not guessed from the text;
            # a fixed max_date keeps the build independent of the day it runs
            date_extraction_params={"extensive_search": False, "original_date": True, "max_date": "2999-12-31"},
        )
    except Exception:  # noqa: BLE001 - hostile markup can trip its parsers (an <svg> root asserts)
        result = None
    meta: dict[str, str] = {}
    text = ""
    if result is not None:
        text = result.text or ""
        for key, attr in (("title", "title"), ("published", "date"), ("publisher", "sitename"), ("url", "url")):
            value = getattr(result, attr, None)
            if isinstance(value, str) and value.strip():
                meta[key] = " ".join(value.split())
    if not text.strip():
        text = _visible_text(html)
    text = _HTML_CONTROL.sub("", text)  # &#27; and friends: never part of a page's prose
    paragraphs = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(p for p in paragraphs if p) + "\n", meta


_HTML_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _visible_text(html: str) -> str:
    """All the text of a page or fragment that a browser would show (no scripts or styles)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    hidden = "self::script or self::style or self::noscript or self::template or self::head or " \
             "self::iframe or self::object or self::svg or self::math"
    if tree.xpath(f"boolean({hidden})"):
        return ""
    for node in tree.xpath(f"//*[{hidden}]") + list(tree.iter(etree.Comment, etree.ProcessingInstruction)):
        if node.getparent() is not None:
            node.drop_tree()
    for node in tree.xpath("//p|//div|//br|//li|//tr|//h1|//h2|//h3|//h4|//h5|//h6|//article|//section"):
        node.tail = "\n" + (node.tail or "")
    return tree.text_content()


def read_metadata(folder: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Read ``metadata.csv``: file name -> fields, and the warnings it raised."""
    path = folder / METADATA_FILE
    if not path.exists():
        return {}, []
    warnings: list[str] = []
    rows: dict[str, dict[str, str]] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for line_no, row in enumerate(csv.DictReader(handle), start=2):
                name = (row.get("file") or "").strip()
                if not name:
                    warnings.append(f"{METADATA_FILE}:{line_no}: row without a file name, ignored")
                    continue
                rows[name] = {k: (v or "").strip() for k, v in row.items() if k}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        warnings.append(f"{METADATA_FILE}: cannot be read ({exc}); building without metadata")
        return {}, warnings
    for name in sorted(rows):
        if not (folder / name).exists():
            warnings.append(f"{METADATA_FILE}: names {name}, which is not in the corpus")
        elif rows[name].get("published"):
            try:
                parse_published(rows[name]["published"])
            except ValueError as exc:
                warnings.append(f"{METADATA_FILE}: {name}: {exc}; date ignored")
                rows[name] = {k: v for k, v in rows[name].items() if k != "published"}
    return rows, warnings


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes to text; return the text and a warning when it was not plain UTF-8.

    Raises ``ValueError`` with the reason when the bytes are not text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16 with BOM, decoded"
        except UnicodeDecodeError as exc:
            raise ValueError("UTF-16 byte order mark but not valid UTF-16") from exc
    if b"\x00" in data[:4096]:
        raise ValueError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return text, "not valid UTF-8, decoded as Windows-1252/Latin-1"


_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes) -> tuple[str, str | None]:
    """Decode an HTML page: with the charset its ``<meta>`` declares when that is not UTF-8 (a
    declared ``iso-8859-1`` page is no reason for a warning), else like :func:`decode`."""
    match = _HTML_CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        charset = match.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be") and b"\x00" not in data[:4096]:
            # browsers read the labels latin-1 and ascii as Windows-1252 (WHATWG Encoding)
            codec = "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec
            return data.decode(codec, errors="replace"), None
    return decode(data)


def load_corpus(folder: str | Path, max_bytes: int | None = None) -> Corpus:
    """Read every document of ``folder`` in file-name order.

    Raises ``CorpusError`` when the folder does not exist. Unreadable, empty, binary, huge
    (over ``max_bytes``, default ``MAX_BYTES``) and duplicate files, folders and special files
    named like documents, and files of other types, are skipped and listed in ``Corpus.skipped``.
    """
    root = Path(folder)
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}")
    cap = MAX_BYTES if max_bytes is None else max_bytes
    metadata, warnings = read_metadata(root)
    corpus = Corpus(warnings=warnings)
    seen: dict[str, str] = {}
    ids: set[str] = set()
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.name == METADATA_FILE:
            continue
        name = text_file_name(path.name)
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            if not path.is_dir():
                corpus.skipped.append(Skipped(name, f"unsupported file type {path.suffix or '(none)'}"))
            continue
        if name != path.name:
            corpus.warnings.append(f"{name}: file name is not valid UTF-8; recorded with U+FFFD")
        document, problem = _read_document(path, metadata.get(path.name, {}), corpus.warnings, cap, name)
        if document is None:
            corpus.skipped.append(Skipped(name, problem or "unreadable"))
            continue
        if document.sha256 in seen:
            corpus.skipped.append(Skipped(name, f"duplicate of {seen[document.sha256]}"))
            continue
        seen[document.sha256] = name
        doc_id, n = document.doc_id, 1
        while slug(doc_id) in ids:  # a.txt and a.html, or "a b.txt" and "a-b.txt": one IRI each
            doc_id, n = (name if n == 1 else f"{name}-{n}"), n + 1
        ids.add(slug(doc_id))
        corpus.documents.append(dataclasses.replace(document, doc_id=doc_id))
    return corpus


def _read_bytes(path: Path, cap: int) -> tuple[bytes | None, str | None]:
    """The bytes of a regular file of at most ``cap`` bytes, or the reason it cannot be used."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return None, "a folder, not a file"
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            return None, "not a regular file"
        if info.st_size > cap:
            return None, f"too large ({info.st_size:,} bytes; the cap is {cap:,})"
        data = path.read_bytes()
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    if len(data) > cap:  # grew after stat
        return None, f"too large ({len(data):,} bytes; the cap is {cap:,})"
    return data, None


def _published(value: str | None, source: str, warnings: list[str]) -> PartialDate | None:
    if not value:
        return None
    try:
        return parse_published(value)
    except ValueError as exc:
        warnings.append(f"{source}: {exc}; date ignored")
        return None


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
#: A date line at the top of a text ("May 14, 2026", "Mexico City, 14 May 2026", "Tuesday, May 14,
#: 2026 —"): the whole line is the date, optionally after a place or weekday and before a dash.
_DATE_LINE = re.compile(
    r"(?i)^\s*(?:[A-Z][\w.'’ -]{0,40},\s*)?(?:(?P<m1>[a-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})|"
    r"(?P<d2>\d{1,2})\s+(?P<m2>[a-z]{3,9})\.?,?\s+(?P<y2>\d{4}))\s*(?:[—–-]+\s*)?$"
)


def leading_date(text: str, lines: int = 4) -> PartialDate | None:
    """The date a text states on a line of its own among its first ``lines`` non-empty lines (a
    dated document without metadata: "May 14, 2026" at the top), or None.

    >>> leading_date("Readout of the meeting\\nMay 14, 2026\\n\\nThe delegations met yesterday.")
    PartialDate(year=2026, month=5, day=14)
    >>> leading_date("The delegations met on May 14, 2026.") is None
    True
    """
    for line in [ln for ln in text.split("\n") if ln.strip()][:lines]:
        match = _DATE_LINE.match(line)
        if match is None:
            continue
        month, day, year = (match["m1"], match["d1"], match["y1"]) if match["m1"] else (match["m2"], match["d2"], match["y2"])
        number = next((n for n, m in enumerate(_MONTHS, start=1) if m.startswith(month.lower()) and len(month) >= 3), None)
        if number is None:
            continue
        try:
            return PartialDate.from_date(date(int(year), number, int(day)))
        except ValueError:
            continue
    return None


def text_file_name(name: str) -> str:
    """A file name as valid Unicode: bytes that are not UTF-8 (kept by the OS as lone
    surrogates) become U+FFFD, so the name can be encoded, hashed and written to the graph."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


def _read_document(
    path: Path, meta: dict[str, str], warnings: list[str], cap: int = MAX_BYTES, name: str | None = None,
) -> tuple[Document | None, str | None]:
    name = name or text_file_name(path.name)
    data, problem = _read_bytes(path, cap)
    if data is None:
        return None, problem
    html = path.suffix.lower() in HTML_SUFFIXES
    try:
        text, warning = decode_html(data) if html else decode(data)
    except ValueError as exc:
        return None, str(exc)
    if warning:
        warnings.append(f"{name}: {warning}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, "empty"
    if html:
        text, own = html_to_text(text)
        if not text.strip():
            return None, "empty (no text in the HTML page)"
        source = f"{name}: HTML date"
    else:
        text, own = split_front_matter(text)
        if not text.strip():
            return None, "empty (front matter only)"
        source = f"{name}: front matter"
    published = _published(meta.get("published"), f"{METADATA_FILE}: {name}", warnings)
    if published is None:
        published = _published(own.get("published"), source, warnings)
    if published is None:
        published = leading_date(text)
    return (
        Document(
            doc_id=doc_id_for(name),
            file_name=name,
            text=text,
            title=meta.get("title") or own.get("title") or None,
            publisher=meta.get("publisher") or own.get("publisher") or None,
            published=published,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            url=meta.get("url") or own.get("url") or None,
        ),
        None,
    )


def iter_texts(corpus: Corpus) -> Iterator[tuple[str, Document]]:
    """(text, document) pairs for ``nlp.pipe(..., as_tuples=True)``."""
    for document in corpus.documents:
        yield document.text, document
