"""Authentication comes before anything else: every root field of every operation type, found
by introspection, refuses a caller with no token or a wrong one (DESIGN §7), before the
request's body is even parsed; introspection too needs a token."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from tests.conftest import NodeFactory
from tests.support.graphql import GraphQLClient
from tests.support.nodes import RunningNode

ROOT_FIELDS = """
{ __schema {
    queryType { fields { name } }
    mutationType { fields { name } }
    subscriptionType { fields { name } }
} }
"""


async def root_fields(client: GraphQLClient) -> dict[str, list[str]]:
    """Root field names per operation type, read by introspection (with the client's token)."""
    body = await client.execute(ROOT_FIELDS)
    assert not body.get("errors"), body.get("errors")
    schema: dict[str, Any] = body["data"]["__schema"]
    return {
        kind: [field["name"] for field in schema[f"{kind}Type"]["fields"]]
        for kind in ("query", "mutation", "subscription")
    }


@pytest.mark.parametrize("token", [None, "wrong-token"], ids=["anonymous", "wrong token"])
async def test_every_query_and_mutation_field_refuses_a_missing_or_wrong_token(
    make_node: NodeFactory, sqlite_url: str, token: str | None
) -> None:
    # failed authentications are not throttled here: each field is tried once
    node = await make_node(sqlite_url, api_auth_failures_per_address=100_000)
    client = GraphQLClient(node.session, f"{node.http_url}/graphql", token)
    fields = await root_fields(node.graphql)
    assert len(fields["query"]) > 10 and len(fields["mutation"]) > 10
    for kind in ("query", "mutation"):
        for name in fields[kind]:
            # Refused before parsing: arguments and selections need not be right.
            body = await client.execute(f"{kind} {{ {name} }}")
            assert body.get("data") is None, (kind, name, body)
            (error,) = body["errors"]
            assert error["extensions"]["code"] == "UNAUTHENTICATED", (kind, name, body)
            assert "Authentication required" in error["message"]


async def test_every_subscription_field_is_refused_over_http_without_a_token(
    node: RunningNode,
) -> None:
    anonymous = GraphQLClient(node.session, f"{node.http_url}/graphql", None)
    fields = (await root_fields(node.graphql))["subscription"]
    assert {"stationEvents", "transactionEvents", "meterValues"} <= set(fields)
    for name in fields:
        # A subscription sent over HTTP without a token is refused as well.
        body = await anonymous.execute(f"subscription {{ {name} }}")
        assert body.get("data") is None, (name, body)


@pytest.mark.parametrize("token", [None, "wrong-token"], ids=["anonymous", "wrong token"])
async def test_a_subscription_socket_without_a_valid_token_is_closed(
    node: RunningNode, token: str | None
) -> None:
    ws = await node.session.ws_connect(
        f"{node.http_url}/graphql", protocols=("graphql-transport-ws",)
    )
    payload = {"Authorization": f"Bearer {token}"} if token else {}
    await ws.send_json({"type": "connection_init", "payload": payload})
    message = await ws.receive()
    assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert ws.close_code == 4403
    await ws.close()


@pytest.mark.parametrize("query", ["{ __typename }", ROOT_FIELDS])
async def test_introspection_needs_a_token(node: RunningNode, query: str) -> None:
    client = GraphQLClient(node.session, f"{node.http_url}/graphql", None)

    body = await client.execute(query)

    assert body.get("data") is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_request_without_a_token_is_refused_before_its_body_is_read(
    node: RunningNode,
) -> None:
    """An unparsable body gets 401, not 400: nothing was parsed."""
    async with node.session.post(
        f"{node.http_url}/graphql", data=b"{ not json", headers={"Content-Type": "application/json"}
    ) as response:
        assert response.status == 401
        assert response.headers["WWW-Authenticate"] == "Bearer"
        body = await response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_introspection_beside_a_real_field_is_refused(node: RunningNode) -> None:
    client = GraphQLClient(node.session, f"{node.http_url}/graphql", None)

    body = await client.execute("{ __typename stations { id } }")

    assert body.get("data") is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_valid_token_reaches_the_fields(node: RunningNode) -> None:
    data = await node.graphql.data("{ stations { id } }")

    assert data == {"stations": []}
