from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index


class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name="OcppMessage",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                ("station_id", fields.CharField(db_index=True, max_length=48)),
                ("direction", fields.CharField(max_length=3)),
                ("message_type", fields.SmallIntField(null=True)),
                ("message_id", fields.CharField(null=True, max_length=64)),
                ("action", fields.CharField(null=True, max_length=40)),
                ("frame", fields.TextField(unique=False)),
                (
                    "created_at",
                    fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "ocpp_message",
                "app": "csms",
                "indexes": [Index(fields=["station_id", "id"])],
                "pk_attr": "id",
                "table_description": "One OCPP-J frame as it crossed a station websocket, in or out.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Station",
            fields=[
                (
                    "id",
                    fields.CharField(primary_key=True, unique=True, db_index=True, max_length=48),
                ),
                ("password_hash", fields.CharField(null=True, max_length=200)),
                ("security_profile", fields.SmallIntField(default=1)),
                ("registration_status", fields.CharField(null=True, max_length=16)),
                ("vendor_name", fields.CharField(null=True, max_length=50)),
                ("model", fields.CharField(null=True, max_length=20)),
                ("serial_number", fields.CharField(null=True, max_length=25)),
                ("firmware_version", fields.CharField(null=True, max_length=50)),
                ("modem_iccid", fields.CharField(null=True, max_length=20)),
                ("modem_imsi", fields.CharField(null=True, max_length=20)),
                ("online", fields.BooleanField(default=False)),
                ("connected_node", fields.CharField(null=True, max_length=64)),
                ("connection_id", fields.CharField(null=True, max_length=36)),
                (
                    "last_seen_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "last_boot_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("last_boot_reason", fields.CharField(null=True, max_length=32)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "station",
                "app": "csms",
                "pk_attr": "id",
                "table_description": "A charging station as registered and as it last described itself.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="ConnectorStatus",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "station",
                    fields.ForeignKeyField(
                        "csms.Station",
                        source_field="station_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="connectors",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("evse_id", fields.IntField()),
                ("connector_id", fields.IntField()),
                ("status", fields.CharField(max_length=16)),
                ("reported_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "connector_status",
                "app": "csms",
                "unique_together": (("station", "evse_id", "connector_id"),),
                "pk_attr": "id",
                "table_description": "The last reported status of one connector of one EVSE.",
            },
            bases=["Model"],
        ),
    ]
