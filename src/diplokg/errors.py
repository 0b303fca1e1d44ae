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


class QueryTimeout(DiplokgError):
    """A query ran longer than its time limit and was stopped (exit code 1)."""


class UnknownQueryError(InputError):
    """No named query of that name; the message lists the known names."""


class QueryDefinitionError(InputError):
    """A named query file (``.rq``) has a malformed header."""


class UnknownParameterError(InputError):
    """A value was bound to a variable that the named query does not declare."""


class MissingParameterError(InputError):
    """A required parameter of a named query was not bound."""


class ParameterValueError(InputError):
    """A value does not fit the declared type of a named query's parameter."""


class ExportError(InputError):
    """An export format or destination cannot be used."""


class GoldFormatError(InputError):
    """A gold annotation file is missing, unreadable or not in the diplokg-gold/1 format."""


class CorpusError(InputError):
    """The corpus folder is missing or holds no readable document."""


class ModelNotFoundError(DiplokgError):
    """No trained spaCy English pipeline is installed."""


class BuildError(DiplokgError):
    """A build could not complete; the previous output is left intact."""


class RemoteStoreError(DiplokgError):
    """An external SPARQL server refused a request or could not be reached."""


class DateFormatError(InputError):
    """A date option is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or ``--since`` > ``--until``)."""


class UnknownNameError(InputError):
    """A person or country name matches nothing in the graph (close matches are suggested)."""


class AmbiguousNameError(InputError):
    """A person or country name matches several nodes (the candidates are listed)."""


class ShapesError(InputError):
    """A SHACL shapes file is missing or cannot be parsed."""


class ViewError(InputError):
    """A network view option is invalid: unknown node type, bad date, negative depth."""


class FocusNotFoundError(InputError):
    """The ``--focus`` name of a network view matches no node (close labels are suggested)."""


class ClusterError(DiplokgError):
    """Extraction on a Dask cluster failed: the scheduler cannot be reached, no worker is
    connected, a worker lacks diplokg or would extract differently, or a batch failed (exit 1)."""


class DaskNotInstalledError(ClusterError):
    """``--scheduler`` was given but dask.distributed is not installed (``pip install 'diplokg[dask]'``)."""


class SchedulerAddressError(InputError):
    """A ``--scheduler`` value is neither ``local``, ``local:N`` nor a scheduler address (exit 2)."""
