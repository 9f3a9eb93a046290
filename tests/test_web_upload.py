"""The photographer's New photo flow: upload, guided steps or advanced summary, submit."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import encode
from django.test import Client
from django.utils import timezone
from PIL import Image
from webtools import PIA, login, open_company

from luppa.accounts.models import Account, Photographer
from luppa.core.person_id import hetu_hash
from luppa.decree.sections import LAST_STEP, STEPS
from luppa.outbox.models import Message
from luppa.photos import services
from luppa.photos.models import Photo
from luppa.quality import assess

pytestmark = pytest.mark.django_db

HETU = "131052-308T"


@pytest.fixture(scope="session")
def framed_report(framed_biden):
    """The framed photo assessed once; drafts made in tests reuse the report."""
    return assess(framed_biden.jpeg, "upload.jpg")


@pytest.fixture
def pia(client: Client) -> Client:
    login(client, PIA)
    return client


def account_of(person_client: Client) -> Account:
    return Account.objects.get(pk=person_client.session["luppa_account_id"])


def make_draft(client: Client, jpeg: bytes, report=None, **person) -> Photo:
    account = account_of(client)
    photographer = account.photographers.get()
    return services.create_draft(account, photographer, jpeg, person, report=report)


def upload_fields(client: Client, jpeg: bytes, **overrides) -> dict:
    account = account_of(client)
    data = {
        "first_names": "Maija",
        "surname": "Meikäläinen",
        "hetu": HETU,
        "birth_date": "",
        "consent": "on",
        "photographer": account.photographers.get().pk,
        "image": _file(jpeg),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _file(data: bytes, name: str = "kuva.jpg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def walk_steps(client: Client, photo: Photo) -> None:
    for step in STEPS:
        response = client.post(
            f"/photos/draft/{photo.pk}/step/{step.number}/",
            # Confirms any tick that contradicts a failed automatic result.
            {"ticks": step.requirement_keys, "confirm": "on"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]


# --- new photo ---------------------------------------------------------------------------------


def test_new_photo_form_has_labelled_fields_and_preselects_the_only_photographer(pia) -> None:
    page = pia.get("/photos/new/")
    html = page.content.decode()
    assert page.status_code == 200
    for field in ("first_names", "surname", "hetu", "birth_date", "photographer", "image"):
        assert f'for="id_{field}"' in html and f'id="id_{field}"' in html
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    photographer = account_of(pia).photographers.get()
    assert re.search(rf'<option value="{photographer.pk}" selected>', html)


def test_valid_upload_makes_a_draft_and_goes_to_review(pia, framed_biden) -> None:
    response = pia.post("/photos/new/", upload_fields(pia, framed_biden.jpeg))
    photo = Photo.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/photos/draft/{photo.pk}/"
    assert photo.state == Photo.State.DRAFT and photo.photo_id is None
    assert (photo.first_names, photo.surname) == ("Maija", "Meikäläinen")
    assert photo.birth_date == dt.date(1952, 10, 13)  # from the HETU
    assert photo.hetu_hash == hetu_hash(HETU)
    assert photo.image.data() == framed_biden.jpeg
    assert {c["id"] for c in photo.checks} >= {"format.dimensions", "geometry.crown_margin"}


def test_no_personal_data_at_all_is_fine(pia, framed_biden) -> None:
    fields = upload_fields(pia, framed_biden.jpeg, first_names="", surname="", hetu="")
    assert pia.post("/photos/new/", fields).status_code == 302
    photo = Photo.objects.get()
    assert not photo.has_hetu and photo.birth_date is None


def _png() -> bytes:
    return encode(Image.new("RGB", (500, 653), (200, 200, 200)), "PNG")


BAD_UPLOADS = {
    "wrong_hetu": ({"hetu": "131052-308X"}, "tarkistusmerkki (viimeinen merkki) ei täsmää"),
    "png": ({"image": "png"}, "JPEG"),
    "twenty_mb": ({"image": "big"}, "liian suuri"),
    "no_consent": ({"consent": None}, "Suostumus vaaditaan"),
    "no_photographer": ({"photographer": ""}, "Valitse kuvaaja"),
    "bad_birth_date": ({"hetu": "", "birth_date": "311370"}, "PPKKVV"),
}


@pytest.mark.parametrize("case", sorted(BAD_UPLOADS))
def test_bad_input_shows_the_form_again_and_stores_nothing(pia, framed_biden, case) -> None:
    overrides, error = BAD_UPLOADS[case]
    overrides = dict(overrides)
    if overrides.get("image") == "png":
        overrides["image"] = _file(_png(), "kuva.png")
    elif overrides.get("image") == "big":
        overrides["image"] = _file(framed_biden.jpeg + b"\0" * 20_000_000)
    response = pia.post("/photos/new/", upload_fields(pia, framed_biden.jpeg, **overrides))
    html = response.content.decode()
    assert response.status_code == 400
    assert error in html
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert Photo.objects.count() == 0


def test_another_accounts_photographer_is_refused(pia, framed_biden) -> None:
    _other, company = open_company()
    foreign = Photographer.objects.create(account=company, name="Kalle")
    fields = upload_fields(pia, framed_biden.jpeg, photographer=foreign.pk)
    response = pia.post("/photos/new/", fields)
    assert response.status_code == 400
    assert Photo.objects.count() == 0


def test_upload_without_csrf_token_is_forbidden(pia, framed_biden) -> None:
    client = Client(enforce_csrf_checks=True)
    client.cookies = pia.cookies  # the logged-in session, but no CSRF token in the form
    assert "csrfmiddlewaretoken" in client.get("/photos/new/").content.decode()
    response = client.post("/photos/new/", upload_fields(pia, framed_biden.jpeg))
    assert response.status_code == 403
    assert Photo.objects.count() == 0


def test_suspended_account_cannot_upload(pia, framed_biden) -> None:
    Account.objects.update(suspended_at=timezone.now())
    response = pia.post("/photos/new/", upload_fields(pia, framed_biden.jpeg))
    assert response.status_code == 302 and Photo.objects.count() == 0


# --- review and guided steps -------------------------------------------------------------------


def test_guided_review_goes_to_step_one(pia, framed_biden, framed_report) -> None:
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    response = pia.get(f"/photos/draft/{photo.pk}/")
    assert response["Location"] == f"/photos/draft/{photo.pk}/step/1/"


def test_guided_step_shows_checklist_results_and_guide_lines(pia, framed_biden, framed_report):
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    html = pia.get(f"/photos/draft/{photo.pk}/step/1/").content.decode()
    # The checklist of 2 §: every requirement a labelled checkbox.
    for key in STEPS[0].requirement_keys:
        assert f'value="{key}"' in html
    assert html.count('type="checkbox" name="ticks"') == len(STEPS[0].requirements)
    # The automatic results of that section only.
    assert "Kasvojen keskilinja" in html and "Päälaki–leuankärki" in html
    assert "Neutraali ilme" not in html
    # Guide lines: the decree's bands and the measured lines, toggled by a checkbox.
    assert 'id="show-guides"' in html and '<label class="guides-label" for="show-guides">' in html
    svg = re.search(r'<svg class="guide-lines".*?</svg>', html, re.S).group(0)
    assert 'viewBox="0 0 500 653"' in svg
    assert 'y="56" width="500" height="28"' in svg  # crown 56–84 px from the top
    assert 'y="529" width="500" height="28"' in svg  # chin 96–124 px from the bottom
    assert 'x="229" y="0" width="42"' in svg  # centre line ± 21 px
    crown = photo.geometry["crown_y"]
    assert f'y1="{crown}"' in svg
    assert f'src="/photos/{photo.pk}/image.jpg' in html


def test_a_step_must_be_fully_ticked(pia, framed_biden, framed_report) -> None:
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    url = f"/photos/draft/{photo.pk}/step/1/"
    response = pia.post(url, {"ticks": STEPS[0].requirement_keys[:2]})
    assert response.status_code == 400
    assert "tarkistuslista" in response.content.decode()
    photo.refresh_from_db()
    assert photo.guided_ticks == {}
    response = pia.post(url, {"ticks": STEPS[0].requirement_keys})
    assert response["Location"] == f"/photos/draft/{photo.pk}/step/2/"
    photo.refresh_from_db()
    assert photo.guided_ticks == {"1": list(STEPS[0].requirement_keys)}


def test_steps_cannot_be_skipped(pia, framed_biden, framed_report) -> None:
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    response = pia.get(f"/photos/draft/{photo.pk}/step/5/")
    assert response["Location"] == f"/photos/draft/{photo.pk}/step/1/"
    assert pia.get(f"/photos/draft/{photo.pk}/step/9/").status_code == 404
    response = pia.get(f"/photos/draft/{photo.pk}/submit/")
    assert response["Location"] == f"/photos/draft/{photo.pk}/step/1/"


def test_medical_exception_waives_pose_expression_and_accessories(pia, framed_biden, framed_report):
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    base = f"/photos/draft/{photo.pk}/step"
    pia.post(f"{base}/1/", {"ticks": STEPS[0].requirement_keys})
    response = pia.post(f"{base}/2/", {"medical_exception": "on"})
    assert response["Location"] == f"{base}/3/"
    photo.refresh_from_db()
    assert photo.medical_exception
    assert pia.post(f"{base}/3/", {"medical_exception": "on"}).status_code == 302
    assert pia.post(f"{base}/4/", {"medical_exception": "on"}).status_code == 302
    # Background (6 §) cannot be waived: the field is not even offered.
    page = pia.get(f"{base}/5/").content.decode()
    assert 'name="medical_exception"' not in page
    assert pia.post(f"{base}/5/", {"medical_exception": "on"}).status_code == 400


def test_the_whole_guided_walk_and_submit(pia, framed_biden, framed_report) -> None:
    photo = make_draft(pia, framed_biden.jpeg, framed_report, first_names="Maija")
    walk_steps(pia, photo)
    page = pia.get(f"/photos/draft/{photo.pk}/submit/")
    assert page.status_code == 200 and 'name="receipt_email"' in page.content.decode()
    response = pia.post(
        f"/photos/draft/{photo.pk}/submit/",
        {"receipt_email": "maija@example.fi", "receipt_phone": "040 123 4567"},
    )
    photo.refresh_from_db()
    assert photo.state == Photo.State.SUBMITTED and photo.photo_id
    assert response["Location"] == f"/photos/receipt/{photo.photo_id}/"
    assert photo.receipt_phone == "+358401234567"
    assert Message.objects.filter(photo=photo).count() == 2
    # The draft's URLs now lead to the receipt.
    for url in ("", "step/1/", "replace/", "submit/"):
        assert pia.get(f"/photos/draft/{photo.pk}/{url}")["Location"] == response["Location"]


def test_last_step_leads_to_submit_page(pia, framed_biden, framed_report) -> None:
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    for step in STEPS[:-1]:
        pia.post(
            f"/photos/draft/{photo.pk}/step/{step.number}/",
            {"ticks": step.requirement_keys, "confirm": "on"},
        )
    last = STEPS[-1]
    response = pia.post(
        f"/photos/draft/{photo.pk}/step/{LAST_STEP}/",
        {"ticks": last.requirement_keys, "confirm": "on"},
    )
    assert response["Location"] == f"/photos/draft/{photo.pk}/submit/"
    assert pia.get(f"/photos/draft/{photo.pk}/")["Location"] == response["Location"]


def test_advanced_mode_shows_one_summary_page(pia, framed_biden, framed_report) -> None:
    Photographer.objects.update(mode=Photographer.Mode.ADVANCED)
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    response = pia.get(f"/photos/draft/{photo.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<th scope="row">') == len(photo.checks)
    for title in ("Kasvojen keskilinja", "Pään asento", "Taustan tasaisuus", "Terävyys"):
        assert title in html
    assert "Ei täytä vaatimusta" in html and "Kunnossa" in html  # statuses
    assert "445–500 px" in html  # a limit
    assert f'action="/photos/draft/{photo.pk}/replace/"' in html
    assert f'action="/photos/draft/{photo.pk}/submit/"' in html
    assert 'name="medical_exception"' in html and 'class="guide-lines"' in html
    response = pia.post(f"/photos/draft/{photo.pk}/submit/", {"medical_exception": "on"})
    photo.refresh_from_db()
    assert response.status_code == 302 and photo.state == Photo.State.SUBMITTED
    assert photo.medical_exception and not Message.objects.exists()


def test_results_follow_the_ui_language(pia, framed_biden, framed_report) -> None:
    Photographer.objects.update(mode=Photographer.Mode.ADVANCED)
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    pia.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    html = pia.get(f"/photos/draft/{photo.pk}/").content.decode()
    assert "Huvudet" in html  # the pose message in Swedish


def test_format_failure_blocks_submit(pia, framed_biden) -> None:
    Photographer.objects.update(mode=Photographer.Mode.ADVANCED)
    wrong_size = encode(Image.open(__import__("io").BytesIO(framed_biden.jpeg)).resize((400, 522)))
    photo = make_draft(pia, wrong_size)
    page = pia.get(f"/photos/draft/{photo.pk}/").content.decode()
    assert "Kuvaa ei voi lähettää" in page and ">Lähetä kuva<" not in page
    response = pia.post(f"/photos/draft/{photo.pk}/submit/", {"receipt_email": "a@example.fi"})
    assert response.status_code == 400
    assert "Kuvan koko:" in response.content.decode()  # the reason, by name
    photo.refresh_from_db()
    assert photo.state == Photo.State.DRAFT and not Message.objects.exists()


def test_bad_receipt_contact_is_refused(pia, framed_biden, framed_report) -> None:
    Photographer.objects.update(mode=Photographer.Mode.ADVANCED)
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    response = pia.post(
        f"/photos/draft/{photo.pk}/submit/", {"receipt_phone": "123", "receipt_email": "x@"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Puhelinnumero ei ole kelvollinen" in html and 'id="id_receipt_phone_error"' in html
    photo.refresh_from_db()
    assert photo.state == Photo.State.DRAFT


def test_replace_photo(pia, framed_biden, framed_report, grey_jpeg) -> None:
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    walk_steps(pia, photo)
    assert pia.get(f"/photos/draft/{photo.pk}/replace/").status_code == 200
    response = pia.post(f"/photos/draft/{photo.pk}/replace/", {"image": _file(_png(), "x.png")})
    assert response.status_code == 400
    photo.refresh_from_db()
    assert photo.image.data() == framed_biden.jpeg and photo.guided_ticks
    response = pia.post(f"/photos/draft/{photo.pk}/replace/", {"image": _file(grey_jpeg)})
    assert response["Location"] == f"/photos/draft/{photo.pk}/"
    photo.refresh_from_db()
    assert photo.image.data() == grey_jpeg
    assert photo.guided_ticks == {} and photo.geometry is None
    # No face: the guide lines show only the bands, and the page says so.
    html = pia.get(f"/photos/draft/{photo.pk}/step/1/").content.decode()
    assert 'class="measured' not in html and "Kasvoja ei löytynyt" in html


def test_image_is_served_to_its_own_account_only(pia, framed_biden, framed_report) -> None:
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    response = pia.get(f"/photos/{photo.pk}/image.jpg")
    assert response.status_code == 200 and response.content == framed_biden.jpeg
    assert response["Content-Type"] == "image/jpeg" and "no-store" in response["Cache-Control"]


def test_another_account_gets_404_for_every_draft_url(pia, framed_biden, framed_report) -> None:
    photo = make_draft(pia, framed_biden.jpeg, framed_report)
    other, _company = open_company()
    urls = [
        f"/photos/draft/{photo.pk}/",
        f"/photos/draft/{photo.pk}/step/1/",
        f"/photos/draft/{photo.pk}/replace/",
        f"/photos/draft/{photo.pk}/submit/",
        f"/photos/{photo.pk}/image.jpg",
    ]
    for url in urls:
        assert other.get(url).status_code == 404, url
        assert other.post(url, {"ticks": STEPS[0].requirement_keys}).status_code == 404, url
    services.submit(photo)
    photo.refresh_from_db()
    assert other.get(f"/photos/receipt/{photo.photo_id}/").status_code == 404
    assert other.get(f"/photos/receipt/{photo.photo_id}/receipt.pdf").status_code == 404
    photo.refresh_from_db()
    assert photo.guided_ticks == {} and photo.state == Photo.State.SUBMITTED


def test_hetu_is_not_shown_after_upload(pia, framed_biden) -> None:
    pia.post("/photos/new/", upload_fields(pia, framed_biden.jpeg))
    photo = Photo.objects.get()
    for url in (f"/photos/draft/{photo.pk}/step/1/", f"/photos/draft/{photo.pk}/replace/"):
        assert HETU not in pia.get(url).content.decode()
    walk_steps(pia, photo)
    response = pia.post(f"/photos/draft/{photo.pk}/submit/", {}, follow=True)
    assert response.status_code == 200
    assert HETU not in response.content.decode()
    assert "308T" not in response.content.decode()


# --- the helpers the officer's service reuses -------------------------------------------------


def test_every_check_has_a_name_and_a_guided_step() -> None:
    from luppa.decree.sections import CHECK_TITLES, step_for_section
    from luppa.quality import CHECK_IDS, CHECKS

    assert set(CHECK_TITLES) == set(CHECK_IDS)
    for check in CHECKS:
        assert step_for_section(check.section) is not None, check.id


def test_guide_lines_follow_the_decree() -> None:
    from luppa.photos.guides import guide_lines

    lines = guide_lines(None)
    assert (lines.crown_band.start, lines.crown_band.end) == (56, 84)
    assert (lines.chin_band.start, lines.chin_band.end) == (653 - 124, 653 - 96)
    assert (lines.centre_band.start, lines.centre_band.end) == (229, 271)
    assert not lines.measured and not lines.crown_ok
    measured = guide_lines({"crown_y": 90, "chin_y": 540, "centre_x": 262.5})
    assert measured.measured and not measured.crown_ok and measured.chin_ok
    assert measured.centre_ok
    doubled = guide_lines(None, 1000, 1306)
    assert (doubled.crown_band.start, doubled.centre_band.end) == (112, 542)
