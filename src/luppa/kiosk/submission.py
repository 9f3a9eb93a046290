"""The kiosk's one door into the photo service: the photo is submitted as the kiosk's own
account through the normal submission service, so it gets a photo ID and a receipt like any
other. (Kept in this one module so that a change of the photo layer touches one file.)"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest

from ..accounts.models import Account, Photographer
from ..photos import receipt as photo_receipt
from ..photos import services
from ..photos.models import Photo
from ..quality import assess

SubmitRefused = services.SubmitRefused


def kiosk_photographer(kiosk: str) -> tuple[Account, Photographer]:
    """The kiosks' organisation account and this kiosk as its named photographer."""
    account, _ = Account.objects.get_or_create(
        business_id=settings.KIOSK_BUSINESS_ID,
        defaults={
            "kind": Account.Kind.COMPANY,
            "name": "Maahanmuuttovirasto",
            "studio_name": "Maahanmuuttoviraston itsepalveluautomaatti",
        },
    )
    photographer = account.photographers.filter(name=kiosk, active=True).first()
    if photographer is None:
        photographer = Photographer.objects.create(account=account, name=kiosk)
    return account, photographer


def submit_photo(
    kiosk: str,
    jpeg: bytes,
    surname: str,
    given_names: str,
    birth_date: dt.date | None,
    lang: str,
    request: HttpRequest | None = None,
) -> Photo:
    account, photographer = kiosk_photographer(kiosk)
    person = {
        "first_names": given_names,
        "surname": surname,
        "hetu": None,
        "birth_date": birth_date,
    }
    photo = services.create_draft(
        account, photographer, jpeg, person, report=assess(jpeg, "kiosk.jpg"), request=request
    )
    languages = list(dict.fromkeys([lang, "fi", "sv"]))[:3]
    return services.submit(photo, receipt_languages=languages, request=request)


def receipt_pdf(photo: Photo) -> bytes:
    """The photo receipt, as the photo service prints it."""
    return photo_receipt.receipt_pdf(photo_receipt.receipt_data(photo))


def photo_id_text(photo: Photo) -> str:
    return photo_receipt.display(photo.photo_id)
