"""Configuration from KIPNET_* environment variables: the only module that reads the environment."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from grants.database import DEFAULT_DATABASE_URL
from grants.errors import ConfigurationError
from grants.storage import S3Access, s3_location
from grants.throttle import LoginLimits, is_limit
from server.secret_strength import secret_bits

DEVELOPMENT_SECRET = "kipnet-development-secret-do-not-use-in-production"
#: Where `kipnet serve` answers by default: mails written in development link there.
DEVELOPMENT_PUBLIC_URL = "http://127.0.0.1:8000"
MIN_SECRET_LENGTH = 32
MIN_SECRET_BITS = 128
MIN_SECRET_CHARACTERS = 12
DEFAULT_LOGIN_LIMITS = LoginLimits()


class Environment(StrEnum):
    """Development shows GraphiQL and introspection; production hides them and demands a secret."""

    DEVELOPMENT = "development"
    PRODUCTION = "production"


def _int(environ: Mapping[str, str], name: str, default: int, *, minimum: int = 1) -> int:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        word = "positive" if minimum == 1 else f"at least {minimum}"
        raise ConfigurationError(f"{name} must be {word}, got {value}")
    return value


@dataclass(frozen=True)
class Settings:
    """Everything configurable about a kipnet process."""

    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str = DEVELOPMENT_SECRET
    environment: Environment = Environment.DEVELOPMENT
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_query_cost: int = 25_000
    max_body_bytes: int = 1_048_576
    body_timeout_seconds: int = 30
    max_connections: int = 1000
    keepalive_seconds: int = 5
    token_lifetime_hours: int = 12
    smtp_url: str | None = None
    mail_from: str = "kipnet@localhost"
    outbox_interval_seconds: int = 10
    login_limits: LoginLimits = field(default_factory=LoginLimits)
    cors_origins: tuple[str, ...] = ()
    log_format: str = "text"
    forwarded_allow_ips: str = "127.0.0.1"
    #: Memory for public answers kept between writes, in MB (0: none kept, every query runs).
    public_cache_mb: int = 64
    #: Where people reach the portal: the links in mails start with it (required in production).
    public_url: str = DEVELOPMENT_PUBLIC_URL
    #: How to reach S3-compatible storage when documents are kept there (KIPNET_S3_*; see s3_access).
    s3: S3Access = field(default_factory=S3Access)
    #: Where documents' bytes live (file:// or s3://); None: a directory beside the SQLite file.
    storage_url: str | None = None
    #: The largest document, and all documents of one application together, in MB.
    max_document_mb: int = 20
    max_application_documents_mb: int = 100

    @property
    def production(self) -> bool:
        """True when running as the public production service."""
        return self.environment is Environment.PRODUCTION

    @property
    def storage_location(self) -> str:
        """The storage URL in force: KIPNET_STORAGE_URL, else a directory beside the SQLite file."""
        return self.storage_url or default_storage_url(self.database_url)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from KIPNET_* variables (defaults for the unset ones), checked for production."""
        env = os.environ if environ is None else environ
        try:
            environment = Environment(env.get("KIPNET_ENV", "development").strip().lower() or "development")
        except ValueError:
            raise ConfigurationError(
                f"KIPNET_ENV must be 'development' or 'production', got {env['KIPNET_ENV']!r}"
            ) from None
        log_format = (env.get("KIPNET_LOG_FORMAT") or "").strip().lower() or (
            "json" if environment is Environment.PRODUCTION else "text"
        )
        settings = cls(
            database_url=env.get("KIPNET_DATABASE_URL") or DEFAULT_DATABASE_URL,
            secret_key=env.get("KIPNET_SECRET_KEY") or DEVELOPMENT_SECRET,
            environment=environment,
            max_query_depth=_int(env, "KIPNET_MAX_QUERY_DEPTH", cls.max_query_depth),
            max_aliases=_int(env, "KIPNET_MAX_ALIASES", cls.max_aliases),
            max_tokens=_int(env, "KIPNET_MAX_TOKENS", cls.max_tokens),
            max_query_cost=_int(env, "KIPNET_MAX_QUERY_COST", cls.max_query_cost),
            max_body_bytes=_int(env, "KIPNET_MAX_BODY_BYTES", cls.max_body_bytes),
            body_timeout_seconds=_int(env, "KIPNET_BODY_TIMEOUT_SECONDS", cls.body_timeout_seconds),
            max_connections=_int(env, "KIPNET_MAX_CONNECTIONS", cls.max_connections),
            keepalive_seconds=_int(env, "KIPNET_KEEPALIVE_SECONDS", cls.keepalive_seconds),
            token_lifetime_hours=_int(env, "KIPNET_TOKEN_LIFETIME_HOURS", cls.token_lifetime_hours),
            smtp_url=env.get("KIPNET_SMTP_URL") or None,
            mail_from=env.get("KIPNET_MAIL_FROM") or cls.mail_from,
            outbox_interval_seconds=_int(env, "KIPNET_OUTBOX_INTERVAL_SECONDS", cls.outbox_interval_seconds),
            login_limits=LoginLimits(
                per_account=env.get("KIPNET_LOGIN_LIMIT_PER_ACCOUNT") or DEFAULT_LOGIN_LIMITS.per_account,
                per_address=env.get("KIPNET_LOGIN_LIMIT_PER_ADDRESS") or DEFAULT_LOGIN_LIMITS.per_address,
            ),
            log_format=log_format,
            forwarded_allow_ips=env.get("KIPNET_FORWARDED_ALLOW_IPS") or cls.forwarded_allow_ips,
            public_cache_mb=_int(env, "KIPNET_PUBLIC_CACHE_MB", cls.public_cache_mb, minimum=0),
            s3=s3_access(env, production=environment is Environment.PRODUCTION),
            storage_url=(env.get("KIPNET_STORAGE_URL") or "").strip() or None,
            max_document_mb=_int(env, "KIPNET_MAX_DOCUMENT_MB", cls.max_document_mb),
            max_application_documents_mb=_int(
                env, "KIPNET_MAX_APPLICATION_DOCUMENTS_MB", cls.max_application_documents_mb
            ),
            public_url=(env.get("KIPNET_PUBLIC_URL") or "").strip().rstrip("/")
            or ("" if environment is Environment.PRODUCTION else cls.public_url),
            cors_origins=tuple(
                origin.strip().rstrip("/")
                for origin in (env.get("KIPNET_CORS_ORIGINS") or "").split(",")
                if origin.strip()
            ),
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse settings a production service must not run with."""
        for name, limit in (
            ("KIPNET_LOGIN_LIMIT_PER_ACCOUNT", self.login_limits.per_account),
            ("KIPNET_LOGIN_LIMIT_PER_ADDRESS", self.login_limits.per_address),
        ):
            if not is_limit(limit):
                raise ConfigurationError(f"{name} must look like '10 per 15 minutes', got {limit!r}")
        if self.log_format not in ("json", "text"):
            raise ConfigurationError(f"KIPNET_LOG_FORMAT must be 'json' or 'text', got {self.log_format!r}")
        for origin in self.cors_origins:
            if origin == "*" or not origin.startswith(("https://", "http://")):
                raise ConfigurationError(
                    f"KIPNET_CORS_ORIGINS lists exact origins like https://portal.example.ch, got {origin!r}"
                )
        if not self.database_url.startswith(("sqlite://", "postgres://", "postgresql://", "asyncpg://")):
            raise ConfigurationError("KIPNET_DATABASE_URL must start with sqlite:// or postgres://")
        if self.smtp_url is not None and not self.smtp_url.startswith(("smtp://", "smtps://")):
            raise ConfigurationError(
                "KIPNET_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465"
            )
        if self.production:
            self._check_secret()
        if self.production and self.storage_url is None and not self.database_url.startswith("sqlite://"):
            raise ConfigurationError(
                "KIPNET_ENV=production with PostgreSQL needs KIPNET_STORAGE_URL, where documents are kept "
                "(file:///var/lib/kipnet/documents on one machine, s3://bucket/prefix for several)"
            )
        if self.storage_url is not None and not self.storage_url.startswith(("file://", "s3://")):
            raise ConfigurationError(
                f"KIPNET_STORAGE_URL must start with file:// or s3://, got {self.storage_url!r}"
            )
        if self.max_application_documents_mb < self.max_document_mb:
            raise ConfigurationError(
                "KIPNET_MAX_APPLICATION_DOCUMENTS_MB must be at least KIPNET_MAX_DOCUMENT_MB "
                f"({self.max_application_documents_mb} < {self.max_document_mb})"
            )
        if not self.public_url:
            raise ConfigurationError(
                "KIPNET_ENV=production needs KIPNET_PUBLIC_URL, the portal's address that mails link to "
                "(e.g. https://kipnet.bl.ch)"
            )
        if not self.public_url.startswith(("https://", "http://")) or "?" in self.public_url:
            raise ConfigurationError(
                "KIPNET_PUBLIC_URL must be an http(s) address like https://kipnet.bl.ch, "
                f"got {self.public_url!r}"
            )
        if self.production and is_loopback_address(self.public_url):
            raise ConfigurationError(
                "KIPNET_ENV=production needs KIPNET_PUBLIC_URL set to the address people reach the portal "
                f"at (mails link to it), not this machine's own {self.public_url!r}"
            )

    def _check_secret(self) -> None:
        secret = self.secret_key
        bits = secret_bits(secret)
        if (
            secret == DEVELOPMENT_SECRET
            or len(secret) < MIN_SECRET_LENGTH
            or len(set(secret)) < MIN_SECRET_CHARACTERS
            or bits < MIN_SECRET_BITS
        ):
            raise ConfigurationError(
                "KIPNET_ENV=production needs KIPNET_SECRET_KEY set to a random value of at least "
                f"{MIN_SECRET_LENGTH} characters, {MIN_SECRET_CHARACTERS} of them different, and "
                f"{MIN_SECRET_BITS} bits of entropy (this one: {len(secret)} characters, "
                f"{len(set(secret))} different, about {bits:.0f} bits); make one with: "
                "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )


def s3_access(environ: Mapping[str, str], *, production: bool) -> S3Access:
    """KIPNET_S3_ENDPOINT_URL, _REGION, _ACCESS_KEY_ID and _SECRET_ACCESS_KEY as one S3Access, checked.

    Always: the endpoint is a bare http(s) address and a key id comes with its secret. With an s3://
    KIPNET_STORAGE_URL it must name a bucket, and in production a self-hosted endpoint needs both keys
    and https (documents are personal data; plain http only to this machine, e.g. a local TLS proxy).
    Without an endpoint (AWS itself) keys may be left out: boto3 then takes the machine's role.
    """
    access = S3Access(
        endpoint_url=(environ.get("KIPNET_S3_ENDPOINT_URL") or "").strip().rstrip("/") or None,
        region=(environ.get("KIPNET_S3_REGION") or "").strip() or S3Access.region,
        access_key_id=environ.get("KIPNET_S3_ACCESS_KEY_ID") or None,
        secret_access_key=environ.get("KIPNET_S3_SECRET_ACCESS_KEY") or None,
    )
    endpoint = access.endpoint_url
    if endpoint is not None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("https", "http") or not parts.hostname or parts.path or parts.query:
            raise ConfigurationError(
                f"KIPNET_S3_ENDPOINT_URL must be an address like https://s3.example.ch:9000, got {endpoint!r}"
            )
    if (access.access_key_id is None) != (access.secret_access_key is None):
        raise ConfigurationError(
            "KIPNET_S3_ACCESS_KEY_ID and KIPNET_S3_SECRET_ACCESS_KEY must be set together (one is missing)"
        )
    storage_url = (environ.get("KIPNET_STORAGE_URL") or "").strip()
    if not storage_url.startswith("s3:"):
        return access
    s3_location(storage_url)
    if production and endpoint is not None and access.access_key_id is None:
        raise ConfigurationError(
            "KIPNET_ENV=production with documents on S3 at KIPNET_S3_ENDPOINT_URL needs "
            "KIPNET_S3_ACCESS_KEY_ID and KIPNET_S3_SECRET_ACCESS_KEY"
        )
    if (
        production
        and endpoint is not None
        and endpoint.startswith("http:")
        and not is_loopback_address(endpoint)
    ):
        raise ConfigurationError(
            "KIPNET_ENV=production sends documents to S3 over https only: KIPNET_S3_ENDPOINT_URL "
            f"is {endpoint!r}"
        )
    return access


def default_storage_url(database_url: str) -> str:
    """A `documents` directory beside the SQLite file (`sqlite://kipnet.sqlite3` → `…/kipnet-documents/`),
    or in the working directory for an in-memory or PostgreSQL database (development only)."""
    path = database_url.removeprefix("sqlite://").split("?", 1)[0]
    if database_url.startswith("sqlite://") and path and path != ":memory:":
        database = Path(path).absolute()
        return (database.parent / f"{database.stem}-documents").as_uri() + "/"
    return (Path.cwd() / "kipnet-documents").as_uri() + "/"


def is_loopback_address(url: str) -> bool:
    """True when `url` points at this machine (localhost, 127.x, ::1, 0.0.0.0): nobody else reaches it."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified
