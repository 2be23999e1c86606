"""Certificate signing (A02/A03) over a real websocket and real GraphQL, on SQLite and
PostgreSQL: a station's real CSR (made here with `cryptography`) is checked, signed by the
CSMS's CA and sent back with CertificateSigned; the signing and the station's certificate
are stored and read back through GraphQL.

TC_A_11_CSMS (Update Charging Station Certificate by request of CSMS): triggerMessage
SignChargingStationCertificate, SignCertificate Accepted (A02.FR.11), CertificateSigned with
the type of the CSR (A02.FR.14). A CSR that cannot be signed, or a CSMS without a CA, is
answered Rejected (A02.FR.12). TC_A_14_CSMS: the station rejects the certificate; the
refusal is recorded.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from modules.certificates.authority import DEV_CA_CERT
from tests.conftest import NodeFactory
from tests.support import certificates
from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type stationId payload } }"

TRIGGER = """
mutation($station: ID!) {
  triggerMessage(stationId: $station, requestedMessage: SignChargingStationCertificate) {
    outcome status
  }
}
"""

SIGNINGS = """
query($station: ID!) {
  certificateSignings(stationId: $station) {
    id certificateType csr status problem serialNumber certificateChain expiresAt errorCode
  }
}
"""

INSTALLED = """
query($station: ID!) {
  installedCertificates(stationId: $station) {
    stationId certificateType subject expiresAt source
    hashData { hashAlgorithm issuerNameHash issuerKeyHash serialNumber }
  }
}
"""

EXPIRING = """
query($days: Int) {
  expiringCertificates(withinDays: $days) { stationId certificateType source expiresAt }
}
"""

CERTIFICATE_SIGNED = """
mutation($station: ID!, $chain: String!, $timeout: Float) {
  certificateSigned(stationId: $station, certificateChain: $chain,
                    certificateType: ChargingStationCertificate, timeoutSeconds: $timeout) {
    signingId outcome status statusInfo { reasonCode additionalInfo } errorCode
  }
}
"""


async def settled_signings(node: RunningNode, station_id: str) -> list[dict[str, Any]]:
    """The station's signings once the newest no longer waits for its CertificateSigned
    answer to be recorded (a bounded wait, never a timing assertion)."""
    for _ in range(1000):
        rows = await signings_of(node, station_id)
        if rows and rows[0]["status"] not in ("PENDING", "SIGNING", "SIGNED"):
            return rows
        await asyncio.sleep(0.01)
    raise AssertionError("the signing was not settled in time")


async def signings_of(node: RunningNode, station_id: str) -> list[dict[str, Any]]:
    """The station's signings, newest first."""
    rows: list[dict[str, Any]] = (await node.graphql.data(SIGNINGS, {"station": station_id}))[
        "certificateSignings"
    ]
    return rows


async def test_a_triggered_csr_is_signed_by_the_dev_ca_and_installed_tc_a_11(
    make_node: NodeFactory, database_url: str, tmp_path: Path
) -> None:
    """A02.FR.02/03/11/14: the CSR the station sends after the trigger is accepted, signed by
    the CA generated in the data folder (dev), and sent with CertificateSigned; Accepted
    stores the certificate as the station's, listed among those expiring within a year."""
    node = await make_node(database_url, data_dir=str(tmp_path))
    station = await node.booted_station("CS-A02-1")
    _, data = await node.run_answered(
        station, TRIGGER, {"station": "CS-A02-1"}, "TriggerMessage", {"status": "Accepted"}
    )
    assert data["triggerMessage"] == {"outcome": "RESULT", "status": "Accepted"}
    key = ec.generate_private_key(ec.SECP256R1())
    request = certificates.csr("CS-A02-1", key)

    async with node.graphql.subscribe(EVENTS, {"id": "CS-A02-1"}) as subscription:
        await node.wait_subscribers(1)
        answer = await station.call(
            "SignCertificate", {"csr": request, "certificateType": "ChargingStationCertificate"}
        )
        requested = await next_station_event(subscription, "CERTIFICATE_SIGNING_REQUESTED")
        signed = await station.expect_call("CertificateSigned")
        await station.reply(signed[1], {"status": "Accepted"})
        changed = await next_station_event(subscription, "INSTALLED_CERTIFICATES_CHANGED")

    assert answer == [3, answer[1], {"status": "Accepted"}]
    assert requested["payload"]["certificateType"] == "ChargingStationCertificate"
    assert changed["payload"] == {"action": "CertificateSigned", "status": "Accepted"}
    assert signed[3]["certificateType"] == "ChargingStationCertificate"
    leaf, *rest = x509.load_pem_x509_certificates(signed[3]["certificateChain"].encode())
    ca = x509.load_pem_x509_certificate((tmp_path / DEV_CA_CERT).read_bytes())
    leaf.verify_directly_issued_by(ca)
    assert rest == []  # the dev CA is a root: the station has it, it is not sent
    assert leaf.subject.rfc4514_string() == "CN=CS-A02-1,O=Test CPO"
    assert leaf.public_key() == key.public_key()
    (signing,) = await settled_signings(node, "CS-A02-1")
    assert signing["status"] == "ACCEPTED" and signing["csr"] == request
    assert signing["serialNumber"] == format(leaf.serial_number, "x")
    assert signing["certificateChain"] == signed[3]["certificateChain"]
    (installed,) = (await node.graphql.data(INSTALLED, {"station": "CS-A02-1"}))[
        "installedCertificates"
    ]
    assert installed["certificateType"] == "ChargingStationCertificate"
    assert installed["source"] == "SIGNED"
    assert installed["hashData"]["serialNumber"] == format(leaf.serial_number, "x")
    expiring = (await node.graphql.data(EXPIRING, {"days": 400}))["expiringCertificates"]
    assert {(row["stationId"], row["source"]) for row in expiring} == {("CS-A02-1", "SIGNED")}
    assert (await node.graphql.data(EXPIRING, {"days": 30}))["expiringCertificates"] == []
    await station.close()


async def test_a_csr_that_cannot_be_signed_is_rejected_and_stored(
    make_node: NodeFactory, database_url: str, tmp_path: Path
) -> None:
    """A02.FR.12: a CSR for another station's name, one with a weak key, or no CSR at all is
    answered Rejected with the reason; each is stored REJECTED and nothing is sent."""
    node = await make_node(database_url, data_dir=str(tmp_path))
    station = await node.booted_station("CS-A02-2")
    cases = [
        (certificates.csr("CS-OTHER"), "is not the station id"),
        (certificates.csr("CS-A02-2", certificates.weak_rsa_key()), "RSA key of 1024 bits"),
        ("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", "PEM"),
    ]
    for pem, why in cases:
        answer = await station.call("SignCertificate", {"csr": pem})
        assert answer[2]["status"] == "Rejected"
        assert answer[2]["statusInfo"]["reasonCode"] == "InvalidCSR"
        assert why in answer[2]["statusInfo"]["additionalInfo"]

    rows = await signings_of(node, "CS-A02-2")
    assert [row["status"] for row in rows] == ["REJECTED"] * 3
    assert "is not the station id" in rows[2]["problem"]
    assert not (tmp_path / DEV_CA_CERT).exists()  # nothing was signed
    await station.close()


PASSWORD = "a-station-password-of-24"


async def _production_station(node: RunningNode, station_id: str) -> ScriptedStation:
    """A registered station with a password (profile 1) on a production node, booted."""
    await node.graphql.data(
        "mutation($id: ID!, $password: String!) { upsertStation(input: {id: $id, "
        "password: $password, securityProfile: 1}) { id } }",
        {"id": station_id, "password": PASSWORD},
    )
    station = await ScriptedStation.connect(
        node.session,
        node.ws_url,
        station_id,
        headers={"Authorization": aiohttp.encode_basic_auth(station_id, PASSWORD)},
    )
    answer = await station.boot()
    assert answer[2]["status"] == "Accepted", answer
    return station


async def test_without_a_ca_outside_dev_the_csr_is_rejected_saying_so(
    make_node: NodeFactory, database_url: str
) -> None:
    """A02.FR.12: outside dev with no CSMS_CA_CERT_FILE / CSMS_CA_KEY_FILE nothing can be
    signed: Rejected, NotConfigured."""
    node = await make_node(database_url, environment="production", accept_unknown_stations=False)
    station = await _production_station(node, "CS-A02-3")

    answer = await station.call("SignCertificate", {"csr": certificates.csr("CS-A02-3")})

    assert answer[2]["status"] == "Rejected"
    assert answer[2]["statusInfo"]["reasonCode"] == "NotConfigured"
    assert "CSMS_CA_CERT_FILE" in answer[2]["statusInfo"]["additionalInfo"]
    await station.close()


async def test_a_configured_ca_signs_v2g_csrs_and_a_refusal_is_recorded_tc_a_14(
    make_node: NodeFactory, database_url: str, tmp_path: Path
) -> None:
    """A03 with CSMS_CA_CERT_FILE / CSMS_CA_KEY_FILE: a V2GCertificate CSR is signed by that
    CA and sent back as a V2GCertificate (A02.FR.14); the station's Rejected is recorded as
    REFUSED with its reason."""
    ca = certificates.authority("Operator Sub-CA")
    cert_file, key_file = ca.write(tmp_path)
    node = await make_node(
        database_url,
        environment="production",
        accept_unknown_stations=False,
        ca_cert_file=cert_file,
        ca_key_file=key_file,
    )
    station = await _production_station(node, "CS-A03-1")

    answer = await station.call(
        "SignCertificate",
        {"csr": certificates.csr("SECC-DE-123"), "certificateType": "V2GCertificate"},
    )
    signed = await station.expect_call("CertificateSigned")
    await station.reply(
        signed[1],
        {"status": "Rejected", "statusInfo": {"reasonCode": "Expired", "additionalInfo": "x"}},
    )

    assert answer[2] == {"status": "Accepted"}
    assert signed[3]["certificateType"] == "V2GCertificate"
    leaf = x509.load_pem_x509_certificates(signed[3]["certificateChain"].encode())[0]
    leaf.verify_directly_issued_by(ca.certificate)
    rows = await settled_signings(node, "CS-A03-1")
    assert (rows[0]["status"], rows[0]["problem"]) == ("REFUSED", "Expired: x")
    assert (await node.graphql.data(INSTALLED, {"station": "CS-A03-1"}))[
        "installedCertificates"
    ] == []
    await station.close()


async def test_an_operator_certificate_signed_is_stored_and_sent(
    db_node: RunningNode,
) -> None:
    """A02: certificateSigned sends an operator's chain; stored as a signing without CSR,
    ACCEPTED once the station accepts, UNDELIVERED when it cannot be reached; a chain that
    is not PEM is an input error."""
    station = await db_node.booted_station("CS-A02-4")
    ca = certificates.authority()
    leaf, _ = ca.issue("CS-A02-4")
    chain = certificates.pem(leaf) + certificates.pem(ca.certificate)
    variables = {"station": "CS-A02-4", "chain": chain}

    call, data = await db_node.run_answered(
        station, CERTIFICATE_SIGNED, variables, "CertificateSigned", {"status": "Accepted"}
    )
    offline = await db_node.graphql.data(CERTIFICATE_SIGNED, {**variables, "station": "CS-NONE"})
    bad = await db_node.graphql.execute(CERTIFICATE_SIGNED, {**variables, "chain": "not pem"})

    assert call[3] == {"certificateChain": chain, "certificateType": "ChargingStationCertificate"}
    result = data["certificateSigned"]
    assert (result["outcome"], result["status"]) == ("RESULT", "Accepted")
    (row,) = await signings_of(db_node, "CS-A02-4")
    assert (row["id"], row["status"], row["csr"]) == (result["signingId"], "ACCEPTED", None)
    assert offline["certificateSigned"]["outcome"] == "OFFLINE"
    (error,) = bad["errors"]
    assert error["extensions"]["field"] == "certificateChain"
    await station.close()
