"""`kipnet db backup` and `db restore` leave nothing behind and refuse, in one line, what would do harm."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
import pytest

from tests.load import query
from tests.served import ServedKipnet, kipnet_command, kipnet_environment

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])

STATE = "SELECT (SELECT count(*) FROM tortoise_migrations), (SELECT count(*) FROM organisation)"


def kipnet(database_url: str, *args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        kipnet_command(*args),
        env=kipnet_environment(database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def files(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def test_a_backup_is_one_file_and_restoring_from_it_leaves_nothing_beside_it(
    seeded_database_url: str, tmp_path: Path
):
    # given a seeded database and an empty directory for backups
    backups = tmp_path / "backups"
    backups.mkdir()
    copy = backups / "kipnet-1.sqlite3"
    # when a backup is taken and then restored into a new database
    made = kipnet(seeded_database_url, "db", "backup", str(copy))
    restored_url = f"sqlite://{tmp_path / 'restored' / 'k.sqlite3'}"
    (tmp_path / "restored").mkdir()
    restored = kipnet(restored_url, "db", "restore", str(copy))
    # then the backup directory holds the backup alone, and the restored database its content
    assert (made[0], made[2]) == (0, "")
    assert made[1].startswith(f"kipnet: backup written to {copy} (")
    documents = Path(seeded_database_url.removeprefix("sqlite://").split("?")[0]).with_name(
        Path(seeded_database_url.removeprefix("sqlite://").split("?")[0]).stem + "-documents"
    )
    assert made[1].splitlines()[1] == (
        f"kipnet: documents are files in {documents}, not in the database: copy them after each database "
        f"backup, e.g. rsync -a {documents}/ BACKUP-documents/ (a stored file never changes, so a copy "
        "taken after the database's holds every document it names)"
    )
    assert (restored[0], restored[2]) == (0, "")
    assert files(backups) == ["kipnet-1.sqlite3"]
    assert query(restored_url, STATE) == query(seeded_database_url, STATE)
    assert files(tmp_path / "restored") == ["k.sqlite3", "k.sqlite3.lock"]


def test_a_backup_into_a_missing_directory_is_refused_in_one_line(database_url: str, tmp_path: Path):
    # given a directory that does not exist
    target = tmp_path / "nowhere" / "kipnet.sqlite3"
    # when a backup is written there
    outcome = kipnet(database_url, "db", "backup", str(target))
    # then it says so, without a traceback, and writes nothing
    assert outcome == (1, "", f"kipnet: no directory {target.parent} for the backup\n")
    assert not target.parent.exists()


def test_restore_is_refused_while_a_server_runs_on_the_database(
    served: ServedKipnet, database_url: str, tmp_path: Path
):
    # given a running server and a good backup of another (seeded) database
    backup = tmp_path / "backup.sqlite3"
    assert kipnet(database_url, "db", "backup", str(backup))[0] == 0
    before = query(database_url, STATE)
    # when the backup is restored onto the served database
    outcome = kipnet(database_url, "db", "restore", str(backup))
    # then the restore is refused and the server goes on as before
    database = database_url.removeprefix("sqlite://")
    assert outcome == (
        1,
        "",
        f"kipnet: cannot restore: {database} is in use by a running kipnet server (or a restore): "
        "stop it first; nothing was changed\n",
    )
    assert query(database_url, STATE) == before
    assert httpx.get(f"{served.url}/healthz").status_code == 200


def test_restoring_a_database_onto_itself_is_refused(database_url: str, tmp_path: Path):
    # given the database file itself, named as the backup (through another path)
    database = Path(database_url.removeprefix("sqlite://"))
    same = database.parent / "." / database.name
    before = query(database_url, STATE)
    # when it is restored
    outcome = kipnet(database_url, "db", "restore", str(same))
    # then that is refused, and nothing changed
    assert outcome == (1, "", f"kipnet: {same} is the database itself: name a backup to restore from\n")
    assert query(database_url, STATE) == before


def test_a_restore_into_a_missing_directory_is_refused_in_one_line(database_url: str, tmp_path: Path):
    # given a backup, and a database URL whose directory does not exist
    backup = tmp_path / "backup.sqlite3"
    assert kipnet(database_url, "db", "backup", str(backup))[0] == 0
    target = tmp_path / "nowhere" / "k.sqlite3"
    # when it is restored there
    outcome = kipnet(f"sqlite://{target}", "db", "restore", str(backup))
    # then
    assert outcome == (
        1,
        "",
        f"kipnet: cannot restore: no directory {target.parent} for the database k.sqlite3; nothing was changed\n",
    )
    assert not target.parent.exists()
