"""Text columns that clients look records up by (slugs, codes, references, e-mail addresses, sort keys)."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class KeyField(fields.CharField[str]):
    """A CharField a client's text is compared with: a text longer than the column names nothing.

    Tortoise checks max_length on every value it sends, filters included, and raises; a slug of
    700 characters in a lookup would be a server fault instead of "no such organisation". In a
    filter (the model class is passed, not an instance) the long text is compared as it is and
    simply matches no row; writes are still checked.
    """

    # To migrations it is the CharField it is in the database: nothing to migrate.
    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        """As a CharField."""
        _, args, kwargs = super().deconstruct()
        return f"{fields.CharField.__module__}.{fields.CharField.__name__}", args, kwargs

    def describe(self, serializable: bool) -> dict[str, Any]:
        """As a CharField."""
        described = super().describe(serializable)
        described["field_type"] = "CharField" if serializable else fields.CharField
        return described

    def to_db_value(self, value: Any, instance: type[Model] | Model) -> Any:
        if isinstance(instance, type) and isinstance(value, str) and len(value) > self.max_length:
            return value
        return super().to_db_value(value, instance)
