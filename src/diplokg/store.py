"""An on-disk Oxigraph store next to ``graph.ttl``, for fast loading and fast SPARQL on big graphs.

``diplokg build --store oxigraph`` writes ``<out>/store/`` (a pyoxigraph RocksDB store holding
the same triples as ``graph.ttl``, bulk-loaded from it) with a manifest naming the SHA-256 and
size of the ``graph.ttl`` it was loaded from. :func:`open_store` opens it read-only as an rdflib
``Graph`` (through the ``oxrdflib`` store plugin), so the rest of diplokg keeps the rdflib API;
``diplokg.query.run_query`` runs SELECT and ASK queries on the pyoxigraph store behind it
(:func:`native_store`) with the bindings written in as constants (:func:`substitute`). A store
that does not match ``graph.ttl`` (e.g. a later ``--store memory`` build) is ignored. The
loader can also keep the answers of queries in the store (:mod:`diplokg.answers`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .answers import ANSWERS_DIR
from .namespace import PREFIXES
from .storeload import ANSWER_NOW

STORE_DIR = "store"
MANIFEST = "diplokg-store.json"
STORES = ("auto", "memory", "oxigraph")
#: ``--store auto`` writes the Oxigraph store for graphs of at least this many triples: from
#: there on named queries on rdflib's in-memory graph take seconds (see README, Performance).
AUTO_STORE_TRIPLES = 20_000


def wants_store(store: str, triples: int) -> bool:
    """Whether a build with ``--store store`` of a graph of ``triples`` writes the Oxigraph store."""
    return store == "oxigraph" or (store == "auto" and triples >= AUTO_STORE_TRIPLES)


def _manifest(graph_file: Path) -> dict:
    stat = graph_file.stat()
    return {"graph": graph_file.name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def write_store(graph_file: str | Path, folder: str | Path, queries: Sequence[str] = ()) -> Path:
    """Bulk-load the Turtle ``graph_file`` into a new Oxigraph store at ``folder`` (replacing any
    store there only once the new one is complete), with the answers of ``queries`` kept in it;
    return the folder."""
    source = Path(graph_file)
    return StoreWriter(source, folder, queries=queries).finish(source)


#: Bytes of Turtle per ``bulk_load`` call when the text is in blocks (see :class:`StoreWriter`):
#: the loader's memory grows with what one call parses (the 185 MB Turtle of a 20,000-document
#: build: 1.5 GB in one call; 120 MB in 4 MB pieces, 91 MB in 2 MB, 75 MB in 1 MB, all in about
#: the same time).
LOAD_PIECE_BYTES = 2 << 20

#: The child process that writes a store: ``python -c _LOADER DB TURTLE PIECE_BYTES [QUERIES]``
#: (see :func:`diplokg.storeload.load_store`).
_LOADER = "import sys; from diplokg.storeload import load_store; load_store(*sys.argv[1:])"


def _child_environment() -> dict[str, str]:
    """The environment of the loader's child: this one, with this copy of diplokg importable."""
    here = str(Path(__file__).resolve().parents[1])
    paths = [here, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return dict(os.environ, PYTHONPATH=os.pathsep.join(dict.fromkeys(paths)))


class StoreWriter:
    """Writes the store of a Turtle text in a child process while the build goes on.

    ``StoreWriter(data, folder)`` puts ``data`` (Turtle bytes, or the path of a Turtle file,
    which is hard-linked, else copied) in a staging folder next to ``folder`` (named
    ``prefix…``) and starts a Python process that bulk-loads it into a new store there
    (pyoxigraph keeps the GIL while it loads, so a thread would not run alongside the build; a
    process uses the other CPU). With ``blocks`` the text is in the block layout of
    :func:`diplokg.turtle.turtle_bytes` and is loaded in pieces of :data:`LOAD_PIECE_BYTES`
    (far less memory); ``sha256`` is the text's digest when the caller knows it.
    :meth:`finish` waits, records the manifest of ``graph_file`` (which must hold the text) and
    moves the store into place, replacing any store there; :meth:`abandon` stops the load and
    deletes the staging folder. Exactly one of them must be called. The answers of ``queries``
    (SPARQL texts run with no binding) are kept in the store (:mod:`diplokg.answers`)."""

    def __init__(self, data: bytes | str | Path, folder: str | Path, prefix: str | None = None,
                 blocks: bool = False, sha256: str | None = None, queries: Sequence[str] = ()):
        self.sha256 = sha256
        #: whether the child keeps the answers of queries once :meth:`finish` lets it
        self.keeps_answers = bool(queries)
        self.target = Path(folder)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        prefix = prefix if prefix is not None else f".{self.target.name}-"
        self.staging = Path(tempfile.mkdtemp(prefix=prefix, dir=self.target.parent))
        try:
            source = self.staging / "source.ttl"
            if isinstance(data, bytes):
                source.write_bytes(data)
                if self.sha256 is None:
                    self.sha256 = hashlib.sha256(data).hexdigest()
            else:
                try:
                    os.link(data, source)
                except OSError:
                    shutil.copyfile(data, source)
            command = [sys.executable, "-c", _LOADER, str(self.staging / "db"), str(source),
                       str(LOAD_PIECE_BYTES if blocks else 0)]
            if queries:
                listing = self.staging / "queries.json"
                listing.write_text(json.dumps(list(queries)), encoding="utf-8")
                command.append(str(listing))
            # with queries the child answers them only once told to (see finish)
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE if queries else subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE, env=_child_environment())
        except BaseException:
            shutil.rmtree(self.staging, ignore_errors=True)
            raise

    def finish(self, graph_file: str | Path) -> Path:
        """Let the child answer the queries (if any), wait for it, then put the store in place for
        ``graph_file``; return the folder. The answering is held back until now because it takes
        the child's memory to about 1 GB at 2.8 M triples: the caller frees its own first."""
        source, target, staging = Path(graph_file), self.target, self.staging
        _, errors = self._process.communicate(ANSWER_NOW if self._process.stdin else None)
        try:
            if self._process.returncode != 0:
                detail = " ".join(errors.decode("utf-8", "replace").split())[-300:]
                raise OSError(f"cannot write the Oxigraph store {target}: {detail}")
            loaded = staging / "source.ttl"
            if self.sha256 is None:
                self.sha256 = _file_sha256(loaded)
            loaded.unlink()
            (staging / "queries.json").unlink(missing_ok=True)
            manifest = _manifest(source)
            manifest["sha256"] = self.sha256
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
            old = None
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
                os.replace(target, old / target.name)
            os.replace(staging, target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        return target

    def abandon(self) -> None:
        """Stop the load and delete what it wrote."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.communicate()
        shutil.rmtree(self.staging, ignore_errors=True)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def remove_store(folder: str | Path) -> None:
    """Delete the store at ``folder`` if there is one."""
    if Path(folder).is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def store_for(graph_file: str | Path) -> Path | None:
    """The store folder next to ``graph_file`` when it holds exactly that file's triples.

    Checks name, size and modification time recorded when the store was written (the SHA-256 is
    recorded too, for :func:`verify_store`); anything else means the store is stale."""
    source = Path(graph_file)
    folder = source.parent / STORE_DIR
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        current = _manifest(source)
    except (OSError, ValueError):
        return None
    if any(manifest.get(key) != value for key, value in current.items()):
        return None
    return folder


def verify_store(folder: str | Path, graph_file: str | Path) -> bool:
    """Whether the store's manifest names the SHA-256 of ``graph_file`` (slow on big files)."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("sha256") == _file_sha256(Path(graph_file))


def open_store(folder: str | Path) -> Graph:
    """The store at ``folder`` as a read-only rdflib ``Graph`` backed by Oxigraph."""
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

    store = ox.Store.read_only(str(Path(folder) / "db"))
    backend = OxigraphStore(store=store)
    backend.diplokg_answers = Path(folder) / ANSWERS_DIR  # read by answers_of
    graph = Graph(store=backend, identifier=DATASET_DEFAULT_GRAPH_ID)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def is_oxigraph(graph: Graph) -> bool:
    """Whether ``graph`` is backed by an Oxigraph store (SPARQL text runs natively there)."""
    return type(graph.store).__name__ == "OxigraphStore"


def answers_of(graph: Graph) -> Path | None:
    """The folder of the answers precomputed in the store behind ``graph`` (see
    :mod:`diplokg.answers`), or None when ``graph`` was not opened by :func:`open_store`."""
    return getattr(graph.store, "diplokg_answers", None)


def native_store(graph: Graph):
    """The pyoxigraph ``Store`` behind ``graph`` (None when it is not an Oxigraph store)."""
    return graph.store._inner if is_oxigraph(graph) else None


def _term(value) -> str:
    """``value`` (an rdflib term) in SPARQL/N-Triples syntax, escaped by pyoxigraph's serializer."""
    from oxrdflib._converter import to_ox

    return str(to_ox(value))


_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)")
_BOUND_BEFORE = re.compile(r"(?i)\bBOUND\s*\(\s*$")
_BOUND_AFTER = re.compile(r"^\s*\)")
_SELECT_STAR = re.compile(r"(?i)\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*")


def substitute(sparql: str, bindings: dict) -> str | None:
    """``sparql`` with every bound variable replaced by its value, and ``BOUND(?v)`` by ``true``.

    This is how ``--bind`` values reach Oxigraph's engine: its optimizer then sees constants,
    pushes a filter such as ``LCASE(STR(?name)) = LCASE(STR("Kirstjen Nielsen"))`` down to the
    pattern that binds ``?name`` and evaluates selective parts first, where a ``VALUES`` block
    (:func:`with_values`) stays a separate one-row input joined last. The meaning is rdflib's
    ``initBindings`` (the variable is bound everywhere, sub-queries included). Values are RDF
    terms written by pyoxigraph's serializer, never user text pasted into the query; variables
    are only recognised outside comments, IRIs and string literals. Returns None where a
    replacement cannot keep the meaning: ``SELECT *`` (the variable would no longer be a
    column) and blank-node values; a bound variable in a place that takes only a variable
    (projection, ``AS``, ``VALUES``, ``GROUP BY``) makes the text invalid, which the caller
    sees as a syntax error (it then uses :func:`with_values`)."""
    from rdflib import Literal, URIRef

    if not bindings:
        return sparql
    if any(not isinstance(value, (URIRef, Literal)) for value in bindings.values()):
        return None
    terms = {name: _term(value) for name, value in bindings.items()}
    parts: list[str] = []
    last = 0
    for start, end in code_spans(sparql):
        segment = sparql[start:end]
        for match in _VARIABLE.finditer(segment):
            name = match.group(1)
            if name not in terms:
                continue
            if _SELECT_STAR.search(sparql):
                return None
            begin, finish = start + match.start(), start + match.end()
            before = _BOUND_BEFORE.search(sparql[last:begin])
            after = _BOUND_AFTER.match(sparql[finish:])
            if before and after:  # BOUND(?v) of a bound variable
                parts.append(sparql[last:last + before.start()])
                parts.append("true")
                last = finish + after.end()
            else:
                parts.append(sparql[last:begin])
                parts.append(terms[name])
                last = finish
    parts.append(sparql[last:])
    return "".join(parts)


def code_spans(text: str):
    """``(start, end)`` of the stretches of ``text`` outside comments, IRIs and string literals."""
    i, n, start = 0, len(text), 0
    while i < n:
        c = text[i]
        if c == "#" or c in "\"'" or (c == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:])):
            if i > start:
                yield start, i
            if c == "#":
                end = text.find("\n", i)
                i = n if end < 0 else end + 1
            elif c == "<":
                i += re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:]).end()
            else:
                quote = c * 3 if text.startswith(c * 3, i) else c
                i += len(quote)
                while i < n and not text.startswith(quote, i):
                    i += 2 if text[i] == "\\" else 1
                i += len(quote)
            start = i
            continue
        i += 1
    if start < n:
        yield start, n


def with_values(sparql: str, bindings: dict) -> str | None:
    """``sparql`` with ``bindings`` as a ``VALUES`` block opening its outermost group pattern.

    The fallback of :func:`substitute` (e.g. for a bound variable that is also a column). A
    ``VALUES`` block binds the variable in the outermost group only: a FILTER inside a nested
    group or sub-SELECT does not see it (SPARQL scoping, which rdflib's ``initBindings`` ignore).
    Values are RDF terms written by pyoxigraph's serializer, never user text pasted into the
    query. Returns None when the outermost group cannot be found unambiguously."""
    if not bindings:
        return sparql
    position = _first_brace(sparql)
    if position is None:
        return None
    names = sorted(bindings)
    block = " VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(_term(bindings[n]) for n in names) + ") } "
    return sparql[: position + 1] + block + sparql[position + 1:]


def _first_brace(text: str) -> int | None:
    """Index of the first ``{`` outside comments, IRIs and string literals."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c == "<":  # an IRI (no whitespace inside), else the less-than operator
            match = re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:])
            i += match.end() if match else 1
            continue
        if c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
            continue
        if c == "{":
            return i
        i += 1
    return None
