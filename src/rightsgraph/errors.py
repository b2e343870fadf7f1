"""One exception hierarchy for the library; only the CLI turns these into exit codes."""

from __future__ import annotations


class RightsGraphError(Exception):
    """Base of every error RightsGraph raises on purpose."""

    exit_code = 1


class UsageError(RightsGraphError):
    """A value given by the user cannot be used (bad parameter, unknown format)."""

    exit_code = 2


class InputError(RightsGraphError):
    """A report cannot be read or is not recognisable as a report."""

    exit_code = 3


class OntologyError(RightsGraphError):
    """The ontology, a vocabulary or the shapes cannot be loaded or are unsound. Exit 3, an
    unreadable input (never 1: that says a report failed validation)."""

    exit_code = 3


class OntologyCheckFailed(OntologyError):
    """`rightsgraph ontology check` found problems in an ontology it could load (exit 1, the
    code of a check that failed)."""

    exit_code = 1


class ValidationFailed(RightsGraphError):
    """A graph does not pass the SHACL gate; nothing was published."""

    exit_code = 1

    def __init__(self, message: str, report=None):
        super().__init__(message)
        self.report = report


class StoreError(RightsGraphError):
    """The embedded store or a SPARQL endpoint failed or refused the operation."""

    exit_code = 4


class OutputError(RightsGraphError):
    """An output file or folder cannot be written. Exit 2 when the path given cannot take it
    (permission denied, a read-only file system, a file where a folder should be), 4 when the
    device fails under the write (disk full, an I/O error); the previous file is kept."""

    exit_code = 2

    def __init__(self, message: str, *, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


class ReviewError(UsageError):
    """A review decision cannot be recorded or read: an unknown fact, a quote that is not in
    its paragraph, a property that the fact's kind does not have, a malformed review file."""
