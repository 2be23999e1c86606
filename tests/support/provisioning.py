"""Provisioning test data: a network connection profile as an operator sends it, and a boot
variable that sets every optional field."""

from __future__ import annotations

from typing import Any

from modules.provisioning import BootVariable

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

CONNECTOR_POWER = BootVariable(
    component="Connector",
    variable="Power",
    value="7",
    attribute_type="Target",
    component_instance="x",
    evse_id=1,
    connector_id=2,
    variable_instance="L1",
)
"""A boot variable with every optional field set (instances, EVSE and connector, attribute)."""
