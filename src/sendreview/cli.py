"""The command line: each command parses options, calls one analysis and hands it to one renderer.

Heavy modules (pydantic models, rich, the loaders) are imported inside the commands, so
`sendreview --help` starts as fast as typer itself.
"""

from __future__ import annotations

import os
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from sendreview import __version__

if TYPE_CHECKING:
    from sendreview.models.asks import Catalogue
    from sendreview.models.dates import FuzzyDate


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


DEFAULT_ORGANISATION = "National Network of Parent Carer Forums"  # also in analysis.statement, kept light here


class StatementFormat(str, Enum):
    md = "md"
    html = "html"
    txt = "txt"
    docx = "docx"


class FailOn(str, Enum):
    red_line = "red-line"
    opposed = "opposed"
    not_addressed = "not-addressed"


class FileKind(str, Enum):
    document = "document"
    asks = "asks"
    timeline = "timeline"


class SchemaKind(str, Enum):
    document = "document"
    asks = "asks"
    timeline = "timeline"
    compare = "compare"


class Status(str, Enum):
    done = "done"
    expected = "expected"
    pending = "pending"


class _Group(TyperGroup):
    """Turn our errors into messages and exit codes, in this one place."""

    def invoke(self, ctx: Any) -> Any:  # typer's own Context type is private
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as error:
            from sendreview.errors import SendReviewError

            debug = bool(ctx.obj and ctx.obj.get("debug")) or bool(os.environ.get("SENDREVIEW_DEBUG"))
            if debug:
                traceback.print_exc()
            if isinstance(error, SendReviewError):
                typer.echo(error.text, err=True)
                ctx.exit(error.exit_code)
            if not debug:
                typer.echo(f"sendreview: unexpected error ({type(error).__name__}: {error}).", err=True)
                typer.echo("This is a bug in sendreview; run again with --debug to see where.", err=True)
            ctx.exit(3)


app = typer.Typer(
    cls=_Group,
    name="sendreview",
    help="Hold government SEND papers against what parent carer forums asked for.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

AsksOption = Annotated[
    list[Path] | None,
    typer.Option("--asks", help="A forum's own asks file, added to the bundled ones (repeatable).", show_default=False),
]
NoDefaultAsks = Annotated[
    bool, typer.Option("--no-default-asks", help="Leave out the bundled NNPCF asks; use only --asks files.")
]


OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of the screen.", show_default=False),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sendreview {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback when something goes wrong.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and stop.")
    ] = False,
) -> None:
    """Hold government SEND papers against what parent carer forums asked for."""
    ctx.obj = {"debug": debug}


def _catalogue(asks: list[Path] | None, no_default_asks: bool) -> Catalogue:
    from sendreview.api import load_catalogue
    from sendreview.errors import SendReviewError

    if no_default_asks and not asks:
        raise SendReviewError("--no-default-asks needs at least one --asks FILE")
    return load_catalogue(asks or (), bundled=not no_default_asks)


def _date(option: str, value: str | None) -> FuzzyDate | None:
    from sendreview.errors import SendReviewError
    from sendreview.models.dates import FuzzyDate

    if value is None:
        return None
    try:
        return FuzzyDate.parse(value)
    except ValueError as error:
        raise SendReviewError(f"{option}: {error}") from None


def _print(renderable: Any) -> None:
    """Show a rich renderable on the terminal (NO_COLOR is honoured by rich)."""
    from rich.console import Console

    Console(highlight=False, soft_wrap=False).print(renderable)


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _json(model: Any) -> None:
    _write(model.model_dump_json(indent=2, by_alias=True))


@app.command()
def asks(
    group: Annotated[str | None, typer.Option(help="Show only this group, e.g. silver-bullets.")] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
) -> None:
    """List what families asked for: the 2019 asks, the seven messages, the silver bullets,
    principles and red lines.

    Example: sendreview asks --group silver-bullets
    """
    from sendreview.analysis.catalogue import catalogue_view

    view = catalogue_view(_catalogue(extra, no_default_asks), group)
    if format is ListFormat.json:
        _json(view)
    elif format is ListFormat.markdown:
        from sendreview.render.markdown import asks as asks_markdown

        _write(asks_markdown(view))
    else:
        from sendreview.render.terminal import asks_tree

        _print(asks_tree(view))


@app.command()
def timeline(
    since: Annotated[
        str | None, typer.Option(help="Only milestones from this date, e.g. 2021 or 'Spring 2021'.")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Only milestones up to this date.")] = None,
    status: Annotated[Status | None, typer.Option(help="Only milestones with this status.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="A timeline file of your own instead of the bundled one.")
    ] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
) -> None:
    """Show the SEND review's history and what comes next, with the NNPCF's involvement.

    Example: sendreview timeline --since 2021
    """
    from sendreview.analysis.timeline import ordered
    from sendreview.api import load_timeline

    view = ordered(
        load_timeline(file),
        since=_date("--since", since),
        until=_date("--until", until),
        status=status.value if status else None,
    )
    if format is ListFormat.json:
        _json(view)
    elif format is ListFormat.markdown:
        from sendreview.render.markdown import timeline as timeline_markdown

        _write(timeline_markdown(view))
    else:
        from sendreview.render.terminal import timeline_table

        _print(timeline_table(view))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="YAML files to check.", show_default=False)],
    kind: Annotated[FileKind | None, typer.Option(help="What the files are; by default told from their keys.")] = None,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
) -> None:
    """Check YAML files (documents, asks, timelines) and report every problem as FILE:LINE:COL.

    Example: sendreview validate my-response.yaml
    """
    from sendreview.api import check_file
    from sendreview.errors import SendReviewError

    catalogue = _catalogue(extra, no_default_asks)
    failed: list[SendReviewError] = []
    for path in files:
        try:
            model = check_file(path, kind.value if kind else None, catalogue)
        except SendReviewError as error:
            failed.append(error)
        else:
            typer.echo(f"{path}: ok ({type(model).__name__})")
    if failed:
        raise SendReviewError("\n".join(error.text for error in failed))


@app.command()
def compare(
    document: Annotated[
        Path, typer.Argument(help="The paper's proposals, as a YAML document file.", show_default=False)
    ],
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.table,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
    fail_on: Annotated[
        list[FailOn] | None,
        typer.Option("--fail-on", help="Exit with 1 if this holds (repeatable).", show_default=False),
    ] = None,
) -> None:
    """Hold every proposal of a paper against every ask: met, partly met, contested, opposed or not
    addressed, red-line breaches first.

    Example: sendreview compare examples/green-paper-2022.yaml --fail-on red-line
    """
    from sendreview.analysis.compare import compare as run_compare
    from sendreview.analysis.compare import failed_checks
    from sendreview.api import load_document

    catalogue = _catalogue(extra, no_default_asks)
    result = run_compare(load_document(document, catalogue), catalogue)
    if format is CompareFormat.json:
        _json(result)
    elif format is CompareFormat.markdown:
        from sendreview.render.markdown import comparison

        _write(comparison(result))
    elif format is CompareFormat.csv:
        from sendreview.render.tabular import comparison_csv

        sys.stdout.write(comparison_csv(result))
    else:
        from sendreview.render.terminal import comparison_report

        _print(comparison_report(result))
    if failures := failed_checks(result, [f.value for f in fail_on or ()]):
        typer.echo("\n".join(f"check failed: {failure}" for failure in failures), err=True)
        raise typer.Exit(1)


@app.command()
def statement(
    document: Annotated[
        Path, typer.Argument(help="The paper's proposals, as a YAML document file.", show_default=False)
    ],
    output: OutputOption = None,
    format: Annotated[
        StatementFormat | None,
        typer.Option(
            "--format", "-f", help="md, html, txt or docx; by default from the --output file's ending, else md."
        ),
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="Your own Jinja2 template (see docs/templates.md).")
    ] = None,
    org: Annotated[str, typer.Option("--org", help="Who the statement is from.")] = DEFAULT_ORGANISATION,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
    today: Annotated[
        str | None, typer.Option("--today", help="Take this date as today (for what is overdue); default: today.")
    ] = None,
    force: ForceOption = False,
) -> None:
    """Write the statement after a paper is published: what we asked for, agree with, want more of,
    disagree with, what is missing and what happens next.

    Example: sendreview statement examples/green-paper-2022.yaml -o statement.html
    """
    from sendreview.analysis.compare import compare as run_compare
    from sendreview.analysis.statement import build_statement
    from sendreview.api import load_document, load_timeline
    from sendreview.render.statement import render_statement

    fmt = _statement_format(format, output)
    _date("--today", today)  # checked now; used once projections are shown
    catalogue = _catalogue(extra, no_default_asks)
    result = run_compare(load_document(document, catalogue), catalogue)
    content = render_statement(build_statement(result, catalogue, load_timeline(), organisation=org), fmt, template)
    _emit(content, output, force)


def _statement_format(format: StatementFormat | None, output: Path | None) -> str:
    from sendreview.errors import SendReviewError

    if format is not None:
        fmt = format.value
    elif output is not None and output.suffix.lower().lstrip(".") in ("md", "html", "htm", "txt", "docx"):
        fmt = output.suffix.lower().lstrip(".").replace("htm", "html").replace("htmll", "html")
    else:
        fmt = "md"
    if fmt == "docx" and output is None:
        raise SendReviewError("a Word file needs --output FILE.docx (it cannot be shown on the screen)")
    return fmt


def _emit(content: str | bytes, output: Path | None, force: bool) -> None:
    """Write to --output (never over a file without --force), or to the screen."""
    if output is not None:
        from sendreview.output import write_output

        write_output(output, content, force=force)
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
    else:
        _write(content)


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file format or output to describe.")],
) -> None:
    """Print the JSON Schema of a file format (document, asks, timeline) or of compare's JSON output.

    Example: sendreview schema document > document.schema.json
    """
    from sendreview.schemas import json_schema

    _write(json_schema(kind.value))


def main() -> NoReturn:
    """Run the command line (the `sendreview` console script)."""
    app()
    sys.exit(0)
