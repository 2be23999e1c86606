"""ISO 15118 certificate questions over a real websocket, on SQLite and PostgreSQL:
GetCertificateStatus (M06) and Authorize with contract-certificate data (C07) asked of a real
OCSP responder (served here, signing real OCSP responses), Get15118EVCertificate (M01/M02)
answered by the built-in contract-certificate files. Authorize acts only on responses the
CSMS verified against the certificate's issuer (a forged GOOD does not accept a revoked
certificate); GetCertificateStatus relays them for the station to verify.

Part 6 has no CSMS test case for these (its M06 and C07 cases test stations); the
requirements are cited instead.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.x509 import ocsp

from modules.certificates.pki import hash_data
from tests.conftest import NodeFactory
from tests.support import certificates
from tests.support.certificates import NOW
from tests.support.nodes import RunningNode

UPSERT = """
mutation($token: String!) {
  upsertIdToken(input: {idToken: $token, type: eMAID, status: Accepted}) { idToken }
}
"""


def ocsp_data(leaf: Any, issuer: Any, url: str) -> dict[str, str]:
    """OCPP OCSPRequestDataType of `leaf`, asking the responder at `url`."""
    data = hash_data(leaf, issuer)
    return {
        "hashAlgorithm": data.hash_algorithm,
        "issuerNameHash": data.issuer_name_hash,
        "issuerKeyHash": data.issuer_key_hash,
        "serialNumber": data.serial_number,
        "responderURL": url,
    }


async def test_get_certificate_status_answers_the_responder_s_der_response_m06(
    db_node: RunningNode,
) -> None:
    """M06.FR.02/03/08/09: the responder answered: Accepted with its DER OCSPResponse in
    base64, for a good and for a revoked certificate alike. M06.FR.04: a responder that cannot
    be reached: Failed, saying why."""
    station = await db_node.booted_station("CS-M06-1")
    ca = certificates.authority("V2G Sub-CA")
    good, _ = ca.issue("SECC-1")
    revoked, _ = ca.issue("SECC-2")
    async with certificates.ocsp_responder(ca) as responder:
        responder.revoked.add(revoked.serial_number)
        answers = [
            await station.call(
                "GetCertificateStatus",
                {"ocspRequestData": ocsp_data(cert, ca.certificate, responder.url)},
            )
            for cert in (good, revoked)
        ]
        url = responder.url
    unreachable = await station.call(
        "GetCertificateStatus", {"ocspRequestData": ocsp_data(good, ca.certificate, url)}
    )

    statuses = []
    for answer in answers:
        assert answer[2]["status"] == "Accepted"
        response = ocsp.load_der_ocsp_response(base64.b64decode(answer[2]["ocspResult"]))
        statuses.append(response.certificate_status)
    assert statuses == [ocsp.OCSPCertStatus.GOOD, ocsp.OCSPCertStatus.REVOKED]
    assert unreachable[2]["status"] == "Failed"
    assert unreachable[2]["statusInfo"]["reasonCode"] == "OcspFailed"
    assert "could not be reached" in unreachable[2]["statusInfo"]["additionalInfo"]
    assert "ocspResult" not in unreachable[2]
    await station.close()


async def test_get_15118_ev_certificate_is_failed_unless_an_answer_is_prepared_m01(
    make_node: NodeFactory, database_url: str, tmp_path: Path
) -> None:
    """M01/M02: without CSMS_CONTRACT_CERT_DIR: Failed, saying that no service is configured;
    with it, the prepared answer for that exact request: Accepted with its exiResponse."""
    request = {"iso15118SchemaVersion": "urn:iso:15118:2:2013:MsgDef", "action": "Install"}
    plain = await make_node(database_url)
    station = await plain.booted_station("CS-M01-1")
    unconfigured = await station.call("Get15118EVCertificate", {**request, "exiRequest": "AAEC"})
    await station.close()
    prepared = "gICAgA=="
    (tmp_path / (hashlib.sha256(b"AAEC").hexdigest() + ".exi")).write_text(prepared + "\n")
    node = await make_node(database_url, contract_cert_dir=str(tmp_path))
    station = await node.booted_station("CS-M01-2")

    known = await station.call("Get15118EVCertificate", {**request, "exiRequest": "AAEC"})
    unknown = await station.call("Get15118EVCertificate", {**request, "exiRequest": "AAED"})

    assert unconfigured[2]["status"] == "Failed" and unconfigured[2]["exiResponse"] == ""
    assert "CSMS_CONTRACT_CERT_DIR" in unconfigured[2]["statusInfo"]["additionalInfo"]
    assert known[2] == {"status": "Accepted", "exiResponse": prepared}
    assert unknown[2]["status"] == "Failed"
    await station.close()


def known_cas(folder: Path, *cas: certificates.Authority) -> str:
    """A CSMS_CONTRACT_CA_FILE holding the CAs' certificates; its path."""
    path = folder / "contract-cas.pem"
    path.write_text("".join(certificates.pem(ca.certificate) for ca in cas))
    return str(path)


async def test_authorize_checks_contract_certificates_through_ocsp_c07(
    make_node: NodeFactory, database_url: str, tmp_path: Path
) -> None:
    """C07.FR.05/13/14/16/17: hash data of a CA the CSMS knows (CSMS_CONTRACT_CA_FILE): a
    good certificate of an accepted eMAID: Accepted; of an unknown eMAID: ContractCancelled;
    a revoked one: CertificateRevoked and Invalid; a responder that gives no answer:
    CertChainError and Invalid. Without certificate data no certificateStatus is answered
    and the responder is not asked."""
    ca = certificates.authority("MO Sub-CA")
    db_node = await make_node(database_url, contract_ca_file=known_cas(tmp_path, ca))
    await db_node.graphql.data(UPSERT, {"token": "DEABCC123456789"})
    station = await db_node.booted_station("CS-C07-1")
    good, _ = ca.issue("DEABCC123456789")
    revoked, _ = ca.issue("DEABCC000000001")
    known = {"idToken": "DEABCC123456789", "type": "eMAID"}
    unknown = {"idToken": "DEABCC999999999", "type": "eMAID"}
    async with certificates.ocsp_responder(ca) as responder:
        responder.revoked.add(revoked.serial_number)
        hashes = {
            name: [ocsp_data(cert, ca.certificate, responder.url)]
            for name, cert in (("good", good), ("revoked", revoked))
        }
        accepted = await station.call(
            "Authorize", {"idToken": known, "iso15118CertificateHashData": hashes["good"]}
        )
        cancelled = await station.call(
            "Authorize", {"idToken": unknown, "iso15118CertificateHashData": hashes["good"]}
        )
        was_revoked = await station.call(
            "Authorize", {"idToken": known, "iso15118CertificateHashData": hashes["revoked"]}
        )
        asked = responder.requests
        plain = await station.call("Authorize", {"idToken": known})
        assert responder.requests == asked
    unanswered = await station.call(
        "Authorize", {"idToken": known, "iso15118CertificateHashData": hashes["good"]}
    )

    def verdict(answer: list[Any]) -> tuple[str, str | None]:
        return answer[2]["idTokenInfo"]["status"], answer[2].get("certificateStatus")

    assert verdict(accepted) == ("Accepted", "Accepted")
    assert verdict(cancelled) == ("Unknown", "ContractCancelled")
    assert verdict(was_revoked) == ("Invalid", "CertificateRevoked")
    assert verdict(plain) == ("Accepted", None)
    assert verdict(unanswered) == ("Invalid", "CertChainError")
    await station.close()


async def test_authorize_with_a_contract_chain_checks_expiry_and_the_leaf_c07_fr_06(
    db_node: RunningNode,
) -> None:
    """C07.FR.06/15: a PEM chain passed on by the station: an expired leaf is
    CertificateExpired and Expired; a valid one is asked of the responder its certificate
    names (authorityInfoAccess): Accepted."""
    await db_node.graphql.data(UPSERT, {"token": "DEABCC123456780"})
    station = await db_node.booted_station("CS-C07-2")
    root = certificates.authority("MO Root")
    token = {"idToken": "DEABCC123456780", "type": "eMAID"}
    async with certificates.ocsp_responder(root) as responder:
        leaf, _ = root.issue("DEABCC123456780", ocsp_url=responder.url)
        old, _ = root.issue("DEABCC123456780", not_after=NOW - timedelta(days=1))
        valid = await station.call(
            "Authorize",
            {
                "idToken": token,
                "certificate": certificates.pem(leaf) + certificates.pem(root.certificate),
            },
        )
        expired = await station.call(
            "Authorize",
            {
                "idToken": token,
                "certificate": certificates.pem(old) + certificates.pem(root.certificate),
            },
        )
        asked = responder.requests

    assert (valid[2]["idTokenInfo"]["status"], valid[2]["certificateStatus"]) == (
        "Accepted",
        "Accepted",
    )
    assert (expired[2]["idTokenInfo"]["status"], expired[2]["certificateStatus"]) == (
        "Expired",
        "CertificateExpired",
    )
    assert asked == 1
    await station.close()


async def test_authorize_refuses_ocsp_answers_it_cannot_verify_c07_fr_17(
    make_node: NodeFactory, database_url: str, tmp_path: Path
) -> None:
    """C07.FR.05/17: a man in the middle answering GOOD about a revoked contract certificate
    (signed with his own key under the CA's name, or by a responder certificate of the CA
    without the OCSPSigning usage) no longer gets it accepted: CertChainError and Invalid,
    for a chain passed on and for hash data of a known CA alike. The CA's delegated OCSP
    responder is believed (CertificateRevoked). Hash data of a CA the CSMS does not know:
    CertChainError without asking. M06 still relays what the responder said."""
    ca = certificates.authority("MO Sub-CA")
    node = await make_node(database_url, contract_ca_file=known_cas(tmp_path, ca))
    await node.graphql.data(UPSERT, {"token": "DEABCC123456781"})
    station = await node.booted_station("CS-C07-3")
    token = {"idToken": "DEABCC123456781", "type": "eMAID"}
    forger = certificates.authority("MO Sub-CA")  # the CA's name, another key
    responders = {  # who signs, and whether it lies
        "forger": ((forger.certificate, forger.key), True),
        "no usage": (ca.ocsp_signer(usages=()), True),
        "delegated": (ca.ocsp_signer(), False),
    }
    outcomes: dict[str, list[list[Any]]] = {}
    async with certificates.ocsp_responder(ca) as responder:
        revoked, _ = ca.issue("DEABCC123456781", ocsp_url=responder.url)
        responder.revoked.add(revoked.serial_number)
        chain = {"certificate": certificates.pem(revoked) + certificates.pem(ca.certificate)}
        request_data = ocsp_data(revoked, ca.certificate, responder.url)
        hash_only = {"iso15118CertificateHashData": [request_data]}
        for name, (signer, lies) in responders.items():
            responder.signer, responder.lies = signer, lies
            outcomes[name] = [
                await station.call("Authorize", {"idToken": token, **data})
                for data in (chain, hash_only)
            ]
        responder.signer, responder.lies = responders["forger"]
        relayed = await station.call("GetCertificateStatus", {"ocspRequestData": request_data})
        asked = responder.requests
        stranger_ca = certificates.authority("Unknown MO Sub-CA")
        stranger, _ = stranger_ca.issue("DEABCC123456781")
        unknown_issuer = await station.call(
            "Authorize",
            {
                "idToken": token,
                "iso15118CertificateHashData": [
                    ocsp_data(stranger, stranger_ca.certificate, responder.url)
                ],
            },
        )
        assert responder.requests == asked

    def verdicts(answers: list[list[Any]]) -> list[tuple[str, str | None]]:
        return [(a[2]["idTokenInfo"]["status"], a[2].get("certificateStatus")) for a in answers]

    assert verdicts(outcomes["forger"]) == [("Invalid", "CertChainError")] * 2
    assert verdicts(outcomes["no usage"]) == [("Invalid", "CertChainError")] * 2
    assert verdicts(outcomes["delegated"]) == [("Invalid", "CertificateRevoked")] * 2
    assert verdicts([unknown_issuer]) == [("Invalid", "CertChainError")]
    assert relayed[2]["status"] == "Accepted"
    forged = ocsp.load_der_ocsp_response(base64.b64decode(relayed[2]["ocspResult"]))
    assert forged.certificate_status is ocsp.OCSPCertStatus.GOOD
    await station.close()
