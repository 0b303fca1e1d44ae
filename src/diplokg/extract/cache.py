"""Cache of per-document extraction records, for incremental builds.

A document's entry is keyed by the SHA-256 of its text, its file name and metadata, and the
*pipeline fingerprint*: :data:`CACHE_VERSION`, the diplokg, spaCy and model versions, the bytes of
the ontology files and the source of the extraction code. Changing any of these invalidates the
entries it affects, so a cached record is always what a fresh extraction would give. Entries are
pickles of :class:`DocumentRecords` written by this program into the build's own cache folder.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..corpus import Document
from .records import DocumentRecords

#: Bump to invalidate every cache entry (e.g. when the record classes change shape).
CACHE_VERSION = 1

_PACKAGE = Path(__file__).resolve().parents[1]
#: Source files whose code decides what a document's records are.
EXTRACTOR_SOURCES = ("extract/*.py", "corpus.py", "text.py", "ontology.py", "namespace.py")


@lru_cache(maxsize=8)
def pipeline_fingerprint(ontology_dir: str | None = None) -> str:
    """A hash that changes whenever extraction could give different records."""
    from .. import __version__
    from ..ontology import DEFAULT_ONTOLOGY_DIR
    from ..provenance import model_version

    digest = hashlib.sha256()
    spacy_version = metadata.version("spacy")
    digest.update(f"cache-{CACHE_VERSION}|diplokg-{__version__}|spacy-{spacy_version}|{model_version()}".encode())
    ontology = Path(ontology_dir) if ontology_dir else DEFAULT_ONTOLOGY_DIR
    sources = [(f"ontology/{p.name}", p) for p in sorted(ontology.glob("*.ttl"))]
    for pattern in EXTRACTOR_SOURCES:
        sources += [(p.relative_to(_PACKAGE).as_posix(), p) for p in sorted(_PACKAGE.glob(pattern))]
    for name, path in sources:
        digest.update(f"\0{name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def document_key(document: Document, fingerprint: str) -> str:
    """The cache key of ``document`` under the pipeline ``fingerprint``."""
    published = document.published.isoformat() if document.published else ""
    fields = (fingerprint, document.doc_id, document.file_name, document.title or "",
              document.publisher or "", published, document.sha256)
    return hashlib.sha256("\0".join(fields).encode("utf-8")).hexdigest()


class RecordCache:
    """Records of documents already extracted, one file per document in ``folder``."""

    def __init__(self, folder: str | Path, ontology_dir: str | Path | None = None):
        self.root = Path(folder)
        self.folder = self.root / "records"
        self.fingerprint = pipeline_fingerprint(str(ontology_dir) if ontology_dir else None)
        self.hits = 0
        self.misses = 0

    def key(self, document: Document) -> str:
        return document_key(document, self.fingerprint)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, document: Document) -> DocumentRecords | None:
        """The cached records of ``document``, or None (a missing or unreadable entry is a miss)."""
        try:
            with self._path(self.key(document)).open("rb") as handle:
                records = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            self.misses += 1
            return None
        if not isinstance(records, DocumentRecords):
            self.misses += 1
            return None
        self.hits += 1
        return records

    def put(self, document: Document, records: DocumentRecords) -> None:
        """Store ``records`` for ``document`` (atomically; a failure only loses the entry)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".entry-", dir=self.folder)
            with os.fdopen(handle, "wb") as out:
                pickle.dump(records, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self._path(self.key(document)))
        except OSError:
            pass

    def prune(self, documents: list[Document]) -> int:
        """Delete entries of documents not in ``documents``; return how many were deleted."""
        keep = {f"{self.key(d)}.pickle" for d in documents}
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.iterdir():
            if path.name not in keep:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed
