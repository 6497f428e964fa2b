from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "supervise.api"
    label = "api"
    verbose_name = "API"
