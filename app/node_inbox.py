"""A node's own bus subscription: replies for its stations, calls for its stations, results of
calls it asked for."""

from __future__ import annotations

import logging

from app.commands import CallSender
from app.gateway.gateway import Gateway
from modules.kernel import topics
from modules.kernel.envelope import Envelope, Kind
from modules.kernel.ports import Bus

log = logging.getLogger(__name__)


class NodeInbox:
    """Routes what arrives on `node-{id}` to the gateway or the call sender."""

    def __init__(
        self, bus: Bus, node_id: str, gateway: Gateway | None, sender: CallSender | None
    ) -> None:
        self._bus = bus
        self._node_id = node_id
        self._gateway = gateway
        self._sender = sender

    async def start(self) -> None:
        """Create this node's subscription and start consuming it."""
        topic = topics.node_topic(self._node_id)
        await self._bus.subscribe(topic, topic, self.consume)

    async def stop(self) -> None:
        """Remove this node's subscription."""
        try:
            await self._bus.delete_subscription(topics.node_topic(self._node_id))
        except Exception:
            # the bus is unreachable: the rest of the shutdown goes on, and Pub/Sub deletes
            # the subscription itself once it has had no reader for a day
            log.warning("could not delete subscription of node %s", self._node_id, exc_info=True)

    async def consume(self, data: bytes) -> None:
        """Route one envelope."""
        envelope = Envelope.from_bytes(data)
        if envelope.kind is Kind.STATION_REPLY and self._gateway is not None:
            await self._gateway.deliver_reply(envelope)
        elif envelope.kind is Kind.CSMS_CALL and self._gateway is not None:
            await self._gateway.accept_call(envelope)
        elif envelope.kind is Kind.REPLACED and self._gateway is not None:
            await self._gateway.close_replaced(envelope)
        elif envelope.kind is Kind.CSMS_RESULT and self._sender is not None:
            for event in await self._sender.on_result(envelope):
                await self._bus.publish(
                    topics.EVENTS, event.to_bytes(), ordering_key=event.station_id
                )
        else:
            log.warning("envelope %s not handled by node %s", envelope.kind, self._node_id)
