from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "supervise.people"
    verbose_name = "People"
