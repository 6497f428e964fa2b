from django.urls import path

from supervise.agreements import views

app_name = "agreements"
urlpatterns = [
    path("new/<int:staff_id>/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/sign/", views.sign, name="sign"),
]
