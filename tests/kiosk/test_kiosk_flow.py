"""The kiosk's flow through its pages with the device simulators: the whole way to the
receipt, and every way out to the counter or back (wrong check digit, a chip that does not
verify, another person's document, a possible duplicate, a declined payment, a printer out
of paper), the help call and hand-off, and the wipe of abandoned visits."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.utils import timezone
from kiosktools import frame_jpeg
from webtools import login_officer

from luppa.audit.models import AuditEvent
from luppa.kiosk import camera, simulators, tasks
from luppa.kiosk.models import Case, HelpCall, Visit
from luppa.photos.models import Photo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def checked_frame():
    """The camera frame checked once (the face models are slow): ready, 500×653."""
    result = camera.check_frame(frame_jpeg())
    assert result.ready, (result.hint, result.failed)
    return result


@pytest.fixture(autouse=True)
def devices(monkeypatch, checked_frame):
    simulators.STATE.reset()
    monkeypatch.setattr(camera, "check_frame", lambda data: checked_frame)
    yield simulators.STATE
    simulators.STATE.reset()


def start(client: Client, lang: str = "fi") -> None:
    assert client.get("/kiosk/")["Location"] == "/kiosk/language/"
    response = client.post("/kiosk/language/", {"language": lang})
    assert response["Location"] == "/kiosk/document/"


def read(client: Client, document: str = "passport"):
    return client.post("/kiosk/document/", {"document": document})


def take_photo(client: Client):
    answer = client.post("/kiosk/photo/frame", {"frame": _upload()}).json()
    assert answer["ready"] is True
    shown = client.get("/kiosk/photo/candidate.jpg")
    assert shown["Content-Type"] == "image/jpeg" and "no-store" in shown["Cache-Control"]
    return client.post("/kiosk/photo/", {"action": "approve"})


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("frame.jpg", frame_jpeg(), "image/jpeg")


STROKES = json.dumps([[[10, 10], [40, 60], [80, 20], [120, 90], [160, 40]]])


def test_the_whole_flow_gives_a_photo_id_and_prints(client: Client, devices) -> None:
    start(client, "en")
    assert read(client)["Location"] == "/kiosk/photo/"
    assert take_photo(client)["Location"] == "/kiosk/fingerprints/"
    assert client.post("/kiosk/fingerprints/")["Location"] == "/kiosk/signature/"
    assert client.post("/kiosk/signature/", {"strokes": STROKES})["Location"] == "/kiosk/payment/"
    page = client.get("/kiosk/payment/")
    assert "60,00 €" in page.content.decode()
    assert client.post("/kiosk/payment/", {"action": "pay"})["Location"] == "/kiosk/done/"

    photo = Photo.objects.get()
    assert photo.photo_id and photo.state == Photo.State.SUBMITTED
    assert photo.account.business_id == "1765515-0" and photo.photographer.name == "kioski-1"
    assert (photo.surname, photo.first_names) == ("SPECIMEN", "KALLE TESTI")
    case = Case.objects.get()
    assert case.photo == photo and case.payment_ref.startswith("SIM-PAY-")
    assert case.signature_svg.startswith("<svg") and '<path d="M10.0 10.0L40.0 60.0' in (
        case.signature_svg
    )
    assert case.fingerprint_ref.startswith("SIM-FP-")

    done = client.get("/kiosk/done/").content.decode()
    assert re.sub(r"\s", "", photo.photo_id) in re.sub(r"[\s-]", "", done)
    assert "Print the photo receipt" in done or "Tulosta" not in done
    client.post("/kiosk/done/", {"print": "receipt"})
    client.post("/kiosk/done/", {"print": "certificate"})
    assert [title for title, _ in devices.printed] == ["receipt", "certificate"]

    client.post("/kiosk/end/", {"how": "finished"})
    assert not Visit.objects.exists()
    # The next customer starts from nothing.
    assert client.get("/kiosk/done/")["Location"] == "/kiosk/language/"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"kiosk.start", "kiosk.document", "kiosk.comparison", "kiosk.photo",
            "kiosk.fingerprints", "kiosk.signature", "kiosk.payment", "kiosk.print",
            "kiosk.end", "photo.submit"} <= actions  # fmt: skip
    trail = json.dumps(list(AuditEvent.objects.values_list("query", flat=True)))
    assert "SPECIMEN" not in trail and "L898902C3" not in trail


def test_wrong_check_digit_asks_to_try_again(client: Client) -> None:
    start(client)
    page = read(client, "check_digit")
    assert page.status_code == 200
    assert "Asiakirjan tietoja ei saatu luettua oikein" in page.content.decode()
    assert read(client, "td1")["Location"] == "/kiosk/photo/"


@pytest.mark.parametrize("document", ["forged_photo", "bad_signature"])
def test_a_chip_that_does_not_verify_goes_to_the_counter(client: Client, document: str) -> None:
    start(client, "sv")
    assert read(client, document)["Location"] == "/kiosk/counter/"
    page = client.get("/kiosk/counter/").content.decode()
    case = Case.objects.get()
    assert case.code in page and case.status == Case.Status.COUNTER
    assert case.reason.startswith("chip.") and case.reason not in page
    assert "bedrägeri" not in page.lower() and "fraud" not in page.lower()


def test_another_persons_document_goes_to_the_counter(client: Client) -> None:
    start(client)
    read(client, "other_person")
    assert take_photo(client)["Location"] == "/kiosk/counter/"
    assert Case.objects.get().reason == "comparison.mismatch"
    assert not Photo.objects.exists()


def test_a_possible_duplicate_identity_goes_to_the_counter(client: Client) -> None:
    # The same face submitted earlier under another name: the next visit is a duplicate.
    start(client)
    read(client)
    take_photo(client)
    client.post("/kiosk/fingerprints/")
    client.post("/kiosk/signature/", {"action": "at_counter"})
    client.post("/kiosk/payment/", {"action": "pay"})
    Photo.objects.update(surname="TOINEN")
    client.post("/kiosk/end/")

    start(client)
    read(client, "td1")
    assert take_photo(client)["Location"] == "/kiosk/counter/"
    assert Case.objects.get(status=Case.Status.COUNTER).reason == "comparison.duplicate"
    page = client.get("/kiosk/counter/").content.decode()
    assert "TOINEN" not in page and "<img" not in page


def test_declined_payment_and_paper_out_say_so_with_a_way_on(client: Client, devices) -> None:
    start(client)
    read(client)
    take_photo(client)
    client.post("/kiosk/fingerprints/")
    client.post("/kiosk/signature/", {"strokes": STROKES})
    devices.decline_payment = True
    page = client.post("/kiosk/payment/", {"action": "pay"})
    assert "Maksu ei onnistunut" in page.content.decode()
    assert not Photo.objects.exists()
    devices.decline_payment = False
    client.post("/kiosk/payment/", {"action": "pay"})
    devices.paper = False
    page = client.post("/kiosk/done/", {"print": "receipt"}).content.decode()
    assert "paperi loppu" in page
    assert devices.printed == []


def test_paying_at_the_counter_submits_the_photo_first(client: Client) -> None:
    start(client)
    read(client)
    take_photo(client)
    client.post("/kiosk/fingerprints/")
    client.post("/kiosk/signature/", {"strokes": STROKES})
    assert client.post("/kiosk/payment/", {"action": "counter"})["Location"] == "/kiosk/counter/"
    case = Case.objects.get()
    assert case.status == Case.Status.COUNTER and case.reason == "payment.at_counter"
    assert case.photo.photo_id and case.payment_ref == ""


def test_nothing_due_skips_payment(client: Client, settings) -> None:
    settings.KIOSK_FEE_CENTS = 0
    start(client)
    read(client)
    take_photo(client)
    client.post("/kiosk/fingerprints/")
    assert client.post("/kiosk/signature/", {"strokes": STROKES})["Location"] == "/kiosk/done/"
    assert Case.objects.get().payment_ref == ""


def test_empty_signature_and_bad_frames_are_refused_cleanly(client: Client) -> None:
    start(client)
    read(client)
    refused = client.post("/kiosk/photo/frame", {})
    assert refused.status_code == 400
    assert refused.json() == {
        "error": "frame_missing_or_too_large",
        "message": "Kameran kuva puuttuu tai on yli 3 Mt.",
    }
    take_photo(client)
    client.post("/kiosk/fingerprints/")
    for strokes in ("[]", "nonsense", json.dumps([[["a", 1]]]), json.dumps([[[1, 2]] * 9999])):
        page = client.post("/kiosk/signature/", {"strokes": strokes})
        assert page.status_code == 200 and "Allekirjoitus puuttuu" in page.content.decode()


def test_steps_cannot_be_skipped(client: Client) -> None:
    start(client)
    assert client.post("/kiosk/payment/", {"action": "pay"})["Location"] == "/kiosk/document/"
    assert client.get("/kiosk/photo/candidate.jpg")["Location"] == "/kiosk/document/"


def test_language_changes_on_any_screen(client: Client) -> None:
    start(client)
    client.post("/kiosk/set-language/", {"language": "sv"})
    page = client.get("/kiosk/document/")
    assert page["Content-Language"] == "sv" and '<html lang="sv">' in page.content.decode()


def test_help_call_reaches_an_officer_and_hand_off_continues_the_case(client: Client) -> None:
    start(client)
    read(client, "forged_photo")
    assert client.post("/kiosk/help/")["Location"] == "/kiosk/counter/?help=1"
    code = Case.objects.get().code
    officer = Client()
    login_officer(officer)
    page = officer.get("/kiosk/staff/").content.decode()
    assert "kioski-1" in page and "counter" in page
    assert officer.get(f"/kiosk/staff/?code={code.lower()}")["Location"] == (
        f"/kiosk/staff/cases/{code}/"
    )
    case_page = officer.get(f"/kiosk/staff/cases/{code}/").content.decode()
    assert "chip.dg2.hash" in case_page
    officer.post(f"/kiosk/staff/calls/{HelpCall.objects.get().pk}/answer")
    assert HelpCall.objects.get().answered_at is not None
    assert AuditEvent.objects.filter(action="kiosk.case_view").exists()
    # Customers and photographers get nothing of the officer pages.
    assert Client().get("/kiosk/staff/").status_code == 302


def test_help_can_be_called_from_the_first_screen(client: Client) -> None:
    assert client.post("/kiosk/help/")["Location"] == "/kiosk/language/?help=1"
    assert HelpCall.objects.get().step == "language"
    page = client.get("/kiosk/language/?help=1").content.decode()
    assert "Henkilökuntaa on kutsuttu" in page


def test_abandoned_visits_are_wiped(client: Client, settings) -> None:
    start(client)
    read(client)
    assert Visit.objects.get().payload
    Visit.objects.update(touched_at=timezone.now() - dt.timedelta(seconds=600))
    assert tasks.wipe() == (1, 0)
    assert not Visit.objects.exists() and not Case.objects.exists()
    assert client.get("/kiosk/photo/")["Location"] == "/kiosk/language/"


def test_kiosk_pages_answer_only_the_kiosk_network(client: Client, settings) -> None:
    settings.KIOSK_NETWORKS = ["10.20.0.0/16"]
    assert client.get("/kiosk/language/").status_code == 404
    assert Client(REMOTE_ADDR="10.20.3.4").get("/kiosk/language/").status_code == 200
