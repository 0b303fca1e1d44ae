"""Pushing a graph into a real SPARQL 1.1 server (Virtuoso started on loopback by the tests).

Debian's ``virtuoso-opensource`` provides the server; ``.ci/run`` installs it. Outside CI the
tests skip with the reason when it is missing; in CI (``CI=true``) a missing server is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from diplokg.cli import main
from diplokg.errors import InputError, RemoteStoreError
from diplokg.namespace import DK, DKR
from diplokg.remote import ntriples_chunks, push_graph

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A throw-away Virtuoso on loopback; yields its base URL."""
    if not (VIRTUOSO and ISQL):
        if os.environ.get("CI") == "true":
            pytest.fail("virtuoso-opensource is not installed; .ci/run must install it")
        pytest.skip("virtuoso-opensource is not installed (apt-get install virtuoso-opensource)")
    home = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = _free_port(), _free_port()
    (home / "virtuoso.ini").write_text(f"""
[Database]
DatabaseFile = {home}/virtuoso.db
ErrorLogFile = {home}/virtuoso.log
LockFile = {home}/virtuoso.lck
TransactionFile = {home}/virtuoso.trx
xa_persistent_file = {home}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {home}/virtuoso-temp.db
TransactionFile = {home}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {home}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
""")
    subprocess.run([VIRTUOSO, "-c", str(home / "virtuoso.ini"), "+wait"], cwd=home, check=True,
                   timeout=120, capture_output=True)

    def isql(statement: str) -> None:
        subprocess.run([ISQL, str(sql_port), "dba", "dba", f"exec={statement}"], check=True,
                       timeout=60, capture_output=True)

    try:
        # the anonymous endpoints may write (loopback only); the *-auth ones need dba/dba
        isql('grant SPARQL_UPDATE to "SPARQL"; grant execute on DB.DBA.SPARQL_INSERT_DICT_CONTENT '
             'to "SPARQL"; grant execute on DB.DBA.L_O_LOOK to "SPARQL";')
        yield f"http://127.0.0.1:{http_port}"
    finally:
        try:
            isql("shutdown;")
        except (subprocess.SubprocessError, OSError):
            pass


def remote_graph(base: str, graph_iri: str) -> Graph:
    """Everything in ``graph_iri`` on the server, read back with a CONSTRUCT query."""
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(
        f"{base}/sparql?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "application/n-triples"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return Graph().parse(data=response.read().decode("utf-8"), format="nt")


def sample_graph() -> Graph:
    graph = Graph()
    meeting = DKR["meeting/x"]
    graph.add((meeting, RDF.type, DK.Meeting))
    graph.add((meeting, RDFS.label, Literal("Visit in Ciudad de México, 2019-06-07")))
    graph.add((meeting, DK.date, Literal("2019-06", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth"))))
    graph.add((meeting, DK.evidence, Literal('She said "¡Sí!" — and left.\nNext line')))
    graph.add((meeting, DK.participant, DKR["person/ana-lopez"]))
    graph.add((DKR["person/ana-lopez"], RDFS.label, Literal("Ana López", lang="es")))
    return graph


def test_chunks_are_sorted_ntriples_that_parse_back():
    graph = sample_graph()
    chunks = list(ntriples_chunks(graph, chunk_size=2))
    assert [len(c.splitlines()) for c in chunks] == [2, 2, 2]
    lines = [line for chunk in chunks for line in chunk.splitlines()]
    assert lines == sorted(lines)
    assert isomorphic(Graph().parse(data="".join(chunks), format="nt"), graph)


@pytest.mark.parametrize("endpoint, graph_iri", [
    ("ftp://example.org/store", "urn:g"),
    ("http://127.0.0.1:9/store", "not an iri"),
    ("http://127.0.0.1:9/store", "urn:g> } DROP ALL {"),
])
def test_bad_endpoint_or_graph_iri_is_an_input_error(endpoint, graph_iri):
    with pytest.raises(InputError):
        push_graph(sample_graph(), endpoint, graph_iri)


def test_unreachable_server_is_a_remote_store_error():
    port = _free_port()  # nothing listens there
    with pytest.raises(RemoteStoreError, match="cannot reach"):
        push_graph(sample_graph(), f"http://127.0.0.1:{port}/sparql-graph-crud", "urn:g", timeout=5)


@pytest.mark.parametrize("protocol, path", [("gsp", "/sparql-graph-crud"), ("update", "/sparql")])
def test_push_replaces_the_named_graph(virtuoso, protocol, path):
    graph_iri = f"urn:diplokg:test:{protocol}"
    old = Graph()
    old.add((URIRef("urn:old"), RDFS.label, Literal("stale")))
    push_graph(old, virtuoso + path, graph_iri, protocol=protocol)
    graph = sample_graph()
    result = push_graph(graph, virtuoso + path, graph_iri, protocol=protocol, chunk_size=4)
    assert result.triples == len(graph)
    assert result.requests == (2 if protocol == "gsp" else 3)  # 6 triples in chunks of 4 (+ DROP)
    assert isomorphic(remote_graph(virtuoso, graph_iri), graph)


def test_append_keeps_what_is_there(virtuoso):
    graph_iri = "urn:diplokg:test:append"
    first = Graph()
    first.add((URIRef("urn:a"), RDFS.label, Literal("a")))
    push_graph(first, virtuoso + "/sparql-graph-crud", graph_iri)
    push_graph(sample_graph(), virtuoso + "/sparql-graph-crud", graph_iri, append=True)
    assert len(remote_graph(virtuoso, graph_iri)) == len(sample_graph()) + 1


def test_authenticated_endpoint_needs_the_right_password(virtuoso):
    endpoint = virtuoso + "/sparql-graph-crud-auth"
    push_graph(sample_graph(), endpoint, "urn:diplokg:test:auth", user="dba", password="dba")
    assert len(remote_graph(virtuoso, "urn:diplokg:test:auth")) == len(sample_graph())
    with pytest.raises(RemoteStoreError, match="HTTP 401"):
        push_graph(sample_graph(), endpoint, "urn:diplokg:test:auth", user="dba", password="wrong")


def test_cli_push_of_a_built_graph(virtuoso, tmp_path):
    graph = sample_graph()
    path = tmp_path / "graph.ttl"
    graph.serialize(path, format="turtle")
    runner = CliRunner()
    result = runner.invoke(main, ["push", "--graph", str(tmp_path), "--endpoint",
                                  virtuoso + "/sparql-graph-crud", "--graph-iri", "urn:diplokg:test:cli"])
    assert result.exit_code == 0, result.output
    assert f"pushed {len(graph)} triples" in result.output
    assert isomorphic(remote_graph(virtuoso, "urn:diplokg:test:cli"), graph)
    # a server that refuses: exit code 1, one line, no traceback
    result = runner.invoke(main, ["push", "--graph", str(tmp_path), "--endpoint",
                                  virtuoso + "/sparql-graph-crud-auth", "--user", "dba",
                                  "--password", "wrong", "--graph-iri", "urn:diplokg:test:cli"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
    # no graph: exit code 2
    result = runner.invoke(main, ["push", "--graph", str(tmp_path / "missing"), "--endpoint",
                                  virtuoso + "/sparql-graph-crud"])
    assert result.exit_code == 2


def test_cli_push_refuses_a_non_http_endpoint(tmp_path):
    sample_graph().serialize(tmp_path / "graph.ttl", format="turtle")
    result = CliRunner().invoke(main, ["push", "--graph", str(tmp_path), "--endpoint", "file:///etc/passwd"])
    assert result.exit_code == 2
    assert "http(s) URL" in result.output
