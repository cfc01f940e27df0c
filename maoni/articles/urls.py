from django.urls import path

from maoni.articles import feeds, search_views, views

app_name = "articles"
urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("news/<slug:slug>/", views.article_detail, name="detail"),
    path("feeds/articles/", feeds.articles_rss, name="feed_articles"),
    path("feeds/articles/atom/", feeds.articles_atom, name="feed_articles_atom"),
    path("feeds/comments/", feeds.comments_rss, name="feed_comments"),
    path("feeds/comments/atom/", feeds.comments_atom, name="feed_comments_atom"),
    path("news/<slug:slug>/comments/feed/", feeds.article_comments, name="feed_article"),
    path(
        "news/<slug:slug>/comments/feed/atom/",
        feeds.article_comments,
        {"atom": True},
        name="feed_article_atom",
    ),
    path("sitemap.xml", feeds.site_map, name="sitemap"),
    path("search/", search_views.search, name="search"),
]
