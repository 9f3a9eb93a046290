"""Statistics pages (Raportointi): per account, and service-wide for administrators."""

from django.http import HttpRequest, HttpResponse

from ..accounts.decorators import account_required, staff_required


@account_required
def account_report(request: HttpRequest) -> HttpResponse:
    return HttpResponse("report")


@account_required
def account_csv(request: HttpRequest) -> HttpResponse:
    return HttpResponse("csv")


@staff_required(admin=True)
def service_report(request: HttpRequest) -> HttpResponse:
    return HttpResponse("service report")


@staff_required(admin=True)
def service_csv(request: HttpRequest) -> HttpResponse:
    return HttpResponse("service csv")
