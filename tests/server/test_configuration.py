"""Settings from the environment, and what production refuses to run with."""

from __future__ import annotations

import secrets

import pytest

from grants.errors import ConfigurationError
from grants.throttle import LoginLimits
from server.settings import DEVELOPMENT_SECRET, Environment, Settings

SECRET = "Qm7vX2pL9cR4tW8zK1nB6yH3jF5dS0gA"


def test_an_empty_environment_gives_the_embedded_development_defaults():
    settings = Settings.from_environ({})
    assert settings == Settings(
        database_url="sqlite://kipnet.sqlite3",
        secret_key=DEVELOPMENT_SECRET,
        environment=Environment.DEVELOPMENT,
        max_query_depth=10,
        max_aliases=15,
        max_tokens=2000,
        max_body_bytes=1_048_576,
        token_lifetime_hours=12,
        smtp_url=None,
        mail_from="kipnet@localhost",
        outbox_interval_seconds=10,
    )
    assert settings.production is False


def test_every_variable_is_read():
    settings = Settings.from_environ(
        {
            "KIPNET_DATABASE_URL": "postgres://kipnet@db:5432/kipnet",
            "KIPNET_ENV": "Production",
            "KIPNET_SECRET_KEY": SECRET,
            "KIPNET_MAX_QUERY_DEPTH": "8",
            "KIPNET_MAX_ALIASES": "5",
            "KIPNET_MAX_TOKENS": "500",
            "KIPNET_MAX_BODY_BYTES": "2048",
            "KIPNET_BODY_TIMEOUT_SECONDS": "7",
            "KIPNET_MAX_CONNECTIONS": "64",
            "KIPNET_KEEPALIVE_SECONDS": "3",
            "KIPNET_TOKEN_LIFETIME_HOURS": "1",
            "KIPNET_SMTP_URL": "smtps://kip:pw@mail.bl.ch",
            "KIPNET_MAIL_FROM": "integration@bl.ch",
            "KIPNET_OUTBOX_INTERVAL_SECONDS": "30",
            "KIPNET_MAX_QUERY_COST": "900",
            "KIPNET_LOGIN_LIMIT_PER_ACCOUNT": "5 per minute",
            "KIPNET_LOGIN_LIMIT_PER_ADDRESS": "20 per hour",
            "KIPNET_CORS_ORIGINS": "https://portal.kip-bl.ch, http://localhost:5173/",
            "KIPNET_FORWARDED_ALLOW_IPS": "10.0.0.5",
            "KIPNET_PUBLIC_URL": "https://kipnet.bl.ch/",
            "KIPNET_STORAGE_URL": "s3://kipnet-documents/bl",
            "KIPNET_MAX_DOCUMENT_MB": "10",
            "KIPNET_MAX_APPLICATION_DOCUMENTS_MB": "50",
        }
    )
    assert settings == Settings(
        database_url="postgres://kipnet@db:5432/kipnet",
        secret_key=SECRET,
        environment=Environment.PRODUCTION,
        max_query_depth=8,
        max_aliases=5,
        max_tokens=500,
        max_query_cost=900,
        max_body_bytes=2048,
        body_timeout_seconds=7,
        max_connections=64,
        keepalive_seconds=3,
        token_lifetime_hours=1,
        smtp_url="smtps://kip:pw@mail.bl.ch",
        mail_from="integration@bl.ch",
        outbox_interval_seconds=30,
        login_limits=LoginLimits(per_account="5 per minute", per_address="20 per hour"),
        cors_origins=("https://portal.kip-bl.ch", "http://localhost:5173"),
        log_format="json",
        forwarded_allow_ips="10.0.0.5",
        public_url="https://kipnet.bl.ch",
        storage_url="s3://kipnet-documents/bl",
        max_document_mb=10,
        max_application_documents_mb=50,
    )
    assert settings.production is True


@pytest.mark.parametrize("secret", [None, DEVELOPMENT_SECRET, "too-short"])
def test_production_refuses_a_missing_default_or_short_secret(secret):
    environ = {"KIPNET_ENV": "production"} | ({"KIPNET_SECRET_KEY": secret} if secret else {})
    with pytest.raises(ConfigurationError) as caught:
        Settings.from_environ(environ)
    assert str(caught.value).startswith("KIPNET_ENV=production needs KIPNET_SECRET_KEY set to a random value")


GUESSABLE_SECRETS = [
    "a" * 48,
    "ab" * 24,
    "0123456789" * 5,
    "correct horse battery staple0000",
    "Correct-Horse-Battery-Staple-2026!",
    "the quick brown fox jumps over t",
    "Tr0ub4dor&3" * 3,
]


@pytest.mark.parametrize("secret", GUESSABLE_SECRETS)
def test_production_refuses_a_long_but_guessable_secret_and_says_how_to_make_one(secret):
    with pytest.raises(ConfigurationError) as caught:
        Settings.from_environ({"KIPNET_ENV": "production", "KIPNET_SECRET_KEY": secret})
    message = str(caught.value)
    assert message.startswith(
        "KIPNET_ENV=production needs KIPNET_SECRET_KEY set to a random value of at least 32 characters, "
        "12 of them different, and 128 bits of entropy (this one: "
    )
    assert message.endswith("make one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'")


def test_the_advised_way_of_making_a_secret_always_passes():
    for _ in range(1000):
        secret = secrets.token_urlsafe(48)
        assert Settings.from_environ(
            {"KIPNET_ENV": "production", "KIPNET_SECRET_KEY": secret, "KIPNET_PUBLIC_URL": PORTAL}
        ).secret_key == (secret)


def test_a_guessable_secret_is_fine_in_development():
    assert Settings.from_environ({"KIPNET_SECRET_KEY": "a" * 48}).secret_key == "a" * 48


def test_the_message_gives_the_estimate():
    with pytest.raises(ConfigurationError) as caught:
        Settings.from_environ({"KIPNET_ENV": "production", "KIPNET_SECRET_KEY": "0123456789" * 5})
    assert "(this one: 50 characters, 10 different, about 37 bits)" in str(caught.value)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"KIPNET_ENV": "staging"}, "KIPNET_ENV must be 'development' or 'production', got 'staging'"),
        ({"KIPNET_MAX_QUERY_DEPTH": "abc"}, "KIPNET_MAX_QUERY_DEPTH must be a whole number, got 'abc'"),
        ({"KIPNET_MAX_ALIASES": "0"}, "KIPNET_MAX_ALIASES must be positive, got 0"),
        (
            {"KIPNET_DATABASE_URL": "mysql://x"},
            "KIPNET_DATABASE_URL must start with sqlite:// or postgres://",
        ),
        (
            {"KIPNET_LOGIN_LIMIT_PER_ADDRESS": "lots"},
            "KIPNET_LOGIN_LIMIT_PER_ADDRESS must look like '10 per 15 minutes', got 'lots'",
        ),
        ({"KIPNET_LOG_FORMAT": "xml"}, "KIPNET_LOG_FORMAT must be 'json' or 'text', got 'xml'"),
        (
            {"KIPNET_CORS_ORIGINS": "*"},
            "KIPNET_CORS_ORIGINS lists exact origins like https://portal.example.ch, got '*'",
        ),
        (
            {"KIPNET_SMTP_URL": "mail.bl.ch"},
            "KIPNET_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465",
        ),
    ],
)
def test_malformed_values_are_refused_with_the_variable_named(environ, message):
    with pytest.raises(ConfigurationError) as caught:
        Settings.from_environ(environ)
    assert str(caught.value) == message


PORTAL = "https://kipnet.bl.ch"


def test_production_needs_the_portal_address_that_mails_link_to():
    with pytest.raises(ConfigurationError) as caught:
        Settings.from_environ({"KIPNET_ENV": "production", "KIPNET_SECRET_KEY": SECRET})
    assert str(caught.value) == (
        "KIPNET_ENV=production needs KIPNET_PUBLIC_URL, the portal's address that mails link to "
        "(e.g. https://kipnet.bl.ch)"
    )


def test_development_links_to_the_local_server_unless_told_otherwise():
    assert Settings.from_environ({}).public_url == "http://127.0.0.1:8000"
    assert (
        Settings.from_environ({"KIPNET_PUBLIC_URL": " http://kip.test:8080/ "}).public_url
        == "http://kip.test:8080"
    )


@pytest.mark.parametrize("address", ["kipnet.bl.ch", "ftp://kipnet.bl.ch", "https://kipnet.bl.ch/?a=1"])
def test_a_public_url_that_is_no_web_address_is_refused(address):
    with pytest.raises(ConfigurationError) as caught:
        Settings.from_environ({"KIPNET_PUBLIC_URL": address})
    assert str(caught.value) == (
        f"KIPNET_PUBLIC_URL must be an http(s) address like https://kipnet.bl.ch, got {address!r}"
    )


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1:8000",
        "http://localhost:8000",
        "https://LOCALHOST",
        "http://[::1]:8000",
        "http://0.0.0.0",
    ],
)
def test_production_refuses_a_portal_address_only_this_machine_reaches(address):
    # given production settings whose mails would link to the server itself
    environ = {"KIPNET_ENV": "production", "KIPNET_SECRET_KEY": SECRET, "KIPNET_PUBLIC_URL": address}
    # when / then
    with pytest.raises(ConfigurationError) as caught:
        Settings.from_environ(environ)
    assert str(caught.value) == (
        "KIPNET_ENV=production needs KIPNET_PUBLIC_URL set to the address people reach the portal at "
        f"(mails link to it), not this machine's own {address.rstrip('/')!r}"
    )
    # while development keeps linking to the local server
    assert Settings.from_environ({"KIPNET_PUBLIC_URL": address}).public_url == address
    assert Settings.from_environ({**environ, "KIPNET_PUBLIC_URL": "https://127.0.0.1.example.ch"}).production


def test_documents_lie_beside_the_sqlite_file_by_default(tmp_path):
    settings = Settings.from_environ(
        {"KIPNET_DATABASE_URL": f"sqlite://{tmp_path}/kipnet.sqlite3?busy_timeout=5000"}
    )
    assert settings.storage_location == f"file://{tmp_path}/kipnet-documents/"


def test_production_on_postgresql_needs_a_storage_url():
    environ = {
        "KIPNET_ENV": "production",
        "KIPNET_SECRET_KEY": SECRET,
        "KIPNET_PUBLIC_URL": "https://kipnet.bl.ch",
        "KIPNET_DATABASE_URL": "postgres://kipnet@db:5432/kipnet",
    }
    with pytest.raises(ConfigurationError) as refused:
        Settings.from_environ(environ)
    assert str(refused.value) == (
        "KIPNET_ENV=production with PostgreSQL needs KIPNET_STORAGE_URL, where documents are kept "
        "(file:///var/lib/kipnet/documents on one machine, s3://bucket/prefix for several)"
    )


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"KIPNET_STORAGE_URL": "/var/lib/kipnet"},
            "KIPNET_STORAGE_URL must start with file:// or s3://, got '/var/lib/kipnet'",
        ),
        (
            {"KIPNET_MAX_DOCUMENT_MB": "50", "KIPNET_MAX_APPLICATION_DOCUMENTS_MB": "20"},
            "KIPNET_MAX_APPLICATION_DOCUMENTS_MB must be at least KIPNET_MAX_DOCUMENT_MB (20 < 50)",
        ),
        ({"KIPNET_MAX_DOCUMENT_MB": "0"}, "KIPNET_MAX_DOCUMENT_MB must be positive, got 0"),
    ],
)
def test_document_settings_are_checked(environ, message):
    with pytest.raises(ConfigurationError) as refused:
        Settings.from_environ(environ)
    assert str(refused.value) == message
