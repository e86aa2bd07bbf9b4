"""Form <-> mutation input, and the refusals' field paths <-> the form's fields.

A form names its fields after the input's paths joined by dots (`input.budgetLines.2.amount` is
field `budgetLines.2.amount`); a refusal whose path names no field of the form is shown in the
error summary only, linking to the form itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from web.execute import FieldProblem

#: The leading path segment the API puts before an input's fields.
INPUT_ROOTS = ("input",)


def field_name(path: Sequence[str]) -> str:
    """The form field a refusal's path names (`["input", "title"]` -> `title`)."""
    parts = list(path)
    if parts and parts[0] in INPUT_ROOTS:
        parts = parts[1:]
    return ".".join(parts)


def field_id(name: str) -> str:
    """The HTML id of a field (dots are not welcome in CSS selectors or fragment links)."""
    return "f-" + (name.replace(".", "-") or "form")


@dataclass(frozen=True, slots=True)
class ShownProblem:
    """A refusal as the page shows it: the field it belongs to (or '' for the form) and its message."""

    field: str
    message: str

    @property
    def anchor(self) -> str:
        """The id the error summary links to."""
        return field_id(self.field)


@dataclass(frozen=True, slots=True)
class Problems:
    """The refusals of one form submission, by field."""

    shown: tuple[ShownProblem, ...] = ()

    @classmethod
    def of(cls, problems: Iterable[FieldProblem], fields: Iterable[str]) -> Problems:
        """Attach each problem to its field if the form has it, else to the form as a whole."""
        known = set(fields)
        shown = []
        for problem in problems:
            name = field_name(problem.path)
            while name and name not in known:
                name = name.rpartition(".")[0]
            shown.append(ShownProblem(name, problem.message))
        return cls(tuple(shown))

    def __bool__(self) -> bool:
        return bool(self.shown)

    def of_field(self, name: str) -> list[str]:
        """The messages for one field."""
        return [problem.message for problem in self.shown if problem.field == name]


def text(form: object, name: str) -> str:
    """A posted text field, stripped; '' when missing."""
    value = form.get(name) if hasattr(form, "get") else None
    return value.strip() if isinstance(value, str) else ""


def optional(form: object, name: str) -> str | None:
    """A posted text field, or None when empty (the API's 'not given')."""
    return text(form, name) or None
