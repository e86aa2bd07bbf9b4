"""Rendering one mail: the kind's words in the recipient's language, framed, as plain text and HTML."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from itertools import groupby
from string import Formatter
from urllib.parse import quote, urlsplit

from grants.mails.catalogue import MAIL_LANGUAGES, SOURCE_LANGUAGE, mail_kind
from grants.mails.layout import FRAMES


@dataclass(frozen=True, slots=True)
class ComposedMail:
    """A mail ready for the outbox: subject, plain text, HTML, and the language it is written in."""

    subject: str
    text: str
    html: str
    language: str


def mail_language(preferred: str | None) -> str:
    """The language to write in: the person's own when mails speak it, German otherwise."""
    return preferred if preferred in MAIL_LANGUAGES else SOURCE_LANGUAGE


def portal_link(kind: str, *, public_url: str, values: Mapping[str, str]) -> str:
    """The absolute address of the portal page the mail `kind` is about."""
    path = _fill(mail_kind(kind).link, values, lambda value: quote(value, safe=""))
    return public_url.rstrip("/") + path


def _fill(text: str, values: Mapping[str, str], clean: Callable[[str], str]) -> str:
    """`text` with its `{names}` replaced by `values`, each passed through `clean`."""
    parts: list[str] = []
    for literal, name, _, _ in Formatter().parse(text):
        parts.append(literal)
        if name:
            parts.append(clean(values[name]))
    return "".join(parts)


def _fill_html(text: str, values: Mapping[str, str]) -> str:
    parts: list[str] = []
    for literal, name, _, _ in Formatter().parse(text):
        parts.append(escape(literal, quote=False))
        if name:
            parts.append(escape(values[name], quote=False))
    return "".join(parts)


def _paragraphs(html_text: str) -> list[str]:
    """Escaped text as HTML blocks: a blank line parts paragraphs, lines opening with "- " make a list."""
    html: list[str] = []
    for block in html_text.split("\n\n"):
        if not block.strip():
            continue
        # A list of variable length (a digest's edits) arrives pre-rendered as lines opening with "- ".
        for is_item, run in groupby(block.strip("\n").split("\n"), key=lambda line: line.startswith("- ")):
            lines = list(run)
            if is_item:
                html.append("<ul>\n" + "\n".join(f"<li>{line[2:]}</li>" for line in lines) + "\n</ul>")
            else:
                html.append("<p>" + "<br>\n".join(lines) + "</p>")
    return html


def _link_portal(html_text: str, link: str) -> str:
    """Escaped text with every address on the mail's own portal (the origin of `link`) made a link."""
    portal = urlsplit(link)
    # Only the portal's own addresses (a digest's entries) become links; any other stays plain text,
    # and so does a host that merely starts like the portal's (the address must end or go on with /).
    own = re.compile(re.escape(f"{portal.scheme}://{portal.netloc}") + r"""(?:/[^\s<>"']*)?(?![^\s<>"'])""")
    return own.sub(lambda found: f'<a href="{found[0]}">{found[0]}</a>', html_text)


def compose(kind: str, *, language: str, values: Mapping[str, str], link: str) -> ComposedMail:
    """The mail `kind` in `language` (German if not a mail language) with `values` and the portal `link`."""
    mail = mail_kind(kind)
    # Text typed into a web form ends its lines in CRLF; a mail's own lines end in LF.
    values = {name: value.replace("\r\n", "\n").replace("\r", "\n") for name, value in values.items()}
    missing = mail.placeholders() - values.keys()
    if missing:
        raise ValueError(f"The mail {kind} needs values for {', '.join(sorted(missing))}")
    if not link.startswith(("https://", "http://")):
        raise ValueError(f"A mail links to an absolute http(s) address, not {link!r}")
    language = mail_language(language)
    words, frame = mail.template(language), FRAMES[language]
    note = (values.get("message") or "").strip()
    # A note staff wrote is quoted under the frame's heading unless the kind's own text quotes it.
    quote_note = bool(note) and "message" not in {n for _, n, _, _ in Formatter().parse(words.body)}
    subject = " ".join(_fill(words.subject, values, str).split())
    action = _fill(words.action, values, str)
    text_parts = [frame.greeting, _fill(words.body, values, str).strip()]
    html_parts = [
        f"<p>{escape(frame.greeting, quote=False)}</p>",
        *_paragraphs(_link_portal(_fill_html(words.body, values).strip(), link)),
    ]
    if quote_note:
        text_parts.append(f"{frame.note}\n{note}")
        html_parts += [f"<p>{escape(frame.note, quote=False)}</p>", *_paragraphs(escape(note, quote=False))]
    text_parts += [f"{action}{frame.colon}\n{link}", f"{frame.closing}\n{frame.sender}"]
    html_parts += [
        f'<p><a href="{escape(link, quote=True)}">{escape(action, quote=False)}</a></p>',
        f"<p>{escape(frame.closing, quote=False)}<br>\n{escape(frame.sender, quote=False)}</p>",
    ]
    html = (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(subject)}</title>\n</head>\n<body>\n"
        + "\n".join(html_parts)
        + "\n</body>\n</html>\n"
    )
    return ComposedMail(subject=subject, text="\n\n".join(text_parts) + "\n", html=html, language=language)
