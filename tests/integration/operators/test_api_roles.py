"""API tokens and roles (issue 19 item 4): each role's allowed and refused root fields, found
by introspection; a created token is shown once and stored hashed; a revoked token is
refused at once and its subscription socket closed; every mutation is in the audit log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import aiohttp
import pytest

from graphql_schema.roles import ADMIN_MUTATIONS, ADMIN_QUERIES
from infra.db.models import ApiTokenRecord
from modules.operators import digest
from tests.conftest import NodeFactory
from tests.support.graphql import GraphQLClient
from tests.support.nodes import RunningNode
from tests.support.operators import issue_token

ROOT_FIELDS = """
{ __schema {
    queryType { fields { name } }
    mutationType { fields { name } }
    subscriptionType { fields { name } }
} }
"""


async def root_fields(client: GraphQLClient) -> dict[str, list[str]]:
    """Root field names per operation type, by introspection."""
    schema: dict[str, Any] = (await client.data(ROOT_FIELDS))["__schema"]
    return {
        kind: [field["name"] for field in schema[f"{kind}Type"]["fields"]]
        for kind in ("query", "mutation", "subscription")
    }


def refusal_code(body: dict[str, Any]) -> str | None:
    """The code of the operation's first error, if any."""
    errors = body.get("errors") or []
    return errors[0].get("extensions", {}).get("code") if errors else None


@pytest.mark.parametrize(
    ("role", "refused_mutations", "refused_queries"),
    [
        ("VIEWER", "all", ADMIN_QUERIES),
        ("OPERATOR", ADMIN_MUTATIONS, ADMIN_QUERIES),
        ("ADMIN", frozenset(), frozenset()),
    ],
)
async def test_each_role_is_refused_exactly_the_fields_above_it(
    node: RunningNode, role: str, refused_mutations: Any, refused_queries: frozenset[str]
) -> None:
    """Every mutation is refused for viewer; admin mutations and reads for operator; nothing
    for admin. Refused before validation: arguments and selections need not be right."""
    issued = await issue_token(node, role)
    fields = await root_fields(issued.client)
    assert refused_queries <= set(fields["query"])
    for kind in ("query", "mutation"):
        for name in fields[kind]:
            body = await issued.client.execute(f"{kind} {{ {name} }}")
            refused = name in (refused_queries if kind == "query" else refused_mutations) or (
                kind == "mutation" and refused_mutations == "all"
            )
            if refused:
                assert body.get("data") is None, (kind, name, body)
                assert refusal_code(body) == "FORBIDDEN", (kind, name, body)
                assert f"{name} (needs " in body["errors"][0]["message"]
            else:
                assert refusal_code(body) != "FORBIDDEN", (kind, name, body)


async def test_a_viewer_reads_and_subscribes(node: RunningNode) -> None:
    viewer = await issue_token(node, "VIEWER")

    assert await viewer.client.data("{ stations { id } }") == {"stations": []}
    async with viewer.client.subscribe("subscription { stationEvents { type } }"):
        await node.wait_subscribers(1)


async def test_a_refused_field_beside_an_allowed_one_refuses_the_operation(
    node: RunningNode,
) -> None:
    viewer = await issue_token(node, "VIEWER")

    body = await viewer.client.execute("query { stations { id } auditLog { id } }")

    assert body.get("data") is None
    assert refusal_code(body) == "FORBIDDEN"
    assert "auditLog (needs admin)" in body["errors"][0]["message"]


async def test_a_fragment_at_the_root_does_not_hide_a_field(node: RunningNode) -> None:
    operator = await issue_token(node, "OPERATOR")

    body = await operator.client.execute(
        'mutation { ...M } fragment M on Mutation { deleteStation(stationId: "CS1") }'
    )

    assert refusal_code(body) == "FORBIDDEN"


async def test_a_token_is_shown_once_and_stored_as_its_digest(node: RunningNode) -> None:
    issued = await issue_token(node, "OPERATOR", "night shift")

    rows = await ApiTokenRecord.all()
    assert [(row.name, row.role, row.digest) for row in rows] == [
        ("night shift", "operator", digest(issued.secret))
    ]
    assert all(issued.secret not in str(value) for value in vars(rows[0]).values())
    listed = await node.graphql.data("{ apiTokens { id name role createdBy revokedAt } }")
    assert listed["apiTokens"] == [
        {
            "id": issued.id,
            "name": "night shift",
            "role": "OPERATOR",
            "createdBy": "admin (CSMS_ADMIN_TOKEN)",
            "revokedAt": None,
        }
    ]
    assert len(issued.secret) >= 40


async def test_a_bad_token_name_is_an_input_error(node: RunningNode) -> None:
    body = await node.graphql.execute(
        'mutation { createApiToken(input: {name: "  ", role: VIEWER}) { id } }'
    )

    assert body["errors"][0]["extensions"] == {"code": "INVALID_ARGUMENT", "field": "name"}


async def test_an_admin_token_creates_and_revokes_tokens(node: RunningNode) -> None:
    admin = await issue_token(node, "ADMIN")
    viewer = await issue_token(node, "VIEWER")

    created = await admin.client.data(
        'mutation { createApiToken(input: {name: "x", role: OPERATOR}) { role } }'
    )
    revoked = await admin.client.data(
        f'mutation {{ revokeApiToken(id: "{viewer.id}") {{ id revokedAt }} }}'
    )
    missing = await admin.client.data('mutation { revokeApiToken(id: "999999") { id } }')

    assert created == {"createApiToken": {"role": "OPERATOR"}}
    assert revoked["revokeApiToken"]["id"] == viewer.id
    assert revoked["revokeApiToken"]["revokedAt"] is not None
    assert missing == {"revokeApiToken": None}


async def test_a_revoked_token_is_refused_and_its_subscription_closed(node: RunningNode) -> None:
    viewer = await issue_token(node, "VIEWER")
    assert (await viewer.client.execute("{ stations { id } }")).get("errors") is None

    async with viewer.client.subscribe("subscription { stationEvents { type } }") as live:
        await node.wait_subscribers(1)
        await node.graphql.data(f'mutation {{ revokeApiToken(id: "{viewer.id}") {{ id }} }}')

        message = await live.ws.receive()
        assert (message.type, message.data) == (aiohttp.WSMsgType.CLOSE, 4403)

    body = await viewer.client.execute("{ stations { id } }")
    assert refusal_code(body) == "UNAUTHENTICATED"


async def test_a_revocation_on_another_node_closes_the_subscription_at_the_next_check(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    """Revoked in the store behind this node's back (as another node would): the periodic
    check closes the socket."""
    node = await make_node(sqlite_url, api_token_cache_seconds=0.1)
    viewer = await issue_token(node, "VIEWER")
    async with viewer.client.subscribe("subscription { stationEvents { type } }") as live:
        await node.wait_subscribers(1)
        await ApiTokenRecord.filter(id=int(viewer.id)).update(revoked_at=datetime.now(UTC))

        message = await live.ws.receive()
        assert (message.type, message.data) == (aiohttp.WSMsgType.CLOSE, 4403)


async def test_commands_and_changes_are_in_the_audit_log(node: RunningNode) -> None:
    """Who, what, which station, outcome, when; queryable by admins, filtered."""
    operator = await issue_token(node, "OPERATOR", "ops")
    await operator.client.execute(
        'mutation { reset(stationId: "CS-9", type: Immediate) { outcome } }'
    )
    await node.graphql.data('mutation { upsertStation(input: {id: "CS-8"}) { id } }')
    await operator.client.execute(
        'mutation { changeAvailability(stationId: "CS-9", operationalStatus: Inoperative, '
        "evseId: -5) { outcome } }"
    )

    log = await node.graphql.data(
        "{ auditLog { actor action stationId outcome detail at tokenId } }"
    )
    entries = [
        (row["actor"], row["action"], row["stationId"], row["outcome"]) for row in log["auditLog"]
    ]
    assert entries[:3] == [
        ("ops", "changeAvailability", "CS-9", "REFUSED"),
        ("admin (CSMS_ADMIN_TOKEN)", "upsertStation", "CS-8", "OK"),
        ("ops", "reset", "CS-9", "OFFLINE"),
    ]
    assert log["auditLog"][2]["tokenId"] is not None and log["auditLog"][2]["at"]
    assert log["auditLog"][0]["detail"]
    only = await node.graphql.data('{ auditLog(stationId: "CS-8") { action } }')
    assert only == {"auditLog": [{"action": "upsertStation"}]}
    mine = await node.graphql.data('{ auditLog(actor: "ops", first: 1) { action } }')
    assert mine == {"auditLog": [{"action": "changeAvailability"}]}
