from django.urls import include, path
from rest_framework.routers import DefaultRouter

from notes import views

router = DefaultRouter()
router.register(r"notes", views.NoteViewSet, basename="note")
router.register(r"users", views.UserViewSet, basename="user")

urlpatterns = [
    path("api/", include(router.urls)),
    path("api/ping/", views.ping),
    path("api/me/", views.Me.as_view()),
]
