"""Availability (OCPP 2.0.1 block G): ChangeAvailability.

Sends ChangeAvailability (G03 for an EVSE or a connector, G04 for the whole station) and
reports its result as AVAILABILITY_CHANGED with what was asked and what the station answered
(Accepted, Rejected or Scheduled). Nothing is stored: the station reports the new connector
statuses with StatusNotification (provisioning stores them and emits STATUS_CHANGED); after
a Scheduled answer that happens later, once the ongoing transactions ended.
"""

from modules.availability.commands import change_availability
from modules.availability.events import AvailabilityChanged
from modules.availability.module import build_module
from modules.availability.policy import Scope

__all__ = ["AvailabilityChanged", "Scope", "build_module", "change_availability"]
