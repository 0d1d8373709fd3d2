"""How easy a text is to read: Flesch reading ease, from words, sentences and syllables.

    reading ease = 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words)

60 to 70 is plain English; 70 to 80 "fairly easy", about what a reader of 12 or 13 manages;
80 to 90 "easy", about 11; 90 and over "very easy". It rewards short sentences and short words.

Syllables are counted by rule, not looked up, so a word now and then is off by one:
  1. a number counts one syllable for each digit (so "2022" is 4, as it is said);
  2. a word of three letters or fewer is one syllable;
  3. a final silent "e" is dropped ("make", "place"), but not in "-le" after a consonant
     ("table", "little") or after another vowel ("agree", "free");
  4. a final "-es" is silent unless it follows s, x, z, c, g or h ("makes", but "places",
     "boxes"); a final "-ed" is silent unless it follows t or d or a vowel ("helped", but
     "needed", "agreed");
  5. every run of vowels (a, e, i, o, u, and y after the first letter) is one syllable;
  6. every word has at least one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sendreview.analysis.result import Result

# \u2019 and \u201d are the curly closing quotes, written as escapes so they are not mistaken for straight ones.
_WORD = re.compile("[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")
_SENTENCE_END = re.compile("[.!?]+(?=[\"'\u2019\u201d)\\]]*(?:\\s|$))")
_VOWELS = re.compile(r"[aeiouy]+")


class Readability(Result):
    """How easy a text is to read, with the counts behind the figure."""

    flesch_reading_ease: float
    words: int
    sentences: int
    syllables: int
    words_per_sentence: float
    syllables_per_word: float
    band: str


def syllables(word: str) -> int:
    """The syllables in one word, by the rule in this module's docstring."""
    if word.isdigit():
        return len(word)
    letters = re.sub(r"[^a-z]", "", word.lower())
    if len(letters) <= 3:
        return 1
    silent_es = letters.endswith("es") and letters[-3] not in "sxzcgh"
    silent_ed = letters.endswith("ed") and letters[-3] not in "tdaeiou"
    sounded_le = letters.endswith("le") and letters[-3] not in "aeiouy"
    if silent_es or silent_ed:
        letters = letters[:-2]
    elif letters.endswith("e") and not sounded_le and letters[-2] not in "aeiou":
        letters = letters[:-1]
    groups = _VOWELS.findall(letters[1:]) if letters[0] == "y" else _VOWELS.findall(letters)
    return max(1, len(groups))


def words(text: str) -> list[str]:
    """The words of a text, as Flesch counts them (numbers included, punctuation not)."""
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    """The sentences in a piece of text: one per run of . ! or ? that ends a word, and at least one
    when the text has any words (a heading or a list item without a full stop is one sentence)."""
    if not words(text):
        return 0
    return max(1, len(_SENTENCE_END.findall(text.strip())))


def band(score: float) -> str:
    """Flesch's own words for a score."""
    for floor, name in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English")):
        if score >= floor:
            return name
    return "fairly difficult" if score >= 50 else "difficult"


def measure(pieces: Iterable[str]) -> Readability:
    """Flesch reading ease over pieces of text, each piece holding whole sentences."""
    all_words: list[str] = []
    sentences = 0
    for piece in pieces:
        all_words += words(piece)
        sentences += sentence_count(piece)
    count = len(all_words)
    total = sum(syllables(word) for word in all_words)
    if not count:
        return Readability(
            flesch_reading_ease=0.0,
            words=0,
            sentences=0,
            syllables=0,
            words_per_sentence=0.0,
            syllables_per_word=0.0,
            band="no text",
        )
    per_sentence = count / sentences
    per_word = total / count
    score = 206.835 - 1.015 * per_sentence - 84.6 * per_word
    return Readability(
        flesch_reading_ease=round(score, 1),
        words=count,
        sentences=sentences,
        syllables=total,
        words_per_sentence=round(per_sentence, 1),
        syllables_per_word=round(per_word, 2),
        band=band(score),
    )
