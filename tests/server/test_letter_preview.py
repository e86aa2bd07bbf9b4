"""`kipnet letter preview` as a programme officer runs it: a sample letter as a PDF, no database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdf

KIPNET = str(Path(sys.executable).with_name("kipnet"))


def preview(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environ = {key: value for key, value in os.environ.items() if not key.startswith("KIPNET_")}
    environ |= {"KIPNET_DATABASE_URL": f"sqlite://{cwd / 'unused.sqlite3'}"}
    return subprocess.run(
        [KIPNET, "letter", "preview", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )


def test_a_french_approval_is_written_to_the_file_named(tmp_path):
    # when
    done = preview("--language", "fr", "--out", "letter.pdf", cwd=tmp_path)
    # then
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "kipnet: sample approval letter [fr] written to letter.pdf\n",
        "",
    )
    text = pypdf.PdfReader(tmp_path / "letter.pdf").pages[0].extract_text()
    assert "Service de l'intégration de Bâle-Campagne" in text
    assert "La demande est acceptée." in text
    assert not (tmp_path / "unused.sqlite3").exists()  # proofreading needs no database


def test_a_german_rejection(tmp_path):
    done = preview("--reject", "--out", "rejection.pdf", cwd=tmp_path)
    assert done.returncode == 0
    text = pypdf.PdfReader(tmp_path / "rejection.pdf").pages[0].extract_text()
    assert "Das Gesuch wird abgelehnt." in text
    assert "Begründung" in text


def test_a_language_letters_are_not_written_in_is_refused(tmp_path):
    done = preview("--language", "es", "--out", "letter.pdf", cwd=tmp_path)
    assert done.returncode == 2
    assert "invalid choice: 'es'" in done.stderr
    assert not (tmp_path / "letter.pdf").exists()
