from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index


class Migration(migrations.Migration):
    dependencies = [("csms", "0013_firmware")]

    initial = False

    operations = [
        ops.CreateModel(
            name="DataTransferRecord",
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
                        related_name="data_transfers",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("direction", fields.CharField(max_length=12)),
                ("vendor_id", fields.CharField(max_length=255)),
                ("message_id", fields.CharField(null=True, max_length=50)),
                ("data", fields.TextField(null=True, unique=False)),
                ("outcome", fields.CharField(max_length=10)),
                ("status", fields.CharField(null=True, max_length=16)),
                ("reason_code", fields.CharField(null=True, max_length=20)),
                ("additional_info", fields.CharField(null=True, max_length=512)),
                ("response_data", fields.TextField(null=True, unique=False)),
                ("error_code", fields.CharField(null=True, max_length=40)),
                ("recorded_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "data_transfer",
                "app": "csms",
                "indexes": [Index(fields=["station_id", "id"])],
                "pk_attr": "id",
                "table_description": "A DataTransfer (P01/P02) in either direction and its answer, data as JSON text.",
            },
            bases=["Model"],
        ),
    ]
