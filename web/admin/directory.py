"""The admin pages for the directory's services and relationships: add, change, remove.

Both are reached from their organisation's admin page; a service or relationship has its own page
(by its global ID) with its form and a form to remove it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.admin import directory_forms as forms
from web.admin.access import admin_page
from web.execute import FieldProblem
from web.forms import Problems, ShownProblem
from web.i18n import gettext
from web.page import Page


def routes() -> list[BaseRoute]:
    """The service and relationship pages."""
    return [
        Route("/admin/organisations/{slug}/services/new", new_service, methods=["GET", "POST"]),
        Route("/admin/services/{id}", edit_service, methods=["GET", "POST"]),
        Route("/admin/services/{id}/delete", delete_service, methods=["POST"]),
        Route("/admin/organisations/{slug}/relationships/new", new_relationship, methods=["GET", "POST"]),
        Route("/admin/relationships/{id}", edit_relationship, methods=["GET", "POST"]),
        Route("/admin/relationships/{id}/delete", delete_relationship, methods=["POST"]),
    ]


def _values(form: FormData) -> dict[str, str]:
    return {key: value for key, value in form.items() if isinstance(value, str) and key != "csrf_token"}


def _back(slug: str, done: str) -> str:
    return f"/admin/organisations/{quote(slug)}?done={done}"


def _at(scope: str, found: list[FieldProblem]) -> Problems:
    """Refusals of a form without fields (removing), linked to that form."""
    return Problems(tuple(ShownProblem(scope, problem.message) for problem in found))


def kind_options() -> list[tuple[str, str]]:
    """The relationship kinds as the select offers them, in the page's language."""
    return [(kind, gettext(label)) for kind, label in forms.RELATIONSHIP_KINDS.items()]


async def new_service(request: Request) -> Response:
    """Add a service to an organisation."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    data = (await page.run("AdminNewService", {"slug": request.path_params["slug"]})).data
    provider = data.get("organisation")
    if provider is None:
        raise HTTPException(404)
    context = {"service": None, "provider": provider, "areas": data["fundingAreas"]}
    if request.method == "GET":
        return await page.render("admin/service.html", values={}, problems=Problems(), **context)
    values = _values(await page.form())
    outcome = await page.run(
        "AdminCreateService", {"input": forms.service_input(values, provider=provider["slug"])}
    )
    found = outcome.problems("createService")
    if not found:
        return page.redirect(_back(provider["slug"], "service-added"))
    problems = Problems.of(found, forms.SERVICE_FIELDS)
    return await page.render("admin/service.html", status=400, values=values, problems=problems, **context)


async def _node(page: Page, operation: str, id: str) -> dict[str, Any]:
    data = (await page.run(operation, {"id": id})).data
    node: dict[str, Any] | None = data.get("node")
    if not node or "id" not in node:  # another type's ID answers an empty fragment
        raise HTTPException(404)
    return {**node, "_data": data}


async def edit_service(request: Request) -> Response:
    """A service's form, filled; saving replaces its fields with the form's."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    service = await _node(page, "AdminService", request.path_params["id"])
    context = {"service": service, "provider": service["provider"], "areas": service["_data"]["fundingAreas"]}
    if request.method == "GET":
        values = forms.service_values(service)
        return await page.render("admin/service.html", values=values, problems=Problems(), **context)
    values = _values(await page.form())
    outcome = await page.run("AdminUpdateService", {"input": forms.service_input(values, id=service["id"])})
    found = outcome.problems("updateService")
    if not found:
        return page.redirect(_back(service["provider"]["slug"], "service-saved"))
    problems = Problems.of(found, forms.SERVICE_FIELDS)
    return await page.render("admin/service.html", status=400, values=values, problems=problems, **context)


async def delete_service(request: Request) -> Response:
    """Remove a service."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    await page.form()
    service = await _node(page, "AdminService", request.path_params["id"])
    found = (await page.run("AdminDeleteService", {"input": {"id": service["id"]}})).problems("deleteService")
    if not found:
        return page.redirect(_back(service["provider"]["slug"], "service-deleted"))
    context = {"service": service, "provider": service["provider"], "areas": service["_data"]["fundingAreas"]}
    return await page.render(
        "admin/service.html",
        status=400,
        values=forms.service_values(service),
        problems=_at("delete", found),
        **context,
    )


async def new_relationship(request: Request) -> Response:
    """Relate the organisation (the source) to another one (the target, by its slug)."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    source = (await page.run("AdminNewService", {"slug": request.path_params["slug"]})).data.get(
        "organisation"
    )
    if source is None:
        raise HTTPException(404)
    context = {"relationship": None, "source": source, "kinds": kind_options()}
    if request.method == "GET":
        return await page.render("admin/relationship.html", values={}, problems=Problems(), **context)
    values = _values(await page.form())
    input, found = forms.relationship_input(values, source=source["slug"])
    if not found:
        found = (await page.run("AdminCreateRelationship", {"input": input})).problems("createRelationship")
        if not found:
            return page.redirect(_back(source["slug"], "relationship-added"))
    problems = Problems.of(found, forms.RELATIONSHIP_FIELDS)
    return await page.render(
        "admin/relationship.html", status=400, values=values, problems=problems, **context
    )


async def edit_relationship(request: Request) -> Response:
    """A relationship's kind, start and description; its ends stay (remove it and add another)."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    relationship = await _node(page, "AdminRelationship", request.path_params["id"])
    context = {"relationship": relationship, "source": relationship["source"], "kinds": kind_options()}
    if request.method == "GET":
        values = forms.relationship_values(relationship)
        return await page.render("admin/relationship.html", values=values, problems=Problems(), **context)
    values = _values(await page.form())
    input, found = forms.relationship_input(values, id=relationship["id"])
    if not found:
        found = (await page.run("AdminUpdateRelationship", {"input": input})).problems("updateRelationship")
        if not found:
            return page.redirect(_back(relationship["source"]["slug"], "relationship-saved"))
    problems = Problems.of(found, forms.RELATIONSHIP_FIELDS)
    return await page.render(
        "admin/relationship.html", status=400, values=values, problems=problems, **context
    )


async def delete_relationship(request: Request) -> Response:
    """Remove a relationship."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    await page.form()
    relationship = await _node(page, "AdminRelationship", request.path_params["id"])
    outcome = await page.run("AdminDeleteRelationship", {"input": {"id": relationship["id"]}})
    found = outcome.problems("deleteRelationship")
    if not found:
        return page.redirect(_back(relationship["source"]["slug"], "relationship-deleted"))
    context = {"relationship": relationship, "source": relationship["source"], "kinds": kind_options()}
    values = forms.relationship_values(relationship)
    return await page.render(
        "admin/relationship.html", status=400, values=values, problems=_at("delete", found), **context
    )
