"""The admin pages for the directory's organisations: list, add, change, retire or take back, delete."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.admin import directory
from web.admin import organisation_forms as forms
from web.admin.access import admin_page
from web.execute import FieldProblem
from web.forms import Problems, ShownProblem
from web.i18n import gettext
from web.labels import N_
from web.page import Page

PAGE_SIZE = 50
DONE = {
    "created": N_("The organisation was added."),
    "saved": N_("Your changes were saved."),
    "retired": N_("The organisation was retired: it left the directory's lists and keeps its history."),
    "restored": N_("The organisation takes part again."),
    "deleted": N_("The organisation was deleted."),
    "service-added": N_("The service was added."),
    "service-saved": N_("The service was saved."),
    "service-deleted": N_("The service was removed."),
    "relationship-added": N_("The relationship was added."),
    "relationship-saved": N_("The relationship was saved."),
    "relationship-deleted": N_("The relationship was removed."),
}


def routes() -> list[BaseRoute]:
    """The organisation pages."""
    return [
        Route("/admin/organisations", organisations, methods=["GET"]),
        Route("/admin/organisations/new", new_organisation, methods=["GET", "POST"]),
        Route("/admin/organisations/{slug}", edit_organisation, methods=["GET", "POST"]),
        Route("/admin/organisations/{slug}/retire", retire, methods=["POST"]),
        Route("/admin/organisations/{slug}/delete", delete, methods=["POST"]),
    ]


def kind_options() -> list[tuple[str, str]]:
    """The kinds as the select offers them, in the page's language."""
    return [(kind, gettext(label)) for kind, label in forms.KINDS.items()]


async def organisations(request: Request) -> Response:
    """Every organisation, retired ones too, searched and paged."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    search = " ".join(request.query_params.get("search", "").split())[:200]
    variables = {
        "search": search or None,
        "first": PAGE_SIZE,
        "after": request.query_params.get("after") or None,
    }
    found = (await page.run("AdminOrganisations", variables)).data["organisations"]
    # The API answers null for a list it refuses (a cursor not of this list): an empty page, 400.
    refused = found is None
    done = DONE.get(request.query_params.get("done", ""))
    return await page.render(
        "admin/organisations.html",
        status=400 if refused else 200,
        refused=refused,
        organisations=found or {"totalCount": 0, "edges": [], "pageInfo": None},
        search=search,
        kinds=dict(kind_options()),
        problems=Problems(),
        done=gettext(done) if done else "",
    )


async def _form_page(
    page: Page,
    *,
    organisation: dict[str, Any] | None,
    values: dict[str, str],
    problems: Problems,
    status: int = 200,
    done: str = "",
) -> Response:
    """The organisation form (new when `organisation` is None), with its values, problems and banner."""
    return await page.render(
        "admin/organisation_form.html",
        relationship_kinds=dict(directory.kind_options()),
        status=status,
        organisation=organisation,
        values=values,
        problems=problems,
        kinds=kind_options(),
        done=done,
    )


async def new_organisation(request: Request) -> Response:
    """Add an organisation: kind, names, description, contact, address and languages."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    if request.method == "GET":
        return await _form_page(page, organisation=None, values={"kind": "NGO"}, problems=Problems())
    values = _values(await page.form())
    outcome = await page.run("AdminCreateOrganisation", {"input": forms.organisation_input(values)})
    found = outcome.problems("createOrganisation")
    if not found:
        slug = outcome.payload("createOrganisation")["organisation"]["slug"]
        return page.redirect(f"/admin/organisations/{quote(slug)}?done=created")
    return await _form_page(
        page, organisation=None, values=values, problems=Problems.of(found, forms.FIELDS), status=400
    )


def _values(form: Any) -> dict[str, str]:
    return {key: value for key, value in form.items() if isinstance(value, str) and key != "csrf_token"}


async def _organisation(page: Page, slug: str) -> dict[str, Any]:
    organisation: dict[str, Any] | None = (await page.run("AdminOrganisation", {"slug": slug})).data.get(
        "organisation"
    )
    if organisation is None:
        raise HTTPException(404)
    return organisation


async def edit_organisation(request: Request) -> Response:
    """An organisation's form, filled; saving replaces the record with what the form holds."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    organisation = await _organisation(page, request.path_params["slug"])
    if request.method == "GET":
        done = DONE.get(request.query_params.get("done", ""))
        return await _form_page(
            page,
            organisation=organisation,
            values=forms.organisation_values(organisation),
            problems=Problems(),
            done=gettext(done) if done else "",
        )
    values = _values(await page.form())
    input = forms.organisation_input(values, id=organisation["id"])
    outcome = await page.run("AdminUpdateOrganisation", {"input": input})
    found = outcome.problems("updateOrganisation")
    if not found:
        slug = outcome.payload("updateOrganisation")["organisation"]["slug"]
        return page.redirect(f"/admin/organisations/{quote(slug)}?done=saved")
    return await _form_page(
        page, organisation=organisation, values=values, problems=Problems.of(found, forms.FIELDS), status=400
    )


async def _refused(
    page: Page, organisation: dict[str, Any], scope: str, found: list[FieldProblem]
) -> Response:
    """The organisation's page with a refusal of a form without fields, linked to that form."""
    return await _form_page(
        page,
        organisation=organisation,
        values=forms.organisation_values(organisation),
        problems=Problems(tuple(ShownProblem(scope, problem.message) for problem in found)),
        status=400,
    )


async def retire(request: Request) -> Response:
    """Retire an organisation (it leaves the lists, keeps its history), or take a retired one back."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    form = await page.form()
    organisation = await _organisation(page, request.path_params["slug"])
    retired = form.get("retired") == "true"
    outcome = await page.run(
        "AdminUpdateOrganisation", {"input": {"id": organisation["id"], "retired": retired}}
    )
    found = outcome.problems("updateOrganisation")
    if found:
        return await _refused(page, organisation, "retire", found)
    done = "retired" if retired else "restored"
    return page.redirect(f"/admin/organisations/{quote(organisation['slug'])}?done={done}")


async def delete(request: Request) -> Response:
    """Delete an organisation nothing refers to; the API refuses one with history (retire it instead)."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    await page.form()
    organisation = await _organisation(page, request.path_params["slug"])
    outcome = await page.run("AdminDeleteOrganisation", {"input": {"id": organisation["id"]}})
    found = outcome.problems("deleteOrganisation")
    if found:
        return await _refused(page, organisation, "delete", found)
    return page.redirect("/admin/organisations?done=deleted")
