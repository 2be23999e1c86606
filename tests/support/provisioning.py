"""Provisioning test data: a network connection profile as an operator sends it."""

from __future__ import annotations

from typing import Any

NETWORK_PROFILE: dict[str, Any] = {
    "ocppVersion": "OCPP20",
    "ocppTransport": "JSON",
    "ocppCsmsUrl": "wss://csms.example.com/ocpp",
    "messageTimeout": 30,
    "securityProfile": 2,
    "ocppInterface": "Wired0",
}
"""A wired OCPP 2.0 profile on security profile 2 (SetNetworkProfile's connectionData)."""

APN: dict[str, Any] = {"apn": "internet", "apnAuthentication": "AUTO"}
"""An APN block to add to NETWORK_PROFILE."""
