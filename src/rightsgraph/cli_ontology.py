"""`rightsgraph ontology check|docs`: the ontology commands, a thin shell over ontocheck/ontodocs."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import CONTEXT, handle_errors


@click.group(context_settings=CONTEXT)
def ontology():
    """Check the ontology and vocabularies, or write their HTML documentation.

    \b
    Example:
      rightsgraph ontology check
      rightsgraph ontology docs -o build/docs
    """


@ontology.command("check", context_settings=CONTEXT)
@handle_errors
def ontology_check():
    """Reason over ontology/ with HermiT and check labels, definitions and SKOS rules.

    Exit 0 when all is well, 1 with one line per problem otherwise. Needs Java.

    \b
    Example:
      rightsgraph ontology check
    """
    from .ontocheck import check_ontology
    from .render import print_ontology_check

    result = check_ontology()
    print_ontology_check(result)
    result.raise_for_problems()


@ontology.command("docs", context_settings=CONTEXT)
@click.option("-o", "--output", "out_dir", default="build/docs", show_default=True, metavar="DIR",
              help="Folder for the HTML pages (made if missing).")
@handle_errors
def ontology_docs(out_dir):
    """Write HTML documentation: the ontology (pyLODE) and every SKOS scheme.

    \b
    Example:
      rightsgraph ontology docs -o build/docs   # then open build/docs/index.html
    """
    from .ontodocs import build_docs

    result = build_docs(Path(out_dir))
    click.echo(f"wrote {len(result.pages)} pages: {result.index} and {result.vocabulary_index}")
