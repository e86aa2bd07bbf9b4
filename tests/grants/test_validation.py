"""Pure validation of directory edits, without a database."""

from datetime import date

from grants.directory.validation import clean_organisation, clean_relationship, clean_service
from grants.errors import ErrorCode, Problem
from grants.models import OrganisationKind, RelationshipKind


def test_a_complete_organisation_is_cleaned():
    clean, problems = clean_organisation(
        {
            "kind": "NGO",
            "name": {"de": " Verein ", "fr": "", "en": None},
            "languages": ["DE", "de", "Ti"],
            "canton": "BL",
        },
        creating=True,
    )
    assert problems == []
    assert clean == {
        "kind": OrganisationKind.NGO,
        "name": {"de": "Verein"},
        "languages": ["de", "ti"],
        "canton": "BL",
    }


def test_creating_needs_a_kind_and_a_german_name():
    _, problems = clean_organisation({"name": {"it": "Associazione"}}, creating=True)
    assert problems == [
        Problem(ErrorCode.INVALID, "The kind is required", ("kind",)),
        Problem(ErrorCode.INVALID, "German text is required", ("name", "de")),
    ]


def test_texts_in_unknown_languages_and_bad_contacts_are_named():
    _, problems = clean_organisation(
        {"description": {"de": "x", "rm": "y"}, "website": "ftp://x", "slug": "Not A Slug"}, creating=False
    )
    assert [(p.field, p.message) for p in problems] == [
        (("description", "rm"), "Texts are held in de, fr, it, en only"),
        (("website",), "A website is an http:// or https:// address"),
        (("slug",), 'A slug is lower-case letters and digits joined by hyphens, e.g. "verein-xy"'),
    ]


def test_a_service_needs_a_provider_and_a_name_on_creation():
    _, problems = clean_service({"languages": ["de"]}, creating=True)
    assert [p.field for p in problems] == [("provider",), ("name",)]


def test_relationships_refuse_self_loops_and_keep_their_date():
    clean, problems = clean_relationship(
        {"kind": "FUNDS", "since": date(2014, 1, 1)}, source_id=3, target_id=3
    )
    assert clean == {"kind": RelationshipKind.FUNDS, "since": date(2014, 1, 1)}
    assert problems == [
        Problem(ErrorCode.INVALID, "An organisation cannot have a relationship with itself", ("target",))
    ]
