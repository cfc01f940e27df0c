from django.urls import path

from maoni.articles import comment_views as views

# Part of the "comments" namespace (see maoni/urls.py).
urlpatterns = [
    path("news/<slug:slug>/comment/", views.post_comment, name="post"),
    path("comment/<int:comment_id>/", views.permalink, name="permalink"),
    path("comment/<int:comment_id>/reply/", views.reply, name="reply"),
    path("comment/<int:comment_id>/edit/", views.edit, name="edit"),
    path("comment/<int:comment_id>/delete/", views.delete, name="delete"),
]
