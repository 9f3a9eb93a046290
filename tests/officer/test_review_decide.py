"""The permit officer approves or rejects a photo; the photographer sees it at once."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from factories import StudioPhotographerFactory, SubmittedPhotoFactory
from webtools import MIKAEL, OUTI, PIA, force_login_officer, force_login_private

from luppa.accounts.models import Account
from luppa.audit.models import AuditEvent
from luppa.decree.reasons import label
from luppa.photos.models import Decision, Photo

pytestmark = pytest.mark.django_db

HETU = "131052-308T"


@pytest.fixture(scope="module")
def report(biden_report):
    return biden_report


@pytest.fixture
def photo() -> Photo:
    return SubmittedPhotoFactory(
        photographer=StudioPhotographerFactory(), hetu=HETU, first_names="Maija"
    )


@pytest.fixture
def officer(client: Client):
    return force_login_officer(client, OUTI)


def decide(client: Client, photo: Photo, **fields):
    data = {"permit_type": "passport", "seen": "", **fields}
    return client.post(f"/officer/photos/{photo.photo_id}/decide/", data)


def seen(photo: Photo) -> str:
    return str(photo.decisions.first().pk)


def assert_refused(response, message: str, photo: Photo, decisions: int = 0) -> None:
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'role="alert"' in html
    assert photo.decisions.count() == decisions


def test_approve(client: Client, officer, photo) -> None:
    response = decide(client, photo, outcome="approved")
    assert response.status_code == 302
    assert response["Location"] == f"/officer/photos/{photo.photo_id}/"
    photo.refresh_from_db()
    assert photo.evaluation == Photo.Evaluation.APPROVED
    decision = Decision.objects.get()
    assert photo.latest_decision == decision
    assert decision.officer_name == "Outi Lupavirkailija" and decision.reasons == []
    assert (decision.organisation, decision.permit_type) == ("police", "passport")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Kuva hyväksytty (Passi)" in html and 'role="status"' in html
    assert "Päätöksen muuttamisen syy" in html  # from now on a change needs a reason
    event = AuditEvent.objects.get(action="officer.decide")
    assert event.actor == officer.user and event.query["outcome"] == "approved"
    # The officer's own recent decisions are a click away on the search page.
    home = client.get("/officer/").content.decode()
    assert "Viimeksi arvioimasi kuvat" in home and f"/officer/photos/{photo.photo_id}/" in home


def test_reject_with_two_reasons_and_a_message(client: Client, officer, photo) -> None:
    response = decide(
        client,
        photo,
        outcome="rejected",
        reasons=["shadows", "background"],
        message="Varjo taustassa oikealla.",
        permit_type="identity_card",
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.evaluation == Photo.Evaluation.REJECTED
    assert photo.latest_decision.reasons == ["shadows", "background"]
    assert photo.latest_decision.message == "Varjo taustassa oikealla."
    assert photo.feedback_seen_at is None
    html = client.get(response["Location"]).content.decode()
    assert "Kuva hylätty (Henkilökortti (ei väliaikainen))" in html
    # The history names the reasons, not their codes.
    history = html[html.index('class="history"') :]
    assert label("shadows") in history and label("background") in history
    assert "Varjo taustassa oikealla." in history and "Poliisi" in history


def test_reject_without_reasons_is_refused(client: Client, officer, photo) -> None:
    response = decide(client, photo, outcome="rejected", message="Huono")
    assert_refused(response, "Valitse hylättävälle kuvalle vähintään yksi hylkäyssyy.", photo)
    photo.refresh_from_db()
    assert photo.evaluation == Photo.Evaluation.PENDING
    # The officer's message stays in the box to be sent again.
    assert "Huono</textarea>" in response.content.decode()


def test_reasons_on_an_approval_are_refused(client: Client, officer, photo) -> None:
    response = decide(client, photo, outcome="approved", reasons=["pose"])
    assert_refused(response, "Hyväksyttävälle kuvalle ei valita hylkäyssyitä", photo)


def test_a_driving_licence_is_refused(client: Client, officer, photo) -> None:
    response = decide(client, photo, outcome="approved", permit_type="driving_licence")
    assert_refused(response, "Valokuvapalvelimen kuvaa ei voi liittää ajokorttihakemukseen.", photo)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"outcome": "approved", "permit_type": ""}, "Valitse lupatyyppi luettelosta."),
        ({"outcome": "approved", "permit_type": "moped"}, "Valitse lupatyyppi luettelosta."),
        ({"permit_type": "passport"}, "Valitse, hyväksytäänkö vai hylätäänkö kuva."),
        ({"outcome": "maybe"}, "Valitse, hyväksytäänkö vai hylätäänkö kuva."),
        ({"outcome": "rejected", "reasons": ["ugly"]}, "Valitse hylkäyssyyt luettelosta."),
        ({"outcome": "approved", "message": "x" * 1001}, "enintään 1000"),
    ],
)
def test_bad_input_gets_a_message_and_changes_nothing(
    client: Client, officer, photo, fields, message
) -> None:
    assert_refused(decide(client, photo, **fields), message, photo)


def test_every_problem_is_shown_at_once(client: Client, officer, photo) -> None:
    decide(client, photo, outcome="approved")
    response = decide(
        client, photo, seen=seen(photo), outcome="rejected", permit_type="driving_licence"
    )
    html = response.content.decode()
    assert response.status_code == 400
    for message in (
        "ajokorttihakemukseen",
        "vähintään yksi hylkäyssyy",
        "Kuvalla on jo päätös: kerro, miksi päätöstä muutetaan.",
    ):
        assert html.count(message) == 2, message  # in the summary and beside the field


def test_a_medical_exception_refuses_a_section_4_reason(client: Client, officer, photo) -> None:
    response = decide(client, photo, outcome="rejected", reasons=["eyes"], medical_exception="on")
    assert_refused(response, "Terveydellisestä syystä myönnetty poikkeus (10 §)", photo)
    # With the exception a reason from another section still rejects.
    response = decide(
        client, photo, outcome="rejected", reasons=["exposure"], medical_exception="on"
    )
    assert response.status_code == 302
    assert Decision.objects.get().medical_exception is True


def test_the_photographers_exception_flag_is_shown_and_preset(
    client: Client, officer, photo
) -> None:
    Photo.objects.filter(pk=photo.pk).update(medical_exception=True)
    html = client.get(f"/officer/photos/{photo.photo_id}/").content.decode()
    assert "Kuvaaja on merkinnyt" in html
    assert 'class="review-top exception-on"' in html
    box = re.search(r'<input[^>]*id="id_medical_exception"[^>]*>', html).group(0)
    assert "checked" in box
    assert '<tbody class="waivable">' in html


def test_a_reason_shows_what_the_automatic_assessment_flagged(
    client: Client, officer, photo
) -> None:
    checks = [
        {**c, "status": "fail"} if c["id"] == "lighting.hot_spots" else c for c in photo.checks
    ]
    Photo.objects.filter(pk=photo.pk).update(checks=checks)
    html = client.get(f"/officer/photos/{photo.photo_id}/").content.decode()
    shadows = html[html.index('value="shadows"') :]
    shadows = shadows[: shadows.index("</label>")]
    assert "Automaattinen arviointi:" in shadows and "Kirkaspisteet" in shadows
    assert "Ei täytä vaatimusta" in shadows


def test_a_new_decision_needs_a_change_reason_and_both_stay_in_history(
    client: Client, officer, photo
) -> None:
    assert decide(client, photo, outcome="approved").status_code == 302
    again = {"outcome": "approved", "permit_type": "firearms_handling_permit"}
    response = decide(client, photo, seen=seen(photo), **again)
    assert_refused(response, "Kuvalla on jo päätös: kerro, miksi päätöstä muutetaan.", photo, 1)
    response = decide(
        client, photo, seen=seen(photo), change_reason="Myös aseenkäsittelylupa.", **again
    )
    assert response.status_code == 302
    first, second = Decision.objects.order_by("at", "pk")
    assert (first.permit_type, second.permit_type) == ("passport", "firearms_handling_permit")
    assert second.change_reason == "Myös aseenkäsittelylupa."
    html = client.get(response["Location"]).content.decode()
    history = html[html.index('class="history"') :]
    assert history.index("Aseenkäsittelylupa") < history.index("Passi")  # newest first
    assert "Muutoksen syy: Myös aseenkäsittelylupa." in history


def test_a_decision_made_meanwhile_is_not_overwritten_unseen(
    client: Client, officer, photo
) -> None:
    other = Client()
    force_login_officer(other, MIKAEL, organisation="migri")
    # Both officers open the photo; the Migri officer saves first.
    assert (
        decide(other, photo, outcome="approved", permit_type="residence_permit").status_code == 302
    )
    response = decide(client, photo, outcome="rejected", reasons=["pose"], change_reason="Korjaus")
    assert_refused(response, "Kuvalle tallennettiin toinen päätös", photo, 1)
    html = response.content.decode()
    assert "Maahanmuuttovirasto" in html and "Oleskelulupa" in html  # what was decided
    assert f'name="seen" value="{seen(photo)}"' in html  # and now it has been seen


def test_another_organisations_officer_may_decide(client: Client, photo) -> None:
    force_login_officer(client, MIKAEL, organisation="migri")
    response = decide(client, photo, outcome="approved", permit_type="residence_permit")
    assert response.status_code == 302
    assert Decision.objects.get().organisation == "migri"
    html = client.get(response["Location"]).content.decode()
    assert "Mikael Migri" in html and "Maahanmuuttovirasto" in html


def test_the_photographer_sees_the_decision_on_sent_photos(client: Client, officer) -> None:
    photographer_client = Client()
    force_login_private(photographer_client, PIA)
    account = Account.objects.get(owner__isnull=False)
    photo = SubmittedPhotoFactory(photographer=account.photographers.get(), surname="Mallikas")
    response = decide(
        client, photo, outcome="rejected", reasons=["mouth_open", "red_eye"], message="Suu auki."
    )
    assert response.status_code == 302
    sent = photographer_client.get("/photos/sent/").content.decode()
    row = sent[sent.index(photo.photo_id[:5]) :]
    assert "Hylätty" in row and "Suu auki." in row and "Outi Lupavirkailija" in row
    detail = photographer_client.get(f"/photos/sent/{photo.photo_id}/").content.decode()
    assert "Suu auki." in detail and "Outi Lupavirkailija" in detail


def test_the_decision_form_is_post_only_and_csrf_protected(client: Client, officer, photo):
    strict = Client(enforce_csrf_checks=True)
    strict.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[
        settings.SESSION_COOKIE_NAME
    ].value
    data = {"outcome": "approved", "permit_type": "passport", "seen": ""}
    assert strict.post(f"/officer/photos/{photo.photo_id}/decide/", data).status_code == 403
    assert strict.get(f"/officer/photos/{photo.photo_id}/decide/").status_code == 405
    assert photo.decisions.count() == 0


def test_an_expired_photo_cannot_be_decided(client: Client, officer):
    old = SubmittedPhotoFactory(photographer=StudioPhotographerFactory(), days_ago=190)
    assert decide(client, old, outcome="approved").status_code == 404
    assert old.decisions.count() == 0


def test_the_photographer_reads_the_reasons_by_name(client: Client, officer) -> None:
    photographer_client = Client()
    force_login_private(photographer_client, PIA)
    account = Account.objects.get(owner__isnull=False)
    photo = SubmittedPhotoFactory(photographer=account.photographers.get())
    decide(client, photo, outcome="rejected", reasons=["mouth_open", "red_eye"])
    sent = photographer_client.get("/photos/sent/").content.decode()
    detail = photographer_client.get(f"/photos/sent/{photo.photo_id}/").content.decode()
    for page in (sent, detail):
        assert label("mouth_open") in page and label("red_eye") in page
        assert "mouth_open" not in page


# --- issue 7, defect 15: each organisation its own permit types ------------------------------


def permit_options(html: str) -> set[str]:
    select = html.split('name="permit_type"')[1].split("</select>")[0]
    return set(re.findall(r'<option value="([^"]+)"', select))


def test_the_police_are_offered_police_permits(client: Client, officer, photo) -> None:
    html = client.get(f"/officer/photos/{photo.photo_id}/").content.decode()
    options = permit_options(html)
    assert {"passport", "identity_card", "firearms_handling_permit"} <= options
    assert not options & {"residence_permit", "aliens_passport", "driving_licence"}
    assert "Ajokorttia ei ole luettelossa" in html and "Traficom" in html  # says why


def test_the_immigration_service_is_offered_its_own(client: Client, photo) -> None:
    force_login_officer(client, MIKAEL, organisation="migri")
    options = permit_options(client.get(f"/officer/photos/{photo.photo_id}/").content.decode())
    assert {"residence_permit", "aliens_passport", "refugee_travel_document"} <= options
    assert not options & {"passport", "guard_card", "driving_licence"}
    response = decide(client, photo, outcome="approved", permit_type="passport")
    assert_refused(response, "Valitse lupatyyppi luettelosta.", photo)
