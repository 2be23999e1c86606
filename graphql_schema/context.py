"""Per-request GraphQL context and the services resolvers use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast

from aiohttp import web
from strawberry.dataloader import DataLoader

from graphql_schema.limits import ApiLimits, DocumentCache
from modules.kernel.live import EventFeed
from modules.kernel.outages import Classifier, named_dependency
from modules.kernel.ports import CommandSender
from modules.operators import ApiTokens, Caller

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ApiServices:
    """What the api role hands to resolvers: the command sender, the event hub, the API
    tokens, each block's services (its queries and command workflows) keyed by their class,
    the classifier that tells an unavailable dependency's errors apart, the API's limits and
    the throttle of failed API logins per address."""

    sender: CommandSender
    events: EventFeed
    tokens: ApiTokens
    blocks: Mapping[type, object] = field(default_factory=dict)
    unavailable: Classifier = named_dependency
    limits: ApiLimits = field(default_factory=ApiLimits)
    throttle: FailureThrottle | None = None
    documents: DocumentCache = field(default_factory=lambda: DocumentCache(8 * 1024 * 1024))

    def block(self, kind: type[T]) -> T:
        """The block service of class `kind` (built by the composition root)."""
        return cast(T, self.blocks[kind])


class FailureThrottle(Protocol):
    """Failed logins counted per remote address (app/gateway/auth_throttle.py)."""

    def retry_after(self, address: str | None) -> float | None:
        """Seconds the address must wait before a token is checked again, or None."""
        ...

    def failed(self, address: str | None) -> None:
        """Count a wrong token from the address."""
        ...


@dataclass
class Context:
    """Strawberry context: the request, services, who the caller is (None: not
    authenticated)."""

    request: web.Request
    response: web.StreamResponse | None
    services: ApiServices
    caller: Caller | None = None
    connection_params: dict[str, Any] | None = None
    loaders: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)

    @property
    def authenticated(self) -> bool:
        """Whether a valid token was presented."""
        return self.caller is not None
