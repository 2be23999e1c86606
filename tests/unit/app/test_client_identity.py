"""What a TLS-terminating proxy may vouch for (A00 profile 3 behind a proxy): only from an
allow-listed address, and a header that holds no certificate names no station."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import quote

from aiohttp.test_utils import make_mocked_request

from app.gateway.client_identity import ClientIdentity, ProxyTrust, client_identity
from tests.support.tls import TestPki

PROXY = ProxyTrust("X-Client-Cert", (ipaddress.ip_network("10.0.0.0/8"),))


def test_only_allow_listed_addresses_are_trusted() -> None:
    assert PROXY.trusts("10.1.2.3")
    assert not PROXY.trusts("192.168.1.1")
    assert not PROXY.trusts(None)
    assert not PROXY.trusts("not-an-address")
    assert not ProxyTrust().trusts("10.1.2.3")


def test_a_forwarded_certificate_gives_its_cn(tmp_path: Path) -> None:
    pem = TestPki(tmp_path).client_pem("CS-PROXIED")
    request = make_mocked_request("GET", "/", headers={"X-Client-Cert": quote(pem)})
    request._transport_peername = ("10.0.0.7", 1234)
    assert client_identity(request, PROXY) == ClientIdentity(True, "CS-PROXIED")


def test_a_header_without_a_certificate_names_no_station() -> None:
    request = make_mocked_request("GET", "/", headers={"X-Client-Cert": "garbage"})
    request._transport_peername = ("10.0.0.7", 1234)
    assert client_identity(request, PROXY) == ClientIdentity(True, "")
