from django.urls import path

from maoni.reports import views

app_name = "reports"
urlpatterns = [
    path("comment/<int:comment_id>/report/", views.report, name="report"),
]
