from django.urls import path

from shop import views

urlpatterns = [
    path("", views.home, name="home"),
    path("orders/<int:pk>/cancel/", views.cancel, name="cancel"),
]
