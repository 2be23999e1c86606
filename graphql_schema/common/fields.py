"""Root fields declared once: `query`, `feed` and `mutation` make a resolver method a field.

The resolver's first parameter after `self` is what it works with, and the field supplies it:
a `StationCall` for a station command, for which the field takes `stationId` first and
`timeoutSeconds` last and checks the timeout; otherwise the block service of that parameter's
class, from the context's services; or the `Info` itself when it is annotated so. A feed's
resolver takes `page` (an `IdPage`), for which the field takes `first` and `after` last. An
`InvalidCommand` a resolver raises is the input error naming the argument. Every mutation is
written to the audit log once it has an answer: who (the caller's token), which field, which
station, the outcome.
"""

from __future__ import annotations

import inspect
import logging
import typing
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.commands import StationCall, check_timeout
from graphql_schema.common.errors import InputError, refusals_as_input_errors
from graphql_schema.common.paging import id_page
from graphql_schema.context import Context
from modules.operators import AuditLog

log = logging.getLogger(__name__)

Resolve = Callable[..., Awaitable[Any]]
Supply = Callable[[Info[Context, Any], dict[str, Any]], Any]

FEED_PAGE = 100
"""The page size of a feed when `first` is not given."""


def _argument(name: str, annotation: object, default: object = inspect.Parameter.empty) -> Any:
    """A keyword parameter of the field's resolver (an argument of the field)."""
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
    )


def _station_call(info: Info[Context, Any], arguments: dict[str, Any]) -> StationCall:
    """The station call of a command's `stationId` and `timeoutSeconds`."""
    timeout = check_timeout(arguments.pop("timeout_seconds"))
    return StationCall(info, str(arguments.pop("station_id")), timeout)


def _subject(kind: Any) -> tuple[list[Any], list[Any], Supply]:
    """The arguments the field takes before and after the resolver's own for what the resolver
    works with, and how that is made from them."""
    if kind is StationCall:
        before = [_argument("station_id", strawberry.ID)]
        return before, [_argument("timeout_seconds", float | None, None)], _station_call
    if kind is Info or typing.get_origin(kind) is Info:
        return [], [], lambda info, _: info
    return [], [], lambda info, _: info.context.services.block(kind)


def _station_of(arguments: dict[str, Any]) -> object:
    """The station a mutation addresses: its `stationId`, or its input's `stationId`, or the
    `id` of a station's input (`upsertStation`)."""
    if arguments.get("station_id") is not None:
        return arguments["station_id"]
    given = arguments.get("input")
    station = getattr(given, "station_id", None)
    if station is None and type(given).__name__.endswith("StationInput"):
        station = getattr(given, "id", None)
    return station


def _outcome(result: object) -> str:
    """What the audit log says of a mutation's result: its call outcome, else OK."""
    outcome = getattr(result, "outcome", None)
    if outcome is None:
        return "OK"
    return str(getattr(outcome, "value", outcome))


async def _audit(
    info: Info[Context, Any], station_id: object, outcome: str, detail: str | None
) -> None:
    """One audit entry for the mutation `info` resolves; a failure to write it is logged,
    not the caller's error (the command has been sent)."""
    context = info.context
    audit = context.services.blocks.get(AuditLog)
    if not isinstance(audit, AuditLog) or context.caller is None:
        return
    station = None if station_id is None else str(station_id)
    try:
        await audit.record(context.caller, info.field_name, station, outcome, detail)
    except Exception:
        log.warning("audit entry of %s not written", info.field_name, exc_info=True)


def _resolver(resolve: Resolve, cursor: str | None, audited: bool = False) -> Resolve:
    """The field's resolver: `resolve` with its subject (and page) made from the field's
    arguments, which its signature declares for strawberry; an `InvalidCommand` it raises is
    the input error naming the argument; an `audited` field's outcome is written to the
    audit log."""
    signature = inspect.signature(resolve)
    hints = typing.get_type_hints(resolve)
    owner, subject, *own = signature.parameters.values()
    before, after, supply = _subject(hints[subject.name])
    if cursor is not None:
        own = [item for item in own if item.name != "page"]
        after = [*after, _argument("first", int, FEED_PAGE), _argument("after", str | None, None)]

    async def run(root: Any, info: Info[Context, Any], arguments: dict[str, Any]) -> Any:
        with refusals_as_input_errors():
            given = supply(info, arguments)
            if cursor is not None:
                arguments["page"] = id_page(cursor, arguments.pop("first"), arguments.pop("after"))
            return await resolve(root, given, **arguments)

    async def resolver(root: Any, info: Info[Context, Any], **arguments: Any) -> Any:
        if not audited:
            return await run(root, info, arguments)
        station_id = _station_of(arguments)
        try:
            result = await run(root, info, arguments)
        except Exception as error:
            refused = "REFUSED" if isinstance(error, InputError) else "ERROR"
            await _audit(info, station_id, refused, str(error))
            raise
        await _audit(info, station_id, _outcome(result), None)
        return result

    keywords = [item.replace(kind=inspect.Parameter.KEYWORD_ONLY) for item in own]
    parameters = [owner, _argument("info", Info), *before, *keywords, *after]
    resolver.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    for name in ("__name__", "__qualname__", "__module__", "__doc__"):
        setattr(resolver, name, getattr(resolve, name))
    return resolver


def query(description: str) -> Callable[[Resolve], Any]:
    """The decorated method as a query field."""
    return lambda resolve: strawberry.field(
        resolver=_resolver(resolve, None), description=description
    )


def feed(cursor: str, description: str) -> Callable[[Resolve], Any]:
    """The decorated method as a query field paged with `first` and `after` (a row's cursor of
    the `cursor` feed)."""
    return lambda resolve: strawberry.field(
        resolver=_resolver(resolve, cursor), description=description
    )


def mutation(description: str) -> Callable[[Resolve], Any]:
    """The decorated method as a mutation field, written to the audit log; the role it needs
    is declared in `graphql_schema/roles.py`."""
    return lambda resolve: strawberry.mutation(
        resolver=_resolver(resolve, None, audited=True), description=description
    )
