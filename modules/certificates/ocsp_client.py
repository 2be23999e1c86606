"""The built-in OCSP responder client (RFC 6960 over HTTP POST, via aiohttp with a
deadline): `CSMS_OCSP_URL` when set, else the responder the station named. The request is
built and the response parsed with `cryptography.x509.ocsp`."""

from __future__ import annotations

import aiohttp
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp

from modules.certificates import pki
from modules.certificates.backends import CertStatus, OcspAnswer, OcspQuery
from modules.certificates.records import HashData

MAX_RESPONSE_BYTES = 64 * 1024
STATUSES = {
    ocsp.OCSPCertStatus.GOOD: CertStatus.GOOD,
    ocsp.OCSPCertStatus.REVOKED: CertStatus.REVOKED,
    ocsp.OCSPCertStatus.UNKNOWN: CertStatus.UNKNOWN,
}


def _failed(problem: str) -> OcspAnswer:
    return OcspAnswer(status=CertStatus.FAILED, problem=problem)


def request_der(query: OcspQuery) -> bytes:
    """The DER OCSPRequest for the query's certificate; ValueError for hash data that cannot
    form one."""
    data = query.hash_data
    builder = ocsp.OCSPRequestBuilder().add_certificate_by_hash(
        bytes.fromhex(data.issuer_name_hash),
        bytes.fromhex(data.issuer_key_hash),
        int(data.serial_number, 16),
        pki.HASH_ALGORITHMS[data.hash_algorithm],
    )
    return builder.build().public_bytes(Encoding.DER)


def single_response(response: ocsp.OCSPResponse, asked: HashData) -> ocsp.OCSPSingleResponse | None:
    """The response's answer about the asked certificate (serial number and issuer hashes),
    or None."""
    wanted = (
        int(asked.serial_number, 16),
        asked.issuer_name_hash.lower(),
        asked.issuer_key_hash.lower(),
    )
    for single in response.responses:
        found = (
            single.serial_number,
            single.issuer_name_hash.hex(),
            single.issuer_key_hash.hex(),
        )
        if found == wanted:
            return single
    return None


def verdict(body: bytes, query: OcspQuery) -> OcspAnswer:
    """The status an OCSPResponse gives the queried certificate, with the response itself;
    FAILED when it is not a successful response about that certificate (serial number and
    issuer hashes). Its signature is not checked here: a station verifies what is relayed to
    it (M06), and the C07 check verifies what it acts on (`ocsp_verify`)."""
    try:
        response = ocsp.load_der_ocsp_response(body)
    except ValueError as error:
        return _failed(f"not an OCSP response: {error}")
    if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
        return _failed(f"the responder answered {response.response_status.name}")
    single = single_response(response, query.hash_data)
    if single is None:
        return _failed("the OCSP response is not about the certificate asked")
    return OcspAnswer(status=STATUSES[single.certificate_status], response=body)


class HttpOcspResponder:
    """OcspResponder over HTTP: POST application/ocsp-request within `timeout` seconds."""

    def __init__(self, url: str | None, timeout: float) -> None:
        self._url = url
        self._timeout = timeout

    async def query(self, query: OcspQuery) -> OcspAnswer:
        """Ask the responder; FAILED with the reason when nothing usable came back."""
        url = self._url or query.responder_url
        if not url:
            return _failed("no OCSP responder: the station named none and CSMS_OCSP_URL is unset")
        if not url.lower().startswith(("http://", "https://")):
            return _failed(f"the OCSP responder {url!r} is not an http(s) URL")
        try:
            body = request_der(query)
        except (ValueError, KeyError) as error:
            return _failed(f"hash data cannot form an OCSP request: {error}")
        try:
            timeout = aiohttp.ClientTimeout(total=self._timeout)
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.post(
                    url, data=body, headers={"Content-Type": "application/ocsp-request"}
                ) as response,
            ):
                if response.status != 200:
                    return _failed(f"the responder answered HTTP {response.status}")
                answer = await response.content.read(MAX_RESPONSE_BYTES + 1)
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            return _failed(f"the responder at {url} could not be reached: {error!r}")
        if len(answer) > MAX_RESPONSE_BYTES:
            return _failed("the OCSP response is too large")
        return verdict(answer, query)
