"""Pages of the sent photos: `?page=` and `?page_size=` (at most 100), validated strictly."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from .errors import InvalidInput

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _positive(request: Request, name: str, maximum: int | None = None) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or int(raw) < 1 or (maximum and int(raw) > maximum):
        if maximum:
            rule = _("Kokonaisluku 1–%(max)s.") % {"max": maximum}
        else:
            rule = _("Kokonaisluku, vähintään 1.")
        raise InvalidInput(_("Virheellinen sivutus."), {name: [rule]})
    return int(raw)


class SentPagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        # DRF would quietly fall back to defaults on nonsense; an integrator should hear of it.
        _positive(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request: Request) -> int:
        return _positive(request, self.page_size_query_param, MAX_PAGE_SIZE) or self.page_size
