"""The public studio directory (manual §8): no login, nothing shown but the studios."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .forms import StudioSearchForm
from .search import find_studios

PAGE_SIZE = 50


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = StudioSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = None
    if query:
        studios = find_studios(query).only(
            "name",
            "street_address",
            "postal_code",
            "post_office",
            "municipality",
            "opening_hours",
            "phone",
        )
        page = Paginator(studios, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "directory/search.html", {"form": form, "query": query, "page": page})
