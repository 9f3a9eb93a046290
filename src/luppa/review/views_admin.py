"""Administrators' pages: officers, and photographer accounts (suspend, restore)."""

from django.http import HttpRequest, HttpResponse

from ..accounts.decorators import staff_required


@staff_required(admin=True)
def staff_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("staff")


@staff_required(admin=True)
def staff_add(request: HttpRequest) -> HttpResponse:
    return HttpResponse("staff add")


@staff_required(admin=True)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("staff edit")


@staff_required(admin=True)
def accounts(request: HttpRequest) -> HttpResponse:
    return HttpResponse("accounts")


@staff_required(admin=True)
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("account")


@staff_required(admin=True)
def suspend(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("suspend")


@staff_required(admin=True)
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("restore")
