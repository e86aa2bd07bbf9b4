"""The shared form and tag macros (components/*.html) in a real browser, refused and filled in:
axe-core finds nothing on them in German and French, and the Visitor's helpers that journeys use
(fill, choose, tick, field errors, error summary, tables) work on exactly what the macros render."""

from __future__ import annotations

import pytest

from tests.web.conftest import OpenVisitor
from web import i18n
from web.app import templates
from web.forms import Problems, ShownProblem

pytestmark = pytest.mark.asyncio(loop_scope="session")

#: Every form macro once, refused, in a page of the portal's own styles (no frame: it needs a request).
SPECIMEN = """{% from "components/forms.html" import error_summary, input, textarea, select, checkboxes, button %}
{% from "components/tags.html" import status_tag %}
<!doctype html>
<html lang="{{ language }}">
<head><meta charset="utf-8"><title>{{ _("There is a problem") }}</title>
<link rel="stylesheet" href="/assets/kipnet.css"></head>
<body><main id="main">
{{ error_summary(problems) }}
<h1 class="heading-l">Specimen</h1>
<form method="post" action="/sign-in" novalidate>
  {{ input("title", "Specimen title", "Deutschkurs", problems, hint="Max. 200") }}
  {{ textarea("summary", "Specimen summary", "", problems) }}
  {{ select("phase", "Specimen phase", [("", "–"), ("KIP2", "KIP 2"), ("KIP3", "KIP 3")], "", problems) }}
  {{ checkboxes("topics", "Specimen topics", [("LANGUAGE", "Language"), ("WORK", "Work")], [], problems) }}
  {{ button(_("Sign in")) }}
</form>
<table class="table"><caption class="table__caption">Applications</caption>
  <thead><tr><th scope="col">Title</th><th scope="col">Status</th></tr></thead>
  <tbody><tr><td>Deutschkurs</td><td>{{ status_tag("SUBMITTED") }}</td></tr></tbody>
</table>
</main></body></html>"""
PROBLEMS = Problems(
    (
        ShownProblem("summary", "Enter a summary"),
        ShownProblem("phase", "Choose a phase"),
        ShownProblem("topics", "Choose at least one topic"),
    )
)


def specimen(language: str) -> str:
    """The specimen page rendered in `language` with the shared macros."""
    token = i18n.current_language.set(language)
    try:
        return templates().env.from_string(SPECIMEN).render(language=language, problems=PROBLEMS)
    finally:
        i18n.current_language.reset(token)


@pytest.mark.parametrize("language", ["de", "fr"])
async def test_the_refused_form_macros_pass_axe_and_drive_by_label(
    open_visitor: OpenVisitor, language: str
) -> None:
    # given the form macros refused, on the portal's origin (so its styles load)
    visitor = await open_visitor(language)
    await visitor.open("/sign-in")
    await visitor.page.set_content(specimen(language))
    # when axe-core and the journeys' helpers look at them
    await visitor.arrived()
    problems = await visitor.problems()
    errors = [
        await visitor.field_errors(label)
        for label in ("Specimen summary", "Specimen phase", "Specimen topics", "Specimen title")
    ]
    await visitor.fill("Specimen summary", "Kurse für Eltern")
    await visitor.choose("Specimen phase", "KIP 3")
    await visitor.tick("Specimen topics", "Work")
    rows = await visitor.table("Applications")
    # then the errors are found from the summary and from each field, the fields take input
    assert problems == ["Enter a summary", "Choose a phase", "Choose at least one topic"]
    assert errors == [["Enter a summary"], ["Choose a phase"], ["Choose at least one topic"], []]
    assert await visitor.page.get_by_label("Specimen summary").input_value() == "Kurse für Eltern"
    assert await visitor.page.get_by_label("Specimen phase").input_value() == "KIP3"
    assert await visitor.page.get_by_label("Work").is_checked()
    assert rows == [["Title", "Status"], ["Deutschkurs", i18n.translations(language).gettext("Submitted")]]
