"""Who may edit which part of an organisation's directory entry: pure rules, tested with plain values.

Staff (ADMIN) edit everything. An applicant keeps its own organisation's entry: contact data,
description, languages, the language of letters to it, and its services. What classifies the
organisation in the programme (kind, slug, name, acronym, funding areas, sample markings,
retirement) and its relationships stay with the programme office, so an applicant's edit can neither
move its organisation nor rename it.
"""

from __future__ import annotations

from collections.abc import Iterable

from grants.errors import ErrorCode, Problem
from grants.models import Role

#: Organisation fields (the domain's names) an applicant may change on its own organisation.
APPLICANT_ORGANISATION_FIELDS = frozenset(
    {
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
    }
)
#: Service fields an applicant may set on its own organisation's services (provider only on create,
#: and only its own organisation, which `service_problems` checks).
APPLICANT_SERVICE_FIELDS = frozenset({"name", "description", "languages"})

FIELD_NOT_YOURS = "Only the programme office can change this field"
NOT_YOUR_ORGANISATION = "You can only edit your own organisation's entry"


def _refused_fields(fields: Iterable[str], allowed: frozenset[str]) -> list[Problem]:
    return [
        Problem(ErrorCode.FORBIDDEN, FIELD_NOT_YOURS, (field,)) for field in sorted(set(fields) - allowed)
    ]


def is_entry_editor(*, role: Role, actor_organisation_id: int | None, organisation_id: int) -> bool:
    """Whether an account of `role` acting for `actor_organisation_id` keeps `organisation_id`'s entry."""
    return role is Role.ADMIN or (role is Role.APPLICANT and actor_organisation_id == organisation_id)


def organisation_problems(
    *, role: Role, actor_organisation_id: int | None, organisation_id: int, fields: Iterable[str]
) -> list[Problem]:
    """Why this account may not change `fields` of the organisation `organisation_id` (empty: it may)."""
    if role is Role.ADMIN:
        return []
    if not is_entry_editor(
        role=role, actor_organisation_id=actor_organisation_id, organisation_id=organisation_id
    ):
        return [Problem(ErrorCode.FORBIDDEN, NOT_YOUR_ORGANISATION, ("id",))]
    return _refused_fields(fields, APPLICANT_ORGANISATION_FIELDS)


def service_problems(
    *,
    role: Role,
    actor_organisation_id: int | None,
    provider_id: int | None,
    fields: Iterable[str],
    creating: bool,
) -> list[Problem]:
    """Why this account may not create or change (or, with no fields, delete) a service of `provider_id`.

    On create `provider_id` is the organisation named as provider (None: none found, left to the
    validation to tell); an applicant names its own, and the provider field is then allowed.
    """
    if role is Role.ADMIN:
        return []
    if role is not Role.APPLICANT or actor_organisation_id is None:
        return [Problem(ErrorCode.FORBIDDEN, NOT_YOUR_ORGANISATION, ())]
    if provider_id is not None and provider_id != actor_organisation_id:
        return [Problem(ErrorCode.FORBIDDEN, NOT_YOUR_ORGANISATION, ("provider",) if creating else ("id",))]
    allowed = APPLICANT_SERVICE_FIELDS | {"provider"} if creating else APPLICANT_SERVICE_FIELDS
    return _refused_fields(fields, allowed)
