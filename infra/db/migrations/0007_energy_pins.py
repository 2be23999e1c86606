from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

# Rows merged before these columns existed: a stored Begin (End) register reading is what
# pinned the first (last) reading, as energy.merge_bounds chooses them.
_PINNED = """
UPDATE "charging_transaction" SET "energy_{bound}_context" = '{context}'
WHERE "energy_{bound}_wh" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "meter_sample" AS s
    WHERE s."transaction_id" = "charging_transaction"."id"
      AND s."measurand" = 'Energy.Active.Import.Register'
      AND s."context" = '{context}'
      AND s."phase" IS NULL
      AND (s."location" IS NULL OR s."location" = 'Outlet')
      AND lower(coalesce(s."unit", 'Wh')) IN ('wh', 'kwh')
)
"""

class Migration(migrations.Migration):
    dependencies = [('csms', '0006_transactions_and_local_lists')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Transaction',
            name='energy_first_context',
            field=fields.CharField(null=True, max_length=24),
        ),
        ops.AddField(
            model_name='Transaction',
            name='energy_last_context',
            field=fields.CharField(null=True, max_length=24),
        ),
        ops.RunSQL(
            [
                _PINNED.format(bound="first", context="Transaction.Begin"),
                _PINNED.format(bound="last", context="Transaction.End"),
            ]
        ),
    ]
