from django.db import migrations

from maoni.articles import search


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = search.POSTGRESQL_INSTALL if vendor == "postgresql" else search.SQLITE_INSTALL
    for statement in statements:
        schema_editor.execute(statement)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = search.POSTGRESQL_REMOVE if vendor == "postgresql" else search.SQLITE_REMOVE
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_threads_opened_at_publication")]

    operations = [migrations.RunPython(install, remove)]
