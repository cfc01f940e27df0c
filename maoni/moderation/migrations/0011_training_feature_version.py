from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0010_filter_totals_keep_the_quiet_hold"),
    ]

    operations = [
        migrations.RenameField("training", "version", "feature_version"),
    ]
