from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0009_first_comments_count_proved_addresses"),
    ]

    operations = [
        migrations.RenameModel("Challenge", "QuestionRow"),
    ]
