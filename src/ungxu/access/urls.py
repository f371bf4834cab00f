from django.urls import path

from ungxu.access import lockouts, tokens, twofactor, views

app_name = "access"

urlpatterns = [
    path("account/login/", views.LoginView.as_view(), name="login"),
    path("account/logout/", views.LogoutView.as_view(), name="logout"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("account/password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/password/reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/password/reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/two-factor/", twofactor.setup, name="totp_setup"),
    path("account/two-factor/verify/", twofactor.verify, name="totp_verify"),
    path("account/two-factor/disable/", twofactor.disable, name="totp_disable"),
    path("account/api-token/", tokens.api_token, name="api_token"),
    path("account/lockouts/", lockouts.lockout_list, name="lockouts"),
    path("account/lockouts/unlock/", lockouts.unlock, name="unlock"),
]
