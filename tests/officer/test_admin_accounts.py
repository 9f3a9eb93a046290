"""Misuse: administrators list photographer accounts, suspend and restore their rights.

A suspended account's users still log in and read; uploading, submitting, changing own
details and the studio API's submission are refused until the rights are restored.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from factories import PhotographerFactory
from factories.photos import decided, pop_decision
from rest_framework.test import APIClient
from webtools import (
    KALLE,
    KUVAAMO,
    MIKAEL,
    OUTI,
    PIA,
    force_login_company,
    force_login_officer,
    force_login_private,
)

from luppa.accounts.models import Account, ApiKey, User
from luppa.audit.log import term_hash
from luppa.audit.models import AuditEvent
from luppa.core import photo_id
from luppa.photos import services
from luppa.photos.models import Photo

pytestmark = pytest.mark.django_db

NOW = timezone.now()
REASON = "Kuvia syötetty ilman kuvattavan suostumusta (ilmoitus 12/2026)."
SUSPENDED_TEXT = "Käyttäjätilin oikeudet on keskeytetty."


@pytest.fixture(scope="session")
def framed_report(biden_report):
    """The framed photo assessed once; drafts made here reuse it (the face models are slow)."""
    return biden_report


@pytest.fixture
def pia() -> tuple[Client, Account]:
    """Pia's private account, logged in on a client of her own."""
    pia_client = Client()
    force_login_private(pia_client, PIA)
    return pia_client, Account.objects.get(kind="person")


@pytest.fixture
def company() -> Account:
    """Kuvaamo Oy's account as its main representative Kalle opened it, with photographers."""
    account = force_login_company(
        Client(), KALLE, KUVAAMO,
        studio_name="Kuvaamo Keskusta", contact_person="Kalle", email="k@kuva.fi",
    )  # fmt: skip
    PhotographerFactory(account=account, name="Kalle")
    PhotographerFactory(account=account, name="Liisa", active=False)
    return account


def sent_photo(account: Account, **fields) -> Photo:
    submitted = fields.pop("submitted_at", NOW - dt.timedelta(hours=1))
    decision = pop_decision(fields)
    photo = Photo.objects.create(
        account=account,
        photographer=account.photographers.filter(active=True).first(),
        state=Photo.State.SUBMITTED,
        photo_id=photo_id.generate(),
        submitted_at=submitted,
        taken_at=submitted,
        consent_at=submitted,
        **fields,
    )
    if decision:
        decided(photo, **decision)
    return photo


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def visible(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def suspend(admin: Client, account: Account, reason: str = REASON):
    return admin.post(
        f"/officer/accounts/{account.pk}/suspend/", {"reason": reason, "confirm": "on"}
    )


def restore(admin: Client, account: Account, reason: str = "Selvitetty, ei väärinkäyttöä."):
    return admin.post(f"/officer/accounts/{account.pk}/restore/", {"reason": reason})


# --- listing and searching --------------------------------------------------------------------


def test_the_list_shows_accounts_and_their_state(admin: Client, pia, company) -> None:
    Account.objects.filter(pk=company.pk).update(suspended_at=NOW, suspension_reason="x")
    page = visible(html(admin.get("/officer/accounts/")))
    assert "Pia Pikkarainen" in page and "Yksityishenkilö" in page
    assert "Kuvaamo Oy" in page and KUVAAMO in page and "Kuvaamo Keskusta" in page
    assert "Keskeytetty" in page and "2 käyttäjätiliä" in page
    assert AuditEvent.objects.filter(action="account.list").exists()


@pytest.mark.parametrize(
    ("query", "found", "missing"),
    [
        ({"q": "pikka"}, "Pia Pikkarainen", "Kuvaamo Oy"),
        ({"q": "1234567"}, "Kuvaamo Oy", "Pia Pikkarainen"),
        ({"q": "keskusta"}, "Kuvaamo Oy", "Pia Pikkarainen"),
        ({"suspended": "on"}, "Kuvaamo Oy", "Pia Pikkarainen"),
    ],
)
def test_searching_accounts(admin: Client, pia, company, query, found, missing) -> None:
    Account.objects.filter(pk=company.pk).update(suspended_at=NOW)
    page = html(admin.get("/officer/accounts/", query))
    assert found in page and missing not in page
    event = AuditEvent.objects.filter(action="account.list").latest("pk")
    # A free-text search can be a person's name: the trail keeps only its keyed hash.
    assert {k: v for k, v in event.query.items() if k != "page"} == {
        (f"{k}_hash" if k == "q" else k): (
            True if k == "suspended" else term_hash(v) if k == "q" else v
        )
        for k, v in query.items()
    }


def test_a_hetu_typed_in_the_search_is_logged_only_as_a_hash(admin: Client, pia) -> None:
    admin.get("/officer/accounts/", {"q": "131052-308T"})
    event = AuditEvent.objects.filter(action="account.list").latest("pk")
    assert "131052-308T" not in str(event.query) and "hetu_hash" in event.query


@pytest.mark.parametrize(
    "query", [{"q": "x" * 500}, {"q": "a\x00b"}, {"page": "999"}, {"page": "abc"}]
)
def test_odd_searches_do_not_fail(admin: Client, pia, query) -> None:
    assert admin.get("/officer/accounts/", query).status_code == 200


def test_only_administrators_reach_the_account_pages(client: Client, company) -> None:
    urls = ["/officer/accounts/", f"/officer/accounts/{company.pk}/"]
    posts = [f"/officer/accounts/{company.pk}/suspend/", f"/officer/accounts/{company.pk}/restore/"]
    for url in urls + posts:
        assert client.get(url)["Location"].startswith("/login/"), url
    force_login_private(client, PIA)
    for url in urls:
        assert client.get(url).status_code == 404, url
    for url in posts:
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    officer = Client()
    force_login_officer(officer, OUTI)
    for url in urls:
        assert officer.get(url).status_code == 403, url
    for url in posts:
        assert officer.post(url, {"reason": "x"}).status_code == 403, url
    company.refresh_from_db()
    assert not company.suspended
    assert not AuditEvent.objects.filter(action__in=["account.suspend", "account.restore"])


def test_a_migri_administrator_may_also_suspend(client: Client, company) -> None:
    force_login_officer(client, MIKAEL, organisation="migri", role="admin")
    assert suspend(client, company).status_code == 302
    company.refresh_from_db()
    assert company.suspended


# --- the account's page -----------------------------------------------------------------------


def test_the_account_page_shows_counts_without_personal_data(admin: Client, company) -> None:
    sent_photo(company, first_names="Maija", surname="Meikäläinen")
    sent_photo(company, evaluation="approved", evaluated_at=NOW, first_names="Matti")
    sent_photo(company, evaluation="rejected", evaluated_at=NOW)
    Photo.objects.create(
        account=company, photographer=company.photographers.first(), consent_at=NOW
    )
    ApiKey.issue(company, "Kassa")
    page = html(admin.get(f"/officer/accounts/{company.pk}/"))
    text = visible(page)
    assert "Kuvaamo Oy" in text and KUVAAMO in text and "Kuvaamo Keskusta" in text
    assert "Nimettyjä kuvaajia 1 (lisäksi 1 poistettu)" in text
    assert "Tallessa olevat lähetetyt kuvat 3" in text
    assert "– ei arvioitu 1" in text and "– hyväksytty 1" in text and "– hylätty 1" in text
    assert "Keskeneräiset (ei lähetetty) 1" in text
    assert "Voimassa olevia API-avaimia 1" in text
    for personal in ("Maija", "Matti", "Meikäläinen", "k@kuva.fi", "Kalle Kuvaamo"):
        assert personal not in text, personal
    # The photographer layout is not shown to the administrator.
    assert "/photos/new/" not in page
    event = AuditEvent.objects.get(action="account.view")
    assert event.query == {"account": company.pk}
    assert admin.get("/officer/accounts/999999/").status_code == 404


# --- suspending and restoring -----------------------------------------------------------------


def test_suspending_needs_a_reason(admin: Client, company) -> None:
    for reason in ("", "   ", "x" * 201):
        response = suspend(admin, company, reason)
        assert response.status_code == 400
        page = response.content.decode()
        assert 'id="id_reason_error"' in page and page.count('role="alert"') == 1
    company.refresh_from_db()
    assert not company.suspended and company.suspension_reason == ""
    assert not AuditEvent.objects.filter(action="account.suspend").exists()


def test_suspending_asks_for_a_confirmation(admin: Client, company) -> None:
    page = admin.get(f"/officer/accounts/{company.pk}/").content.decode()
    assert 'name="confirm"' in page and "Vahvistan, että käyttäjätilin Kuvaamo Oy" in page
    response = admin.post(f"/officer/accounts/{company.pk}/suspend/", {"reason": REASON})
    assert response.status_code == 400 and "Vahvista keskeyttäminen." in response.content.decode()
    company.refresh_from_db()
    assert not company.suspended


def test_suspending_and_restoring_are_posts_with_csrf(admin: Client, company) -> None:
    assert admin.get(f"/officer/accounts/{company.pk}/suspend/").status_code == 405
    assert admin.get(f"/officer/accounts/{company.pk}/restore/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = admin.cookies
    page = html(strict.get(f"/officer/accounts/{company.pk}/"))
    assert "csrfmiddlewaretoken" in page
    assert f'action="/officer/accounts/{company.pk}/suspend/"' in page
    response = strict.post(f"/officer/accounts/{company.pk}/suspend/", {"reason": REASON})
    assert response.status_code == 403
    company.refresh_from_db()
    assert not company.suspended


def test_suspend_and_restore_are_recorded_with_the_reason(admin: Client, company) -> None:
    response = suspend(admin, company)
    assert response["Location"] == f"/officer/accounts/{company.pk}/"
    company.refresh_from_db()
    assert company.suspended and company.suspension_reason == REASON
    assert timezone.now() - company.suspended_at < dt.timedelta(minutes=1)
    aila = User.objects.get(officer__role="admin")
    event = AuditEvent.objects.get(action="account.suspend")
    # The reason may name people: the audit keeps its keyed hash, the account's history the
    # encrypted text.
    assert event.query == {"account": company.pk, "reason_hash": term_hash(REASON)}
    assert event.actor == aila
    page = visible(html(admin.get(f"/officer/accounts/{company.pk}/")))
    assert "Oikeudet keskeytetty" in page and REASON in page and "Palauta oikeudet" in page

    # Suspending again changes nothing and records nothing.
    assert suspend(admin, company, "toinen kerta").status_code == 302
    assert AuditEvent.objects.filter(action="account.suspend").count() == 1

    assert restore(admin, company, "").status_code == 400  # a reason is needed here too
    company.refresh_from_db()
    assert company.suspended

    assert restore(admin, company).status_code == 302
    company.refresh_from_db()
    assert not company.suspended and company.suspension_reason == ""
    event = AuditEvent.objects.get(action="account.restore")
    assert event.query == {
        "account": company.pk,
        "reason_hash": term_hash("Selvitetty, ei väärinkäyttöä."),
    }
    page = visible(html(admin.get(f"/officer/accounts/{company.pk}/")))
    assert "Oikeudet voimassa" in page and "Keskeytä oikeudet" in page
    # The history keeps both, with the administrator's name.
    assert "Keskeytys" in page and "Palautus" in page and REASON in page
    assert "Aila Pääkäyttäjä" in page
    assert restore(admin, company).status_code == 302  # already restored: nothing changes
    assert AuditEvent.objects.filter(action="account.restore").count() == 1


def test_reason_text_is_escaped(admin: Client, company) -> None:
    suspend(admin, company, "<script>alert(1)</script>")
    page = html(admin.get(f"/officer/accounts/{company.pk}/"))
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- what a suspended account can and cannot do -----------------------------------------------


def upload_fields(account: Account, jpeg: bytes) -> dict:
    return {
        "first_names": "Maija",
        "surname": "Meikäläinen",
        "hetu": "",
        "birth_date": "",
        "consent": "on",
        "photographer": account.photographers.get().pk,
        "image": SimpleUploadedFile("kuva.jpg", jpeg, content_type="image/jpeg"),
    }


def api_submission(account: Account, jpeg: bytes) -> dict:
    return {
        "image": SimpleUploadedFile("kuva.jpg", jpeg, content_type="image/jpeg"),
        "photographer": str(account.photographers.get().pk),
        "consent": "true",
    }


def test_a_suspended_account_reads_but_cannot_submit_until_restored(
    admin: Client, pia, framed_biden, framed_report
) -> None:
    pia_client, account = pia
    sent = sent_photo(account, first_names="Anna", evaluation="rejected", evaluated_at=NOW)
    draft = services.create_draft(
        account, account.photographers.get(), framed_biden.jpeg, {}, report=framed_report
    )
    _key, secret = ApiKey.issue(account, "Kassa")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert suspend(admin, account).status_code == 302

    # Logging in still works, and so does reading.
    again = Client()
    force_login_private(again, PIA)
    for reader in (pia_client, again):
        front = html(reader.get("/"))
        assert "oikeudet on keskeytetty" in front
        assert sent.photo_id in html(reader.get("/photos/sent/"))
        assert "Anna" in html(reader.get(f"/photos/sent/{sent.photo_id}/"))
        html(reader.get("/details/"))
        html(reader.get(f"/photos/receipt/{sent.photo_id}/"))
    assert api.get("/api/v1/photos").status_code == 200
    assert api.get(f"/api/v1/photos/{sent.photo_id}").status_code == 200

    # A new upload is refused with a clear message, and nothing is stored.
    response = pia_client.post("/photos/new/", upload_fields(account, framed_biden.jpeg))
    assert response.status_code == 302
    assert SUSPENDED_TEXT in visible(html(pia_client.get(response["Location"])))
    assert Photo.objects.count() == 2

    # The draft made before the suspension cannot be submitted, nor walked on.
    data = {"receipt_email": "", "receipt_phone": ""}
    response = pia_client.post(f"/photos/draft/{draft.pk}/submit/", data, follow=True)
    assert SUSPENDED_TEXT in visible(response.content.decode())
    response = pia_client.post(f"/photos/draft/{draft.pk}/step/1/", {"ticks": []}, follow=True)
    assert SUSPENDED_TEXT in visible(response.content.decode())
    draft.refresh_from_db()
    assert draft.state == Photo.State.DRAFT and draft.photo_id is None
    with pytest.raises(services.SubmitRefused):
        services.submit(Photo.objects.select_related("account").get(pk=draft.pk))

    # Own details cannot be changed.
    response = pia_client.post("/details/contact/", {"studio_name": "Uusi nimi"}, follow=True)
    assert SUSPENDED_TEXT in visible(response.content.decode())
    account.refresh_from_db()
    assert account.studio_name != "Uusi nimi"

    # The studio API refuses the submission with a 403 and says why.
    response = api.post("/api/v1/photos", api_submission(account, framed_biden.jpeg))
    assert response.status_code == 403 and response.json()["code"] == "account suspended"
    assert "oikeudet on keskeytetty" in response.json()["error"]  # the API's default, Finnish
    assert Photo.objects.count() == 2

    # Restored: the same actions work again.
    assert restore(admin, account).status_code == 302
    response = pia_client.post("/photos/new/", upload_fields(account, framed_biden.jpeg))
    assert response.status_code == 302 and response["Location"].startswith("/photos/draft/")
    assert Photo.objects.count() == 3
    response = api.post("/api/v1/photos", api_submission(account, framed_biden.jpeg))
    assert response.status_code == 201, response.content
    assert Photo.objects.filter(state=Photo.State.SUBMITTED).count() == 2
    submitted = services.submit(Photo.objects.select_related("account").get(pk=draft.pk))
    assert submitted.photo_id
    response = pia_client.post("/details/contact/", {"studio_name": "Uusi nimi"})
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.studio_name == "Uusi nimi"


def test_a_suspended_photographer_sees_why_and_whom_to_contact(admin: Client, pia) -> None:
    pia_client, account = pia
    assert "/photos/new/" in html(pia_client.get("/"))
    assert suspend(admin, account).status_code == 302
    front = html(pia_client.get("/"))
    assert REASON in front  # the reason the administrator gave
    assert "mailto:" in front and "pääkäyttäjiin" in front  # whom to contact
    assert "/photos/new/" not in front  # no "Uusi kuva" in the menu or on the page
    assert front.count('role="alert"') == 0  # a standing notice, not an alert on every page


def test_a_suspended_accounts_studios_leave_the_directory(admin: Client, company) -> None:
    from luppa.directory.models import Studio

    Studio.objects.create(
        account=company,
        name="Kuvaamo Keskusta",
        street_address="Aleksanterinkatu 1",
        postal_code="00100",
        post_office="Helsinki",
        municipality="Helsinki",
    )
    public = Client()
    assert "Aleksanterinkatu" in html(public.get("/studios/", {"q": "00100"}))
    suspend(admin, company)
    assert "Aleksanterinkatu" not in html(public.get("/studios/", {"q": "00100"}))
    restore(admin, company)
    assert "Aleksanterinkatu" in html(public.get("/studios/", {"q": "00100"}))
