"""An on-disk Oxigraph store next to ``graph.ttl``, for fast loading and fast SPARQL on big graphs.

``diplokg build --store oxigraph`` writes ``<out>/store/`` (a pyoxigraph RocksDB store holding
the same triples as ``graph.ttl``, bulk-loaded from it) with a manifest naming the SHA-256 and
size of the ``graph.ttl`` it was loaded from. :func:`open_store` opens it read-only as an rdflib
``Graph`` (through the ``oxrdflib`` store plugin), so the rest of diplokg keeps the rdflib API;
SPARQL given as text runs on Oxigraph's own engine. A store that does not match ``graph.ttl``
(e.g. a later ``--store memory`` build) is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .namespace import PREFIXES

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


def write_store(graph_file: str | Path, folder: str | Path) -> Path:
    """Bulk-load the Turtle ``graph_file`` into a new Oxigraph store at ``folder`` (replacing any
    store there only once the new one is complete); return the folder."""
    import pyoxigraph as ox

    source = Path(graph_file)
    target = Path(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        store = ox.Store(str(staging / "db"))
        store.bulk_load(path=str(source), format=ox.RdfFormat.TURTLE)
        store.optimize()
        del store
        manifest = _manifest(source)
        manifest["sha256"] = hashlib.sha256(source.read_bytes()).hexdigest()
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
    return manifest.get("sha256") == hashlib.sha256(Path(graph_file).read_bytes()).hexdigest()


def open_store(folder: str | Path) -> Graph:
    """The store at ``folder`` as a read-only rdflib ``Graph`` backed by Oxigraph."""
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

    store = ox.Store.read_only(str(Path(folder) / "db"))
    graph = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def is_oxigraph(graph: Graph) -> bool:
    """Whether ``graph`` is backed by an Oxigraph store (SPARQL text runs natively there)."""
    return type(graph.store).__name__ == "OxigraphStore"


def _term(value) -> str:
    """``value`` (an rdflib term) in SPARQL/N-Triples syntax, escaped by pyoxigraph's serializer."""
    from oxrdflib._converter import to_ox

    return str(to_ox(value))


def with_values(sparql: str, bindings: dict) -> str | None:
    """``sparql`` with ``bindings`` as a ``VALUES`` block opening its outermost group pattern.

    This is how bound variables reach Oxigraph's engine when they are not projected (its
    substitutions take projected variables only). Values are RDF terms written by pyoxigraph's
    serializer, never user text pasted into the query. Returns None when the outermost group
    cannot be found unambiguously (the caller then uses rdflib's engine)."""
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
