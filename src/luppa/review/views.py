"""The permit officer's pages: find a photo, compare, decide."""

from django.http import HttpRequest, HttpResponse

from ..accounts.decorators import staff_required


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("officer home")


@staff_required()
def search(request: HttpRequest) -> HttpResponse:
    return HttpResponse("search")


@staff_required()
def photo(request: HttpRequest, photo_id: str) -> HttpResponse:
    return HttpResponse("photo")


@staff_required()
def image(request: HttpRequest, photo_id: str) -> HttpResponse:
    return HttpResponse("image")


@staff_required()
def decide(request: HttpRequest, photo_id: str) -> HttpResponse:
    return HttpResponse("decide")
