"""Pure validation of directory edits: each problem names the input field at fault."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from grants.errors import ErrorCode, Problem
from grants.languages import normalise_language_codes
from grants.models import OrganisationKind, RelationshipKind
from grants.text import DEFAULT_LANGUAGE, TEXT_LANGUAGES, clean_text

E = TypeVar("E", bound=StrEnum)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CANTON = re.compile(r"^[A-Z]{2}$")
MAX_NAME = 300
MAX_DESCRIPTION = 5000

ORGANISATION_FIELDS = frozenset(
    {
        "slug",
        "kind",
        "acronym",
        "name",
        "description",
        "street",
        "postal_code",
        "locality",
        "canton",
        "phone",
        "email",
        "website",
        "languages",
        "correspondence_language",
        "is_sample",
        "note",
    }
)
#: The same words as an account's language refusal, so the catalogs already translate it.
NOT_A_LETTER_LANGUAGE = "{language!r} is not a portal language: choose de, fr, it or en"
SERVICE_FIELDS = frozenset(
    {"slug", "provider", "funding_area", "name", "description", "languages", "is_sample", "note"}
)
RELATIONSHIP_FIELDS = frozenset({"source", "target", "kind", "since", "description", "is_sample"})
#: What a new service must have, and how its absence is told.
REQUIRED_SERVICE_FIELDS = {"provider": "The provider is required", "name": "The name is required"}
#: Fields marking illustrative records: a flag and a note on what is fact and what is example.
MARKING_FIELDS = frozenset({"is_sample", "note"})
#: Service fields that name another record (by slug or code) rather than hold a value.
SERVICE_REFERENCES = frozenset({"provider", "funding_area"})


def _marking(key: str, value: Any) -> tuple[Any, list[Problem]]:
    if key == "is_sample":
        return bool(value), []
    return _optional_text(value, key, MAX_DESCRIPTION)


def _problem(template: str, *field: str, code: ErrorCode = ErrorCode.INVALID, **params: Any) -> Problem:
    return Problem(code, template, field, **params)


def check_enum(enum: type[E], value: Any, field: str) -> tuple[E | None, list[Problem]]:
    """The enum member named `value`, or a problem listing the allowed names."""
    try:
        return enum(value), []
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        return None, [
            _problem("Unknown value {value!r}; use one of {allowed}", field, value=value, allowed=allowed)
        ]


def check_texts(
    value: Any, field: str, *, required: bool, limit: int
) -> tuple[dict[str, str], list[Problem]]:
    """Multilingual text: known languages only, German present when required, each within `limit`."""
    if value is None:
        return {}, [_problem("German text is required", field, DEFAULT_LANGUAGE)] if required else []
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for language, text in dict(value).items():
        if language not in TEXT_LANGUAGES:
            problems.append(
                _problem(
                    "Texts are held in {choices} only", field, language, choices=", ".join(TEXT_LANGUAGES)
                )
            )
        elif (shown := clean_text(text)) is not None:
            if len(shown) > limit:
                problems.append(_problem("At most {limit} characters", field, language, limit=limit))
            texts[language] = shown
    if required and DEFAULT_LANGUAGE not in texts:
        problems.append(_problem("German text is required", field, DEFAULT_LANGUAGE))
    return texts, problems


def check_slug(value: Any) -> list[Problem]:
    """Problems with a slug: lower-case ASCII words joined by hyphens, at most 80 characters."""
    if not isinstance(value, str) or not SLUG.match(value) or len(value) > 80:
        return [
            _problem('A slug is lower-case letters and digits joined by hyphens, e.g. "verein-xy"', "slug")
        ]
    return []


def _optional_text(value: Any, field: str, limit: int) -> tuple[str | None, list[Problem]]:
    text = clean_text(None if value is None else str(value))
    if text is None:
        return None, []
    return text, [_problem("At most {limit} characters", field, limit=limit)] if len(text) > limit else []


def clean_organisation(values: Mapping[str, Any], *, creating: bool) -> tuple[dict[str, Any], list[Problem]]:
    """Validated organisation fields from `values`; on create, kind and German name are required."""
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    if creating and values.get("kind") is None:
        problems.append(_problem("The kind is required", "kind"))
    for key, value in values.items():
        found: list[Problem] = []
        if key == "slug":
            if value is not None:  # no slug: keep it, or derive it from the German name
                found, clean[key] = check_slug(value), value
        elif key in MARKING_FIELDS:
            clean[key], found = _marking(key, value)
        elif key == "kind":
            if value is not None:
                clean[key], found = check_enum(OrganisationKind, value, "kind")
        elif key == "name":
            clean[key], found = check_texts(value, "name", required=True, limit=MAX_NAME)
        elif key == "description":
            clean[key], found = check_texts(value, "description", required=False, limit=MAX_DESCRIPTION)
        elif key == "languages":
            clean[key], found = normalise_language_codes(value or [], ("languages",))
        elif key == "correspondence_language":
            # letters are written in one of the portal's languages; none given means German
            clean[key] = value or DEFAULT_LANGUAGE
            if clean[key] not in TEXT_LANGUAGES:
                found = [_problem(NOT_A_LETTER_LANGUAGE, key, language=value)]
        elif key == "canton":
            clean[key], found = _optional_text(value, key, 2)
            if clean[key] is not None and not CANTON.match(clean[key]):
                found = [_problem("A canton is its two-letter code, e.g. BL", key)]
        elif key == "email":
            clean[key], found = _optional_text(value, key, 200)
            if clean[key] is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", clean[key]):
                found = [_problem("{email!r} is not an e-mail address", key, email=value)]
        elif key == "website":
            clean[key], found = _optional_text(value, key, 300)
            if clean[key] is not None and not re.match(r"^https?://[^\s/]+\.[^\s]+$", clean[key]):
                found = [_problem("A website is an http:// or https:// address", key)]
        elif key in ORGANISATION_FIELDS:
            clean[key], found = _optional_text(value, key, 200)
        else:
            raise ValueError(f"unknown organisation field {key!r}")
        problems += found
    if creating and "name" not in values:
        problems.append(_problem("German text is required", "name", DEFAULT_LANGUAGE))
    return clean, problems


def clean_service(values: Mapping[str, Any], *, creating: bool) -> tuple[dict[str, Any], list[Problem]]:
    """Validated service fields (provider and funding area stay references for the caller to resolve)."""
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in values.items():
        found: list[Problem] = []
        if key == "slug":
            if value is not None:
                found, clean[key] = check_slug(value), value
        elif key == "name":
            clean[key], found = check_texts(value, "name", required=True, limit=MAX_NAME)
        elif key == "description":
            clean[key], found = check_texts(value, "description", required=False, limit=MAX_DESCRIPTION)
        elif key == "languages":
            clean[key], found = normalise_language_codes(value or [], ("languages",))
        elif key in MARKING_FIELDS:
            clean[key], found = _marking(key, value)
        elif key == "provider" and value is None:
            found = [_problem("The provider is required", "provider")]
        elif key in SERVICE_FIELDS:
            clean[key] = value
        else:
            raise ValueError(f"unknown service field {key!r}")
        problems += found
    if creating:
        for required in REQUIRED_SERVICE_FIELDS:
            if required not in values:
                problems.append(_problem(REQUIRED_SERVICE_FIELDS[required], required))
    return clean, problems


def clean_relationship(
    values: Mapping[str, Any], *, source_id: int | None, target_id: int | None
) -> tuple[dict[str, Any], list[Problem]]:
    """Validated relationship fields; an organisation cannot be related to itself."""
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in values.items():
        found: list[Problem] = []
        if key == "kind":
            clean[key], found = check_enum(RelationshipKind, value, "kind")
        elif key == "description":
            clean[key], found = check_texts(value, "description", required=False, limit=MAX_DESCRIPTION)
        elif key == "is_sample":
            clean[key] = bool(value)
        elif key == "since":
            if value is not None and not isinstance(value, date):
                found = [_problem("A date such as 2018-01-01", "since")]
            clean[key] = value
        elif key not in RELATIONSHIP_FIELDS:
            raise ValueError(f"unknown relationship field {key!r}")
        problems += found
    if source_id is not None and source_id == target_id:
        problems.append(_problem("An organisation cannot have a relationship with itself", "target"))
    return clean, problems
