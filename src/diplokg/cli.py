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
from .output import FORMATS, format_rows


class DiplokgCommandError(click.ClickException):
    """A domain error shown as ``Error: <message>`` with the error's exit code."""

    def __init__(self, error: DiplokgError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


def output_options(formats: tuple[str, ...] = FORMATS):
    """The shared ``--format`` option (sqlite-utils style)."""

    def decorator(func):
        return click.option(
            "--format", "fmt", type=click.Choice(formats), default="table", show_default=True,
            help="table for people, json for machines, csv for spreadsheets",
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
def build_cli(corpus_dir: str, out_dir: str, ontology_dir: str | None, strict: bool) -> None:
    """Build graph.ttl, network.html and report.md from CORPUS into OUT."""
    from tqdm import tqdm

    from .build import build
    from .corpus import load_corpus

    corpus = _run(lambda: load_corpus(corpus_dir))
    with tqdm(total=len(corpus.documents), unit="doc", desc="extracting", disable=None, file=sys.stderr) as bar:
        result = _run(lambda: build(corpus_dir, out_dir, ontology_dir, progress=bar.update, corpus=corpus))
    for skipped in result.skipped:
        click.echo(f"skipped {skipped.file_name}: {skipped.reason}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(result.summary())
    if strict and (result.skipped or result.warnings):
        raise click.ClickException("--strict: files were skipped or warnings raised")


@main.command("query")
@graph_option
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(dir_okay=False), help="read the query from a .rq file")
@click.option("--bind", "binds", multiple=True, metavar="VAR=VALUE",
              help="bind a variable (an IRI in <...>, else a literal); bound with initBindings")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="print at most this many rows")
@output_options()
def query_cli(graph_path: str, sparql: str | None, query_file: str | None, binds: tuple[str, ...],
              limit: int | None, fmt: str) -> None:
    """Run a read-only SPARQL query (text or --file) over a built graph."""
    from rdflib import Literal, URIRef

    from .query import load_graph, run_query

    if bool(sparql) == bool(query_file):
        raise click.UsageError("give either a SPARQL query or --file, not both")
    if query_file:
        try:
            sparql = Path(query_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise click.UsageError(f"cannot read {query_file}: {exc.strerror or exc}")
    bindings = {}
    for bind in binds:
        name, sep, value = bind.partition("=")
        if not sep or not name.strip():
            raise click.UsageError(f"--bind takes VAR=VALUE, got {bind!r}")
        value = value.strip()
        bindings[name.strip().lstrip("?$")] = URIRef(value[1:-1]) if value.startswith("<") and value.endswith(">") else Literal(value)
    graph = _run(lambda: load_graph(graph_path))
    columns, rows = _run(lambda: run_query(graph, sparql or "", bindings))
    click.echo(format_rows(columns, rows[:limit] if limit is not None else rows, fmt))


@main.command("report")
@graph_option
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="how many actors")
@output_options(("table", "json", "md", "csv"))
def report_cli(graph_path: str, top: int, fmt: str) -> None:
    """The central actors of the person network (degree, betweenness, PageRank, ...)."""
    from .analyse import central_actors
    from .query import load_graph
    from .render import report_markdown

    graph = _run(lambda: load_graph(graph_path))
    if fmt == "md":
        click.echo(report_markdown(graph, top=top))
        return
    rows = central_actors(graph, top=top)
    columns = ["rank", "name", "country", "meetings", "degree", "weighted_degree", "betweenness", "pagerank", "eigenvector"]
    click.echo(format_rows(columns, [[r[c] for c in columns] for r in rows], fmt))


@main.command("evaluate")
@graph_option
@click.option("--gold", "gold_path", required=True, help="gold annotations (diplokg-gold/1 JSON)")
@output_options(("table", "json"))
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
    click.echo(format_rows(columns, rows, "table"))


if __name__ == "__main__":  # pragma: no cover
    main()
