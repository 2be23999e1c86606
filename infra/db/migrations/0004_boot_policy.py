from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index


class Migration(migrations.Migration):
    dependencies = [("csms", "0003_security_and_events")]

    initial = False

    operations = [
        ops.CreateModel(
            name="BootConfiguration",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "station",
                    fields.OneToOneField(
                        "csms.Station",
                        source_field="station_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="boot_configuration",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("variables", fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ("fetch_report", fields.BooleanField(default=False)),
                ("report_base", fields.CharField(default="FullInventory", max_length=24)),
                ("applied_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "last_attempt_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("last_error", fields.TextField(null=True, unique=False)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "boot_configuration",
                "app": "csms",
                "pk_attr": "id",
                "table_description": "What the CSMS sets and fetches while a station is Pending, before accepting it.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="BootRecord",
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
                        related_name="boot_records",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("booted_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("reason", fields.CharField(max_length=32)),
                ("vendor_name", fields.CharField(max_length=50)),
                ("model", fields.CharField(max_length=20)),
                ("firmware_version", fields.CharField(null=True, max_length=50)),
                ("status", fields.CharField(max_length=16)),
                ("interval", fields.IntField()),
            ],
            options={
                "table": "boot_record",
                "app": "csms",
                "indexes": [Index(fields=["station_id", "id"])],
                "pk_attr": "id",
                "table_description": "One BootNotification as received, with the status it was answered.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="NetworkProfile",
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
                        related_name="network_profiles",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("configuration_slot", fields.IntField()),
                ("connection_data", fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ("status", fields.CharField(max_length=16)),
                ("updated_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "network_profile",
                "app": "csms",
                "unique_together": (("station", "configuration_slot"),),
                "pk_attr": "id",
                "table_description": "A network connection profile a station accepted in one configuration slot (B09).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="StationBootPolicy",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "station",
                    fields.OneToOneField(
                        "csms.Station",
                        source_field="station_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="boot_policy",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("status", fields.CharField(null=True, max_length=16)),
                ("interval", fields.IntField(null=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "station_boot_policy",
                "app": "csms",
                "pk_attr": "id",
                "table_description": "What a booting station is told (B01-B03), overriding the fleet default.",
            },
            bases=["Model"],
        ),
    ]
