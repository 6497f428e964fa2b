from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "supervise.organisations"
    verbose_name = "Organisations"
