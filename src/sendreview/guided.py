"""Commands that ask a person questions one at a time: `assess` and `profile init`.

They read one answer per line through a `read` function (None at the end of input) and show
everything through a `say` function, so the same code serves a terminal, a script piping answers
in, and the tests. Text from files is cleaned before it is shown.

`assess` writes every answer into the document as soon as it is given, through a round-trip YAML
library (ruamel.yaml, imported only here) so the person's comments, key order, quoting and layout
stay as they were, and atomically (`sendreview.output`), so an interruption at any moment leaves
either the file before the answer or the file after it.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendreview.analysis.suggest import DEFAULT_TOP, Suggestion, matched_words, suggest
from sendreview.api import load_document, load_earlier
from sendreview.checks import check_document
from sendreview.errors import SendReviewError, did_you_mean
from sendreview.files import is_stdin
from sendreview.loading import read_text, validate
from sendreview.models.asks import Catalogue
from sendreview.models.document import REGIONS, Document, Proposal, Stance
from sendreview.models.profile import Profile
from sendreview.models.vocabulary import VocabularyFile
from sendreview.output import write_output
from sendreview.text import clean
from sendreview.yamlparse import Source, parse

Read = Callable[[], "str | None"]
Say = Callable[[str], None]

STANCES: dict[str, Stance] = {"a": "agree", "p": "partly", "d": "disagree"}
CHOICES = "a agree, p partly, d disagree, s skip this ask, n next proposal, q save and quit"


def ranked(
    document: Document,
    catalogue: Catalogue,
    top: int,
    vocabulary: VocabularyFile | None = None,
    earlier: Sequence[tuple[str, Document]] = (),
) -> dict[str, tuple[Suggestion, ...]]:
    """The suggested asks for each unassessed proposal, by id: the one place `assess` asks the ranker."""
    found = suggest(document, catalogue, top=top, vocabulary=vocabulary, earlier=earlier)
    return {p.id: p.suggestions for p in found.proposals}


@contextmanager
def _interrupt_after() -> Iterator[None]:
    """Hold back Ctrl-C while a file is being replaced, and raise it once the file is whole."""
    caught: list[object] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda *_: caught.append(True))
    except ValueError:  # not the main thread: nothing to hold back
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


@dataclass
class Progress:
    """What an `assess` run did, and what is left."""

    answered: int = 0
    proposals: set[str] = field(default_factory=set)
    left: list[str] = field(default_factory=list)
    total: int = 0


_KEY_OPENS = re.compile(r"^( *)[^\s#-][^:#]*:[ \t]*(?:#.*)?$")
_ITEM_STARTS = re.compile(r"^( *)- ")
_KEY_STARTS = re.compile(r"^( *)[^\s#-][^:#]*:")


def _take_tail(node: Any) -> Any:
    """Remove and return the comment lines (not an end-of-line comment) that follow the last value
    inside `node`, from wherever ruamel.yaml keeps them; None if there are none."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.tokens import CommentToken

    holders: list[tuple[Any, Any, int]] = []
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        last = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        holders.append((node, last, 2 if isinstance(node, CommentedMap) else 0))
        node = node[last]
    for holder, key, slot in reversed(holders):
        entry = holder.ca.items.get(key)
        token = entry[slot] if entry and len(entry) > slot else None
        if not isinstance(token, CommentToken) or "\n" not in token.value:
            continue
        head, _, rest = token.value.partition("\n")
        if not rest.strip():
            continue
        entry[slot] = CommentToken(head + "\n", token.start_mark, None) if head.strip() else None
        return CommentToken("\n" + rest, token.start_mark, None)
    return None


def _layout(text: str) -> dict[str, int]:
    """The file's own indentation, for ruamel.yaml to write it back the same: how far a mapping's
    keys sit in from their parent, and where a list's '- ' sits under its key."""
    mapping, offset = 2, 2
    lines = text.splitlines()
    for number, line in enumerate(lines[:-1]):
        if not (opens := _KEY_OPENS.match(line)):
            continue
        below = next((b for b in lines[number + 1 :] if b.strip() and not b.lstrip().startswith("#")), "")
        if item := _ITEM_STARTS.match(below):
            offset = max(0, len(item.group(1)) - len(opens.group(1)))
            break
        if (key := _KEY_STARTS.match(below)) and len(key.group(1)) > len(opens.group(1)):
            mapping = len(key.group(1)) - len(opens.group(1))
    return {"mapping": mapping, "sequence": mapping + offset, "offset": offset}


class _RoundTrip:
    """The document as a round-trip YAML tree, written back after each change."""

    def __init__(self, path: Path, catalogue: Catalogue) -> None:
        from ruamel.yaml import YAML

        self.path = path
        self.name = str(path)
        self.catalogue = catalogue
        self.text = read_text(path, self.name)
        self.yaml = YAML()
        self.yaml.preserve_quotes = True
        self.yaml.width = 4096  # never fold a long line the person wrote on one
        self.yaml.indent(**_layout(self.text))
        self._tree: Any = None

    @property
    def tree(self) -> Any:
        """The round-trip tree, read at the first answer: a run that saves nothing never pays for it."""
        if self._tree is None:
            self._tree = self.yaml.load(self.text)
        return self._tree

    def _proposal(self, index: int) -> Any:
        # By place, not by id: ruamel.yaml reads an unquoted id such as 2.10 as the number 2.1.
        return self.tree["proposals"][index]

    def add_link(self, index: int, proposal_id: str, ask: str, stance: Stance, note: str) -> None:
        """Add one link to a proposal and write the file, unless someone else changed it meanwhile."""
        import io

        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        on_disk = read_text(self.path, self.name)
        if on_disk != self.text:
            raise SendReviewError(
                f"{self.name}: the file changed on disk after assess read it (saved by an editor or another"
                f" program?), so assess will not write over it; this last answer ({proposal_id}: {stance}"
                f" {ask}) is not saved; every earlier one is. Run sendreview assess {self.name} again to carry on"
            )
        node = self._proposal(index)
        link = CommentedMap()
        link["ask"] = ask
        link["stance"] = stance
        if note:
            from ruamel.yaml.scalarstring import DoubleQuotedScalarString

            # Quoted whatever it says: a note reading "yes" or "no: not yet" stays text.
            link["note"] = DoubleQuotedScalarString(note)
        # Comment lines after a proposal's last line belong to ruamel.yaml's last value of it, and
        # would stay above anything added after it: they move below the new link, so a comment
        # written above the next proposal stays there.
        tail = _take_tail(node)
        links = node.get("responds_to")
        if not isinstance(links, list):
            links = CommentedSeq()
            node["responds_to"] = links
        links.append(link)
        if tail is not None:
            from ruamel.yaml.tokens import CommentToken

            link.ca.items[list(link)[-1]] = [None, None, CommentToken(tail.value, tail.start_mark, None), None]
        stream = io.StringIO()
        self.yaml.dump(self.tree, stream)
        text = stream.getvalue()
        self._check(text)
        with _interrupt_after():
            write_output(self.path, text, force=True)
            self.text = text

    def _check(self, text: str) -> None:
        """The file as it will be written must load as a document: never write one that would not."""
        data, problems = parse(text, self.name)
        source = Source(self.name, text)
        problems += check_document(data, source, catalogue=self.catalogue)
        validate(data, Document, source, problems)


def _heading(proposal: Proposal, number: int, total: int) -> list[str]:
    lines = [f"Proposal {clean(proposal.id)} ({number} of {total} without an assessment)"]
    if proposal.chapter:
        lines.append(f"Chapter: {clean(proposal.chapter)}")
    lines.append(f"Title: {clean(proposal.title)}")
    if proposal.summary:
        lines.append(f"Summary: {clean(proposal.summary)}")
    return lines


def _reasons(suggestion: Suggestion | None) -> str:
    if suggestion is None:
        return "asked for with --ask"
    return f"score {suggestion.score:g}: {clean(matched_words(suggestion))}"


def assess(
    path: Path,
    catalogue: Catalogue,
    *,
    read: Read,
    say: Say,
    extra_asks: Sequence[str] = (),
    top: int = DEFAULT_TOP,
    vocabulary: VocabularyFile | None = None,
    learn_from: Sequence[Path] = (),
) -> Progress:
    """Go through the proposals with no assessment, one at a time, asking about each suggested ask
    (and each of `extra_asks`); write each answer into the file as it is given. Suggestions match
    today's words for the asks given `vocabulary`, and learn from the papers in `learn_from`.

    Stops at `q`, at the end of input, or when the proposals run out; a KeyboardInterrupt is let
    through (every answer before it is saved). Returns what was done and what is left."""
    titles = {a.id: a.title for a in catalogue.asks}
    for ask in extra_asks:
        if ask not in titles:
            raise SendReviewError(f"--ask: no ask '{ask}'{did_you_mean(ask, titles)}; `sendreview asks` lists them")
    if is_stdin(path):
        raise SendReviewError("assess writes each answer into the document: give its file, not - (piped input)")
    document = load_document(path, catalogue)
    earlier = load_earlier(learn_from, catalogue, paper=document, paper_path=path) if learn_from else []
    tree = _RoundTrip(path, catalogue)
    places = {id(p): index for index, p in enumerate(document.proposals)}
    unassessed = [p for p in document.proposals if not p.responds_to]
    suggestions = ranked(document, catalogue, top, vocabulary, earlier)
    progress = Progress(total=len(document.proposals), left=[p.id for p in unassessed])
    if not unassessed:
        return progress
    say(f"{len(unassessed)} of {len(document.proposals)} proposals have no assessment yet. For each suggested ask,")
    say(f"type one of: {CHOICES}. Every answer is saved at once.")
    for number, proposal in enumerate(unassessed, start=1):
        offered: list[tuple[str, Suggestion | None]] = [(s.ask, s) for s in suggestions.get(proposal.id, ())]
        offered += [(ask, None) for ask in extra_asks if ask not in {a for a, _ in offered}]
        say("")
        for line in _heading(proposal, number, len(unassessed)):
            say(line)
        if not offered:
            say("No ask is suggested for this proposal; give --ask ID to offer one, or assess it in the file.")
            continue
        for ask, suggestion in offered:
            say(f"  {ask}: {clean(titles.get(ask, ask))} ({_reasons(suggestion)})")
            answer = _choice(read, say)
            if answer is None or answer == "q":
                return progress
            if answer == "n":
                break
            if answer == "s":
                continue
            say("  A note, if you like (an empty line for none):")
            note = " ".join((read() or "").split())
            tree.add_link(places[id(proposal)], proposal.id, ask, STANCES[answer], note)
            progress.answered += 1
            progress.proposals.add(proposal.id)
            if proposal.id in progress.left:
                progress.left.remove(proposal.id)
            say(f"  Saved: {clean(proposal.id)} {STANCES[answer]} {ask}.")
    return progress


def _choice(read: Read, say: Say) -> str | None:
    """One of a, p, d, s, n, q; asked again until it is one of them; None at the end of input."""
    while True:
        say(f"  [{CHOICES}]:")
        line = read()
        if line is None:
            return None
        answer = line.strip().lower()[:1]
        if answer and answer in "apdsnq" and len(line.strip()) <= len("disagree"):
            return answer
        say(f"  '{clean(line.strip())}' is not one of these; type a, p, d, s, n or q.")


def summary(progress: Progress, path_name: str) -> list[str]:
    """What an `assess` run did, what is left and what to run next."""
    name = clean(path_name)
    done = f"Saved {progress.answered} answer{'s' if progress.answered != 1 else ''}"
    done += f" on {len(progress.proposals)} proposal{'s' if len(progress.proposals) != 1 else ''} in {name}."
    if not progress.left:
        return [done, f"Every proposal is assessed. Next: sendreview statement {name}"]
    shown = ", ".join(clean(p) for p in progress.left[:10]) + (", ..." if len(progress.left) > 10 else "")
    return [
        done,
        f"{len(progress.left)} of {progress.total} proposals still have no assessment: {shown}.",
        f"Next: sendreview assess {name} (to carry on), or sendreview statement {name} (a draft that says what is"
        " not yet assessed)",
    ]


# --- profile init -----------------------------------------------------------------------------


_NUMBERED_REGIONS = ", ".join(f"{n} {r}" for n, r in enumerate(REGIONS, start=1))
PROFILE_QUESTIONS = (
    ("name", "Your forum's full name, as statements should give it (e.g. Anytown Parent Carer Forum):"),
    ("short_name", "A short name, if you use one (e.g. Anytown PCF), or an empty line:"),
    ("region", "Your region, by number or name, or an empty line: " + _NUMBERED_REGIONS + ":"),
    ("website", "Your website's address, or an empty line:"),
    ("contact", "How people reach you (an email address, say), or an empty line:"),
    ("asks", "Your forum's own asks files, separated by commas, or an empty line:"),
    ("intro", "A few sentences for 'Who we are' in your statements, on one line, or an empty line:"),
    ("next_steps", "A few sentences for 'What happens next' (what your forum will do), on one line, or an empty line:"),
)


def _region(answer: str) -> str:
    if answer.isdigit() and 1 <= int(answer) <= len(REGIONS):
        return REGIONS[int(answer) - 1]
    for region in REGIONS:
        if region.lower() == answer.lower():
            return region
    raise ValueError(f"'{answer}' is not one of the nine regions{did_you_mean(answer, REGIONS)}")


def ask_profile(read: Read, say: Say, *, again: bool) -> Profile:
    """A forum's profile from answers to PROFILE_QUESTIONS, one line each. A wrong answer is asked
    again when `again` (a person at a terminal); otherwise (a script) it is an error."""
    answers: dict[str, Any] = {}
    for number, (key, question) in enumerate(PROFILE_QUESTIONS, start=1):
        while True:
            say(question)
            line = read()
            if line is None:
                if key == "name":
                    raise SendReviewError("profile init: the input ended before the forum's name was given")
                return Profile(**answers)
            answer = " ".join(line.split())
            try:
                if key == "name" and not answer:
                    raise ValueError("the name is needed: statements say who they are from")
                if key == "region" and answer:
                    answer = _region(answer)
                if key == "asks":
                    answers[key] = tuple(part.strip() for part in answer.split(",") if part.strip())
                elif answer:
                    answers[key] = answer
                break
            except ValueError as error:
                if not again:
                    raise SendReviewError(f"profile init: answer {number} ({key}): {error}") from None
                say(f"{error}.")
    return Profile(**answers)
