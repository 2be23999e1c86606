"""The unit-of-work adapter: one Tortoise transaction on the default connection."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Any

from tortoise.transactions import in_transaction


def transaction() -> AbstractAsyncContextManager[Any]:
    """Open one database transaction (the kernel's `UnitOfWork` port)."""
    return in_transaction()
