"""Issue 7, defect 10: a form error keeps the chosen file, the HETU error says why, and
unfinished photos can be found again, resumed or discarded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from webtools import PIA, force_login_private, open_company

from luppa.accounts.models import Account
from luppa.photos import services
from luppa.photos.models import Photo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def framed_report(biden_report):
    return biden_report


@pytest.fixture
def pia(client: Client) -> Client:
    force_login_private(client, PIA)
    return client


def fields(client: Client, **overrides) -> dict:
    account = Account.objects.get(pk=client.session["luppa_account_id"])
    data = {
        "first_names": "Maija",
        "surname": "Meikäläinen",
        "hetu": "131052-308T",
        "birth_date": "",
        "consent": "on",
        "photographer": account.photographers.get().pk,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_form_error_keeps_the_chosen_file(pia, framed_biden) -> None:
    photo_file = SimpleUploadedFile("maija.jpg", framed_biden.jpeg, content_type="image/jpeg")
    response = pia.post("/photos/new/", fields(pia, hetu="131052-308X", image=photo_file))
    html = response.content.decode()
    assert response.status_code == 400 and not Photo.objects.exists()
    assert "maija.jpg" in html and "on tallessa" in html
    ref = html.split('name="kept_upload" value="')[1].split('"')[0]
    # The corrected form is sent without choosing the file again.
    response = pia.post("/photos/new/", fields(pia, kept_upload=ref))
    assert response.status_code == 302, response.content.decode()[:3000]
    photo = Photo.objects.get()
    assert photo.image.data() == framed_biden.jpeg
    assert "luppa_pending_upload" not in pia.session  # forgotten once used


def test_a_stale_reference_keeps_nothing(pia, framed_biden) -> None:
    photo_file = SimpleUploadedFile("a.jpg", framed_biden.jpeg, content_type="image/jpeg")
    pia.post("/photos/new/", fields(pia, consent=None, image=photo_file))
    response = pia.post("/photos/new/", fields(pia, kept_upload="0" * 16))
    assert response.status_code == 400 and not Photo.objects.exists()


@pytest.mark.parametrize(
    ("hetu", "why"),
    [
        ("131052-308", "11 merkkiä"),
        ("131352-308T", "ei ole oikea päivämäärä"),
        ("131052Q308T", "vuosisatamerkki"),
        ("131052-308X", "tarkistusmerkki"),
    ],
)
def test_the_hetu_error_says_why(pia, hetu, why) -> None:
    response = pia.post("/photos/new/", fields(pia, hetu=hetu))
    assert response.status_code == 400 and why in response.content.decode()


def test_drafts_are_listed_to_resume_or_discard(pia, framed_biden, framed_report) -> None:
    account = Account.objects.get(pk=pia.session["luppa_account_id"])
    photographer = account.photographers.get()
    mine = services.create_draft(
        account, photographer, framed_biden.jpeg, {"first_names": "Keskeneräinen"}, framed_report
    )
    old = services.create_draft(account, photographer, framed_biden.jpeg, {}, framed_report)
    Photo.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    _other_client, company = open_company()
    services.create_draft(
        company, company.photographers.create(name="K"), framed_biden.jpeg, {}, framed_report
    )

    assert "1 keskeneräinen kuva" in pia.get("/").content.decode()
    assert "/photos/drafts/" in pia.get("/photos/new/").content.decode()
    html = pia.get("/photos/drafts/").content.decode()
    assert "Keskeneräinen" in html
    assert f"/photos/draft/{mine.pk}/" in html and f"/photos/draft/{old.pk}/" not in html
    assert html.count("/discard/") == 1  # another account's draft is not listed

    assert pia.get(f"/photos/draft/{mine.pk}/discard/").status_code == 200
    assert Photo.objects.filter(pk=mine.pk).exists()  # asking is not deleting
    response = pia.post(f"/photos/draft/{mine.pk}/discard/")
    assert response["Location"] == "/photos/drafts/"
    assert not Photo.objects.filter(pk=mine.pk).exists()


def test_another_accounts_draft_cannot_be_discarded(pia, framed_biden, framed_report) -> None:
    _other_client, company = open_company()
    theirs = services.create_draft(
        company, company.photographers.create(name="K"), framed_biden.jpeg, {}, framed_report
    )
    assert pia.post(f"/photos/draft/{theirs.pk}/discard/").status_code == 404
    assert Photo.objects.filter(pk=theirs.pk).exists()
