"""What `kipnet seed` wrote: per fixture record, a digest of the values, to see later edits exactly."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class SeedRecord(Model):
    """The row a fixture record was last written to, and a digest of the fields seeding wrote there.

    When the row's fields no longer give the same digest, someone changed it since: seeding leaves
    it alone (only an explicit restore writes the fixture's values again).
    """

    id = fields.IntField(primary_key=True)
    #: "organisation", "service" or "relationship"
    kind = fields.CharField(max_length=32)
    #: The fixture's key: a slug, or "source>KIND>target" for a relationship (fixture slugs).
    key = fields.CharField(max_length=255)
    #: The row's primary key (no foreign key: a deleted row must not take its memory along).
    record_id = fields.IntField()
    #: The fields the digest covers, sorted (the fixtures may hold more fields in a later release).
    covered: list[str] = fields.JSONField(default=list)
    #: SHA-256 of the canonical JSON of those fields as stored right after seeding wrote them.
    digest = fields.CharField(max_length=64)
    seeded_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "seed_record"
        unique_together = (("kind", "key"),)
