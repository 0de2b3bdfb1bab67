"""Problems found in a release file, each with where it is and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """Raised when any file has problems: nothing was loaded."""

    def __init__(self, problems: list[Problem], *, more: int = 0) -> None:
        self.problems = problems
        self.more = more
        super().__init__(self.summary())

    def summary(self) -> str:
        files = sorted({p.file for p in self.problems})
        lines = [
            f"Nothing was imported: {len(self.problems) + self.more} problem(s) in "
            f"{', '.join(files)}."
        ]
        lines += [f"  - {p}" for p in self.problems]
        if self.more:
            lines.append(f"  ... and {self.more} more problem(s) of the same kinds.")
        return "\n".join(lines)
