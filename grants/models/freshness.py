"""The data generation: one counter that every committed write to a public table moves on."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class DataGeneration(Model):
    """A single row counting committed writes to the tables public answers are made of.

    On PostgreSQL, triggers (migration 0008) move it on inside the writing transaction, whoever
    writes: the server, another worker or machine, `kipnet seed`, an operator's SQL. A cached public
    answer is kept under the generation it was computed at and is never served once it moved. (On
    SQLite the file's own `PRAGMA data_version` plays its part: see grants/freshness.py.)
    """

    id = fields.IntField(primary_key=True)
    value = fields.BigIntField(default=0)

    class Meta:
        table = "data_generation"
