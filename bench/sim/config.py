"""The simulator's parameters, fixed for one run."""

from __future__ import annotations

from dataclasses import dataclass

SCENARIOS = ("steady", "heartbeat-flood", "reconnect-storm", "remote-start-burst")


@dataclass(frozen=True, slots=True)
class SimConfig:
    """Everything a run needs; the CLI fills it from the command line, tests build it directly."""

    url: str
    stations: int = 1
    scenario: str = "steady"
    id_prefix: str = "SIM-"
    first_index: int = 1
    evses: int = 1
    connectors_per_evse: int = 1
    password: str | None = None
    duration: float = 60.0
    ramp_seconds: float = 0.0
    heartbeat_interval: float | None = None
    charging_fraction: float = 0.2
    meter_interval: float = 15.0
    session_seconds: float = 0.0
    idle_seconds: float = 10.0
    session_spread: float = 0.0
    power_w: float = 11_000.0
    call_timeout: float = 30.0
    connect_timeout: float = 30.0
    reconnect_delay: float = 5.0
    boot_timeout: float = 120.0
    storm_timeout: float = 300.0
    strict: bool = False
    progress: bool = False
    vendor: str = "CSMS-Sim"
    model: str = "SimStation"
    firmware: str = "sim-1.0"
    sample_cap: int = 1_000_000
    seed: int = 1
    measure_after: float | None = None

    def __post_init__(self) -> None:
        if self.scenario not in SCENARIOS:
            raise ValueError(f"unknown scenario {self.scenario!r}; one of {', '.join(SCENARIOS)}")
        if self.stations < 1 or self.evses < 1 or self.connectors_per_evse < 1:
            raise ValueError("stations, evses and connectors per EVSE must be at least 1")
        if not 0.0 <= self.charging_fraction <= 1.0:
            raise ValueError("charging fraction must be between 0 and 1")
        if self.meter_interval <= 0 or self.call_timeout <= 0:
            raise ValueError("meter interval and call timeout must be positive")
        if self.session_spread < 0:
            raise ValueError("session spread must not be negative")
        if self.measure_after is not None and self.measure_after < 0:
            raise ValueError("measure-after must not be negative")

    @property
    def id_width(self) -> int:
        """Digits of the zero-padded station index (at least 4)."""
        return max(4, len(str(self.first_index + self.stations - 1)))

    def station_id(self, index: int) -> str:
        """The id of the station with 0-based position `index` in the fleet."""
        return f"{self.id_prefix}{self.first_index + index:0{self.id_width}d}"

    def charges(self, index: int) -> bool:
        """Whether station `index` runs its own sessions: round(N x fraction) of them, spread."""
        fraction = self.charging_fraction
        return int((index + 1) * fraction + 0.5) > int(index * fraction + 0.5)
