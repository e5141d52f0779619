from django.urls import path

from regie.accounts import views

app_name = "accounts"

urlpatterns = [
    path("medewerker/inloggen/", views.login_view, name="login"),
    path("medewerker/inloggen/code/", views.login_code, name="login-code"),
    path("medewerker/tweestapsverificatie/", views.totp_setup, name="totp-setup"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("werk/", views.staff_home, name="home"),
    path("werk/teams/<uuid:public_id>/", views.team_detail, name="team"),
    path("beheer/gebruikers/", views.user_list, name="users"),
    path(
        "beheer/gebruikers/<uuid:public_id>/deactiveren/",
        views.user_deactivate,
        name="user-deactivate",
    ),
    path("beheer/api-tokens/", views.token_list, name="tokens"),
    path("beheer/api-tokens/<uuid:public_id>/intrekken/", views.token_revoke, name="token-revoke"),
    path("inwoner/", views.resident_home, name="resident-home"),
    path("inwoner/inloggen/", views.digid_start, name="digid-start"),
    path("inwoner/inloggen/afgebroken/", views.digid_cancelled, name="digid-cancelled"),
]
