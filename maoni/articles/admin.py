from django.contrib import admin

from maoni.articles.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    list_display = ("title", "status", "published_at", "comments", "byline")
    list_filter = ("status", "comments")
    search_fields = ("title", "body", "byline")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "published_at"
    fields = ("title", "slug", "byline", "body", "published_at", "status", "comments")
