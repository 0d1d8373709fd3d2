"""The personal-data guard: find what could identify a family in a free-text answer, and take it out.

Applied to every piece of survey text before it can reach any output. It finds
  - a child's name after "my son", "my daughter", "my child" (and boy, girl, twins, grandson...),
  - email addresses,
  - UK phone numbers (07700 900123, +44 7700 900123, (020) 7946 0018, 0121-496-0000 ...),
  - UK postcodes (SW1A 1AA, m1 1ae, B338TH),
  - school names listed in the survey map,
and puts a plain marker in their place. It is a guard, not a guarantee: a person reads quotes
before they are published.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_RELATION = r"(?:son|daughter|child|boy|girl|kid|twins?|grandson|granddaughter|grandchild|stepson|stepdaughter)"
# Words that follow "my son" without being a name: never treated as one.
_NOT_NAMES_TEXT = """
    a an and as at but by for from had has he her his i in is it its just now of on or our she so that the then they
    this was were when who will with hasn't isn't wasn't does doesn't did didn't can can't could would should also
    still only never always finally eventually
"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_NAME = re.compile(
    rf"\b([Mm]y|[Oo]ur)(\s+(?:(?:eldest|youngest|oldest|younger|older|little|autistic|disabled)\s+)?{_RELATION}"
    r"(?:'s\s+name\s+is\s+|(?:\s*,)?\s+(?:(?:is\s+)?(?:called|named)\s+|is\s+)?))"
    r"([A-Z][a-zA-Z'\u2019-]+(?:\s+(?:and\s+)?[A-Z][a-zA-Z'\u2019-]+)?)"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)"  # +44, 0044, +44 (0), or a leading 0 (maybe bracketed)
    r"\d{1,4}\)?(?:[\s.-]?\d){6,9}(?!\d)"
)
_POSTCODE = re.compile(r"\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\b")


@dataclass(frozen=True)
class Guard:
    """The guard with a survey's own school names."""

    schools: Sequence[str] = ()

    def redact(self, text: str) -> tuple[str, int]:
        """The text with personal data replaced by markers, and how many were found."""
        found = 0
        for school in sorted({s.strip() for s in self.schools if s.strip()}, key=len, reverse=True):
            text, n = re.subn(re.escape(school), "[school]", text, flags=re.IGNORECASE)
            found += n
        for pattern, marker in ((_EMAIL, "[email]"), (_PHONE, "[phone number]"), (_POSTCODE, "[postcode]")):
            text, n = pattern.subn(marker, text)
            found += n
        names = 0

        def name(match: re.Match[str]) -> str:
            nonlocal names
            if match.group(3).split()[0].lower() in _NOT_NAMES:
                return match.group(0)
            names += 1
            return f"{match.group(1)}{match.group(2)}[name]"

        text = _NAME.sub(name, text)
        return text, found + names
