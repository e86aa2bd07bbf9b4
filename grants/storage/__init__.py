"""Where the bytes of documents live: one interface, a local directory or S3-compatible object storage.

Blobs are content-addressed: the key of a file is its SHA-256 in lower-case hex, so identical files are
stored once and a stored blob never changes. The database keeps what a document is (name, type, size,
who may see it); a store keeps only bytes. `open_store` picks the implementation from a URL:

- `file:///var/lib/kipnet/documents` — a local directory (the default, next to the SQLite file);
- `s3://bucket/prefix` — S3-compatible object storage, with endpoint and credentials in `S3Access`.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable
from urllib.parse import unquote, urlsplit

from grants.errors import ConfigurationError, KipnetError

#: How many bytes a read hands out at a time.
CHUNK_BYTES = 64 * 1024
_DIGEST = re.compile(r"[0-9a-f]{64}")
# Bucket names as S3 allows them (3-63 characters, lower case, digits, dots, hyphens).
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


class BlobStore(Protocol):
    """Bytes under their SHA-256: put once, read as a stream, deleted when no document needs them."""

    async def has(self, digest: str) -> bool:
        """True when a blob with this SHA-256 is stored."""
        ...

    async def put(self, digest: str, source: Path, *, content_type: str) -> None:
        """Store the file at `source` (whose SHA-256 is `digest`); nothing happens if it is stored."""
        ...

    def read(self, digest: str) -> AsyncIterator[bytes]:
        """The blob's bytes in chunks of at most CHUNK_BYTES; BlobMissing if it is not stored."""
        ...

    async def delete(self, digest: str) -> None:
        """Forget the blob (nothing happens if it is not stored)."""
        ...

    async def close(self) -> None:
        """Let go of connections and clients."""
        ...


@runtime_checkable
class CheckedAtStartup(Protocol):
    """A store that can tell before serving whether its settings work (S3: bucket and credentials)."""

    async def check(self) -> None:
        """ConfigurationError naming the setting to fix, or nothing."""
        ...


async def check_store(store: BlobStore) -> None:
    """Make sure `store` works before the service starts (call it in the app's lifespan): S3 asks for
    its bucket and raises ConfigurationError if it is missing or the keys are refused; a directory
    needs nothing (it is made on the first put)."""
    if isinstance(store, CheckedAtStartup):
        await store.check()


class BlobMissing(LookupError):
    """A blob the database names is not in the store (a restore without the files, say)."""


class StorageError(KipnetError):
    """The store could not do what was asked (wrong credentials, no bucket, network, a refused
    checksum); the message says which, in words an operator can act on."""


@dataclass(frozen=True)
class S3Access:
    """How to reach S3-compatible storage: endpoint (None: AWS), region and credentials."""

    endpoint_url: str | None = None
    region: str = "us-east-1"
    access_key_id: str | None = None
    secret_access_key: str | None = None


def check_digest(digest: str) -> str:
    """The digest itself when it is a lower-case hex SHA-256; ValueError otherwise (never a path)."""
    if not _DIGEST.fullmatch(digest):
        raise ValueError(f"not a SHA-256 digest: {digest[:80]!r}")
    return digest


def local_directory(url: str) -> Path:
    """The directory a `file://` storage URL names (absolute, or relative to the working directory)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost") or parts.query or parts.fragment:
        raise ConfigurationError(
            f"KIPNET_STORAGE_URL must look like file:///var/lib/kipnet/documents, got {url!r}"
        )
    path = unquote(parts.path)
    if not path:
        raise ConfigurationError(f"KIPNET_STORAGE_URL names no directory: {url!r}")
    return Path(path)


def s3_location(url: str) -> tuple[str, str]:
    """The bucket and key prefix (no slashes at either end, maybe empty) an `s3://` URL names."""
    parts = urlsplit(url)
    if "@" in parts.netloc:
        # Said without the URL: it holds a secret that must not end up in a log.
        raise ConfigurationError(
            "KIPNET_STORAGE_URL must not hold credentials: set KIPNET_S3_ACCESS_KEY_ID and "
            "KIPNET_S3_SECRET_ACCESS_KEY instead"
        )
    if parts.scheme != "s3" or parts.query or parts.fragment:
        raise ConfigurationError(f"KIPNET_STORAGE_URL must look like s3://bucket/prefix, got {url!r}")
    if not parts.netloc:
        raise ConfigurationError(f"KIPNET_STORAGE_URL names no bucket: {url!r} (s3://bucket/prefix)")
    if not _BUCKET.fullmatch(parts.netloc) or ".." in parts.netloc:
        raise ConfigurationError(
            f"KIPNET_STORAGE_URL names a bucket S3 does not allow: {parts.netloc!r} "
            "(3 to 63 lower-case letters, digits, dots and hyphens)"
        )
    prefix = parts.path.strip("/")
    if prefix and any(segment in ("", ".", "..") for segment in prefix.split("/")):
        raise ConfigurationError(f"KIPNET_STORAGE_URL has an empty or dotted prefix segment: {url!r}")
    return parts.netloc, prefix


def open_store(url: str, *, s3: S3Access | None = None) -> BlobStore:
    """The store a storage URL names: `file:///dir` or `s3://bucket/prefix`."""
    scheme = urlsplit(url).scheme
    if scheme == "file":
        from grants.storage.local import LocalStore

        return LocalStore(local_directory(url))
    if scheme == "s3":
        from grants.storage.s3 import S3Store

        return S3Store.from_url(url, access=s3 or S3Access())
    raise ConfigurationError(f"KIPNET_STORAGE_URL must start with file:// or s3://, got {url!r}")
