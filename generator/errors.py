"""Problems found in the user's input, and the one exception that carries them.

Every stage reports into a `Diagnostics` collector instead of raising on the first
problem, so a user sees everything wrong with their files in one run. A stage that
cannot go on calls `Diagnostics.raise_if_errors()`, which raises `LitReviewError`
holding every problem collected so far.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from generator.codes import Code


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    # Worth knowing, not a fault of the project: listed by `check`, logged by MkDocs at
    # INFO, and never fatal, even with --strict (TeX debris a source left in a text).
    NOTE = "note"


@dataclass(frozen=True, order=True)
class Location:
    """Where something came from: a file (as the user would name it) and a 1-based line."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Problem:
    """One problem: a stable `code` callers decide by, a message people read, where it
    is, and the names it is about (`subject`: a paper key, a topic slug, a field)."""

    severity: Severity
    code: Code
    message: str
    location: Location | None = None
    subject: str | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity.value}: {self.message}"

    def as_json(self) -> dict[str, object]:
        loc = self.location
        return {
            "severity": self.severity.value,
            "code": self.code.value,
            "message": self.message,
            "subject": self.subject,
            "path": loc.path if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
        }


class LitReviewError(Exception):
    """Raised when the input cannot be turned into a site. Carries every problem found."""

    @classmethod
    def single(cls, code: Code, message: str, location: Location | None = None) -> LitReviewError:
        return cls([Problem(Severity.ERROR, code, message, location)])

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(summary_line(self.problems))
        return "\n".join(lines)


def summary_line(problems: list[Problem]) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    notes = sum(p.severity is Severity.NOTE for p in problems)
    line = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    return line + (f", {notes} note{'s' * (notes != 1)}" if notes else "")


@dataclass
class Diagnostics:
    """Collects problems from every stage; `strict` turns warnings into errors at the end."""

    problems: list[Problem] = field(default_factory=list)

    def error(
        self, code: Code, message: str, location: Location | None = None, subject: str | None = None
    ) -> None:
        self.problems.append(Problem(Severity.ERROR, code, message, location, subject))

    def warning(
        self, code: Code, message: str, location: Location | None = None, subject: str | None = None
    ) -> None:
        self.problems.append(Problem(Severity.WARNING, code, message, location, subject))

    def note(
        self, code: Code, message: str, location: Location | None = None, subject: str | None = None
    ) -> None:
        self.problems.append(Problem(Severity.NOTE, code, message, location, subject))

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.NOTE]

    def with_code(self, code: Code) -> list[Problem]:
        return [p for p in self.problems if p.code is code]

    def extend(self, other: Diagnostics) -> None:
        self.problems.extend(other.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def raise_if_errors(self, strict: bool = False) -> None:
        if self.errors or (strict and self.warnings):
            raise LitReviewError(list(self.problems))


class UsageError(LitReviewError):
    """The command named a paper or topic that does not resolve (exit code 2)."""

    def __init__(self, message: str, code: Code = Code.USAGE) -> None:
        super().__init__([Problem(Severity.ERROR, code, message)])
