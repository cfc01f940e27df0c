from django.db import migrations

from maoni.comments import search


def install(apps, schema_editor):
    search.COMMENTS.install(schema_editor)


def remove(apps, schema_editor):
    search.COMMENTS.remove(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("comments", "0017_newsroom_picks")]

    operations = [migrations.RunPython(install, remove)]
