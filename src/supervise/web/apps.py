from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "supervise.web"
    verbose_name = "Web interface"
