"""The steps of signing in after the password (web:sign-in), your own account, and the
organisation administrators' pages on people and access."""

from django.urls import path

from supervise.accounts.views import account, administration, second_factor, single_sign_on

app_name = "account"
urlpatterns = [
    path("sign-in/code/", second_factor.code, name="code"),
    path("sign-in/recovery-code/", second_factor.recovery, name="recovery"),
    path("sign-in/set-up-two-factor/", second_factor.sign_in_set_up, name="sign-in-set-up"),
    path("sign-in/single-sign-on/", single_sign_on.start, name="single-sign-on"),
    path(
        "sign-in/single-sign-on/callback/",
        single_sign_on.callback,
        name="single-sign-on-callback",
    ),
    path("account/", account.overview, name="overview"),
    path("account/password/", account.password, name="password"),
    path("account/two-factor/", account.set_up, name="set-up"),
    path("account/recovery-codes/", account.recovery_codes, name="recovery-codes"),
    path(
        "account/set-up/<str:uid>/<str:token>/",
        administration.set_up_password,
        name="set-up-password",
    ),
    path("organisation/people/", administration.people, name="admin-people"),
    path("organisation/people/new/", administration.account_new, name="admin-new"),
    path(
        "organisation/people/staff/<int:pk>/account/",
        administration.account_new_for_staff,
        name="admin-new-for-staff",
    ),
    path("organisation/people/<int:pk>/", administration.account, name="admin-account"),
    path(
        "organisation/people/<int:pk>/disable/",
        administration.account_disable,
        name="admin-disable",
    ),
    path(
        "organisation/people/<int:pk>/enable/",
        administration.account_enable,
        name="admin-enable",
    ),
    path(
        "organisation/people/<int:pk>/two-factor-reset/",
        administration.account_two_factor_reset,
        name="admin-two-factor-reset",
    ),
    path(
        "organisation/people/<int:pk>/set-up-link/",
        administration.account_set_up_link,
        name="admin-set-up-link",
    ),
]
