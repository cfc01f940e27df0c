from django.urls import path

from maoni.comments import views

# Part of the "comments" namespace (see maoni/urls.py); the article's comment
# form and the pages about one comment are in maoni/articles/comment_urls.py.
urlpatterns = [
    path("comments/state/", views.state, name="state"),
]
