"""Blobs in a local directory: `root/ab/cd/abcd…` by SHA-256, written atomically, read in chunks."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from grants.storage import CHUNK_BYTES, BlobMissing, check_digest


class LocalStore:
    """A directory of immutable files named by their SHA-256, two levels of fan-out deep."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, digest: str) -> Path:
        """Where the blob with this digest lives (whether or not it exists)."""
        check_digest(digest)
        return self.root / digest[:2] / digest[2:4] / digest

    async def has(self, digest: str) -> bool:
        """True when the blob's file exists."""
        return await asyncio.to_thread(self.path_of(digest).is_file)

    async def put(self, digest: str, source: Path, *, content_type: str) -> None:
        """Copy `source` in under its digest: to a temporary name first, renamed when complete and
        synced, so a reader never sees half a file and a crash leaves no blob with a wrong content."""
        await asyncio.to_thread(self._put, self.path_of(digest), source)

    @staticmethod
    def _put(target: Path, source: Path) -> None:
        if target.is_file():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as out, source.open("rb") as given:
                shutil.copyfileobj(given, out, CHUNK_BYTES)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    async def read(self, digest: str) -> AsyncIterator[bytes]:
        """The file's bytes in chunks; BlobMissing when it is not there."""
        path = self.path_of(digest)
        try:
            handle = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError:
            raise BlobMissing(digest) from None
        try:
            while chunk := await asyncio.to_thread(handle.read, CHUNK_BYTES):
                yield chunk
        finally:
            handle.close()

    async def delete(self, digest: str) -> None:
        """Remove the file if it is there."""
        await asyncio.to_thread(self.path_of(digest).unlink, missing_ok=True)

    async def close(self) -> None:
        """Nothing to let go of."""
