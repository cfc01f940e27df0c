from django.urls import path

from maoni.desk import picks, reports, sanctions, stats_views, threads, views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("act/", views.act, name="act"),
    path("comment/<int:comment_id>/", views.comment_detail, name="comment"),
    path("log/", views.log, name="log"),
    path("block-lists/", views.block_lists, name="block_lists"),
    path("article/<int:article_id>/comments/", views.comment_mode, name="comment_mode"),
    path("thread/<int:thread_id>/", threads.thread_control, name="thread"),
    path("comment/<int:comment_id>/keep/", reports.keep_reported, name="keep_reported"),
    path("comment/<int:comment_id>/sanction/", sanctions.sanction_author, name="sanction"),
    path("comment/<int:comment_id>/pick/", picks.pick, name="pick"),
    path("sanctions/", sanctions.sanctions_in_force, name="sanctions"),
    path("stats/", stats_views.stats, name="stats"),
    path("sanctions/<int:sanction_id>/lift/", sanctions.sanction_lift, name="sanction_lift"),
]
