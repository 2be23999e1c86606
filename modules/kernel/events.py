"""Domain events: what happened, published on the bus after the change is committed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson


@dataclass(frozen=True, slots=True)
class DomainEvent:
    """One fact about a station, for GraphQL subscribers and other modules."""

    type: str
    station_id: str
    occurred_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """Serialise for the events topic."""
        return orjson.dumps(
            {
                "type": self.type,
                "station_id": self.station_id,
                "occurred_at": self.occurred_at.isoformat(),
                "payload": self.payload,
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> DomainEvent:
        """Deserialise from the events topic."""
        raw = orjson.loads(data)
        return cls(
            type=raw["type"],
            station_id=raw["station_id"],
            occurred_at=datetime.fromisoformat(raw["occurred_at"]),
            payload=raw["payload"],
        )
