"""Google Cloud Pub/Sub bus on the asyncio gRPC clients of google-cloud-pubsub (no threads).

Delivery design (the contract is the `Bus` docstring in `modules.kernel.ports`):

* Publishing: each topic has at most one publish RPC in flight; messages published while it is
  in flight go out together in the next one (up to 1000 per RPC). A lone message goes out at
  once, a burst is batched, and a topic's messages reach Pub/Sub in call order. `publish`
  returns when the RPC carrying the message succeeded.
* Receiving: every `subscribe` runs one `SubscriptionConsumer` (`infra.bus.pubsub_consumer`),
  either a long-polling unary `pull` loop or a StreamingPull stream (`receive="pull"` /
  `"streaming"`; "auto" pulls from the emulator, whose StreamingPull sends 100 messages per 50 ms
  tick and so caps near 2000 msg/s, and streams from Pub/Sub). Either way it reconnects with
  backoff after errors.
* The consumer holds at most `max_outstanding` messages, handles keyless messages concurrently
  and each ordering key's messages strictly in order, acks a message only once its handler
  returned and nacks it when the handler raised (see `infra.bus.pubsub_consumer` for how a key
  keeps its order across retries and when a message is dropped after `MAX_ATTEMPTS`).
* `drain` stops receiving, gives handlers under way a grace period (as the twin does), then
  nacks whatever is left so another consumer gets it at once; publishing stays open until
  `close`, which drains first if that was not done.
* Deadlines: a publish (and creating a topic or a subscription) gives up after `timeout`
  seconds; a publish that fails or gives up raises `DependencyUnavailable("bus")`.

Client construction (emulator channel, anonymous credentials) is in `infra.bus.pubsub_clients`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any, Literal

from google.api_core import exceptions
from google.pubsub_v1.types import ExpirationPolicy, PubsubMessage, Subscription

from infra.bus.pubsub_clients import (
    MAX_MESSAGES_PER_CALL,
    PING_TIMEOUT,
    publisher_client,
    subscriber_client,
)
from infra.bus.pubsub_consumer import MAX_ATTEMPTS, SubscriptionConsumer
from modules.kernel.outages import BUS, DependencyUnavailable
from modules.kernel.ports import MessageHandler
from modules.kernel.topics import is_node_subscription

__all__ = [
    "ACK_DEADLINE",
    "EMPTY_ATTRIBUTE",
    "MAX_ATTEMPTS",
    "MAX_OUTSTANDING",
    "PING_TIMEOUT",
    "PubSubBus",
    "Receive",
]

log = logging.getLogger(__name__)

Receive = Literal["auto", "pull", "streaming"]

ACK_DEADLINE = 10
"""Seconds a pulled message stays with its consumer without a lease extension: Pub/Sub's
minimum, so the messages of a consumer that died (SIGKILL, lost host) go to another one
after at most this long; a live consumer extends the lease of what it holds every 4 s."""
NODE_SUBSCRIPTION_TTL = timedelta(days=1)
"""A node's own subscription (inbox, events) is deleted by Pub/Sub after a day without a
reader (its minimum), so a node that died does not leave it to fill up for ever; a shared
subscription never expires (Pub/Sub's default, 31 days, would drop the workers' queue of a
quiet fleet)."""
MAX_OUTSTANDING = 1000
CLOSE_GRACE = 5.0
"""Seconds `close` gives handlers and publishes under way."""
DEFAULT_TIMEOUT = 10.0
"""Seconds a publish (or creating a topic or a subscription) may take."""
EMPTY_ATTRIBUTE = "csms-empty"
"""Pub/Sub refuses a message with neither data nor attributes; an empty payload carries this."""

_BATCH_BYTES = 8 * 1024 * 1024

_Pending = tuple[Any, "asyncio.Future[None]"]


class PubSubBus:
    """The `Bus` on Google Cloud Pub/Sub (or its emulator), with the in-memory twin's contract."""

    def __init__(
        self,
        project: str,
        emulator_host: str | None = None,
        topic_prefix: str = "csms",
        *,
        receive: Receive = "auto",
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self._project = project
        self._timeout = timeout
        self._emulator_host = emulator_host
        self._prefix = topic_prefix
        if receive == "auto":
            receive = "pull" if emulator_host else "streaming"
        self._receive = receive
        self._publisher_client: Any = None
        self._subscriber_client: Any = None
        self._known_topics: set[str] = set()
        self._topic_lock = asyncio.Lock()
        self._unsent: dict[str, list[_Pending]] = {}
        self._senders: dict[str, asyncio.Task[None]] = {}
        self._consumers: dict[str, list[SubscriptionConsumer]] = {}
        self._draining = False
        self._closed = False

    def topic_path(self, topic: str) -> str:
        """The full Pub/Sub name of a bus topic."""
        return f"projects/{self._project}/topics/{self._prefix}-{topic}"

    def subscription_path(self, subscription: str) -> str:
        """The full Pub/Sub name of a bus subscription."""
        return f"projects/{self._project}/subscriptions/{self._prefix}-{subscription}"

    async def publish(self, topic: str, data: bytes, ordering_key: str = "") -> None:
        """Publish to `topic` (created on first use); returns once Pub/Sub stored the message.

        Raises `DependencyUnavailable("bus")` when Pub/Sub refused it or did not answer within
        the bus's deadline (the message may still have been stored: delivery is at least once).
        """
        if self._closed:
            raise RuntimeError("bus is closed")
        path = self.topic_path(topic)
        try:
            await self._ensure_topic(path)
            if self._closed:
                raise RuntimeError("bus is closed")
            message = PubsubMessage(data=data, ordering_key=ordering_key)
            if not data:
                message.attributes[EMPTY_ATTRIBUTE] = "1"
            accepted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._unsent.setdefault(path, []).append((message, accepted))
            if path not in self._senders:
                task = asyncio.create_task(self._send(path), name=f"pubsub-publish {path}")
                self._senders[path] = task
            # a caller that gives up leaves its future cancelled: _next_batch skips it
            await asyncio.wait_for(accepted, self._timeout)
        except (exceptions.GoogleAPIError, TimeoutError) as error:
            raise DependencyUnavailable(BUS) from error

    async def subscribe(self, topic: str, subscription: str, handler: MessageHandler) -> None:
        """Create `subscription` on `topic` if needed and start a consumer for it."""
        if self._closed or self._draining:
            raise RuntimeError("bus is closed")
        topic_path = self.topic_path(topic)
        path = self.subscription_path(subscription)
        await self._ensure_topic(topic_path)
        request = Subscription(
            name=path,
            topic=topic_path,
            ack_deadline_seconds=ACK_DEADLINE,
            enable_message_ordering=True,
            expiration_policy=ExpirationPolicy(
                ttl=NODE_SUBSCRIPTION_TTL if is_node_subscription(subscription) else None
            ),
        )
        with contextlib.suppress(exceptions.AlreadyExists):
            await self._subscriber().create_subscription(request=request, timeout=self._timeout)
        consumer = SubscriptionConsumer(
            self._subscriber(),
            path,
            handler,
            streaming=self._receive == "streaming",
            ack_deadline=ACK_DEADLINE,
            max_outstanding=MAX_OUTSTANDING,
        )
        self._consumers.setdefault(subscription, []).append(consumer)
        consumer.start()

    async def delete_subscription(self, subscription: str) -> None:
        """Stop this bus's consumers of `subscription` and delete it on the server."""
        for consumer in self._consumers.pop(subscription, []):
            await consumer.stop(settle=False)
        if self._closed:
            return
        with contextlib.suppress(exceptions.NotFound):
            await self._subscriber().delete_subscription(
                subscription=self.subscription_path(subscription)
            )

    async def ping(self) -> bool:
        """True when a cheap Pub/Sub call succeeds within two seconds."""
        if self._closed:
            return False
        try:
            await asyncio.wait_for(
                self._publisher().list_topics(
                    request={"project": f"projects/{self._project}", "page_size": 1},
                    timeout=PING_TIMEOUT,
                    retry=None,
                ),
                PING_TIMEOUT,
            )
        except Exception as exc:
            log.warning("pubsub ping failed: %r", exc)
            return False
        return True

    async def drain(self, grace: float = CLOSE_GRACE) -> None:
        """Stop every consumer (streaming pulls cancelled), give handlers under way up to
        `grace` s, then cancel the rest and nack what they held so another consumer gets it at
        once. Publishing stays open (handlers finishing may still publish) until `close`."""
        self._draining = True
        consumers = [c for group in self._consumers.values() for c in group]
        self._consumers.clear()
        await asyncio.gather(*(c.stop(settle=True, grace=grace) for c in consumers))

    async def close(self) -> None:
        """Drain (if not done yet), refuse new messages, let publishes under way finish (up
        to CLOSE_GRACE s), then fail what is left and close the channels."""
        if self._closed:
            return
        await self.drain(CLOSE_GRACE)
        self._closed = True
        senders = list(self._senders.values())
        if senders:
            await asyncio.wait(senders, timeout=CLOSE_GRACE)
        for task in senders:
            task.cancel()
        await asyncio.gather(*senders, return_exceptions=True)
        for unsent in self._unsent.values():
            for _, accepted in unsent:
                if not accepted.done():
                    accepted.set_exception(RuntimeError("bus closed before publishing"))
        self._unsent.clear()
        for client in (self._publisher_client, self._subscriber_client):
            if client is not None:
                await client.transport.close()
        self._publisher_client = None
        self._subscriber_client = None

    async def _send(self, path: str) -> None:
        """Publish a topic's queued messages, one RPC at a time, until none are left."""
        try:
            while unsent := self._unsent.pop(path, None):
                while unsent:
                    batch, unsent = _next_batch(unsent)
                    if not batch:
                        continue
                    try:
                        await self._publish_rpc(path, [message for message, _ in batch])
                    except asyncio.CancelledError:
                        self._unsent[path] = batch + unsent + self._unsent.get(path, [])
                        raise
                    except Exception as exc:
                        for _, accepted in batch:
                            if not accepted.done():
                                accepted.set_exception(exc)
                    else:
                        for _, accepted in batch:
                            if not accepted.done():
                                accepted.set_result(None)
        finally:
            self._senders.pop(path, None)

    async def _publish_rpc(self, path: str, messages: list[Any]) -> None:
        try:
            await self._publisher().publish(topic=path, messages=messages, timeout=self._timeout)
        except exceptions.NotFound:
            # The topic was deleted behind our back: create it again and retry once.
            self._known_topics.discard(path)
            await self._ensure_topic(path)
            await self._publisher().publish(topic=path, messages=messages, timeout=self._timeout)

    def _publisher(self) -> Any:
        if self._publisher_client is None:
            self._publisher_client = publisher_client(self._emulator_host)
        return self._publisher_client

    def _subscriber(self) -> Any:
        if self._subscriber_client is None:
            self._subscriber_client = subscriber_client(self._emulator_host)
        return self._subscriber_client

    async def _ensure_topic(self, path: str) -> None:
        if path in self._known_topics:
            return
        async with self._topic_lock:
            if path in self._known_topics:
                return
            with contextlib.suppress(exceptions.AlreadyExists):
                await self._publisher().create_topic(name=path, timeout=self._timeout)
            self._known_topics.add(path)


def _next_batch(unsent: list[_Pending]) -> tuple[list[_Pending], list[_Pending]]:
    """Split off what fits in one publish request (skipping callers that gave up)."""
    batch: list[_Pending] = []
    size = 0
    for index, (message, accepted) in enumerate(unsent):
        if accepted.done():
            continue
        size += len(message.data) + len(message.ordering_key) + 64
        if batch and (len(batch) >= MAX_MESSAGES_PER_CALL or size > _BATCH_BYTES):
            return batch, unsent[index:]
        batch.append((message, accepted))
    return batch, []
