"""URL configuration: each domain app owns its URLs."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("supervise.web.urls")),
    path("", include("supervise.accounts.urls")),
    path("", include("supervise.sessions.urls")),
    path("children/", include("supervise.cases.urls")),
    path("agreements/", include("supervise.agreements.urls")),
    path("compliance/", include("supervise.compliance.urls")),
    path("imports/", include("supervise.imports.urls")),
    path("files/", include("supervise.files.urls")),
    path("api/", include("supervise.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "supervise.web.views.error_403"
handler404 = "supervise.web.views.error_404"
handler500 = "supervise.web.views.error_500"
