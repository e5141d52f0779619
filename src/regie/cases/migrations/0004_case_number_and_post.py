"""Case numbers and cover-sheet codes (empty until 0005 fills them), and the queue of post
that could not be matched."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_case_documents'),
        ('vault', '0003_held_file'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='cover_code',
            field=models.CharField(max_length=20, null=True, unique=True),
        ),
        migrations.AddField(
            model_name='case',
            name='number',
            field=models.CharField(max_length=20, null=True, unique=True, verbose_name='case number'),
        ),
        migrations.CreateModel(
            name='PostItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('channel', models.CharField(choices=[('upload', 'upload'), ('folder', 'scanner folder')], max_length=20)),
                ('unmatched', models.CharField(choices=[('nothing', 'No case number or cover-sheet code found'), ('unknown', 'The number or code found belongs to no case'), ('several', 'More than one case is named'), ('not_allowed', 'The case is not in the caseload of who scanned it')], max_length=20)),
                ('pages', models.PositiveIntegerField(default=0)),
                ('received_at', models.DateTimeField(auto_now_add=True)),
                ('status', models.CharField(choices=[('waiting', 'Waiting'), ('filed', 'Filed'), ('rejected', 'Rejected')], default='waiting', max_length=20)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('is_demo', models.BooleanField(default=False)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('held', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='vault.heldfile')),
                ('received_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'post waiting to be filed',
                'ordering': ['received_at', 'id'],
            },
        ),
    ]
