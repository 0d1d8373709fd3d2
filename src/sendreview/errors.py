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
        self.more, self.at_least = more, at_least
        if isinstance(problems, str):
            self.listed: list[Problem] = []
            self.problems: list[Problem] = []
            self.text = problems
        else:
            ordered = sorted(problems)
            self.listed = ordered[:MAX_PROBLEMS]
            self.more += len(ordered) - len(self.listed)
            self.problems = [*self.listed, *self._more_line(ordered)]
            self.text = "\n".join(str(p) for p in self.problems)
        super().__init__(self.text)

    def _more_line(self, ordered: list[Problem]) -> list[Problem]:
        """After the first MAX_PROBLEMS problems, one saying how many more there are."""
        if not ordered or not (self.more or self.at_least):
            return []
        if self.more:
            plural = "s" if self.more != 1 else ""
            count = f"{'at least ' if self.at_least else ''}{self.more:,} more problem{plural} after these"
        else:
            count = "there may be more after these"
        after = ordered[min(MAX_PROBLEMS, len(ordered) - 1)]
        message = f"only the first {MAX_PROBLEMS:,} problems are shown; {count}: fix these and run again"
        return [Problem(after.file, after.line, after.column, message)]

    @classmethod
    def joined(cls, errors: Sequence[SendReviewError]) -> SendReviewError:
        """One error carrying several: their problems sorted together when each has places, else their texts."""
        if all(error.problems for error in errors):
            return cls(
                [problem for error in errors for problem in error.listed],
                more=sum(error.more for error in errors),
                at_least=any(error.at_least for error in errors),
            )
        return cls("\n".join(error.text for error in errors))


MAX_PROBLEMS = 1000
"""The most problems reported in one run: a file with more has the same mistake repeated, and
listing a million of them would take minutes and gigabytes."""


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
