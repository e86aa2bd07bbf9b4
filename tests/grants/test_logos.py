"""Logos are SVG documents of shapes and text only: what the check lets through and what it refuses."""

from __future__ import annotations

import pytest

from grants.directory.logos import MAX_LOGO_LENGTH, logo_problems

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">{}</svg>'
SHAPES = '<title>Office</title><g fill="#c8102e"><rect x="1" y="1" width="38" height="38" rx="6"/></g>'


def test_shapes_text_and_presentation_attributes_pass() -> None:
    # given a logo of a group, a rectangle, a path and a text
    logo = SVG.format(SHAPES + '<path d="M12 9h5v22h-5z"/><text x="20" y="30" font-size="8">BL</text>')
    # then nothing is wrong with it
    assert logo_problems(logo) == []


@pytest.mark.parametrize(
    ("inner", "problem"),
    [
        ("<script>alert(1)</script>", "holds the element {http://www.w3.org/2000/svg}script"),
        ('<rect width="1" height="1" onload="alert(1)"/>', "holds the attribute onload on rect"),
        ('<rect width="1" height="1" style="fill:red"/>', "holds the attribute style on rect"),
        ("<style>rect{fill:red}</style>", "holds the element {http://www.w3.org/2000/svg}style"),
        ('<a href="https://example.org"><rect width="1" height="1"/></a>', "holds the element {http://www.w3.org/2000/svg}a"),
        ("<foreignObject><p>x</p></foreignObject>", "holds the element {http://www.w3.org/2000/svg}foreignObject"),
        ('<rect width="1" height="1" fill="url(https://example.org/x.svg#p)"/>', "refers outside the document in fill on rect"),
        ('<image width="1" height="1"/>', "holds the element {http://www.w3.org/2000/svg}image"),
    ],
)  # fmt: skip
def test_anything_that_could_run_load_or_style_is_refused(inner: str, problem: str) -> None:
    # given a logo with something active or external in it, then the check names it
    assert problem in logo_problems(SVG.format(inner))


def test_declarations_other_roots_broken_xml_and_huge_files_are_refused() -> None:
    # given documents that are not small plain SVG, then each is refused for its reason
    assert logo_problems('<!DOCTYPE svg [<!ENTITY a "x">]>' + SVG.format("")) == [
        "holds a document type or entity declaration"
    ]
    assert logo_problems("<html><body/></html>") == [
        "is not an SVG document (its root must be <svg> in the SVG namespace)"
    ]
    assert logo_problems("<svg")[0].startswith("is not well-formed XML")
    assert logo_problems(SVG.format(" " * MAX_LOGO_LENGTH)) == [f"longer than {MAX_LOGO_LENGTH} characters"]
