from django.urls import path

from maoni.api.api import api

urlpatterns = [path("api/v1/", api.urls)]
