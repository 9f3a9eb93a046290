"""The permit officer's pages (placeholder until the find/decide pages land)."""

from django.http import HttpRequest, HttpResponse

from ..accounts.decorators import staff_required


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("officer home")
