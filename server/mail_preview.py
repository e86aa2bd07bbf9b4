"""`kipnet mail preview`: every kind of mail in every language from sample values, for proofreading."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from grants.mails import MAIL_LANGUAGES, ComposedMail, catalogue, compose, portal_link


def previews(
    *, kinds: Sequence[str] | None, languages: Sequence[str] | None, public_url: str
) -> Iterator[tuple[str, str, ComposedMail]]:
    """(kind, language, mail) for the chosen kinds and languages (all when None), in catalogue order."""
    known = catalogue()
    for kind in sorted(kinds or known):
        link = portal_link(kind, public_url=public_url, values=known[kind].sample)
        for language in languages or MAIL_LANGUAGES:
            sample = known[kind].sample_in(language, public_url=public_url)
            yield kind, language, compose(kind, language=language, values=sample, link=link)


def shown(kind: str, mail: ComposedMail, *, html: bool) -> str:
    """One preview as the terminal shows it: a heading naming kind, step and recipients, then the mail."""
    about = catalogue()[kind]
    heading = f"==== {kind} [{mail.language}] to {about.to}; sent by {about.sent_by}"
    return f"{heading}\nSubject: {mail.subject}\n\n{mail.html if html else mail.text}"


def write_previews(
    *, out: Path, kinds: Sequence[str] | None, languages: Sequence[str] | None, public_url: str
) -> list[Path]:
    """Write KIND.LANGUAGE.txt and KIND.LANGUAGE.html (subject on the first line of the text) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for kind, language, mail in previews(kinds=kinds, languages=languages, public_url=public_url):
        text, page = out / f"{kind}.{language}.txt", out / f"{kind}.{language}.html"
        text.write_text(f"Subject: {mail.subject}\n\n{mail.text}", encoding="utf-8")
        page.write_text(mail.html, encoding="utf-8")
        written += [text, page]
    return written
