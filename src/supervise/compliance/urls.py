from django.urls import path

from supervise.compliance import views, views_drift, views_quality

app_name = "compliance"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("teams/<int:team_id>/", views.team, name="team"),
    path("supervisors/<int:staff_id>/", views.supervisor, name="supervisor"),
    path("findings/", views.findings, name="findings"),
    path("findings.csv", views.findings_csv, name="findings-csv"),
    path("actions-carried/", views_drift.drift, name="drift"),
    path("case-discussions/", views_quality.quality, name="quality"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("export.xlsx", views.export_xlsx, name="export-xlsx"),
]
