"""The asyncio gRPC clients of google-cloud-pubsub for `PubSubBus`, and their call limits.

On Pub/Sub the clients find their endpoint and credentials the usual way (application default
credentials). On the emulator they talk over a plain-text gRPC channel with anonymous
credentials, with no message size limits and with keepalive pings so an idle channel is not cut.
grpc.aio channels bind to the event loop that is running when they are made, so they are only
made from coroutines (the bus makes its clients lazily, on first use).
"""

from __future__ import annotations

import asyncio
from typing import Any

import grpc
from google.auth.credentials import AnonymousCredentials
from google.pubsub_v1.services.publisher import PublisherAsyncClient
from google.pubsub_v1.services.publisher.transports import PublisherGrpcAsyncIOTransport
from google.pubsub_v1.services.subscriber import SubscriberAsyncClient
from google.pubsub_v1.services.subscriber.transports import SubscriberGrpcAsyncIOTransport

PING_TIMEOUT = 2.0
"""Time limit of short calls: the health check, and the last acks of a consumer that stops."""
MAX_MESSAGES_PER_CALL = 1000
"""Most messages one publish call carries and one pull call asks for."""

_CHANNEL_OPTIONS = [
    ("grpc.max_send_message_length", -1),
    ("grpc.max_receive_message_length", -1),
    ("grpc.keepalive_time_ms", 30_000),
]


def publisher_client(emulator_host: str | None) -> Any:
    """A publisher client for Pub/Sub, or for the emulator at `emulator_host` when given."""
    return _client(PublisherAsyncClient, PublisherGrpcAsyncIOTransport, emulator_host)


def subscriber_client(emulator_host: str | None) -> Any:
    """A subscriber client for Pub/Sub, or for the emulator at `emulator_host` when given."""
    return _client(SubscriberAsyncClient, SubscriberGrpcAsyncIOTransport, emulator_host)


def _client(client_type: Any, transport_type: Any, emulator_host: str | None) -> Any:
    if emulator_host is None:
        return client_type()
    transport = transport_type(
        channel=emulator_channel(emulator_host), credentials=anonymous_credentials()
    )
    return client_type(transport=transport)


def emulator_channel(emulator_host: str) -> Any:
    """A plain-text gRPC channel to the emulator; call it from a coroutine."""
    # grpc.aio channels bind to the running loop, so they are only made from coroutines.
    asyncio.get_running_loop()
    return grpc.aio.insecure_channel(emulator_host, options=_CHANNEL_OPTIONS)


def anonymous_credentials() -> Any:
    """Credentials that sign nothing, which is what the emulator expects."""
    return AnonymousCredentials()  # type: ignore[no-untyped-call]
