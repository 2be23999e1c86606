"""Per-request GraphQL context and the services resolvers use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from aiohttp import web
from strawberry.dataloader import DataLoader

from modules.kernel.live import EventFeed
from modules.kernel.outages import Classifier, named_dependency
from modules.kernel.ports import CommandSender

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ApiServices:
    """What the api role hands to resolvers: the command sender, the event hub, each
    block's services (its queries and command workflows) keyed by their class, and the
    classifier that tells an unavailable dependency's errors apart."""

    sender: CommandSender
    events: EventFeed
    admin_token: str
    blocks: Mapping[type, object] = field(default_factory=dict)
    unavailable: Classifier = named_dependency

    def block(self, kind: type[T]) -> T:
        """The block service of class `kind` (built by the composition root)."""
        return cast(T, self.blocks[kind])


@dataclass
class Context:
    """Strawberry context: the request, services, whether the caller is authenticated."""

    request: web.Request
    response: web.StreamResponse | None
    services: ApiServices
    authenticated: bool = False
    connection_params: dict[str, Any] | None = None
    loaders: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)
