from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("csms", "0014_data_transfer")]

    initial = False

    operations = [
        ops.CreateModel(
            name="CustomerDataRemoval",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                ("station_id", fields.CharField(max_length=48)),
                ("request_id", fields.IntField()),
                ("id_token", fields.CharField(null=True, max_length=36)),
                ("id_token_type", fields.CharField(null=True, max_length=20)),
                ("customer_identifier", fields.CharField(null=True, max_length=64)),
                (
                    "customer_certificate",
                    fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads),
                ),
                ("removed", fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ("actor", fields.CharField(max_length=64)),
                ("client_address", fields.CharField(null=True, max_length=64)),
                ("requested_by", fields.CharField(null=True, max_length=255)),
                ("removed_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "customer_data_removal",
                "app": "csms",
                "pk_attr": "id",
                "table_description": "Audit: what the CSMS removed about a customer, for whom, when and at whose request",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="CustomerInformationRequest",
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
                        related_name="customer_information_requests",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("request_id", fields.IntField()),
                ("report", fields.BooleanField(null=True)),
                ("clear", fields.BooleanField(null=True)),
                ("id_token", fields.CharField(null=True, max_length=36)),
                ("id_token_type", fields.CharField(null=True, max_length=20)),
                ("customer_identifier", fields.CharField(null=True, max_length=64)),
                (
                    "customer_certificate",
                    fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads),
                ),
                ("clear_csms_data", fields.BooleanField(default=False)),
                (
                    "requested_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("outcome", fields.CharField(null=True, max_length=10)),
                ("status", fields.CharField(null=True, max_length=10)),
                ("reason_code", fields.CharField(null=True, max_length=20)),
                ("additional_info", fields.CharField(null=True, max_length=512)),
                ("error_code", fields.CharField(null=True, max_length=40)),
                (
                    "answered_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
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
                "table": "customer_information_request",
                "app": "csms",
                "unique_together": (("station", "request_id"),),
                "pk_attr": "id",
                "table_description": "A CustomerInformationRequest of a station by requestId (N09/N10) and the station's",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="CustomerInformationPart",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "request",
                    fields.ForeignKeyField(
                        "csms.CustomerInformationRequest",
                        source_field="request_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="parts",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("seq_no", fields.IntField()),
                ("tbc", fields.BooleanField()),
                ("data", fields.TextField(unique=False)),
                ("generated_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("received_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "customer_information_part",
                "app": "csms",
                "unique_together": (("request", "seq_no"),),
                "pk_attr": "id",
                "table_description": "One NotifyCustomerInformation part as received (a repeated seqNo is stored once).",
            },
            bases=["Model"],
        ),
    ]
