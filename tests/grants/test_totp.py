"""TOTP codes, recovery codes, sealing and the QR code: pure functions at fixed times."""

from datetime import UTC, datetime, timedelta

import pyotp

from grants import totp

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = datetime(2026, 11, 26, 12, 0, 10, tzinfo=UTC)
APP_SECRET = "app-secret-" + "z" * 32


def code_at(when: datetime) -> str:
    return pyotp.TOTP(SECRET).at(when)


def test_the_current_code_matches_its_step():
    assert totp.matching_step(SECRET, code_at(NOW), now=NOW, last_used_step=None) == totp.step_at(NOW)


def test_a_code_one_step_off_counts_and_two_steps_off_does_not():
    step = totp.step_at(NOW)
    for offset, expected in ((-1, step - 1), (1, step + 1), (-2, None), (2, None)):
        code = code_at(NOW + timedelta(seconds=30 * offset))
        assert totp.matching_step(SECRET, code, now=NOW, last_used_step=None) == expected


def test_a_code_is_refused_in_the_step_it_was_used_and_so_is_an_earlier_one():
    step = totp.step_at(NOW)
    assert totp.matching_step(SECRET, code_at(NOW), now=NOW, last_used_step=step) is None
    earlier = code_at(NOW - timedelta(seconds=30))
    assert totp.matching_step(SECRET, earlier, now=NOW, last_used_step=step) is None
    later = code_at(NOW + timedelta(seconds=30))
    assert totp.matching_step(SECRET, later, now=NOW, last_used_step=step) == step + 1


def test_spaces_are_ignored_and_anything_but_six_digits_is_refused():
    code = code_at(NOW)
    assert totp.matching_step(SECRET, f" {code[:3]} {code[3:]} ", now=NOW, last_used_step=None) is not None
    for wrong in ("", "12345", "1234567", "abcdef", "١٢٣٤٥٦"):
        assert totp.matching_step(SECRET, wrong, now=NOW, last_used_step=None) is None


def test_a_sealed_secret_opens_only_with_the_same_app_secret():
    sealed = totp.seal(SECRET, APP_SECRET)
    assert SECRET not in sealed
    assert totp.unseal(sealed, APP_SECRET) == SECRET
    assert totp.unseal(sealed, APP_SECRET + "-rotated") is None


def test_ten_distinct_recovery_codes_whose_digest_ignores_case_spaces_and_dashes():
    codes = totp.new_recovery_codes()
    assert len(set(codes)) == 10
    assert all(len(code) == 11 and code[5] == "-" for code in codes)
    code = codes[0]
    assert totp.recovery_digest(f" {code.upper()} ", APP_SECRET) == totp.recovery_digest(
        code.replace("-", ""), APP_SECRET
    )
    assert totp.recovery_digest(code, APP_SECRET) != totp.recovery_digest(code, APP_SECRET + "x")


def test_the_qr_code_is_inline_svg_without_script_or_style_and_the_uri_names_the_account():
    uri = totp.provisioning_uri(SECRET, "approver@example.org")
    svg = totp.qr_svg(uri)
    assert uri == f"otpauth://totp/kipnet:approver%40example.org?secret={SECRET}&issuer=kipnet"
    assert svg.startswith("<svg ")
    assert svg.endswith("</svg>")
    assert "style" not in svg
    assert "script" not in svg
    assert totp.grouped("ABCDEFGHIJ") == "ABCD EFGH IJ"
