from django.apps import AppConfig


class SessionsConfig(AppConfig):
    # "sessions" is django.contrib.sessions' label, so this app is labelled "supervision".
    name = "supervise.sessions"
    label = "supervision"
    verbose_name = "Supervision sessions"
