from django.urls import path

from site_env import views

urlpatterns = [path("", views.home)]
