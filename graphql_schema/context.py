"""Per-request GraphQL context and the services resolvers use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from strawberry.dataloader import DataLoader

from app.commands import CallSender
from app.event_hub import EventHub
from modules.authorization.list_publisher import LocalListPublisher


@dataclass(frozen=True, slots=True)
class ApiServices:
    """What the api role hands to resolvers."""

    sender: CallSender
    events: EventHub
    local_lists: LocalListPublisher
    admin_token: str


@dataclass
class Context:
    """Strawberry context: the request, services, whether the caller is authenticated."""

    request: web.Request
    response: web.StreamResponse | None
    services: ApiServices
    authenticated: bool = False
    connection_params: dict[str, Any] | None = None
    loaders: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)
