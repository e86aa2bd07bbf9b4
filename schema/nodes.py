"""`node(id:)`: any object by its global ID, or null when it is malformed, unknown or not visible."""

from __future__ import annotations

from typing import Any

import strawberry

from grants.abilities import sees_reviews
from grants.applications import find
from grants.documents.service import find_document
from grants.models import ProjectReport as ReportRow
from grants.models import Review as ReviewRow
from grants.user_admin import visible_user
from schema.accounts.types import User
from schema.applications.outcome_types import ProjectReport, Review
from schema.applications.types import Application
from schema.base.node import Node, from_global_id
from schema.calls.types import FundingCall
from schema.directory.types import Organisation, Relationship, Service
from schema.documents.types import Document
from schema.programme.types import FundingArea, Programme


async def resolve_node(info: strawberry.Info[Any, Any], global_id: str) -> Node | None:
    """The object a global ID names, if the viewer may see it."""
    parsed = from_global_id(global_id)
    if parsed is None:
        return None
    type_name, pk = parsed
    loaders = info.context.loaders
    if type_name == "Organisation":
        row = await loaders.organisation.load(pk)
        return Organisation.from_row(row) if row else None
    if type_name == "Service":
        service = await loaders.service.load(pk)
        return Service.from_row(service) if service else None
    if type_name == "Relationship":
        relationship = await loaders.relationship.load(pk)
        return Relationship.from_row(relationship) if relationship else None
    if type_name == "FundingArea":
        area = await loaders.funding_area.load(pk)
        return FundingArea.from_row(area) if area else None
    if type_name == "Programme":
        programme = await loaders.programme.load(pk)
        return Programme.from_row(programme) if programme else None
    if type_name == "FundingCall":
        call = await loaders.call.load(pk)
        return FundingCall.from_row(call) if call else None
    if type_name == "Application":
        application = await find(info.context.actor, pk=pk)
        return Application.from_row(application) if application else None
    if type_name == "Review":
        return await _review(info, pk)
    if type_name == "ProjectReport":
        return await _report(info, pk)
    if type_name == "Document":
        document = await find_document(info.context.actor, pk)
        return Document.from_row(document) if document else None
    if type_name == "User":
        user = await visible_user(actor=info.context.actor, pk=pk)
        return User.from_row(user) if user else None
    return None


async def _review(info: strawberry.Info[Any, Any], pk: int) -> Review | None:
    if not sees_reviews(info.context.actor):
        return None
    row = await ReviewRow.get_or_none(id=pk)
    application = await find(info.context.actor, pk=row.application_id) if row else None
    return Review.from_row(row, application.call_id) if row and application else None


async def _report(info: strawberry.Info[Any, Any], pk: int) -> ProjectReport | None:
    row = await ReportRow.get_or_none(id=pk)
    visible = row is not None and await find(info.context.actor, pk=row.application_id) is not None
    return ProjectReport.from_row(row) if row is not None and visible else None
