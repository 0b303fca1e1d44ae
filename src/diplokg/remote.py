"""Load a built graph into an external SPARQL 1.1 server.

Two standard protocols, so any conformant store works (Virtuoso, Fuseki, GraphDB, Oxigraph
server, Blazegraph):

- ``gsp``: the SPARQL 1.1 Graph Store HTTP Protocol. The first chunk is sent with ``PUT``
  (replacing the named graph) and the rest with ``POST`` (appending);
- ``update``: the SPARQL 1.1 Update protocol. ``DROP SILENT GRAPH`` then ``INSERT DATA`` per chunk.

Triples are sent as N-Triples in chunks (``chunk_size`` triples each), sorted so that a push is
reproducible. The remote side is only written to when the user runs ``diplokg push``.

>>> from rdflib import Graph
>>> [len(chunk.splitlines()) for chunk in ntriples_chunks(Graph(), 10)]
[]
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Graph, URIRef

from .errors import InputError, RemoteStoreError

PROTOCOLS = ("gsp", "update")
DEFAULT_CHUNK = 20_000
NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class PushResult:
    endpoint: str
    graph_iri: str
    protocol: str
    triples: int
    requests: int

    def summary(self) -> str:
        return (f"pushed {self.triples} triples to <{self.graph_iri}> at {self.endpoint} "
                f"({self.protocol}, {self.requests} requests)")


def ntriples_chunks(graph: Graph, chunk_size: int = DEFAULT_CHUNK) -> Iterator[str]:
    """The graph as sorted N-Triples, ``chunk_size`` lines per chunk."""
    lines = sorted(
        line for line in graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        if line.strip()
    )
    for start in range(0, len(lines), chunk_size):
        yield "\n".join(lines[start:start + chunk_size]) + "\n"


def _check_iri(value: str, what: str) -> str:
    parsed = urllib.parse.urlsplit(value)
    if what == "endpoint" and parsed.scheme not in ("http", "https"):
        raise InputError(f"the {what} must be an http(s) URL, got {value!r}")
    if not parsed.scheme or any(c in value for c in '<>"{}|\\^` \n'):
        raise InputError(f"the {what} must be an absolute IRI, got {value!r}")
    return value


def _opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint, user, password or "")
        # servers choose: Virtuoso's *-auth endpoints ask for digest, Fuseki for basic
        handlers += [urllib.request.HTTPDigestAuthHandler(passwords),
                     urllib.request.HTTPBasicAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


def _send(opener: urllib.request.OpenerDirector, request: urllib.request.Request, timeout: float) -> None:
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
        raise RemoteStoreError(
            f"{request.get_method()} {request.full_url} failed: HTTP {exc.code} {exc.reason}"
            + (f": {detail[0]}" if detail else "")
        ) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RemoteStoreError(f"cannot reach {request.full_url}: {reason}") from exc


def push_graph(
    graph: Graph, endpoint: str, graph_iri: str, *, protocol: str = "gsp", append: bool = False,
    user: str | None = None, password: str | None = None, chunk_size: int = DEFAULT_CHUNK,
    timeout: float = 120.0,
) -> PushResult:
    """Send ``graph`` into the named graph ``graph_iri`` of a SPARQL 1.1 server.

    ``endpoint`` is the Graph Store endpoint for ``gsp`` (e.g. Virtuoso's
    ``http://host:8890/sparql-graph-crud``) or the update endpoint for ``update`` (e.g.
    ``http://host:8890/sparql``). The named graph is replaced unless ``append`` is set.
    """
    if protocol not in PROTOCOLS:
        raise InputError(f"unknown protocol {protocol!r} (known: {', '.join(PROTOCOLS)})")
    if chunk_size < 1:
        raise InputError("chunk size must be at least 1")
    _check_iri(endpoint, "endpoint")
    _check_iri(graph_iri, "graph IRI")
    opener = _opener(endpoint, user, password)
    target = URIRef(graph_iri).n3()
    requests = 0
    if protocol == "update" and not append:
        _send(opener, _update_request(endpoint, f"DROP SILENT GRAPH {target}"), timeout)
        requests += 1
    for index, chunk in enumerate(ntriples_chunks(graph, chunk_size)):
        if protocol == "gsp":
            method = "PUT" if index == 0 and not append else "POST"
            url = endpoint + ("&" if "?" in endpoint else "?") + urllib.parse.urlencode({"graph": graph_iri})
            request = urllib.request.Request(url, data=chunk.encode("utf-8"), method=method,
                                             headers={"Content-Type": NTRIPLES})
        else:
            request = _update_request(endpoint, f"INSERT DATA {{ GRAPH {target} {{\n{chunk}}} }}")
        _send(opener, request, timeout)
        requests += 1
    return PushResult(endpoint, graph_iri, protocol, len(graph), requests)


def _update_request(endpoint: str, update: str) -> urllib.request.Request:
    body = urllib.parse.urlencode({"update": update}).encode("utf-8")
    return urllib.request.Request(endpoint, data=body, method="POST",
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
