"""Refusals speak the client's language: Accept-Language, or `lang` on the message; English otherwise."""

from __future__ import annotations

import pytest

from grants.models import Role
from tests import factories
from tests.schema.graphql import ok, run

CREATE = """
mutation ($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { errors { field code message forced: message(lang: "it") } }
}
"""
BLANK_NAME = {"input": {"kind": "NGO", "name": {"fr": "Sans allemand"}, "website": "x" * 10_001}}


@pytest.mark.parametrize(
    ("languages", "name_message", "length_message"),
    [
        ((), "German text is required", "At most 10,000 characters"),
        (("de",), "Der deutsche Text ist erforderlich", "Höchstens 10’000 Zeichen"),
        (("fr", "de"), "Le texte en allemand est obligatoire", "Au maximum 10\u202f000 caractères"),
        (("it",), "Il testo in tedesco è obbligatorio", "Al massimo 10’000 caratteri"),
        (("en", "de"), "German text is required", "At most 10,000 characters"),
    ],
)
async def test_user_errors_follow_the_request_language_with_numbers_as_it_writes_them(
    db, languages, name_message, length_message
):
    # given: an administrator whose client prefers `languages`
    admin = await factories.user(Role.ADMIN)
    # when: an organisation without German name is created (the gate refuses the long website first)
    too_long = await ok(CREATE, BLANK_NAME, actor=admin, languages=languages)
    no_german = await ok(
        CREATE, {"input": BLANK_NAME["input"] | {"website": None}}, actor=admin, languages=languages
    )
    # then: each message in the request's language, `lang` overriding it
    assert too_long["createOrganisation"]["errors"] == [
        {
            "field": ["input", "website"],
            "code": "INVALID",
            "message": length_message,
            "forced": "Al massimo 10’000 caratteri",
        }
    ]
    assert no_german["createOrganisation"]["errors"] == [
        {
            "field": ["input", "name", "de"],
            "code": "INVALID",
            "message": name_message,
            "forced": "Il testo in tedesco è obbligatorio",
        }
    ]


async def test_query_errors_follow_the_request_language(db):
    _, errors = await run("{ organisations(first: 101) { totalCount } }", languages=("fr",))
    assert [(e["message"], e["extensions"]["code"]) for e in errors] == [
        ("`first` doit être compris entre 0 et 100 (valeur reçue\u00a0: 101)", "INVALID")
    ]
    _, errors = await run("mutation { logoutEverywhere { revokedCount } }", languages=("de",))
    assert errors == [] or errors[0]["message"] != "You must be logged in to do this"
