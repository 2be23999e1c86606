"""One consumer of a Pub/Sub subscription for `PubSubBus`: receive, dispatch, settle.

* Receiving: a consumer runs either a long-polling unary `pull` loop or a StreamingPull stream.
  The bus picks pull on the emulator, whose StreamingPull sends 100 messages per 50 ms tick and
  so caps near 2000 msg/s, and the stream on Pub/Sub. Either way it reconnects with backoff
  after errors. A pull waits at most `PULL_SECONDS`, less than a dead node takes to be seen
  dead.
* At most `max_outstanding` messages are held (queued or being handled) per consumer; the pull
  loop asks only for free room and the stream is not read while there is none.
* Messages without an ordering key are handled concurrently. Messages with a key go to that key's
  queue, drained by one task at a time: strictly in order per key, keys concurrently.
* A message is acked once its handler returned; acks, nacks and lease extensions are batched into
  unary acknowledge / modify_ack_deadline calls. When the handler raises, the message is handed
  to it again in place, after a short pause, while the key's later messages wait behind it:
  that keeps a key in publish order across retries whatever the server's redelivery order (the
  emulator redelivers nacked messages in no particular order). After `MAX_ATTEMPTS` failures a
  message is acked and dropped with an error, as the in-memory twin does (give the subscription
  a dead-letter topic to keep them). A consumer that dies mid-retry leaves the message leased
  until its deadline, then Pub/Sub delivers it again: delivery stays at least once.
* `stop` stops receiving, gives handlers under way up to `grace` seconds, then cancels them and,
  when settling, nacks whatever is left so another consumer gets it at once.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Coroutine
from typing import Any

from google.api_core import exceptions
from google.pubsub_v1.types import StreamingPullRequest

from infra.bus.pubsub_clients import MAX_MESSAGES_PER_CALL, PING_TIMEOUT
from modules.kernel.ports import MessageHandler

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
PULL_SECONDS = 3.0
"""How long one long-polling pull waits on the server for messages. A consumer that vanishes
(SIGKILL, lost host) leaves its last pull there until this runs out (the emulator does not
always notice the closed connection), and a message handed to that pull is held there until
its ack deadline passes, its ordering key's later messages queued behind it. So it stays shorter
than the 4 s a dead node's liveness key takes at the least to expire (`app/node_liveness.py`):
when a node is seen dead, none of its pulls is left to take what is published for its
stations, such as the sweep's DISCONNECTEDs."""

_IDS_PER_REQUEST = 2500
_HEARTBEAT_SECONDS = 30.0
_RETRY_PAUSE = 0.01
_BACKOFF_FIRST = 0.1
_BACKOFF_MAX = 10.0


class SubscriptionConsumer:
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
        self._handlers: set[asyncio.Task[None]] = set()
        self._loops: list[asyncio.Task[None]] = []
        self._working = False
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        """Start the receive, ack-flush and lease-extension loops."""
        name = self._subscription.rsplit("/", 1)[-1]
        # Handlers run on this loop; looking it up per message costs a getpid() call.
        self._loop = asyncio.get_running_loop()
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
                    max_messages=min(
                        self._max_outstanding - self._outstanding, MAX_MESSAGES_PER_CALL
                    ),
                    timeout=PULL_SECONDS,
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
        queue = self._key_queues.get(key)
        if queue is not None:
            queue.append(received)
            return
        self._key_queues[key] = deque([received])
        self._spawn(self._drain(key))

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        loop = self._loop or asyncio.get_running_loop()
        task: asyncio.Task[None] = loop.create_task(coro)
        self._handlers.add(task)
        task.add_done_callback(self._handlers.discard)

    async def _drain(self, key: str) -> None:
        queue = self._key_queues[key]
        try:
            while queue:
                await self._handle(queue.popleft())
        finally:
            self._key_queues.pop(key, None)

    async def _handle(self, received: Any) -> None:
        """Run the handler, retrying in place up to MAX_ATTEMPTS; then ack (done or dropped)."""
        message = received.message
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                await self._handler(message.data)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception(
                    "bus handler failed on %s (attempt %d of %d)",
                    self._subscription,
                    attempt,
                    MAX_ATTEMPTS,
                )
                await asyncio.sleep(_RETRY_PAUSE * attempt)
                continue
            self._ack(received.ack_id)
            return
        log.error(
            "message %s on %s dropped after %d attempts",
            message.message_id,
            self._subscription,
            MAX_ATTEMPTS,
        )
        self._ack(received.ack_id)

    def _ack(self, ack_id: str) -> None:
        self._settled(ack_id)
        self._acks.append(ack_id)

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
        """Extend the deadline of messages still queued or being handled."""
        while True:
            await asyncio.sleep(max(self._ack_deadline * 0.4, 0.5))
            for ack_id in self._leased:
                self._modacks.setdefault(ack_id, self._ack_deadline)
            if self._leased:
                self._wakeup.set()
