"""The applicant's own organisation's directory entry: contact data and description, and its services.

Members of an organisation keep its entry themselves (the API allows them those fields only); the
programme office sees each change in its digest. Staff edit entries on the administration pages.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.account import entry_forms as forms
from web.forms import Problems, ShownProblem
from web.i18n import gettext
from web.labels import N_
from web.page import Page

HOME = "/account/organisation"
DONE = {
    "saved": N_("Your changes were saved."),
    "service-added": N_("The service was added."),
    "service-saved": N_("The service was saved."),
    "service-deleted": N_("The service was removed."),
}


def routes() -> list[BaseRoute]:
    """The pages of the own organisation's entry."""
    return [
        Route(HOME, entry, methods=["GET", "POST"]),
        Route(f"{HOME}/services/new", new_service, methods=["GET", "POST"]),
        Route("/account/services/{id}", edit_service, methods=["GET", "POST"]),
        Route("/account/services/{id}/delete", delete_service, methods=["POST"]),
    ]


def _values(form: FormData) -> dict[str, str]:
    return {key: value for key, value in form.items() if isinstance(value, str) and key != "csrf_token"}


async def member_page(request: Request) -> Page | Response:
    """The page if an applicant with an organisation is signed in; sign in first; 404 for anyone else."""
    page = Page(request)
    viewer = await page.viewer()
    if viewer is None:
        return page.redirect("/sign-in?next=" + quote(request.url.path, safe="/"))
    if viewer.get("role") != "APPLICANT" or not viewer.get("organisation"):
        raise HTTPException(404)
    return page


async def own_organisation(page: Page) -> dict[str, Any]:
    organisation: dict[str, Any] | None = ((await page.run("OwnOrganisation")).data.get("viewer") or {}).get(
        "organisation"
    )
    if organisation is None:
        raise HTTPException(404)
    return organisation


async def entry(request: Request) -> Response:
    """The entry's form, filled; saving replaces the contact data and description with the form's."""
    page = await member_page(request)
    if isinstance(page, Response):
        return page
    organisation = await own_organisation(page)
    if request.method == "GET":
        done = DONE.get(request.query_params.get("done", ""))
        return await page.render(
            "account/organisation.html",
            organisation=organisation,
            values=forms.entry_values(organisation),
            problems=Problems(),
            done=gettext(done) if done else "",
        )
    values = _values(await page.form())
    outcome = await page.run(
        "OwnUpdateOrganisation", {"input": forms.entry_input(values, id=organisation["id"])}
    )
    found = outcome.problems("updateOrganisation")
    if not found:
        return page.redirect(f"{HOME}?done=saved")
    return await page.render(
        "account/organisation.html",
        status=400,
        organisation=organisation,
        values=values,
        problems=Problems.of(found, forms.ENTRY_FIELDS),
        done="",
    )


async def new_service(request: Request) -> Response:
    """Add a service to the own organisation."""
    page = await member_page(request)
    if isinstance(page, Response):
        return page
    organisation = await own_organisation(page)
    context: dict[str, Any] = {"service": None, "provider": organisation}
    if request.method == "GET":
        return await page.render("account/service.html", values={}, problems=Problems(), **context)
    values = _values(await page.form())
    outcome = await page.run(
        "OwnCreateService", {"input": forms.own_service_input(values, provider=organisation["slug"])}
    )
    found = outcome.problems("createService")
    if not found:
        return page.redirect(f"{HOME}?done=service-added")
    problems = Problems.of(found, forms.SERVICE_FIELDS)
    return await page.render("account/service.html", status=400, values=values, problems=problems, **context)


async def _own_service(page: Page, id: str) -> dict[str, Any]:
    """The service `id` of the viewer's own organisation, `provider` set to that organisation; else 404."""
    data = (await page.run("OwnService", {"id": id})).data
    service: dict[str, Any] | None = data.get("node")
    own = (data.get("viewer") or {}).get("organisation")
    if not service or "id" not in service or not own or service["provider"]["slug"] != own["slug"]:
        raise HTTPException(404)
    return {**service, "provider": own}


async def edit_service(request: Request) -> Response:
    """A service's form, filled; saving replaces its names, description and languages with the form's."""
    page = await member_page(request)
    if isinstance(page, Response):
        return page
    service = await _own_service(page, request.path_params["id"])
    context = {"service": service, "provider": service["provider"]}
    if request.method == "GET":
        values = forms.own_service_values(service)
        return await page.render("account/service.html", values=values, problems=Problems(), **context)
    values = _values(await page.form())
    outcome = await page.run("OwnUpdateService", {"input": forms.own_service_input(values, id=service["id"])})
    found = outcome.problems("updateService")
    if not found:
        return page.redirect(f"{HOME}?done=service-saved")
    problems = Problems.of(found, forms.SERVICE_FIELDS)
    return await page.render("account/service.html", status=400, values=values, problems=problems, **context)


async def delete_service(request: Request) -> Response:
    """Remove a service of the own organisation."""
    page = await member_page(request)
    if isinstance(page, Response):
        return page
    await page.form()
    service = await _own_service(page, request.path_params["id"])
    found = (await page.run("OwnDeleteService", {"input": {"id": service["id"]}})).problems("deleteService")
    if not found:
        return page.redirect(f"{HOME}?done=service-deleted")
    return await page.render(
        "account/service.html",
        status=400,
        values=forms.own_service_values(service),
        problems=Problems(tuple(ShownProblem("delete", problem.message) for problem in found)),
        service=service,
        provider=service["provider"],
    )
