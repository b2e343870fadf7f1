"""The `rightsgraph` command: a thin shell over the library (see `rightsgraph.pipeline`).

The group, its shared options and error handling are here; the commands live in one module per
group: `reports` (build, convert, validate, publish), `stores` (query, queries, export, stats,
serve), `review` (review accept ... export), `rightsgraph.cli_ontology` (ontology check, ontology
docs).
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import RightsGraphError, UsageError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(message: str, code: int) -> None:
    click.echo(f"rightsgraph: {message}", err=True)
    sys.exit(code)


class Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so that every `finally` and temp-file cleanup runs."""


def _on_sigterm(signum, frame):
    raise Terminated()


def handle_errors(func):
    """Map library errors to one line on stderr and the contract's exit codes.

    SIGTERM is handled like SIGINT: outputs are left as they were, temporary files removed,
    one line on stderr, exit 143 (130 for SIGINT).
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            signal.signal(signal.SIGTERM, _on_sigterm)
        except ValueError:  # not the main thread (e.g. click's test runner in a thread)
            pass
        try:
            return func(*args, **kwargs)
        except RightsGraphError as exc:
            _fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted; outputs left as they were", 130)
        except Terminated:
            _fail("terminated; outputs left as they were", 143)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except Exception as exc:  # a bug: still one line, the traceback on request
            if os.environ.get("RIGHTSGRAPH_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set RIGHTSGRAPH_DEBUG=1 for "
                  "the traceback)", 70)

    return wrapper


def store_options(func):
    """--store DIR | --endpoint URL [--update-endpoint URL], shared by every store command."""
    func = click.option("--update-endpoint", metavar="URL",
                        help="SPARQL 1.1 Update endpoint, when it differs from --endpoint.")(func)
    func = click.option("--endpoint", metavar="URL",
                        help="A SPARQL 1.1 endpoint instead of the embedded store "
                        "(credentials from RIGHTSGRAPH_USER/RIGHTSGRAPH_PASSWORD or "
                        "RIGHTSGRAPH_TOKEN).")(func)
    func = click.option("--store", "store_path", metavar="DIR", type=click.Path(file_okay=False),
                        help="Embedded store folder [default: $RIGHTSGRAPH_STORE or build/store].")(func)
    return func


def verbosity_options(func):
    """-q/--quiet (errors only) and -v/--verbose (what happens, on stderr), shared."""
    func = click.option("-v", "--verbose", is_flag=True,
                        help="Tell what happens, step by step, on stderr.")(func)
    func = click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")(func)
    return func


def _check_verbosity(quiet: bool, verbose: bool) -> None:
    if quiet and verbose:
        raise UsageError("give --quiet or --verbose, not both")


def _say(message: str) -> None:
    click.echo(message, err=True)


def _complete_query(ctx, param, incomplete):
    """Shell completion of library query names (and .rq files in the working folder)."""
    from click.shell_completion import CompletionItem

    try:
        from ..querylib import library

        items = [CompletionItem(q.name, help=q.title) for q in library()
                 if q.name.startswith(incomplete)]
    except RightsGraphError:
        items = []
    return items + [CompletionItem(str(p)) for p in Path(".").glob(f"{incomplete}*.rq")]


def _open(store_path, endpoint, update_endpoint=None, read_only=False, progress=None):
    from ..store import open_store

    if store_path and endpoint:
        raise UsageError("give --store or --endpoint, not both")
    if update_endpoint and not endpoint:
        raise UsageError("--update-endpoint needs --endpoint")
    return open_store(store_path, endpoint=endpoint, update_endpoint=update_endpoint,
                      read_only=read_only, progress=progress)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="rightsgraph")
def main():
    """Turn UN human-rights reports into a validated linked-data graph of actors, violations
    and commitments, publish it and query it.

    Shell completion (bash; zsh and fish likewise with zsh_source, fish_source):
    eval "$(_RIGHTSGRAPH_COMPLETE=bash_source rightsgraph)"

    \b
    Example:
      rightsgraph build corpus/            # convert, validate, publish, export
      rightsgraph query actors-by-type     # ask the graph a library question

    \b
    Exit codes: 0 ok; 1 validation failed (nothing published); 2 usage, an output path that
    cannot be written included; 3 unreadable or unrecognised input (nothing written); 4 store,
    endpoint or disk failure (a disk filling up under an output, say); 130/143 interrupted.
    """


def raise_validation(message: str):
    from ..errors import ValidationFailed

    raise ValidationFailed(message)


# The commands live in one module per group; imported here so that they register on `main`.
from ..cli_ontology import ontology  # noqa: E402
from . import reports, review, stores  # noqa: E402, F401

main.add_command(ontology)


if __name__ == "__main__":  # pragma: no cover
    main()
