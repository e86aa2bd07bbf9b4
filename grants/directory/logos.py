"""Organisations' logos: small SVG documents that hold only shapes and text, and setting one.

A logo is served as an image by the portal under its own origin, so it must not be able to run
anything there: the check allows a short list of drawing elements and presentation attributes and
refuses scripts, styles, event handlers, links, foreign content and document type declarations.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from grants import audit
from grants.atomic import atomic
from grants.models import Organisation

#: Larger than any simple logo needs; a bigger file is refused rather than served on every page.
MAX_LOGO_LENGTH = 20_000
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "title",
        "desc",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
    }
)
ATTRIBUTES = frozenset(
    {
        "viewBox", "width", "height", "version", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx",
        "ry",
        "d", "points", "transform", "fill", "fill-rule", "fill-opacity", "stroke", "stroke-width",
        "stroke-linecap", "stroke-linejoin", "stroke-opacity", "opacity", "font-family", "font-size",
        "font-weight", "text-anchor", "dominant-baseline", "id", "role", "aria-label", "focusable",
        "preserveAspectRatio",
    }
)  # fmt: skip
#: Paint and other values may not reach out of the document (url(…) to another file, javascript:).
UNSAFE_VALUE = re.compile(r"url\s*\(\s*['\"]?\s*[^#'\"\s]|javascript:|data:", re.IGNORECASE)


def logo_problems(svg: str) -> list[str]:
    """What makes `svg` unfit to be a logo; empty if it holds only allowed elements and attributes."""
    if len(svg) > MAX_LOGO_LENGTH:
        return [f"longer than {MAX_LOGO_LENGTH} characters"]
    # entity declarations could expand without limit; a logo needs none
    if re.search(r"<!(DOCTYPE|ENTITY)", svg, re.IGNORECASE):
        return ["holds a document type or entity declaration"]
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        return [f"is not well-formed XML: {error}"]
    if root.tag != SVG_NAMESPACE + "svg":
        return ["is not an SVG document (its root must be <svg> in the SVG namespace)"]
    problems: list[str] = []
    for element in root.iter():
        name = element.tag.removeprefix(SVG_NAMESPACE)
        if name not in ELEMENTS:
            problems.append(f"holds the element {element.tag}")
        for attribute, value in element.attrib.items():
            if attribute not in ATTRIBUTES:
                problems.append(f"holds the attribute {attribute} on {name}")
            elif UNSAFE_VALUE.search(value):
                problems.append(f"refers outside the document in {attribute} on {name}")
    return problems


async def assign_logo(*, slug: str, svg: str) -> bool:
    """Give organisation `slug` this logo if it has none yet (a logo someone set is kept; audited).

    Returns whether the logo was set now; an unfit logo raises ValueError naming its problems.
    """
    problems = logo_problems(svg)
    if problems:
        raise ValueError(f"logo of {slug}: " + "; ".join(problems))
    async with atomic():
        organisation = await Organisation.filter(slug=slug).select_for_update().first()
        if organisation is None or organisation.logo_svg is not None:
            return False
        organisation.logo_svg = svg
        await organisation.save(update_fields=["logo_svg"])
        await audit.record(
            actor=None,
            action="organisation.logo",
            entity_type="Organisation",
            entity_id=organisation.id,
            changes={"slug": slug, "length": len(svg)},
        )
    return True
