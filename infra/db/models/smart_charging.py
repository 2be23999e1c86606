"""Tortoise models of block K (smart charging): the charging profiles of each station as the
CSMS knows them, the GetChargingProfiles requests, the external limits stations notify, the
EV charging needs and schedules they forward, and each EVSE's last composite schedule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class ChargingProfile(Model):
    """One charging profile id of a station (K01-K05, K09, K10): the profile itself (its
    schedules as ChargingScheduleType JSON), the EVSE it is on, where it stands (`presence`),
    the station's answer to the last SetChargingProfile or ClearChargingProfile for it, and
    the GetChargingProfiles request that last reported it."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("charging_profiles")
    profile_id = fields.IntField()
    evse_id = fields.IntField()
    stack_level = fields.IntField()
    purpose = fields.CharField(max_length=40)
    kind = fields.CharField(max_length=10)
    recurrency_kind = fields.CharField(max_length=8, null=True)
    valid_from = fields.DatetimeField(null=True)
    valid_to = fields.DatetimeField(null=True)
    transaction_id = fields.CharField(max_length=36, null=True)
    remote_start_id = fields.IntField(null=True)
    charging_limit_source = fields.CharField(max_length=8)
    schedules: fields.JSONField[list[dict[str, Any]]] = fields.JSONField()
    presence = fields.CharField(max_length=16)
    status = fields.CharField(max_length=12, null=True)
    status_reason = fields.CharField(max_length=20, null=True)
    outcome = fields.CharField(max_length=10, null=True)
    error_code = fields.CharField(max_length=40, null=True)
    reported_request_id = fields.IntField(null=True)
    requested_at = fields.DatetimeField(null=True)
    answered_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "charging_profile"
        unique_together = (("station", "profile_id"),)
        indexes = (("station_id", "transaction_id"),)


class ChargingProfileRequest(Model):
    """A GetChargingProfiles request (K09) by requestId: what it asked, the station's answer,
    how many ReportChargingProfiles parts and profiles were received and when the last one
    (tbc false) arrived."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("charging_profile_requests")
    request_id = fields.IntField()
    evse_id = fields.IntField(null=True)
    criteria: fields.JSONField[dict[str, Any]] = fields.JSONField(null=True)
    requested_at = fields.DatetimeField(null=True)
    outcome = fields.CharField(max_length=10, null=True)
    status = fields.CharField(max_length=12, null=True)
    status_reason = fields.CharField(max_length=20, null=True)
    error_code = fields.CharField(max_length=40, null=True)
    parts = fields.IntField(default=0)
    profiles = fields.IntField(default=0)
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "charging_profile_request"
        unique_together = (("station", "request_id"),)


class ChargingProfileReportPart(Model):
    """One ReportChargingProfiles part received for a request (K09). The message has no
    seqNo: `part_key` (a 64-bit digest of its EVSE, source, profile ids and tbc) tells it from
    the request's other parts, and the unique index refuses a resent part."""

    id = fields.BigIntField(primary_key=True)
    request: fields.ForeignKeyRelation[ChargingProfileRequest] = fields.ForeignKeyField(
        "csms.ChargingProfileRequest", related_name="received_parts", on_delete=fields.CASCADE
    )
    part_key = fields.BigIntField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "charging_profile_report_part"
        unique_together = (("request", "part_key"),)


class ChargingLimit(Model):
    """An external charging limit a station notified (K12, K13) per EVSE (0: the whole
    station) and source: grid criticality, the schedules it sent, and when it was cleared."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("charging_limits")
    evse_id = fields.IntField()
    source = fields.CharField(max_length=8)
    is_grid_critical = fields.BooleanField(null=True)
    schedules: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(null=True)
    notified_at = fields.DatetimeField()
    cleared_at = fields.DatetimeField(null=True)

    class Meta:
        table = "charging_limit"
        unique_together = (("station", "evse_id", "source"),)


class EvChargingNeeds(Model):
    """The last charging needs an EV sent on an EVSE (K15-K17), as the station forwarded
    them, with the answer given and the schedule the CSMS offered."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("ev_charging_needs")
    evse_id = fields.IntField()
    needs: fields.JSONField[dict[str, Any]] = fields.JSONField()
    energy_transfer = fields.CharField(max_length=20)
    departure_time = fields.DatetimeField(null=True)
    energy_amount = fields.IntField(null=True)
    max_schedule_tuples = fields.IntField(null=True)
    transaction_id = fields.CharField(max_length=36, null=True)
    status = fields.CharField(max_length=12)
    offered_profile_id = fields.IntField(null=True)
    offer_status = fields.CharField(max_length=12, null=True)
    offer_problem = fields.TextField(null=True)
    received_at = fields.DatetimeField()

    class Meta:
        table = "ev_charging_needs"
        unique_together = (("station", "evse_id"),)


class EvChargingSchedule(Model):
    """The last charging schedule an EV chose on an EVSE (K15.FR.10), as the station
    forwarded it in NotifyEVChargingSchedule."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("ev_charging_schedules")
    evse_id = fields.IntField()
    time_base = fields.DatetimeField()
    schedule: fields.JSONField[dict[str, Any]] = fields.JSONField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "ev_charging_schedule"
        unique_together = (("station", "evse_id"),)


class CompositeSchedule(Model):
    """A station's last answer to GetCompositeSchedule (K08) for an EVSE: what was asked, the
    status, and the schedule it returned."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("composite_schedules")
    evse_id = fields.IntField()
    duration = fields.IntField()
    charging_rate_unit = fields.CharField(max_length=2, null=True)
    status = fields.CharField(max_length=10)
    status_reason = fields.CharField(max_length=20, null=True)
    schedule: fields.JSONField[dict[str, Any]] = fields.JSONField(null=True)
    answered_at = fields.DatetimeField()

    class Meta:
        table = "composite_schedule"
        unique_together = (("station", "evse_id"),)


class Site(Model):
    """A group of stations sharing a grid connection: its limit (`unit` A per phase or W in
    total, on `phases`) and the default minimum and maximum of each EVSE (same unit)."""

    id = fields.CharField(max_length=64, primary_key=True)
    name = fields.CharField(max_length=128)
    grid_limit = fields.FloatField()
    unit = fields.CharField(max_length=1)
    phases = fields.IntField()
    evse_min = fields.FloatField()
    evse_max = fields.FloatField()
    updated_at = fields.DatetimeField()
    planner_node = fields.CharField(max_length=64, null=True)
    """The node running a re-plan round of the site, while `planner_until` is not past."""
    planner_until = fields.DatetimeField(null=True)
    replan_wanted = fields.BooleanField(default=False)
    """Another node asked for a re-plan during the round: its runner plans once more."""

    class Meta:
        table = "site"


class SiteStation(Model):
    """A station's membership of a site (a station belongs to one site at most)."""

    id = fields.BigIntField(primary_key=True)
    site: fields.ForeignKeyRelation[Site] = fields.ForeignKeyField(
        "csms.Site", related_name="members", on_delete=fields.CASCADE
    )
    station: fields.OneToOneRelation[Station] = fields.OneToOneField(
        "csms.Station", related_name="site_membership", on_delete=fields.CASCADE
    )

    class Meta:
        table = "site_station"


class SitePlanEntry(Model):
    """A transaction's place in its site's latest plan: its limit (site unit), what it counts
    for against the site, why, whether its station acknowledged the TxProfile, the limit it
    last acknowledged, and the profile id the CSMS uses for it."""

    id = fields.BigIntField(primary_key=True)
    site: fields.ForeignKeyRelation[Site] = fields.ForeignKeyField(
        "csms.Site", related_name="plan", on_delete=fields.CASCADE
    )
    station_id = fields.CharField(max_length=48)
    evse_id = fields.IntField()
    transaction_id = fields.CharField(max_length=36)
    limit = fields.FloatField()
    counted = fields.FloatField()
    reason = fields.CharField(max_length=16)
    acknowledged = fields.BooleanField()
    held = fields.FloatField(null=True)
    profile_id = fields.IntField(null=True)
    planned_at = fields.DatetimeField()

    class Meta:
        table = "site_plan_entry"
        unique_together = (("site", "transaction_id"),)
