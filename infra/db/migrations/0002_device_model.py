from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("csms", "0001_initial")]

    initial = False

    operations = [
        ops.CreateModel(
            name="DeviceModelReport",
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
                        related_name="device_model_reports",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("request_id", fields.IntField()),
                ("kind", fields.CharField(null=True, max_length=16)),
                ("report_base", fields.CharField(null=True, max_length=24)),
                ("request", fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                (
                    "requested_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("outcome", fields.CharField(null=True, max_length=10)),
                ("status", fields.CharField(null=True, max_length=16)),
                ("status_reason", fields.CharField(null=True, max_length=20)),
                ("error_code", fields.CharField(null=True, max_length=40)),
                ("parts", fields.IntField(default=0)),
                ("variables", fields.IntField(default=0)),
                ("final_seq_no", fields.IntField(null=True)),
                (
                    "last_part_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "completed_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "device_model_report",
                "app": "csms",
                "unique_together": (("station", "request_id"),),
                "pk_attr": "id",
                "table_description": "A device-model report of a station (GetBaseReport/GetReport and its NotifyReports),",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="DeviceModelReportPart",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "report",
                    fields.ForeignKeyField(
                        "csms.DeviceModelReport",
                        source_field="report_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="report_parts",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("seq_no", fields.IntField()),
                ("tbc", fields.BooleanField()),
                ("items", fields.IntField()),
                ("generated_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("received_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "device_model_report_part",
                "app": "csms",
                "unique_together": (("report", "seq_no"),),
                "pk_attr": "id",
                "table_description": "One NotifyReport part as received (a repeated seqNo is not stored twice).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="DeviceVariable",
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
                        related_name="device_variables",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("key", fields.CharField(max_length=512)),
                ("component_name", fields.CharField(max_length=50)),
                ("component_instance", fields.CharField(null=True, max_length=50)),
                ("evse_id", fields.IntField(null=True)),
                ("connector_id", fields.IntField(null=True)),
                ("variable_name", fields.CharField(max_length=50)),
                ("variable_instance", fields.CharField(null=True, max_length=50)),
                ("data_type", fields.CharField(null=True, max_length=16)),
                ("unit", fields.CharField(null=True, max_length=16)),
                ("min_limit", fields.FloatField(null=True)),
                ("max_limit", fields.FloatField(null=True)),
                ("values_list", fields.TextField(null=True, unique=False)),
                ("supports_monitoring", fields.BooleanField(null=True)),
                ("updated_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "device_variable",
                "app": "csms",
                "unique_together": (("station", "key"),),
                "pk_attr": "id",
                "table_description": "One component-variable of a station's device model, with its characteristics.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="DeviceAttribute",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "variable",
                    fields.ForeignKeyField(
                        "csms.DeviceVariable",
                        source_field="variable_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="attributes",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("type", fields.CharField(max_length=8)),
                ("value", fields.TextField(null=True, unique=False)),
                ("mutability", fields.CharField(null=True, max_length=9)),
                ("persistent", fields.BooleanField(null=True)),
                ("constant", fields.BooleanField(null=True)),
                ("updated_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "device_attribute",
                "app": "csms",
                "unique_together": (("variable", "type"),),
                "pk_attr": "id",
                "table_description": "One attribute (Actual, Target, MinSet, MaxSet) of a device-model variable.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="StationDeviceState",
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
                        related_name="device_state",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "reboot_required_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "station_device_state",
                "app": "csms",
                "pk_attr": "id",
                "table_description": "Device-model facts about a station that are not part of its registration.",
            },
            bases=["Model"],
        ),
    ]
