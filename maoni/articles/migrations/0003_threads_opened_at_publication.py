from django.db import migrations
from django.db.models import OuterRef, Subquery


def opened_at_publication(apps, schema_editor):
    """An article's comments count their closing days from its publication."""
    Thread = apps.get_model("comments", "Thread")
    Article = apps.get_model("articles", "Article")
    published = Article.objects.filter(thread=OuterRef("pk")).values("published_at")[:1]
    Thread.objects.filter(article__isnull=False).update(opened=Subquery(published))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_add_set_comment_mode_permission"),
        ("comments", "0015_closing_rules"),
    ]

    operations = [migrations.RunPython(opened_at_publication, migrations.RunPython.noop)]
