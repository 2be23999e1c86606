"""Bearer-token authentication (DESIGN §7), checked once per operation: no anonymous reads
or writes. Only an operation that asks for nothing but introspection (`__schema`, `__type`,
`__typename`) runs without a token."""

from __future__ import annotations

import hmac
from collections.abc import Iterator

from graphql import DocumentNode, FieldNode, GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

UNAUTHENTICATED = "UNAUTHENTICATED"
MESSAGE = "Authentication required: send 'Authorization: Bearer <token>'"


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


def _introspection_only(document: DocumentNode | None, operation_name: str | None) -> bool:
    """True when the operation to run selects only `__`-fields at its root."""
    if document is None:
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [d for d in operations if d.name and d.name.value == operation_name]
    if len(operations) != 1:
        return False
    return all(
        isinstance(selection, FieldNode) and selection.name.value.startswith("__")
        for selection in operations[0].selection_set.selections
    )


class RequireAuthentication(SchemaExtension):
    """Refuses a whole operation to a caller without a valid token, before it is validated
    or executed; it comes after the validation cache, whose verdict it replaces."""

    def on_validate(self) -> Iterator[None]:
        """Replace the validation verdict with the authentication error when needed."""
        execution = self.execution_context
        if not getattr(execution.context, "authenticated", False) and not _introspection_only(
            execution.graphql_document, execution.operation_name
        ):
            execution.pre_execution_errors = [
                GraphQLError(MESSAGE, extensions={"code": UNAUTHENTICATED})
            ]
        yield
