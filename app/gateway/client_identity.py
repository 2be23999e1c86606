"""What a station's TLS layer proves: whether the connection is encrypted and the subject CN
of the client certificate it verified (security profile 3, A00.FR.405).

Directly on the TLS listener the certificate comes from the TLS session (verified against
CSMS_TLS_CLIENT_CA_FILE during the handshake). Behind a TLS-terminating proxy it comes from a
header the proxy sets (nginx: `$ssl_client_escaped_cert`, a URL-encoded PEM), trusted only
from the proxy addresses allow-listed in the settings; such a proxy terminates TLS, so its
requests count as encrypted.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import unquote

from aiohttp import web
from cryptography import x509
from cryptography.x509.oid import NameOID

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class ProxyTrust:
    """The header a TLS-terminating proxy puts the verified client certificate in, and the
    proxies' addresses (none: no proxy trusted)."""

    header: str = ""
    networks: tuple[Network, ...] = ()

    def trusts(self, address: str | None) -> bool:
        """Whether `address` is an allow-listed proxy."""
        if not self.header or address is None:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)


@dataclass(frozen=True, slots=True)
class ClientIdentity:
    """Whether the request came over TLS, and its verified client certificate's CN."""

    tls: bool
    common_name: str | None
    """None: no certificate (or one without a CN)."""


def _peer_common_name(request: web.Request) -> str | None:
    transport = request.transport
    peer = transport.get_extra_info("peercert") if transport is not None else None
    if not peer:
        return None
    for rdn in peer.get("subject", ()):
        for key, value in rdn:
            if key == "commonName":
                return str(value)
    return ""


def _header_common_name(value: str) -> str | None:
    try:
        certificate = x509.load_pem_x509_certificate(unquote(value).encode())
    except ValueError:
        return ""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else ""


def client_identity(request: web.Request, proxy: ProxyTrust) -> ClientIdentity:
    """What the request's TLS layer (or a trusted proxy) proves; a certificate that cannot be
    read gives an empty CN, which matches no station."""
    transport = request.transport
    tls = transport is not None and transport.get_extra_info("ssl_object") is not None
    if tls:
        return ClientIdentity(True, _peer_common_name(request))
    if proxy.trusts(request.remote):
        value = request.headers.get(proxy.header)
        return ClientIdentity(True, _header_common_name(value) if value else None)
    return ClientIdentity(False, None)
