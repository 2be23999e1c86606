"""Hardening of the API (issue 19 item 5): the abusive requests measured on the issue are
refused before execution, without a token and with a viewer's; depth, aliases, cost, tokens,
body size, introspection and GraphiQL in production, allowed origins, and the throttle of
failed authentications per address."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import NodeFactory
from tests.support.graphql import GraphQLClient
from tests.support.nodes import RunningNode
from tests.support.operators import issue_token

SCHEMA_5_LEVELS = "__schema { types { fields { type { ofType { name } } } } }"


def aliases(count: int, selection: str) -> str:
    """A query of `count` aliases of one selection."""
    return "{ " + " ".join(f"a{i}: {selection}" for i in range(count)) + " }"


ABUSIVE = {
    "5000 aliases of a 5-level __schema": aliases(5000, SCHEMA_5_LEVELS),
    "50000 aliases of __typename": aliases(50_000, "__typename"),
    "1000 aliases of stations": aliases(1000, "stations { id }"),
    "1000 aliases of stations(first:100){evses{connectors}}": aliases(
        1000, "stations(first: 100) { evses { connectors { id } } }"
    ),
    "a 0.5 MB document": "{ stations { id } }" + " " * 500_000 + "# " + "x" * 1000,
}


def first_error(body: dict[str, Any]) -> dict[str, Any]:
    """The first error of a response that has no data."""
    assert body.get("data") is None, body
    error: dict[str, Any] = body["errors"][0]
    return error


@pytest.mark.parametrize("query", list(ABUSIVE.values()), ids=list(ABUSIVE))
async def test_abusive_requests_without_a_token_are_refused_unparsed(
    node: RunningNode, query: str
) -> None:
    anonymous = GraphQLClient(node.session, f"{node.http_url}/graphql", None)

    error = first_error(await anonymous.execute(query))

    assert error["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize("query", list(ABUSIVE.values()), ids=list(ABUSIVE))
async def test_abusive_requests_of_a_viewer_are_refused_before_execution(
    node: RunningNode, query: str
) -> None:
    viewer = await issue_token(node, "VIEWER")

    error = first_error(await viewer.client.execute(query))

    assert "more than 2000 tokens" in error["message"] or error["extensions"]["code"] == (
        "LIMIT_EXCEEDED"
    )


async def test_the_alias_limit(node: RunningNode) -> None:
    viewer = await issue_token(node, "VIEWER")

    error = first_error(await viewer.client.execute(aliases(31, "stations { id }")))
    allowed = await viewer.client.data(aliases(30, "stations { id }"))

    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "31 aliases; at most 30" in error["message"]
    assert len(allowed) == 30


async def test_the_depth_limit(make_node: NodeFactory, sqlite_url: str) -> None:
    node = await make_node(sqlite_url, graphql_max_depth=2)

    error = first_error(await node.graphql.execute("{ stations { evses { id } } }"))
    allowed = await node.graphql.data("{ stations { id } }")

    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "deeper than 2" in error["message"]
    assert allowed == {"stations": []}


async def test_the_cost_limit_counts_pages_from_literals_and_variables(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    """100 stations, 4 EVSEs each, 4 connectors each: 100 + 100 + 400 + 400 + 1600 values."""
    node = await make_node(sqlite_url, graphql_max_cost=1000)
    viewer = await issue_token(node, "VIEWER")
    nested = "query($n: Int!) { stations(first: $n) { evses { id connectors { id } } } }"

    big = first_error(await viewer.client.execute(nested, {"n": 100}))
    literal = first_error(
        await viewer.client.execute("{ stations(first: 100) { evses { id connectors { id } } } }")
    )
    small = await viewer.client.data(nested, {"n": 10})

    assert big["extensions"]["code"] == literal["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "more than 1000 field values" in big["message"]
    assert small == {"stations": []}


async def test_fragments_cannot_multiply_the_cost_unseen(node: RunningNode) -> None:
    """Fragments spread under aliases multiply what each page costs: counted through them."""
    evse = " ".join(f"c{i}: connectors {{ ...C }}" for i in range(10))
    station = " ".join(f"e{i}: evses {{ ...E }}" for i in range(10))
    query = (
        "{ stations(first: 100) { ...S } } fragment C on Connector { id } "
        f"fragment E on Evse {{ {evse} }} fragment S on Station {{ {station} }}"
    )

    error = first_error(await node.graphql.execute(query))

    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "field values" in error["message"]


async def test_the_token_limit_stops_the_parse(node: RunningNode) -> None:
    error = first_error(await node.graphql.execute("{ " + "a " * 2100 + "}"))

    assert "more than 2000 tokens" in error["message"]


async def test_the_body_size_limit(make_node: NodeFactory, sqlite_url: str) -> None:
    node = await make_node(sqlite_url, graphql_max_body_bytes=2000)
    headers = {"Authorization": f"Bearer {node.settings.admin_token}"}

    async with node.session.post(
        f"{node.http_url}/graphql",
        json={"query": "{ stations { id } }" + " " * 3000},
        headers=headers,
    ) as response:
        assert response.status == 413
        body = await response.json()
    assert body["errors"][0]["extensions"]["code"] == "TOO_LARGE"
    assert await node.graphql.data("{ stations { id } }") == {"stations": []}


async def test_introspection_off_refuses_schema_and_type_but_not_typename(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url, graphql_introspection=False)

    schema = first_error(await node.graphql.execute("{ __schema { types { name } } }"))
    kind = first_error(await node.graphql.execute('{ __type(name: "Station") { name } }'))

    assert "introspection" in schema["message"].lower()
    assert "introspection" in kind["message"].lower()
    assert await node.graphql.data("{ __typename }") == {"__typename": "Query"}


async def test_graphiql_is_not_served_when_off(make_node: NodeFactory, sqlite_url: str) -> None:
    on = await make_node(sqlite_url)
    off = await make_node(sqlite_url, graphiql=False)
    html = {"Accept": "text/html"}

    async with on.session.get(f"{on.http_url}/graphql", headers=html) as response:
        assert response.status == 200
        assert "graphiql" in (await response.text()).lower()
    async with off.session.get(f"{off.http_url}/graphql", headers=html) as response:
        assert response.status == 404


async def test_browsers_may_call_from_the_node_s_own_or_an_allowed_origin(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url, allowed_origins="https://ops.example")
    auth = {"Authorization": f"Bearer {node.settings.admin_token}"}
    query = {"query": "{ stations { id } }"}

    async def status(origin: str) -> int:
        async with node.session.post(
            f"{node.http_url}/graphql", json=query, headers={**auth, "Origin": origin}
        ) as response:
            return response.status

    assert await status("https://evil.example") == 403
    assert await status("https://ops.example") == 200
    assert await status(node.http_url) == 200


async def test_failed_authentications_are_throttled_per_address(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url, api_auth_failures_per_address=3)
    wrong = GraphQLClient(node.session, f"{node.http_url}/graphql", "not-a-token")

    codes = [first_error(await wrong.execute("{ stations { id } }"))["extensions"]["code"]]
    codes += [first_error(await wrong.execute("{ stations { id } }"))["extensions"]["code"]]
    codes += [first_error(await wrong.execute("{ stations { id } }"))["extensions"]["code"]]
    after = first_error(await node.graphql.execute("{ stations { id } }"))

    assert codes == ["UNAUTHENTICATED"] * 3
    assert after["extensions"]["code"] == "TOO_MANY_REQUESTS"
