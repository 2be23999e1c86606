"""Id tokens and Authorize (block C: C01, C16) over a real websocket and real GraphQL, on
SQLite and PostgreSQL.

Test case names follow Part 6 where one matches: TC_C_02_CSMS (unknown: Unknown or Invalid),
TC_C_06_CSMS (Blocked), TC_C_07_CSMS (Expired), TC_C_47_CSMS (Master Pass: Accepted with the
MasterPassGroupId as group; its TransactionEvent steps belong to the transactions block).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

TOKEN_FIELDS = """
cursor idToken type status groupIdToken { idToken type } cacheExpiryDateTime language1 evseIds
personalMessage { format content language } masterPass updatedAt
"""

UPSERT = f"""
mutation($input: IdTokenInput!) {{ upsertIdToken(input: $input) {{ {TOKEN_FIELDS} }} }}
"""
DELETE = """
mutation($idToken: String!, $type: IdTokenKind!) { deleteIdToken(idToken: $idToken, type: $type) }
"""
IMPORT = """
mutation($items: [IdTokenInput!]!) { importIdTokens(items: $items) { created updated } }
"""
LIST = f"""
query($search: String, $status: IdTokenStatus, $first: Int, $after: String) {{
  idTokens(search: $search, status: $status, first: $first, after: $after) {{ {TOKEN_FIELDS} }}
}}
"""


async def authorize(station: ScriptedStation, value: str, kind: str) -> dict[str, Any]:
    answer = await station.call("Authorize", {"idToken": {"idToken": value, "type": kind}})
    assert answer[0] == 3, answer
    info: dict[str, Any] = answer[2]["idTokenInfo"]
    return info


async def upsert(node: RunningNode, **fields: Any) -> dict[str, Any]:
    data = await node.graphql.data(UPSERT, {"input": fields})
    row: dict[str, Any] = data["upsertIdToken"]
    return row


async def test_accepted_token_answers_group_language_evses_and_personal_message(
    db_node: RunningNode,
) -> None:
    station = await db_node.booted_station("CS-AUTH-1")
    expiry = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    row = await upsert(
        db_node,
        idToken="04A2B3C4",
        type="ISO14443",
        status="Accepted",
        groupIdToken={"idToken": "FLEET-1", "type": "Central"},
        cacheExpiryDateTime=expiry.isoformat(),
        language1="nl",
        evseIds=[2, 1, 2],
        personalMessage={"format": "UTF8", "content": "Welkom", "language": "nl"},
    )
    assert row["status"] == "Accepted"
    assert row["evseIds"] == [1, 2]
    assert row["groupIdToken"] == {"idToken": "FLEET-1", "type": "Central"}
    info = await authorize(station, "04A2B3C4", "ISO14443")
    assert info == {
        "status": "Accepted",
        "cacheExpiryDateTime": expiry.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "language1": "nl",
        "evseId": [1, 2],
        "groupIdToken": {"idToken": "FLEET-1", "type": "Central"},
        "personalMessage": {"format": "UTF8", "content": "Welkom", "language": "nl"},
    }
    # the value is case-sensitive and the type exact
    assert (await authorize(station, "04a2b3c4", "ISO14443")) == {"status": "Unknown"}
    assert (await authorize(station, "04A2B3C4", "ISO15693")) == {"status": "Unknown"}


async def test_tc_c_02_csms_unknown_token_is_unknown(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-AUTH-2")
    assert (await authorize(station, "NOBODY", "ISO14443")) == {"status": "Unknown"}


async def test_tc_c_02_csms_unknown_token_is_invalid_by_setting(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url, unknown_id_token_status="Invalid")
    station = await node.booted_station("CS-AUTH-3")
    assert (await authorize(station, "NOBODY", "eMAID")) == {"status": "Invalid"}


async def test_tc_c_06_csms_blocked_and_stored_invalid_tokens(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-AUTH-4")
    await upsert(db_node, idToken="BLOCKED-1", type="ISO14443", status="Blocked")
    await upsert(
        db_node,
        idToken="INVALID-1",
        type="KeyCode",
        status="Invalid",
        personalMessage={"format": "ASCII", "content": "Card withdrawn"},
    )
    assert (await authorize(station, "BLOCKED-1", "ISO14443")) == {"status": "Blocked"}
    assert (await authorize(station, "INVALID-1", "KeyCode")) == {
        "status": "Invalid",
        "personalMessage": {"format": "ASCII", "content": "Card withdrawn"},
    }


async def test_tc_c_07_csms_expired_by_date_and_stored_expired(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-AUTH-5")
    past = datetime.now(UTC) - timedelta(minutes=1)
    await upsert(
        db_node,
        idToken="OLD-1",
        type="ISO14443",
        status="Accepted",
        cacheExpiryDateTime=past.isoformat(),
    )
    await upsert(db_node, idToken="OLD-2", type="ISO14443", status="Expired")
    assert (await authorize(station, "OLD-1", "ISO14443")) == {"status": "Expired"}
    assert (await authorize(station, "OLD-2", "ISO14443")) == {"status": "Expired"}


async def test_tc_c_47_csms_master_pass_answers_accepted_with_the_master_pass_group(
    db_node: RunningNode,
) -> None:
    station = await db_node.booted_station("CS-AUTH-6")
    await upsert(
        db_node,
        idToken="MASTER-1",
        type="ISO14443",
        groupIdToken={"idToken": "MASTERPASS", "type": "Central"},
        evseIds=[1],
        masterPass=True,
    )
    assert (await authorize(station, "MASTER-1", "ISO14443")) == {
        "status": "Accepted",
        "groupIdToken": {"idToken": "MASTERPASS", "type": "Central"},
    }
    missing_group = await db_node.graphql.execute(
        UPSERT, {"input": {"idToken": "MASTER-2", "type": "ISO14443", "masterPass": True}}
    )
    assert "groupIdToken" in missing_group["errors"][0]["message"]


async def test_upsert_replaces_and_delete_removes(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-AUTH-7")
    await upsert(db_node, idToken="T-1", type="Central", status="Blocked", language1="de")
    row = await upsert(db_node, idToken="T-1", type="Central")
    assert row["status"] == "Accepted" and row["language1"] is None
    assert (await authorize(station, "T-1", "Central")) == {"status": "Accepted"}
    data = await db_node.graphql.data(DELETE, {"idToken": "T-1", "type": "Central"})
    assert data == {"deleteIdToken": True}
    data = await db_node.graphql.data(DELETE, {"idToken": "T-1", "type": "Central"})
    assert data == {"deleteIdToken": False}
    assert (await authorize(station, "T-1", "Central")) == {"status": "Unknown"}


async def test_bulk_import_creates_and_updates_then_lists_with_search_status_and_pages(
    db_node: RunningNode,
) -> None:
    station = await db_node.booted_station("CS-AUTH-8")
    await upsert(db_node, idToken="CARD-0001", type="ISO14443", status="Blocked")
    items: list[dict[str, Any]] = [
        {"idToken": f"CARD-{n:04d}", "type": "ISO14443", "status": "Accepted"}
        for n in range(1, 601)
    ]
    items.append(
        {
            "idToken": "APP-1",
            "type": "eMAID",
            "status": "NoCredit",
            "groupIdToken": {"idToken": "FLEET-2", "type": "Central"},
        }
    )
    data = await db_node.graphql.data(IMPORT, {"items": items})
    assert data == {"importIdTokens": {"created": 600, "updated": 1}}
    assert (await authorize(station, "CARD-0001", "ISO14443")) == {"status": "Accepted"}
    assert (await authorize(station, "CARD-0600", "ISO14443")) == {"status": "Accepted"}
    assert (await authorize(station, "APP-1", "eMAID")) == {
        "status": "NoCredit",
        "groupIdToken": {"idToken": "FLEET-2", "type": "Central"},
    }
    data = await db_node.graphql.data(IMPORT, {"items": items[:2]})
    assert data == {"importIdTokens": {"created": 0, "updated": 2}}

    first = (await db_node.graphql.data(LIST, {"search": "card-00", "first": 50}))["idTokens"]
    assert len(first) == 50
    assert first[0]["idToken"] == "CARD-0001"
    second = (
        await db_node.graphql.data(
            LIST, {"search": "card-00", "first": 50, "after": first[-1]["cursor"]}
        )
    )["idTokens"]
    assert [row["idToken"] for row in second] == [f"CARD-{n:04d}" for n in range(51, 100)]
    by_status = (await db_node.graphql.data(LIST, {"status": "NoCredit"}))["idTokens"]
    assert [row["idToken"] for row in by_status] == ["APP-1"]


async def test_validation_errors_are_explained(make_node: NodeFactory, sqlite_url: str) -> None:
    node = await make_node(sqlite_url)
    bad_type = await node.graphql.execute(
        UPSERT, {"input": {"idToken": "X", "type": "Badge", "status": "Accepted"}}
    )
    assert "Badge" in bad_type["errors"][0]["message"]
    assert "IdTokenKind" in bad_type["errors"][0]["message"]
    bad_status = await node.graphql.execute(
        UPSERT, {"input": {"idToken": "X", "type": "Local", "status": "ConcurrentTx"}}
    )
    assert "ConcurrentTx" in bad_status["errors"][0]["message"]
    assert "IdTokenStatus" in bad_status["errors"][0]["message"]
    too_long = await node.graphql.execute(UPSERT, {"input": {"idToken": "X" * 37, "type": "Local"}})
    assert "idToken: at most 36 characters" in too_long["errors"][0]["message"]
    no_evses = await node.graphql.execute(
        UPSERT, {"input": {"idToken": "X", "type": "Local", "evseIds": []}}
    )
    assert "evseIds" in no_evses["errors"][0]["message"]
    twice = await node.graphql.execute(
        IMPORT,
        {"items": [{"idToken": "A", "type": "Local"}, {"idToken": "A", "type": "Local"}]},
    )
    assert "items[1]" in twice["errors"][0]["message"]
    bad_item = await node.graphql.execute(
        IMPORT,
        {
            "items": [
                {"idToken": "A", "type": "Local"},
                {"idToken": "B", "type": "Local", "language1": ""},
            ]
        },
    )
    assert "items[1].language1" in bad_item["errors"][0]["message"]
    # nothing of a refused import was stored
    assert (await node.graphql.data(LIST))["idTokens"] == []
    bad_cursor = await node.graphql.execute(LIST, {"after": "nonsense"})
    assert "after" in bad_cursor["errors"][0]["message"]


async def test_every_id_token_field_needs_authentication(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url)
    operations: list[tuple[str, dict[str, Any]]] = [
        (UPSERT, {"input": {"idToken": "X", "type": "Local"}}),
        (DELETE, {"idToken": "X", "type": "Local"}),
        (IMPORT, {"items": [{"idToken": "X", "type": "Local"}]}),
        (LIST, {}),
    ]
    for query, variables in operations:
        body = await node.graphql.execute(query, variables, token=None)
        assert "Authentication required" in body["errors"][0]["message"]
    assert (await node.graphql.data(LIST))["idTokens"] == []
