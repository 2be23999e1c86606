"""Customer information (N09/N10) over a real websocket and real GraphQL, on SQLite and
PostgreSQL.

TC_N_27/28/29_CSMS (get, N09.FR.01/04), TC_N_30/31/32_CSMS and TC_N_62_CSMS (clear, N10.FR.08):
the request carries a CSMS-allocated requestId and exactly one customer reference; the
NotifyCustomerInformation parts are assembled in seqNo order however they arrive, a repeated
part once, and the request completes when the tbc=false part and every part before it are in.
Clearing with clearCsmsData also removes the CSMS's own record of the id token (and so its
local-list entries, N10.FR.02) and writes an audit record.
"""

from __future__ import annotations

import asyncio
from typing import Any

from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.station import Frame, ScriptedStation

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type stationId payload } }"

CUSTOMER_INFORMATION = """
mutation(
  $station: ID!, $report: Boolean!, $clear: Boolean!, $idToken: CustomerIdTokenInput,
  $identifier: String, $certificate: CertificateHashDataInput, $csms: Boolean!, $by: String,
  $timeout: Float
) {
  customerInformation(
    stationId: $station, report: $report, clear: $clear, idToken: $idToken,
    customerIdentifier: $identifier, customerCertificate: $certificate, clearCsmsData: $csms,
    requestedBy: $by, timeoutSeconds: $timeout
  ) {
    outcome requestId status statusInfo { reasonCode additionalInfo } errorCode
    request { requestId state report clear clearCsmsData outcome status completed }
    removal { id stationId requestId removed actor clientAddress requestedBy removedAt
              customer { idToken { idToken type } customerIdentifier } }
  }
}
"""

REQUEST = """
query($station: ID!, $requestId: Int!) {
  customerInformationRequest(stationId: $station, requestId: $requestId) {
    cursor stationId requestId state report clear clearCsmsData requestedAt outcome status
    statusInfo { reasonCode additionalInfo } errorCode answeredAt finalSeqNo lastPartAt
    completed completedAt data
    customer { idToken { idToken type } customerIdentifier
               customerCertificate { hashAlgorithm issuerNameHash issuerKeyHash serialNumber } }
    parts { seqNo tbc data generatedAt receivedAt }
  }
}
"""

REQUESTS = """
query($station: ID!, $first: Int, $after: String) {
  customerInformationRequests(stationId: $station, first: $first, after: $after) {
    cursor requestId state data
  }
}
"""

REMOVALS = """
query($station: ID) {
  customerDataRemovals(stationId: $station) {
    stationId requestId removed actor clientAddress requestedBy
    customer { idToken { idToken type } customerIdentifier }
  }
}
"""

UPSERT = "mutation($input: IdTokenInput!) { upsertIdToken(input: $input) { idToken } }"
ID_TOKENS = "query($search: String) { idTokens(search: $search) { idToken } }"
CREATE_LIST = """
mutation($name: String!, $tokens: [IdTokenRefInput!]) {
  createLocalAuthList(name: $name, idTokens: $tokens) { version }
}
"""
ASSIGN = """
mutation($station: ID!, $name: String!) {
  assignLocalAuthList(stationId: $station, listName: $name) { listVersion }
}
"""
STATION_LISTS = """
query($station: ID) { stationLocalLists(stationId: $station) { acknowledgedVersion upToDate } }
"""


def token(value: str) -> dict[str, str]:
    """An ISO14443 id token."""
    return {"idToken": value, "type": "ISO14443"}


def asked(station: str, **fields: Any) -> dict[str, Any]:
    """The mutation's variables: report only, about nobody, unless `fields` say."""
    return {"station": station, "report": True, "clear": False, "csms": False, **fields}


async def notify(
    station: ScriptedStation, request_id: int, seq_no: int, tbc: bool, data: str
) -> None:
    """Send one NotifyCustomerInformation part; it must be answered with an empty result."""
    payload = {
        "requestId": request_id,
        "seqNo": seq_no,
        "tbc": tbc,
        "data": data,
        "generatedAt": "2026-12-07T10:00:00Z",
    }
    answer = await station.call("NotifyCustomerInformation", payload)
    assert answer == [3, answer[1], {}], answer


async def request_of(node: RunningNode, station_id: str, request_id: int) -> dict[str, Any]:
    """The stored request as the query returns it."""
    data = await node.graphql.data(REQUEST, {"station": station_id, "requestId": request_id})
    record: dict[str, Any] = data["customerInformationRequest"]
    return record


async def test_a_report_assembles_shuffled_and_repeated_parts_tc_n_27(
    db_node: RunningNode,
) -> None:
    """TC_N_27_CSMS (N09.FR.01, N09.FR.04, N09.FR.05): report true with the idToken under a
    CSMS requestId; parts 2, 0, 2 again, 1 are each answered, stored once, joined in seqNo
    order; CUSTOMER_INFORMATION_COMPLETED comes once, with the last missing part."""
    station = await db_node.booted_station("CS-CI-1")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-CI-1"}) as subscription:
        await db_node.wait_subscribers(1)
        call, data = await db_node.run_answered(
            station,
            CUSTOMER_INFORMATION,
            asked("CS-CI-1", idToken=token("TOKEN-1")),
            "CustomerInformation",
            {"status": "Accepted"},
        )
        request_id = call[3]["requestId"]
        assert call[3] == {
            "requestId": request_id,
            "report": True,
            "clear": False,
            "idToken": token("TOKEN-1"),
        }
        result = data["customerInformation"]
        assert (result["outcome"], result["requestId"], result["status"]) == (
            "RESULT",
            request_id,
            "Accepted",
        )
        assert result["request"] == {
            "requestId": request_id,
            "state": "ACCEPTED",
            "report": True,
            "clear": False,
            "clearCsmsData": False,
            "outcome": "RESULT",
            "status": "Accepted",
            "completed": False,
        }
        assert result["removal"] is None
        answered = await next_station_event(subscription, "CUSTOMER_INFORMATION_ANSWERED")
        assert answered["payload"]["requestId"] == request_id

        await notify(station, request_id, 2, False, "charging sessions: 3.")
        await notify(station, request_id, 0, True, "idToken TOKEN-1: ")
        await notify(station, request_id, 2, False, "A REPEAT THAT IS NOT STORED")
        halfway = await request_of(db_node, "CS-CI-1", request_id)
        assert (halfway["state"], halfway["completed"], halfway["finalSeqNo"]) == (
            "RECEIVING",
            False,
            2,
        )
        assert halfway["data"] == "idToken TOKEN-1: charging sessions: 3."
        await notify(station, request_id, 1, True, "last seen 2026-12-01, ")
        completed = await next_station_event(subscription, "CUSTOMER_INFORMATION_COMPLETED")

    full_text = "idToken TOKEN-1: last seen 2026-12-01, charging sessions: 3."
    assert completed["payload"] == {
        "requestId": request_id,
        "parts": 3,
        "length": len(full_text),
    }
    record = await request_of(db_node, "CS-CI-1", request_id)
    assert (record["state"], record["completed"], record["data"]) == (
        "COMPLETED",
        True,
        full_text,
    )
    assert [(p["seqNo"], p["tbc"]) for p in record["parts"]] == [(0, True), (1, True), (2, False)]
    assert record["customer"] == {
        "idToken": token("TOKEN-1"),
        "customerIdentifier": None,
        "customerCertificate": None,
    }
    assert record["completedAt"] and record["requestedAt"] and record["answeredAt"]
    await station.close()


async def test_every_way_a_request_can_end_is_kept_tc_n_28_29(db_node: RunningNode) -> None:
    """TC_N_28_CSMS (one part saying no data, N09.FR.06), TC_N_29_CSMS (Rejected), a
    certificate answered Invalid, a timeout, a CALLERROR; an unknown station is sent nothing."""
    station = await db_node.booted_station("CS-CI-2")
    variables = asked("CS-CI-2", idToken=token("TOKEN-2"))
    call, _ = await db_node.run_answered(
        station, CUSTOMER_INFORMATION, variables, "CustomerInformation", {"status": "Accepted"}
    )
    await notify(station, call[3]["requestId"], 0, False, "No data found")
    _, rejected = await db_node.run_answered(
        station, CUSTOMER_INFORMATION, variables, "CustomerInformation", {"status": "Rejected"}
    )
    certificate = {
        "hashAlgorithm": "SHA256",
        "issuerNameHash": "a1",
        "issuerKeyHash": "b2",
        "serialNumber": "0C",
    }
    call, invalid = await db_node.run_answered(
        station,
        CUSTOMER_INFORMATION,
        asked("CS-CI-2", certificate=certificate),
        "CustomerInformation",
        {"status": "Invalid", "statusInfo": {"reasonCode": "UnknownCert"}},
    )
    assert call[3]["customerCertificate"] == certificate
    timed_out = await db_node.run_timed_out(
        station, CUSTOMER_INFORMATION, variables, "CustomerInformation"
    )
    refused = await db_node.run_refused(
        station, CUSTOMER_INFORMATION, variables, "CustomerInformation"
    )
    unknown = await db_node.graphql.data(CUSTOMER_INFORMATION, asked("CS-CI-NONE", identifier="x"))

    assert rejected["customerInformation"]["request"]["state"] == "REFUSED"
    assert invalid["customerInformation"]["statusInfo"] == {
        "reasonCode": "UnknownCert",
        "additionalInfo": None,
    }
    assert (timed_out["request"]["state"], refused["request"]["state"]) == ("FAILED", "FAILED")
    assert unknown["customerInformation"]["outcome"] == "OFFLINE"
    assert unknown["customerInformation"]["requestId"] is None
    rows = (await db_node.graphql.data(REQUESTS, {"station": "CS-CI-2"}))[
        "customerInformationRequests"
    ]
    assert [(row["requestId"], row["state"]) for row in rows] == [
        (5, "FAILED"),
        (4, "FAILED"),
        (3, "REFUSED"),
        (2, "REFUSED"),
        (1, "COMPLETED"),
    ]
    assert rows[-1]["data"] == "No data found"
    older = await db_node.graphql.data(
        REQUESTS, {"station": "CS-CI-2", "first": 2, "after": rows[0]["cursor"]}
    )
    assert older["customerInformationRequests"] == rows[1:3]
    await station.close()


async def answer_calls(station: ScriptedStation, answers: dict[str, dict[str, Any]]) -> list[Frame]:
    """Answer one CALL of each action in `answers`, in whatever order they come."""
    calls: list[Frame] = []
    while len(calls) < len(answers):
        frame = await station.next_frame()
        assert frame[0] == 2 and frame[2] in answers, frame
        await station.reply(frame[1], answers[frame[2]])
        calls.append(frame)
    return calls


async def test_clear_with_csms_data_forgets_the_token_and_audits_it_tc_n_30(
    db_node: RunningNode,
) -> None:
    """TC_N_30_CSMS (N10.FR.08) with clearCsmsData: the id token leaves the registry (its
    Authorize is then Unknown) and the local list holding it, whose next version goes to the
    station (N10.FR.02); the audit says who asked, when and what was removed."""
    for value in ("TOKEN-GONE", "TOKEN-KEPT"):
        await db_node.graphql.data(UPSERT, {"input": {**token(value), "status": "Accepted"}})
    await db_node.graphql.data(
        CREATE_LIST, {"name": "depot", "tokens": [token("TOKEN-GONE"), token("TOKEN-KEPT")]}
    )
    station = await db_node.booted_station("CS-CI-3")
    await db_node.graphql.data(ASSIGN, {"station": "CS-CI-3", "name": "depot"})
    full = await station.expect_call("SendLocalList")
    await station.reply(full[1], {"status": "Accepted"})
    before = await station.call("Authorize", {"idToken": token("TOKEN-GONE")})
    assert before[2]["idTokenInfo"]["status"] == "Accepted"

    variables = asked(
        "CS-CI-3",
        report=True,
        clear=True,
        idToken=token("TOKEN-GONE"),
        csms=True,
        by="privacy ticket 42",
    )
    pending = asyncio.create_task(db_node.graphql.data(CUSTOMER_INFORMATION, variables))
    calls = await answer_calls(
        station,
        {"CustomerInformation": {"status": "Accepted"}, "SendLocalList": {"status": "Accepted"}},
    )
    result = (await pending)["customerInformation"]
    (sent,) = [frame for frame in calls if frame[2] == "CustomerInformation"]
    (differential,) = [frame for frame in calls if frame[2] == "SendLocalList"]
    request_id = result["requestId"]
    assert sent[3] == {
        "requestId": request_id,
        "report": True,
        "clear": True,
        "idToken": token("TOKEN-GONE"),
    }
    assert differential[3]["updateType"] == "Differential"
    assert differential[3]["localAuthorizationList"] == [{"idToken": token("TOKEN-GONE")}]
    await notify(station, request_id, 0, False, "cleared: 2 sessions")

    removal = result["removal"]
    assert removal["removed"] and "TOKEN-GONE (ISO14443)" in removal["removed"][0]
    assert (removal["stationId"], removal["requestId"], removal["actor"]) == (
        "CS-CI-3",
        request_id,
        "admin (CSMS_ADMIN_TOKEN)",
    )
    assert (removal["clientAddress"], removal["requestedBy"]) == ("127.0.0.1", "privacy ticket 42")
    assert removal["customer"] == {"idToken": token("TOKEN-GONE"), "customerIdentifier": None}
    assert result["request"]["clearCsmsData"] is True
    after = await station.call("Authorize", {"idToken": token("TOKEN-GONE")})
    assert after[2]["idTokenInfo"]["status"] in ("Unknown", "Invalid")
    tokens = (await db_node.graphql.data(ID_TOKENS, {"search": "TOKEN-"}))["idTokens"]
    assert [row["idToken"] for row in tokens] == ["TOKEN-KEPT"]
    audit = (await db_node.graphql.data(REMOVALS, {"station": "CS-CI-3"}))["customerDataRemovals"]
    assert audit == [{key: removal[key] for key in audit[0]}]
    record = await request_of(db_node, "CS-CI-3", request_id)
    assert (record["state"], record["data"]) == ("COMPLETED", "cleared: 2 sessions")
    await station.close()


async def test_clear_by_customer_identifier_tc_n_62_and_tc_n_32(db_node: RunningNode) -> None:
    """TC_N_62_CSMS: clear and report by customerIdentifier "OpenChargeAlliance"; with
    clearCsmsData the CSMS holds nothing keyed by it, and the audit says so. TC_N_32_CSMS:
    clear without report."""
    station = await db_node.booted_station("CS-CI-4")
    call, data = await db_node.run_answered(
        station,
        CUSTOMER_INFORMATION,
        asked("CS-CI-4", clear=True, identifier="OpenChargeAlliance", csms=True),
        "CustomerInformation",
        {"status": "Accepted"},
    )
    assert call[3] == {
        "requestId": call[3]["requestId"],
        "report": True,
        "clear": True,
        "customerIdentifier": "OpenChargeAlliance",
    }
    assert data["customerInformation"]["removal"]["removed"] == []
    call, _ = await db_node.run_answered(
        station,
        CUSTOMER_INFORMATION,
        asked("CS-CI-4", report=False, clear=True, idToken=token("TOKEN-4")),
        "CustomerInformation",
        {"status": "Accepted"},
    )
    assert (call[3]["report"], call[3]["clear"]) == (False, True)
    audit = (await db_node.graphql.data(REMOVALS, {"station": "CS-CI-4"}))["customerDataRemovals"]
    assert [row["customer"]["customerIdentifier"] for row in audit] == ["OpenChargeAlliance"]
    await station.close()


async def test_requests_that_cannot_be_sent_are_input_errors(node: RunningNode) -> None:
    """N09.FR.04 / N10.FR.08 (exactly one customer reference), N09.FR.07 / N10.FR.07 (report
    or clear), clearCsmsData only with clear; nothing is sent or stored."""
    station = await node.booted_station("CS-CI-5")
    for variables, field in [
        (asked("CS-CI-5"), "idToken"),
        (asked("CS-CI-5", idToken=token("T"), identifier="C"), "customerIdentifier"),
        (asked("CS-CI-5", report=False, identifier="C"), "report"),
        (asked("CS-CI-5", identifier="C", csms=True), "clearCsmsData"),
        (asked("CS-CI-5", identifier="C" * 65), "payload"),
        (asked("CS-CI-5", clear=True, identifier="C", csms=True, by="x" * 256), "requestedBy"),
    ]:
        body = await node.graphql.execute(CUSTOMER_INFORMATION, variables)
        (error,) = body["errors"]
        assert error["extensions"]["field"] == field, error
    rows = await node.graphql.data(REQUESTS, {"station": "CS-CI-5"})
    assert rows["customerInformationRequests"] == []
    await station.close()
