"""The photo receipt of a submitted photo: a printable page and PDFs in two sizes."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..accounts.decorators import account_required
from ..audit.log import record
from ..core.photo_id import InvalidPhotoId, normalise
from . import receipt as printing
from .models import Photo
from .visibility import personal_data_visible


def _submitted_photo(request: HttpRequest, photo_id: str) -> Photo:
    """The account's own submitted photo by its ID in any typed form; 404 otherwise."""
    try:
        canonical = normalise(photo_id)
    except InvalidPhotoId:
        raise Http404 from None
    return get_object_or_404(
        Photo.objects.select_related("account", "latest_decision"),
        photo_id=canonical,
        account=request.account,
        state=Photo.State.SUBMITTED,
    )


@account_required
def receipt(request: HttpRequest, photo_id: str) -> HttpResponse:
    photo = _submitted_photo(request, photo_id)
    record(request, "receipt.view", photos=[photo])
    data = printing.receipt_data(photo, show_name=personal_data_visible(photo))
    label = _("Viivakoodi, kuvatunnus %(id)s") % {"id": data.display_id}
    context = {
        "photo": photo,
        "data": data,
        # Built from the photo ID's own characters only (an alphabet of letters and
        # digits), so the markup cannot carry anything from user input.
        "barcode": mark_safe(printing.barcode_svg(data.photo_id, label=label)),
        "labels": data.labels,
        "sizes": printing.SIZES,
        "deliveries": list(photo.messages.order_by("channel").values("channel", "status")),
    }
    return render(request, "photos/receipt.html", context)


@account_required
def receipt_pdf(request: HttpRequest, photo_id: str) -> HttpResponse:
    photo = _submitted_photo(request, photo_id)
    size = request.GET.get("size", printing.DEFAULT_SIZE)
    if size not in printing.SIZES:
        return HttpResponseBadRequest(
            _("Tuntematon kuitin koko. Valitse 10x15 tai 80x72."),
            content_type="text/plain; charset=utf-8",
        )
    record(request, "receipt.pdf", photos=[photo])
    data = printing.receipt_data(photo, show_name=personal_data_visible(photo))
    response = HttpResponse(printing.receipt_pdf(data, size), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{printing.filename(data.photo_id, size)}"'
    response["Cache-Control"] = "private, no-store"
    return response
