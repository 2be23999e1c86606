"""Station passwords (security profile 1/2: HTTP basic auth) stored as salted PBKDF2 hashes."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

_ITERATIONS = 100_000
_MAX_ITERATIONS = 10_000_000


def hash_password(password: str) -> str:
    """A salted PBKDF2-SHA256 hash of `password`, self-describing."""
    salt = secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), _ITERATIONS).hex()
    return f"pbkdf2_sha256${_ITERATIONS}${salt}${digest}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the stored hash."""
    try:
        scheme, iterations_text, salt, digest = stored.split("$")
        iterations = int(iterations_text)
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256" or not 0 < iterations <= _MAX_ITERATIONS:
        return False
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations).hex()
    return hmac.compare_digest(candidate, digest)


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
