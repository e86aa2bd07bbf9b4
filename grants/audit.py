"""Writing the audit trail of changes."""

from __future__ import annotations

from typing import Any

from grants.models import AuditRecord, User


async def record(
    *, actor: User | None, action: str, entity_type: str, entity_id: int, changes: dict[str, Any]
) -> AuditRecord:
    """Write one audit record; call inside the transaction that makes the change."""
    return await AuditRecord.create(
        actor=actor, action=action, entity_type=entity_type, entity_id=entity_id, changes=changes
    )
