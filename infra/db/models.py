"""The one set of Tortoise ORM models."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Station(Model):
    """A charging station as registered and as it last described itself."""

    id = fields.CharField(primary_key=True, max_length=48)
    password_hash = fields.CharField(max_length=200, null=True)
    security_profile = fields.SmallIntField(default=1)
    registration_status = fields.CharField(max_length=16, null=True)
    vendor_name = fields.CharField(max_length=50, null=True)
    model = fields.CharField(max_length=20, null=True)
    serial_number = fields.CharField(max_length=25, null=True)
    firmware_version = fields.CharField(max_length=50, null=True)
    modem_iccid = fields.CharField(max_length=20, null=True)
    modem_imsi = fields.CharField(max_length=20, null=True)
    online = fields.BooleanField(default=False)
    connected_node = fields.CharField(max_length=64, null=True)
    connection_id = fields.CharField(max_length=36, null=True)
    last_seen_at = fields.DatetimeField(null=True)
    last_boot_at = fields.DatetimeField(null=True)
    last_boot_reason = fields.CharField(max_length=32, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "station"


class ConnectorStatus(Model):
    """The last reported status of one connector of one EVSE."""

    id = fields.IntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="connectors", on_delete=fields.CASCADE
    )
    evse_id = fields.IntField()
    connector_id = fields.IntField()
    status = fields.CharField(max_length=16)
    reported_at = fields.DatetimeField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "connector_status"
        unique_together = (("station", "evse_id", "connector_id"),)


class OcppMessage(Model):
    """One OCPP-J frame as it crossed a station websocket, in or out."""

    id = fields.BigIntField(primary_key=True)
    # No index of its own: (station_id, id) below serves lookups by station, and every
    # index is written for each of the two frames a Heartbeat logs.
    station_id = fields.CharField(max_length=48)
    direction = fields.CharField(max_length=3)
    message_type = fields.SmallIntField(null=True)
    message_id = fields.CharField(max_length=64, null=True)
    action = fields.CharField(max_length=40, null=True)
    frame = fields.TextField()
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "ocpp_message"
        indexes = (("station_id", "id"),)


class DeviceVariable(Model):
    """One component-variable of a station's device model, with its characteristics.

    `key` is the variable's identity, lower-cased (OCPP names are case-insensitive) with
    absent instances and EVSE/connector as empty parts: unique per station, it is what the
    bulk upsert conflicts on and what the device-model query pages by.
    """

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="device_variables", on_delete=fields.CASCADE
    )
    key = fields.CharField(max_length=512)
    component_name = fields.CharField(max_length=50)
    component_instance = fields.CharField(max_length=50, null=True)
    evse_id = fields.IntField(null=True)
    connector_id = fields.IntField(null=True)
    variable_name = fields.CharField(max_length=50)
    variable_instance = fields.CharField(max_length=50, null=True)
    data_type = fields.CharField(max_length=16, null=True)
    unit = fields.CharField(max_length=16, null=True)
    min_limit = fields.FloatField(null=True)
    max_limit = fields.FloatField(null=True)
    values_list = fields.TextField(null=True)
    supports_monitoring = fields.BooleanField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "device_variable"
        unique_together = (("station", "key"),)


class DeviceAttribute(Model):
    """One attribute (Actual, Target, MinSet, MaxSet) of a device-model variable."""

    id = fields.BigIntField(primary_key=True)
    variable: fields.ForeignKeyRelation[DeviceVariable] = fields.ForeignKeyField(
        "csms.DeviceVariable", related_name="attributes", on_delete=fields.CASCADE
    )
    type = fields.CharField(max_length=8)
    value = fields.TextField(null=True)
    mutability = fields.CharField(max_length=9, null=True)
    persistent = fields.BooleanField(null=True)
    constant = fields.BooleanField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "device_attribute"
        unique_together = (("variable", "type"),)


class DeviceModelReport(Model):
    """A device-model report of a station (GetBaseReport/GetReport and its NotifyReports),
    keyed by the request id; `kind` is null for a report this CSMS did not request."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="device_model_reports", on_delete=fields.CASCADE
    )
    request_id = fields.IntField()
    kind = fields.CharField(max_length=16, null=True)
    report_base = fields.CharField(max_length=24, null=True)
    request: fields.JSONField[object] = fields.JSONField(null=True)
    requested_at = fields.DatetimeField(null=True)
    outcome = fields.CharField(max_length=10, null=True)
    status = fields.CharField(max_length=16, null=True)
    status_reason = fields.CharField(max_length=20, null=True)
    error_code = fields.CharField(max_length=40, null=True)
    parts = fields.IntField(default=0)
    variables = fields.IntField(default=0)
    final_seq_no = fields.IntField(null=True)
    last_part_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "device_model_report"
        unique_together = (("station", "request_id"),)


class DeviceModelReportPart(Model):
    """One NotifyReport part as received (a repeated seqNo is not stored twice)."""

    id = fields.BigIntField(primary_key=True)
    report: fields.ForeignKeyRelation[DeviceModelReport] = fields.ForeignKeyField(
        "csms.DeviceModelReport", related_name="report_parts", on_delete=fields.CASCADE
    )
    seq_no = fields.IntField()
    tbc = fields.BooleanField()
    items = fields.IntField()
    generated_at = fields.DatetimeField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "device_model_report_part"
        unique_together = (("report", "seq_no"),)


class StationDeviceState(Model):
    """Device-model facts about a station that are not part of its registration."""

    id = fields.IntField(primary_key=True)
    station: fields.OneToOneRelation[Station] = fields.OneToOneField(
        "csms.Station", related_name="device_state", on_delete=fields.CASCADE
    )
    reboot_required_at = fields.DatetimeField(null=True)

    class Meta:
        table = "station_device_state"


class SecurityEvent(Model):
    """A SecurityEventNotification (A04) as a station sent it."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="security_events", on_delete=fields.CASCADE
    )
    type = fields.CharField(max_length=50)
    timestamp = fields.DatetimeField()
    tech_info = fields.CharField(max_length=255, null=True)
    received_at = fields.DatetimeField()

    class Meta:
        table = "security_event"
        indexes = (("station_id", "id"),)


class StationEventData(Model):
    """One eventData item of a NotifyEvent (N07), stored as its part arrived."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="event_data", on_delete=fields.CASCADE
    )
    generated_at = fields.DatetimeField()
    seq_no = fields.IntField()
    tbc = fields.BooleanField()
    event_id = fields.IntField()
    timestamp = fields.DatetimeField()
    trigger = fields.CharField(max_length=16)
    cause = fields.IntField(null=True)
    actual_value = fields.TextField()
    tech_code = fields.CharField(max_length=50, null=True)
    tech_info = fields.TextField(null=True)
    cleared = fields.BooleanField(null=True)
    transaction_id = fields.CharField(max_length=36, null=True)
    variable_monitoring_id = fields.IntField(null=True)
    event_notification_type = fields.CharField(max_length=32)
    component_name = fields.CharField(max_length=50)
    component_instance = fields.CharField(max_length=50, null=True)
    evse_id = fields.IntField(null=True)
    connector_id = fields.IntField(null=True)
    variable_name = fields.CharField(max_length=50)
    variable_instance = fields.CharField(max_length=50, null=True)
    received_at = fields.DatetimeField()

    class Meta:
        table = "station_event_data"
        indexes = (("station_id", "id"),)


class MonitoringReportItem(Model):
    """One variable monitor reported by a NotifyMonitoringReport part (N02)."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="monitoring_report_items", on_delete=fields.CASCADE
    )
    request_id = fields.IntField()
    seq_no = fields.IntField()
    tbc = fields.BooleanField()
    generated_at = fields.DatetimeField()
    component_name = fields.CharField(max_length=50)
    component_instance = fields.CharField(max_length=50, null=True)
    evse_id = fields.IntField(null=True)
    connector_id = fields.IntField(null=True)
    variable_name = fields.CharField(max_length=50)
    variable_instance = fields.CharField(max_length=50, null=True)
    monitor_id = fields.IntField()
    transaction = fields.BooleanField()
    type = fields.CharField(max_length=24)
    severity = fields.IntField()
    value = fields.FloatField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "monitoring_report_item"
        indexes = (("station_id", "request_id", "id"),)


class StationBootPolicy(Model):
    """What a booting station is told (B01-B03), overriding the fleet default.

    `interval` overrides the retry interval of Pending and Rejected answers.
    """

    id = fields.IntField(primary_key=True)
    station: fields.OneToOneRelation[Station] = fields.OneToOneField(
        "csms.Station", related_name="boot_policy", on_delete=fields.CASCADE
    )
    status = fields.CharField(max_length=16, null=True)
    interval = fields.IntField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "station_boot_policy"


class BootConfiguration(Model):
    """What the CSMS sets and fetches while a station is Pending, before accepting it.

    `variables` is a list of {component, componentInstance, evseId, connectorId, variable,
    variableInstance, attributeType, value}; `applied_at` is set once everything succeeded.
    """

    id = fields.IntField(primary_key=True)
    station: fields.OneToOneRelation[Station] = fields.OneToOneField(
        "csms.Station", related_name="boot_configuration", on_delete=fields.CASCADE
    )
    variables: fields.JSONField[list[dict[str, object]]] = fields.JSONField(default=list)
    fetch_report = fields.BooleanField(default=False)
    report_base = fields.CharField(max_length=24, default="FullInventory")
    applied_at = fields.DatetimeField(null=True)
    last_attempt_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "boot_configuration"


class BootRecord(Model):
    """One BootNotification as received, with the status it was answered."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="boot_records", on_delete=fields.CASCADE
    )
    booted_at = fields.DatetimeField()
    reason = fields.CharField(max_length=32)
    vendor_name = fields.CharField(max_length=50)
    model = fields.CharField(max_length=20)
    firmware_version = fields.CharField(max_length=50, null=True)
    status = fields.CharField(max_length=16)
    interval = fields.IntField()

    class Meta:
        table = "boot_record"
        indexes = (("station_id", "id"),)


class NetworkProfile(Model):
    """A network connection profile a station accepted in one configuration slot (B09)."""

    id = fields.IntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="network_profiles", on_delete=fields.CASCADE
    )
    configuration_slot = fields.IntField()
    connection_data: fields.JSONField[dict[str, object]] = fields.JSONField()
    status = fields.CharField(max_length=16)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "network_profile"
        unique_together = (("station", "configuration_slot"),)


class IdToken(Model):
    """An identifier the CSMS knows (block C): what Authorize answers for it.

    `value` is matched case-sensitively and `type` exactly (IdTokenEnumType); `status` is the
    stored AuthorizationStatusEnumType; `allowed_evse_ids` null means every EVSE;
    `personal_message` is a MessageContentType ({format, language, content}); `master_pass`
    marks a Master Pass token (C16), whose group id token is the station's MasterPassGroupId.
    """

    id = fields.BigIntField(primary_key=True)
    value = fields.CharField(max_length=36)
    type = fields.CharField(max_length=20)
    status = fields.CharField(max_length=20)
    group_id_token = fields.CharField(max_length=36, null=True)
    group_id_token_type = fields.CharField(max_length=20, null=True)
    cache_expiry_date_time = fields.DatetimeField(null=True)
    language1 = fields.CharField(max_length=8, null=True)
    allowed_evse_ids: fields.JSONField[list[int] | None] = fields.JSONField(null=True)
    personal_message: fields.JSONField[dict[str, str] | None] = fields.JSONField(null=True)
    master_pass = fields.BooleanField(default=False)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "id_token"
        unique_together = (("value", "type"),)


class Transaction(Model):
    """One charging transaction (block E) as merged from its TransactionEvents.

    Events may arrive late, twice or out of order: `last_seq_no` is the highest seqNo merged,
    and state fields (charging state, time spent charging, ...) follow the event with the
    highest seqNo, `started_at`/`ended_at` come from the Started/Ended events whatever their
    arrival order. Energy comes from Energy.Active.Import.Register readings: the earliest
    (`energy_first_*`) and the latest (`energy_last_*`) by timestamp, unless a reading with
    context Transaction.Begin / Transaction.End pins them (the `*_context` columns say so),
    `energy_wh` their difference in Wh.
    """

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="transactions", on_delete=fields.CASCADE
    )
    transaction_id = fields.CharField(max_length=36)
    evse_id = fields.IntField(null=True)
    connector_id = fields.IntField(null=True)
    id_token = fields.CharField(max_length=36, null=True, db_index=True)
    id_token_type = fields.CharField(max_length=20, null=True)
    group_id_token = fields.CharField(max_length=36, null=True, db_index=True)
    charging_state = fields.CharField(max_length=16, null=True)
    active = fields.BooleanField(default=True)
    started_at = fields.DatetimeField(null=True)
    ended_at = fields.DatetimeField(null=True)
    stopped_reason = fields.CharField(max_length=32, null=True)
    last_trigger_reason = fields.CharField(max_length=32, null=True)
    time_spent_charging = fields.IntField(null=True)
    remote_start_id = fields.IntField(null=True)
    reservation_id = fields.IntField(null=True)
    number_of_phases_used = fields.IntField(null=True)
    cable_max_current = fields.IntField(null=True)
    last_seq_no = fields.IntField(null=True)
    event_count = fields.IntField(default=0)
    has_started_event = fields.BooleanField(default=False)
    has_ended_event = fields.BooleanField(default=False)
    energy_first_wh = fields.FloatField(null=True)
    energy_first_at = fields.DatetimeField(null=True)
    energy_first_context = fields.CharField(max_length=24, null=True)
    energy_last_wh = fields.FloatField(null=True)
    energy_last_at = fields.DatetimeField(null=True)
    energy_last_context = fields.CharField(max_length=24, null=True)
    energy_wh = fields.FloatField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "charging_transaction"
        unique_together = (("station", "transaction_id"),)
        indexes = (("station_id", "active"), ("active", "started_at"))


class TransactionEventRecord(Model):
    """One TransactionEvent as received, stored once per (transaction, seqNo).

    `payload` is the request as sent (camelCase JSON) and `response` the reply we gave, so a
    repeated event is answered again identically without being stored twice.
    """

    id = fields.BigIntField(primary_key=True)
    transaction: fields.ForeignKeyRelation[Transaction] = fields.ForeignKeyField(
        "csms.Transaction", related_name="events", on_delete=fields.CASCADE
    )
    seq_no = fields.IntField()
    event_type = fields.CharField(max_length=8)
    trigger_reason = fields.CharField(max_length=32)
    timestamp = fields.DatetimeField()
    offline = fields.BooleanField(default=False)
    charging_state = fields.CharField(max_length=16, null=True)
    id_token = fields.CharField(max_length=36, null=True)
    id_token_type = fields.CharField(max_length=20, null=True)
    message_id = fields.CharField(max_length=64, db_index=True)
    payload: fields.JSONField[dict[str, object]] = fields.JSONField()
    response: fields.JSONField[dict[str, object]] = fields.JSONField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "transaction_event"
        unique_together = (("transaction", "seq_no"),)


class MeterSample(Model):
    """One SampledValue (block J), from MeterValues or from a TransactionEvent's meterValue.

    `value` is as sent, in `unit` scaled by 10^`multiplier`, `evse_id` 0 is the main meter,
    `signed_data` is the SignedMeterValueType when the station signed the reading.
    """

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="meter_samples", on_delete=fields.CASCADE
    )
    transaction: fields.ForeignKeyNullableRelation[Transaction] = fields.ForeignKeyField(
        "csms.Transaction", related_name="meter_samples", on_delete=fields.CASCADE, null=True
    )
    evse_id = fields.IntField(default=0)
    sampled_at = fields.DatetimeField()
    measurand = fields.CharField(max_length=48)
    phase = fields.CharField(max_length=8, null=True)
    location = fields.CharField(max_length=8, null=True)
    context = fields.CharField(max_length=24, null=True)
    unit = fields.CharField(max_length=20, null=True)
    multiplier = fields.SmallIntField(default=0)
    value = fields.FloatField()
    signed_data: fields.JSONField[dict[str, str] | None] = fields.JSONField(null=True)
    source = fields.CharField(max_length=16)

    class Meta:
        table = "meter_sample"
        indexes = (("transaction_id", "sampled_at"), ("station_id", "sampled_at"))


class RemoteStart(Model):
    """A RequestStartTransaction the CSMS sent (F01/F02) and what the station answered.

    The transaction it started is the one of the same station carrying the same
    remoteStartId (`Transaction.remote_start_id`), `transaction_id` is filled from the
    station's answer when it reports a transaction already running (F02).
    """

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="remote_starts", on_delete=fields.CASCADE
    )
    remote_start_id = fields.IntField()
    id_token = fields.CharField(max_length=36)
    id_token_type = fields.CharField(max_length=20)
    evse_id = fields.IntField(null=True)
    status = fields.CharField(max_length=16, null=True)
    transaction_id = fields.CharField(max_length=36, null=True)
    requested_at = fields.DatetimeField()
    answered_at = fields.DatetimeField(null=True)

    class Meta:
        table = "remote_start"
        unique_together = (("station", "remote_start_id"),)


class LocalAuthList(Model):
    """A versioned local authorization list (D01/D02), shared by the stations assigned to it.

    `version` grows by one on every change of its entries, the entries' own `changed_version`
    and the removals' `removed_version` let a Differential update carry only what changed
    since a station's acknowledged version.
    """

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64, unique=True)
    version = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "local_auth_list"


class LocalAuthListEntry(Model):
    """An id token on a local list, its idTokenInfo is built from the registry when sent."""

    id = fields.BigIntField(primary_key=True)
    auth_list: fields.ForeignKeyRelation[LocalAuthList] = fields.ForeignKeyField(
        "csms.LocalAuthList", related_name="entries", on_delete=fields.CASCADE
    )
    id_token: fields.ForeignKeyRelation[IdToken] = fields.ForeignKeyField(
        "csms.IdToken", related_name="list_entries", on_delete=fields.CASCADE
    )
    changed_version = fields.IntField()

    class Meta:
        table = "local_auth_list_entry"
        unique_together = (("auth_list", "id_token"),)


class LocalAuthListRemoval(Model):
    """An id token taken off a local list at `removed_version` (for Differential updates)."""

    id = fields.BigIntField(primary_key=True)
    auth_list: fields.ForeignKeyRelation[LocalAuthList] = fields.ForeignKeyField(
        "csms.LocalAuthList", related_name="removals", on_delete=fields.CASCADE
    )
    value = fields.CharField(max_length=36)
    type = fields.CharField(max_length=20)
    removed_version = fields.IntField()

    class Meta:
        table = "local_auth_list_removal"
        indexes = (("auth_list_id", "removed_version"),)


class StationLocalList(Model):
    """Which local list a station uses and what the station holds of it.

    `acknowledged_version` is the version the station confirmed (SendLocalList Accepted, or
    GetLocalListVersion), `last_status` the station's last SendLocalList answer.
    """

    id = fields.IntField(primary_key=True)
    station: fields.OneToOneRelation[Station] = fields.OneToOneField(
        "csms.Station", related_name="local_list", on_delete=fields.CASCADE
    )
    auth_list: fields.ForeignKeyRelation[LocalAuthList] = fields.ForeignKeyField(
        "csms.LocalAuthList", related_name="stations", on_delete=fields.CASCADE
    )
    acknowledged_version = fields.IntField(null=True)
    last_status = fields.CharField(max_length=16, null=True)
    last_attempt_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "station_local_list"
