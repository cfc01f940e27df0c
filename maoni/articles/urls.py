from django.urls import path

from maoni.articles import views

app_name = "articles"
urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("news/<slug:slug>/", views.article_detail, name="detail"),
]
