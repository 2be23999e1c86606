from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("csms", "0004_boot_policy")]

    initial = False

    operations = [
        ops.CreateModel(
            name="IdToken",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                ("value", fields.CharField(max_length=36)),
                ("type", fields.CharField(max_length=20)),
                ("status", fields.CharField(max_length=20)),
                ("group_id_token", fields.CharField(null=True, max_length=36)),
                ("group_id_token_type", fields.CharField(null=True, max_length=20)),
                (
                    "cache_expiry_date_time",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("language1", fields.CharField(null=True, max_length=8)),
                (
                    "allowed_evse_ids",
                    fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads),
                ),
                (
                    "personal_message",
                    fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads),
                ),
                ("master_pass", fields.BooleanField(default=False)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "id_token",
                "app": "csms",
                "unique_together": (("value", "type"),),
                "pk_attr": "id",
                "table_description": "An identifier the CSMS knows (block C): what Authorize answers for it.",
            },
            bases=["Model"],
        ),
    ]
