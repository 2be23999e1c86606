"""What a station may send before it is Accepted (B02/B03, TC_B_30_CSMS).

Until the CSMS has accepted its BootNotification, a station may only send BootNotification.
While Pending it may also send what the CSMS asked for: NotifyReport (after GetBaseReport or
GetReport) and, once each, the message a TriggerMessage it accepted requested. Anything else is
answered with CALLERROR SecurityError (B02.FR.09, B03.FR.07).
"""

from __future__ import annotations

from collections import Counter

ACCEPTED = "Accepted"
PENDING = "Pending"
REJECTED = "Rejected"

_TRIGGERED_ACTION = {
    "BootNotification": "BootNotification",
    "LogStatusNotification": "LogStatusNotification",
    "FirmwareStatusNotification": "FirmwareStatusNotification",
    "Heartbeat": "Heartbeat",
    "MeterValues": "MeterValues",
    "SignChargingStationCertificate": "SignCertificate",
    "SignV2GCertificate": "SignCertificate",
    "SignCombinedCertificate": "SignCertificate",
    "StatusNotification": "StatusNotification",
    "TransactionEvent": "TransactionEvent",
    "PublishFirmwareStatusNotification": "PublishFirmwareStatusNotification",
}


class RegistrationGate:
    """One connection's registration state and the calls it lets through."""

    def __init__(self, status: str | None) -> None:
        self.status = status
        self._triggered: Counter[str] = Counter()

    def admits(self, action: str) -> bool:
        """True when the station may send `action` now (a triggered allowance is used up)."""
        if action == "BootNotification" or self.status == ACCEPTED:
            return True
        if self.status != PENDING:
            return False
        if action == "NotifyReport":
            return True
        if self._triggered[action] > 0:
            self._triggered[action] -= 1
            return True
        return False

    def booted(self, status: str) -> None:
        """The CSMS answered a BootNotification with `status`."""
        self.status = status

    def trigger_accepted(self, requested_message: str) -> None:
        """The station accepted a TriggerMessage: it may send the requested message once."""
        action = _TRIGGERED_ACTION.get(requested_message)
        if action is not None:
            self._triggered[action] += 1
