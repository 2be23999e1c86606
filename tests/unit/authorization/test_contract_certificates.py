"""Authorize with ISO 15118 contract-certificate data (C07) on the memory store, the check
scripted: the certificateStatus and the idTokenInfo status it imposes (C07.FR.13-17), and no
check at all without certificate data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pytest
from ocpp.v201 import call, datatypes, enums

from modules.authorization import KnownToken, MemoryAuthorizationStore
from modules.authorization.handlers import AuthorizationHandlers
from modules.authorization.policy import Decision, with_certificate
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW

HASH = datatypes.OCSPRequestDataType(
    hash_algorithm=enums.HashAlgorithmEnumType.sha256,
    issuer_name_hash="ab",
    issuer_key_hash="cd",
    serial_number="1",
    responder_url="http://ocsp.example/",
)


class ScriptedCheck:
    """Answers one status; counts the checks."""

    def __init__(self, status: str) -> None:
        self.status = status
        self.checks = 0

    async def check(
        self,
        certificate: str | None,
        hash_data: Sequence[datatypes.OCSPRequestDataType],
        now: datetime,
    ) -> str:
        """The scripted status."""
        self.checks += 1
        return self.status


@pytest.mark.parametrize(
    ("token_status", "checked", "expected"),
    [
        ("Accepted", "Accepted", ("Accepted", "Accepted")),
        ("ConcurrentTx", "Accepted", ("ConcurrentTx", "Accepted")),
        ("Blocked", "Accepted", ("Blocked", "ContractCancelled")),
        ("Unknown", "Accepted", ("Unknown", "ContractCancelled")),
        ("Accepted", "CertificateExpired", ("Expired", "CertificateExpired")),
        ("Accepted", "CertificateRevoked", ("Invalid", "CertificateRevoked")),
        ("Accepted", "CertChainError", ("Invalid", "CertChainError")),
    ],
)
def test_the_certificate_check_decides_both_statuses_c07_fr_13_17(
    token_status: str, checked: str, expected: tuple[str, str]
) -> None:
    decision, certificate_status = with_certificate(Decision(token_status), checked)

    assert (decision.status, certificate_status) == expected


async def test_authorize_asks_the_check_only_with_certificate_data() -> None:
    store = MemoryAuthorizationStore()
    await store.upsert_token("EMAID1", "eMAID", KnownToken("Accepted"))
    check = ScriptedCheck("CertificateRevoked")
    handlers = AuthorizationHandlers(store, contract_check=check)
    token = datatypes.IdTokenType("EMAID1", enums.IdTokenEnumType.e_maid)
    ctx = HandlerContext(station_id="CS-1", message_id="m1", now=NOW)

    plain = await handlers.authorize(ctx, call.Authorize(id_token=token))
    revoked = await handlers.authorize(
        ctx, call.Authorize(id_token=token, iso15118_certificate_hash_data=[HASH])
    )
    unchecked = await AuthorizationHandlers(store).authorize(
        ctx, call.Authorize(id_token=token, certificate="PEM")
    )

    assert (plain.id_token_info.status, plain.certificate_status) == (
        enums.AuthorizationStatusEnumType.accepted,
        None,
    )
    assert (revoked.id_token_info.status, revoked.certificate_status) == (
        enums.AuthorizationStatusEnumType.invalid,
        enums.AuthorizeCertificateStatusEnumType.certificate_revoked,
    )
    assert unchecked.certificate_status is (
        enums.AuthorizeCertificateStatusEnumType.no_certificate_available
    )
    assert check.checks == 1
