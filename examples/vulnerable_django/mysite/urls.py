from django.contrib import admin
from django.urls import path

from shop import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("search/", views.search, name="search"),
    path("orders/<str:order_id>/cancel/", views.cancel_order, name="cancel-order"),
    path("reports/export/", views.export_report, name="export-report"),
    path("products/<slug:slug>/", views.product, name="product"),
    path("greet/", views.greet, name="greet"),
    path("currency/", views.switch_currency, name="switch-currency"),
]
