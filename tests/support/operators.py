"""API tokens for tests: created through GraphQL by the bootstrap admin."""

from __future__ import annotations

from dataclasses import dataclass

from tests.support.graphql import GraphQLClient
from tests.support.nodes import RunningNode

CREATE = """
mutation($name: String!, $role: ApiRole!) {
  createApiToken(input: {name: $name, role: $role}) { id name role token }
}
"""


@dataclass(frozen=True)
class IssuedToken:
    """A token created for a test: its id, secret, and a client sending it."""

    id: str
    secret: str
    client: GraphQLClient


async def issue_token(node: RunningNode, role: str, name: str | None = None) -> IssuedToken:
    """A new token of `role` (VIEWER, OPERATOR or ADMIN), created by the bootstrap admin."""
    data = await node.graphql.data(CREATE, {"name": name or role.lower(), "role": role})
    created = data["createApiToken"]
    client = GraphQLClient(node.session, f"{node.http_url}/graphql", created["token"])
    return IssuedToken(created["id"], created["token"], client)
