from django.urls import path

from maoni.api import embed_views
from maoni.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    # The embed's pages: the thread without the script, and a fragment for static sites.
    path("embed/<slug:site>/", embed_views.page, name="embed-page"),
    path("embed/<slug:site>/fragment", embed_views.fragment, name="embed-fragment"),
]
