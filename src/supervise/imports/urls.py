from django.urls import path

from supervise.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("new/", views.import_new, name="new"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/problems.csv", views.import_problems_csv, name="problems-csv"),
    path("<int:pk>/confirm/", views.import_confirm, name="confirm"),
    path("<int:pk>/discard/", views.import_discard, name="discard"),
]
