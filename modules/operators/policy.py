"""Pure rules of API access: role ranks, token secrets and their digests, token names."""

from __future__ import annotations

import hashlib
import secrets

from modules.kernel.commands import InvalidCommand
from modules.operators.records import Role

_RANK = {Role.VIEWER: 0, Role.OPERATOR: 1, Role.ADMIN: 2}

SECRET_BYTES = 32
"""Random bytes in a token's secret (256 bits, URL-safe base64)."""

MAX_NAME = 100
"""The longest token name."""

BOOTSTRAP_ADMIN = "admin (CSMS_ADMIN_TOKEN)"
"""The actor name of the bootstrap admin token in the audit log."""


def allows(role: Role, needed: Role) -> bool:
    """Whether `role` may do what needs `needed`."""
    return _RANK[role] >= _RANK[needed]


def new_secret() -> str:
    """A fresh random token secret."""
    return secrets.token_urlsafe(SECRET_BYTES)


def digest(secret: str) -> str:
    """The stored form of a secret: its SHA-256, hex. A fast hash is enough here (unlike for
    passwords) because a secret carries 256 random bits: no dictionary or brute force can
    find one from its digest, and checking a token costs the node microseconds."""
    return hashlib.sha256(secret.encode()).hexdigest()


def check_name(name: str) -> str:
    """A token name stripped, 1..MAX_NAME characters, or `InvalidCommand` naming it."""
    stripped = name.strip()
    if not 1 <= len(stripped) <= MAX_NAME:
        raise InvalidCommand("name", f"must be 1 to {MAX_NAME} characters")
    if any(ord(char) < 32 for char in stripped):
        raise InvalidCommand("name", "must not contain control characters")
    return stripped
