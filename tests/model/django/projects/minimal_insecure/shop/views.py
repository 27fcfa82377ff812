from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt


def home(request):
    return HttpResponse("home")


@csrf_exempt
def cancel(request, pk):
    return HttpResponse("cancelled")
