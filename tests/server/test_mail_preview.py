"""`kipnet mail preview` as a programme officer runs it: every kind in every language, or one of them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from grants.mails import MAIL_LANGUAGES, catalogue
from grants.mails.kinds.accounts import SAMPLE_TOKEN

KIPNET = str(Path(sys.executable).with_name("kipnet"))
PORTAL = "https://kipnet.bl.ch"


def preview(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environ = {key: value for key, value in os.environ.items() if not key.startswith("KIPNET_")}
    environ |= {"KIPNET_PUBLIC_URL": PORTAL, "KIPNET_DATABASE_URL": f"sqlite://{cwd / 'unused.sqlite3'}"}
    return subprocess.run(
        [KIPNET, "mail", "preview", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )


def test_the_preview_shows_every_kind_in_every_language(tmp_path):
    # when
    done = preview(cwd=tmp_path)
    # then: one heading per kind and language, in order, each with its subject and link
    assert (done.returncode, done.stderr) == (0, "")
    headings = [line.split(" to ")[0] for line in done.stdout.splitlines() if line.startswith("==== ")]
    assert headings == [f"==== {kind} [{lang}]" for kind in sorted(catalogue()) for lang in MAIL_LANGUAGES]
    assert "{" not in done.stdout
    assert f"{PORTAL}/applications/KIP-2026-0007" in done.stdout
    assert f"{PORTAL}/staff/applications/KIP-2026-0007" in done.stdout
    # the account mails link with a made-up token of the real shape
    assert f"{PORTAL}/account/invitation/{SAMPLE_TOKEN}\n" in done.stdout
    assert f"{PORTAL}/account/reset/{SAMPLE_TOKEN}\n" in done.stdout
    assert not (tmp_path / "unused.sqlite3").exists()  # proofreading needs no database


def test_one_kind_in_one_language_as_html(tmp_path):
    done = preview("--kind", "REJECTED", "--language", "it", "--html", cwd=tmp_path)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[:3] == [
        "==== REJECTED [it] to every active applicant member of the organisation; "
        "sent by decideApplication (REJECT)",
        "Subject: Decisione sulla sua domanda KIP-2026-0007: respinta",
        "",
    ]
    assert lines[3:5] == ["<!DOCTYPE html>", '<html lang="it">']
    assert f'<a href="{PORTAL}/applications/KIP-2026-0007">Vedere la decisione sul portale</a>' in done.stdout


def test_the_previews_are_written_as_files_for_a_folder(tmp_path):
    done = preview("--language", "en", "--out", str(tmp_path / "mails"), cwd=tmp_path)
    assert (done.returncode, done.stdout) == (
        0,
        f"kipnet: {2 * len(catalogue())} mail previews written to {tmp_path / 'mails'}\n",
    )
    written = sorted(path.name for path in (tmp_path / "mails").iterdir())
    assert written == sorted(f"{kind}.en.{ext}" for kind in catalogue() for ext in ("html", "txt"))
    assert (
        (tmp_path / "mails" / "CLOSED.en.txt")
        .read_text(encoding="utf-8")
        .startswith("Subject: Project closed: KIP-2026-0007\n\nHello\n\nThe project KIP-2026-0007")
    )


def test_an_unknown_kind_is_refused_with_the_known_ones(tmp_path):
    done = preview("--kind", "WELCOME", cwd=tmp_path)
    assert done.returncode == 2
    assert "invalid choice: 'WELCOME'" in done.stderr


def test_the_directory_digest_previews_its_sample_edits_in_the_chosen_language(tmp_path):
    # when
    done = preview("--kind", "DIRECTORY_EDITS", "--language", "it", cwd=tmp_path)
    # then: the list of edits is Italian too, and the mail links to the organisations page
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[1] == "Subject: Elenco: 4 modifica/e da parte di organizzazioni"
    assert (
        "- Maria Muster (maria@verein-a.ch), 12.03.2026 14:05 UTC: Dati modificati: telefono, sito web"
        in lines
    )
    assert "- Luca Rossi (luca@treffpunkt.ch), 12.03.2026 14:05 UTC: Offerta «Nähatelier» rimossa" in lines
    assert f"{PORTAL}/admin/organisations" in lines
