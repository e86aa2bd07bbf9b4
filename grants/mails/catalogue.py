"""The catalogue of mail kinds: each kind's texts per language, who gets it, which step sends it.

A kind lives in one module of `grants.mails.kinds` that lists it in its `MAILS`; the catalogue finds
every such module by itself, so adding a kind (or a group of kinds) is a one-file change.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from string import Formatter

from grants.mails import kinds

#: The languages every kind is written in; German is the source and the fallback.
MAIL_LANGUAGES: tuple[str, ...] = ("de", "fr", "it", "en")
SOURCE_LANGUAGE = "de"


@dataclass(frozen=True, slots=True)
class Template:
    """One kind's words in one language: `{placeholders}` name the values filled in."""

    subject: str
    body: str
    #: The words of the link to the portal page, e.g. "Ihr Gesuch im Portal".
    action: str


@dataclass(frozen=True, slots=True)
class MailKind:
    """A kind of mail: its texts by language and what the note and preview say about it."""

    kind: str
    #: Which step sends it (for docs/mails.md and the preview).
    sent_by: str
    #: Who receives it.
    to: str
    #: The portal page it links to, as a path with `{placeholders}` (e.g. /applications/{reference}).
    link: str
    templates: Mapping[str, Template]
    #: Values that render the kind's texts, for the preview and the tests (see `sample_in`).
    sample: Mapping[str, str]
    #: Sample values that depend on the language and the portal address, given those two
    #: (a digest's pre-rendered list of edits, with links to the entries).
    localised_sample: Callable[[str, str], Mapping[str, str]] | None = None

    def template(self, language: str) -> Template:
        """The kind's words in `language`, German when it is not one of the mail languages."""
        return self.templates.get(language) or self.templates[SOURCE_LANGUAGE]

    def sample_in(self, language: str, *, public_url: str) -> Mapping[str, str]:
        """Values that render every text of the kind in `language`, links leading to `public_url`."""
        own = self.localised_sample(language, public_url) if self.localised_sample else {}
        return {**self.sample, **own}

    def placeholders(self) -> frozenset[str]:
        """Every value name the kind's texts use, in any language."""
        names: set[str] = set()
        for template in self.templates.values():
            for text in (template.subject, template.body, template.action):
                names.update(field for _, field, _, _ in Formatter().parse(text) if field)
        return frozenset(names)


@cache
def catalogue() -> Mapping[str, MailKind]:
    """Every kind of mail by name, gathered from the modules of `grants.mails.kinds`."""
    found: dict[str, MailKind] = {}
    for module_info in sorted(pkgutil.iter_modules(kinds.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{kinds.__name__}.{module_info.name}")
        for mail in getattr(module, "MAILS", ()):
            if mail.kind in found:
                raise ValueError(f"The mail kind {mail.kind} is defined twice")
            if set(mail.templates) != set(MAIL_LANGUAGES):
                raise ValueError(f"The mail kind {mail.kind} needs texts in {', '.join(MAIL_LANGUAGES)}")
            found[mail.kind] = mail
    return found


def mail_kind(kind: str) -> MailKind:
    """The kind called `kind`; a KeyError names it when there is none."""
    try:
        return catalogue()[kind]
    except KeyError:
        raise KeyError(f"No mail kind {kind!r}; known: {', '.join(sorted(catalogue()))}") from None
