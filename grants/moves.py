"""Applying the workflow table: a compare-and-set on (status, version) with its event and audit record."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from grants import audit
from grants.atomic import atomic
from grants.errors import DomainError, ErrorCode
from grants.models import Application, ApplicationEvent, User
from grants.workflow import Action, next_status


async def record_event(
    *, application: Application, actor: User | None, kind: str, message: str | None = None, **statuses: Any
) -> ApplicationEvent:
    """Add a step to the application's history; call inside the transaction of the change."""
    return await ApplicationEvent.create(
        application_id=application.id, actor=actor, kind=kind, message=message, **statuses
    )


async def move(
    application: Application,
    action: Action,
    *,
    actor: User | None,
    now: datetime,
    message: str | None = None,
    also: dict[str, Any] | None = None,
) -> Application:
    """Move `application` by `action` if it still has the status and version it was read with.

    Call inside a transaction when other writes must succeed or fail with the move; a concurrent
    change makes this a CONFLICT and nothing is written.
    """
    target = next_status(application.status, action)
    async with atomic():
        changed = await Application.filter(
            id=application.id, status=application.status, version=application.version
        ).update(status=target, version=application.version + 1, updated_at=now, **(also or {}))
        if changed != 1:
            raise DomainError.single(
                ErrorCode.CONFLICT, "The application was changed meanwhile; reload it and try again"
            )
        await audit.record(
            actor=actor,
            action=f"application.{action.value.lower()}",
            entity_type="Application",
            entity_id=application.id,
            changes={
                "from": application.status.value,
                "to": target.value,
                "version": application.version + 1,
            },
        )
        await record_event(
            application=application,
            actor=actor,
            kind=f"TRANSITION:{action.value}",
            message=message,
            from_status=application.status,
            to_status=target,
        )
    application.status, application.version = target, application.version + 1
    for key, value in (also or {}).items():
        setattr(application, key, value)
    return application
