"""Helpers for web tests.

`identify` leaves in the session exactly what the SAML assertion consumer service leaves after
a successful identification (luppa.accounts.views.sign_in), without the round trip through
the fake IdP: the SAML flow itself is tested end to end in test_saml.py and the browser tests.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core import signals
from django.db import close_old_connections
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
    """Signed in and acting as themselves, as an officer, or (a business ID) for a company."""
    identify(client, person)
    if choice in ("self", "officer"):
        # A new private account is opened on a confirmation (the chooser asks for it).
        response = client.post("/login/choose/", {"choice": choice, "confirm": "yes"})
    else:
        response = act_for(client, choice)
    assert response.status_code == 302, response.content


class ClientReply:
    """A Django test client's response as `requests` returns one: for the integrations'
    HTTP clients served in-process by the local fakes."""

    def __init__(self, response) -> None:
        from requests.structures import CaseInsensitiveDict

        self.status_code = response.status_code
        self.content = response.content
        self.headers = CaseInsensitiveDict(dict(response.items()))

    def json(self):
        import json

        return json.loads(self.content)

    def raise_for_status(self) -> None:
        import requests

        if self.status_code >= 400:
            raise requests.HTTPError(str(self.status_code))


def local(url: str) -> str:
    return url.removeprefix("http://testserver")


def act_for(client: Client, business_id: str):
    """Through the real e-Authorizations flow against the fake: the chooser registers a
    session and sends the browser to the selection page, where `business_id` is chosen; the
    answer to the return to the chooser (a redirect) is returned. The app's back-channel
    calls reach the fake through conftest's `valtuudet_back_channel`."""
    start = client.post("/login/choose/", {"choice": "company"})
    assert start.status_code == 302 and "/fake-valtuudet/oauth/authorize" in start["Location"]
    page = client.get(local(start["Location"]))
    assert page.status_code == 200
    params = {k: v[0] for k, v in parse_qs(urlsplit(start["Location"]).query).items()}
    chosen = client.post("/fake-valtuudet/oauth/authorize", {**params, "company": business_id})
    if chosen.status_code != 302:  # not among the person's companies: they cancel
        return client.get("/login/company/")
    return client.get(local(chosen["Location"]))


def make_officer(person: int, organisation: str = "police", role: str = "officer"):
    """A permit officer (or administrator) for a test person; returns the Officer."""
    from factories import OfficerFactory

    return OfficerFactory(person=person, organisation=organisation, role=role)


def login_officer(client: Client, person: int = OUTI, organisation: str = "police",
                role: str = "officer"):  # fmt: skip
    officer = make_officer(person, organisation, role)
    identify(client, person)
    response = client.post("/login/choose/", {"choice": "officer"})
    assert response["Location"] == "/officer/", response
    return officer


def open_company(client: Client | None = None):
    """Kalle, Kuvaamo Oy's main representative, opens its account through the real pages.

    Returns (client logged in to it, the Account)."""
    from luppa.accounts.models import Account

    client = client or Client()
    grant(KALLE, main=True)
    login(client, KALLE, KUVAAMO)
    client.post(f"/login/company/{KUVAAMO}/", {"studio_name": "Kuvaamo", "contact_person": "K"})
    return client, Account.objects.get(business_id=KUVAAMO)


# --- logged in without the identification (force_login) --------------------------------------
#
# What `login` and `login_officer` leave in the session, made directly: the user as the sign-in
# makes it, the identity (encrypted, for the mandate re-checks and My photos), the account or
# officer role chosen. For tests in which the identification and the chooser are not under test;
# those are tested for real in tests/accounts/ (test_web_login, test_account_chooser,
# test_session_rights), tests/integrations/test_saml.py and tests/e2e/test_e2e_signin.py.


def _force_login(client: Client, person: int, **session_values) -> None:
    import json

    from factories import PersonUserFactory

    from luppa.accounts.middleware import IDENTITY_KEY
    from luppa.accounts.views import LOGOUT_STATE_KEY
    from luppa.core.crypto import encrypt
    from luppa.integrations.identification import Identity

    who = TEST_PERSONS[person]
    client.force_login(PersonUserFactory(person=person))
    identity = Identity(who.hetu, who.first_names, who.last_name, eidas_id=who.eidas_id)
    session = client.session
    session[IDENTITY_KEY] = encrypt(json.dumps(identity.__dict__).encode()).decode()
    session[LOGOUT_STATE_KEY] = {}
    session.update(session_values)
    session.save()


def force_login_private(client: Client, person: int = PIA):
    """`login(client, person)`: the person's own private account, opened if need be."""
    from factories import PersonUserFactory

    from luppa.accounts import services
    from luppa.accounts.middleware import SESSION_KEY

    user = PersonUserFactory(person=person)
    account = services.open_private_account(user)
    services.record_access(user, account, "self")
    _force_login(client, person, **{SESSION_KEY: account.pk})
    return account


def force_login_company(client: Client, person: int = KALLE, business_id: str = KUVAAMO,
                        main: bool = True, **account_fields):  # fmt: skip
    """A company account (opened if need be) and the person acting in it on a mandate."""
    from factories import CompanyAccountFactory

    from luppa.accounts.middleware import SESSION_KEY

    grant(person, business_id, main=main)
    account_fields.setdefault("studio_name", "Kuvaamo")
    account_fields.setdefault("contact_person", "K")
    account = CompanyAccountFactory(business_id=business_id, **account_fields)
    # The identification is skipped; the company is still chosen through e-Authorizations
    # (the fake, over conftest's back channel), as the mandate re-checks read that session.
    _force_login(client, person)
    act_for(client, business_id)
    assert client.session.get(SESSION_KEY) == account.pk, "the chooser did not enter the account"
    return account


def force_login_officer(client: Client, person: int = OUTI, organisation: str = "police",
                      role: str = "officer"):  # fmt: skip
    """`login_officer`: an officer (made if need be) in the officer role; the Officer."""
    from luppa.accounts.middleware import OFFICER_SESSION_KEY

    officer = make_officer(person, organisation, role)
    _force_login(client, person, **{OFFICER_SESSION_KEY: officer.pk})
    return officer


def named(model, name: str, field: str = "name"):
    """The one row whose encrypted `field` reads `name` (the database cannot compare it)."""
    found = [row for row in model.objects.all() if getattr(row, field) == name]
    assert len(found) == 1, f"{len(found)} {model.__name__} named {name!r}"
    return found[0]


@dataclass
class WsgiResponse:
    status: int
    headers: dict[str, str]  # names lower-cased
    content: bytes

    def json(self) -> object:
        return json.loads(self.content)


def wsgi_call(path: str, method: str = "GET", body: bytes = b"", remote_addr: str = "127.0.0.1",
              keep_connection: bool = True, **headers: str) -> WsgiResponse:  # fmt: skip
    """A request as gunicorn hands it to the service's WSGI application (luppa.wsgi), which
    sends /xroad/ to its lean handler, not the middleware of Django's test client. As that
    client does, the test's database connection is kept (close_old_connections is off)
    unless keep_connection=False (a transaction=True test: the request starts as a server's
    would, health check included); `headers` are WSGI names: HTTP_X_ROAD_CLIENT=..."""
    from luppa.wsgi import application  # builds the handlers: only when first used

    environ = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver", "REMOTE_ADDR": remote_addr, "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body), "wsgi.errors": io.StringIO(), "wsgi.version": (1, 0),
        "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(body)), **headers,
    }  # fmt: skip
    started: list[str] = []
    given: list[tuple[str, str]] = []

    def start_response(status: str, response_headers: list, exc_info: object = None) -> None:
        started.append(status)
        given.extend(response_headers)

    if keep_connection:
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        content = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    finally:
        if keep_connection:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
    return WsgiResponse(int(started[0][:3]), {k.lower(): v for k, v in given}, content)
