"""Staff can save readers whose names have spaces and apostrophes."""

from django.contrib.auth.models import User
from django.test import Client


def admin_client(django_user_model) -> Client:
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client = Client()
    client.force_login(boss)
    return client


def test_staff_save_a_reader_with_a_spaced_name(db, django_user_model):
    client = admin_client(django_user_model)
    reader = django_user_model.objects.create_user("Amina Otieno", "amina@example.org", "pw")
    page = client.get(f"/admin/auth/user/{reader.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        {
            "username": "Amina  O'Brien-Otieno",
            "email": "amina@example.org",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "is_active": "on",
        }
    )
    data.pop("groups", None)
    data.pop("user_permissions", None)
    data.pop("last_login", None)
    data.pop("password", None)
    response = client.post(f"/admin/auth/user/{reader.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(pk=reader.pk).username == "Amina O'Brien-Otieno"


def test_staff_cannot_give_a_name_the_rules_refuse(db, django_user_model):
    client = admin_client(django_user_model)
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "<script>",
            "password1": "a-long-Passw0rd!",
            "password2": "a-long-Passw0rd!",
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="<script>").exists()
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "Juma Hassan",
            "password1": "a-long-Passw0rd!",
            "password2": "a-long-Passw0rd!",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.filter(username="Juma Hassan").exists()
