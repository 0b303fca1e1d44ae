"""Read the corpus folder: documents, their metadata, and the files that had to be skipped.

The metadata file ``metadata.csv`` (columns ``file,title,publisher,published``) is optional;
``published`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. Documents without metadata still work.
Bad files are never fatal: each is reported by name with the reason and skipped.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import CorpusError

METADATA_FILE = "metadata.csv"
DOCUMENT_SUFFIXES = (".txt", ".md")
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
    """The stable document id: the file name without its extension."""
    return Path(file_name).stem


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
    return rows, warnings


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes to text; return the text and a warning when it was not plain UTF-8.

    Raises ``ValueError`` with the reason when the bytes are not text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16 with BOM, decoded"
    if b"\x00" in data[:4096]:
        raise ValueError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return text, "not valid UTF-8, decoded as Windows-1252/Latin-1"


def load_corpus(folder: str | Path) -> Corpus:
    """Read every document of ``folder`` in file-name order.

    Raises ``CorpusError`` when the folder does not exist. Unreadable, empty, binary, huge and
    duplicate files, and files of other types, are skipped and listed in ``Corpus.skipped``.
    """
    root = Path(folder)
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}")
    metadata, warnings = read_metadata(root)
    corpus = Corpus(warnings=warnings)
    seen: dict[str, str] = {}
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.name == METADATA_FILE or path.is_dir():
            continue
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            corpus.skipped.append(Skipped(path.name, f"unsupported file type {path.suffix or '(none)'}"))
            continue
        document, problem = _read_document(path, metadata.get(path.name, {}), corpus.warnings)
        if document is None:
            corpus.skipped.append(Skipped(path.name, problem or "unreadable"))
            continue
        if document.sha256 in seen:
            corpus.skipped.append(Skipped(path.name, f"duplicate of {seen[document.sha256]}"))
            continue
        seen[document.sha256] = path.name
        corpus.documents.append(document)
    return corpus


def _read_document(
    path: Path, meta: dict[str, str], warnings: list[str]
) -> tuple[Document | None, str | None]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, f"too large ({size:,} bytes; the cap is {MAX_BYTES:,})"
        data = path.read_bytes()
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    try:
        text, warning = decode(data)
    except ValueError as exc:
        return None, str(exc)
    if warning:
        warnings.append(f"{path.name}: {warning}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, "empty"
    published = None
    if meta.get("published"):
        try:
            published = PartialDate.parse(meta["published"])
        except ValueError as exc:
            warnings.append(f"{METADATA_FILE}: {path.name}: {exc}; date ignored")
    return (
        Document(
            doc_id=doc_id_for(path.name),
            file_name=path.name,
            text=text,
            title=meta.get("title") or None,
            publisher=meta.get("publisher") or None,
            published=published,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        ),
        None,
    )


def iter_texts(corpus: Corpus) -> Iterator[tuple[str, Document]]:
    """(text, document) pairs for ``nlp.pipe(..., as_tuples=True)``."""
    for document in corpus.documents:
        yield document.text, document
