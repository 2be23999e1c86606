"""Bearer-token authentication (DESIGN §7): no anonymous access, reads or writes."""

from __future__ import annotations

import hmac
from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from graphql_schema.context import Context


def token_from_header(value: object) -> str | None:
    """The token of an `Authorization: Bearer <token>` value, or None."""
    if not isinstance(value, str):
        return None
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def token_is_valid(token: str | None, admin_token: str) -> bool:
    """Constant-time comparison against the admin token."""
    return token is not None and hmac.compare_digest(token.encode(), admin_token.encode())


class IsAuthenticated(BasePermission):
    """Refuses any field to a caller without a valid bearer token."""

    message = "Authentication required: send 'Authorization: Bearer <token>'"

    def has_permission(self, source: Any, info: Info[Context, Any], **kwargs: Any) -> bool:
        """True for an authenticated caller."""
        return info.context.authenticated
