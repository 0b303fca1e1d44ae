"""The ``diplokg`` command line: a thin layer over the library.

Each command validates its arguments, calls one library function and prints the result. Domain
errors (:class:`diplokg.errors.DiplokgError`) become one-line messages with the documented exit
codes; nothing else is caught here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import DiplokgError
from .export import EXPORT_FORMATS
from .output import FORMATS, format_rows
from .text import printable


class DiplokgCommandError(click.ClickException):
    """A domain error shown as ``Error: <message>`` with the error's exit code."""

    def __init__(self, error: DiplokgError):
        super().__init__(printable(str(error)))
        self.exit_code = error.exit_code


def output_options(formats: tuple[str, ...] = FORMATS):
    """The shared ``--format`` option (sqlite-utils style)."""

    def decorator(func):
        return click.option(
            "--format", "fmt", type=click.Choice(formats), default="table", show_default=True,
            help="table for people, json for machines, csv for spreadsheets, tsv for line tools",
        )(func)

    return decorator


def graph_option(func):
    return click.option(
        "--graph", "graph_path", default="output", show_default=True,
        help="a build output folder (with graph.ttl) or a graph file",
    )(func)


def _run(call):
    try:
        return call()
    except DiplokgError as error:
        raise DiplokgCommandError(error) from error


@click.group()
@click.version_option(__version__, prog_name="diplokg")
def main() -> None:
    """diplokg: a knowledge graph of US-Mexico security diplomacy."""


@main.command("build")
@click.option("--corpus", "corpus_dir", default="corpus", show_default=True, help="folder of documents")
@click.option("--out", "out_dir", default="output", show_default=True, help="output folder")
@click.option("--ontology", "ontology_dir", default=None, help="ontology folder (default: the project's)")
@click.option("--strict", is_flag=True, help="exit with code 1 when a file was skipped or a warning was raised")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="extraction processes (default: the number of usable CPUs)")
@click.option("--cache-dir", default=None, help="per-document record cache (default: OUT/.cache)")
@click.option("--no-cache", is_flag=True, help="extract every document again (the cache is neither read nor written)")
@click.option("--store", type=click.Choice(["auto", "memory", "oxigraph"]), default="auto", show_default=True,
              help="oxigraph: also write an on-disk Oxigraph store OUT/store/ that `query` opens instead of "
                   "parsing graph.ttl; auto: only for graphs of 20,000 triples or more; memory: never")
@click.option("--no-validate", is_flag=True, help="skip the SHACL validation of the graph (ontology/shapes.ttl)")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="extract on a Dask cluster: a scheduler address tcp://HOST:PORT, or local[:N] for N "
                   "local worker processes (needs diplokg[dask]; not with --jobs > 1)")
@click.option("--scheduler-timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
              metavar="SECONDS", help="seconds to wait for the scheduler and for a first worker")
def build_cli(corpus_dir: str, out_dir: str, ontology_dir: str | None, strict: bool, jobs: int | None,
              cache_dir: str | None, no_cache: bool, no_validate: bool, store: str,
              scheduler: str | None, scheduler_timeout: float) -> None:
    """Build graph.ttl, network.html and report.md from CORPUS into OUT."""
    from tqdm import tqdm

    from .build import build
    from .corpus import load_corpus

    corpus = _run(lambda: load_corpus(corpus_dir))
    with tqdm(total=len(corpus.documents), unit="doc", desc="extracting", disable=None, file=sys.stderr) as bar:
        result = _run(lambda: build(corpus_dir, out_dir, ontology_dir, progress=bar.update, corpus=corpus,
                                    jobs=jobs, cache_dir=cache_dir, use_cache=not no_cache,
                                    validate=not no_validate, store=store, scheduler=scheduler,
                                    scheduler_timeout=scheduler_timeout))
    for skipped in result.skipped:
        click.echo(f"skipped {printable(skipped.file_name)}: {printable(skipped.reason)}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {printable(warning)}", err=True)
    click.echo(printable(result.summary()))
    if strict and (result.skipped or result.warnings):
        raise click.ClickException("--strict: files were skipped or warnings raised")


@main.command("queries")
@output_options()
def queries_cli(fmt: str) -> None:
    """List the named queries of ontology/queries (run one with `query --name NAME`)."""
    from .queries import list_queries

    queries = _run(list_queries)
    rows = [[q.name, q.signature, q.title] for q in queries]
    click.echo(format_rows(["name", "params", "title"], rows, fmt))


@main.command("query")
@graph_option
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(dir_okay=False), help="read the query from a .rq file")
@click.option("--name", "query_name", default=None, metavar="NAME",
              help="run a named query of ontology/queries (list them with `diplokg queries`)")
@click.option("--bind", "binds", multiple=True, metavar="VAR=VALUE",
              help="bind a variable through initBindings; with --name converted by the declared "
                   "type, else an IRI in <...> or a literal")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="print at most this many rows")
@click.option("--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="stop the query after this many seconds (exit code 1); 0 means no limit")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="print at most this many rows and warn on stderr when rows were cut")
@click.option("--allow-update", is_flag=True,
              help="run an update (INSERT/DELETE) and rewrite the graph file atomically")
@click.option("--live", is_flag=True,
              help="run the query on the store even when the build kept its answer there")
@output_options()
def query_cli(graph_path: str, sparql: str | None, query_file: str | None, query_name: str | None,
              binds: tuple[str, ...], limit: int | None, timeout: float, max_rows: int,
              allow_update: bool, live: bool, fmt: str) -> None:
    """Run a SPARQL query (text, --file or --name) over a built graph; read-only by default."""
    from rdflib import Literal, URIRef

    from .execute import execute_query, execute_update, is_update
    from .queries import bindings_for, get_query
    from .query import load_graph

    if sum(1 for given in (sparql, query_file, query_name) if given) != 1:
        raise click.UsageError("give exactly one of a SPARQL query, --file or --name")
    if query_file:
        try:
            sparql = Path(query_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise click.UsageError(f"cannot read {query_file}: {exc.strerror or exc}")
    raw: dict[str, str] = {}
    for bind in binds:
        name, sep, value = bind.partition("=")
        if not sep or not name.strip():
            raise click.UsageError(f"--bind takes VAR=VALUE, got {bind!r}")
        raw[name.strip().lstrip("?$")] = value.strip()
    if query_name:
        named = _run(lambda: get_query(query_name))
        sparql = named.text
        bindings = _run(lambda: bindings_for(named, raw))
    else:
        bindings = {
            name: URIRef(value[1:-1]) if value.startswith("<") and value.endswith(">") else Literal(value)
            for name, value in raw.items()
        }
    if allow_update and is_update(sparql or ""):
        graph = _run(lambda: load_graph(graph_path))
        outcome = _run(lambda: execute_update(graph, sparql or "", graph_path, bindings, timeout=timeout or None))
        click.echo(format_rows(outcome.columns, outcome.rows, fmt))
        return
    graph = _run(lambda: load_graph(graph_path, use_store=True))
    cap = min(limit, max_rows) if limit is not None else max_rows
    outcome = _run(lambda: execute_query(graph, sparql or "", bindings, timeout=timeout or None, max_rows=cap,
                                              precomputed=not live))
    text = format_rows(outcome.columns, outcome.rows, fmt)
    if sys.stdout.isatty():
        # document text is untrusted: on a terminal, no value may act on it (csv/tsv keep their lines)
        text = "\n".join(printable(line) for line in text.split("\n"))
    # color=True: piped csv/tsv keep their values exactly (click would strip escape sequences)
    click.echo(text, color=True)
    if outcome.truncated and (limit is None or limit > max_rows):
        click.echo(f"warning: printed the first {len(outcome.rows)} of {outcome.total} rows (--max-rows)", err=True)


@main.command("export")
@graph_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="turtle, nt, jsonld (RDF); graphml, gexf (network tools); csv (nodes.csv + edges.csv)")
@click.option("--out", "out_path", default=None, type=click.Path(),
              help="file to write (a folder for csv); stdout when omitted (not for csv)")
def export_cli(graph_path: str, fmt: str, out_path: str | None) -> None:
    """Export the graph as RDF, GraphML, GEXF or CSV tables (deterministic output)."""
    from .export import export
    from .query import load_graph

    if fmt == "csv" and not out_path:
        raise click.UsageError("--format csv writes a folder (nodes.csv, edges.csv): give --out FOLDER")
    graph = _run(lambda: load_graph(graph_path))
    written = _run(lambda: export(graph, fmt, out_path))
    if out_path is None:
        click.echo(written, nl=False)
    else:
        click.echo(f"wrote {printable(', '.join(str(p) for p in written))}", err=True)


#: Output formats of the analysis commands: table, json, csv, and tsv when output.py has it.
ANALYSIS_FORMATS = tuple(f for f in ("table", "json", "csv", "tsv") if f in FORMATS)


def period_options(func):
    """``--since`` / ``--until`` (YYYY, YYYY-MM or YYYY-MM-DD) and ``--country``."""
    func = click.option("--country", default=None, metavar="NAME",
                        help="only persons acting for this country, or for timeline the meetings they or the country took part in (accents and case ignored)")(func)
    func = click.option("--until", default=None, metavar="DATE",
                        help="only meetings up to this date (YYYY, YYYY-MM or YYYY-MM-DD)")(func)
    return click.option("--since", default=None, metavar="DATE",
                        help="only meetings from this date (YYYY, YYYY-MM or YYYY-MM-DD)")(func)


@main.command("report")
@graph_option
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="how many rows")
@click.option("--by", "view", type=click.Choice(("actors", "meetings", "brokers", "communities")),
              default="actors", show_default=True,
              help="actors: who-met-whom centrality; meetings: person-meeting centrality; "
                   "brokers: who links the United States and Mexico; communities: Louvain groups")
@period_options
@click.option("--seed", type=int, default=0, show_default=True, help="random seed of community detection")
@output_options(ANALYSIS_FORMATS + ("md",))
def report_cli(graph_path: str, top: int, view: str, since: str | None, until: str | None,
               country: str | None, seed: int, fmt: str) -> None:
    """Central actors, brokers and communities of the person network (filtered by country and period)."""
    from .explore import filter_by_date, report_table
    from .query import load_graph
    from .report import report_markdown

    graph = _run(lambda: load_graph(graph_path))
    if fmt == "md":
        if country or view != "actors":
            raise click.UsageError("--format md is the whole report: it takes --top, --since and --until only")
        filtered = _run(lambda: filter_by_date(graph, since, until))
        click.echo(report_markdown(filtered, top=top, seed=seed), nl=False)
        return
    columns, rows = _run(lambda: report_table(graph, view, top, country, since, until, seed))
    click.echo(format_rows(columns, [[r[c] for c in columns] for r in rows], fmt))


@main.command("timeline")
@graph_option
@period_options
@output_options(ANALYSIS_FORMATS)
def timeline_cli(graph_path: str, since: str | None, until: str | None, country: str | None, fmt: str) -> None:
    """Meetings in date order: date (and as written), kind, place, participants, status, topics, sources."""
    from .explore import timeline
    from .query import load_graph

    graph = _run(lambda: load_graph(graph_path))
    rows = _run(lambda: timeline(graph, since, until, country))
    columns = ["date", "date_text", "meeting", "kind", "place", "participants", "status", "topics", "sources"]
    click.echo(format_rows(columns, [[r[c] for c in columns] for r in rows], fmt))


@main.command("explain")
@graph_option
@click.argument("person_a")
@click.argument("person_b")
@output_options(ANALYSIS_FORMATS)
def explain_cli(graph_path: str, person_a: str, person_b: str, fmt: str) -> None:
    """Every meeting PERSON_A and PERSON_B both took part in, with sources and evidence.

    Names are matched against labels and alternative labels (accents and case ignored; a
    surname alone works when it is unique). When they share no meeting, the shortest chain of
    persons who met links them, if any; that is an answer, not an error (exit code 0).
    """
    from .explore import explain
    from .query import load_graph

    graph = _run(lambda: load_graph(graph_path))
    result = _run(lambda: explain(graph, person_a, person_b))
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    columns = ["date", "date_text", "meeting", "kind", "place", "status", "sources", "evidence"]
    rows = []
    for meeting in result["meetings"]:
        fields = [meeting[c] for c in columns[:-1]]
        fields[6] = ", ".join(fields[6])
        for i, sentence in enumerate(meeting["evidence"] or [""]):
            # a table shows the meeting once, then one line per sentence; csv/tsv repeat it
            rows.append((fields if i == 0 or fmt != "table" else [""] * len(fields)) + [sentence])
    n = len(result["meetings"])
    heading = f"{result['a']} and {result['b']}: {n} shared meeting{'s' if n != 1 else ''}"
    if not result["meetings"]:
        if result["met"]:
            heading += "; recorded as having met (dk:met) without a shared meeting"
        elif result["path"]:
            heading += "; linked through " + " -> ".join(result["path"])
        else:
            heading += "; not linked in the who-met-whom network"
    if fmt == "table":
        click.echo(heading)
        if rows:
            click.echo()
            click.echo(format_rows(columns, rows, fmt))
        return
    if not rows:
        click.echo(heading, err=True)
    click.echo(format_rows(columns, rows, fmt))


@main.command("validate")
@graph_option
@click.option("--shapes", "shapes_path", default=None, help="SHACL shapes file (default: ontology/shapes.ttl)")
@output_options()
def validate_cli(graph_path: str, shapes_path: str | None, fmt: str) -> None:
    """Check a built graph against the SHACL shapes; exit 1 when it does not conform."""
    from .query import load_graph
    from .validate import ValidationReport, load_shapes, validate_graph

    shapes = _run(lambda: load_shapes(shapes_path))
    graph = _run(lambda: load_graph(graph_path))
    report = _run(lambda: validate_graph(graph, shapes=shapes))
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    elif report.violations or fmt == "csv":
        click.echo(format_rows(ValidationReport.COLUMNS, report.rows(), fmt))
    click.echo(report.summary(), err=fmt != "table")
    if not report.conforms:
        sys.exit(1)


@main.command("viz")
@graph_option
@click.option("--out", "out_path", default=None,
              help="HTML file to write [default: viz.html in the graph's folder]")
@click.option("--focus", default=None, help="name (or IRI) of a node: show its neighbourhood")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="how many edges away from --focus")
@click.option("--types", "types_csv", default=None, metavar="TYPE,...",
              help="node types to show: person,country,organization,city,meeting,agreement,commitment,topic")
@click.option("--since", default=None, metavar="DATE", help="first day (YYYY-MM-DD, YYYY-MM or YYYY)")
@click.option("--until", default=None, metavar="DATE", help="last day (YYYY-MM-DD, YYYY-MM or YYYY)")
@click.option("--max-nodes", type=click.IntRange(min=1), default=1500, show_default=True,
              help="larger networks are reduced (the page says how)")
def viz_cli(graph_path: str, out_path: str | None, focus: str | None, depth: int,
            types_csv: str | None, since: str | None, until: str | None, max_nodes: int) -> None:
    """Write an offline interactive network page of the graph, or of a view of it."""
    from .query import graph_path as graph_file
    from .query import load_graph
    from .render import write_view

    types = types_csv.split(",") if types_csv is not None else None
    out = Path(out_path) if out_path else _run(lambda: graph_file(graph_path)).parent / "viz.html"
    graph = _run(lambda: load_graph(graph_path))
    stats = _run(lambda: write_view(graph, out, focus=focus, depth=depth, types=types,
                                    since=since, until=until, max_nodes=max_nodes))
    click.echo(f"wrote {out}: {stats['nodes']} nodes, {stats['edges']} edges"
               + (f" ({stats['view']})" if stats["view"] else ""))
    if stats["note"]:
        click.echo(stats["note"], err=True)


@main.command("evaluate")
@graph_option
@click.option("--gold", "gold_path", required=True, help="gold annotations (diplokg-gold/1 JSON)")
@output_options()
def evaluate_cli(graph_path: str, gold_path: str, fmt: str) -> None:
    """Precision, recall and F1 of a built graph against hand annotations."""
    from .evaluate import evaluate, load_gold
    from .query import load_graph

    graph = _run(lambda: load_graph(graph_path))
    gold = _run(lambda: load_gold(gold_path))
    result = evaluate(graph, gold)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    columns = ["measure", "precision", "recall", "f1", "value", "tp", "fp", "fn"]
    rows = [[m.name, m.precision, m.recall, m.f1, m.value, m.tp, m.fp, m.fn] for m in result.measures]
    click.echo(format_rows(columns, rows, fmt))


@main.command("push")
@graph_option
@click.option("--endpoint", required=True,
              help="Graph Store endpoint (gsp) or SPARQL update endpoint (update) of the server")
@click.option("--graph-iri", default="https://w3id.org/diplokg/graph", show_default=True,
              help="the named graph to replace (or append to)")
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True,
              help="SPARQL 1.1 Graph Store HTTP protocol, or SPARQL 1.1 Update")
@click.option("--append", is_flag=True, help="add to the named graph instead of replacing it")
@click.option("--user", default=None, help="user for HTTP digest/basic authentication")
@click.option("--password", envvar="DIPLOKG_ENDPOINT_PASSWORD", default=None,
              help="password (or the DIPLOKG_ENDPOINT_PASSWORD environment variable)")
@click.option("--chunk-size", type=click.IntRange(min=1), default=20_000, show_default=True,
              help="triples per request")
def push_cli(graph_path: str, endpoint: str, graph_iri: str, protocol: str, append: bool,
             user: str | None, password: str | None, chunk_size: int) -> None:
    """Load a built graph into an external SPARQL 1.1 server (writes to that server)."""
    from .query import load_graph
    from .remote import push_graph

    graph = _run(lambda: load_graph(graph_path))
    result = _run(lambda: push_graph(graph, endpoint, graph_iri, protocol=protocol, append=append,
                                     user=user, password=password, chunk_size=chunk_size))
    click.echo(result.summary())


if __name__ == "__main__":  # pragma: no cover
    main()
