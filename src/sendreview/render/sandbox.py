"""The template sandbox: every template, bundled or the user's, runs here, within limits.

Jinja2's sandbox gives no access to Python internals; on top of it, ranges are capped, `*`, `**`
and `+` are checked so a template cannot build a huge value, and render time, memory and output
size are bounded. A template can read no other file. Text from YAML only ever arrives as data in
the context, never as template source; whatever a template prints loses control characters and
escape sequences, and HTML templates escape everything by default. What each defence is, and
the test that proves it, is in docs/security.md.
"""

from __future__ import annotations

import contextlib
import operator
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup
from pydantic import BaseModel

from sendreview.errors import Problem, SendReviewError
from sendreview.text import clean, markdown, markdown_link

MAX_SECONDS = 5.0
MAX_OUTPUT_CHARS = 5_000_000
MAX_SEQUENCE = 1_000_000  # longest string or list a template may build with *, ** or +
MAX_NUMBER_BITS = 100_000  # biggest whole number a template may compute (about 30,000 digits)
# How much more memory rendering may take; far more than any statement needs. Enforced where the
# system allows (Linux): a template that builds something huge gets a MemoryError, not the machine.
MAX_MEMORY_BYTES = 256 * 1024 * 1024


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with arithmetic that cannot exhaust memory or time."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        # Python works out a huge number in one step that no time limit can interrupt.
        whole = isinstance(left, int) and isinstance(right, int)
        if operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > 100:
                raise SecurityError("the power is too big for a template")
            if whole and abs(left).bit_length() * abs(right) > MAX_NUMBER_BITS:
                raise SecurityError("that number is too big for a template")
            return operator.pow(left, right)
        if operator_name == "+":
            sized = isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple))
            if sized and len(left) + len(right) > MAX_SEQUENCE:
                raise SecurityError("that would make a value too big for a template")
            return operator.add(left, right)
        if whole and abs(left).bit_length() + abs(right).bit_length() > MAX_NUMBER_BITS:
            raise SecurityError("that number is too big for a template")
        for sequence, count in ((left, right), (right, left)):
            sized = isinstance(sequence, (str, list, tuple)) and isinstance(count, int)
            if sized and len(sequence) * count > MAX_SEQUENCE:
                raise SecurityError("that would make a value too big for a template")
        return operator.mul(left, right)


def _finalize(value: Any) -> Any:
    """What every `{{ ... }}` prints: text without control characters or escape sequences, even
    where a template forgets `| clean`. Markup (from `|e`, `|safe`, sendreview's own pictures) is
    cleaned too and stays markup: cleaning only removes characters, so it adds no HTML."""
    if isinstance(value, Markup):
        return Markup(clean(str(value)))
    if isinstance(value, str):
        return clean(value)
    return value


class _KeptCompiled(BytecodeCache):
    """Bundled templates as Jinja compiled them, kept in sendreview's cache folder (`sendreview.cache`):
    compiling the statement's template to Python takes longer than rendering it.

    An entry is named by the template's source, its name, whether it is HTML and Jinja's version (and,
    through `cache.key`, sendreview's code and version and Python's), so an edited template or a new
    release is compiled again; Jinja itself refuses code from another Python or for another source.
    """

    def __init__(self, html: bool) -> None:
        self.html = html

    def _entry(self, bucket: Bucket) -> str:
        from jinja2 import __version__ as jinja_version

        from sendreview import cache

        return cache.key("jinja2 template", bucket.checksum.encode(), bucket.key, str(self.html), jinja_version)

    def load_bytecode(self, bucket: Bucket) -> None:
        from sendreview import cache

        kept = cache.recall(self._entry(bucket))
        if isinstance(kept, bytes):
            bucket.bytecode_from_string(kept)

    def dump_bytecode(self, bucket: Bucket) -> None:
        from sendreview import cache

        cache.keep(self._entry(bucket), bucket.bytecode_to_string())


def environment(
    template: Path, *, html: bool, source: str | None = None, keep_compiled: bool = False
) -> SandboxedEnvironment:
    """A sandboxed environment that can load one template file and no other; HTML output is always escaped.

    `source` is the template's text when it has been read already, so the file is read only once.
    `keep_compiled` keeps the compiled template in the cache folder: for bundled templates only, so
    that a user's template is compiled (and its constant expressions worked out) within the bounds.
    """
    from jinja2 import FunctionLoader

    from sendreview.loading import read_text

    def load(name: str) -> str | None:
        # `{% include %}`, `{% import %}` and `{% extends %}` could otherwise copy any file beside
        # the template (a stranger's template saved in Downloads) into a statement that gets published.
        if name != template.name:
            return None
        return source if source is not None else read_text(template, str(template))

    env = _Sandbox(
        loader=FunctionLoader(load),
        # Escaping follows the output format, not the file name: select_autoescape() alone
        # would leave a template named "statement.html.j2" unescaped.
        autoescape=html,
        keep_trailing_newline=True,
        # A misspelt field, or a refused attribute, is an error with its line, not a silent blank.
        undefined=StrictUndefined,
        finalize=_finalize,
        bytecode_cache=_KeptCompiled(html) if keep_compiled else None,
    )
    env.filters["md"] = markdown
    env.filters["md_link"] = markdown_link
    env.filters["clean"] = clean
    for unneeded in ("lipsum", "cycler", "joiner"):  # nothing a statement needs; less to misuse
        env.globals.pop(unneeded, None)
    return env


def render(
    statement: BaseModel,
    template: Path,
    *,
    html: bool,
    extra: dict[str, Any] | None = None,
    bounded: bool = True,
    keep_compiled: bool = False,
) -> str:
    """Render a statement with a template file in the sandbox; `bounded` adds the limits on time,
    memory and output size that a template from someone else needs; `keep_compiled` keeps the
    compiled template for the next run (bundled templates only)."""
    from sendreview.loading import read_text

    # Read once, through the one reader: a folder, a device or a named pipe is refused there.
    env = environment(template, html=html, source=read_text(template, str(template)), keep_compiled=keep_compiled)
    context = statement.model_dump(mode="json")
    context.update(extra or {})
    name = template.name
    try:
        parts: list[str] = []
        size = 0
        # Compiling is inside the bounds too: Jinja works out constant expressions while compiling.
        limits = (_time_limit(MAX_SECONDS), _memory_limit(MAX_MEMORY_BYTES)) if bounded else ()
        with contextlib.ExitStack() as stack:
            for limit in limits:
                stack.enter_context(limit)
            compiled = env.get_template(name)
            for chunk in compiled.generate(**context):
                size += len(chunk)
                if bounded and size > MAX_OUTPUT_CHARS:
                    raise SecurityError(f"the output is over {MAX_OUTPUT_CHARS:,} characters")
                parts.append(chunk)
        # Again over the whole output: the template's own text, and pieces that only make an escape
        # sequence once joined (a filter's output next to a value), never reach a terminal or file.
        return clean("".join(parts))
    except TemplateNotFound as error:
        line = _template_line(error)
        message = f"template refused: it asks for another file ('{error.name}'); a template can use only itself"
        raise SendReviewError([Problem(str(template), line, 1, message)]) from None
    except TemplateSyntaxError as error:
        raise SendReviewError(
            [Problem(str(template), error.lineno or 1, 1, f"template error: {error.message}")]
        ) from None
    except SyntaxError as error:  # Python's own bound: blocks nested 20 deep (`for`) or 100 (`if`)
        message = f"template refused: its blocks are nested too deeply for Python to run ({error.msg})"
        raise SendReviewError([Problem(str(template), _template_line(error), 1, message)]) from None
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
    if isinstance(error, MemoryError):
        return "it needs too much memory"
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


@contextmanager
def _memory_limit(extra: int) -> Iterator[None]:
    """Let the process grow by at most `extra` bytes of address space while rendering (Linux only)."""
    try:
        import resource

        in_use = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):  # not Linux: the time and output limits still hold
        yield
        return
    limit = in_use + extra if hard == resource.RLIM_INFINITY else min(in_use + extra, hard)
    if soft != resource.RLIM_INFINITY and soft <= limit:  # already held tighter
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


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
