"""Bulletins (tiedotteet): publishing by administrators, reading and the unread badge."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone
from webtools import (
    KALLE,
    KUVAAMO,
    LIISA,
    OUTI,
    PIA,
    force_login_officer,
    force_login_private,
    grant,
    identify,
    login,
    named,
    open_company,
)

from luppa.accounts.models import Account
from luppa.audit.models import AuditEvent
from luppa.bulletins.context import unread
from luppa.bulletins.models import Bulletin, BulletinRead

pytestmark = pytest.mark.django_db

NOW = timezone.now()
HOUR = dt.timedelta(hours=1)


def bulletin(**fields) -> Bulletin:
    n = Bulletin.objects.count() + 1
    fields.setdefault("title_fi", f"Tiedote {n}")
    fields.setdefault("title_sv", f"Meddelande {n}")
    fields.setdefault("body_fi", f"Teksti {n}")
    fields.setdefault("body_sv", f"Text {n}")
    fields.setdefault("valid_from", NOW - HOUR * n)
    return Bulletin.objects.create(**fields)


def local(moment: dt.datetime) -> str:
    """A moment as the datetime-local input sends it (Finnish time, minutes)."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def form_data(**overrides) -> dict:
    data = {
        "kind": "notice",
        "title_fi": "Taustan on oltava vaalea",
        "body_fi": "Tummat taustat hylätään.",
        "title_sv": "Bakgrunden ska vara ljus",
        "body_sv": "Mörka bakgrunder avvisas.",
        "title_en": "",
        "body_en": "",
        "valid_from": local(NOW - HOUR),
        "valid_until": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def visible(text: str) -> str:
    """The page's text without tags, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


@pytest.fixture
def pia(client: Client) -> Client:
    force_login_private(client, PIA)
    return client


@pytest.fixture
def colleagues() -> tuple[Client, Client]:
    """Two employees of one company, each logged in with a client of their own."""
    grant(KALLE, main=True)
    grant(LIISA)
    kalle, _company = open_company()
    liisa = Client()
    assert Account.objects.filter(business_id=KUVAAMO).exists()
    login(liisa, LIISA, KUVAAMO)
    return kalle, liisa


# --- publishing -------------------------------------------------------------------------------


def test_an_administrator_publishes_a_bulletin(admin: Client) -> None:
    officer = admin.get("/bulletins/manage/new/")
    assert 'type="datetime-local"' in html(officer)
    response = admin.post("/bulletins/manage/new/", form_data())
    assert response.status_code == 302 and response["Location"] == "/bulletins/manage/"
    published = Bulletin.objects.get()
    assert published.title_sv == "Bakgrunden ska vara ljus"
    assert published.author.name == "Aila Pääkäyttäjä"
    assert published.valid_until is None and not published.show_on_login
    event = AuditEvent.objects.get(action="bulletin.publish")
    assert event.query == {"id": published.pk}
    assert "Taustan on oltava vaalea" in html(admin.get("/bulletins/manage/"))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title_sv": ""}, "title_sv"),
        ({"body_sv": "   "}, "body_sv"),
        ({"title_fi": ""}, "title_fi"),
        ({"body_fi": None}, "body_fi"),
        ({"valid_until": local(NOW - 2 * HOUR)}, "valid_until"),
        ({"valid_until": local(NOW - HOUR)}, "valid_until"),  # equal to the start
        ({"valid_from": "huomenna"}, "valid_from"),
        ({"valid_from": ""}, "valid_from"),
        ({"title_en": "Only a title"}, "body_en"),
        ({"body_en": "Only a text"}, "title_en"),
        ({"kind": "notice", "show_on_login": "on"}, "show_on_login"),
        ({"kind": "advert"}, "kind"),
        ({"body_fi": "x" * 5001}, "body_fi"),
        ({"title_fi": "a\x00b"}, "title_fi"),
    ],
)
def test_invalid_bulletins_are_refused_with_a_message(admin: Client, overrides, field) -> None:
    response = admin.post("/bulletins/manage/new/", form_data(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and page.count('role="alert"') == 1
    assert 'aria-invalid="true"' in page
    assert (
        not Bulletin.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="bulletin").exists()
    )


def test_english_is_optional_and_a_service_break_may_show_on_login(admin: Client) -> None:
    data = form_data(
        kind="service_break",
        title_en="Service break",
        body_en="On Sunday.",
        show_on_login="on",
        valid_until=local(NOW + 24 * HOUR),
    )
    assert admin.post("/bulletins/manage/new/", data).status_code == 302
    saved = Bulletin.objects.get()
    assert saved.show_on_login and saved.title_en == "Service break"
    assert saved.valid_until > saved.valid_from


def test_editing_a_bulletin(admin: Client) -> None:
    item = bulletin(title_fi="Vanha")
    page = html(admin.get(f"/bulletins/manage/{item.pk}/"))
    assert 'value="Vanha"' in page
    response = admin.post(f"/bulletins/manage/{item.pk}/", form_data(title_fi="Uusi otsikko"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_fi == "Uusi otsikko"
    assert AuditEvent.objects.get(action="bulletin.change").query == {"id": item.pk}
    assert admin.get("/bulletins/manage/999999/").status_code == 404


def test_ending_a_bulletin_now_takes_it_off_at_once(admin: Client) -> None:
    item = bulletin(title_fi="Päättyvä")
    upcoming = bulletin(title_fi="Tuleva", valid_from=NOW + 24 * HOUR)
    reader = Client()
    force_login_private(reader, PIA)
    assert "Päättyvä" in html(reader.get("/bulletins/"))
    for target in (item, upcoming):
        response = admin.post(f"/bulletins/manage/{target.pk}/", {"action": "end"})
        assert response.status_code == 302
        target.refresh_from_db()
        assert target.valid_until is not None and target.valid_until <= timezone.now()
        assert target.valid_from <= target.valid_until
    assert not Bulletin.objects.current().exists()
    assert "Päättyvä" not in html(reader.get("/bulletins/"))
    assert reader.get(f"/bulletins/{item.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="bulletin.end").count() == 2
    # Ending an ended one again does not move its end.
    ended_at = Bulletin.objects.get(pk=item.pk).valid_until
    assert admin.post(f"/bulletins/manage/{item.pk}/", {"action": "end"}).status_code == 302
    assert Bulletin.objects.get(pk=item.pk).valid_until == ended_at
    assert AuditEvent.objects.filter(action="bulletin.end").count() == 2
    assert "Päättynyt" in html(admin.get("/bulletins/manage/"))


def test_publishing_needs_csrf(admin: Client) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = admin.cookies
    assert strict.post("/bulletins/manage/new/", form_data()).status_code == 403
    assert not Bulletin.objects.exists()


def test_only_administrators_manage_bulletins(client: Client) -> None:
    item = bulletin()
    urls = ["/bulletins/manage/", "/bulletins/manage/new/", f"/bulletins/manage/{item.pk}/"]
    for url in urls:
        assert client.get(url)["Location"].startswith("/login/"), url
    force_login_private(client, PIA)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post("/bulletins/manage/new/", form_data()).status_code == 404
    assert client.post(urls[2], {"action": "end"}).status_code == 404
    officer = Client()
    force_login_officer(officer, OUTI)
    for url in urls:
        assert officer.get(url).status_code == 403, url
    assert officer.post(urls[2], {"action": "end"}).status_code == 403
    item.refresh_from_db()
    assert item.valid_until is None and Bulletin.objects.count() == 1


# --- reading ----------------------------------------------------------------------------------


def test_readers_see_current_bulletins_newest_first(pia: Client) -> None:
    bulletin(title_fi="Vanhempi", valid_from=NOW - 5 * HOUR)
    bulletin(title_fi="Uudempi", valid_from=NOW - HOUR)
    bulletin(title_fi="Tuleva", valid_from=NOW + HOUR)
    bulletin(title_fi="Päättynyt", valid_from=NOW - 9 * HOUR, valid_until=NOW - HOUR)
    bulletin(title_fi="Päättyy pian", valid_from=NOW - 6 * HOUR, valid_until=NOW + HOUR)
    page = html(pia.get("/bulletins/"))
    assert "Tuleva" not in page and "Päättynyt" not in page
    assert page.index("Uudempi") < page.index("Vanhempi") < page.index("Päättyy pian")


def test_upcoming_and_ended_bulletins_cannot_be_opened(pia: Client) -> None:
    for item in (
        bulletin(valid_from=NOW + HOUR),
        bulletin(valid_from=NOW - 3 * HOUR, valid_until=NOW - HOUR),
    ):
        assert pia.get(f"/bulletins/{item.pk}/").status_code == 404
    assert pia.get("/bulletins/424242/").status_code == 404
    assert not BulletinRead.objects.exists()


def test_an_administrator_may_preview_an_upcoming_bulletin(admin: Client) -> None:
    item = bulletin(title_fi="Tuleva", valid_from=NOW + HOUR)
    page = html(admin.get(f"/bulletins/{item.pk}/"))
    assert "Tuleva" in page and "Esikatselu" in page
    assert not BulletinRead.objects.exists()


def test_opening_a_bulletin_marks_it_read(pia: Client) -> None:
    item = bulletin(title_fi="Lue minut")
    assert 'class="unread"' in html(pia.get("/bulletins/"))
    page = html(pia.get(f"/bulletins/{item.pk}/"))
    assert "Lue minut" in page and "Teksti 1" in page
    assert BulletinRead.objects.filter(bulletin=item).count() == 1
    html(pia.get(f"/bulletins/{item.pk}/"))  # twice: still one read mark
    assert BulletinRead.objects.filter(bulletin=item).count() == 1
    assert 'class="unread"' not in html(pia.get("/bulletins/"))


def test_the_front_page_badge_counts_unread_bulletins_per_user(colleagues) -> None:
    kalle, liisa = colleagues
    first = bulletin(title_fi="Ensimmäinen")
    bulletin(title_fi="Toinen")
    bulletin(title_fi="Tuleva", valid_from=NOW + HOUR)
    front = visible(html(kalle.get("/")))
    assert "2 uutta tiedotetta" in front and "Ensimmäinen" in front and "Tuleva" not in front
    page = html(kalle.get("/"))
    assert f'href="/bulletins/{first.pk}/"' in page
    assert re.search(r'<span class="badge">2<span class="visually-hidden"> lukematonta', page)

    html(kalle.get(f"/bulletins/{first.pk}/"))
    front = html(kalle.get("/"))
    assert "1 uusi tiedote" in visible(front) and f'href="/bulletins/{first.pk}/"' not in front
    # The colleague in the same company has not read it.
    assert "2 uutta tiedotetta" in visible(html(liisa.get("/")))

    for item in Bulletin.objects.current():
        html(kalle.get(f"/bulletins/{item.pk}/"))
    front = html(kalle.get("/"))
    assert "uusi tiedote" not in front and "uutta tiedotetta" not in front
    assert '<span class="badge">' not in front


def test_unread_count_is_one_query_and_zero_for_officers_and_anonymous(
    colleagues, django_assert_num_queries
) -> None:
    from django.contrib.auth.models import AnonymousUser

    from luppa.accounts.models import User

    bulletin()
    bulletin()
    kalle = named(User, "Kalle Kuvaamo", "full_name")
    request = RequestFactory().get("/")
    request.user, request.account, request.officer = kalle, Account.objects.get(), None
    with django_assert_num_queries(1):
        assert unread(request) == {"unread_bulletins": 2}
    request.account, request.officer = None, object()
    with django_assert_num_queries(0):
        assert unread(request) == {"unread_bulletins": 0}
    request.user, request.account, request.officer = AnonymousUser(), None, None
    assert unread(request) == {"unread_bulletins": 0}


def test_officers_read_bulletins_too(client: Client) -> None:
    item = bulletin(title_fi="Kaikille")
    force_login_officer(client, OUTI)
    assert "Kaikille" in html(client.get("/bulletins/"))
    assert "Kaikille" in html(client.get(f"/bulletins/{item.pk}/"))


def test_reading_needs_a_login_and_a_chosen_role(client: Client) -> None:
    item = bulletin()
    assert client.get("/bulletins/")["Location"].startswith("/login/")
    assert client.get(f"/bulletins/{item.pk}/")["Location"].startswith("/login/")
    identify(client, PIA)  # identified, but has not chosen whom to act for
    assert client.get("/bulletins/")["Location"] == "/login/choose/"


@pytest.mark.parametrize(
    ("language", "title", "body", "lang_attr"),
    [
        ("fi", "Tiedote suomeksi", "Teksti suomeksi", "fi"),
        ("sv", "Meddelande på svenska", "Text på svenska", "sv"),
        ("en", "Tiedote suomeksi", "Teksti suomeksi", "fi"),  # no English: Finnish
    ],
)
def test_bulletins_are_shown_in_the_readers_language(
    pia: Client, language, title, body, lang_attr
) -> None:
    item = bulletin(
        title_fi="Tiedote suomeksi",
        body_fi="Teksti suomeksi",
        title_sv="Meddelande på svenska",
        body_sv="Text på svenska",
    )
    pia.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert title in html(pia.get("/bulletins/"))
    page = html(pia.get(f"/bulletins/{item.pk}/"))
    assert title in page and body in page
    assert f'<article lang="{lang_attr}">' in page


def test_english_is_shown_when_given(pia: Client) -> None:
    item = bulletin(title_en="In English", body_en="English text")
    pia.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = html(pia.get(f"/bulletins/{item.pk}/"))
    assert "In English" in page and "English text" in page


def test_bulletin_text_is_escaped_and_keeps_its_paragraphs(pia: Client) -> None:
    item = bulletin(
        title_fi='<img src=x onerror="alert(1)">',
        body_fi="<script>alert('x')</script>\n\nToinen kappale\nrivi",
    )
    for url in ("/", "/bulletins/", f"/bulletins/{item.pk}/"):
        page = html(pia.get(url))
        assert "<img src=x" not in page and "<script>alert" not in page, url
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page, url
    detail = html(pia.get(f"/bulletins/{item.pk}/"))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in detail
    assert "<p>Toinen kappale<br>rivi</p>" in detail


# --- the login page ---------------------------------------------------------------------------


def test_service_breaks_are_shown_on_the_login_page(client: Client) -> None:
    bulletin(
        kind="service_break",
        show_on_login=True,
        title_fi="Käyttökatko sunnuntaina",
        body_fi="Palvelu on poissa käytöstä <b>klo 8–12</b>.",
    )
    bulletin(kind="service_break", show_on_login=False, title_fi="Vain kirjautuneille")
    bulletin(kind="notice", show_on_login=True, title_fi="Tavallinen tiedote")
    bulletin(
        kind="service_break",
        show_on_login=True,
        title_fi="Tuleva katko",
        valid_from=NOW + HOUR,
    )
    bulletin(
        kind="service_break",
        show_on_login=True,
        title_fi="Mennyt katko",
        valid_from=NOW - 5 * HOUR,
        valid_until=NOW - HOUR,
    )
    page = html(client.get("/login/"))
    assert "Käyttökatko sunnuntaina" in page
    assert "&lt;b&gt;klo 8–12&lt;/b&gt;" in page
    for hidden in ("Vain kirjautuneille", "Tavallinen tiedote", "Tuleva katko", "Mennyt katko"):
        assert hidden not in page, hidden


def test_the_login_page_notice_follows_the_language(client: Client) -> None:
    bulletin(kind="service_break", show_on_login=True, title_sv="Avbrott i tjänsten")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    assert "Avbrott i tjänsten" in html(client.get("/login/"))
