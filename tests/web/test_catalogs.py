"""Every word of the portal is translated into German, French and Italian, with the same placeholders."""

from __future__ import annotations

import re

from tests.web_catalogs import LANGUAGES, catalog_path, messages, read_catalog

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_every_message_has_a_translation_in_every_language() -> None:
    # given the messages written in web/ (templates and Python)
    found = messages()
    assert sum(len(ids) for ids in found.values()) > 40
    missing = []
    # when each is looked up in its area's catalog of each language
    for language in LANGUAGES:
        for area, ids in found.items():
            catalog = read_catalog(catalog_path(language, area), language)
            for message_id in ids:
                key = message_id[0] if isinstance(message_id, tuple) else message_id
                entry = catalog.get(key)
                strings = entry.string if entry is not None else ""
                texts = strings if isinstance(strings, tuple) else (strings,)
                if entry is None or entry.fuzzy or not all(texts):
                    missing.append(f"{language}/{area}.po: {key!r}")
    # then none is missing (python -m tests.web_catalogs adds new ones to fill in)
    assert missing == []


def test_translations_keep_the_placeholders_of_their_message() -> None:
    # given every translated entry
    broken = []
    for language in LANGUAGES:
        for area in messages():
            for entry in read_catalog(catalog_path(language, area), language):
                if not entry.id:
                    continue
                ids = [str(i) for i in (entry.id if isinstance(entry.id, tuple | list) else [entry.id])]
                texts = [
                    str(t)
                    for t in (entry.string if isinstance(entry.string, tuple | list) else [entry.string])
                ]
                wanted = set(PLACEHOLDER.findall(ids[-1]))
                # then each translation names exactly the placeholders its message names
                broken += [
                    f"{language}/{area}: {entry.id!r}" for t in texts if set(PLACEHOLDER.findall(t)) != wanted
                ]
    assert broken == []
