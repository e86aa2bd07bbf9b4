"""The directory: the organisations with search and filters, and one organisation's page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from web.forms import Problems
from web.page import Page
from web.public import forms, network
from web.public.words import kind_label, relationship_phrase


@dataclass(slots=True)
class Neighbour:
    """Another organisation this one is related to, with what each relationship says."""

    slug: str
    name: str
    phrases: list[str] = field(default_factory=list)


def language_names(language: str, codes: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """(code, name) of languages, named in the page's language."""
    names = Locale.parse(language).languages
    return [(code, names.get(code, code)) for code in codes]


def neighbours(slug: str, relationships: list[dict[str, Any]]) -> list[Neighbour]:
    """The organisations at the other end of `slug`'s relationships, once each, in order of first mention."""
    found: dict[str, Neighbour] = {}
    for relationship in relationships:
        outgoing = relationship["source"]["slug"] == slug
        other = relationship["target"] if outgoing else relationship["source"]
        neighbour = found.setdefault(other["slug"], Neighbour(other["slug"], other["name"]))
        neighbour.phrases.append(relationship_phrase(relationship["kind"], outgoing))
    return list(found.values())


async def directory(request: Request) -> Response:
    """The organisations matching the visitor's search, a page at a time."""
    page = Page(request)
    values = forms.directory_values(request.query_params)
    outcome = await page.run(
        "DirectoryPage", forms.directory_variables(values, request.query_params.get("after"))
    )
    areas = sorted(
        {a["code"]: a["name"] for a in outcome.data["fundingAreas"]}.items(), key=lambda item: item[1]
    )
    if values["area"] not in dict(areas):
        values["area"] = ""
    return await page.render(
        "public/directory.html",
        values=values,
        problems=Problems(),
        found=outcome.data["organisations"],
        kinds=[(kind, kind_label(kind)) for kind in forms.KINDS],
        spoken=language_names(page.language, forms.LANGUAGES),
        areas=areas,
        kind_label=kind_label,
    )


async def organisation(request: Request) -> Response:
    """An organisation: its record, services, relationships and a picture of its partner network."""
    page = Page(request)
    slug = request.path_params["slug"]
    variables = {"slug": slug, "after": request.query_params.get("after") or None}
    found = (await page.run("OrganisationPage", variables)).data["organisation"]
    if found is None:
        raise HTTPException(404)
    relationships = [edge["node"] for edge in found["relationships"]["edges"]]
    others = neighbours(slug, relationships)
    drawn = network.layout([other.slug for other in others])
    return await page.render(
        "public/organisation.html",
        organisation=found,
        kind=kind_label(found["kind"]),
        spoken=dict(language_names(page.language, found["languages"])),
        service_languages=lambda codes: ", ".join(name for _, name in language_names(page.language, codes)),
        relationships=[
            (edge, relationship_phrase(edge["kind"], edge["source"]["slug"] == slug))
            for edge in relationships
        ],
        picture=list(zip(others, drawn.placed, strict=True)),
        drawn=drawn,
        # with more than one ring the lines' labels would cover each other; the table has them
        edge_labels=len(others) <= network.FIRST_CAPACITY,
        more=found["relationships"]["pageInfo"],
    )


#: The logo is shown on every page: browsers may keep it for an hour; it must never be sniffed as HTML.
LOGO_HEADERS = {"cache-control": "public, max-age=3600", "x-content-type-options": "nosniff"}


async def logo(request: Request) -> Response:
    """An organisation's logo as an SVG image (the API only keeps logos of shapes and text)."""
    page = Page(request)
    found = (await page.run("OrganisationLogo", {"slug": request.path_params["slug"]})).data["organisation"]
    if not found or not found["logoSvg"]:
        raise HTTPException(404)
    return Response(found["logoSvg"], media_type="image/svg+xml", headers=LOGO_HEADERS)
