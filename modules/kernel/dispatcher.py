"""Worker-side dispatch: a station CALL envelope in, its reply envelope and events out.

The handler runs in one database transaction (shared with its neighbours in time when its
route asks for group commit); only after it commits is the reply built, so a
station is never told "accepted" for something that was not stored. Only here do typed errors
become CALLERRORs; an unexpected exception becomes InternalError and is logged. When the error
says a dependency is unavailable (the database refused, broke off or missed its deadline), the
InternalError says which ("database unavailable"), without internals.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from modules.kernel import codec, schemas
from modules.kernel.envelope import Envelope, Kind
from modules.kernel.errors import InternalError, NotSupported, OcppError
from modules.kernel.events import Event
from modules.kernel.group_commit import GroupCommit
from modules.kernel.outages import Classifier, description, named_dependency
from modules.kernel.ports import UnitOfWork
from modules.kernel.routing import HandlerContext, LifecycleHandler, RoutingTable

log = logging.getLogger(__name__)


def _reply(envelope: Envelope, **fields: Any) -> Envelope:
    return Envelope(
        kind=Kind.STATION_REPLY,
        station_id=envelope.station_id,
        message_id=envelope.message_id,
        action=envelope.action,
        connection_id=envelope.connection_id,
        **fields,
    )


def _error_reply(envelope: Envelope, error: OcppError) -> Envelope:
    return _reply(
        envelope,
        error_code=error.code,
        error_description=error.description,
        error_details=error.details,
    )


class Dispatcher:
    """Runs module handlers for station calls and connection lifecycle envelopes."""

    def __init__(
        self,
        table: RoutingTable,
        now: Callable[[], datetime],
        unit_of_work: UnitOfWork,
        group_commit: GroupCommit | None = None,
        unavailable: Classifier = named_dependency,
    ) -> None:
        self._table = table
        self._now = now
        self._unit_of_work = unit_of_work
        self._group_commit = group_commit
        self._unavailable = unavailable

    def _context(self, envelope: Envelope) -> HandlerContext:
        return HandlerContext(
            station_id=envelope.station_id,
            message_id=envelope.message_id,
            now=self._now(),
            node_id=envelope.node_id or envelope.reply_to,
            connection_id=envelope.connection_id,
        )

    async def handle_call(self, envelope: Envelope) -> tuple[Envelope, list[Event]]:
        """Answer one station CALL; returns the reply and the events to publish."""
        route = self._table.station_calls.get(envelope.action)
        if route is None:
            return _error_reply(envelope, NotSupported(f"{envelope.action} is not supported")), []
        ctx = self._context(envelope)
        payload = envelope.payload or {}
        try:
            request: Any = payload if route.raw else codec.decode(route.request_type, payload)
            if not route.transactional:
                response = await route.handler(ctx, request)
            elif route.group_commit and self._group_commit is not None:
                response = await self._group_commit.run(
                    lambda: _from_scratch(ctx, route.handler, request)
                )
            else:
                async with self._unit_of_work():
                    response = await route.handler(ctx, request)
            answer = codec.encode(response)
            schemas.validate(envelope.action, "Response", answer)
        except OcppError as error:
            return _error_reply(envelope, error), []
        except Exception as error:
            dependency = self._unavailable(error)
            log.exception(
                "handler failed",
                extra={"station_id": envelope.station_id, "message_id": envelope.message_id},
            )
            what = description(dependency) if dependency else "internal error"
            return _error_reply(envelope, InternalError(what)), []
        return _reply(envelope, payload=answer), ctx.events

    async def handle_lifecycle(self, envelope: Envelope) -> list[Event]:
        """Run every module's connected/disconnected handler in one transaction (shared with
        its neighbours in time under group commit: a reconnect storm brings thousands)."""
        ctx = self._context(envelope)
        handlers: list[Callable[[HandlerContext], Awaitable[None]]] = []
        for module in self._table.lifecycle:
            handler: LifecycleHandler | None = (
                module.on_connected if envelope.kind is Kind.CONNECTED else module.on_disconnected
            )
            if handler is not None:
                handlers.append(handler)
        if self._group_commit is not None:
            await self._group_commit.run(lambda: _run_all(handlers, ctx))
        else:
            async with self._unit_of_work():
                await _run_all(handlers, ctx)
        return ctx.events


async def _from_scratch(
    ctx: HandlerContext, handler: Callable[[HandlerContext, Any], Awaitable[Any]], request: Any
) -> Any:
    """Run a handler as a group-commit unit, which may run twice: the events of a rolled-back
    run are dropped first."""
    ctx.events.clear()
    return await handler(ctx, request)


async def _run_all(
    handlers: list[Callable[[HandlerContext], Awaitable[None]]], ctx: HandlerContext
) -> None:
    ctx.events.clear()  # a group-commit unit may run twice
    for handler in handlers:
        await handler(ctx)
