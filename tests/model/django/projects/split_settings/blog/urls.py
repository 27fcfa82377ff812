from django.urls import path, re_path

from blog import views

app_name = "blog"
urlpatterns = [
    path("<slug:slug>/", views.PostDetail.as_view(), name="detail"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views.archive, name="archive"),
    path("search/<str:term>/", views.search, name="search"),
]
