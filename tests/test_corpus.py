"""Hostile and broken input: every corpus file through every command that reads a document.

What each file must do (rejected or accepted, the message) is written once, in
the tables of tests/corpus/README.md; this module reads them, so the table cannot drift from
the tests.
"""

from __future__ import annotations

import csv
import faulthandler
import hashlib
import io
import json
import os
import re
import socket
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import Result

from sendreview.cli import app
from tests.conftest import GREEN_PAPER, ORG, ROOT, Invoke

CORPUS = Path(__file__).parent / "corpus"
TEMPLATES = CORPUS / "templates"


@dataclass(frozen=True)
class Case:
    """One row of a corpus table."""

    name: str
    what: str
    rejected: bool
    fragments: tuple[str, ...]
    seconds: float  # templates only: the processor time a refused template may take
    generated: bool
    any_of: bool = False  # the fragments were written "`a` or `b`": one of them is enough
    slow: bool = False  # marked *slow*: big generated inputs, left out by `pytest -m "not slow"`


def _table(heading: str) -> list[list[str]]:
    """The cells of the Markdown table under `## heading` in the corpus README (header row left out)."""
    text = (CORPUS / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    # A `\|` inside a cell is a pipe in the text, not a column break.
    return [[cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def _fragments(cell: str) -> tuple[str, ...]:
    return tuple(re.findall(r"`([^`]+)`", cell))


def _seconds(cell: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?) s", cell)
    assert match, f"bound '{cell}' should read like '2 s'"
    return float(match.group(1))


def _document_cases() -> list[Case]:
    cases = []
    for file, what, outcome, message in _table("Documents"):
        assert outcome in ("rejected", "accepted"), f"{file}: outcome must be rejected or accepted, not {outcome!r}"
        name = _fragments(file)[0]
        rejected, fragments = outcome == "rejected", _fragments(message)
        cases.append(Case(name, what, rejected, fragments, 0.0, "generated" in file, slow="slow" in file))
    return cases


def _template_cases() -> list[Case]:
    return [
        Case(_fragments(file)[0], what, True, _fragments(message), _seconds(within), False, "` or `" in message)
        for file, what, message, within in _table("Templates")
    ]


CASES = _document_cases()
TEMPLATE_CASES = _template_cases()


# --- Files too big to keep in the repository, written once per session ---------------------------

HEAD = "document:\n  title: A paper\n  kind: green-paper\nproposals:\n"


def _big_50mb(path: Path) -> None:
    line = '  - {id: "%d", title: "A proposal padded out to make the file big, line after line"}\n'
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        written, number = len(HEAD), 0
        while written < 50 * 1024 * 1024:
            written += out.write(line % number)
            number += 1


def _one_line_5mb(path: Path) -> None:
    asks = ["proper-funding", "enough-money", "listen-early", "minimum-standards/inclusion", "no-dilution-of-rights"]
    stances = ["agree", "partly", "disagree"]
    summary = "Words of the paper that go on for a while, as summaries sometimes do. " * 36
    proposals = [
        {
            "id": f"p{i}",
            "title": f"Proposal number {i}",
            "summary": summary,
            "responds_to": [{"ask": asks[i % len(asks)], "stance": stances[i % len(stances)], "note": "A note."}],
        }
        for i in range(2000)
    ]
    document = {"document": {"title": "One line", "kind": "white-paper", "published": "2026-02-23"}}
    path.write_text(json.dumps({**document, "proposals": proposals}) + "\n", encoding="utf-8")
    assert 5_000_000 <= path.stat().st_size < 6_000_000


def _deep_flow(path: Path) -> None:
    path.write_text("document: " + "[" * 10_000 + "]" * 10_000 + "\nproposals: []\n", encoding="utf-8")


def _deep_block(path: Path) -> None:
    path.write_text(HEAD + "  " + "- " * 10_000 + "x\n", encoding="utf-8")


def _deep_mappings(path: Path) -> None:
    path.write_text("document: " + "{a: " * 10_000 + "x" + "}" * 10_000 + "\nproposals: []\n", encoding="utf-8")


def _billion_laughs(path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _alias_bomb_schema_valid(path: Path) -> None:
    # One proposal with 500 links, then 4,000 aliases of it: every value fits the schema.
    links = "".join("\n      - {ask: proper-funding, stance: agree}" for _ in range(500))
    text = HEAD + f'  - &p\n    id: "1"\n    title: A proposal\n    responds_to:{links}\n'
    text += "".join("  - *p\n" for _ in range(4000))
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size < 60_000


def _alias_long_text(path: Path) -> None:
    text = HEAD + '  - id: "0"\n    title: &long "' + "many words " * 100_000 + '"\n'
    text += "".join(f'  - id: "{i}"\n    title: *long\n' for i in range(1, 21))
    path.write_text(text, encoding="utf-8")


def _many_problems(path: Path) -> None:
    link = "    responds_to:\n      - ask: proper-funding\n        stance: agre\n"
    path.write_text(HEAD + "".join(f'  - id: "{i}"\n    title: A\n{link}' for i in range(5000)), encoding="utf-8")


def _named_pipe(path: Path) -> None:
    os.mkfifo(path)


def _link_to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _link_loop(path: Path) -> None:
    path.symlink_to(path.name)


def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:  # the socket's file stays after it is closed
        server.bind(str(path))


def _folder(path: Path) -> None:
    path.mkdir()


def _many_unknown_keys(path: Path) -> None:
    path.write_text(HEAD.replace("proposals:\n", "") + "".join(f"k{i}: v\n" for i in range(50_000)), encoding="utf-8")


def _million_items(path: Path) -> None:
    text = HEAD.replace("proposals:\n", "proposals: [") + ",".join(["1"] * 1_000_000) + "]\n"
    path.write_text(text, encoding="utf-8")


def _long_title_9mb(path: Path) -> None:
    title = "word " * 1_800_000
    text = HEAD + f'  - id: "long-1"\n    title: "{title}"\n    responds_to:\n      - ask: proper-funding\n'
    path.write_text(text + "        stance: agree\n", encoding="utf-8")


GENERATED: dict[str, Callable[[Path], None]] = {
    "big-50mb.yaml": _big_50mb,
    "one-line-5mb.yaml": _one_line_5mb,
    "deep-nesting-flow.yaml": _deep_flow,
    "deep-nesting-block.yaml": _deep_block,
    "deep-nesting-mappings.yaml": _deep_mappings,
    "alias-billion-laughs.yaml": _billion_laughs,
    "alias-bomb-schema-valid.yaml": _alias_bomb_schema_valid,
    "alias-long-text.yaml": _alias_long_text,
    "many-problems.yaml": _many_problems,
    "named-pipe.yaml": _named_pipe,
    "link-to-dev-zero.yaml": _link_to_dev_zero,
    "link-loop.yaml": _link_loop,
    "socket.yaml": _socket,
    "folder.yaml": _folder,
    "many-unknown-keys.yaml": _many_unknown_keys,
    "million-items.yaml": _million_items,
    "long-title-9mb.yaml": _long_title_9mb,
}


class Generated:
    """The folder of generated corpus files, each made the first time a test asks for it
    (`generated / name`), so a run that needs none of the big files never writes them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __truediv__(self, name: str) -> Path:
        path = self.folder / name
        if not (path.exists() or path.is_symlink()):
            GENERATED[name](path)
        return path


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """Where the generated corpus files are made, once per session."""
    return Generated(tmp_path_factory.mktemp("generated-corpus"))


# --- The commands that read a document --------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A command that reads a document, and the runs to make with one corpus file.

    In the arguments, {doc} is the corpus file, {old} the Green Paper example and {out} an empty
    folder. A rejected file is only tried with the first run (the format cannot matter when the
    file is refused on reading), so put the run that writes a file first.
    """

    name: str
    runs: tuple[tuple[str, ...], ...]
    shows_proposals: bool  # its output shows the proposals' text, so an accepted file's fragments must appear
    needs: str = ""  # an option the command must have to be covered, e.g. timeline's --document


DOCUMENT_COMMANDS = (
    Command("validate", (("validate", "{doc}"),), shows_proposals=False),
    Command(
        "compare",
        tuple(("compare", "{doc}", "-f", f) for f in ("table", "json", "markdown", "csv")),
        shows_proposals=True,
    ),
    Command(
        "statement",
        (
            ("statement", "--org", ORG, "{doc}", "-o", "{out}/statement.html"),
            ("statement", "--org", ORG, "{doc}"),
            ("statement", "--org", ORG, "{doc}", "-f", "txt"),
            ("statement", "--org", ORG, "{doc}", "-o", "{out}/statement.docx"),
        ),
        shows_proposals=True,
    ),
    Command(
        "respond",
        (
            ("respond", "--org", ORG, "{doc}", "-o", "{out}/response.html"),
            ("respond", "--org", ORG, "{doc}"),
            ("respond", "--org", ORG, "{doc}", "-f", "json"),
            ("respond", "--org", ORG, "{doc}", "--for", "parents", "-o", "{out}/guide.docx"),
        ),
        shows_proposals=False,
    ),
    Command(
        "aggregate",
        (
            ("aggregate", "{doc}", "-f", "html", "-o", "{out}/network.html"),
            ("aggregate", "{doc}", "--by", "region"),
            *(("aggregate", "{doc}", "-f", f) for f in ("json", "markdown", "csv")),
        ),
        shows_proposals=False,
    ),
    Command(
        "diff",
        (("diff", "{old}", "{doc}"), ("diff", "{doc}", "{old}", "-f", "markdown")),
        shows_proposals=False,
    ),
    Command(
        "suggest",
        (("suggest", "{doc}"), ("suggest", "{doc}", "-f", "yaml"), ("suggest", "{old}", "--learn-from", "{doc}")),
        shows_proposals=False,
    ),
    Command(
        "timeline",
        (
            ("timeline", "--document", "{doc}", "--today", "2026-11-28"),
            *(("timeline", "--document", "{doc}", "--today", "2026-11-28", "-f", f) for f in ("json", "ics", "svg")),
        ),
        shows_proposals=False,
        needs="--document",
    ),
    # With no answers on standard input: it shows the first proposal, writes nothing and stops.
    Command("assess", (("assess", "{doc}"),), shows_proposals=False),
)


def _available(command: Command) -> bool:
    """Whether the command exists now (some are still being built), with the option it needs."""
    found = typer.main.get_command(app).commands.get(command.name)  # type: ignore[attr-defined]
    if found is None:
        return False
    return not command.needs or any(command.needs in param.opts for param in found.params)


COVERED = [c for c in DOCUMENT_COMMANDS if _available(c)]


def test_every_command_that_reads_a_document_is_covered() -> None:
    """A command added later that takes a document must join DOCUMENT_COMMANDS, or this fails."""

    def reads_a_document(command: Any) -> bool:
        if any(param.name in ("document", "documents", "files") for param in command.params):
            return True
        return any(reads_a_document(sub) for sub in getattr(command, "commands", {}).values())

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    readers = {name for name, command in commands.items() if reads_a_document(command)}
    assert readers == {c.name for c in COVERED}, "add the command to DOCUMENT_COMMANDS"


# --- What a run must look like -------------------------------------------------------------------


def _unsafe_characters() -> re.Pattern[str]:
    """Control characters (newline and tab allowed), and every character that does not show: Unicode's
    categories Cc, Cf, Cs and Co, noncharacters, and the blank fillers. None may reach a terminal or
    a file from an input. Built from Python's own tables, not from sendreview's list."""
    wanted = {"Cc", "Cf", "Cs", "Co"}
    blank = {0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0}
    ranges: list[list[int]] = []
    for number in range(0x110000):
        noncharacter = 0xFDD0 <= number <= 0xFDEF or number & 0xFFFE == 0xFFFE
        if chr(number) in "\n\t" or not (
            noncharacter or number in blank or unicodedata.category(chr(number)) in wanted
        ):
            continue
        if ranges and ranges[-1][1] == number - 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


_UNSAFE = _unsafe_characters()
_POSITIONED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


def _is_file(path: Path) -> bool:
    """Whether a corpus path is a regular file (not a pipe, a device, a link or a folder made by a generator)."""
    return stat.S_ISREG(path.lstat().st_mode)


def _sha256(path: Path) -> str:
    """The file's hash; for what is not a file, what it is (and where a link points), which must not change."""
    if not _is_file(path):
        found = path.lstat()
        return f"{stat.filemode(found.st_mode)} {path.readlink() if path.is_symlink() else ''}"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lines_in(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b"")) + 1


# A run still going after this long has hung. The slowest case takes about 12 s on a busy 2-core
# machine (benchmarks/corpus.py); this is 25 times that, so only a hang ever reaches it.
HANG_SECONDS = 300


def _run(invoke: Invoke, args: list[str]) -> Result:
    """Run once, untimed: the product's own limits bound the work. A hang ends the whole test run
    with every thread's traceback (faulthandler), rather than leaving it waiting for ever."""
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    try:
        return invoke(*args)
    finally:
        faulthandler.cancel_dump_traceback_later()


def _check_terminal_safe(result: Result, args: list[str]) -> None:
    stdout = result.stdout.replace("\r\n", "\n") if "ics" in args else result.stdout
    for stream, text in (("stdout", stdout), ("stderr", result.stderr)):
        found = _UNSAFE.search(text)
        assert found is None, (
            f"{stream} holds {found.group()!r}: {text[max(found.start() - 60, 0) : found.end() + 20]!r}"
        )


def _check_rejection(result: Result, path: Path, case: Case) -> None:
    assert result.stdout == "", "nothing is printed for a refused file"
    lines = result.stderr.splitlines()
    assert lines, "a refusal says why"
    if not _is_file(path):  # nothing to read, so no line to point to: FILE: message
        assert all(line.startswith(f"{path}: ") for line in lines), f"not FILE: message: {result.stderr!r}"
        for fragment in case.fragments:
            assert fragment in result.stderr, f"no message says {fragment!r}:\n{result.stderr}"
        return
    last_line = _lines_in(path)
    for line in lines:
        match = _POSITIONED.match(line)
        assert match, f"not FILE:LINE:COL: message: {line!r}"
        assert match["file"] == str(path), f"names another file: {line!r}"
        assert 1 <= int(match["line"]) <= last_line, f"names a line the file does not have: {line!r}"
    for fragment in case.fragments:
        assert any(fragment in line for line in lines), f"no message says {fragment!r}:\n{result.stderr}"


def _check_acceptance(result: Result, args: list[str], command: Command, case: Case, out: Path) -> None:
    for line in result.stderr.splitlines():  # only warnings, and the line saying what -o wrote, come with success
        if "-o" in args and line.startswith(f"Wrote {args[args.index('-o') + 1]} ("):
            continue
        match = _POSITIONED.match(line)
        assert match and match["message"].startswith("warning: "), f"unexpected on stderr: {line!r}"
    if command.shows_proposals and "-o" not in args:
        for fragment in case.fragments:
            assert fragment in result.output, f"{fragment!r} is not in the output of {' '.join(args)}"
    stdout = result.stdout
    if "markdown" in args or (args[0] in ("statement", "respond") and "-f" not in args and "-o" not in args):
        _check_markdown_safe(stdout)
    if "csv" in args:
        _check_csv_safe(stdout)
    if "-o" in args and args[-1].endswith(".html"):
        _check_html_safe(Path(args[-1]).read_text(encoding="utf-8"))


def _check_markdown_safe(text: str) -> None:
    """No HTML, no links and no headings made from data."""
    assert not re.search(r"(?<!\\)<(?:script|img|a\s|b>|!--)", text), "HTML made from data"
    assert not re.search(r"(?<!\\)\]\((?:javascript|https?):", text), "a link made from data"
    # A character reference (`&lt;`) from data would print as the character it names.
    assert not re.search(r"(?<!\\)&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", text, re.IGNORECASE), "an entity from data"
    # Bare addresses are links to GitHub and others (extended autolinks); only the paper's own
    # address, checked and written as <https://...>, may be one.
    bare = re.search(r"(?<![<\\])\b(?:https?://|www\.)|(?<!\\)@\w|(?:mailto|xmpp):", text, re.IGNORECASE)
    assert bare is None, f"a bare address from data: {text[max(bare.start() - 30, 0) : bare.end() + 30]!r}"
    # markdown-in-text.yaml's heading, quote, list and table never start a line of their own.
    made = re.search(r"^(?:#+ *Heading from data|> quoted|1\. listed|\| a \| table)", text, re.MULTILINE)
    assert made is None, f"Markdown made from data: {made.group()!r}"


def _check_csv_safe(text: str) -> None:
    """No cell a spreadsheet would read as a formula."""
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))  # cells of a 9 MB title
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), f"formula in a cell: {cell!r}"


def _check_html_safe(html: str) -> None:
    """No markup from data: no scripts, no event handlers, no javascript: links."""
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", html), "an event handler attribute"
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.IGNORECASE)
    assert _UNSAFE.search(html.replace("\r\n", "\n")) is None, "a control character in the page"


# --- The corpus through every command ------------------------------------------------------------


def test_table_and_folder_agree() -> None:
    """Every file in the corpus has a row, every row a file (or a generator)."""
    on_disk = {p.name for p in CORPUS.glob("*.yaml")}
    committed = {c.name for c in CASES if not c.generated}
    assert on_disk == committed, f"no row: {sorted(on_disk - committed)}; no file: {sorted(committed - on_disk)}"
    assert {c.name for c in CASES if c.generated} == set(GENERATED)
    templates = {p.name for p in TEMPLATES.glob("*.j2")}
    assert templates == {c.name for c in TEMPLATE_CASES}
    assert len(CASES) >= 40 and all(c.fragments for c in [*CASES, *TEMPLATE_CASES])


def _everyday(command: Command, case: Case) -> bool:
    """Whether `pytest -m "not slow"` runs this pair: every file once, through the commands in
    turn (so each command meets a share of the files), and never a file marked slow. `pytest`
    runs every file through every command."""
    return not case.slow and CASES.index(case) % len(COVERED) == COVERED.index(command)


@pytest.mark.parametrize(
    ("command", "case"),
    [
        pytest.param(command, case, marks=[] if _everyday(command, case) else [pytest.mark.slow])
        for command in COVERED
        for case in CASES
    ],
    ids=[f"{command.name}:{case.name}" for command in COVERED for case in CASES],
)
def test_corpus_file(invoke: Invoke, command: Command, case: Case, generated: Generated, tmp_path: Path) -> None:
    path = generated / case.name if case.generated else CORPUS / case.name
    before = _sha256(path)
    runs = command.runs[:1] if case.rejected else command.runs
    outs = []
    for number, run in enumerate(runs):
        out = tmp_path / f"out{number}"
        out.mkdir()
        outs.append(out)
        args = [a.format(doc=path, old=GREEN_PAPER, out=out) for a in run]
        result = _run(invoke, args)
        assert "Traceback" not in result.output and "unexpected error" not in result.output, result.output
        assert result.exit_code == (2 if case.rejected else 0), result.output[-2000:]
        _check_terminal_safe(result, args)
        if case.rejected:
            _check_rejection(result, path, case)
        else:
            _check_acceptance(result, args, command, case, out)
    for out in outs:
        written = sorted(p.name for p in out.iterdir())
        if case.rejected:
            assert written == [], f"a refused file left {written} behind"
        else:
            assert all(not name.startswith(".") for name in written), f"a temporary file was left: {written}"
    assert _sha256(path) == before, "the input file was changed"


def test_limits_follow_the_environment(invoke: Invoke, generated: Generated, monkeypatch: pytest.MonkeyPatch) -> None:
    """Raising a limit lets a file through that the default refuses; lowering one refuses sooner."""
    bomb = generated / "alias-bomb-schema-valid.yaml"
    monkeypatch.setenv("SENDREVIEW_MAX_ALIAS_VALUES", "100")
    result = invoke("validate", CORPUS / "alias-reuse.yaml")
    assert result.exit_code == 0, result.output  # two small aliases are well inside 100
    result = invoke("validate", bomb)
    assert "aliases copy more than 100 values (set SENDREVIEW_MAX_ALIAS_VALUES" in result.stderr
    monkeypatch.setenv("SENDREVIEW_MAX_DEPTH", "3")
    result = invoke("validate", CORPUS / "alias-reuse.yaml")
    assert result.exit_code == 2
    assert "nested more than 3 levels deep (set SENDREVIEW_MAX_DEPTH" in result.stderr
    monkeypatch.setenv("SENDREVIEW_MAX_DEPTH", "100000")
    result = invoke("validate", generated / "deep-nesting-flow.yaml")
    assert result.exit_code == 2
    assert "nested more than 1,000 levels deep, the most YAML can read" in result.stderr
    monkeypatch.delenv("SENDREVIEW_MAX_DEPTH")
    monkeypatch.setenv("SENDREVIEW_MAX_FILE_BYTES", "200")
    result = invoke("validate", CORPUS / "alias-reuse.yaml")
    assert "bytes, over the limit of 200 (set SENDREVIEW_MAX_FILE_BYTES to raise it)" in result.stderr


def test_warning_names_the_place_and_keeps_going(invoke: Invoke) -> None:
    result = invoke("compare", CORPUS / "hashtag-after-value.yaml", "-f", "json")
    assert result.exit_code == 0
    [warning] = result.stderr.splitlines()
    assert warning == (
        f"{CORPUS / 'hashtag-after-value.yaml'}:6:29: warning: YAML reads '#1 for #SEND' as a comment, "
        "so it is left out of the text; put the whole text in quotes to keep it"
    )
    assert json.loads(result.stdout)["proposals"][0]["title"] == "Our top priority"


def test_a_deliberate_comment_is_no_warning(invoke: Invoke) -> None:
    """Comments with a space after the `#`, and `#` inside block text, are taken as meant."""
    files = [GREEN_PAPER, ROOT / "examples" / "improvement-plan-2023.yaml", CORPUS / "block-scalars.yaml"]
    result = invoke("validate", *files)
    assert result.exit_code == 0 and result.stderr == ""


def test_json_keeps_text_exact_but_escaped(invoke: Invoke) -> None:
    """JSON is data: the title as typed, with escape and direction characters written as codes."""
    result = invoke("compare", CORPUS / "zero-width-and-right-to-left.yaml", "-f", "json")
    assert "\\u202eTNEMEERGA\\u202c" in result.stdout
    title = json.loads(result.stdout)["proposals"][0]["title"]
    assert title == "Reversed \u202eTNEMEERGA\u202c and zero\u200bwidth and \u2066isolate\u2069 \ufeff"
    result = invoke("compare", CORPUS / "ansi-escapes-in-text.yaml", "-f", "json")
    assert json.loads(result.stdout)["proposals"][0]["title"].startswith("\x1b[31mRed\x1b[0m \x1b]0;pwned\x07")


def test_ids_are_kept_as_typed(invoke: Invoke) -> None:
    ids = []
    for name in ("id-2.1-and-2.10.yaml", "id-leading-zeros.yaml", "id-number-like.yaml", "id-sexagesimal.yaml"):
        result = invoke("compare", CORPUS / name, "-f", "json")
        ids += [p["id"] for p in json.loads(result.stdout)["proposals"]]
    assert ids == ["2.1", "2.10", "02", "010", "1e3", ".5", "0x1F", "1_000", ".inf", ".NaN", "1:30", "10:30"]


def test_spreadsheet_cells_are_neutralised(invoke: Invoke) -> None:
    result = invoke("compare", CORPUS / "formula-injection.yaml", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["proposal"] == "'=1+1"
    assert rows[0]["proposal_title"] == '\'=HYPERLINK("https://example.org","click")'
    assert rows[0]["chapter"] == "'+SUM(A1:A9)"
    assert [row["note"] for row in rows[:2]] == ["'@cmd|' /C calc'!A0", "'-2+3"]
    # A tab or carriage return first would let the next character start a formula.
    assert (rows[2]["proposal_title"], rows[2]["chapter"]) == ("'=1+2", "'-3")


# --- Hostile templates, each in its own process ------------------------------------------------

# One warmed-up process forks a child per template, all at once; each child renders one template
# under a 2 GB cap on its address space (so no test can take the machine's memory), and the
# parent reports each child's exit code, output, peak memory and processor time as a JSON line.
_RUN_TEMPLATES = """
import json, os, resource, sys, tempfile
import sendreview.render.sandbox as sandbox
from sendreview.cli import app
import sendreview.analysis.compare, sendreview.analysis.statement, sendreview.api  # loaded once, shared

sandbox.MAX_SECONDS = 1.0
document, *templates = sys.argv[1:]
folder = tempfile.mkdtemp()
children = {}
for number, template in enumerate(templates):
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
        for fd, stream in ((1, "out"), (2, "err")):
            os.dup2(os.open(f"{folder}/{number}.{stream}", os.O_WRONLY | os.O_CREAT, 0o600), fd)
        try:
            app(["statement", document, "--org", "Anytown Parent Carer Forum", "--template", template])
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    children[pid] = number
while children:
    pid, status, usage = os.wait4(-1, 0)
    number = children.pop(pid)
    out, err = (open(f"{folder}/{number}.{s}", encoding="utf-8").read() for s in ("out", "err"))
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps([templates[number], code, out, err, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime]))
"""
MAX_RSS_MB = 400


@pytest.fixture(scope="module")
def template_runs() -> dict[str, tuple[int, str, str, float, float]]:
    """Every hostile template rendered side by side, each in a process of its own: name -> (exit code,
    stdout, stderr, peak memory in MB, processor seconds)."""
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("SENDREVIEW_DEBUG", None)
    templates = [str(TEMPLATES / case.name) for case in TEMPLATE_CASES]
    done = subprocess.run(
        [sys.executable, "-c", _RUN_TEMPLATES, str(GREEN_PAPER), *templates],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    runs = {}
    for line in done.stdout.splitlines():
        template, code, out, err, rss_mb, seconds = json.loads(line)
        runs[Path(template).name] = (code, out, err, rss_mb, seconds)
    return runs


@pytest.mark.skipif(sys.platform != "linux", reason="the memory bound is enforced on Linux only")
@pytest.mark.parametrize("case", TEMPLATE_CASES, ids=[c.name for c in TEMPLATE_CASES])
def test_hostile_template(case: Case, template_runs: dict[str, tuple[int, str, str, float, float]]) -> None:
    # Not timed: a busy machine would make a time bound flake. The render limit (1 second here)
    # bounds the work, and the 300-second timeout of `template_runs` catches a hang.
    code, stdout, stderr, rss_mb, _processor_seconds = template_runs[case.name]
    assert code == 2, stderr
    assert stdout == ""
    assert "Traceback" not in stderr and "unexpected error" not in stderr
    [message] = [line for line in stderr.splitlines() if ": warning: " not in line]  # the example's unassessed
    assert message.startswith(f"{TEMPLATES / case.name}:"), message
    assert re.match(r"^.+:\d+:\d+: ", message), message
    found = [fragment in message for fragment in case.fragments]
    assert any(found) if case.any_of else all(found), message
    assert "Private notes" not in stdout + stderr
    assert rss_mb < MAX_RSS_MB, f"the process grew to {rss_mb:.0f} MB"


def test_a_template_cannot_print_escape_sequences(invoke: Invoke, tmp_path: Path) -> None:
    """A template of your own that forgets `| clean` still prints no escape sequence from a file."""
    template = tmp_path / "plain.txt.j2"
    template.write_text(
        "{{ document_title }}|{{ agree[0].title }}|{{ agree[0].responses[0].note }}\n", encoding="utf-8"
    )
    result = invoke(
        "statement", "--org", ORG, CORPUS / "ansi-escapes-in-text.yaml", "--template", template, "-f", "txt"
    )
    assert result.exit_code == 0, result.output
    assert _UNSAFE.search(result.stdout) is None, repr(result.stdout)
    assert result.stdout.startswith("Red   31m  link  |Red")


def test_control_character_is_placed_by_characters_not_bytes(invoke: Invoke, tmp_path: Path) -> None:
    """libyaml counts bytes; the message counts characters, as an editor does."""
    path = tmp_path / "accents.yaml"
    path.write_bytes("document:\n  title: Café, école\x00\n".encode())
    result = invoke("validate", path)
    assert result.stderr == f"{path}:2:21: a control character (U+0000) is here; delete it (YAML allows none)\n"
