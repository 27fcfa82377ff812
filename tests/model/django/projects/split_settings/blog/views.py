from django.http import HttpResponse
from django.views.decorators.http import require_GET
from django.views.generic import DetailView


class PostDetail(DetailView):
    template_name = "post.html"


@require_GET
def archive(request, year):
    return HttpResponse(year)


def search(request, term):
    return HttpResponse(term)
