from django.urls import path

from supervise.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.children, name="list"),
    path("<int:pk>/", views.child_record, name="child"),
    path("<int:pk>/notes/new/", views.note_new, name="note-new"),
]
