"""The body of the child process that writes an Oxigraph store (see :class:`diplokg.store.StoreWriter`).

Kept apart from :mod:`diplokg.store` so that the child imports pyoxigraph only (no rdflib) unless
it also keeps answers (:mod:`diplokg.answers`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: What :meth:`diplokg.store.StoreWriter.finish` sends the child to start keeping answers.
ANSWER_NOW = b"answer\n"


def load_store(db: str, source: str, piece_bytes: str | int, queries: str | None = None) -> None:
    """Bulk-load the Turtle file ``source`` into a new Oxigraph store at ``db``; then, with
    ``queries`` (a JSON file holding a list of SPARQL texts), wait for the parent's go-ahead
    (:data:`ANSWER_NOW` on stdin; anything else, such as the parent's death, ends
    the child) and keep their answers next to ``db``.

    With ``piece_bytes`` 0 the file is loaded in one call; else it must be in blocks: a head of
    ``PREFIX`` lines ending with an empty line, then whole statements separated by empty lines
    and holding no empty line nor blank node (what :func:`diplokg.turtle.turtle_bytes` writes);
    it is loaded in pieces of about ``piece_bytes``, each a run of whole blocks after the head
    (the loader's memory grows with what one call parses)."""
    import pyoxigraph as ox

    size = int(piece_bytes)
    store = ox.Store(db)
    if not size:
        store.bulk_load(path=source, format=ox.RdfFormat.TURTLE)
    else:
        with open(source, "rb") as handle:
            head = b""
            for line in handle:
                head += line
                if line == b"\n":
                    break
            rest = b""
            while True:
                piece = handle.read(size)
                text = rest + piece
                cut = len(text) if not piece else text.rfind(b"\n\n") + 1
                if cut > 0:
                    store.bulk_load(input=head + text[:cut], format=ox.RdfFormat.TURTLE)
                    rest = text[cut:]
                else:
                    rest = text
                if not piece:
                    break
    store.optimize()
    if queries and sys.stdin.buffer.readline() == ANSWER_NOW:
        from oxrdflib import OxigraphStore
        from rdflib import Graph
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        from .answers import ANSWERS_DIR, write_answers

        texts = json.loads(Path(queries).read_text(encoding="utf-8"))
        graph = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
        write_answers(graph, texts, Path(db).parent / ANSWERS_DIR)
    del store
