"""Station credentials (HTTP basic auth, security profiles 1/2) and identity rules.

Part 4 §3.1.1: the station identity comes from the connection URL, is an identifierString (Part 2:
a-z A-Z 0-9 * - _ = : + | @ .) of at most 48 characters, and must not contain ':' because it
doubles as the basic-auth username.
"""

from __future__ import annotations

import base64
import hashlib

import pytest

from modules.kernel.passwords import (
    GENERATED_LENGTH,
    basic_auth_credentials,
    generate_password,
    hash_password,
    verify_password,
)
from modules.kernel.station_id import MAX_STATION_ID, station_id_problem


def basic(raw: bytes | str) -> str:
    data = raw.encode() if isinstance(raw, str) else raw
    return "Basic " + base64.b64encode(data).decode()


# --- password hashes ----------------------------------------------------------------------------


def test_a_hashed_password_verifies() -> None:
    stored = hash_password("s3cret-Pässword")

    assert verify_password("s3cret-Pässword", stored) is True


def test_a_wrong_password_does_not_verify() -> None:
    stored = hash_password("s3cret")

    assert verify_password("s3cret ", stored) is False
    assert verify_password("S3cret", stored) is False
    assert verify_password("", stored) is False


def test_the_hash_is_salted_and_self_describing() -> None:
    first, second = hash_password("same"), hash_password("same")

    assert first != second
    assert first.startswith("scrypt$")
    assert "same" not in first
    assert verify_password("same", first) and verify_password("same", second)


def test_an_empty_password_round_trips() -> None:
    assert verify_password("", hash_password("")) is True


def test_a_pbkdf2_hash_stored_before_scrypt_still_verifies() -> None:
    digest = hashlib.pbkdf2_hmac("sha256", b"old-password", b"salt", 1000).hex()
    stored = f"pbkdf2_sha256$1000$salt${digest}"

    assert verify_password("old-password", stored) is True
    assert verify_password("old-passwore", stored) is False


def test_a_generated_password_is_a_long_random_password_string_a01_fr_07() -> None:
    first, second = generate_password(), generate_password()

    assert first != second
    assert len(first) == GENERATED_LENGTH
    assert 16 <= GENERATED_LENGTH <= 40  # A00.FR.205
    assert first.isalnum() and first.isascii()


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plaintext",
        "pbkdf2_sha256$1000$salt",
        "pbkdf2_sha256$1000$salt$digest$extra",
        "md5$1000$salt$digest",
        "pbkdf2_sha256$1$salt$",
        "pbkdf2_sha256$1$salt$not-the-digest",
        "scrypt$16384$8$1$salt",
        "scrypt$16384$8$1$salt$not-the-digest",
        "scrypt$1000$8$1$salt$00",
        "scrypt$16384$0$1$salt$00",
        "scrypt$1073741824$8$1$salt$00",
        "scrypt$x$8$1$salt$00",
    ],
)
def test_a_malformed_stored_hash_never_verifies(stored: str) -> None:
    assert verify_password("anything", stored) is False


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param("pbkdf2_sha256$many$salt$digest", id="iterations-not-a-number"),
        pytest.param("pbkdf2_sha256$$salt$digest", id="iterations-empty"),
        pytest.param("pbkdf2_sha256$0$salt$digest", id="iterations-zero"),
        pytest.param("pbkdf2_sha256$-5$salt$digest", id="iterations-negative"),
    ],
)
def test_a_stored_hash_with_a_bad_iteration_count_never_verifies(stored: str) -> None:
    assert verify_password("anything", stored) is False


# --- Authorization header -----------------------------------------------------------------------


def test_basic_auth_header_gives_username_and_password() -> None:
    assert basic_auth_credentials(basic("CS001:s3cret")) == ("CS001", "s3cret")


def test_the_scheme_name_is_case_insensitive() -> None:
    # RFC 7235 §2.1: auth-scheme is case-insensitive.
    token = base64.b64encode(b"CS001:pw").decode()

    assert basic_auth_credentials(f"basic {token}") == ("CS001", "pw")
    assert basic_auth_credentials(f"BASIC {token}") == ("CS001", "pw")


def test_the_password_may_contain_colons() -> None:
    # RFC 7617: the user-id ends at the first colon; the password is everything after it.
    assert basic_auth_credentials(basic("CS001:a:b:c")) == ("CS001", "a:b:c")


def test_an_empty_password_is_still_credentials() -> None:
    assert basic_auth_credentials(basic("CS001:")) == ("CS001", "")


def test_a_utf8_password_is_decoded() -> None:
    assert basic_auth_credentials(basic("CS001:Grüße")) == ("CS001", "Grüße")


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(None, id="missing"),
        pytest.param("", id="empty"),
        pytest.param("Bearer abc.def.ghi", id="bearer-scheme"),
        pytest.param("Digest username=CS001", id="digest-scheme"),
        pytest.param("Basic", id="scheme-only"),
        pytest.param("Basicdm9vOmJhcg==", id="no-space-after-scheme"),
        pytest.param("Basic !!!not-base64!!!", id="bad-base64"),
        pytest.param("Basic Q1MwMDE6cHc", id="base64-missing-padding"),
        pytest.param(basic("CS001-no-colon"), id="no-colon"),
        pytest.param(basic(b"CS001:\xff\xfe"), id="not-utf8"),
    ],
)
def test_unusable_authorization_headers_give_no_credentials(header: str | None) -> None:
    assert basic_auth_credentials(header) is None


# --- station id ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "station_id",
    ["CS001", "x" * 48, "NL*ABC*E123*4", "station_01.a-b", "a=b+c|d@e", "auth-1", "AUTH-1"],
)
def test_acceptable_station_ids(station_id: str) -> None:
    assert station_id_problem(station_id) is None


def test_the_maximum_station_id_length_is_48() -> None:
    assert MAX_STATION_ID == 48
    assert station_id_problem("x" * 48) is None
    assert station_id_problem("x" * 49) == "station id longer than 48 characters"


def test_an_empty_station_id_is_refused() -> None:
    assert station_id_problem("") == "station id is empty"


@pytest.mark.parametrize("station_id", [":", "CS:001", "CS001:"])
def test_a_station_id_with_a_colon_is_refused(station_id: str) -> None:
    problem = station_id_problem(station_id)

    assert problem is not None
    assert "':'" in problem


@pytest.mark.parametrize(
    "station_id",
    [
        "CS\x00001",
        "CS\n001",
        "\tCS001",
        "CS001\x1f",
        "CS\x7f001",
        "a/b",
        "a\\b",
        "AUTH-1 ",
        "RDAM 123",
        "AUTH\u20101",
        "<script> x",
        "Grüße",
        'CS"1',
        "CS#1",
        "CS%1",
        "\uff23S1",
    ],
)
def test_a_station_id_outside_identifierstring_is_refused(station_id: str) -> None:
    """Part 4 §3.1.1: the identity is an identifierString; spaces, markup, controls, slashes
    and non-ASCII look-alikes (U+2010 for '-', fullwidth letters) are not in its set."""
    problem = station_id_problem(station_id)

    assert problem is not None
    assert "identifierString" in problem
