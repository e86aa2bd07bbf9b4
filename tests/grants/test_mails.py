"""The mail catalogue rendered with plain values: every kind in every language, text and HTML."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from string import Formatter

import pytest

from grants.account_links import PATHS
from grants.mails import MAIL_LANGUAGES, catalogue, compose, mail_language, portal_link
from grants.mails.kinds.accounts import SAMPLE_TOKEN
from grants.mails.kinds.directory import SAMPLE_EDITS, edits_text
from grants.models import TokenPurpose
from grants.notifications import APPLICANT_KINDS, STAFF_KINDS

PORTAL = "https://kipnet.bl.ch"
EVERY = [(kind, language) for kind in sorted(catalogue()) for language in MAIL_LANGUAGES]


def names(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def test_the_catalogue_holds_every_kind_the_workflow_steps_send():
    # other kinds (accounts, digests) join the catalogue as modules of grants.mails.kinds
    assert set(APPLICANT_KINDS + STAFF_KINDS) <= set(catalogue())
    assert sorted(kind for kind in catalogue() if "/applications/" in catalogue()[kind].link) == sorted(
        APPLICANT_KINDS + STAFF_KINDS
    )


def test_the_account_mails_link_to_the_pages_their_tokens_open():
    # the portal's link pages and the log redaction rely on these paths (grants/account_links.py)
    assert catalogue()["INVITATION"].link == PATHS[TokenPurpose.INVITATION] + "{token}"
    assert catalogue()["PASSWORD_RESET"].link == PATHS[TokenPurpose.RESET] + "{token}"
    # the preview's token is made up but has the shape of secrets.token_urlsafe(32)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", SAMPLE_TOKEN)
    sample = catalogue()["PASSWORD_RESET"].sample
    assert portal_link("PASSWORD_RESET", public_url=PORTAL + "/", values=sample) == (
        f"{PORTAL}/account/reset/{SAMPLE_TOKEN}"
    )


@pytest.mark.parametrize(("kind", "language"), EVERY)
def test_every_kind_renders_in_every_language_with_its_link_and_nothing_left_open(kind, language):
    # given the kind's sample values in the language and its portal link
    sample = catalogue()[kind].sample_in(language, public_url=PORTAL)
    link = portal_link(kind, public_url=PORTAL, values=sample)
    # when
    mail = compose(kind, language=language, values=sample, link=link)
    # then
    assert mail.language == language
    for part in (mail.subject, mail.text, mail.html):
        assert "{" not in part
        assert "}" not in part
        if "reference" in sample:  # a mail about an application names it everywhere
            assert sample["reference"] in part
    assert "\n" not in mail.subject
    assert f"\n{link}\n" in mail.text
    assert f'<a href="{link}">' in mail.html
    assert mail.html.startswith(f'<!DOCTYPE html>\n<html lang="{language}">')


@pytest.mark.parametrize("kind", sorted(catalogue()))
def test_each_language_is_a_translation_using_the_same_values(kind):
    templates = catalogue()[kind].templates
    german = templates["de"]
    for language in ("fr", "it", "en"):
        words = templates[language]
        assert names(words.subject + words.body) == names(german.subject + german.body), language
        assert words.subject != german.subject
        assert words.body != german.body
        assert words.action != german.action


def test_the_links_lead_applicants_to_their_application_and_staff_to_the_staff_page():
    values = {"reference": "KIP-2026-0042"}
    assert portal_link("RECEIVED", public_url=PORTAL + "/", values=values) == (
        "https://kipnet.bl.ch/applications/KIP-2026-0042"
    )
    assert portal_link("SUBMITTED", public_url=PORTAL, values=values) == (
        "https://kipnet.bl.ch/staff/applications/KIP-2026-0042"
    )


def test_a_french_mail_reads_in_french_from_greeting_to_signature():
    values = {"reference": "KIP-2026-0001", "title": "Cours", "date": "01.05.2026", "message": "Merci."}
    mail = compose("CLOSED", language="fr", values=values, link=f"{PORTAL}/applications/KIP-2026-0001")
    assert mail.subject == "Projet clôturé : KIP-2026-0001"
    assert mail.text == (
        "Bonjour,\n\n"
        "Le projet KIP-2026-0001 « Cours » a été clôturé le 01.05.2026. "
        "Nous vous remercions de votre collaboration.\n\n"
        "Message du service :\nMerci.\n\n"
        "Voir le projet sur le portail\u00a0:\nhttps://kipnet.bl.ch/applications/KIP-2026-0001\n\n"
        "Meilleures salutations\nService de l'intégration de Bâle-Campagne\n"
    )


def test_html_escapes_the_values_and_keeps_their_lines():
    values = {
        "reference": "KIP-2026-0001",
        "title": '<script>alert("x")</script> & Co',
        "date": "01.05.2026",
        "message": "Erstens <b>\r\nZweitens",
    }
    mail = compose("CHANGES_REQUESTED", language="de", values=values, link=f"{PORTAL}/applications/x?a=1&b=2")
    assert "<script>" not in mail.html
    assert '«&lt;script&gt;alert("x")&lt;/script&gt; &amp; Co»' in mail.html
    assert "<p>Erstens &lt;b&gt;<br>\nZweitens</p>" in mail.html
    assert '<a href="https://kipnet.bl.ch/applications/x?a=1&amp;b=2">' in mail.html
    assert '«<script>alert("x")</script> & Co»' in mail.text  # plain text stays as written


def test_an_optional_note_appears_only_when_staff_wrote_one():
    values = {"reference": "KIP-2026-0001", "title": "Kurs", "date": "01.05.2026", "message": "  "}
    link = f"{PORTAL}/applications/KIP-2026-0001"
    assert (
        "Mitteilung des Fachbereichs"
        not in compose("REPORT_ACCEPTED", language="de", values=values, link=link).text
    )
    noted = compose("REPORT_ACCEPTED", language="de", values={**values, "message": "Danke!"}, link=link)
    assert "Mitteilung des Fachbereichs:\nDanke!\n" in noted.text


def test_languages_mails_do_not_speak_fall_back_to_german():
    assert [mail_language(code) for code in ("fr", "it", "en", "rm", "", None)] == [
        "fr",
        "it",
        "en",
        "de",
        "de",
        "de",
    ]
    values = catalogue()["RECEIVED"].sample
    mail = compose("RECEIVED", language="rm", values=values, link=PORTAL)
    assert (mail.language, mail.subject) == ("de", "Eingangsbestätigung KIP-2026-0007")


def test_missing_values_an_unknown_kind_and_a_relative_link_are_refused():
    with pytest.raises(ValueError, match="The mail RECEIVED needs values for date, title"):
        compose("RECEIVED", language="de", values={"reference": "K"}, link=PORTAL)
    with pytest.raises(KeyError, match="No mail kind 'WELCOME'"):
        compose("WELCOME", language="de", values={}, link=PORTAL)
    with pytest.raises(ValueError, match="absolute http"):
        compose("RECEIVED", language="de", values=catalogue()["RECEIVED"].sample, link="/applications/K")


def test_the_note_on_mails_lists_every_kind_with_its_link():
    note = (Path(__file__).resolve().parents[2] / "docs" / "mails.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line for line in note.splitlines() if line.startswith("| `")}
    assert sorted(rows) == sorted(catalogue())
    for kind, row in rows.items():
        assert row.rstrip().endswith(f"| `{catalogue()[kind].link}` |"), kind


@pytest.mark.parametrize("language", MAIL_LANGUAGES)
def test_the_digest_previews_its_sample_edits_in_each_language_as_lines_and_a_list(language):
    # given the digest's sample, whose list of edits is written in the preview's language
    sample = catalogue()["DIRECTORY_EDITS"].sample_in(language, public_url=PORTAL)
    edits = edits_text(SAMPLE_EDITS, language=language, public_url=PORTAL)
    link = portal_link("DIRECTORY_EDITS", public_url=PORTAL, values=sample)
    # when
    mail = compose("DIRECTORY_EDITS", language=language, values=sample, link=link)
    # then: the text carries the lines as written, the HTML a list per organisation
    assert (sample["count"], sample["edits"], link) == ("4", edits, f"{PORTAL}/admin/organisations")
    assert f"\n\n{edits}\n\n" in mail.text
    assert mail.html.count("<ul>\n<li>") == 2
    assert mail.html.count("<li>") == 4
    entry = f"{PORTAL}/admin/organisations/treffpunkt"
    assert f'<a href="{entry}">{entry}</a></p>' in mail.html  # the last organisation's entry


def test_the_digest_tells_each_edit_in_the_language_grouped_by_organisation():
    # given two edits of one organisation, named only in German, and a field without a label
    first, second = SAMPLE_EDITS[:2]
    odd = replace(first, audit_id=9, fields=("acronym",))
    # when
    italian = edits_text([first, second, odd], language="it", public_url="https://portal.example.ch/")
    # then
    assert italian == (
        "Verein A\n"
        "- Maria Muster (maria@verein-a.ch), 12.03.2026 14:05 UTC: Dati modificati: telefono, sito web\n"
        "- Maria Muster (maria@verein-a.ch), 12.03.2026 14:05 UTC: Offerta «Elterncafé» aggiunta\n"
        "- Maria Muster (maria@verein-a.ch), 12.03.2026 14:05 UTC: Dati modificati: acronym\n"
        "Vedere la voce: https://portal.example.ch/admin/organisations/verein-a"
    )
    assert edits_text([first], language="rm", public_url=PORTAL).startswith("Verein A\n- Maria Muster")
    assert "Angaben geändert: Telefon, Website" in edits_text([first], language="rm", public_url=PORTAL)


def test_lines_opening_with_a_dash_become_a_list_in_html_and_everything_stays_escaped():
    # given a pre-rendered list whose words hold markup, and an address on the portal and elsewhere
    edits = (
        "Verein <A>\n- Maria & Co: <script>x</script>\n- Zwei\n"
        f'Eintrag ansehen: {PORTAL}/admin/organisations/a?x=1&y="2"\n'
        "Anderswo: https://x.ch/?a=1&b=2 https://kipnet.bl.ch.x.ch/"
    )
    # when
    mail = compose("DIRECTORY_EDITS", language="de", values={"count": "2", "edits": edits}, link=PORTAL)
    # then: only the portal's own address is a link, and nothing a value holds is markup
    own = f"{PORTAL}/admin/organisations/a?x=1&amp;y="
    assert "<script>" not in mail.html
    assert (
        "<p>Verein &lt;A&gt;</p>\n"
        "<ul>\n<li>Maria &amp; Co: &lt;script&gt;x&lt;/script&gt;</li>\n<li>Zwei</li>\n</ul>\n"
        f'<p>Eintrag ansehen: <a href="{own}">{own}</a>"2"<br>\n'
        "Anderswo: https://x.ch/?a=1&amp;b=2 https://kipnet.bl.ch.x.ch/</p>\n"
    ) in mail.html
    assert f"geändert:\n\n{edits}\n\n" in mail.text  # plain text stays as written
