"""The command line: each command parses options, calls one analysis and hands it to one renderer.

Heavy modules (pydantic models, rich, the loaders) are imported inside the commands, so
`sendreview --help` starts as fast as typer itself.
"""

from __future__ import annotations

import errno
import importlib
import math
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperGroup

from sendreview import __version__
from sendreview.errors import SendReviewError

# sendreview uses no pydantic plugins; looking for them scans every installed package's
# metadata, which costs about 15 ms at each start.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

if TYPE_CHECKING:
    import datetime as dt

    from sendreview.api import ForumProfile
    from sendreview.models.asks import Catalogue
    from sendreview.models.dates import FuzzyDate
    from sendreview.models.document import DocumentInfo
    from sendreview.models.timeline import Timeline
    from sendreview.models.vocabulary import VocabularyFile


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class StatementFormat(str, Enum):
    md = "md"
    html = "html"
    txt = "txt"
    docx = "docx"


class FailOn(str, Enum):
    red_line = "red-line"
    opposed = "opposed"
    not_addressed = "not-addressed"
    unassessed = "unassessed"


class FileKind(str, Enum):
    document = "document"
    asks = "asks"
    timeline = "timeline"
    commitments = "commitments"
    vocabulary = "vocabulary"
    consultation = "consultation"
    profile = "profile"


class SchemaKind(str, Enum):
    document = "document"
    asks = "asks"
    timeline = "timeline"
    compare = "compare"
    diff = "diff"
    commitments = "commitments"
    vocabulary = "vocabulary"
    profile = "profile"
    suggest = "suggest"
    timeline_view = "timeline-view"
    timeline_next = "timeline-next"
    consultation = "consultation"
    respond = "respond"
    respond_guide = "respond-guide"
    aggregate = "aggregate"
    evidence = "evidence"
    survey_map = "survey-map"


class Status(str, Enum):
    done = "done"
    expected = "expected"
    pending = "pending"
    projected = "projected"
    overdue = "overdue"
    did_not_happen = "did-not-happen"
    lapsed = "lapsed"


class TimelineFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    ics = "ics"
    svg = "svg"


class _Group(TyperGroup):
    """Build only the command that runs, and turn our errors into messages and exit codes, in this one place.

    Typer turns every command's options into click parameters when the program starts; here a command is
    turned only when it is asked for (see `_Commands`), and `--help` lists the commands from `COMMANDS`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands()  # a mapping that builds each command on first use

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its one sentence, wrapped to the terminal, never cut short."""
        with formatter.section("Commands"):
            formatter.write_dl(list(COMMANDS.items()))

    def invoke(self, ctx: Any) -> Any:  # typer's own Context type is private
        with _warnings_to_stderr():
            return self._invoke(ctx)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Refuse arguments that are not valid text before they reach a file name or a document."""
        for argument in args:
            if _has_bad_bytes(argument):
                typer.echo(
                    f"sendreview: the argument '{_bad_bytes_shown(argument)}' is not valid UTF-8 text:"
                    " rename the file, or type the text again in UTF-8",
                    err=True,
                )
                ctx.exit(2)
        return super().parse_args(ctx, args)

    def _invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            _flush(ctx)
            raise
        except BrokenPipeError:
            _silence_stdout()  # the reader stopped reading (`| head`): not an error
            ctx.exit(0)
        except OSError as error:
            if error.errno not in _FULL:
                self._failed(ctx, error)
            _cannot_write(ctx, error)
        except Exception as error:
            self._failed(ctx, error)
        _flush(ctx)  # here, not at exit, so a reader gone or a full disk is handled like any write
        return result

    def _failed(self, ctx: Any, error: Exception) -> NoReturn:
        from sendreview.text import visible, visible_lines

        debug = bool(ctx.obj and ctx.obj.get("debug")) or bool(os.environ.get("SENDREVIEW_DEBUG"))
        if debug:
            traceback.print_exc()
        if isinstance(error, SendReviewError):
            # Messages quote what the user typed: an escape sequence in it must not reach the terminal.
            typer.echo(visible_lines(error.text), err=True)
            raise typer.Exit(error.exit_code)
        if not debug:
            typer.echo(visible(f"sendreview: unexpected error ({type(error).__name__}: {error})."), err=True)
            typer.echo("This is a bug in sendreview; run again with --debug to see where.", err=True)
        raise typer.Exit(3)


# Errors from writing to the screen's stream when it is a file on a disk with no room left.
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _flush(ctx: Any) -> None:
    """Flush the output; a reader that went away is no error (Python's documented SIGPIPE recipe)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as error:
        if error.errno not in _FULL:
            raise
        _cannot_write(ctx, error)


def _cannot_write(ctx: Any, error: OSError) -> NoReturn:
    from sendreview.files import reason

    _silence_stdout()
    typer.echo(f"sendreview: cannot write the output ({reason(error)})", err=True)
    raise typer.Exit(2)


def _silence_stdout() -> None:
    """Point standard output at the null device, so what is still buffered cannot fail again at exit."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # not a real stream (tests capture it)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)


def _has_bad_bytes(argument: str) -> bool:
    """Whether an argument holds bytes that were not UTF-8 (Python keeps them as lone surrogates)."""
    return any("\ud800" <= character <= "\udfff" for character in argument)


def _bad_bytes_shown(argument: str) -> str:
    """An argument with its bad bytes written as codes (\\xe9) and control characters shown."""
    from sendreview.text import visible

    shown = "".join(f"\\x{ord(c) - 0xDC00:02x}" if "\udc80" <= c <= "\udcff" else c for c in argument)
    return visible(shown.encode("utf-8", "backslashreplace").decode("utf-8"))


@contextmanager
def _warnings_to_stderr() -> Iterator[None]:
    """Print sendreview's warnings as `FILE:LINE:COL: warning: ...`, each time, and carry on."""
    with warnings.catch_warnings():
        warnings.filterwarnings("always", category=UserWarning, module=r"sendreview(\.|$)")
        shown = warnings.showwarning

        def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
            if category.__name__ != "SendReviewWarning":  # not ours: Python's usual way
                shown(message, category, *args, **kwargs)
                return
            from sendreview.text import visible

            typer.echo(visible(str(message)), err=True)

        warnings.showwarning = show
        yield


# Every command, in the order `sendreview --help` lists them, with the one sentence it says about itself
# (the first paragraph of the command's own help: a test checks they agree).
COMMANDS = {
    "asks": "List what families asked for.",
    "timeline": "Show the SEND review's history and what comes next.",
    "init": "Start a document file for a new paper.",
    "assess": "Assess a paper's proposals one at a time.",
    "suggest": "Suggest which asks each unassessed proposal touches.",
    "validate": "Check your YAML files and report every problem.",
    "compare": "Hold every proposal of a paper against every ask.",
    "statement": "Write your statement on a published paper.",
    "respond": "Draft your answers to a consultation.",
    "diff": "Track the asks from one paper to the next.",
    "aggregate": "Count many forums' assessments of one paper together.",
    "evidence": "Turn a survey of parents into evidence.",
    "profile": "Write your forum's profile.",
    "docs": "Show a guide: the file formats, your own templates or the JSON.",
    "schema": "Print the JSON Schema of a file format or of a command's output.",
}


class _Commands(MutableMapping[str, Any]):
    """The commands by name; each is turned into a click command the first time it is looked up."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


def _build(name: str) -> Any:
    """Turn one registered command (or group of commands) into what click runs."""
    import typer.main

    for info in registry.registered_commands:
        assert info.callback is not None
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name:
            command = typer.main.get_command_from_info(info, pretty_exceptions_short=False, rich_markup_mode=None)
            return _in_words(command)
    for group in registry.registered_groups:
        assert group.typer_instance is not None
        if group.typer_instance.info.name == name:
            built = typer.main.get_group_from_info(
                group, pretty_exceptions_short=False, suggest_commands=True, rich_markup_mode=None
            )
            _in_words(built)
            for command in built.commands.values():
                _in_words(command)
            return built
    raise KeyError(name)


# What a value is called in --help when an option does not say: words, never Python's type names.
_METAVARS = {Path: "FILE", str: "TEXT", int: "N", float: "N"}


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (FILE, FILE…), in the usage line and under Arguments."""

    def _usage_display_name(self) -> str:
        name = str(self.metavar)
        return name if self.required else f"[{name}]"

    def _rich_display_name(self) -> str:
        return str(self.metavar)

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def _in_words(command: Any) -> Any:
    """Give every option and argument of a command a metavar in words (FILE, TEXT, N; a|b for choices)."""
    import typing

    for param in command.params:
        if getattr(param, "is_flag", False):
            continue
        described = param.type_descriptor
        annotation = described.annotation
        if described.is_list:
            (annotation,) = typing.get_args(annotation)
        choices = (
            [str(choice.value) for choice in annotation]
            if described.is_choice and isinstance(annotation, type) and issubclass(annotation, Enum)
            else None
        )
        if param.param_type_name == "argument":
            if param.metavar is None:
                param.metavar = param.name.upper() if choices else _METAVARS.get(annotation, "TEXT")
                param.metavar += "…" if param.nargs != 1 else ""
            if choices:
                param.help = (
                    f"{param.help} One of: {', '.join(choices)}." if param.help else f"One of: {', '.join(choices)}."
                )
            param.__class__ = _Argument
        elif param.metavar is None:
            param.metavar = "|".join(choices) if choices else _METAVARS.get(annotation, "TEXT")
    return command


app = typer.Typer(
    cls=_Group,
    name="sendreview",
    help="Hold government SEND papers against what parent carer forums asked for.",
    no_args_is_help=True,
    subcommand_metavar="COMMAND [ARGS]…",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
# Where the commands are registered: nothing here is turned into click parameters until it runs.
registry = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)

AsksOption = Annotated[
    list[Path] | None,
    typer.Option("--asks", help="A forum's own asks file, added to the bundled ones (repeatable).", show_default=False),
]
NoDefaultAsks = Annotated[
    bool, typer.Option("--no-default-asks", help="Leave out the bundled NNPCF asks; use only --asks files.")
]


LearnFromOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--learn-from",
        help="An earlier paper your forum has assessed: proposals like the ones there are suggested the asks"
        " you linked them to (repeatable).",
        show_default=False,
    ),
]


def _vocabulary(no_default_asks: bool) -> VocabularyFile | None:
    """Today's words for the bundled asks; none when the bundled asks are left out."""
    from sendreview.api import load_vocabulary

    return None if no_default_asks else load_vocabulary()


DocumentArgument = Annotated[
    Path,
    typer.Argument(help="The paper's proposals, as a YAML document file (- reads piped input).", show_default=False),
]
# One option object serves every command's --format; each command's Annotated type says which formats.
FORMAT_OPTION = typer.Option(
    "--format",
    "-f",
    help="Output format; by default from the --output file's ending, else table.",
    show_default=False,
)
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of the screen.", show_default=False),
]
ProfileOption = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        help="Your forum's profile (name, asks, words for the statement); by default forum.yaml here, if there is one.",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Replace the --output file if it exists (a symbolic link: the link itself, not its target)."
    ),
]
FailOnOption = Annotated[
    list[FailOn] | None,
    typer.Option("--fail-on", help="Exit with 1 if this holds (repeatable).", show_default=False),
]


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
    if debug:  # read by the core too: YAML syntax errors then add the parser's own words
        os.environ["SENDREVIEW_DEBUG"] = "1"


def _catalogue(asks: list[Path] | None, no_default_asks: bool, forum: ForumProfile | None = None) -> Catalogue:
    """The asks: the bundled ones (unless left out) and --asks files, else the profile's asks files."""
    from sendreview.api import load_catalogue

    if not asks and forum is not None:
        asks = list(forum.asks)
    if no_default_asks and not asks:
        raise SendReviewError("--no-default-asks needs at least one --asks FILE")
    return load_catalogue(asks or (), bundled=not no_default_asks)


def _date(option: str, value: str | None) -> FuzzyDate | None:
    from sendreview.models.dates import user_date

    if value is None:
        return None
    try:
        return user_date(value)
    except ValueError as error:
        raise SendReviewError(f"{option}: {error}") from None


def _profile(path: Path | None) -> ForumProfile | None:
    """The forum's profile: --profile FILE, else forum.yaml in this folder if there is one."""
    from sendreview.api import load_profile

    return load_profile(path)


def _wrote(path: Path, size: int) -> None:
    """Say on stderr what was written, and how big it is."""
    from sendreview.text import visible

    typer.echo(f"Wrote {visible(str(path))} ({size:,} bytes)", err=True)


def _print(renderable: Any) -> None:
    """Show a rich renderable on the terminal (NO_COLOR is honoured by rich)."""
    from rich.console import Console

    from sendreview.render.terminal import for_width, usable_width

    class _Screen(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit with 1 here; a reader that went away is handled as for every output.
            self.quiet = True
            _silence_stdout()

    # emoji=False: no ":name:" in a heading becomes a picture (and rich's table of them is not loaded).
    console = _Screen(highlight=False, soft_wrap=False, emoji=False)
    width = usable_width(console.width)  # COLUMNS=0 would print nothing at all
    if width != console.width:
        console = _Screen(highlight=False, soft_wrap=False, emoji=False, width=width)
    console.print(for_width(renderable, width))


def _write(content: str | Iterable[str]) -> None:
    """Write text (or text in pieces) to the screen, ending with a newline; a megabyte at a time, so
    a large output is not copied whole while it is encoded."""
    piece, last = 1 << 20, ""
    try:
        for text in (content,) if isinstance(content, str) else content:
            for start in range(0, len(text), piece):
                sys.stdout.write(text[start : start + piece])
            last = text or last
        if not last.endswith("\n"):
            sys.stdout.write("\n")
    except BrokenPipeError:
        # The reader stopped reading (`| head`): not an error, and --fail-on still decides the exit code.
        _silence_stdout()


def _exit_if_failed(failures: list[str]) -> None:
    """Say which --fail-on checks hold, after the output, and exit with 1 if any do."""
    if failures:
        typer.echo("\n".join(f"check failed: {failure}" for failure in failures), err=True)
        raise typer.Exit(1)


# --- Outputs: one table per command (format -> renderer) and one helper that shows or writes ---

Render = Callable[[Any], Any]

# What each file ending holds; .markdown and .htm are the same formats as .md and .html.
ENDINGS = {
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
    ".docx": "docx",
    ".ics": "ics",
    ".svg": "svg",
    ".yaml": "yaml",
    ".yml": "yaml",
}
# Formats that are bytes for a file, never shown on the screen.
_FILE_ONLY = {"docx": "a Word file needs --output FILE.docx (it cannot be shown on the screen)"}


def lazy(target: str) -> Render:
    """A renderer named as 'module:function', imported only when it runs (so start-up stays light)."""
    module, _, name = target.partition(":")

    def render(result: Any) -> Any:
        return getattr(importlib.import_module(module), name)(result)

    return render


# A result as JSON, the same way for every command (in pieces when it is long).
json_text = lazy("sendreview.render.jsontext:json_pieces")


@dataclass(frozen=True)
class Outputs:
    """What one command can show on the screen (drawn with rich) and write as text or bytes, by format."""

    command: str
    default: str
    screen: Mapping[str, Render] = field(default_factory=dict)
    files: Mapping[str, Render] = field(default_factory=dict)

    @property
    def formats(self) -> list[str]:
        return [*self.screen, *self.files]

    def with_renderers(self, **renderers: Render) -> Outputs:
        """The same table with some renderers given the run's own settings (a template, a day)."""
        screen = {name: renderers.get(name, render) for name, render in self.screen.items()}
        files = {name: renderers.get(name, render) for name, render in self.files.items()}
        return Outputs(self.command, self.default, screen, files)

    def endings(self) -> str:
        written = [e for e, f in ENDINGS.items() if self._named(f) in self.files and e not in (".htm", ".markdown")]
        return ", ".join(written)

    def _named(self, fmt: str) -> str:
        """This command's name for a format ('md' is 'markdown' where the command calls it that)."""
        return "markdown" if fmt == "md" and "markdown" in self.files else fmt

    def chosen(self, given: str | None, output: Path | None) -> str:
        """The format to use: --format, else the --output file's ending, else the default; a mismatch refused."""
        if output is None:
            fmt = given or self.default
            if fmt in _FILE_ONLY:
                raise SendReviewError(_FILE_ONLY[fmt])
            return fmt
        if given in self.screen:
            raise SendReviewError(
                f"--output: --format {given} is a table for the screen; {self.command} writes files ending"
                f" {self.endings()}, chosen by the ending"
            )
        if output.is_dir():
            raise SendReviewError(f"{output}: is a folder; give the name of a file in it, ending {self.endings()}")
        ending = output.suffix.lower()
        if not ending and given:
            return given  # a file with no ending holds what --format says
        fmt = self._named(ENDINGS.get(ending, ""))
        if fmt not in self.files:
            what = f"a {ending} file" if ending else "a file with no ending"
            raise SendReviewError(
                f"{output}: {self.command} cannot write {what}; it writes files ending {self.endings()}"
            )
        if given is not None and given != fmt:
            raise SendReviewError(
                f"{output}: --format {given} does not match the ending {ending} ({fmt});"
                f" leave out --format, or give a file ending .{given if given != 'markdown' else 'md'}"
            )
        return fmt


def show(result: Any, outputs: Outputs, given: str | None, output: Path | None, force: bool = False) -> None:
    """Show a command's result on the screen, or write it to --output (atomically, never over a file
    without --force) and say so; the format from --format or the file's ending."""
    fmt = outputs.chosen(given, output)
    if fmt in outputs.screen:
        _print(outputs.screen[fmt](result))
        return
    content = outputs.files[fmt](result)
    if output is not None:
        from sendreview.output import write_output

        _wrote(output, write_output(output, content, force=force))
    elif isinstance(content, bytes):
        try:
            sys.stdout.buffer.write(content)
        except BrokenPipeError:
            _silence_stdout()
    else:
        _write(content)


def _value(choice: Enum | None) -> str | None:
    return None if choice is None else str(choice.value)


ASKS_OUTPUTS = Outputs(
    "asks",
    "table",
    screen={"table": lazy("sendreview.render.terminal:asks_tree")},
    files={"json": json_text, "markdown": lazy("sendreview.render.markdown:asks")},
)


@registry.command()
def asks(
    group: Annotated[
        str | None, typer.Option(help="Show only this group, e.g. silver-bullets.", metavar="GROUP")
    ] = None,
    format: Annotated[ListFormat | None, FORMAT_OPTION] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
) -> None:
    """List what families asked for.

    The 2019 asks, the seven messages, the silver bullets, the principles and the red lines.

    Example: sendreview asks --group silver-bullets
    """
    from sendreview.analysis.catalogue import catalogue_view

    show(catalogue_view(_catalogue(extra, no_default_asks), group), ASKS_OUTPUTS, _value(format), output, force)


timeline_app = typer.Typer(
    name="timeline",
    no_args_is_help=False,
    subcommand_metavar="COMMAND [ARGS]…",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
registry.add_typer(timeline_app)

TimelineFile = Annotated[
    Path | None, typer.Option("--file", help="A timeline file of your own instead of the bundled one.")
]
DocumentOption = Annotated[
    Path | None,
    typer.Option(
        "--document",
        help="A paper's document file: its published and consultation dates replace the timeline's,"
        " and the projections count from them.",
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        help="Count overdue and days from this day, as 31/01/2026 or 2026-01-31; by default today.",
        metavar="DAY",
        show_default=False,
    ),
]


@timeline_app.callback(invoke_without_command=True)
def timeline(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            help="Only milestones from this date: a day (31/01/2021 or 2021-01-31), a month, a year or 'Spring 2021'.",
            metavar="DATE",
        ),
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only milestones up to this date, written as for --since.", metavar="DATE")
    ] = None,
    status: Annotated[Status | None, typer.Option(help="Only milestones with this status.")] = None,
    file: TimelineFile = None,
    document: DocumentOption = None,
    today: TodayOption = None,
    format: Annotated[
        TimelineFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (ics is a calendar, svg a picture); by default from the --output file's ending,"
            " else table.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Show the SEND review's history and what comes next.

    Each step says by when: projected from the rules, overdue once its time has passed, with the
    NNPCF's involvement. Steps the NNPCF's deck planned
    that never happened are shown as such, and a missed forecast as missed, with what happened instead.

    Example: sendreview timeline --document examples/green-paper-2022.yaml
    """
    if ctx.invoked_subcommand is not None:
        _no_options_before(ctx)
        return
    from sendreview.analysis.timeline import ordered

    loaded, info, day = _timeline_inputs(file, document, today)
    view = ordered(
        loaded,
        today=day,
        document=info,
        since=_date("--since", since),
        until=_date("--until", until),
        status=status.value if status else None,
    )
    show(view, TIMELINE_OUTPUTS.with_renderers(ics=_calendar), _value(format), output, force)


def _calendar(view: Any) -> bytes:
    """The timeline as a calendar file, stamped with when it was made."""
    import datetime as dt

    from sendreview.render.ics import timeline_ics

    return timeline_ics(view, stamp=dt.datetime.now(dt.timezone.utc).replace(microsecond=0))


TIMELINE_OUTPUTS = Outputs(
    "timeline",
    "table",
    screen={"table": lazy("sendreview.render.terminal:timeline_table")},
    files={
        "json": json_text,
        "markdown": lazy("sendreview.render.markdown:timeline"),
        "ics": _calendar,
        "svg": lazy("sendreview.render.svg:timeline_svg"),
    },
)
NEXT_OUTPUTS = Outputs(
    "timeline next",
    "table",
    screen={"table": lazy("sendreview.render.terminal:next_table")},
    files={"json": json_text, "markdown": lazy("sendreview.render.markdown:next_milestones")},
)


@timeline_app.command("next")
def timeline_next(
    file: TimelineFile = None,
    document: DocumentOption = None,
    today: TodayOption = None,
    format: Annotated[ListFormat | None, FORMAT_OPTION] = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Show the milestones still to come.

    Dated or projected, with the days until each; overdue ones first.

    Example: sendreview timeline next --today 2022-04-01
    """
    from sendreview.analysis.timeline import upcoming

    loaded, info, day = _timeline_inputs(file, document, today)
    show(upcoming(loaded, today=day, document=info), NEXT_OUTPUTS, _value(format), output, force)


def _no_options_before(ctx: typer.Context) -> None:
    """Refuse `timeline --format json next`: the options would be silently ignored."""

    defaults = (None, False)
    given = [f"--{name.replace('_', '-')}" for name, value in ctx.params.items() if value not in defaults]
    if given:
        raise SendReviewError(f"put {', '.join(given)} after '{ctx.invoked_subcommand}': sendreview timeline next ...")


def _today(value: str | None) -> dt.date:
    """The --today option: a day (not a month or season), or the real date."""
    import datetime as dt

    from sendreview.models.dates import Precision

    given = _date("--today", value)
    if given is None:
        return dt.date.today()
    if given.precision is not Precision.DAY:
        raise SendReviewError(f"--today: give a day, like 31/01/2026 or 2026-01-31, not '{value}'")
    return given.start


def _timeline_inputs(
    file: Path | None, document: Path | None, today: str | None
) -> tuple[Timeline, DocumentInfo | None, dt.date]:
    """Load the timeline and the --document paper, and read --today; every problem in one go."""
    import datetime as dt

    from sendreview.api import load_catalogue, load_document, load_timeline

    errors: list[SendReviewError] = []
    day = dt.date.today()
    try:
        day = _today(today)
    except SendReviewError as error:
        errors.append(error)
    loaded = info = None
    try:
        loaded = load_timeline(file)
    except SendReviewError as error:
        errors.append(error)
    if document is not None:
        try:
            info = load_document(document, load_catalogue()).document
        except SendReviewError as error:
            errors.append(error)
    if errors:
        raise SendReviewError.joined(errors)
    assert loaded is not None
    return loaded, info, day


@registry.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="YAML files to check.", show_default=False)],
    kind: Annotated[FileKind | None, typer.Option(help="What the files are; by default told from their keys.")] = None,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with 1 if there are warnings (such as a source on a host to avoid).")
    ] = False,
) -> None:
    """Check your YAML files and report every problem.

    Documents, asks, timelines, commitment phrases, vocabularies, consultations and forum profiles;
    each problem as FILE:LINE:COL.

    Also warns on a source on a host to avoid (a mirror, a test or prototype site, a paywall, an
    aggregator) and on a dated milestone with no source.

    Example: sendreview validate my-response.yaml --strict
    """
    from sendreview.api import check_file
    from sendreview.errors import Problem
    from sendreview.text import visible

    catalogue = _catalogue(extra, no_default_asks)
    failed: list[SendReviewError] = []
    warned: list[Problem] = []
    for path in files:
        found: list[Problem] = []
        try:
            model = check_file(path, kind.value if kind else None, catalogue, warnings=found)
        except SendReviewError as error:
            failed.append(error)  # its errors first: warnings are for files that load
        else:
            from sendreview.files import display_name

            typer.echo(f"{visible(display_name(path))}: ok ({type(model).__name__})")
            warned += found
    for warning in warned:
        typer.echo(visible(str(warning)), err=True)
    if failed:
        raise SendReviewError("\n".join(error.text for error in failed))
    if strict and warned:
        typer.echo(f"validate --strict: {len(warned)} warning{'s' if len(warned) != 1 else ''}", err=True)
        raise typer.Exit(1)


@registry.command()
def compare(
    document: DocumentArgument,
    format: Annotated[CompareFormat | None, FORMAT_OPTION] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
    fail_on: FailOnOption = None,
    learn_from: LearnFromOption = None,
    profile: ProfileOption = None,
) -> None:
    """Hold every proposal of a paper against every ask.

    Met, partly met, contested, opposed or not addressed, red-line breaches first. The table shows
    a suggestion under each unassessed proposal.

    Example: sendreview compare examples/green-paper-2022.yaml --fail-on red-line
    """
    from sendreview.analysis.compare import compare as run_compare
    from sendreview.analysis.compare import failed_checks
    from sendreview.api import load_document, load_earlier

    catalogue = _catalogue(extra, no_default_asks, _profile(profile))
    paper = load_document(document, catalogue, warn_unassessed=True)
    earlier = load_earlier(learn_from or (), catalogue, paper=paper, paper_path=document)
    result = run_compare(paper, catalogue)

    def table(result: Any) -> Any:
        from sendreview.analysis.suggest import first_suggestions
        from sendreview.render.terminal import comparison_report

        # On screen only: a suggestion is a hint for the reader, not part of the comparison's data.
        hints = first_suggestions(paper, catalogue, vocabulary=_vocabulary(no_default_asks), earlier=earlier)
        return comparison_report(result, hints)

    show(result, COMPARE_OUTPUTS.with_renderers(table=table), _value(format), output, force)
    _exit_if_failed(failed_checks(result, [f.value for f in fail_on or ()]))


COMPARE_OUTPUTS = Outputs(
    "compare",
    "table",
    screen={"table": lazy("sendreview.render.terminal:comparison_report")},
    files={
        "json": json_text,
        "markdown": lazy("sendreview.render.markdown:comparison"),
        "csv": lazy("sendreview.render.tabular:comparison_csv"),
    },
)


@registry.command()
def statement(
    document: DocumentArgument,
    output: OutputOption = None,
    format: Annotated[
        StatementFormat | None,
        typer.Option(
            "--format", "-f", help="md, html, txt or docx; by default from the --output file's ending, else md."
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Your own Jinja2 template (how to write one: sendreview docs templates)."),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help="Who the statement is from; by default the profile's name, else the file's 'assessment: by:'.",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
    today: TodayOption = None,
    fail_on: FailOnOption = None,
    force: ForceOption = False,
    evidence: Annotated[
        Path | None,
        typer.Option(
            "--evidence",
            help="A survey's figures (from evidence --format json), said under each proposal.",
            show_default=False,
        ),
    ] = None,
    network: Annotated[
        Path | None,
        typer.Option(
            "--network",
            help="The network's counts (from aggregate --format json), said under each proposal.",
            show_default=False,
        ),
    ] = None,
    profile: ProfileOption = None,
) -> None:
    """Write your statement on a published paper.

    What we asked for, agree with, want more of, disagree with, what is missing and what happens next.

    \b
    Example: sendreview statement examples/green-paper-2022.yaml \\
      --org "Anytown Parent Carer Forum" -o statement.html
    """
    from sendreview.analysis.compare import compare as run_compare
    from sendreview.analysis.compare import failed_checks
    from sendreview.analysis.statement import build_statement, speaking_for
    from sendreview.api import load_document, load_figures, load_timeline

    outputs = STATEMENT_OUTPUTS.with_renderers(
        **{fmt: partial(_render_statement, fmt=fmt, template=template) for fmt in STATEMENT_OUTPUTS.files}
    )
    outputs.chosen(_value(format), output)  # before any work: a wrong ending is refused at once
    day = _today(today)
    forum = _profile(profile)
    catalogue = _catalogue(extra, no_default_asks, forum)
    paper = load_document(document, catalogue, publishing=True, warn_unassessed=True)
    organisation = speaking_for(org or (forum.profile.name if forum else None), paper.assessment.by, str(document))
    result = run_compare(paper, catalogue)
    figures = load_figures(evidence, network, paper, organisation)
    said = build_statement(
        result,
        catalogue,
        load_timeline(),
        organisation=organisation,
        today=day,
        figures=figures,
        intro=forum.profile.intro if forum else "",
        next_steps=forum.profile.next_steps if forum else "",
    )
    show(said, outputs, _value(format), output, force)
    _exit_if_failed(failed_checks(result, [f.value for f in fail_on or ()]))


def _render_statement(said: Any, *, fmt: str, template: Path | None) -> str | bytes:
    from sendreview.render.statement import render_statement

    return render_statement(said, fmt, template)


STATEMENT_OUTPUTS = Outputs(
    "statement",
    "md",
    files={fmt: partial(_render_statement, fmt=fmt, template=None) for fmt in ("md", "html", "txt", "docx")},
)


class RespondFormat(str, Enum):
    md = "md"
    txt = "txt"
    docx = "docx"
    json = "json"
    html = "html"


class Audience(str, Enum):
    parents = "parents"


@registry.command()
def respond(
    document: DocumentArgument,
    consultation: Annotated[
        str,
        typer.Option(
            "--consultation", help="Which bundled consultation: send-review-2022 or send-reform-2026.", metavar="ID"
        ),
    ] = "send-review-2022",
    questions: Annotated[
        Path | None,
        typer.Option(
            "--questions", help="A consultation file of your own instead of a bundled one.", show_default=False
        ),
    ] = None,
    question: Annotated[
        int | None, typer.Option("--question", help="Only this question, by its number.", show_default=False)
    ] = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help="Who the response is from; by default the profile's name, else the file's 'assessment: by:'.",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        RespondFormat | None,
        typer.Option(
            "--format", "-f", help="md, txt, html, docx or json; by default from the --output file's ending, else md."
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    audience: Annotated[
        Audience | None,
        typer.Option("--for", help="parents: a plain-English guide for families to answer in their own words."),
    ] = None,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            help="Say whether the consultation has closed as of this day, as 01/05/2022 or 2022-05-01.",
            metavar="DAY",
        ),
    ] = None,
    profile: ProfileOption = None,
) -> None:
    """Draft your answers to a consultation.

    Question by question, within the form's word limits; or, with --for parents, a plain-English
    guide for families.

    \b
    Example: sendreview respond examples/green-paper-2022.yaml --question 5 \\
      --org "Anytown Parent Carer Forum"
    """
    from sendreview.analysis.compare import compare as run_compare
    from sendreview.analysis.respond import build_guide, build_response
    from sendreview.analysis.statement import speaking_for
    from sendreview.api import load_response_inputs

    RESPOND_OUTPUTS.chosen(_value(format), output)  # before any work: a wrong ending is refused at once
    day = _today(today)
    forum = _profile(profile)
    catalogue = _catalogue(extra, no_default_asks, forum)
    paper, asked = load_response_inputs(document, catalogue, questions=questions, consultation=consultation)
    organisation = speaking_for(
        org or (forum.profile.name if forum else None), paper.assessment.by, str(document), "response"
    )
    result = run_compare(paper, catalogue)
    number = _question(question, asked)
    if audience is Audience.parents:
        made: Any = build_guide(paper, asked, result, organisation=organisation, question=number, today=day)
    else:
        made = build_response(paper, asked, result, organisation=organisation, question=number)
    show(made, RESPOND_OUTPUTS, _value(format), output, force)


def _question(number: int | None, asked: Any) -> int | None:

    numbers = [q.number for q in asked.questions]
    if number is not None and number not in numbers:
        raise SendReviewError(
            f"--question: {asked.consultation.id} has no question {number} (its questions are "
            f"{min(numbers)} to {max(numbers)})"
        )
    return number


def _render_response(made: Any, *, fmt: str) -> str | bytes:
    from sendreview.render.respond import render_response

    return render_response(made, fmt)


RESPOND_OUTPUTS = Outputs(
    "respond",
    "md",
    files={fmt: partial(_render_response, fmt=fmt) for fmt in ("md", "txt", "html", "docx", "json")},
)


class DiffFailOn(str, Enum):
    regression = "regression"
    weakened = "weakened"
    red_line = "red-line"


@registry.command()
def diff(
    documents: Annotated[
        list[Path],
        typer.Argument(help="Two or more document files, oldest first (OLD.yaml NEW.yaml).", show_default=False),
    ],
    format: Annotated[ListFormat | None, FORMAT_OPTION] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
    commitments: Annotated[
        Path | None,
        typer.Option(
            "--commitments", help="Your own commitment phrases, added to the bundled ones.", show_default=False
        ),
    ] = None,
    fail_on: Annotated[
        list[DiffFailOn] | None,
        typer.Option(
            "--fail-on",
            help="Exit with 1 if this holds from the first paper to the last (repeatable).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Track the asks from one paper to the next.

    What improved or regressed, which proposals were carried, changed, dropped or are new, red-line
    breaches, and commitments that got weaker.

    \b
    Example: sendreview diff examples/green-paper-2022.yaml \\
      examples/improvement-plan-2023.yaml
    """
    from sendreview.analysis.diff import diff as run_diff
    from sendreview.analysis.diff import failed_checks
    from sendreview.api import load_commitments, load_stages

    if len(documents) < 2:
        raise SendReviewError("diff needs at least two document files, oldest first: OLD.yaml NEW.yaml")
    catalogue = _catalogue(extra, no_default_asks)
    result = run_diff(load_stages(documents, catalogue), catalogue, load_commitments(commitments))
    show(result, DIFF_OUTPUTS, _value(format), output, force)
    _exit_if_failed(failed_checks(result, [f.value for f in fail_on or ()]))


DIFF_OUTPUTS = Outputs(
    "diff",
    "table",
    screen={"table": lazy("sendreview.render.diff_terminal:diff_report")},
    files={"json": json_text, "markdown": lazy("sendreview.render.diff:markdown")},
)


class SuggestFormat(str, Enum):
    table = "table"
    json = "json"
    yaml = "yaml"


class PaperKind(str, Enum):
    green_paper = "green-paper"
    white_paper = "white-paper"
    improvement_plan = "improvement-plan"
    bill = "bill"
    act = "act"
    other = "other"


# The core's defaults (sendreview.analysis.suggest), repeated so that start-up does not load the
# suggester; tests/test_cli.py checks they are the same.
DEFAULT_TOP = 3
DEFAULT_MIN_SCORE = 2.0

TopOption = Annotated[int, typer.Option("--top", help="Suggest at most this many asks per proposal.")]


def _top(top: int) -> int:

    if top < 1:
        raise SendReviewError(f"--top: give 1 or more (got {top}); --top 0 would suggest nothing")
    return top


@registry.command()
def suggest(
    document: DocumentArgument,
    top: TopOption = DEFAULT_TOP,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            help="Leave out asks scoring less than this (the score is explained by: sendreview docs formats).",
        ),
    ] = DEFAULT_MIN_SCORE,
    every: Annotated[
        bool,
        typer.Option("--all", help="Suggest for every proposal, and flag assessed links whose words score very low."),
    ] = False,
    format: Annotated[
        SuggestFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (yaml: links ready to paste); by default from the --output file's ending, else table.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
    learn_from: LearnFromOption = None,
) -> None:
    """Suggest which asks each unassessed proposal touches.

    With the words that matched and, with --learn-from, the earlier proposals like it: a draft to
    check, never counted as an assessment.

    \b
    Example: sendreview suggest examples/white-paper-2026.yaml \\
      --learn-from examples/improvement-plan-2023.yaml
    """
    from sendreview.analysis.suggest import suggest as run_suggest
    from sendreview.api import load_document, load_earlier

    if not math.isfinite(min_score) or min_score < 0:
        raise SendReviewError(f"--min-score: give 0 or more (got {min_score:g})")
    catalogue = _catalogue(extra, no_default_asks)
    paper = load_document(document, catalogue)
    result = run_suggest(
        paper,
        catalogue,
        top=_top(top),
        min_score=min_score,
        all_proposals=every,
        vocabulary=_vocabulary(no_default_asks),
        earlier=load_earlier(learn_from or (), catalogue, paper=paper, paper_path=document),
    )
    show(result, SUGGEST_OUTPUTS, _value(format), output, force)


SUGGEST_OUTPUTS = Outputs(
    "suggest",
    "table",
    screen={"table": lazy("sendreview.render.terminal:suggestions_report")},
    files={"json": json_text, "yaml": lazy("sendreview.render.yamltext:suggestions_yaml")},
)


class AggregateFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


class BreakDown(str, Enum):
    region = "region"


@registry.command()
def aggregate(
    files: Annotated[
        list[Path],
        typer.Argument(help="Forums' document files of the same paper, or folders of them.", show_default=False),
    ],
    by: Annotated[
        BreakDown | None, typer.Option("--by", help="Break every figure down by the nine English regions.")
    ] = None,
    format: Annotated[AggregateFormat | None, FORMAT_OPTION] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
) -> None:
    """Count many forums' assessments of one paper together.

    For each proposal and ask: how many forums agree, partly agree or disagree, the consensus, red
    lines seen crossed, and who differs.

    Example: sendreview aggregate examples/network/forums --by region
    """
    from sendreview.analysis.network import aggregate as run_aggregate
    from sendreview.api import load_forums

    catalogue = _catalogue(extra, no_default_asks)
    result = run_aggregate(load_forums(files, catalogue), catalogue, by_region=by is BreakDown.region)
    show(result, AGGREGATE_OUTPUTS, _value(format), output, force)


AGGREGATE_OUTPUTS = Outputs(
    "aggregate",
    "table",
    screen={"table": lazy("sendreview.render.network_terminal:network_report")},
    files={
        "json": json_text,
        "markdown": lazy("sendreview.render.network:markdown"),
        "csv": lazy("sendreview.render.network:csv_text"),
        "html": lazy("sendreview.render.network:html_report"),
    },
)


@registry.command()
def evidence(
    survey: Annotated[Path, typer.Argument(help="A survey export: CSV, one row per respondent.", show_default=False)],
    map: Annotated[
        Path,
        typer.Option("--map", help="The survey map (YAML): which columns answer which proposals.", show_default=False),
    ],
    quotes: Annotated[
        bool, typer.Option("--quotes", help="Include free-text answers, with personal data taken out.")
    ] = False,
    format: Annotated[CompareFormat | None, FORMAT_OPTION] = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Turn a survey of parents into evidence.

    Support and opposition for each proposal with 95 % intervals, broken down by who answered,
    small groups suppressed and personal data taken out.

    \b
    Example: sendreview evidence examples/network/survey.csv \\
      --map examples/network/survey.yaml
    """
    from sendreview.api import load_evidence

    show(load_evidence(survey, map, quotes=quotes), EVIDENCE_OUTPUTS, _value(format), output, force)


EVIDENCE_OUTPUTS = Outputs(
    "evidence",
    "table",
    screen={"table": lazy("sendreview.render.network_terminal:evidence_report")},
    files={
        "json": json_text,
        "markdown": lazy("sendreview.render.evidence:markdown"),
        "csv": lazy("sendreview.render.evidence:csv_text"),
    },
)


@registry.command()
def init(
    path: Annotated[Path, typer.Argument(help="The new document file to write.", show_default=False)],
    paper: Annotated[
        Path | None,
        typer.Option(
            "--from",
            "--from-text",
            help="The paper as published (.html saved from gov.uk, .pdf, .docx, .md), or a .txt list of proposals"
            " (one per paragraph or numbered line: 1., 2.3, a)).",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="The paper's title; by default the paper's own.", show_default=False)
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="When it came out: a day (23/02/2026 or 2026-02-23), a month or 'Spring 2026'.",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        PaperKind | None,
        typer.Option("--kind", help="What kind of paper it is; by default told from its title.", show_default=False),
    ] = None,
    top: TopOption = DEFAULT_TOP,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
    profile: ProfileOption = None,
) -> None:
    """Start a document file for a new paper.

    Drafted from the paper itself with --from: its proposals, each with suggested asks as comments
    to check. Never replaces a file.

    Example: sendreview init white-paper.yaml --from white-paper.pdf
    """
    from sendreview.api import start_document
    from sendreview.output import existing, write_output
    from sendreview.render.yamltext import draft_yaml, started
    from sendreview.text import visible

    # Checked before any work: a document file holds a person's assessment, so init never replaces one.
    if existing(path) is not None:
        raise SendReviewError(f"{path}: already exists; sendreview init never replaces a file: choose a new name")
    forum = _profile(profile)
    draft, found = start_document(
        title=title,
        kind=kind.value if kind else None,
        published=_date("--published", published),
        paper=paper,
        catalogue=_catalogue(extra, no_default_asks, forum),
        by=forum.profile.name if forum else "",
        top=_top(top),
        vocabulary=_vocabulary(no_default_asks),
    )
    content = draft_yaml(draft, str(path))
    _wrote(path, write_output(path, content))
    typer.echo(visible(started(draft, found, str(path))), err=True)


@registry.command()
def assess(
    document: DocumentArgument,
    ask: Annotated[
        list[str] | None,
        typer.Option(
            "--ask", help="Offer this ask too, for every proposal (repeatable).", metavar="ASK", show_default=False
        ),
    ] = None,
    top: TopOption = DEFAULT_TOP,
    extra: AsksOption = None,
    no_default_asks: NoDefaultAsks = False,
    learn_from: LearnFromOption = None,
    profile: ProfileOption = None,
) -> None:
    """Assess a paper's proposals one at a time.

    Answer for each suggested ask; every answer is saved in the file at once, keeping its comments
    and layout.

    Example: sendreview assess white-paper.yaml
    """
    from sendreview.guided import assess as run_assess
    from sendreview.guided import summary

    catalogue = _catalogue(extra, no_default_asks, _profile(profile))
    try:
        progress = run_assess(
            document,
            catalogue,
            read=_read_line,
            say=typer.echo,
            extra_asks=ask or (),
            top=_top(top),
            vocabulary=_vocabulary(no_default_asks),
            learn_from=learn_from or (),
        )
    except KeyboardInterrupt:
        typer.echo("\nStopped. Every answer given before this one is saved.", err=True)
        raise typer.Exit(130) from None
    typer.echo("")
    typer.echo("\n".join(summary(progress, str(document))))


def _read_line() -> str | None:
    """One line of standard input, without its line ending; None at the end of input."""
    line = sys.stdin.readline()
    return line.rstrip("\r\n") if line else None


profile_app = typer.Typer(
    name="profile",
    help="Write your forum's profile.\n\nIt is forum.yaml: who you are, your own asks, words for your statements."
    "\n\nExample: sendreview profile init",
    no_args_is_help=True,
    subcommand_metavar="COMMAND [ARGS]…",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
registry.add_typer(profile_app)


@profile_app.command("init")
def profile_init(
    path: Annotated[Path, typer.Argument(help="Where to write the profile.")] = Path("forum.yaml"),
    force: ForceOption = False,
) -> None:
    """Write your forum's profile by answering a few questions.

    One answer per line.

    Example: sendreview profile init
    """
    from sendreview.guided import ask_profile
    from sendreview.output import existing, write_output
    from sendreview.render.yamltext import profile_yaml

    if existing(path) is not None and not force:  # before the questions, not after them
        raise SendReviewError(f"{path}: already exists; use --force to replace it, or edit it")
    content = profile_yaml(ask_profile(_read_line, typer.echo, again=sys.stdin.isatty()))
    _wrote(path, write_output(path, content, force=force))


@registry.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file format or output to describe.")],
) -> None:
    """Print the JSON Schema of a file format or of a command's output.

    File formats: document, asks, timeline, commitments, vocabulary, consultation, profile. Outputs:
    compare, diff, suggest, timeline-view, timeline-next, respond, respond-guide, aggregate,
    evidence, survey-map.

    Example: sendreview schema document > document.schema.json
    """
    from sendreview.schemas import json_schema

    _write(json_schema(kind.value))


class Guide(str, Enum):
    formats = "formats"
    templates = "templates"
    json = "json"


@registry.command()
def docs(
    guide: Annotated[
        Guide,
        typer.Argument(
            help="formats: every YAML file and its fields; templates: writing your own statement template;"
            " json: what each command's JSON output holds.",
            show_default=False,
        ),
    ],
) -> None:
    """Show a guide: the file formats, your own templates or the JSON.

    The guides ship with sendreview, so they match the version you have.

    Example: sendreview docs formats
    """
    from sendreview.resources import guide_text

    _write(guide_text(guide.value))


def main() -> NoReturn:
    """Run the command line (the `sendreview` console script)."""
    import gc

    _utf8_streams()
    # A run makes many small objects and few cycles: the cycle collector looks every 100,000 new
    # objects rather than every 700. Its walks over a large paper's results cost compare more than
    # a second at 100,000 proposals; the cycles it finds are still freed, a little later.
    gc.set_threshold(100_000, 10, 10)
    try:
        app()
    finally:
        # The run is over and its output written. Python's clean-up at exit ends with collections
        # that walk every object the run made (typer's, pydantic's and rich's too): about 30 ms of
        # a 250 ms compare. Frozen, they are left to the operating system, which frees them at once.
        gc.freeze()
    sys.exit(0)


def _utf8_streams() -> None:
    """Write UTF-8 to the screen and to redirected output whatever the locale says.

    With a Windows code page (cp1252, what Windows uses when output is redirected) or ASCII, the
    ticks, dashes and curly quotes in papers' own words cannot be written, and the data would be
    lost or changed; JSON is UTF-8 by its standard, and CSV and Markdown open as UTF-8 in current
    spreadsheets and editors. Anything still unwritable is shown as a code, never a crash.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")
