"""Who may edit which part of an organisation's directory entry: the pure rules with plain values."""

from __future__ import annotations

from grants.directory.entry_rules import (
    FIELD_NOT_YOURS,
    NOT_YOUR_ORGANISATION,
    is_entry_editor,
    organisation_problems,
    service_problems,
)
from grants.errors import ErrorCode, Problem
from grants.models import Role


def forbidden(template: str, *field: str) -> Problem:
    return Problem(ErrorCode.FORBIDDEN, template, field)


def test_an_admin_edits_every_field_of_every_organisation():
    assert (
        organisation_problems(
            role=Role.ADMIN, actor_organisation_id=None, organisation_id=7, fields=["kind", "slug", "retired"]
        )
        == []
    )


def test_an_applicant_edits_contact_data_and_description_of_its_own_organisation():
    fields = ["description", "street", "postal_code", "locality", "canton", "phone", "email", "website"]
    assert (
        organisation_problems(
            role=Role.APPLICANT,
            actor_organisation_id=7,
            organisation_id=7,
            fields=[*fields, "languages", "correspondence_language"],
        )
        == []
    )


def test_an_applicant_is_refused_each_programme_field_by_its_path():
    # when
    problems = organisation_problems(
        role=Role.APPLICANT,
        actor_organisation_id=7,
        organisation_id=7,
        fields=["phone", "slug", "kind", "name", "retired", "is_sample"],
    )
    # then: one problem per refused field, in a stable order; the allowed one is not named
    assert problems == [
        forbidden(FIELD_NOT_YOURS, "is_sample"),
        forbidden(FIELD_NOT_YOURS, "kind"),
        forbidden(FIELD_NOT_YOURS, "name"),
        forbidden(FIELD_NOT_YOURS, "retired"),
        forbidden(FIELD_NOT_YOURS, "slug"),
    ]


def test_an_applicant_may_not_touch_another_organisation():
    assert organisation_problems(
        role=Role.APPLICANT, actor_organisation_id=7, organisation_id=8, fields=["phone"]
    ) == [forbidden(NOT_YOUR_ORGANISATION, "id")]


def test_staff_other_than_admins_keep_no_entry():
    assert not is_entry_editor(role=Role.REVIEWER, actor_organisation_id=None, organisation_id=8)
    assert not is_entry_editor(role=Role.APPLICANT, actor_organisation_id=None, organisation_id=8)
    assert is_entry_editor(role=Role.APPLICANT, actor_organisation_id=8, organisation_id=8)
    assert organisation_problems(
        role=Role.APPROVER, actor_organisation_id=None, organisation_id=8, fields=["phone"]
    ) == [forbidden(NOT_YOUR_ORGANISATION, "id")]


def test_an_applicant_adds_a_service_to_its_own_organisation_only():
    own = service_problems(
        role=Role.APPLICANT,
        actor_organisation_id=7,
        provider_id=7,
        fields=["provider", "name", "description", "languages"],
        creating=True,
    )
    foreign = service_problems(
        role=Role.APPLICANT,
        actor_organisation_id=7,
        provider_id=8,
        fields=["provider", "name"],
        creating=True,
    )
    assert own == []
    assert foreign == [forbidden(NOT_YOUR_ORGANISATION, "provider")]


def test_an_applicant_changes_its_services_but_not_their_provider_slug_or_funding_area():
    problems = service_problems(
        role=Role.APPLICANT,
        actor_organisation_id=7,
        provider_id=7,
        fields=["name", "provider", "slug", "funding_area"],
        creating=False,
    )
    assert problems == [
        forbidden(FIELD_NOT_YOURS, "funding_area"),
        forbidden(FIELD_NOT_YOURS, "provider"),
        forbidden(FIELD_NOT_YOURS, "slug"),
    ]


def test_an_applicant_may_not_change_or_delete_another_organisations_service():
    assert service_problems(
        role=Role.APPLICANT, actor_organisation_id=7, provider_id=8, fields=[], creating=False
    ) == [forbidden(NOT_YOUR_ORGANISATION, "id")]


def test_an_applicant_without_organisation_and_a_reviewer_edit_no_service():
    for role, organisation in ((Role.APPLICANT, None), (Role.REVIEWER, None)):
        assert service_problems(
            role=role, actor_organisation_id=organisation, provider_id=7, fields=["name"], creating=False
        ) == [forbidden(NOT_YOUR_ORGANISATION)]
