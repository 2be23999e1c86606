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
    station_id = fields.CharField(max_length=48, db_index=True)
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
