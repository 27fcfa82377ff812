"""Django views whose names start with the id of a labelled case (see cases.toml)."""

import json
import os
import subprocess
from urllib.request import urlopen

import ldap3
import yaml
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template import Context, Template
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import get_valid_filename
from django.views import View
from django.views.generic import DetailView, FormView
from rest_framework.response import Response
from rest_framework.views import APIView

from shop import helpers, services
from shop.forms import D22SearchForm, D23PageForm, D39NextForm, D40NextForm
from shop.models import Product

ALLOWED_FORMATS = ("csv", "json")


def d01_search(request):
    # Request data concatenated into the SQL of a Django cursor.
    term = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM shop_product WHERE name LIKE '%%" + term + "%%'")
        return JsonResponse({"rows": cursor.fetchall()})


def d02_search(request):
    # The same query with a %s placeholder and the value as a parameter.
    term = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM shop_product WHERE name LIKE %s", [f"%{term}%"])
        return JsonResponse({"rows": cursor.fetchall()})


def d03_search(request):
    # Manager.raw() of an f-string.
    name = request.GET["name"]
    products = Product.objects.raw(f"SELECT * FROM shop_product WHERE name = '{name}'")
    return JsonResponse({"ids": [p.id for p in products]})


def d04_search(request):
    # Manager.raw() with params.
    name = request.GET["name"]
    products = Product.objects.raw("SELECT * FROM shop_product WHERE name = %s", [name])
    return JsonResponse({"ids": [p.id for p in products]})


def d05_search(request):
    # QuerySet.extra() with a WHERE built from request data.
    name = request.GET["name"]
    products = Product.objects.filter(slug__isnull=False).extra(where=[f"name = '{name}'"])
    return JsonResponse({"ids": [p.id for p in products]})


def d06_search(request):
    # ORM lookups: values become query parameters.
    name = request.GET["name"]
    products = Product.objects.filter(name=name).exclude(slug=name)
    return JsonResponse({"ids": [p.id for p in products]})


def d07_ranked(request):
    # RawSQL expression of request data.
    column = request.GET["column"]
    products = Product.objects.annotate(rank=RawSQL(f"SELECT {column} FROM shop_product", ()))
    return JsonResponse({"ids": [p.id for p in products]})


def d08_bio(request):
    # mark_safe() of request data.
    return HttpResponse(mark_safe(request.GET["bio"]), content_type="text/plain")


def d09_bio(request):
    # Escaped before marked safe, and format_html() escaping its arguments.
    bio = request.GET["bio"]
    first = mark_safe(escape(bio))
    second = format_html("<p>{}</p>", bio)
    return JsonResponse({"bio": first + second})


def d10_greet(request):
    # format_html() whose format string contains request data.
    name = request.GET.get("name", "")
    return HttpResponse(format_html(f"<p>Hello {name}</p>"))


def d11_results(request):
    # An HTML response built from request data.
    q = request.GET.get("q", "")
    return HttpResponse(f"<h1>Results for {q}</h1>")


def d12_results(request):
    # The same text sent as text/plain.
    q = request.GET.get("q", "")
    return HttpResponse(f"Results for {q}", content_type="text/plain")


def d13_results(request):
    # JSON is not HTML.
    return JsonResponse({"q": request.GET.get("q", "")})


def d14_page(request, slug):
    # A <str:slug> URL parameter written into HTML.
    return HttpResponse(f"<h1>{slug}</h1>")


def d15_page(request, pk):
    # An <int:pk> URL parameter cannot carry markup.
    return HttpResponse(f"<h1>Page {pk}</h1>")


def d16_next(request):
    # Redirect to a target from the query string.
    return redirect(request.GET["next"])


def d17_next(request):
    # The target is checked with url_has_allowed_host_and_scheme first.
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


def d18_download(request):
    # A file path from a POST body, joined in a helper, opened for a FileResponse.
    return FileResponse(open(helpers.d18_path(request.POST["name"]), "rb"))


class D19Export(View):
    # A class-based view passes self.request data to a service class.
    def get(self, request):
        services.D19Exporter(self.request.GET["format"]).export()
        return HttpResponse("exported")


class D20Detail(View):
    # self.kwargs["pk"] comes from an <int:pk> route.
    def get(self, request, *args, **kwargs):
        pk = self.kwargs["pk"]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT name FROM shop_product WHERE id = {pk}")
            return JsonResponse({"rows": cursor.fetchall()})


class D21Detail(View):
    # self.kwargs["name"] comes from a <str:name> route.
    def get(self, request, *args, **kwargs):
        name = self.kwargs["name"]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM shop_product WHERE name = '{name}'")
            return JsonResponse({"rows": cursor.fetchall()})


def d22_search(request):
    # A form's CharField value is the client's text.
    form = D22SearchForm(request.GET)
    if form.is_valid():
        query = form.cleaned_data["query"]
        products = Product.objects.raw(f"SELECT * FROM shop_product WHERE name = '{query}'")
        return JsonResponse({"ids": [p.id for p in products]})
    return JsonResponse({"errors": form.errors})


def d23_page(request):
    # A form's IntegerField value is an int.
    form = D23PageForm(request.GET)
    if form.is_valid():
        page = form.cleaned_data["page"]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM shop_product LIMIT 20 OFFSET {page * 20}")
            return JsonResponse({"rows": cursor.fetchall()})
    return JsonResponse({"errors": form.errors})


def d24_fetch(request):
    # The server fetches a URL from the POST body.
    with urlopen(request.POST["url"]) as response:
        return JsonResponse({"size": len(response.read())})


def d25_fetch(request):
    # A fixed scheme and host: the client picks a path segment.
    with urlopen(f"https://api.example.com/stock/{request.POST['sku']}") as response:
        return JsonResponse({"size": len(response.read())})


def d26_import(request):
    # yaml.load of the request body without a safe loader.
    data = yaml.load(request.body)
    return JsonResponse({"keys": len(data)})


def d27_import(request):
    # JSON builds plain data.
    data = json.loads(request.body)
    return JsonResponse({"keys": len(data)})


def d28_export(request):
    # A header value built from request data.
    name = request.GET.get("name", "report")
    response = HttpResponse(b"id,name\n", content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def d29_export(request):
    # The file name is reduced to safe characters first.
    name = get_valid_filename(request.GET.get("name", "report"))
    response = HttpResponse(b"id,name\n", content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def d30_run(request):
    # exec() of request data.
    exec(request.POST["code"])
    return HttpResponse("done", content_type="text/plain")


def d31_preview(request):
    # The request chooses the Django template source.
    page = Template(request.GET["template"]).render(Context({}))
    return HttpResponse(page)


def d32_preview(request):
    # Request data as a template variable: escaped when rendered.
    page = Template("<p>{{ text }}</p>").render(Context({"text": request.GET["text"]}))
    return HttpResponse(page)


class D33Query(APIView):
    # A REST framework view formats request.data into SQL.
    def post(self, request):
        name = request.data["name"]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM shop_product WHERE name = '{name}'")
            return Response({"rows": cursor.fetchall()})


class D34Page(APIView):
    # query_params cast to int before formatting.
    def get(self, request):
        page = int(request.query_params.get("page", "1"))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM shop_product LIMIT 20 OFFSET {page}")
            return Response({"rows": cursor.fetchall()})


def d35_report(request):
    # The SQL runs in another module (services.d35_report).
    return JsonResponse({"rows": services.d35_report(request.GET["owner"])})


def d36_report(request):
    # The parameterised twin of d35 in the same module layout.
    return JsonResponse({"rows": services.d36_report(request.GET["owner"])})


def d37_search(request):
    # extra() with the value passed in params.
    name = request.GET["name"]
    products = Product.objects.extra(where=["name = %s"], params=[name])
    return JsonResponse({"ids": [p.id for p in products]})


def d38_people(request):
    # An ldap3 search filter built from request data.
    conn = ldap3.Connection(ldap3.Server("ldap://directory.example.com"))
    conn.search("dc=example,dc=com", f"(cn={request.GET['name']})")
    return JsonResponse({"found": len(conn.entries)})


class D39Redirect(FormView):
    # form_valid() receives the bound form; its clean_next() checked the target.
    form_class = D39NextForm

    def form_valid(self, form):
        return redirect(form.cleaned_data["next"])


class D40Redirect(FormView):
    # The same view whose form does not check the target.
    form_class = D40NextForm

    def form_valid(self, form):
        return redirect(form.cleaned_data["next"])


def d41_year(request, code):
    # A re_path group limited to four digits.
    return HttpResponse(f"<h1>{code}</h1>")


def d42_code(request, code):
    # A re_path group that accepts anything.
    return HttpResponse(f"<h1>{code}</h1>")


def d43_export(request):
    # An allow-list check on the format before it reaches a command.
    fmt = request.GET.get("format", "csv")
    if fmt not in ALLOWED_FORMATS:
        return HttpResponse("bad format", status=400)
    subprocess.run(f"export-data --format {fmt}", shell=True)
    return HttpResponse("exported")


class D44Detail(DetailView):
    # A generic view: get_queryset() filters with the ORM.
    model = Product

    def get_queryset(self):
        return Product.objects.filter(slug=self.request.GET.get("slug", ""))


def d45_results(request):
    # The value is escaped before it goes into the HTML.
    return HttpResponse(f"<h1>Results for {escape(request.GET.get('q', ''))}</h1>")


def d46_count(request):
    # A constant query on a raw cursor.
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM shop_product")
        return JsonResponse({"count": cursor.fetchone()[0]})


def d47_thumbnail(request):
    # A fixed program with the upload's name as a later argument.
    subprocess.run(["convert", "--", request.FILES["image"].name, "thumb.png"])
    return HttpResponse("ok", content_type="text/plain")


def d48_reload(request):
    # The current path: redirecting there keeps the client on this site.
    return redirect(request.path)


def d49_download(request):
    # basename() drops every directory from the name.
    name = os.path.basename(request.GET["name"])
    return FileResponse(open(f"/srv/media/{name}", "rb"))


def d50_separator(request):
    # mark_safe() of a constant.
    return HttpResponse(mark_safe("<hr>"), content_type="text/plain")


def d51_search(request):
    # ORM lookups built from a dict of request values.
    filters = {"name": request.GET["name"], "slug": request.GET["slug"]}
    return JsonResponse({"ids": list(Product.objects.filter(**filters).values_list("id", flat=True))})
