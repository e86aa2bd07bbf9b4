"""`kipnet users reset-two-factor EMAIL`: the operator's help for a lost phone and lost recovery codes."""

from __future__ import annotations

import sqlite3

from tests.server.test_command_line import rows, run


def test_reset_two_factor_turns_it_off_audited_and_refuses_an_unknown_address(tmp_path):
    # given an administrator with two-factor sign-in on (a secret and a recovery code stored)
    run(["db", "upgrade"], tmp_path)
    run(["users", "add", "a@example.org", "--role", "ADMIN"], tmp_path, stdin="long enough password\n")
    with sqlite3.connect(tmp_path / "k.sqlite3") as connection:
        connection.execute("UPDATE user_account SET two_factor_enabled = 1")
        connection.execute(
            "INSERT INTO two_factor_secret (user_id, sealed_secret, created_at, confirmed_at) "
            "VALUES (1, 'sealed', '2026-11-26 12:00:00+00:00', '2026-11-26 12:00:00+00:00')"
        )
        connection.execute(
            "INSERT INTO recovery_code (user_id, code_digest, created_at) VALUES (1, 'd', '2026-11-26 12:00:00+00:00')"
        )
    # when the operator resets it, and tries an unknown address
    done = run(["users", "reset-two-factor", " A@Example.org "], tmp_path)
    unknown = run(["users", "reset-two-factor", "nobody@example.org"], tmp_path)
    # then it is off, its secret and codes are gone, the change is audited; the unknown one is refused
    assert (done.returncode, done.stdout.strip()) == (0, "kipnet: two-factor sign-in of a@example.org is off")
    assert rows(tmp_path, "SELECT two_factor_enabled FROM user_account") == [(0,)]
    assert rows(tmp_path, "SELECT count(*) FROM two_factor_secret") == [(0,)]
    assert rows(tmp_path, "SELECT count(*) FROM recovery_code") == [(0,)]
    assert rows(tmp_path, "SELECT action FROM audit_record WHERE action LIKE 'user.two_factor%'") == [
        ("user.two_factor_reset",)
    ]
    assert (unknown.returncode, unknown.stderr.strip()) == (1, "kipnet: No user nobody@example.org")
