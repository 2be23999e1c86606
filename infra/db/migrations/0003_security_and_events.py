from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index


class Migration(migrations.Migration):
    dependencies = [("csms", "0002_device_model")]

    initial = False

    operations = [
        ops.CreateModel(
            name="MonitoringReportItem",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "station",
                    fields.ForeignKeyField(
                        "csms.Station",
                        source_field="station_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="monitoring_report_items",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("request_id", fields.IntField()),
                ("seq_no", fields.IntField()),
                ("tbc", fields.BooleanField()),
                ("generated_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("component_name", fields.CharField(max_length=50)),
                ("component_instance", fields.CharField(null=True, max_length=50)),
                ("evse_id", fields.IntField(null=True)),
                ("connector_id", fields.IntField(null=True)),
                ("variable_name", fields.CharField(max_length=50)),
                ("variable_instance", fields.CharField(null=True, max_length=50)),
                ("monitor_id", fields.IntField()),
                ("transaction", fields.BooleanField()),
                ("type", fields.CharField(max_length=24)),
                ("severity", fields.IntField()),
                ("value", fields.FloatField()),
                ("received_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "monitoring_report_item",
                "app": "csms",
                "indexes": [Index(fields=["station_id", "request_id", "id"])],
                "pk_attr": "id",
                "table_description": "One variable monitor reported by a NotifyMonitoringReport part (N02).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SecurityEvent",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "station",
                    fields.ForeignKeyField(
                        "csms.Station",
                        source_field="station_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="security_events",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("type", fields.CharField(max_length=50)),
                ("timestamp", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("tech_info", fields.CharField(null=True, max_length=255)),
                ("received_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "security_event",
                "app": "csms",
                "indexes": [Index(fields=["station_id", "id"])],
                "pk_attr": "id",
                "table_description": "A SecurityEventNotification (A04) as a station sent it.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="StationEventData",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "station",
                    fields.ForeignKeyField(
                        "csms.Station",
                        source_field="station_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="event_data",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("generated_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("seq_no", fields.IntField()),
                ("tbc", fields.BooleanField()),
                ("event_id", fields.IntField()),
                ("timestamp", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("trigger", fields.CharField(max_length=16)),
                ("cause", fields.IntField(null=True)),
                ("actual_value", fields.TextField(unique=False)),
                ("tech_code", fields.CharField(null=True, max_length=50)),
                ("tech_info", fields.TextField(null=True, unique=False)),
                ("cleared", fields.BooleanField(null=True)),
                ("transaction_id", fields.CharField(null=True, max_length=36)),
                ("variable_monitoring_id", fields.IntField(null=True)),
                ("event_notification_type", fields.CharField(max_length=32)),
                ("component_name", fields.CharField(max_length=50)),
                ("component_instance", fields.CharField(null=True, max_length=50)),
                ("evse_id", fields.IntField(null=True)),
                ("connector_id", fields.IntField(null=True)),
                ("variable_name", fields.CharField(max_length=50)),
                ("variable_instance", fields.CharField(null=True, max_length=50)),
                ("received_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "station_event_data",
                "app": "csms",
                "indexes": [Index(fields=["station_id", "id"])],
                "pk_attr": "id",
                "table_description": "One eventData item of a NotifyEvent (N07), stored as its part arrived.",
            },
            bases=["Model"],
        ),
    ]
