"""Render a statement through Jinja2 templates, safely.

Every template, bundled or the user's, runs in Jinja2's sandbox: no access to Python
internals, ranges capped, `*` and `**` checked so a template cannot build a huge value, and a
bound on render time and output size. Text from YAML only ever arrives as data in the
context, never as template source, and HTML templates escape everything by default.
"""

from __future__ import annotations

import operator
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from sendreview.analysis.statement import Statement
from sendreview.errors import Problem, SendReviewError
from sendreview.render.text import clean, markdown

FORMATS = ("md", "html", "txt")
MAX_SECONDS = 5.0
MAX_OUTPUT_CHARS = 5_000_000
MAX_SEQUENCE = 1_000_000  # longest string or list a template may build with * or **


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with arithmetic that cannot exhaust memory or time."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > 100:
                raise SecurityError("the power is too big for a template")
            return operator.pow(left, right)
        for sequence, count in ((left, right), (right, left)):
            sized = isinstance(sequence, (str, list, tuple)) and isinstance(count, int)
            if sized and len(sequence) * count > MAX_SEQUENCE:
                raise SecurityError("that would make a value too big for a template")
        return operator.mul(left, right)


def environment(folder: Path, *, html: bool) -> SandboxedEnvironment:
    """A sandboxed environment reading templates from one folder; HTML output is always escaped."""
    from jinja2 import FileSystemLoader

    env = _Sandbox(
        loader=FileSystemLoader(folder),
        # Escaping follows the output format, not the file name: select_autoescape() alone
        # would leave a template named "statement.html.j2" unescaped.
        autoescape=html,
        keep_trailing_newline=True,
        # A misspelt field, or a refused attribute, is an error with its line, not a silent blank.
        undefined=StrictUndefined,
    )
    env.filters["md"] = markdown
    env.filters["clean"] = clean
    for unneeded in ("lipsum", "cycler", "joiner"):  # nothing a statement needs; less to misuse
        env.globals.pop(unneeded, None)
    return env


def render_statement(statement: Statement, fmt: str, template: Path | None = None) -> str | bytes:
    """The statement in a format: md, html or txt through a template (bundled or given), or docx."""
    if fmt == "docx":
        if template is not None:
            raise SendReviewError("--template works with md, html and txt; a Word file is built directly")
        from sendreview.render.word import statement_docx

        return statement_docx(statement)
    if template is None:
        from sendreview.api import bundled_template_folder

        template = bundled_template_folder() / f"statement.{fmt}.j2"
    extra: dict[str, Any] = {"verdict_chart": "", "timeline_svg": ""}
    if fmt == "html":
        from sendreview.render.chart import verdict_chart

        # Made here from numbers and fixed words, so safe to put in the page as it is.
        extra["verdict_chart"] = Markup(verdict_chart(statement.verdict_counts))
    return render(statement, template, html=fmt == "html", extra=extra)


def render(statement: Statement, template: Path, *, html: bool, extra: dict[str, Any] | None = None) -> str:
    """Render a statement with a template file, within the sandbox and its bounds."""
    if not template.is_file():
        raise SendReviewError(f"{template}: no such template file")
    env = environment(template.parent, html=html)
    context = statement.model_dump(mode="json")
    context.update(extra or {})
    name = template.name
    try:
        compiled = env.get_template(name)
        parts: list[str] = []
        size = 0
        with _time_limit(MAX_SECONDS):
            for chunk in compiled.generate(**context):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise SecurityError(f"the output is over {MAX_OUTPUT_CHARS:,} characters")
                parts.append(chunk)
        return "".join(parts)
    except TemplateSyntaxError as error:
        raise SendReviewError(
            [Problem(str(template), error.lineno or 1, 1, f"template error: {error.message}")]
        ) from None
    except UndefinedError as error:
        raise SendReviewError([Problem(str(template), _template_line(error), 1, f"template failed: {error}")]) from None
    except (SecurityError, TemplateError, _TimeUp, RecursionError, OverflowError, MemoryError) as error:
        line = _template_line(error)
        reason = "template took too long" if isinstance(error, _TimeUp) else _reason(error)
        raise SendReviewError([Problem(str(template), line, 1, f"template refused: {reason}")]) from None
    except (TypeError, ValueError, ArithmeticError, AttributeError, LookupError) as error:
        line = _template_line(error)
        raise SendReviewError([Problem(str(template), line, 1, f"template failed: {error}")]) from None


def _reason(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "it calls itself too deeply"
    return str(error) or type(error).__name__


def _template_line(error: BaseException) -> int:
    """The template line an error came from, found in the traceback Jinja rewrites."""
    line = 1
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename.endswith(".j2") or "<template>" in trace.tb_frame.f_code.co_filename:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


class _TimeUp(Exception):
    """Raised inside a template that renders for too long."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt rendering after `seconds` (where the platform allows a timer: main thread, Unix)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    started = time.monotonic()

    def stop(signum: int, frame: Any) -> None:
        raise _TimeUp(f"after {time.monotonic() - started:.1f} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
