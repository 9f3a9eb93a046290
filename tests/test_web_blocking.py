"""Issue 7, defects 3 and 4: what the decree makes objective blocks submission with the reason
(web and API); everything else is advisory, and the pages never hide a failure."""

from __future__ import annotations

import io

import pytest
from conftest import encode
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from webtools import PIA, login

from luppa.accounts.models import Account, Photographer
from luppa.decree.sections import STEPS
from luppa.photos import services
from luppa.photos.models import Photo
from luppa.quality import assess

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def framed_report(framed_biden):
    return assess(framed_biden.jpeg, "upload.jpg")


@pytest.fixture
def pia(client: Client) -> Client:
    login(client, PIA)
    return client


def draft(client: Client, jpeg: bytes, report=None, mode: str = "guided") -> Photo:
    account = Account.objects.get(pk=client.session["luppa_account_id"])
    Photographer.objects.filter(account=account).update(mode=mode)
    return services.create_draft(account, account.photographers.get(), jpeg, {}, report=report)


def with_status(photo: Photo, **statuses: str) -> Photo:
    """The draft with some stored results overridden (check id with _ for .)."""
    wanted = {k.replace("__", "."): v for k, v in statuses.items()}
    photo.checks = [{**c, "status": wanted.get(c["id"], c["status"])} for c in photo.checks]
    photo.save(update_fields=["checks"])
    return photo


def gradient() -> bytes:
    """A grey gradient at exactly 500×653: no face at all."""
    image = Image.linear_gradient("L").resize((500, 653)).convert("RGB")
    return encode(image)


def all_ticks(step) -> dict:
    return {"ticks": step.requirement_keys}


def test_a_photo_without_a_face_cannot_be_submitted_on_the_web(pia) -> None:
    photo = draft(pia, gradient(), mode="advanced")
    page = pia.get(f"/photos/draft/{photo.pk}/").content.decode()
    assert "Kuvaa ei voi lähettää" in page and "Kuvasta ei löydy kasvoja" in page
    assert ">Lähetä kuva<" not in page
    response = pia.post(f"/photos/draft/{photo.pk}/submit/", {})
    assert response.status_code == 400 and "Muut henkilöt:" in response.content.decode()
    photo.refresh_from_db()
    assert photo.state == Photo.State.DRAFT and not photo.photo_id


def test_a_photo_without_a_face_is_blocked_on_every_guided_step(pia) -> None:
    photo = draft(pia, gradient())
    page = pia.get(f"/photos/draft/{photo.pk}/step/1/").content.decode()
    assert "Kuvaa ei voi lähettää" in page and f"/photos/draft/{photo.pk}/replace/" in page


def test_a_wrong_size_photo_cannot_be_submitted(pia, framed_biden) -> None:
    big = Image.open(io.BytesIO(framed_biden.jpeg)).resize((600, 784))
    photo = draft(pia, encode(big, quality=80), mode="advanced")
    response = pia.post(f"/photos/draft/{photo.pk}/submit/", {})
    html = response.content.decode()
    assert response.status_code == 400 and "Kuvan koko:" in html and "600" in html
    assert Photo.objects.get(pk=photo.pk).state == Photo.State.DRAFT


def test_the_api_blocks_the_same_objective_failures(pia) -> None:
    from rest_framework.test import APIClient

    from luppa.accounts.models import ApiKey

    account = Account.objects.get(pk=pia.session["luppa_account_id"])
    _key, secret = ApiKey.issue(account, "test")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = api.post(
        "/api/v1/photos?lang=en",
        {
            "image": SimpleUploadedFile("g.jpg", gradient(), content_type="image/jpeg"),
            "photographer": account.photographers.get().pk,
            "consent": "true",
        },
        format="multipart",
    )
    assert response.status_code == 400, response.content
    assert "No face" in " ".join(response.json()["fields"]["image"])
    assert not Photo.objects.exists()


def test_advisory_failures_do_not_block(pia, framed_biden, framed_report) -> None:
    photo = with_status(
        draft(pia, framed_biden.jpeg, framed_report, mode="advanced"),
        expression__mouth_closed="fail",
    )
    page = pia.get(f"/photos/draft/{photo.pk}/").content.decode()
    assert ">Lähetä kuva<" in page and "Kuvaa ei voi lähettää" not in page
    response = pia.post(f"/photos/draft/{photo.pk}/submit/", {})
    assert response.status_code == 302
    assert Photo.objects.get(pk=photo.pk).state == Photo.State.SUBMITTED


def test_step_chips_show_failed_warned_and_passed(pia, framed_biden, framed_report) -> None:
    photo = draft(pia, framed_biden.jpeg, framed_report)
    photo = with_status(
        photo,
        expression__mouth_closed="fail",
        background__plain="warn",
        background__light="pass",
        face__single="pass",
    )
    for step in STEPS[:3]:
        pia.post(
            f"/photos/draft/{photo.pk}/step/{step.number}/", {**all_ticks(step), "confirm": "on"}
        )
    html = pia.get(f"/photos/draft/{photo.pk}/step/4/").content.decode()
    chips = html.split('class="steps"')[1].split("</nav>")[0]
    items = chips.split("<li")[1:]
    assert "auto-fail" in items[2] and "ei täytä vaatimusta" in items[2]  # step 3, ticked
    assert "✓" not in items[2]
    assert "auto-warn" in items[4] and "automaattinen tarkistus: tarkista" in items[4]


def test_ticking_against_a_failed_result_asks_for_confirmation(
    pia, framed_biden, framed_report
) -> None:
    photo = with_status(
        draft(pia, framed_biden.jpeg, framed_report), expression__mouth_closed="fail"
    )
    for step in STEPS[:2]:
        pia.post(
            f"/photos/draft/{photo.pk}/step/{step.number}/", {**all_ticks(step), "confirm": "on"}
        )
    url = f"/photos/draft/{photo.pk}/step/3/"
    page = pia.get(url).content.decode()
    assert "Automaattinen tarkistus ei täytä vaatimusta: Suu kiinni" in page
    response = pia.post(url, all_ticks(STEPS[2]))
    html = response.content.decode()
    assert response.status_code == 400
    assert "”Suu on kiinni (pienen lapsen suu voi olla vähän auki)” (Suu kiinni)" in html
    assert "vahvista merkintä" in html
    assert 'role="alert"' in html and html.count('role="alert"') == 1  # one summary
    photo.refresh_from_db()
    assert "3" not in photo.guided_ticks
    response = pia.post(url, {**all_ticks(STEPS[2]), "confirm": "on"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.guided_ticks["3-confirmed"] == ["mouth"]


def test_submit_page_shows_failures_first_and_open(pia, framed_biden, framed_report) -> None:
    photo = with_status(
        draft(pia, framed_biden.jpeg, framed_report, mode="advanced"),
        lighting__red_eye="fail",
        expression__mouth_closed="pass",
    )
    html = pia.get(f"/photos/draft/{photo.pk}/").content.decode()
    first_table = html.split('<table class="results">')[1].split("</table>")[0]
    assert "Punasilmäisyys" in first_table and "Ei täytä vaatimusta" in first_table
    assert "<details" in html and "Punasilmäisyys" not in html.split("<details")[1]
    assert "Suu kiinni" in html.split("<details")[1]  # what passed is folded away
