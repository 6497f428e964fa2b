from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "supervise.files"
    verbose_name = "Supervision files"
