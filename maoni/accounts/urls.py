from django.contrib.auth import views as auth_views
from django.urls import path

from maoni.accounts import views

app_name = "accounts"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/done/", views.register_done, name="register_done"),
    # Before confirm/<token>/, which would take "resend" for a token.
    path("confirm/resend/", views.confirm_resend, name="confirm_resend"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("login/", views.LoginView.as_view(), name="login"),
    # POST only (Django 5): the site header carries the button.
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/done/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
