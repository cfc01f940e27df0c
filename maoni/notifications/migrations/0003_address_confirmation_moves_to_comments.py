from django.db import migrations


class Migration(migrations.Migration):
    """AddressConfirmation moved to the comments app; the table is kept for it there."""

    dependencies = [
        ("notifications", "0002_add_address_confirmation"),
        ("comments", "0011_address_confirmation_moves_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AddressConfirmation")],
            database_operations=[],
        ),
    ]
