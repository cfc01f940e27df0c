import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    """AddressConfirmation belongs to the comments app now; its table stays as it was."""

    dependencies = [
        ("comments", "0010_rename_challenge_to_question_row"),
        ("notifications", "0002_add_address_confirmation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AddressConfirmation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("email", models.EmailField(max_length=254, unique=True)),
                        ("mailed", models.DateTimeField()),
                        ("confirmed", models.DateTimeField(blank=True, null=True)),
                        (
                            "comment",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="comments.comment",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "notifications_addressconfirmation",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("email", django.db.models.functions.text.Lower("email"))
                                ),
                                name="address_confirmation_email_lowercase",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
