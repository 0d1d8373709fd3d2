"""The one error type: problems in a user's input, each with its position."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, at FILE:LINE:COL (1-based)."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # One line, whatever the file holds: a new line quoted from it would forge a message of its own.
        from sendreview.text import visible

        return f"{visible(self.file)}:{self.line}:{self.column}: {visible(self.message)}"


class SendReviewError(Exception):
    """Bad input or usage: carries every problem found, not just the first."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem] | str, *, more: int = 0, at_least: bool = False) -> None:
        """`more` counts problems found but not made into `Problem`s (past the cap); `at_least`
        says the search stopped early, so there may be more still."""
        if isinstance(problems, str):
            self.problems: list[Problem] = []
            self.text = problems
        else:
            self.problems = _capped(sorted(problems), more, at_least)
            self.text = "\n".join(str(p) for p in self.problems)
        super().__init__(self.text)

    @classmethod
    def joined(cls, errors: Sequence[SendReviewError]) -> SendReviewError:
        """One error carrying several: their problems sorted together when each has places, else their texts."""
        if all(error.problems for error in errors):
            return cls([problem for error in errors for problem in error.problems])
        return cls("\n".join(error.text for error in errors))


MAX_PROBLEMS = 1000
"""The most problems reported in one run: a file with more has the same mistake repeated, and
listing a million of them would take minutes and gigabytes."""


def _capped(problems: list[Problem], more: int, at_least: bool) -> list[Problem]:
    """The first MAX_PROBLEMS problems, then one saying how many more there are."""
    more += max(len(problems) - MAX_PROBLEMS, 0)
    if not more and not at_least:
        return problems
    rest = problems[min(MAX_PROBLEMS, len(problems) - 1)]
    if more:
        count = f"{'at least ' if at_least else ''}{more:,} more problem{'s' if more != 1 else ''} after these"
    else:
        count = "there may be more after these"
    message = f"only the first {MAX_PROBLEMS:,} problems are shown; {count}: fix these and run again"
    return [*problems[:MAX_PROBLEMS], Problem(rest.file, rest.line, rest.column, message)]


class SendReviewWarning(UserWarning):
    """Something in an input that is allowed but probably not meant; carries one Problem.

    Its text is the problem's, `FILE:LINE:COL: warning: ...`; the command line prints it and
    keeps going (exit code 0), the Python API shows it through the `warnings` module.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
