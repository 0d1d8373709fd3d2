"""Cutting text into the words sendreview compares, in one place for every analysis.

Two ways, for two jobs:

- `title_words`, for telling whether two proposals are the same one (`diff`'s matching, and
  `suggest`'s learning): lower case, the small words of TITLE_STOPWORDS left out, a plural "s"
  dropped. Deliberately plain, so a reader can check a match by eye.
- `tokens`, for telling which ask a text is about (`suggest`): lower case, the common words of
  STOPWORDS left out, British "-ise" read as "-ize", each word cut to its Snowball stem, "co-" and
  "multi-" words kept whole, "£2.6bn" read as billion; each token keeps its place in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

TITLE_STOPWORDS = frozenset(
    {"a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "of", "on", "or"}
    | {"our", "the", "their", "this", "to", "with"}
)
_TITLE_WORD = re.compile(r"[\w£]+")

STOPWORDS = frozenset(
    """
    a about above after again all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each either etc few for from further
    had has have having he her here hers him his how i if in into is it its itself just least less let
    may me might more most much must my no nor not now of off on once only or other our ours out over
    own per same shall she should so some such than that the their theirs them then there these they
    this those through thus to too under until up upon us very via was we were what when where whether
    which while who whom whose why will with within without would yet you your
    send sen
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
BOILERPLATE = frozenset(
    """
    area areas across care child children education families family government health including local
    make national need needs new paper parent parents people plan plans planning provision school schools
    review reviews service services set support system systems time use young
    """.split()  # noqa: SIM905
)

_WORD = re.compile(r"(?:co|multi|non|inter|cross)-[a-z]+|[a-z0-9]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_AMOUNT = re.compile(r"\d+(bn|m)")  # £2.6bn reads as 2.6 billion, £70m as 70 million
_BRITISH_ISE = re.compile(r"^(\w{3,}?)is(e|es|ed|ing|ation|ations)$")


def title_words(title: str) -> frozenset[str]:
    """The words of a title that matching counts: lower case, no small words, no plural s."""
    words = (w for w in _TITLE_WORD.findall(title.lower()) if w not in TITLE_STOPWORDS)
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def title_similarity(a: str, b: str) -> float:
    """How alike two titles are, 0 to 1: the Dice coefficient of their word sets."""
    return dice(title_words(a), title_words(b), a, b)


def dice(x: frozenset[str], y: frozenset[str], a: str, b: str) -> float:
    if not x and not y:
        return 1.0 if " ".join(a.lower().split()) == " ".join(b.lower().split()) else 0.0
    return round(2 * len(x & y) / (len(x) + len(y)), 2)


@dataclass(frozen=True)
class Token:
    """A word of a text: its stem, where it stands in the text, and whether it is boilerplate."""

    stem: str
    start: int
    end: int
    boilerplate: bool = False


_stem_cache: dict[str, str] = {}
_stem_word: list[Callable[[str], str]] = []


def stem(word: str) -> str:
    """The Snowball English stem of a lower-case word, British -ise read as -ize."""
    if (found := _stem_cache.get(word)) is None:
        if not _stem_word:
            # Imported on first use: commands that never suggest do not pay for it. PyStemmer is the
            # Snowball project's own C build: the same stems as the pure-Python snowballstemmer, but it
            # loads in under a millisecond where that one loads 36 languages (about 15 ms).
            from Stemmer import Stemmer  # type: ignore[import-not-found]  # ships no type hints

            _stem_word.append(Stemmer("english").stemWord)
        found = _stem_cache[word] = _stem_word[0](_BRITISH_ISE.sub(r"\1iz\2", word))
    return found


def tokens(text: str) -> list[Token]:
    """The text's meaningful words, stemmed, each with its place in the text."""
    lowered = text.lower().translate(_APOSTROPHES)  # same length, so places still hold
    found = []
    for match in _WORD.finditer(lowered):
        word = match.group().replace("-", "")
        if word in STOPWORDS or (len(word) == 1 and word.isalpha()):
            continue
        if amount := _AMOUNT.fullmatch(word):
            word = "billion" if amount.group(1) == "bn" else "million"
        found.append(Token(stem(word), match.start(), match.end(), word in BOILERPLATE))
    return found
