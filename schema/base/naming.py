"""GraphQL names of Python names, each worked out once per process instead of on every resolver call."""

from __future__ import annotations

import functools

from strawberry.schema.name_converter import NameConverter
from strawberry.utils.str_converters import to_camel_case


@functools.cache  # bounded: the keys are the schema's own Python names
def _camel(name: str) -> str:
    return to_camel_case(name)


class CachedNameConverter(NameConverter):
    """Strawberry's names; the camelCase of a name is remembered.

    Strawberry converts each argument's name again whenever a resolver is called (to find its
    value among the GraphQL arguments): a few microseconds per argument, hundreds of times per page.
    """

    def apply_naming_config(self, name: str) -> str:
        """`name` in camelCase when the schema asks for it."""
        return _camel(name) if self.auto_camel_case else name
