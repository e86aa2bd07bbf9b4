"""Mails in the recipient's language (de, fr, it, en; German fallback), as plain text and HTML.

`compose(kind, language=…, values=…, link=…)` renders a kind of the catalogue; `catalogue()` lists
the kinds (one module of `grants.mails.kinds` each group); docs/mails.md says which step sends which.
"""

from __future__ import annotations

from grants.mails.catalogue import MAIL_LANGUAGES, MailKind, Template, catalogue, mail_kind
from grants.mails.compose import ComposedMail, compose, mail_language, portal_link

__all__ = [
    "MAIL_LANGUAGES",
    "ComposedMail",
    "MailKind",
    "Template",
    "catalogue",
    "compose",
    "mail_kind",
    "mail_language",
    "portal_link",
]
