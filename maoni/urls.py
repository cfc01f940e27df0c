from django.contrib import admin
from django.urls import include, path

from maoni.articles import comment_urls as article_comment_urls
from maoni.comments import urls as comments_urls
from maoni.language import choose

urlpatterns = [
    path("admin/", admin.site.urls),
    path("language/<str:language>/", choose, name="language"),
    path("accounts/", include("maoni.accounts.urls")),
    path("moderation/", include("maoni.desk.urls")),
    path("notifications/", include("maoni.notifications.urls")),
    path("", include("maoni.reports.urls")),
    path("", include("maoni.privacy.urls")),
    path("", include("maoni.api.urls")),
    path("", include("maoni.articles.urls")),
    # One "comments" namespace: the form's state (comments) and the article's
    # comment pages (articles), which know the article a comment is under.
    path("", include((comments_urls.urlpatterns + article_comment_urls.urlpatterns, "comments"))),
]

handler400 = "maoni.site.bad_request"
handler403 = "maoni.site.permission_denied"
handler404 = "maoni.site.page_not_found"
handler500 = "maoni.site.server_error"
