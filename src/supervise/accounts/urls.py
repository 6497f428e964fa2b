"""The steps of signing in after the password (web:sign-in), and your own account."""

from django.urls import path

from supervise.accounts.views import account, second_factor, single_sign_on

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
]
