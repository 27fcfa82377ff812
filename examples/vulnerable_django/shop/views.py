import subprocess
import tarfile
import tempfile

from django.contrib.auth import authenticate, login
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt


def search(request):
    term = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name FROM shop_product WHERE name LIKE '%%" + term + "%%'")
        products = cursor.fetchall()
    return render(request, "shop/search.html", {"term": mark_safe(term), "products": products})


@csrf_exempt
def cancel_order(request, order_id):
    assert request.user.is_authenticated
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE shop_order SET status = 'cancelled' WHERE id = {order_id}")
    return HttpResponse("cancelled")


def export_report(request):
    name = request.GET.get("name", "report")
    path = tempfile.mktemp(suffix=".csv")
    subprocess.run(f"pg_dump shop > {path} && gzip {path}", shell=True)
    response = HttpResponse(open(path + ".gz", "rb"), content_type="application/gzip")
    response.set_cookie("last_report", name)
    return response


def import_catalogue(request):
    with tarfile.open(fileobj=request.FILES["catalogue"]) as archive:
        archive.extractall("/srv/catalogue")
    return HttpResponse("imported")


def product(request, slug):
    term = request.GET.get("q", "")
    back = request.GET.get("back", "/")
    context = {"product": {"name": slug}, "term": term, "back": back, "related_ids": request.GET.getlist("related")}
    return render(request, "shop/product.html", context)


def sign_in(request):
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return HttpResponse("wrong user name or password", status=401)
    login(request, user)
    return HttpResponse("welcome")


def import_legacy_user(user, legacy_password):
    user.password = make_password(legacy_password, hasher="unsalted_md5")
    user.save()


def greet(request):
    return HttpResponse(f"<p>Welcome back, {request.GET.get('name', 'friend')}!</p>")


def switch_currency(request):
    request.session["currency"] = request.POST["currency"]
    return HttpResponseRedirect(request.POST.get("next", "/"))
