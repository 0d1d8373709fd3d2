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
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class SendReviewError(Exception):
    """Bad input or usage: carries every problem found, not just the first."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            self.problems: list[Problem] = []
            self.text = problems
        else:
            self.problems = sorted(problems)
            self.text = "\n".join(str(p) for p in self.problems)
        super().__init__(self.text)

    @classmethod
    def joined(cls, errors: Sequence[SendReviewError]) -> SendReviewError:
        """One error carrying several: their problems sorted together when each has places, else their texts."""
        if all(error.problems for error in errors):
            return cls([problem for error in errors for problem in error.problems])
        return cls("\n".join(error.text for error in errors))


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
