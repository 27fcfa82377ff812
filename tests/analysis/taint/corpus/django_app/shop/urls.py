from django.urls import path, re_path

from shop import views

urlpatterns = [
    path("d14/<str:slug>/", views.d14_page),
    path("d15/<int:pk>/", views.d15_page),
    path("d20/<int:pk>/", views.D20Detail.as_view()),
    path("d21/<str:name>/", views.D21Detail.as_view()),
    re_path(r"^d41/(?P<code>[0-9]{4})/$", views.d41_year),
    re_path(r"^d42/(?P<code>.+)/$", views.d42_code),
    path("d39/", views.D39Redirect.as_view()),
    path("d40/", views.D40Redirect.as_view()),
]
