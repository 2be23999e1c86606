from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index


class Migration(migrations.Migration):
    dependencies = [("csms", "0005_id_tokens")]

    initial = False

    operations = [
        ops.CreateModel(
            name="LocalAuthList",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("name", fields.CharField(unique=True, max_length=64)),
                ("version", fields.IntField(default=0)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "local_auth_list",
                "app": "csms",
                "pk_attr": "id",
                "table_description": "A versioned local authorization list (D01/D02), shared by the stations assigned to it.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="LocalAuthListEntry",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "auth_list",
                    fields.ForeignKeyField(
                        "csms.LocalAuthList",
                        source_field="auth_list_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="entries",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "id_token",
                    fields.ForeignKeyField(
                        "csms.IdToken",
                        source_field="id_token_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="list_entries",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("changed_version", fields.IntField()),
            ],
            options={
                "table": "local_auth_list_entry",
                "app": "csms",
                "unique_together": (("auth_list", "id_token"),),
                "pk_attr": "id",
                "table_description": "An id token on a local list, its idTokenInfo is built from the registry when sent.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="LocalAuthListRemoval",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "auth_list",
                    fields.ForeignKeyField(
                        "csms.LocalAuthList",
                        source_field="auth_list_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="removals",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("value", fields.CharField(max_length=36)),
                ("type", fields.CharField(max_length=20)),
                ("removed_version", fields.IntField()),
            ],
            options={
                "table": "local_auth_list_removal",
                "app": "csms",
                "indexes": [Index(fields=["auth_list_id", "removed_version"])],
                "pk_attr": "id",
                "table_description": "An id token taken off a local list at `removed_version` (for Differential updates).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="RemoteStart",
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
                        related_name="remote_starts",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("remote_start_id", fields.IntField()),
                ("id_token", fields.CharField(max_length=36)),
                ("id_token_type", fields.CharField(max_length=20)),
                ("evse_id", fields.IntField(null=True)),
                ("status", fields.CharField(null=True, max_length=16)),
                ("transaction_id", fields.CharField(null=True, max_length=36)),
                ("requested_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "answered_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "remote_start",
                "app": "csms",
                "unique_together": (("station", "remote_start_id"),),
                "pk_attr": "id",
                "table_description": "A RequestStartTransaction the CSMS sent (F01/F02) and what the station answered.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="StationLocalList",
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
                        related_name="local_list",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "auth_list",
                    fields.ForeignKeyField(
                        "csms.LocalAuthList",
                        source_field="auth_list_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="stations",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("acknowledged_version", fields.IntField(null=True)),
                ("last_status", fields.CharField(null=True, max_length=16)),
                (
                    "last_attempt_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "station_local_list",
                "app": "csms",
                "pk_attr": "id",
                "table_description": "Which local list a station uses and what the station holds of it.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Transaction",
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
                        related_name="transactions",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("transaction_id", fields.CharField(max_length=36)),
                ("evse_id", fields.IntField(null=True)),
                ("connector_id", fields.IntField(null=True)),
                ("id_token", fields.CharField(null=True, db_index=True, max_length=36)),
                ("id_token_type", fields.CharField(null=True, max_length=20)),
                ("group_id_token", fields.CharField(null=True, db_index=True, max_length=36)),
                ("charging_state", fields.CharField(null=True, max_length=16)),
                ("active", fields.BooleanField(default=True)),
                ("started_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ("ended_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ("stopped_reason", fields.CharField(null=True, max_length=32)),
                ("last_trigger_reason", fields.CharField(null=True, max_length=32)),
                ("time_spent_charging", fields.IntField(null=True)),
                ("remote_start_id", fields.IntField(null=True)),
                ("reservation_id", fields.IntField(null=True)),
                ("number_of_phases_used", fields.IntField(null=True)),
                ("cable_max_current", fields.IntField(null=True)),
                ("last_seq_no", fields.IntField(null=True)),
                ("event_count", fields.IntField(default=0)),
                ("has_started_event", fields.BooleanField(default=False)),
                ("has_ended_event", fields.BooleanField(default=False)),
                ("energy_first_wh", fields.FloatField(null=True)),
                (
                    "energy_first_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("energy_last_wh", fields.FloatField(null=True)),
                (
                    "energy_last_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("energy_wh", fields.FloatField(null=True)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "charging_transaction",
                "app": "csms",
                "unique_together": (("station", "transaction_id"),),
                "indexes": [
                    Index(fields=["station_id", "active"]),
                    Index(fields=["active", "started_at"]),
                ],
                "pk_attr": "id",
                "table_description": "One charging transaction (block E) as merged from its TransactionEvents.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="MeterSample",
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
                        related_name="meter_samples",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "transaction",
                    fields.ForeignKeyField(
                        "csms.Transaction",
                        source_field="transaction_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="meter_samples",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("evse_id", fields.IntField(default=0)),
                ("sampled_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("measurand", fields.CharField(max_length=48)),
                ("phase", fields.CharField(null=True, max_length=8)),
                ("location", fields.CharField(null=True, max_length=8)),
                ("context", fields.CharField(null=True, max_length=24)),
                ("unit", fields.CharField(null=True, max_length=20)),
                ("multiplier", fields.SmallIntField(default=0)),
                ("value", fields.FloatField()),
                ("signed_data", fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ("source", fields.CharField(max_length=16)),
            ],
            options={
                "table": "meter_sample",
                "app": "csms",
                "indexes": [
                    Index(fields=["transaction_id", "sampled_at"]),
                    Index(fields=["station_id", "sampled_at"]),
                ],
                "pk_attr": "id",
                "table_description": "One SampledValue (block J), from MeterValues or from a TransactionEvent's meterValue.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="TransactionEventRecord",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "transaction",
                    fields.ForeignKeyField(
                        "csms.Transaction",
                        source_field="transaction_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="events",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("seq_no", fields.IntField()),
                ("event_type", fields.CharField(max_length=8)),
                ("trigger_reason", fields.CharField(max_length=32)),
                ("timestamp", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("offline", fields.BooleanField(default=False)),
                ("charging_state", fields.CharField(null=True, max_length=16)),
                ("id_token", fields.CharField(null=True, max_length=36)),
                ("id_token_type", fields.CharField(null=True, max_length=20)),
                ("message_id", fields.CharField(db_index=True, max_length=64)),
                ("payload", fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ("response", fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ("received_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "transaction_event",
                "app": "csms",
                "unique_together": (("transaction", "seq_no"),),
                "pk_attr": "id",
                "table_description": "One TransactionEvent as received, stored once per (transaction, seqNo).",
            },
            bases=["Model"],
        ),
    ]
