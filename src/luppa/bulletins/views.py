"""Bulletins: reading (everyone logged in) and publishing (administrators)."""

from django.http import HttpRequest, HttpResponse

from ..accounts.decorators import staff_required


def bulletin_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("bulletins")


def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("bulletin")


@staff_required(admin=True)
def manage(request: HttpRequest) -> HttpResponse:
    return HttpResponse("manage")


@staff_required(admin=True)
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return HttpResponse("edit")
