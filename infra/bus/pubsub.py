"""Google Cloud Pub/Sub bus on the asyncio gRPC clients of google-cloud-pubsub (no threads).

Delivery design (the contract is the `Bus` docstring in `modules.kernel.ports`):

* Publishing: each topic has at most one publish RPC in flight; messages published while it is
  in flight go out together in the next one (up to 1000 per RPC). A lone message goes out at
  once, a burst is batched, and a topic's messages reach Pub/Sub in call order. `publish`
  returns when the RPC carrying the message succeeded.
* Receiving: every `subscribe` runs one consumer, either a long-polling unary `pull` loop or a
  StreamingPull stream (`receive="pull"` / `"streaming"`; "auto" pulls from the emulator, whose
  StreamingPull sends 100 messages per 50 ms tick and so caps near 2000 msg/s, and streams from
  Pub/Sub). Either way it reconnects with backoff after errors.
* At most `max_outstanding` messages are held (queued or being handled) per consumer; the pull
  loop asks only for free room and the stream is not read while there is none.
* Messages without an ordering key are handled concurrently. Messages with a key go to that key's
  queue, drained by one task at a time: strictly in order per key, keys concurrently.
* A message is acked once its handler returned; acks, nacks and lease extensions are batched into
  unary acknowledge / modify_ack_deadline calls. When the handler raises, the message is nacked
  (ack deadline 0) so it comes back; for a keyed message everything queued behind it on that key
  is nacked too and the key turns away later arrivals until the failed message returns, which
  keeps the key in publish order across retries (the emulator redelivers only what was nacked).
  After `MAX_ATTEMPTS` failures seen by this consumer a message is acked and dropped with an
  error, as the in-memory twin does (give the subscription a dead-letter topic to keep them).
* `close` stops receiving, gives handlers under way up to `grace` seconds (as the twin does),
  then nacks whatever is left so another consumer gets it at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import OrderedDict, defaultdict, deque
from collections.abc import AsyncIterator, Coroutine
from typing import Any, Literal

import grpc
from google.api_core import exceptions
from google.auth.credentials import AnonymousCredentials
from google.pubsub_v1.services.publisher import PublisherAsyncClient
from google.pubsub_v1.services.publisher.transports import PublisherGrpcAsyncIOTransport
from google.pubsub_v1.services.subscriber import SubscriberAsyncClient
from google.pubsub_v1.services.subscriber.transports import SubscriberGrpcAsyncIOTransport
from google.pubsub_v1.types import PubsubMessage, StreamingPullRequest, Subscription

from modules.kernel.ports import MessageHandler

log = logging.getLogger(__name__)

Receive = Literal["auto", "pull", "streaming"]

MAX_ATTEMPTS = 5
ACK_DEADLINE = 60
MAX_OUTSTANDING = 1000
PING_TIMEOUT = 2.0
EMPTY_ATTRIBUTE = "csms-empty"
"""Pub/Sub refuses a message with neither data nor attributes; an empty payload carries this."""

_BATCH_MESSAGES = 1000
_BATCH_BYTES = 8 * 1024 * 1024
_IDS_PER_REQUEST = 2500
_PULL_TIMEOUT = 10.0
_HEARTBEAT_SECONDS = 30.0
_HOLD_SECONDS = 10.0
_BACKOFF_FIRST = 0.1
_BACKOFF_MAX = 10.0
_REMEMBERED_FAILURES = 10_000
_CHANNEL_OPTIONS = [
    ("grpc.max_send_message_length", -1),
    ("grpc.max_receive_message_length", -1),
    ("grpc.keepalive_time_ms", 30_000),
]

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
        ack_deadline: int = ACK_DEADLINE,
        max_outstanding: int = MAX_OUTSTANDING,
    ) -> None:
        self._project = project
        self._emulator_host = emulator_host
        self._prefix = topic_prefix
        if receive == "auto":
            receive = "pull" if emulator_host else "streaming"
        self._receive = receive
        self._ack_deadline = ack_deadline
        self._max_outstanding = max_outstanding
        self._publisher_client: Any = None
        self._subscriber_client: Any = None
        self._known_topics: set[str] = set()
        self._topic_lock = asyncio.Lock()
        self._unsent: dict[str, list[_Pending]] = {}
        self._senders: dict[str, asyncio.Task[None]] = {}
        self._consumers: dict[str, list[_Consumer]] = {}
        self._closed = False

    def topic_path(self, topic: str) -> str:
        """The full Pub/Sub name of a bus topic."""
        return f"projects/{self._project}/topics/{self._prefix}-{topic}"

    def subscription_path(self, subscription: str) -> str:
        """The full Pub/Sub name of a bus subscription."""
        return f"projects/{self._project}/subscriptions/{self._prefix}-{subscription}"

    async def publish(self, topic: str, data: bytes, ordering_key: str = "") -> None:
        """Publish to `topic` (created on first use); returns once Pub/Sub stored the message."""
        if self._closed:
            raise RuntimeError("bus is closed")
        path = self.topic_path(topic)
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
        await accepted

    async def subscribe(self, topic: str, subscription: str, handler: MessageHandler) -> None:
        """Create `subscription` on `topic` if needed and start a consumer for it."""
        if self._closed:
            raise RuntimeError("bus is closed")
        topic_path = self.topic_path(topic)
        path = self.subscription_path(subscription)
        await self._ensure_topic(topic_path)
        request = Subscription(
            name=path,
            topic=topic_path,
            ack_deadline_seconds=self._ack_deadline,
            enable_message_ordering=True,
        )
        with contextlib.suppress(exceptions.AlreadyExists):
            await self._subscriber().create_subscription(request=request)
        consumer = _Consumer(
            self._subscriber(),
            path,
            handler,
            streaming=self._receive == "streaming",
            ack_deadline=self._ack_deadline,
            max_outstanding=self._max_outstanding,
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

    async def close(self, grace: float = 5.0) -> None:
        """Refuse new messages, let handlers and publishes under way finish (up to `grace` s).

        Then cancel what is left, hand unfinished messages back for redelivery and close the
        channels.
        """
        if self._closed:
            return
        self._closed = True
        consumers = [c for group in self._consumers.values() for c in group]
        self._consumers.clear()
        await asyncio.gather(*(c.stop(settle=True, grace=grace) for c in consumers))
        senders = list(self._senders.values())
        if senders:
            await asyncio.wait(senders, timeout=grace)
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
            await self._publisher().publish(topic=path, messages=messages)
        except exceptions.NotFound:
            # The topic was deleted behind our back: create it again and retry once.
            self._known_topics.discard(path)
            await self._ensure_topic(path)
            await self._publisher().publish(topic=path, messages=messages)

    def _publisher(self) -> Any:
        if self._publisher_client is None:
            if self._emulator_host is None:
                self._publisher_client = PublisherAsyncClient()
            else:
                transport = PublisherGrpcAsyncIOTransport(
                    channel=self._emulator_channel(), credentials=_anonymous()
                )
                self._publisher_client = PublisherAsyncClient(transport=transport)
        return self._publisher_client

    def _subscriber(self) -> Any:
        if self._subscriber_client is None:
            if self._emulator_host is None:
                self._subscriber_client = SubscriberAsyncClient()
            else:
                transport = SubscriberGrpcAsyncIOTransport(
                    channel=self._emulator_channel(), credentials=_anonymous()
                )
                self._subscriber_client = SubscriberAsyncClient(transport=transport)
        return self._subscriber_client

    def _emulator_channel(self) -> Any:
        # grpc.aio channels bind to the running loop, so they are only made from coroutines.
        asyncio.get_running_loop()
        return grpc.aio.insecure_channel(self._emulator_host, options=_CHANNEL_OPTIONS)

    async def _ensure_topic(self, path: str) -> None:
        if path in self._known_topics:
            return
        async with self._topic_lock:
            if path in self._known_topics:
                return
            with contextlib.suppress(exceptions.AlreadyExists):
                await self._publisher().create_topic(name=path)
            self._known_topics.add(path)


def _next_batch(unsent: list[_Pending]) -> tuple[list[_Pending], list[_Pending]]:
    """Split off what fits in one publish request (skipping callers that gave up)."""
    batch: list[_Pending] = []
    size = 0
    for index, (message, accepted) in enumerate(unsent):
        if accepted.done():
            continue
        size += len(message.data) + len(message.ordering_key) + 64
        if batch and (len(batch) >= _BATCH_MESSAGES or size > _BATCH_BYTES):
            return batch, unsent[index:]
        batch.append((message, accepted))
    return batch, []


class _Consumer:
    """One consumer of a subscription: pull loop or stream, per-key dispatch, batched acks."""

    def __init__(
        self,
        client: Any,
        subscription: str,
        handler: MessageHandler,
        *,
        streaming: bool,
        ack_deadline: int,
        max_outstanding: int,
    ) -> None:
        self._client = client
        self._subscription = subscription
        self._handler = handler
        self._streaming = streaming
        self._ack_deadline = ack_deadline
        self._max_outstanding = max_outstanding
        self._client_id = uuid.uuid4().hex
        self._outstanding = 0
        self._room = asyncio.Event()
        self._room.set()
        self._leased: set[str] = set()
        self._acks: list[str] = []
        self._modacks: dict[str, int] = {}
        self._wakeup = asyncio.Event()
        self._key_queues: dict[str, deque[Any]] = {}
        self._held_keys: dict[str, tuple[str, float]] = {}
        self._failures: OrderedDict[str, int] = OrderedDict()
        self._handlers: set[asyncio.Task[None]] = set()
        self._loops: list[asyncio.Task[None]] = []
        self._working = False

    def start(self) -> None:
        name = self._subscription.rsplit("/", 1)[-1]
        self._loops = [
            asyncio.create_task(self._receive(), name=f"pubsub-receive {name}"),
            asyncio.create_task(self._flush(), name=f"pubsub-acks {name}"),
            asyncio.create_task(self._lease(), name=f"pubsub-lease {name}"),
        ]

    async def stop(self, settle: bool, grace: float = 0.0) -> None:
        """Stop receiving, give handlers `grace` s, cancel the rest; `settle` sends last acks."""
        if self._loops:
            receiving = self._loops[0]
            receiving.cancel()
            await asyncio.gather(receiving, return_exceptions=True)
        if grace > 0 and self._handlers:
            await asyncio.wait(list(self._handlers), timeout=grace)
        tasks = [*self._loops, *self._handlers]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._loops = []
        if not settle:
            return
        for ack_id in self._leased:
            self._modacks[ack_id] = 0  # redelivered at once instead of after the deadline
        self._leased.clear()
        try:
            errors = await asyncio.wait_for(self._send_settlements(), PING_TIMEOUT)
        except TimeoutError as exc:
            errors = [exc]
        for error in errors:
            log.warning("pubsub: could not settle messages of %s: %r", self._subscription, error)

    async def _receive(self) -> None:
        """Pull or stream, starting over after errors with backoff (reset once a call worked)."""
        backoff = _BACKOFF_FIRST
        while True:
            self._working = False
            level, outcome = logging.INFO, "ended"
            try:
                await (self._stream() if self._streaming else self._pull())
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                level, outcome = logging.WARNING, f"failed ({exc!r})"
            if self._working:
                backoff = _BACKOFF_FIRST
            log.log(
                level,
                "pubsub receive from %s %s; again in %.1f s",
                self._subscription,
                outcome,
                backoff,
            )
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, _BACKOFF_MAX)

    async def _pull(self) -> None:
        while True:
            await self._room.wait()
            try:
                response = await self._client.pull(
                    subscription=self._subscription,
                    max_messages=min(self._max_outstanding - self._outstanding, _BATCH_MESSAGES),
                    timeout=_PULL_TIMEOUT,
                    retry=None,
                )
            except exceptions.DeadlineExceeded:
                continue  # an idle long poll
            self._working = True
            self._received(response.received_messages)

    async def _stream(self) -> None:
        call: Any = await self._client.streaming_pull(
            requests=self._stream_requests(), retry=None, timeout=None
        )
        try:
            async for response in call:
                self._working = True
                self._received(response.received_messages)
                await self._room.wait()
        finally:
            call.cancel()

    async def _stream_requests(self) -> AsyncIterator[Any]:
        yield StreamingPullRequest(
            subscription=self._subscription,
            stream_ack_deadline_seconds=self._ack_deadline,
            client_id=self._client_id,
            max_outstanding_messages=self._max_outstanding,
        )
        while True:  # acks travel as unary calls; the stream only needs a heartbeat
            await asyncio.sleep(_HEARTBEAT_SECONDS)
            yield StreamingPullRequest()

    def _received(self, messages: Any) -> None:
        if not messages:
            return
        self._outstanding += len(messages)
        if self._outstanding >= self._max_outstanding:
            self._room.clear()
        for received in messages:
            self._leased.add(received.ack_id)
            self._dispatch(received)

    def _dispatch(self, received: Any) -> None:
        key: str = received.message.ordering_key
        if not key:
            self._spawn(self._handle(received))
            return
        held = self._held_keys.get(key)
        if held is not None:
            message_id, until = held
            if received.message.message_id != message_id and _now() < until:
                self._nack(received.ack_id)  # it comes back after the failed one
                return
            del self._held_keys[key]
        queue = self._key_queues.get(key)
        if queue is not None:
            queue.append(received)
            return
        self._key_queues[key] = deque([received])
        self._spawn(self._drain(key))

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task: asyncio.Task[None] = asyncio.create_task(coro)
        self._handlers.add(task)
        task.add_done_callback(self._handlers.discard)

    async def _drain(self, key: str) -> None:
        queue = self._key_queues[key]
        try:
            while queue:
                received = queue.popleft()
                if not await self._handle(received):
                    # Keep the key in order: what follows the failed message waits for it.
                    self._held_keys[key] = (received.message.message_id, _now() + _HOLD_SECONDS)
                    while queue:
                        self._nack(queue.popleft().ack_id)
        finally:
            self._key_queues.pop(key, None)

    async def _handle(self, received: Any) -> bool:
        """Run the handler; True when the message is done with (acked), False when nacked."""
        message = received.message
        message_id: str = message.message_id
        try:
            await self._handler(message.data)
        except asyncio.CancelledError:
            raise
        except Exception:
            failures = self._failures.pop(message_id, 0) + 1
            if failures >= MAX_ATTEMPTS:
                log.exception(
                    "bus handler failed on %s; message %s dropped after %d attempts",
                    self._subscription,
                    message_id,
                    failures,
                )
                self._ack(received.ack_id)
                return True
            log.exception(
                "bus handler failed on %s (attempt %d of %d)",
                self._subscription,
                failures,
                MAX_ATTEMPTS,
            )
            self._failures[message_id] = failures
            while len(self._failures) > _REMEMBERED_FAILURES:
                self._failures.popitem(last=False)
            self._nack(received.ack_id)
            return False
        self._failures.pop(message_id, None)
        self._ack(received.ack_id)
        return True

    def _ack(self, ack_id: str) -> None:
        self._settled(ack_id)
        self._acks.append(ack_id)

    def _nack(self, ack_id: str) -> None:
        self._settled(ack_id)
        self._modacks[ack_id] = 0

    def _settled(self, ack_id: str) -> None:
        self._leased.discard(ack_id)
        self._outstanding -= 1
        if self._outstanding < self._max_outstanding:
            self._room.set()
        self._wakeup.set()

    async def _flush(self) -> None:
        """Send acks and deadline changes as they pile up, one round of calls at a time."""
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            for error in await self._send_settlements():
                # Those messages come again after their deadline: still at-least-once.
                log.warning("pubsub: acks for %s failed: %r", self._subscription, error)

    async def _send_settlements(self) -> list[BaseException]:
        acks, self._acks = self._acks, []
        by_deadline: dict[int, list[str]] = defaultdict(list)
        for ack_id, seconds in self._modacks.items():
            by_deadline[seconds].append(ack_id)
        self._modacks = {}
        calls = [
            self._client.acknowledge(
                subscription=self._subscription, ack_ids=acks[i : i + _IDS_PER_REQUEST]
            )
            for i in range(0, len(acks), _IDS_PER_REQUEST)
        ]
        calls += [
            self._client.modify_ack_deadline(
                subscription=self._subscription,
                ack_ids=ack_ids[i : i + _IDS_PER_REQUEST],
                ack_deadline_seconds=seconds,
            )
            for seconds, ack_ids in by_deadline.items()
            for i in range(0, len(ack_ids), _IDS_PER_REQUEST)
        ]
        results = await asyncio.gather(*calls, return_exceptions=True)
        return [result for result in results if isinstance(result, BaseException)]

    async def _lease(self) -> None:
        """Extend the deadline of messages still queued or being handled; forget stale holds."""
        while True:
            await asyncio.sleep(max(self._ack_deadline * 0.4, 0.5))
            now = _now()
            for key, (_, until) in list(self._held_keys.items()):
                if until <= now:
                    del self._held_keys[key]
            for ack_id in self._leased:
                self._modacks.setdefault(ack_id, self._ack_deadline)
            if self._leased:
                self._wakeup.set()


def _anonymous() -> Any:
    return AnonymousCredentials()  # type: ignore[no-untyped-call]


def _now() -> float:
    return asyncio.get_running_loop().time()
