"""The filter's counts say how their features were read.

Counts an older Maoni stored (with letter triples, and the built-in training
set) are marked version 1, so they are not used until ``manage.py
train_filter`` rebuilds them from moderators' decisions; new counts are
version 2.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0006_add_captcha_policy"),
    ]

    operations = [
        migrations.AddField(
            model_name="filtertotals",
            name="feature_version",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.AlterField(
            model_name="filtertotals",
            name="feature_version",
            field=models.PositiveSmallIntegerField(default=2),
        ),
    ]
