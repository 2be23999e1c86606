"""Station passwords (security profiles 1 and 2: HTTP Basic auth) stored as salted, memory-hard
scrypt hashes (A01.FR.08); PBKDF2 hashes stored before scrypt still verify."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import string

_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
_MAX_SCRYPT_N = 2**17
_MAX_ITERATIONS = 10_000_000
_MAXMEM = 128 * _MAX_SCRYPT_N * _SCRYPT_R * 2
_ALPHABET = string.ascii_letters + string.digits
GENERATED_LENGTH = 40
"""Characters in a generated password: the most A00.FR.205 allows (about 238 bits)."""


def hash_password(password: str) -> str:
    """A salted scrypt hash of `password`, self-describing (`scrypt$n$r$p$salt$digest`)."""
    salt = secrets.token_hex(16)
    digest = _scrypt(password, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt}${digest}"


def _scrypt(password: str, salt: str, n: int, r: int, p: int) -> str:
    return hashlib.scrypt(
        password.encode(), salt=salt.encode(), n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32
    ).hex()


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the stored hash (scrypt, or the older PBKDF2), compared in
    constant time."""
    parts = stored.split("$")
    try:
        if parts[0] == "scrypt" and len(parts) == 6:
            n, r, p = (int(value) for value in parts[1:4])
            if not (1 < n <= _MAX_SCRYPT_N and n & (n - 1) == 0 and 0 < r <= 32 and 0 < p <= 4):
                return False
            candidate = _scrypt(password, parts[4], n, r, p)
        elif parts[0] == "pbkdf2_sha256" and len(parts) == 4:
            iterations = int(parts[1])
            if not 0 < iterations <= _MAX_ITERATIONS:
                return False
            candidate = hashlib.pbkdf2_hmac(
                "sha256", password.encode(), parts[2].encode(), iterations
            ).hex()
        else:
            return False
    except ValueError:
        return False
    return hmac.compare_digest(candidate.encode(), parts[-1].encode())


def generate_password() -> str:
    """A random password of letters and digits (A01.FR.07), valid as a passwordString."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(GENERATED_LENGTH))


def basic_auth_credentials(header: str | None) -> tuple[str, str] | None:
    """(username, password) from an `Authorization: Basic ...` header, or None."""
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, sep, password = decoded.partition(":")
    return (username, password) if sep else None
