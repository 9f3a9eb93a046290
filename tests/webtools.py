"""Helpers for web tests.

`identify` leaves in the session exactly what the SAML assertion consumer service leaves after
a successful identification (luppa.accounts.views.sign_in), without the round trip through
the fake IdP: the SAML flow itself is tested end to end in test_saml.py and the browser tests.
"""

from __future__ import annotations

from django.test import Client, RequestFactory

from luppa.integrations.authorizations import person_key
from luppa.integrations.identification import TEST_PERSONS
from luppa.integrations.models import FakeMandate

PIA, KALLE, LIISA, VILLE, OUTI, MIKAEL, AILA = range(7)
KUVAAMO = "1234567-1"


def grant(person: int, business_id: str = KUVAAMO, main: bool = False) -> None:
    FakeMandate.objects.get_or_create(
        person_key=person_key(TEST_PERSONS[person].hetu),
        business_id=business_id,
        defaults={"company_name": "Kuvaamo Oy", "main_representative": main},
    )


def identify(client: Client, person: int) -> None:
    """Identified as a test person, up to the role choice, as after the SAML sign-in."""
    from django.conf import settings
    from django.contrib.auth import get_user

    from luppa.accounts.views import sign_in
    from luppa.integrations.identification import Identity

    who = TEST_PERSONS[person]
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = get_user(request)
    identity = Identity(who.hetu, who.first_names, who.last_name, eidas_id=who.eidas_id)
    sign_in(request, identity, "/", {})
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key


def login(client: Client, person: int = PIA, choice: str = "self") -> None:
    identify(client, person)
    response = client.post("/login/choose/", {"choice": choice})
    assert response.status_code == 302, response.content


def make_staff(person: int, organisation: str = "police", role: str = "officer"):
    """A permit officer (or administrator) for a test person; returns the Officer."""
    from luppa.accounts.models import User
    from luppa.officer.models import Officer

    test_person = TEST_PERSONS[person]
    name = f"{test_person.first_names} {test_person.last_name}"
    user, _created = User.objects.get_or_create(
        username=person_key(test_person.hetu), defaults={"full_name": name}
    )
    staff, _created = Officer.objects.get_or_create(
        user=user, defaults={"name": name, "organisation": organisation, "role": role}
    )
    return staff


def login_staff(client: Client, person: int = OUTI, organisation: str = "police",
                role: str = "officer"):  # fmt: skip
    staff = make_staff(person, organisation, role)
    identify(client, person)
    response = client.post("/login/choose/", {"choice": "staff"})
    assert response["Location"] == "/officer/", response
    return staff


def open_company(client: Client | None = None):
    """Kalle, Kuvaamo Oy's main representative, opens its account through the real pages.

    Returns (client logged in to it, the Account)."""
    from luppa.accounts.models import Account

    client = client or Client()
    grant(KALLE, main=True)
    login(client, KALLE, KUVAAMO)
    client.post(f"/login/company/{KUVAAMO}/", {"studio_name": "Kuvaamo", "contact_person": "K"})
    return client, Account.objects.get(business_id=KUVAAMO)
