"""Typed domain errors. The CLI turns them into one-line messages and documented exit codes."""

from __future__ import annotations


class DiplokgError(Exception):
    """Base class of every error diplokg reports to users."""

    #: Exit code the CLI uses for this error (see README, "Exit codes").
    exit_code = 1


class InputError(DiplokgError):
    """A path, file or argument the user gave cannot be used (exit code 2)."""

    exit_code = 2


class GraphNotFoundError(InputError):
    """No graph at the given path (neither a build folder with graph.ttl nor a graph file)."""


class GraphParseError(InputError):
    """A graph file exists but cannot be parsed."""


class QueryError(DiplokgError):
    """A well-formed query failed while it was evaluated."""


class QuerySyntaxError(InputError):
    """A SPARQL query is malformed."""


class QueryNotAllowedError(InputError):
    """An update query was given to the read-only query command."""


class GoldFormatError(InputError):
    """A gold annotation file is missing, unreadable or not in the diplokg-gold/1 format."""


class CorpusError(InputError):
    """The corpus folder is missing or holds no readable document."""


class ModelNotFoundError(DiplokgError):
    """No trained spaCy English pipeline is installed."""


class BuildError(DiplokgError):
    """A build could not complete; the previous output is left intact."""
