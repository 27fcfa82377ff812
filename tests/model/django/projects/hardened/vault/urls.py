from django.urls import path

from vault import views

urlpatterns = [
    path("", views.Home.as_view(), name="home"),
    path("secrets/<uuid:secret_id>/", views.secret, name="secret"),
]
