"""The C07 contract-certificate check acts only on OCSP answers it verified against the
certificate's issuer (C07.FR.05/14/16/17): the chain's, or for hash data a CA the CSMS knows
(`CSMS_CONTRACT_CA_FILE`) or one of the chain sent along. The OCSP backend is scripted with
real responses made with `cryptography`."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509 import ocsp
from ocpp.v201 import datatypes, enums

from modules.certificates import CertStatus, KnownIssuers, OcspAnswer, OcspQuery
from modules.certificates.contract_check import ContractCertificateCheck
from modules.certificates.pki import CertificateProblem, hash_data, issuer_hashes
from modules.certificates.records import HashData
from tests.support import certificates
from tests.support.certificates import NOW, Key, signed_response


class ScriptedResponder:
    """An OCSP backend answering every query with a response signed by `signer`, GOOD unless
    the serial is in `revoked`; it keeps the queries."""

    def __init__(self, signer: tuple[x509.Certificate, Key], revoked: set[int]) -> None:
        self.signer = signer
        self.revoked = revoked
        self.queries: list[OcspQuery] = []

    async def query(self, query: OcspQuery) -> OcspAnswer:
        """A signed response about the queried hash data."""
        self.queries.append(query)
        data = query.hash_data
        serial = int(data.serial_number, 16)
        request = (
            ocsp.OCSPRequestBuilder()
            .add_certificate_by_hash(
                bytes.fromhex(data.issuer_name_hash),
                bytes.fromhex(data.issuer_key_hash),
                serial,
                hashes.SHA256(),
            )
            .build()
        )
        revoked = serial in self.revoked
        status = ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD
        body = signed_response(request, self.signer, status)
        return OcspAnswer(status=CertStatus.REVOKED if revoked else CertStatus.GOOD, response=body)


def request_data(data: HashData) -> datatypes.OCSPRequestDataType:
    """OCPP OCSPRequestDataType of hash data."""
    return datatypes.OCSPRequestDataType(
        hash_algorithm=enums.HashAlgorithmEnumType.sha256,
        issuer_name_hash=data.issuer_name_hash,
        issuer_key_hash=data.issuer_key_hash,
        serial_number=data.serial_number,
        responder_url="http://ocsp.example/",
    )


@pytest.fixture
def sub_ca() -> certificates.Authority:
    """The MO sub-CA issuing the contract certificates."""
    return certificates.authority("MO Sub-CA")


async def test_hash_data_of_a_known_issuer_is_verified_c07_fr_05(
    sub_ca: certificates.Authority,
) -> None:
    """C07.FR.14/16: truthful answers signed by the issuer give Accepted and
    CertificateRevoked; a forged GOOD about a revoked certificate gives CertChainError."""
    good, _ = sub_ca.issue("DEABC0000000001")
    revoked, _ = sub_ca.issue("DEABC0000000002")
    asked = {cert: [request_data(hash_data(cert, sub_ca.certificate))] for cert in (good, revoked)}
    known = KnownIssuers([sub_ca.certificate])
    truthful = ScriptedResponder((sub_ca.certificate, sub_ca.key), {revoked.serial_number})
    forger = certificates.authority("MO Sub-CA")
    forged = ScriptedResponder((forger.certificate, forger.key), set())

    check = ContractCertificateCheck(truthful, known)
    statuses = [await check.check(None, asked[cert], NOW) for cert in (good, revoked)]
    lied = await ContractCertificateCheck(forged, known).check(None, asked[revoked], NOW)

    assert statuses == ["Accepted", "CertificateRevoked"]
    assert lied == "CertChainError"


async def test_hash_data_of_an_unknown_issuer_is_not_asked_c07_fr_17(
    sub_ca: certificates.Authority, caplog: pytest.LogCaptureFixture
) -> None:
    """The CSMS cannot verify an answer about a certificate whose issuer it does not know:
    CertChainError without asking, the reason logged."""
    leaf, _ = sub_ca.issue("DEABC0000000003")
    responder = ScriptedResponder((sub_ca.certificate, sub_ca.key), set())
    data = [request_data(hash_data(leaf, sub_ca.certificate))]

    with caplog.at_level(logging.WARNING, "modules.certificates.contract_check"):
        unknown = await ContractCertificateCheck(responder).check(None, data, NOW)

    assert unknown == "CertChainError"
    assert responder.queries == []
    assert "is not known to the CSMS (CSMS_CONTRACT_CA_FILE)" in caplog.text
    assert format(leaf.serial_number, "x") in caplog.text


async def test_the_chain_gives_issuers_for_its_own_queries_and_for_hash_data(
    sub_ca: certificates.Authority, caplog: pytest.LogCaptureFixture
) -> None:
    """A chain passed on (C07.FR.06) verifies its leaf's answer against the next certificate,
    and serves as issuer for hash data sent along; a forged answer about it is not used."""
    leaf, _ = sub_ca.issue("DEABC0000000004")
    sibling, _ = sub_ca.issue("DEABC0000000005")
    chain = certificates.pem(leaf) + certificates.pem(sub_ca.certificate)
    data = [request_data(hash_data(sibling, sub_ca.certificate))]
    truthful = ScriptedResponder((sub_ca.certificate, sub_ca.key), set())
    forger = certificates.authority("Forger")
    forged = ScriptedResponder((forger.certificate, forger.key), set())

    accepted = await ContractCertificateCheck(truthful).check(chain, data, NOW)
    with caplog.at_level(logging.WARNING, "modules.certificates.contract_check"):
        refused = await ContractCertificateCheck(forged).check(chain, [], NOW)

    assert accepted == "Accepted"
    assert len(truthful.queries) == 2
    assert refused == "CertChainError"
    assert "the OCSP response is not trusted" in caplog.text


def test_known_issuers_are_found_by_their_hashes(
    sub_ca: certificates.Authority, tmp_path: Path
) -> None:
    """From a PEM file; any OCPP hash algorithm; none for another issuer or algorithm."""
    root = certificates.authority("MO Root")
    path = tmp_path / "contract-cas.pem"
    path.write_text(certificates.pem(root.certificate) + certificates.pem(sub_ca.certificate))
    known = KnownIssuers.from_file(str(path))
    name384, key384 = issuer_hashes(sub_ca.certificate, "SHA384")
    leaf, _ = sub_ca.issue("DEABC0000000006")
    stranger = certificates.authority("Stranger")
    (tmp_path / "empty.pem").write_text("")

    assert known.find(hash_data(leaf, sub_ca.certificate)) == sub_ca.certificate
    assert (
        known.find(
            HashData(
                hash_algorithm="SHA384",
                issuer_name_hash=name384,
                issuer_key_hash=key384,
                serial_number="1",
            )
        )
        == sub_ca.certificate
    )
    assert known.find(hash_data(stranger.certificate, stranger.certificate)) is None
    assert (
        known.find(
            HashData(
                hash_algorithm="MD5",
                issuer_name_hash=name384,
                issuer_key_hash=key384,
                serial_number="1",
            )
        )
        is None
    )
    assert KnownIssuers.from_file(None).find(hash_data(leaf, sub_ca.certificate)) is None
    with pytest.raises(CertificateProblem):
        KnownIssuers.from_file(str(tmp_path / "empty.pem"))
