from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('csms', '0021_logs')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ApiTokenRecord',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=100)),
                ('role', fields.CharField(max_length=10)),
                ('digest', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('created_by', fields.CharField(max_length=100)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'api_token', 'app': 'csms', 'pk_attr': 'id', 'table_description': "An operator's API token: its name, role and the SHA-256 digest of its secret (the secret"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AuditRecord',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('token_id', fields.BigIntField(null=True)),
                ('actor', fields.CharField(max_length=100)),
                ('action', fields.CharField(max_length=64)),
                ('station_id', fields.CharField(null=True, max_length=255)),
                ('outcome', fields.CharField(max_length=40)),
                ('detail', fields.TextField(null=True, unique=False)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'audit_log', 'app': 'csms', 'indexes': [Index(fields=['station_id', 'id']), Index(fields=['actor', 'id'])], 'pk_attr': 'id', 'table_description': 'One command or change an API caller made: the token (none for the bootstrap admin)'},
            bases=['Model'],
        ),
    ]
