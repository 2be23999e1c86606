"""A station's local authorization list kept as a strict station keeps it (D01/D02): it
refuses what D01 lets a station refuse, so a test sees what a real station would hold."""

from __future__ import annotations

from typing import Any

from tests.support.station import ScriptedStation


class StrictLocalList:
    """The list a strict station holds, answering SendLocalList and GetLocalListVersion.

    SendLocalList: a version <= 0 is Failed (D01.FR.18); a Differential whose version is not
    above the one held is VersionMismatch and changes nothing (D01.FR.19); a Full replaces the
    list (D01.FR.04/15); a Differential adds or updates entries with idTokenInfo and removes
    those without (D01.FR.16/17); every accepted update sets the version. GetLocalListVersion
    answers the version held, 0 for none (D02.FR.01/02). It outlives a station's connection
    (non-volatile memory, D01.FR.10) unless the test calls `lose`.
    """

    def __init__(self) -> None:
        self.version = 0
        self.entries: dict[str, dict[str, Any]] = {}
        self.received: list[dict[str, Any]] = []
        self.answers: list[str] = []
        self.version_requests = 0

    def attach(self, station: ScriptedStation) -> ScriptedStation:
        """Let `station` answer both actions from this list; returns it."""
        station.responders["SendLocalList"] = self.send_local_list
        station.responders["GetLocalListVersion"] = self.get_local_list_version
        return station

    def lose(self) -> None:
        """The station lost its list (a replaced controller, a factory reset)."""
        self.version = 0
        self.entries = {}

    def send_local_list(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Apply one SendLocalList as D01 says a station does; its answer."""
        self.received.append(payload)
        status = self._apply(payload)
        self.answers.append(status)
        return {"status": status}

    def _apply(self, payload: dict[str, Any]) -> str:
        version = payload["versionNumber"]
        items = payload.get("localAuthorizationList", [])
        if version <= 0:
            return "Failed"
        if payload["updateType"] == "Full":
            self.entries = {}
        elif version <= self.version:
            return "VersionMismatch"
        for item in items:
            value = item["idToken"]["idToken"]
            if "idTokenInfo" in item:
                self.entries[value] = item["idTokenInfo"]
            else:
                self.entries.pop(value, None)
        self.version = version
        return "Accepted"

    def get_local_list_version(self, payload: dict[str, Any]) -> dict[str, Any]:
        """D02: the version held."""
        self.version_requests += 1
        return {"versionNumber": self.version}

    def statuses(self) -> dict[str, str]:
        """idToken -> the status its idTokenInfo gives."""
        return {value: info["status"] for value, info in self.entries.items()}
