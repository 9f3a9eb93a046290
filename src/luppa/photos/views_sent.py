"""Sent photos: newest first, tabs by status, search, details with the officer's feedback."""

from django.http import HttpRequest, HttpResponse

from ..accounts.decorators import account_required


@account_required
def sent_photos(request: HttpRequest) -> HttpResponse:
    return HttpResponse("sent photos")


@account_required
def sent_detail(request: HttpRequest, photo_id: str) -> HttpResponse:
    return HttpResponse("sent detail")
