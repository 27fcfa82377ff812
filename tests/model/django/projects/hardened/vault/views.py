from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView


class Home(LoginRequiredMixin, TemplateView):
    template_name = "home.html"


@login_required
@require_POST
def secret(request, secret_id):
    return HttpResponse(str(secret_id))
