"""New photo: upload, guided or advanced review, receipt contact, submit, receipt."""

from django.http import HttpRequest, HttpResponse

from ..accounts.decorators import account_required


@account_required
def new_photo(request: HttpRequest) -> HttpResponse:
    return HttpResponse("new photo")


@account_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("review")


@account_required
def guided_step(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    return HttpResponse("step")


@account_required
def replace(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("replace")


@account_required
def contact_and_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("submit")


@account_required
def image(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("image")


@account_required
def receipt(request: HttpRequest, photo_id: str) -> HttpResponse:
    return HttpResponse("receipt")


@account_required
def receipt_pdf(request: HttpRequest, photo_id: str) -> HttpResponse:
    return HttpResponse("pdf")
