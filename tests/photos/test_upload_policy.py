"""Who may upload: LUPPA_UPLOAD_POLICY=open (the manual) or registered-business (the 2025
bill draft: photography companies in the trade register only), and every submitted photo
records the identified person who submitted it."""

from __future__ import annotations

import pytest
from django.test import Client
from factories import DraftPhotoFactory, StudioPhotographerFactory
from webtools import KALLE, KUVAAMO, PIA, force_login_private, grant, login

from luppa.accounts.models import Account, Photographer, User
from luppa.integrations import trade_register
from luppa.photos import services
from luppa.photos.models import Photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()  # register answers are cached for a day


def company(business_id: str, name: str) -> Photographer:
    account = Account.objects.create(
        kind=Account.Kind.COMPANY, name=name, business_id=business_id, studio_name=name
    )
    return Photographer.objects.create(account=account, name="Kari")


def draft_for(photographer) -> Photo:
    return DraftPhotoFactory(photographer=photographer)


def test_open_policy_lets_everyone_submit() -> None:
    assert trade_register.refusal("person", None) is None
    photo = services.submit(draft_for(company("7654321-2", "Kahvila Oy")))
    assert photo.state == Photo.State.SUBMITTED


@pytest.mark.parametrize(
    ("business_id", "reason"),
    [("7654321-2", "policy.not_photography"), ("1111111-8", "policy.not_active"),
     ("9999999-9", "policy.not_registered")],
)  # fmt: skip
def test_registered_business_refuses_what_is_missing(
    settings,
    business_id,
    reason,
) -> None:
    settings.UPLOAD_POLICY = "registered-business"
    draft = draft_for(company(business_id, "Yritys Oy"))
    with pytest.raises(services.SubmitRefused) as refused:
        services.submit(draft)
    assert refused.value.reason == reason
    draft.refresh_from_db()
    assert draft.state == Photo.State.DRAFT


def test_registered_business_accepts_a_photography_company(settings) -> None:
    settings.UPLOAD_POLICY = "registered-business"
    photo = services.submit(draft_for(StudioPhotographerFactory()))
    assert photo.state == Photo.State.SUBMITTED


def test_registered_business_refuses_a_private_account_on_the_page(
    settings,
    client: Client,
) -> None:
    force_login_private(client, PIA)
    settings.UPLOAD_POLICY = "registered-business"
    account = Account.objects.get(kind="person")
    account.photographers.update(mode="advanced")  # no guided steps before submitting
    draft = DraftPhotoFactory(photographer=account.photographers.get())
    response = client.post(f"/photos/draft/{draft.pk}/submit/", {"receipt_email": ""})
    assert response.status_code == 400
    assert "Yksityishenkilön käyttäjätililtä ei voi lähettää kuvia" in response.content.decode()


def test_an_unreachable_register_refuses_with_its_own_reason(settings, monkeypatch) -> None:
    settings.UPLOAD_POLICY = "registered-business"

    def down(self, business_id):
        raise trade_register.RegisterUnavailable

    monkeypatch.setattr(trade_register.FakeTradeRegister, "company", down)
    assert trade_register.refusal("company", KUVAAMO) == "policy.register_unavailable"


def test_a_non_photography_company_cannot_open_an_account(settings, client: Client) -> None:
    from luppa.integrations.authorizations import person_key
    from luppa.integrations.identification import TEST_PERSONS
    from luppa.integrations.models import FakeMandate

    settings.UPLOAD_POLICY = "registered-business"
    FakeMandate.objects.create(
        person_key=person_key(TEST_PERSONS[KALLE].hetu),
        business_id="7654321-2",
        company_name="Kahvila Oy",
        main_representative=True,
    )
    login(client, KALLE, "7654321-2")
    page = client.get("/login/company/7654321-2/", follow=True).content.decode()
    assert "valokuvausta" in page
    assert not Account.objects.filter(business_id="7654321-2").exists()
    grant(KALLE, main=True)  # Kuvaamo Oy photographs: its account opens
    login(client, KALLE, KUVAAMO)
    client.post(f"/login/company/{KUVAAMO}/", {"studio_name": "K", "contact_person": "K"})
    assert Account.objects.filter(business_id=KUVAAMO).exists()


def test_the_submitter_is_recorded_by_keyed_identity(
    client: Client,
) -> None:
    force_login_private(client, PIA)
    account = Account.objects.get(kind="person")
    account.photographers.update(mode="advanced")  # no guided steps before submitting
    draft = DraftPhotoFactory(photographer=account.photographers.get())
    response = client.post(f"/photos/draft/{draft.pk}/submit/", {"receipt_email": ""})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.submitted_by == User.objects.get().username
    assert len(draft.submitted_by) == 64  # a keyed hash, never the HETU
