"""The portal's messages read from its source, and the catalogs kept in step with them.

`python -m tests.web_catalogs` adds every new message of web/ to web/locales/<lang>/<area>.po
with an empty translation (to be filled in) and drops messages no longer used; the test
tests/web/test_catalogs.py fails while any message lacks a translation.
`python -m tests.web_catalogs --fill FILE.json` first writes translations given as
{"English message": {"de": "…", "fr": "…", "it": "…"}} (a plural as "singular\n||\nplural").
A message belongs to the area of the file it is written in: web/<area>/… or
web/templates/<area>/…; the frame, the components and web/*.py belong to `portal`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
LOCALES = WEB / "locales"
LANGUAGES = ("de", "fr", "it")
METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "false"}}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def area_of(relative: str) -> str:
    """The catalog a message of this file (relative to web/) belongs to."""
    parts = Path(relative).parts
    if parts[0] == "templates":
        parts = parts[1:]
    return parts[0] if len(parts) > 1 and parts[0] != "components" else "portal"


def messages() -> dict[str, dict[str | tuple[str, str], list[str]]]:
    """area -> message id (text, or (singular, plural)) -> where it is written."""
    found: dict[str, dict[str | tuple[str, str], list[str]]] = defaultdict(dict)
    for filename, lineno, message, _comments, _context in extract_from_dir(
        WEB, METHODS, OPTIONS, keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True
    ):
        if isinstance(message, tuple):
            message = (message[0], message[1])
        if not message:
            continue
        found[area_of(filename)].setdefault(message, []).append(f"web/{filename}:{lineno}")
    return found


def catalog_path(language: str, area: str) -> Path:
    """Where one area's catalog of one language lives."""
    return LOCALES / language / f"{area}.po"


def read_catalog(path: Path, language: str) -> Catalog:
    """A catalog from disk, or a new empty one."""
    if not path.exists():
        return Catalog(locale=language, project="kipnet portal", fuzzy=False)
    with path.open("rb") as file:
        return read_po(file, locale=language)


def update() -> list[str]:
    """Bring every catalog in step with the source; the messages still to translate."""
    missing = []
    found = messages()
    for language in LANGUAGES:
        areas = set(found) | {p.stem for p in (LOCALES / language).glob("*.po")}
        for area in sorted(areas):
            path = catalog_path(language, area)
            old = read_catalog(path, language)
            new = Catalog(locale=language, project="kipnet portal", fuzzy=False)
            for message_id, places in sorted(found.get(area, {}).items(), key=lambda item: str(item[0])):
                previous = old.get(message_id[0] if isinstance(message_id, tuple) else message_id)
                string = (
                    previous.string
                    if previous is not None
                    else ("", "")
                    if isinstance(message_id, tuple)
                    else ""
                )
                new.add(
                    message_id,
                    string,
                    locations=[(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p in places],
                )
                if not (all(string) if isinstance(string, tuple) else string):
                    missing.append(f"{language}/{area}: {message_id}")
            path.parent.mkdir(parents=True, exist_ok=True)
            if not len(new):
                path.unlink(missing_ok=True)
                continue
            with path.open("wb") as file:
                write_po(file, new, width=100, omit_header=True, sort_output=True, include_lineno=False)
    return missing


def fill(translations: dict[str, dict[str, str]]) -> int:
    """Write translations ({message: {language: text}}) into every catalog holding the message."""
    written = 0
    for language in LANGUAGES:
        for path in sorted((LOCALES / language).glob("*.po")):
            catalog = read_catalog(path, language)
            changed = False
            for entry in catalog:
                key = str(entry.id[0] if isinstance(entry.id, tuple | list) else entry.id)
                given = translations.get(key, {}).get(language)
                if entry.id and given:
                    entry.string = tuple(given.split("\n||\n")) if isinstance(entry.id, tuple) else given
                    written += 1
                    changed = True
            if changed:
                with path.open("wb") as file:
                    write_po(
                        file, catalog, width=100, omit_header=True, sort_output=True, include_lineno=False
                    )
    return written


if __name__ == "__main__":
    import json
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--fill":
        print(f"{fill(json.loads(Path(sys.argv[2]).read_text(encoding='utf-8')))} translations written")
    still = update()
    print(f"{len(still)} messages to translate" + "".join(f"\n  {m}" for m in still))
