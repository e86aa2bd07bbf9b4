"""The screenshot tool's pure parts: what a page argument means, what the PNG is called, which demo
accounts a served demo printed."""

from __future__ import annotations

import argparse

import pytest

from tests.web.screenshots import Shot, arguments, demo_accounts

DEMO_LOG = """kipnet demo: 5 new demo applications
Demo accounts (passwords are new on every start):
  APPLICANT applicant@demo.kipnet.example    Zq3-x_9aBcDeFgHi
  REVIEWER  reviewer@demo.kipnet.example     r4nd0m-PASSw0rd1
2026-11-26 11:07:19,197 INFO uvicorn.error [-] Started server process [14380]
"""


def test_a_page_is_a_path_or_a_role_and_a_path() -> None:
    # when pages are given with and without a role
    anonymous = Shot.parse("/sign-in")
    signed_in = Shot.parse("applicant:/applications")
    # then the role is the demo account's, upper case, and the path is kept
    assert anonymous == Shot("/sign-in", None)
    assert signed_in == Shot("/applications", "APPLICANT")


def test_a_page_must_be_a_path() -> None:
    # when a page is not a path, then the command line refuses it
    with pytest.raises(argparse.ArgumentTypeError, match="PATH starting with /"):
        Shot.parse("sign-in")


def test_the_file_says_language_role_page_and_width() -> None:
    # when files are named for the start page, a nested page and a signed-in page
    names = [
        Shot.parse("/").file_name("de", 1024),
        Shot.parse("/staff/applications?status=SUBMITTED").file_name("fr", 360),
        Shot.parse("admin:/admin").file_name("it", 1024),
    ]
    # then each says what it shows
    assert names == [
        "de-start-1024.png",
        "fr-staff-applications-status-submitted-360.png",
        "it-admin-admin-1024.png",
    ]


def test_the_demo_accounts_are_read_from_the_demo_log() -> None:
    # when the log of a served demo is read, then each printed account is found by its role
    assert demo_accounts(DEMO_LOG) == {
        "APPLICANT": ("applicant@demo.kipnet.example", "Zq3-x_9aBcDeFgHi"),
        "REVIEWER": ("reviewer@demo.kipnet.example", "r4nd0m-PASSw0rd1"),
    }


def test_the_defaults_photograph_the_start_and_sign_in_pages_in_german() -> None:
    # when the tool is run without arguments
    args = arguments([])
    # then it takes the start and sign-in pages in German at desktop width into docs/screenshots
    assert args.pages == []
    assert (args.languages, args.widths) == ("de", "1024")
    assert args.out.parts[-2:] == ("docs", "screenshots")
