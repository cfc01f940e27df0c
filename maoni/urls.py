from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("maoni.accounts.urls")),
    path("moderation/", include("maoni.moderation.urls")),
    path("notifications/", include("maoni.notifications.urls")),
    path("", include("maoni.articles.urls")),
    path("", include("maoni.comments.urls")),
]

handler400 = "maoni.site.bad_request"
handler403 = "maoni.site.permission_denied"
handler404 = "maoni.site.page_not_found"
handler500 = "maoni.site.server_error"
