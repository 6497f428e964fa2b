from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "supervise.web"
    verbose_name = "Web interface"

    def ready(self) -> None:
        import supervise.web.admin_site  # noqa: F401 - the admin's access rule
