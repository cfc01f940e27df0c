from django.db import migrations

from maoni.articles import search


def install(apps, schema_editor):
    search.ARTICLES.install(schema_editor)


def remove(apps, schema_editor):
    search.ARTICLES.remove(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_threads_opened_at_publication")]

    operations = [migrations.RunPython(install, remove)]
