from django.urls import path

from maoni.privacy import account_views, notice, views

app_name = "privacy"
urlpatterns = [
    path("privacy/", notice.notice, name="notice"),
    path("your-data/", views.ask, name="ask"),
    # Before your-data/<token>/, which would take "account" for a token.
    path("your-data/account/", account_views.account_data, name="account"),
    path("your-data/<str:token>/", views.yours, name="yours"),
]
