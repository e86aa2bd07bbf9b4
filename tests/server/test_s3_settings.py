"""KIPNET_S3_* settings: read into one S3Access, checked together with an s3:// KIPNET_STORAGE_URL."""

from __future__ import annotations

import hashlib
import secrets

import pytest

from grants.errors import ConfigurationError
from grants.storage import S3Access, check_store, open_store
from grants.storage.s3 import S3Store
from server.settings import Settings
from tests.s3 import S3Server, s3_server

__all__ = ["s3_server"]

PRODUCTION = {
    "KIPNET_ENV": "production",
    "KIPNET_SECRET_KEY": secrets.token_urlsafe(48),
    "KIPNET_PUBLIC_URL": "https://kipnet.bl.ch",
}
KEYS = {"KIPNET_S3_ACCESS_KEY_ID": "kipnet", "KIPNET_S3_SECRET_ACCESS_KEY": "s3-secret"}


def test_without_s3_variables_the_access_is_the_sdk_default():
    assert Settings.from_environ({}).s3 == S3Access(
        endpoint_url=None, region="us-east-1", access_key_id=None, secret_access_key=None
    )


def test_every_s3_variable_is_read():
    settings = Settings.from_environ(
        {
            "KIPNET_STORAGE_URL": "s3://kipnet-documents/bl",
            "KIPNET_S3_ENDPOINT_URL": " https://s3.bl.ch:9000/ ",
            "KIPNET_S3_REGION": "ch-bl-1",
            **KEYS,
        }
    )
    assert settings.s3 == S3Access(
        endpoint_url="https://s3.bl.ch:9000",
        region="ch-bl-1",
        access_key_id="kipnet",
        secret_access_key="s3-secret",
    )


def test_production_with_a_self_hosted_endpoint_and_keys_is_accepted():
    environ = {**PRODUCTION, "KIPNET_STORAGE_URL": "s3://kipnet-documents", **KEYS}
    settings = Settings.from_environ({**environ, "KIPNET_S3_ENDPOINT_URL": "https://s3.bl.ch"})
    assert settings.s3.endpoint_url == "https://s3.bl.ch"


def test_production_on_aws_itself_may_leave_the_keys_to_the_machines_role():
    settings = Settings.from_environ({**PRODUCTION, "KIPNET_STORAGE_URL": "s3://kipnet-documents"})
    assert settings.s3 == S3Access()


def test_production_may_speak_plain_http_to_a_proxy_on_this_machine():
    environ = {**PRODUCTION, "KIPNET_STORAGE_URL": "s3://kipnet-documents", **KEYS}
    settings = Settings.from_environ({**environ, "KIPNET_S3_ENDPOINT_URL": "http://127.0.0.1:9000"})
    assert settings.s3.endpoint_url == "http://127.0.0.1:9000"


def test_without_an_s3_storage_url_the_production_rules_do_not_apply():
    environ = {**PRODUCTION, "KIPNET_S3_ENDPOINT_URL": "http://s3.bl.ch"}
    assert Settings.from_environ(environ).s3.endpoint_url == "http://s3.bl.ch"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"KIPNET_STORAGE_URL": "s3:///documents"}, "KIPNET_STORAGE_URL names no bucket: 's3:///documents' (s3://bucket/prefix)"),
        ({"KIPNET_STORAGE_URL": "s3://"}, "KIPNET_STORAGE_URL names no bucket: 's3://' (s3://bucket/prefix)"),
        ({"KIPNET_STORAGE_URL": "s3://key:secret@kipnet-documents"}, "KIPNET_STORAGE_URL must not hold credentials: set KIPNET_S3_ACCESS_KEY_ID and KIPNET_S3_SECRET_ACCESS_KEY instead"),
        ({"KIPNET_S3_ACCESS_KEY_ID": "kipnet"}, "KIPNET_S3_ACCESS_KEY_ID and KIPNET_S3_SECRET_ACCESS_KEY must be set together (one is missing)"),
        ({"KIPNET_S3_SECRET_ACCESS_KEY": "s3-secret"}, "KIPNET_S3_ACCESS_KEY_ID and KIPNET_S3_SECRET_ACCESS_KEY must be set together (one is missing)"),
        ({"KIPNET_S3_ENDPOINT_URL": "s3.bl.ch:9000"}, "KIPNET_S3_ENDPOINT_URL must be an address like https://s3.example.ch:9000, got 's3.bl.ch:9000'"),
        ({"KIPNET_S3_ENDPOINT_URL": "https://s3.bl.ch/kipnet-documents"}, "KIPNET_S3_ENDPOINT_URL must be an address like https://s3.example.ch:9000, got 'https://s3.bl.ch/kipnet-documents'"),
        ({"KIPNET_S3_ENDPOINT_URL": "ftp://s3.bl.ch"}, "KIPNET_S3_ENDPOINT_URL must be an address like https://s3.example.ch:9000, got 'ftp://s3.bl.ch'"),
    ],
)  # fmt: skip
def test_s3_settings_that_cannot_work_are_refused_in_any_environment(environ, message):
    for base in ({}, PRODUCTION):
        with pytest.raises(ConfigurationError) as refused:
            Settings.from_environ({**base, **environ})
        assert str(refused.value) == message


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"KIPNET_S3_ENDPOINT_URL": "https://s3.bl.ch"}, "KIPNET_ENV=production with documents on S3 at KIPNET_S3_ENDPOINT_URL needs KIPNET_S3_ACCESS_KEY_ID and KIPNET_S3_SECRET_ACCESS_KEY"),
        ({"KIPNET_S3_ENDPOINT_URL": "http://s3.bl.ch:9000", **KEYS}, "KIPNET_ENV=production sends documents to S3 over https only: KIPNET_S3_ENDPOINT_URL is 'http://s3.bl.ch:9000'"),
    ],
)  # fmt: skip
def test_production_needs_keys_and_https_for_a_self_hosted_endpoint(environ, message):
    # given settings development accepts
    environ = {"KIPNET_STORAGE_URL": "s3://kipnet-documents/bl", **environ}
    assert Settings.from_environ(environ).s3.endpoint_url == environ["KIPNET_S3_ENDPOINT_URL"]
    # then production refuses them
    with pytest.raises(ConfigurationError) as refused:
        Settings.from_environ({**PRODUCTION, **environ})
    assert str(refused.value) == message


async def test_settings_from_the_environment_open_a_working_s3_store(s3_server: S3Server, tmp_path):
    # given the variables an operator sets for an S3 server with a bucket
    environ = s3_server.environ("kipnet/documents")
    settings = Settings.from_environ(environ)
    # when the store they name is opened and checked as at startup
    store = open_store(environ["KIPNET_STORAGE_URL"], s3=settings.s3)
    await check_store(store)
    # then it is that bucket and prefix, and bytes go in and come out
    assert isinstance(store, S3Store)
    assert (f"s3://{store.bucket}/{store.prefix}", store.endpoint) == (
        environ["KIPNET_STORAGE_URL"],
        s3_server.endpoint_url,
    )
    source = tmp_path / "letter.pdf"
    source.write_bytes(b"%PDF-1.7 letter")
    digest = hashlib.sha256(b"%PDF-1.7 letter").hexdigest()
    await store.put(digest, source, content_type="application/pdf")
    assert b"".join([chunk async for chunk in store.read(digest)]) == b"%PDF-1.7 letter"
    await store.close()
