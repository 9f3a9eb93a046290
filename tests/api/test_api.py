"""The studio API: keys, checks, submission, sent photos, receipts, replays, the schema."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re

import pytest
from django.test import override_settings
from django.utils import timezone
from factories import ApiKeyFactory, PhotographerFactory
from factories.photos import decided
from imagetools import encode
from PIL import Image
from rest_framework.test import APIClient

from luppa.accounts.models import Account, ApiKey, Photographer, name_key
from luppa.api.models import IdempotencyKey
from luppa.core.photo_id import display
from luppa.photos import services
from luppa.photos.models import Decision, Photo, PhotoImage
from luppa.quality import assess

pytestmark = pytest.mark.django_db

HETU = "131052-308T"
HETU_2023 = "010594Y9032"  # a 2023 century sign


# --- fixtures -------------------------------------------------------------------------------


def make_account(business_id: str, studio: str) -> tuple[Account, Photographer]:
    photographer = PhotographerFactory(
        account__business_id=business_id,
        account__name=f"{studio} Oy",
        account__studio_name=studio,
        name="Maija Kuvaaja",
    )
    return photographer.account, photographer


def client_for(account: Account) -> APIClient:
    secret = ApiKeyFactory(account=account).secret
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def studio() -> tuple[Account, Photographer]:
    return make_account("1234567-1", "Kuvaamo Keskusta")


@pytest.fixture
def other() -> tuple[Account, Photographer]:
    return make_account("7654321-8", "Toinen Studio")


@pytest.fixture
def api(studio) -> APIClient:
    return client_for(studio[0])


@pytest.fixture
def jpeg(framed_biden) -> bytes:
    return framed_biden.jpeg


@pytest.fixture(scope="session")
def biden_report(framed_biden):
    return assess(framed_biden.jpeg, "biden.jpg")


def upload(data: bytes, name: str = "photo.jpg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def submission(jpeg: bytes, photographer: Photographer | str | None, **fields) -> dict:
    """The multipart fields of a submission; a None value leaves that field out."""
    who = photographer.pk if isinstance(photographer, Photographer) else photographer
    body = {
        "image": upload(jpeg),
        "photographer": None if who is None else str(who),
        "first_names": "Matti Juhani",
        "surname": "Meikäläinen",
        "hetu": HETU,
        "consent": "true",
        "receipt_email": "matti@example.com",
        "receipt_phone": "040 123 4567",
    }
    body.update(fields)
    return {k: v for k, v in body.items() if v is not None}


def sent_photo(account, photographer, report, jpeg, **person) -> Photo:
    """A submitted photo made without HTTP, reusing one assessment: the face models are slow."""
    person.setdefault("first_names", "Anna")
    person.setdefault("surname", "Virtanen")
    photo = services.create_draft(account, photographer, jpeg, person, report=report)
    return services.submit(photo)


def assert_nothing_stored() -> None:
    assert Photo.objects.count() == 0
    assert PhotoImage.objects.count() == 0
    assert IdempotencyKey.objects.count() == 0


# --- keys -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Token abc", "Bearer lk_nothing", "Bearer lk_abcdef012345_wrongsecret"],
)
def test_requests_without_a_valid_key_are_401_json(header) -> None:
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    for method, url in [("get", "/api/v1/photos"), ("post", "/api/v1/checks")]:
        response = getattr(client, method)(url)
        assert response.status_code == 401, (header, url)
        assert response["Content-Type"] == "application/json"
        assert set(response.json()) == {"error"}
        assert response["WWW-Authenticate"] == "Bearer"


def test_a_revoked_key_stops_working_at_once(studio) -> None:
    key, secret = ApiKey.issue(studio[0], "till")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/v1/photos").status_code == 200
    key.revoked_at = timezone.now()
    key.save()
    response = client.get("/api/v1/photos")
    assert response.status_code == 401 and "peruttu" in response.json()["error"]


@pytest.mark.parametrize(
    ("accept", "words"),
    [("fi", "virheellinen tai peruttu"), ("sv", "ogiltig eller återkallad"),
     ("en-GB,en;q=0.8", "Invalid or revoked")],
)  # fmt: skip
def test_protocol_errors_speak_the_clients_language(studio, accept, words) -> None:
    """A wrong key, a bad page number: the protocol's own errors, in the language asked
    for, like the rules' refusals (one answer, one language)."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE=accept)
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-key")
    wrong_key = client.get("/api/v1/photos")
    assert wrong_key.status_code == 401 and words in wrong_key.json()["error"]
    assert wrong_key["Content-Language"] == accept[:2]
    _key, secret = ApiKey.issue(studio[0], "till")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    paging = client.get("/api/v1/photos?page=0")
    assert paging.status_code == 400
    body = paging.json()
    texts = {"fi": ("Virheellinen sivutus.", "Kokonaisluku"),
             "sv": ("Ogiltig sidindelning.", "Ett heltal"),
             "en": ("Invalid paging.", "A whole number")}[accept[:2]]  # fmt: skip
    assert body["error"] == texts[0] and body["fields"]["page"][0].startswith(texts[1]), body


def test_a_key_records_its_last_use(studio, api) -> None:
    api.get("/api/v1/photos")
    assert ApiKey.objects.get().last_used_at is not None


# --- checks ---------------------------------------------------------------------------------


def test_check_returns_the_report_and_stores_nothing(api, jpeg) -> None:
    response = api.post("/api/v1/checks?lang=en", {"image": upload(jpeg)}, format="multipart")
    assert response.status_code == 200, response.content
    report = response.json()
    assert report["verdict"] in ("pass", "fail") and report["error"] is None
    ids = {c["id"] for c in report["checks"]}
    assert {"format.jpeg", "format.dimensions", "format.file_size"} <= ids
    assert set(report["geometry"]) >= {"crown_y", "chin_y", "centre_offset"}
    assert response["Content-Language"] == "en"
    assert_nothing_stored()


def test_check_language_from_accept_language_and_default_finnish(api, grey_jpeg) -> None:
    def messages(**extra) -> list[str]:
        response = api.post("/api/v1/checks", {"image": upload(grey_jpeg)}, **extra)
        assert response.status_code == 200
        return [c["message"] for c in response.json()["checks"]]

    finnish = messages()
    swedish = messages(HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9,en;q=0.5")
    english = messages(HTTP_ACCEPT_LANGUAGE="de, en;q=0.4")
    assert finnish != swedish != english != finnish
    assert messages(HTTP_ACCEPT_LANGUAGE="de") == finnish


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("png", encode(Image.new("RGB", (500, 653), "white"), "PNG")),
        ("text", b"not a photo at all"),
        ("truncated", None),
        ("empty", b""),
    ],
)
def test_check_refuses_what_is_not_a_readable_jpeg(api, jpeg, name, data) -> None:
    data = jpeg[: len(jpeg) // 3] if data is None else data
    response = api.post("/api/v1/checks", {"image": upload(data)})
    assert response.status_code == 400, name
    body = response.json()
    assert body["error"] and body["fields"]["image"], body
    assert_nothing_stored()


def test_check_refuses_a_file_over_250_kb(api) -> None:
    noise = encode(Image.effect_noise((500, 653), 120).convert("RGB"), quality=100)
    assert len(noise) > 250_000
    response = api.post("/api/v1/checks", {"image": upload(noise)})
    assert response.status_code == 400 and "250" in response.json()["fields"]["image"][0]


def test_check_input_errors(api, jpeg) -> None:
    missing = api.post("/api/v1/checks", {})
    assert missing.status_code == 400 and "image" in missing.json()["fields"]
    json_body = api.post("/api/v1/checks", {"image": "x"}, format="json")
    assert json_body.status_code == 415 and json_body.json()["error"]
    lang = api.post("/api/v1/checks?lang=de", {"image": upload(jpeg)})
    assert lang.status_code == 400 and "lang" in lang.json()["fields"]
    assert api.get("/api/v1/checks").status_code == 405


@override_settings(MAX_UPLOAD_BYTES=100_000)
def test_an_upload_over_the_limit_is_refused_before_decoding(api, monkeypatch) -> None:
    def decode_must_not_run(*args, **kwargs):
        raise AssertionError("decoded an oversized upload")

    monkeypatch.setattr("luppa.photos.forms.decode", decode_must_not_run)
    big = b"\xff\xd8" + b"\0" * 200_000
    response = api.post("/api/v1/checks", {"image": upload(big)})
    assert response.status_code == 413 and response.json()["error"]
    # Under the request limit but over the file limit (the multipart overhead allowance).
    response = api.post("/api/v1/photos", {"image": upload(big[:120_000])})
    assert response.status_code == 413
    assert_nothing_stored()


# --- submitting -----------------------------------------------------------------------------


def test_full_submission_then_the_photo_its_list_entry_and_receipt(studio, api, jpeg) -> None:
    _account, photographer = studio
    response = api.post("/api/v1/photos?lang=en", submission(jpeg, photographer))
    assert response.status_code == 201, response.content
    body = response.json()
    compact = body["photo_id_compact"]
    assert body["photo_id"] == display(compact) and len(compact) == 10
    assert body["status"] == "pending"
    assert body["photographer"] == {"id": photographer.pk, "name": "Maija Kuvaaja"}
    assert body["report"]["verdict"] in ("pass", "fail") and body["report"]["checks"]
    assert body["receipt_url"].endswith(f"/api/v1/photos/{compact}/receipt.pdf")
    assert response["Location"] == body["url"]
    assert HETU not in response.content.decode()

    photo = Photo.objects.get()
    assert photo.state == Photo.State.SUBMITTED and photo.photo_id == compact
    assert photo.has_hetu and photo.receipt_phone == "+358401234567"
    assert photo.birth_date == dt.date(1952, 10, 13)

    # Any case, spaces and hyphens find it.
    messy = f" {compact[:5].lower()} - {compact[5:]} "
    detail = api.get(f"/api/v1/photos/{messy}?lang=sv")
    assert detail.status_code == 200, detail.content
    one = detail.json()
    assert one["photo_id_compact"] == compact
    assert one["customer"] == {
        "first_names": "Matti Juhani",
        "surname": "Meikäläinen",
        "birth_date": "1952-10-13",
    }
    assert one["checks"] and all(c["message"] for c in one["checks"])
    swedish = {c["id"]: c["message"] for c in one["checks"]}
    english = {c["id"]: c["message"] for c in body["report"]["checks"]}
    assert swedish.keys() == english.keys() and swedish != english
    assert "hetu" not in json.dumps(one).lower() and HETU not in detail.content.decode()

    listing = api.get("/api/v1/photos").json()
    assert listing["count"] == 1 and listing["results"][0]["photo_id_compact"] == compact
    assert "checks" not in listing["results"][0]

    pdf = api.get(body["receipt_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    small = api.get(f"{body['receipt_url']}?size=80x72")
    assert small.status_code == 200 and small.content.startswith(b"%PDF")
    assert small.content != pdf.content
    bad = api.get(f"{body['receipt_url']}?size=A4")
    assert bad.status_code == 400 and "size" in bad.json()["fields"]


def test_photographer_by_exact_name_and_no_personal_fields(studio, api, jpeg) -> None:
    fields = {"first_names": None, "surname": None, "hetu": None, "receipt_email": None}
    response = api.post("/api/v1/photos", submission(jpeg, "Maija Kuvaaja", **fields))
    assert response.status_code == 201, response.content
    photo = Photo.objects.get()
    assert photo.photographer == studio[1] and not photo.has_hetu and photo.birth_date is None


def test_new_century_signs_and_birth_date_without_hetu(api, studio, jpeg) -> None:
    assert (
        api.post("/api/v1/photos", submission(jpeg, studio[1], hetu=HETU_2023)).status_code == 201
    )
    response = api.post("/api/v1/photos", submission(jpeg, studio[1], hetu="", birth_date="010170"))
    assert response.status_code == 201
    assert [p.birth_date for p in Photo.objects.all()].count(dt.date(1970, 1, 1)) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hetu": "131052-308A"}, "hetu"),
        ({"hetu": "not a hetu"}, "hetu"),
        ({"consent": None}, "consent"),
        ({"consent": "false"}, "consent"),
        ({"birth_date": "311370"}, "birth_date"),
        ({"birth_date": "010170"}, "birth_date"),  # does not match the HETU
        ({"receipt_email": "not-an-address"}, "receipt_email"),
        ({"receipt_phone": "12"}, "receipt_phone"),
        ({"photographer": None}, "photographer"),
        ({"photographer": "Nobody"}, "photographer"),
        ({"photographer": "99999999999999999999999"}, "photographer"),
        ({"image": None}, "image"),
    ],
)
def test_bad_input_gives_field_errors_and_stores_nothing(api, studio, jpeg, change, field) -> None:
    fields = dict(change)
    who = fields.pop("photographer", studio[1])
    response = api.post("/api/v1/photos", submission(jpeg, who, **fields))
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["error"] and body["fields"][field], body
    assert HETU not in response.content.decode()
    assert_nothing_stored()


def test_png_is_refused(api, studio) -> None:
    png = encode(Image.new("RGB", (500, 653), "white"), "PNG")
    response = api.post("/api/v1/photos", submission(png, studio[1]))
    assert response.status_code == 400 and "JPEG" in response.json()["fields"]["image"][0]
    assert_nothing_stored()


def test_another_accounts_or_a_removed_photographer_is_unknown(api, studio, other, jpeg) -> None:
    foreign = api.post("/api/v1/photos", submission(jpeg, other[1]))
    by_name = api.post("/api/v1/photos", submission(jpeg, "Maija Kuvaaja", image=upload(jpeg)))
    assert foreign.status_code == 400 and "photographer" in foreign.json()["fields"]
    assert by_name.status_code == 201  # the name is looked up in the caller's own account only
    assert Photo.objects.get().photographer == studio[1]
    removed = Photographer.objects.create(account=studio[0], name="Entinen", active=False)
    response = api.post("/api/v1/photos", submission(jpeg, removed))
    assert response.status_code == 400 and "photographer" in response.json()["fields"]
    assert Photo.objects.count() == 1


def test_format_failures_block_submission_with_the_report(api, studio) -> None:
    wrong_size = encode(Image.new("RGB", (400, 600), (200, 200, 200)))
    response = api.post("/api/v1/photos?lang=en", submission(wrong_size, studio[1]))
    assert response.status_code == 400
    body = response.json()
    assert body["fields"]["image"] and body["report"]["checks"]
    failed = {c["id"] for c in body["report"]["checks"] if c["status"] == "fail"}
    assert "format.dimensions" in failed
    assert_nothing_stored()


def test_a_suspended_account_cannot_submit(api, studio, jpeg) -> None:
    Account.objects.filter(pk=studio[0].pk).update(suspended_at=timezone.now())
    response = api.post("/api/v1/photos", submission(jpeg, studio[1]))
    assert response.status_code == 403
    assert response.json() == {
        "code": "account suspended",
        "error": "Käyttäjätilin oikeudet on keskeytetty.",  # the API's default, Finnish
    }
    assert_nothing_stored()
    assert api.get("/api/v1/photos").status_code == 200  # reading is still allowed


# A refusal in the language asked for: the same text the pages show in that language.
REFUSED_IN = {
    "fi": ("Käyttäjätilin oikeudet on keskeytetty.", "Kuvaa ei voi lähettää"),
    "sv": ("Användarkontot har spärrats.", "Fotot kan inte skickas"),
    "en": ("The user account's rights have been suspended.", "The photo cannot be sent"),
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_refusals_answer_in_the_language_asked_for(api, studio, jpeg, lang) -> None:
    from luppa.core import refusals

    suspended, blocked = REFUSED_IN[lang]
    assert refusals.message("account suspended", lang) == suspended
    assert refusals.message("format", lang).startswith(blocked)
    header = {"HTTP_ACCEPT_LANGUAGE": f"{lang};q=0.9, de;q=0.5"}
    wrong_size = encode(Image.new("RGB", (400, 600), (200, 200, 200)))
    body = api.post("/api/v1/photos", submission(wrong_size, studio[1]), **header).json()
    # One language throughout: the refusal, the field messages and the report.
    assert body["code"] == "format" and body["error"].startswith(blocked)
    dimensions = next(c for c in body["report"]["checks"] if c["id"] == "format.dimensions")
    assert dimensions["message"] in body["fields"]["image"]
    Account.objects.filter(pk=studio[0].pk).update(suspended_at=timezone.now())
    response = api.post("/api/v1/photos", submission(jpeg, studio[1]), **header)
    assert response.status_code == 403 and response["Content-Language"] == lang
    assert response.json() == {"code": "account suspended", "error": suspended}


def test_a_refusal_inside_submit_rolls_back_the_draft(api, studio, jpeg, monkeypatch) -> None:
    # The account is suspended between the early check and the submission itself.
    real_submit = services.submit

    def suspended_meanwhile(photo, *args, **kwargs):
        Account.objects.filter(pk=photo.account_id).update(suspended_at=timezone.now())
        photo.account.refresh_from_db()
        return real_submit(photo, *args, **kwargs)

    monkeypatch.setattr(services, "submit", suspended_meanwhile)
    response = api.post("/api/v1/photos", submission(jpeg, studio[1]), HTTP_IDEMPOTENCY_KEY="k1")
    assert response.status_code == 403
    assert_nothing_stored()


def test_hetu_is_never_logged(api, studio, jpeg, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    api.post("/api/v1/photos", submission(jpeg, studio[1]))
    api.post("/api/v1/photos", submission(jpeg, studio[1], hetu="131052-308A"))
    api.post("/api/v1/photos", submission(jpeg, studio[1], consent=None))
    assert "131052" not in caplog.text


# --- one photo ------------------------------------------------------------------------------


def test_another_accounts_photo_is_404_like_a_missing_one(api, other, biden_report, jpeg) -> None:
    theirs = sent_photo(*other, biden_report, jpeg)
    missing = "34679ACDEF"
    from luppa.core import photo_id

    missing = missing[:9] + photo_id.luhn.calc_check_digit(missing[:9], alphabet=photo_id.ALPHABET)
    responses = [
        api.get(f"/api/v1/photos/{theirs.photo_id}"),
        api.get(f"/api/v1/photos/{missing}"),
        api.get(f"/api/v1/photos/{theirs.photo_id}/receipt.pdf"),
        api.get(f"/api/v1/photos/{missing}/receipt.pdf"),
    ]
    assert [r.status_code for r in responses] == [404] * 4
    assert len({r.content for r in responses}) == 1
    assert api.get(f"/api/v1/photos?photo_id={theirs.photo_id}").json()["count"] == 0


def test_a_draft_is_not_a_sent_photo(api, studio, biden_report, jpeg) -> None:
    draft = services.create_draft(*studio, jpeg, {}, report=biden_report)
    assert draft.photo_id is None
    assert api.get("/api/v1/photos").json()["count"] == 0


def test_photo_id_typos(api, studio, biden_report, jpeg) -> None:
    photo = sent_photo(*studio, biden_report, jpeg)
    body, check = photo.photo_id[:9], photo.photo_id[9]
    wrong = next(c for c in "34679ACDEF" if c != check)
    typo = api.get(f"/api/v1/photos/{body}{wrong}")
    assert typo.status_code == 400 and typo.json()["error"] == "check character mismatch"
    assert api.get("/api/v1/photos/SHORT").status_code == 400
    assert api.get(f"/api/v1/photos/{body}{wrong}/receipt.pdf").status_code == 400
    assert api.get(f"/api/v1/photos/{photo.photo_id}/").status_code == 200  # trailing slash


# --- the list ---------------------------------------------------------------------------------


@pytest.fixture
def archive(studio, biden_report, jpeg) -> dict[str, Photo]:
    account, maija = studio
    pekka = Photographer.objects.create(account=account, name="Pekka")
    now = timezone.now()
    photos = {
        "anna": sent_photo(account, maija, biden_report, jpeg, birth_date=dt.date(1970, 1, 1)),
        "bertta": sent_photo(account, pekka, biden_report, jpeg, first_names="Bertta Ääri"),
        "cecilia": sent_photo(
            account, maija, biden_report, jpeg, first_names="Cecilia", surname="Öhman"
        ),
        "old": sent_photo(account, pekka, biden_report, jpeg, first_names="Vanha"),
        "rejected": sent_photo(account, maija, biden_report, jpeg, first_names="Hylätty"),
    }
    Photo.objects.filter(pk=photos["old"].pk).update(
        taken_at=now - dt.timedelta(days=40), submitted_at=now - dt.timedelta(days=40)
    )
    decided(photos["rejected"], "rejected", at=now - dt.timedelta(days=1),
            reasons=["expression", "background"], message="Suu auki.")  # fmt: skip
    decided(photos["bertta"], "approved", at=now)
    return {k: Photo.objects.get(pk=p.pk) for k, p in photos.items()}


def ids(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {p["photo_id_compact"] for p in response.json()["results"]}


def test_list_is_newest_first_and_shows_feedback(api, archive) -> None:
    results = api.get("/api/v1/photos").json()["results"]
    submitted = [r["submitted_at"] for r in results]
    assert submitted == sorted(submitted, reverse=True)
    assert results[-1]["photo_id_compact"] == archive["old"].photo_id
    rejected = next(r for r in results if r["photo_id_compact"] == archive["rejected"].photo_id)
    assert rejected["status"] == "rejected" and rejected["officer_name"] == "Olli Virkailija"
    assert rejected["rejection_reasons"] == ["expression", "background"]
    assert rejected["officer_message"] == "Suu auki." and rejected["evaluated_at"]
    assert "image" not in json.dumps(results)


def test_list_filters(api, archive, studio) -> None:
    p = {k: v.photo_id for k, v in archive.items()}
    pekka = Photographer.objects.get(name_key=name_key("Pekka"))
    today = timezone.localdate()
    assert ids(api.get("/api/v1/photos?birth_date=010170")) == {p["anna"]}
    assert ids(api.get("/api/v1/photos?first_name=ääri")) == {p["bertta"]}
    assert ids(api.get("/api/v1/photos?surname=öhm")) == {p["cecilia"]}
    assert ids(api.get("/api/v1/photos?status=rejected")) == {p["rejected"]}
    assert ids(api.get("/api/v1/photos?status=approved")) == {p["bertta"]}
    assert ids(api.get(f"/api/v1/photos?photographer={pekka.pk}")) == {p["bertta"], p["old"]}
    assert ids(api.get("/api/v1/photos?photographer=pekka")) == {p["bertta"], p["old"]}
    assert ids(api.get(f"/api/v1/photos?photo_id={display(p['anna']).lower()}")) == {p["anna"]}
    # The old photo's own local date: 40 days back may cross a daylight-saving change, so
    # "today - 40 days" is the wrong day for an hour every evening.
    old_day = (
        timezone.localtime(Photo.objects.get(pk=archive["old"].pk).taken_at).date().isoformat()
    )
    assert ids(api.get(f"/api/v1/photos?taken_from={old_day}&taken_to={old_day}")) == {p["old"]}
    recent = ids(api.get(f"/api/v1/photos?taken_from={today.isoformat()}"))
    assert recent == set(p.values()) - {p["old"]}
    both = api.get(f"/api/v1/photos?photographer=Pekka&taken_to={old_day}")
    assert ids(both) == {p["old"]}


@pytest.mark.parametrize(
    "query",
    [
        "birth_date=1.1.1970",
        "taken_from=yesterday",
        "taken_from=2026-02-30",
        "taken_from=2026-05-02&taken_to=2026-05-01",
        "status=lost",
        "photo_id=K7QX3-MRDW",
        "photographer=Nobody",
        "page=0",
        "page=two",
        "page_size=101",
        "page_size=0",
        "lang=xx",
    ],
)
def test_bad_list_parameters_are_400(api, archive, query) -> None:
    response = api.get(f"/api/v1/photos?{query}")
    assert response.status_code == 400, (query, response.content)
    assert response.json()["fields"]


def test_pagination(api, archive) -> None:
    first = api.get("/api/v1/photos?page_size=2").json()
    assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()
    assert len(third["results"]) == 1 and third["next"] is None and third["previous"]
    seen = [r["photo_id_compact"] for page in (first, second, third) for r in page["results"]]
    assert len(set(seen)) == 5
    assert "page_size=2" in first["next"]
    beyond = api.get("/api/v1/photos?page=9")
    assert beyond.status_code == 404 and beyond.json()["error"]


def test_names_vanish_a_week_after_evaluation(api, studio, biden_report, jpeg) -> None:
    photo = sent_photo(
        *studio,
        biden_report,
        jpeg,
        first_names="Kaisa",
        surname="Kotilainen",
        birth_date=dt.date(1980, 5, 5),
    )
    decision = decided(photo, "approved", at=timezone.now() - dt.timedelta(days=6))
    item = api.get("/api/v1/photos").json()["results"][0]
    assert item["customer"]["first_names"] == "Kaisa" and item["personal_data_visible_until"]
    assert ids(api.get("/api/v1/photos?surname=Kotilainen")) == {photo.photo_id}

    Decision.objects.filter(pk=decision.pk).update(at=timezone.now() - dt.timedelta(days=8))
    item = api.get("/api/v1/photos").json()["results"][0]
    detail = api.get(f"/api/v1/photos/{photo.photo_id}")
    for shown in (item, detail.json()):
        assert shown["customer"] is None and shown["status"] == "approved"
    for text in ("Kaisa", "Kotilainen", "1980"):
        assert text not in detail.content.decode()
    # Nor can the hidden name or birth date still find the photo.
    assert ids(api.get("/api/v1/photos?surname=Kotilainen")) == set()
    assert ids(api.get("/api/v1/photos?birth_date=050580")) == set()
    assert ids(api.get(f"/api/v1/photos?photo_id={photo.photo_id}")) == {photo.photo_id}


def test_another_accounts_photos_are_never_listed(api, other, biden_report, jpeg) -> None:
    sent_photo(*other, biden_report, jpeg)
    assert api.get("/api/v1/photos").json()["count"] == 0
    assert api.get(f"/api/v1/photos?photographer={other[1].pk}").status_code == 400


# --- replays --------------------------------------------------------------------------------


def test_idempotency_key_replays_the_first_response(api, studio, jpeg) -> None:
    first = api.post("/api/v1/photos", submission(jpeg, studio[1]), HTTP_IDEMPOTENCY_KEY="a-1")
    again = api.post("/api/v1/photos", submission(jpeg, studio[1]), HTTP_IDEMPOTENCY_KEY="a-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"]
    assert Photo.objects.count() == 1 and IdempotencyKey.objects.count() == 1
    # Only hashes are kept: neither the key nor anything of the body.
    stored = IdempotencyKey.objects.values_list("key_hash", "body_hash").get()
    assert "a-1" not in stored and HETU not in json.dumps(IdempotencyKey.objects.get().response)

    other_body = submission(jpeg, studio[1], surname="Toinen")
    conflict = api.post("/api/v1/photos", other_body, HTTP_IDEMPOTENCY_KEY="a-1")
    assert conflict.status_code == 409 and conflict.json()["error"]
    assert Photo.objects.count() == 1

    fresh = api.post("/api/v1/photos", submission(jpeg, studio[1]), HTTP_IDEMPOTENCY_KEY="a-2")
    assert fresh.status_code == 201 and fresh.json()["photo_id"] != first.json()["photo_id"]
    assert Photo.objects.count() == 2


def test_idempotency_keys_are_per_account_and_expire(api, studio, other, jpeg) -> None:
    first = api.post("/api/v1/photos", submission(jpeg, studio[1]), HTTP_IDEMPOTENCY_KEY="same")
    theirs = client_for(other[0]).post(
        "/api/v1/photos", submission(jpeg, other[1]), HTTP_IDEMPOTENCY_KEY="same"
    )
    assert theirs.status_code == 201 and theirs.json()["photo_id"] != first.json()["photo_id"]
    IdempotencyKey.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    later = api.post("/api/v1/photos", submission(jpeg, studio[1]), HTTP_IDEMPOTENCY_KEY="same")
    assert later.status_code == 201 and later.json()["photo_id"] != first.json()["photo_id"]
    assert Photo.objects.filter(account=studio[0]).count() == 2


def test_a_refused_request_does_not_use_up_its_key(api, studio, jpeg) -> None:
    bad = api.post(
        "/api/v1/photos", submission(jpeg, studio[1], consent=None), HTTP_IDEMPOTENCY_KEY="retry-me"
    )
    assert bad.status_code == 400
    good = api.post("/api/v1/photos", submission(jpeg, studio[1]), HTTP_IDEMPOTENCY_KEY="retry-me")
    assert good.status_code == 201


def test_a_malformed_idempotency_key_is_400(api, studio, jpeg) -> None:
    response = api.post(
        "/api/v1/photos", submission(jpeg, studio[1]), HTTP_IDEMPOTENCY_KEY="x" * 300
    )
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["fields"]
    assert_nothing_stored()


# --- schema and docs -----------------------------------------------------------------------


def test_openapi_schema_is_valid_and_complete() -> None:
    from drf_spectacular.validation import validate_schema

    response = APIClient().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    expected = {
        "/api/v1/checks": {"post"},
        "/api/v1/photos": {"get", "post"},
        "/api/v1/photos/{photo_id}": {"get"},
        "/api/v1/photos/{photo_id}/receipt.pdf": {"get"},
    }
    assert {path: set(ops) for path, ops in schema["paths"].items()} == expected
    scheme = schema["components"]["securitySchemes"]["apiKey"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    schemas = schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["security"] == [{"apiKey": []}], (path, method)
            assert "401" in operation["responses"], (path, method)
    submit = schema["paths"]["/api/v1/photos"]["post"]
    form = submit["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"]
    request_fields = schemas[form.rsplit("/", 1)[1]]
    assert {"image", "photographer", "hetu", "consent"} <= set(request_fields["properties"])
    assert request_fields["properties"]["image"]["format"] == "binary"
    assert {"201", "400", "403", "409"} <= set(submit["responses"])
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in submit["parameters"])
    receipt = schema["paths"]["/api/v1/photos/{photo_id}/receipt.pdf"]["get"]
    assert "application/pdf" in receipt["responses"]["200"]["content"]
    sent = schemas["SentPhoto"]["properties"]
    assert "hetu" not in json.dumps(sent) and "customer" in sent


def test_schema_generation_has_no_warnings() -> None:
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    APIClient().get("/api/v1/openapi.json")
    assert not GENERATOR_STATS, dict(GENERATOR_STATS._warn_cache)


def test_swagger_ui_uses_only_local_assets() -> None:
    client = APIClient()
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", html, re.I), html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    # The start-up script is served by the docs view itself (no inline script: CSP).
    start_up = next(a for a in assets if a.startswith("/api/v1/docs/?script"))
    script = client.get(start_up.replace("&amp;", "&")).content.decode()
    assert "/api/v1/openapi.json" in script
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", script, re.I), script
    for asset in assets:
        if asset != start_up:
            assert asset.startswith("/static/"), asset
            assert client.get(asset).status_code == 200, asset


def test_unknown_api_paths_are_json_404(api) -> None:
    for url in ("/api/v2/photos", "/api/v1/nothing", "/api/"):
        response = api.get(url)
        assert response.status_code == 404 and response.json()["error"]


def _json_schema(node):
    """An OpenAPI 3.0 schema as JSON Schema: `nullable` becomes an explicit null."""
    if isinstance(node, list):
        return [_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _json_schema(v) for k, v in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [{"type": "null"}, node]}
    return node


def test_responses_match_their_schemas(api, studio, jpeg) -> None:
    """The schema describes what is actually sent, not an approximation of it."""
    import jsonschema

    schema = json.loads(APIClient().get("/api/v1/openapi.json").content)
    components = _json_schema(schema["components"])

    def conforms(response, path: str, method: str) -> None:
        operation = schema["paths"][path][method]
        described = operation["responses"][str(response.status_code)]
        target = described["content"]["application/json"]["schema"]
        jsonschema.validate(response.json(), {**_json_schema(target), "components": components})

    created = api.post("/api/v1/photos", submission(jpeg, studio[1]))
    conforms(created, "/api/v1/photos", "post")
    compact = created.json()["photo_id_compact"]
    conforms(api.get("/api/v1/photos"), "/api/v1/photos", "get")
    conforms(api.get(f"/api/v1/photos/{compact}"), "/api/v1/photos/{photo_id}", "get")
    conforms(api.post("/api/v1/checks", {"image": upload(jpeg)}), "/api/v1/checks", "post")
    wrong_size = encode(Image.new("RGB", (400, 600), (200, 200, 200)))
    blocked = api.post("/api/v1/photos", submission(wrong_size, studio[1]))
    conforms(blocked, "/api/v1/photos", "post")
    conforms(api.post("/api/v1/photos", {}), "/api/v1/photos", "post")
    conforms(APIClient().get("/api/v1/photos"), "/api/v1/photos", "get")


def test_a_concurrent_duplicate_is_answered_as_a_replay(api, studio, jpeg, monkeypatch) -> None:
    from luppa.api import idempotency

    first = api.post("/api/v1/photos", submission(jpeg, studio[1]), HTTP_IDEMPOTENCY_KEY="race")
    real_find, calls = idempotency.find, []

    def not_yet_committed(*args, **kwargs):
        # The twin request looked before the first one committed its key.
        calls.append(args)
        return None if len(calls) == 1 else real_find(*args, **kwargs)

    monkeypatch.setattr(idempotency, "find", not_yet_committed)
    twin = api.post("/api/v1/photos", submission(jpeg, studio[1]), HTTP_IDEMPOTENCY_KEY="race")
    assert twin.status_code == 201 and twin.json() == first.json()
    assert twin["Idempotent-Replayed"] == "true"
    assert Photo.objects.count() == 1 and PhotoImage.objects.count() == 1


def test_uploads_are_throttled_per_key(studio, api, grey_jpeg, monkeypatch) -> None:
    from luppa.api.base import UploadThrottle

    monkeypatch.setattr(UploadThrottle, "rate", "2/min")
    for _ in range(2):
        assert api.post("/api/v1/checks", {"image": upload(grey_jpeg)}).status_code == 200
    third = api.post("/api/v1/checks", {"image": upload(grey_jpeg)})
    assert third.status_code == 429 and third.json()["error"] and int(third["Retry-After"]) > 0
    assert api.get("/api/v1/photos").status_code == 200  # reading is not limited
    # Another key of another account is counted separately.
    other = client_for(make_account("7654321-8", "Toinen")[0])
    assert other.post("/api/v1/checks", {"image": upload(grey_jpeg)}).status_code == 200


def test_an_unexpected_error_is_json_without_details(api, grey_jpeg, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("luppa.api.views_checks.assess", broken)
    response = api.post("/api/v1/checks", {"image": upload(grey_jpeg)})
    assert response.status_code == 500
    assert response.json() == {"error": "Sisäinen virhe."}


def test_hostile_bodies_are_4xx_json(api) -> None:
    many = {f"f{i}": "x" for i in range(1100)}
    assert api.post("/api/v1/checks", many).status_code == 400
    no_boundary = api.post(
        "/api/v1/checks", b"--x\r\n", content_type="multipart/form-data; boundary="
    )
    assert no_boundary.status_code == 400 and no_boundary.json()["error"]


# --- NUL characters (PostgreSQL cannot hold them: they were 500s there) ----------------------


@pytest.mark.parametrize(
    "query",
    ["photographer=%00", "surname=a%00b", "photo_id=%00", "page=1%00", "x%00=1"],
)
def test_a_nul_character_in_a_search_is_a_clear_400(api, query):
    response = api.get(f"/api/v1/photos?{query}")
    assert response.status_code == 400
    assert "NUL" in json.dumps(response.json())


def test_a_nul_character_in_a_photo_id_is_a_clear_400(api):
    response = api.get("/api/v1/photos/AB%00CD")
    assert response.status_code == 400


def test_a_nul_character_in_a_submitted_field_is_a_clear_400(api, grey_jpeg):
    response = api.post(
        "/api/v1/photos",
        {"image": upload(grey_jpeg), "photographer": "1\x00", "consent": "true"},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["fields"]["photographer"] == ["must not contain NUL characters"]
    assert not Photo.objects.exists()
