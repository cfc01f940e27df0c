from django.urls import path

from maoni.privacy import notice, views

app_name = "privacy"
urlpatterns = [
    path("privacy/", notice.notice, name="notice"),
    path("your-data/", views.ask, name="ask"),
    path("your-data/<str:token>/", views.yours, name="yours"),
]
