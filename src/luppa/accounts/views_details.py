from django.http import HttpRequest, HttpResponse

from .decorators import account_required


@account_required
def details(request: HttpRequest) -> HttpResponse:
    return HttpResponse("own details")
