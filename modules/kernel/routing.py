"""What a module declares: the station calls it answers, the commands it sends (with the
handler that persists each answer), and the connection lifecycle it follows. Handlers are
plain async functions or bound methods."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ocpp.v201 import call, call_result

from modules.kernel.actions import CSMS_TO_STATION, STATION_TO_CSMS
from modules.kernel.events import Event, EventOrigin


@dataclass(slots=True)
class HandlerContext:
    """What a handler knows about the message it handles; `emit` queues an event for after
    commit. The request itself is the handler's argument: the typed `ocpp` dataclass, or on a
    raw route the payload as the station sent it (schema-valid camelCase JSON) — never both."""

    station_id: str
    message_id: str
    now: datetime
    node_id: str = ""
    connection_id: str = ""
    events: list[Event] = field(default_factory=list)

    @property
    def origin(self) -> EventOrigin:
        """The station and the time of the events this handler emits (`Event(**ctx.origin,
        ...)`)."""
        return EventOrigin(station_id=self.station_id, occurred_at=self.now)

    def emit(self, event: Event) -> None:
        """Queue a domain event; it is published only once the transaction commits."""
        self.events.append(event)


StationCallHandler = Callable[[HandlerContext, Any], Awaitable[Any]]
ResultHandler = Callable[[HandlerContext, Any, Any], Awaitable[None]]
LifecycleHandler = Callable[[HandlerContext], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class StationCallRoute:
    """A CS->CSMS action: the request dataclass the handler receives and the handler.

    `group_commit`: high-volume writes (meter values, transaction events) share a database
    transaction with the other such calls arriving within a few milliseconds.
    `transactional=False`: the handler stores nothing in the call's transaction (Heartbeat,
    whose last-seen time is written in batches), so none is opened for it.
    `raw=True`: the handler receives the payload as the station sent it (schema-valid
    camelCase JSON) instead of the decoded request, for hot paths that store it as sent and
    read it directly (nothing decodes it then).
    """

    request_type: type
    handler: StationCallHandler
    group_commit: bool = False
    transactional: bool = True
    raw: bool = False


@dataclass(frozen=True, slots=True)
class CommandRoute:
    """A CSMS->CS action a module sends: its request and response dataclasses, and the
    handler (if any) that persists what the station's answer means, in one transaction."""

    request_type: type
    response_type: type
    on_result: ResultHandler | None = None


@dataclass(frozen=True, slots=True)
class Module:
    """One functional block's routing table."""

    name: str
    station_calls: Mapping[str, StationCallRoute] = field(default_factory=dict)
    commands: Mapping[str, CommandRoute] = field(default_factory=dict)
    on_connected: LifecycleHandler | None = None
    on_disconnected: LifecycleHandler | None = None


@dataclass(frozen=True, slots=True)
class RoutingTable:
    """Every module's routes merged; each action has at most one owner."""

    station_calls: Mapping[str, StationCallRoute]
    commands: Mapping[str, CommandRoute]
    command_owners: Mapping[str, str]
    lifecycle: tuple[Module, ...]

    def unowned_station_actions(self) -> frozenset[str]:
        """CS->CSMS actions no module answers (they get NotSupported)."""
        return STATION_TO_CSMS - self.station_calls.keys()


class OwnershipError(ValueError):
    """Two modules claim the same action, or a module claims a non-action."""


def build_routing_table(modules: Iterable[Module]) -> RoutingTable:
    """Merge module tables, refusing any action with two owners or of the wrong direction."""
    calls: dict[str, StationCallRoute] = {}
    call_owner: dict[str, str] = {}
    commands: dict[str, CommandRoute] = {}
    command_owner: dict[str, str] = {}
    mods = tuple(modules)
    for module in mods:
        for action, route in module.station_calls.items():
            if action not in STATION_TO_CSMS:
                raise OwnershipError(f"{module.name}: {action} is not a CS->CSMS action")
            if action in calls:
                raise OwnershipError(f"{action} owned by {call_owner[action]} and {module.name}")
            calls[action] = route
            call_owner[action] = module.name
        for action, command in module.commands.items():
            if action not in CSMS_TO_STATION:
                raise OwnershipError(f"{module.name}: {action} is not a CSMS->CS action")
            if action in commands:
                raise OwnershipError(
                    f"{action} offered by {command_owner[action]} and {module.name}"
                )
            commands[action] = command
            command_owner[action] = module.name
    return RoutingTable(calls, commands, command_owner, mods)


def command(action: str, on_result: ResultHandler | None = None) -> CommandRoute:
    """The route of CSMS->CS `action` with the `ocpp` package's request and response types."""
    if action not in CSMS_TO_STATION:
        raise OwnershipError(f"{action} is not a CSMS->CS action")
    return CommandRoute(getattr(call, action), getattr(call_result, action), on_result)
