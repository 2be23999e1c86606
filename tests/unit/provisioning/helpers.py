"""Values the provisioning tests (unit, kernel and store contract) share: a B09 connection
profile and a boot variable that sets every optional field."""

from __future__ import annotations

from typing import Any

from modules.provisioning import BootVariable

CONNECTION_DATA: dict[str, Any] = {
    "ocppVersion": "OCPP20",
    "ocppTransport": "JSON",
    "ocppCsmsUrl": "wss://csms.example.com/ocpp",
    "messageTimeout": 30,
    "securityProfile": 2,
    "ocppInterface": "Wired0",
}
"""A SetNetworkProfile `connectionData` (B09) over wired TLS with basic auth, no VPN nor APN."""

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
