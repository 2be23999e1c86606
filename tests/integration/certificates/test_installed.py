"""Installed certificates (M03-M05) over a real websocket and real GraphQL, on SQLite and
PostgreSQL: the typed InstallCertificate, GetInstalledCertificateIds and DeleteCertificate
mutations, each answer stored per station and read back with `installedCertificates`.

TC_M_01/TC_M_02/TC_M_05_CSMS (install), TC_M_18/TC_M_19_CSMS (get installed ids),
TC_M_20/TC_M_21_CSMS (delete).
"""

from __future__ import annotations

from typing import Any

from modules.certificates.pki import hash_data
from tests.support import certificates
from tests.support.nodes import RunningNode

INSTALL = """
mutation($station: ID!, $type: InstallCertificateUse!, $pem: String!, $timeout: Float) {
  installCertificate(stationId: $station, certificateType: $type, certificate: $pem,
                     timeoutSeconds: $timeout) {
    outcome status statusInfo { reasonCode additionalInfo } errorCode
  }
}
"""

GET_IDS = """
mutation($station: ID!, $types: [GetCertificateIdUse!], $timeout: Float) {
  getInstalledCertificateIds(stationId: $station, certificateTypes: $types,
                             timeoutSeconds: $timeout) {
    outcome status errorCode
    certificates {
      certificateType
      hashData { hashAlgorithm issuerNameHash issuerKeyHash serialNumber }
      childHashData { serialNumber }
    }
  }
}
"""

DELETE = """
mutation($station: ID!, $hash: CertificateHashDataInput!, $timeout: Float) {
  deleteCertificate(stationId: $station, hashData: $hash, timeoutSeconds: $timeout) {
    outcome status errorCode
  }
}
"""

INSTALLED = """
query($station: ID!) {
  installedCertificates(stationId: $station) {
    certificateType subject expiresAt source
    hashData { hashAlgorithm issuerNameHash issuerKeyHash serialNumber }
  }
}
"""


def ocpp_hash(data: Any) -> dict[str, str]:
    """The camelCase CertificateHashDataType of the block's hash data."""
    return {
        "hashAlgorithm": data.hash_algorithm,
        "issuerNameHash": data.issuer_name_hash,
        "issuerKeyHash": data.issuer_key_hash,
        "serialNumber": data.serial_number,
    }


async def installed_of(node: RunningNode, station_id: str) -> list[dict[str, Any]]:
    """The station's certificates as the CSMS knows them."""
    rows: list[dict[str, Any]] = (await node.graphql.data(INSTALLED, {"station": station_id}))[
        "installedCertificates"
    ]
    return rows


async def test_install_list_and_delete_are_stored_per_station_tc_m_01_m_18_m_20(
    db_node: RunningNode,
) -> None:
    """M05.FR.02: an accepted root is stored with its hash data, subject and expiry; M03:
    the station's list replaces what was known of the types asked (a reported certificate
    keeps what the CSMS saw of it, an unknown one is added as REPORTED, one not listed is
    forgotten); M04: Accepted removes the certificate."""
    station = await db_node.booted_station("CS-M-1")
    root = certificates.authority("CSMS Root")
    other = certificates.authority("Old Root")
    mo_root = certificates.authority("MO Root")
    root_hash = ocpp_hash(hash_data(root.certificate, root.certificate))
    other_hash = ocpp_hash(hash_data(other.certificate, other.certificate))
    mo_hash = ocpp_hash(hash_data(mo_root.certificate, mo_root.certificate))
    base = {"station": "CS-M-1", "type": "CSMSRootCertificate"}

    call, data = await db_node.run_answered(
        station,
        INSTALL,
        {**base, "pem": certificates.pem(root.certificate)},
        "InstallCertificate",
        {"status": "Accepted"},
    )
    await db_node.run_answered(
        station,
        INSTALL,
        {**base, "pem": certificates.pem(other.certificate)},
        "InstallCertificate",
        {"status": "Accepted"},
    )
    _, refused = await db_node.run_answered(
        station,
        INSTALL,
        {**base, "type": "MORootCertificate", "pem": certificates.pem(mo_root.certificate)},
        "InstallCertificate",
        {"status": "Failed", "statusInfo": {"reasonCode": "InvalidCertificate"}},
    )

    assert call[3] == {
        "certificateType": "CSMSRootCertificate",
        "certificate": certificates.pem(root.certificate),
    }
    assert data["installCertificate"]["status"] == "Accepted"
    assert refused["installCertificate"]["status"] == "Failed"  # TC_M_05_CSMS
    assert refused["installCertificate"]["statusInfo"]["reasonCode"] == "InvalidCertificate"
    rows = await installed_of(db_node, "CS-M-1")
    assert sorted(row["subject"] for row in rows) == ["CN=CSMS Root", "CN=Old Root"]
    assert {row["source"] for row in rows} == {"INSTALLED"}
    assert all(row["expiresAt"] for row in rows)

    listed = [
        {"certificateType": "CSMSRootCertificate", "certificateHashData": root_hash},
        {
            "certificateType": "MORootCertificate",
            "certificateHashData": mo_hash,
            "childCertificateHashData": [other_hash],
        },
    ]
    call, data = await db_node.run_answered(
        station,
        GET_IDS,
        {"station": "CS-M-1"},
        "GetInstalledCertificateIds",
        {"status": "Accepted", "certificateHashDataChain": listed},
    )

    assert call[3] == {}  # all types (TC_M_18_CSMS)
    result = data["getInstalledCertificateIds"]
    assert result["status"] == "Accepted"
    assert [c["hashData"] for c in result["certificates"]] == [root_hash, mo_hash]
    assert result["certificates"][1]["childHashData"] == [
        {"serialNumber": other_hash["serialNumber"]}
    ]
    rows = await installed_of(db_node, "CS-M-1")
    by_type = {row["certificateType"]: row for row in rows}
    assert set(by_type) == {"CSMSRootCertificate", "MORootCertificate"}
    assert by_type["CSMSRootCertificate"]["subject"] == "CN=CSMS Root"
    assert by_type["CSMSRootCertificate"]["source"] == "INSTALLED"
    assert (by_type["MORootCertificate"]["source"], by_type["MORootCertificate"]["subject"]) == (
        "REPORTED",
        None,
    )

    call, data = await db_node.run_answered(
        station,
        DELETE,
        {"station": "CS-M-1", "hash": root_hash},
        "DeleteCertificate",
        {"status": "Accepted"},
    )

    assert call[3] == {"certificateHashData": root_hash}
    assert data["deleteCertificate"]["status"] == "Accepted"
    rows = await installed_of(db_node, "CS-M-1")
    assert [row["certificateType"] for row in rows] == ["MORootCertificate"]
    await station.close()


async def test_not_found_answers_forget_and_failures_keep_tc_m_19_m_21(
    db_node: RunningNode,
) -> None:
    """M03.FR.04: NotFound means none of the types asked; M04: a Failed delete keeps the
    certificate; CALL_ERROR, TIMEOUT and OFFLINE change nothing."""
    station = await db_node.booted_station("CS-M-2")
    root = certificates.authority("V2G Root")
    root_hash = ocpp_hash(hash_data(root.certificate, root.certificate))
    await db_node.run_answered(
        station,
        INSTALL,
        {
            "station": "CS-M-2",
            "type": "V2GRootCertificate",
            "pem": certificates.pem(root.certificate),
        },
        "InstallCertificate",
        {"status": "Accepted"},
    )
    _, failed = await db_node.run_answered(
        station,
        DELETE,
        {"station": "CS-M-2", "hash": root_hash},
        "DeleteCertificate",
        {"status": "Failed"},
    )
    refused = await db_node.run_refused(
        station, GET_IDS, {"station": "CS-M-2"}, "GetInstalledCertificateIds"
    )
    timed_out = await db_node.run_timed_out(
        station, DELETE, {"station": "CS-M-2", "hash": root_hash}, "DeleteCertificate"
    )
    offline = await db_node.graphql.data(GET_IDS, {"station": "CS-M-ABSENT"})

    assert failed["deleteCertificate"]["status"] == "Failed"
    assert refused["certificates"] == [] and timed_out["status"] is None
    assert offline["getInstalledCertificateIds"]["outcome"] == "OFFLINE"
    assert len(await installed_of(db_node, "CS-M-2")) == 1

    _, data = await db_node.run_answered(
        station,
        GET_IDS,
        {"station": "CS-M-2", "types": ["V2GRootCertificate"]},
        "GetInstalledCertificateIds",
        {"status": "NotFound"},
    )

    assert data["getInstalledCertificateIds"]["status"] == "NotFound"
    assert await installed_of(db_node, "CS-M-2") == []
    await station.close()


async def test_arguments_a_certificate_command_cannot_carry_are_input_errors(
    node: RunningNode,
) -> None:
    """A PEM that is not a certificate, one whose issuer is unknown, hash data that are not
    hexadecimal: input errors naming the argument; nothing is sent."""
    root = certificates.authority()
    leaf, _ = root.issue("not-a-root")
    good_hash = {
        "hashAlgorithm": "SHA256",
        "issuerNameHash": "ab",
        "issuerKeyHash": "cd",
        "serialNumber": "1f",
    }
    cases: list[tuple[str, dict[str, Any], str]] = [
        (INSTALL, {"type": "CSMSRootCertificate", "pem": "garbage"}, "certificate"),
        (INSTALL, {"type": "CSMSRootCertificate", "pem": certificates.pem(leaf)}, "certificate"),
        (DELETE, {"hash": {**good_hash, "issuerNameHash": "xyz"}}, "issuerNameHash"),
        (DELETE, {"hash": {**good_hash, "serialNumber": "f" * 41}}, "serialNumber"),
    ]
    for query, variables, field in cases:
        body = await node.graphql.execute(query, {"station": "CS-X", **variables})
        (error,) = body["errors"]
        assert error["extensions"]["field"] == field, error
