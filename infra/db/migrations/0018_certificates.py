from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('csms', '0017_monitoring')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CertificateSigningRecord',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='certificate_signings', on_delete=OnDelete.CASCADE)),
                ('certificate_type', fields.CharField(max_length=32)),
                ('csr', fields.TextField(null=True, unique=False)),
                ('status', fields.CharField(max_length=12)),
                ('problem', fields.TextField(null=True, unique=False)),
                ('serial_number', fields.CharField(null=True, max_length=40)),
                ('certificate_chain', fields.TextField(null=True, unique=False)),
                ('expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('error_code', fields.CharField(null=True, max_length=40)),
                ('requested_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'certificate_signing', 'app': 'csms', 'indexes': [Index(fields=['station_id', 'id'])], 'pk_attr': 'id', 'table_description': "One certificate signing: the CSR (none for an operator's CertificateSigned), where it"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='InstalledCertificateRecord',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='installed_certificates', on_delete=OnDelete.CASCADE)),
                ('certificate_type', fields.CharField(max_length=32)),
                ('hash_algorithm', fields.CharField(max_length=8)),
                ('issuer_name_hash', fields.CharField(max_length=128)),
                ('issuer_key_hash', fields.CharField(max_length=128)),
                ('serial_number', fields.CharField(max_length=40)),
                ('subject', fields.TextField(null=True, unique=False)),
                ('expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('source', fields.CharField(max_length=10)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'installed_certificate', 'app': 'csms', 'unique_together': (('station_id', 'hash_algorithm', 'issuer_name_hash', 'issuer_key_hash', 'serial_number'),), 'indexes': [Index(fields=['expires_at'])], 'pk_attr': 'id', 'table_description': 'A certificate a station holds, keyed by its OCPP hash data, with subject and expiry when'},
            bases=['Model'],
        ),
    ]
