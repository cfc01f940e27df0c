# Asking a CAPTCHA question no longer writes a row: a question is a signed
# token, and only one that was tried is kept. The questions kept so far are
# dropped (their readers are asked new ones).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0012_sites_and_external_threads"),
    ]

    operations = [
        migrations.DeleteModel(
            name="QuestionRow",
        ),
        migrations.CreateModel(
            name="TriedQuestion",
            fields=[
                ("digest", models.CharField(max_length=64, primary_key=True, serialize=False)),
                (
                    "state",
                    models.CharField(
                        choices=[("solved", "Solved"), ("burned", "Burned"), ("used", "Used")],
                        max_length=6,
                    ),
                ),
                ("expires", models.DateTimeField()),
            ],
            options={
                "indexes": [models.Index(fields=["expires"], name="tried_question_expiry")],
            },
        ),
    ]
