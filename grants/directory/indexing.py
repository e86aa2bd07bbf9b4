"""Derived columns that make the directory searchable: sort names, search text, language tags."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from grants.models import Organisation, Service
from grants.text import search_document, sort_key


def language_tags(codes: Iterable[str]) -> str:
    """ "|de|fr|" for ["de", "fr"]: a column a plain LIKE can filter by one language."""
    unique = sorted(set(codes))
    return f"|{'|'.join(unique)}|" if unique else ""


def _texts(*mappings: Mapping[str, str]) -> list[str]:
    return [text for mapping in mappings for text in mapping.values()]


def organisation_document(organisation: Organisation, services: Iterable[Service]) -> str:
    """Search text of an organisation: names, acronym, locality, descriptions and its services."""
    parts = [organisation.acronym, organisation.slug, organisation.locality]
    parts += _texts(organisation.name, organisation.description)
    for service in services:
        parts += _texts(service.name, service.description)
    return search_document(parts)


def service_document(service: Service, provider: Organisation) -> str:
    """Search text of a service: its texts and its provider's names and acronym."""
    return search_document(
        [*_texts(service.name, service.description), provider.acronym, *_texts(provider.name)]
    )


async def reindex_organisation(organisation: Organisation) -> None:
    """Recompute the derived columns of an organisation and of its services."""
    services = await Service.filter(provider_id=organisation.id).order_by("id")
    organisation.sort_name = sort_key(organisation.name["de"])
    organisation.search_text = organisation_document(organisation, services)
    organisation.language_tags = language_tags(
        [*organisation.languages, *(code for service in services for code in service.languages)]
    )
    await organisation.save(update_fields=["sort_name", "search_text", "language_tags"])
    for service in services:
        service.sort_name = sort_key(service.name["de"])
        service.search_text = service_document(service, organisation)
        service.language_tags = language_tags(service.languages)
        await service.save(update_fields=["sort_name", "search_text", "language_tags"])
