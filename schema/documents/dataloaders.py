"""DataLoaders of documents: all documents of each application in one query, oldest first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from grants.models import Document


async def _by_application(keys: Sequence[int]) -> list[list[Document]]:
    grouped: defaultdict[int, list[Document]] = defaultdict(list)
    for row in await Document.filter(application_id__in=list(set(keys))).order_by("id"):
        grouped[row.application_id].append(row)
    return [grouped[key] for key in keys]


class DocumentsByApplicationLoader(DataLoader[int, list[Document]]):
    """The documents of an application, its reports' included, oldest first (the caller checks visibility)."""

    def __init__(self) -> None:
        super().__init__(load_fn=_by_application)
