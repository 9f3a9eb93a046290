"""Own details: contact details, named photographers, studios and API keys of one account."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone
from webtools import PIA, force_login_private, open_company

from luppa.accounts.models import Account, ApiKey, Photographer, name_key
from luppa.core import photo_id
from luppa.directory.models import Studio
from luppa.photos.models import Photo

pytestmark = pytest.mark.django_db

STUDIO = {
    "name": "Kuvaamo Keskusta",
    "street_address": "Aleksanterinkatu 1",
    "postal_code": "00100",
    "post_office": "Helsinki",
    "municipality": "Helsinki",
    "opening_hours": "ma–pe 9–17",
    "phone": "09 123 4567",
}


@pytest.fixture
def pia(client: Client) -> Account:
    force_login_private(client, PIA)
    return Account.objects.get(kind="person")


@pytest.fixture
def company() -> Account:
    """Another account, with a photographer, a studio and a key of its own."""
    _client, account = open_company()
    Photographer.objects.create(account=account, name="Kalle")
    Photographer.objects.create(account=account, name="Liisa")
    Studio.objects.create(account=account, **STUDIO)
    ApiKey.issue(account, "Kassa")
    return account


def text(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


def test_overview_shows_every_box(client: Client, pia: Account) -> None:
    html = text(client.get("/details/"))
    for heading in ("Yhteystiedot", "Valokuvaajat", "Julkinen kuvaamoluettelo", "API-avaimet"):
        assert heading in html
    assert "Pia Pikkarainen" in html and "Ohjattu" in html
    assert 'href="/details/contact/"' in html


# --- contact details ----------------------------------------------------------------------------


def test_contact_details_are_edited(client: Client, pia: Account) -> None:
    assert 'name="studio_name"' in text(client.get("/details/contact/"))
    response = client.post(
        "/details/contact/",
        {
            "studio_name": "  Pian   kuvat ",
            "contact_person": "Pia",
            "street_address": "Kotikatu 2",
            "postal_code": "02100",
            "post_office": "Espoo",
            "phone": "0401234567",
            "email": "pia@example.fi",
        },
    )
    assert response["Location"] == "/details/"
    pia.refresh_from_db()
    assert pia.studio_name == "Pian kuvat" and pia.postal_code == "02100"
    assert pia.phone == "040 1234567"
    assert "Pian kuvat" in text(client.get("/details/"))


def test_bad_contact_details_are_refused_and_nothing_changes(client: Client, pia: Account) -> None:
    html = text(
        client.post(
            "/details/contact/",
            {"studio_name": "", "postal_code": "123", "phone": "abc", "email": "not-an-address"},
        )
    )
    assert html.count('role="alert"') == 1 and html.count('class="errorlist"') >= 4
    assert "viisi numeroa" in html and "Puhelinnumero ei ole kelvollinen" in html
    pia.refresh_from_db()
    assert pia.studio_name == "Pia Pikkarainen" and pia.postal_code == ""


# --- named photographers ------------------------------------------------------------------------


def test_photographer_is_added_renamed_and_switched_to_advanced(
    client: Client, pia: Account
) -> None:
    response = client.post("/details/photographers/add/", {"name": "Anna", "mode": "guided"})
    assert response["Location"] == "/details/"
    anna = pia.photographers.get(name_key=name_key("Anna"))
    assert anna.mode == "guided" and anna.active
    client.post(f"/details/photographers/{anna.pk}/", {"name": "Anna K", "mode": "advanced"})
    anna.refresh_from_db()
    assert anna.name == "Anna K" and anna.mode == "advanced"
    assert "Edistynyt" in text(client.get("/details/"))


def test_photographer_names_are_unique_among_active_ones(client: Client, pia: Account) -> None:
    html = text(
        client.post("/details/photographers/add/", {"name": "pia pikkarainen", "mode": "guided"})
    )
    assert "jo tämän niminen" in html
    assert pia.photographers.count() == 1
    html = text(client.post("/details/photographers/add/", {"name": "   ", "mode": "guided"}))
    assert 'role="alert"' in html
    html = text(client.post("/details/photographers/add/", {"name": "X", "mode": "expert"}))
    assert 'role="alert"' in html and pia.photographers.count() == 1


def test_removed_photographer_stays_in_old_photos(client: Client, pia: Account) -> None:
    anna = Photographer.objects.create(account=pia, name="Anna")
    photo = Photo.objects.create(
        account=pia,
        photographer=anna,
        state="submitted",
        photo_id=photo_id.generate(),
        submitted_at=timezone.now(),
        consent_at=timezone.now(),
    )
    assert "Poistetaanko kuvaaja Anna" in text(
        client.get(f"/details/photographers/{anna.pk}/remove/")
    )
    assert client.post(f"/details/photographers/{anna.pk}/remove/")["Location"] == "/details/"
    anna.refresh_from_db()
    assert not anna.active and Photo.objects.filter(pk=photo.pk, photographer=anna).exists()
    assert "Anna (poistettu)" in text(client.get("/photos/sent/"))
    assert "1 poistettu kuvaaja" in text(client.get("/details/"))
    # The name is free again, and the removed one can no longer be edited.
    client.post("/details/photographers/add/", {"name": "Anna", "mode": "guided"})
    assert pia.photographers.filter(name_key=name_key("Anna")).count() == 2
    assert client.get(f"/details/photographers/{anna.pk}/").status_code == 404


def test_the_last_photographer_cannot_be_removed(client: Client, pia: Account) -> None:
    only = pia.photographers.get()
    response = client.post(f"/details/photographers/{only.pk}/remove/", follow=True)
    assert "vähintään yksi kuvaaja" in response.content.decode()
    only.refresh_from_db()
    assert only.active


# --- studios ------------------------------------------------------------------------------------


def test_studio_is_added_edited_and_removed(client: Client, pia: Account) -> None:
    assert client.post("/details/studios/add/", STUDIO)["Location"] == "/details/"
    studio = pia.studios.get()
    assert studio.name == "Kuvaamo Keskusta" and studio.phone == "09 123 4567"  # as entered
    assert "Aleksanterinkatu 1" in text(client.get("/details/"))
    assert "Kuvaamo Keskusta" in text(client.get("/studios/", {"q": "00100"}))
    client.post(f"/details/studios/{studio.pk}/", {**STUDIO, "opening_hours": "la 10–14"})
    studio.refresh_from_db()
    assert studio.opening_hours == "la 10–14"
    assert "Poistetaanko kuvaamo" in text(client.get(f"/details/studios/{studio.pk}/remove/"))
    client.post(f"/details/studios/{studio.pk}/remove/")
    assert not pia.studios.exists()


def test_bad_studio_is_refused(client: Client, pia: Account) -> None:
    html = text(client.post("/details/studios/add/", {**STUDIO, "postal_code": "1000A"}))
    assert "viisi numeroa" in html and not pia.studios.exists()
    html = text(client.post("/details/studios/add/", {**STUDIO, "municipality": " "}))
    assert 'role="alert"' in html and not pia.studios.exists()


# --- API keys -----------------------------------------------------------------------------------


def test_api_key_is_shown_once_and_revoked(client: Client, pia: Account) -> None:
    response = client.post("/details/api-keys/add/", {"name": "Kuvausohjelma"})
    html = text(response)
    assert "no-store" in response["Cache-Control"]
    secret = re.search(r'id="api-key-secret" value="([^"]+)"', html).group(1)
    key = ApiKey.authenticate(secret)
    assert key is not None and key.account == pia and key.name == "Kuvausohjelma"
    overview = text(client.get("/details/"))
    assert "Kuvausohjelma" in overview and secret not in overview and "Käytössä" in overview
    assert client.post(f"/details/api-keys/{key.pk}/revoke/")["Location"] == "/details/"
    assert ApiKey.authenticate(secret) is None
    assert "Poistettu käytöstä" in text(client.get("/details/"))
    assert client.post(f"/details/api-keys/{key.pk}/revoke/").status_code == 404


def test_api_key_needs_a_name(client: Client, pia: Account) -> None:
    html = text(client.post("/details/api-keys/add/", {"name": ""}))
    assert 'role="alert"' in html and not ApiKey.objects.filter(account=pia).exists()


# --- one account only ---------------------------------------------------------------------------


def test_another_accounts_objects_are_404(client: Client, pia: Account, company: Account) -> None:
    photographer = company.photographers.first()
    studio = company.studios.get()
    key = company.api_keys.get()
    urls = [
        f"/details/photographers/{photographer.pk}/",
        f"/details/photographers/{photographer.pk}/remove/",
        f"/details/studios/{studio.pk}/",
        f"/details/studios/{studio.pk}/remove/",
        f"/details/api-keys/{key.pk}/revoke/",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {**STUDIO, "mode": "guided"}).status_code == 404, url
    photographer.refresh_from_db()
    studio.refresh_from_db()
    key.refresh_from_db()
    assert photographer.active and photographer.name == "Kalle"
    assert Studio.objects.filter(pk=studio.pk, name=STUDIO["name"]).exists()
    assert key.revoked_at is None
    overview = text(client.get("/details/"))
    assert "Kassa" not in overview and "Aleksanterinkatu" not in overview


def test_suspended_account_can_read_but_not_change(client: Client, pia: Account) -> None:
    Account.objects.filter(pk=pia.pk).update(suspended_at=timezone.now())
    studio = Studio.objects.create(account=pia, **STUDIO)
    html = text(client.get("/details/"))
    assert "Kuvaamo Keskusta" in html and "/details/studios/add/" not in html
    posts = [
        ("/details/contact/", {"studio_name": "Uusi"}),
        ("/details/photographers/add/", {"name": "Uusi", "mode": "guided"}),
        ("/details/studios/add/", STUDIO),
        (f"/details/studios/{studio.pk}/remove/", {}),
        ("/details/api-keys/add/", {"name": "Uusi"}),
    ]
    for url, data in posts:
        assert client.post(url, data)["Location"] == "/", url
    pia.refresh_from_db()
    assert pia.studio_name != "Uusi" and pia.photographers.count() == 1
    assert pia.studios.count() == 1 and not pia.api_keys.exists()


def test_changes_need_csrf(client: Client, pia: Account) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies  # the same logged-in session, without a CSRF token
    assert strict.post("/details/studios/add/", STUDIO).status_code == 403
    assert not pia.studios.exists()


def test_details_need_login(client: Client) -> None:
    assert client.get("/details/")["Location"].startswith("/login/")
    assert client.post("/details/studios/add/", STUDIO)["Location"].startswith("/login/")
    assert not Studio.objects.exists()
