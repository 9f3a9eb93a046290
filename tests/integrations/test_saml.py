"""Suomi.fi e-Identification end to end over SAML 2.0: our service provider against the
local fake IdP, both on pysaml2 and xmlsec1, with real signatures and encryption.

Every refusal is checked the way a user meets it: a clear page, status 403, and no session
(neither a signed-in user nor an identity) left behind.
"""

from __future__ import annotations

import base64
import re
import zlib
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from defusedxml import ElementTree
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from webtools import KALLE, PIA, grant

from luppa.accounts.models import Account, User
from luppa.accounts.views import IDENTITY_KEY, LOGOUT_STATE_KEY
from luppa.integrations import fake_idp
from luppa.integrations.authorizations import person_key
from luppa.integrations.identification import TEST_PERSONS
from luppa.integrations.suomifi import LOA_HIGH, LOA_SUBSTANTIAL

pytestmark = pytest.mark.django_db

ASTRID = len(TEST_PERSONS) - 1  # the eIDAS test person
SAMLP = "{urn:oasis:names:tc:SAML:2.0:protocol}"
SAML = "{urn:oasis:names:tc:SAML:2.0:assertion}"
MD = "{urn:oasis:names:tc:SAML:2.0:metadata}"
DS = "{http://www.w3.org/2000/09/xmldsig#}"


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def _inflate(value: str) -> bytes:
    return zlib.decompress(base64.b64decode(value), -15)


def start(client: Client, next_url: str = "/") -> dict[str, str]:
    """Press *Tunnistaudu*: the signed AuthnRequest's query parameters."""
    response = client.post("/login/", {"next": next_url})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/fake-idp/sso/"
    return _query(response["Location"])


def idp_response(params: dict[str, str], person: int = PIA, **misbehave) -> str:
    """The fake IdP's SAMLResponse to the request, optionally wrong in one way."""
    request = RequestFactory().get("/")
    authn = fake_idp.parse_authn_request(request, params)
    saml_response, _name_id = fake_idp.FakeIdp(request).response(
        authn, TEST_PERSONS[person], **misbehave
    )
    return saml_response


def through_idp_pages(client: Client, person: int = PIA) -> str:
    """Through the fake IdP's own pages as a browser goes: choose a person, get the form."""
    params = start(client)
    page = client.get("/fake-idp/sso/", params)
    assert page.status_code == 200
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.content.decode()))
    fields = {k: unescape(v) for k, v in fields.items()}
    fields["person"] = str(person)
    posted = client.post("/fake-idp/sso/", fields)
    assert posted.status_code == 200
    form = posted.content.decode()
    assert 'action="http://testserver/saml2/acs/"' in form
    return unescape(re.search(r'name="SAMLResponse" value="([^"]*)"', form).group(1))


def assert_refused(client: Client, saml_response: str) -> None:
    response = client.post("/saml2/acs/", {"SAMLResponse": saml_response})
    assert response.status_code == 403
    assert "Tunnistautuminen epäonnistui" in response.content.decode()
    assert_no_session(client)


def assert_no_session(client: Client) -> None:
    session = client.session
    assert "_auth_user_id" not in session
    assert IDENTITY_KEY not in session
    assert client.get("/photos/sent/")["Location"].startswith("/login/")


# --- the service provider's face -------------------------------------------------------------


def test_metadata_is_signed_and_names_certificates_and_endpoints(client: Client) -> None:
    response = client.get("/saml2/metadata/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/samlmetadata+xml"
    root = ElementTree.fromstring(response.content)
    assert root.get("entityID") == "http://testserver/saml2/metadata/"
    assert root.find(f"{DS}Signature") is not None
    sp = root.find(f"{MD}SPSSODescriptor")
    assert sp.get("AuthnRequestsSigned") == "true"
    assert sp.get("WantAssertionsSigned") == "true"
    uses = sorted(k.get("use") for k in sp.findall(f"{MD}KeyDescriptor"))
    assert uses == ["encryption", "signing"]
    acs = sp.find(f"{MD}AssertionConsumerService")
    assert acs.get("Binding") == "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
    assert acs.get("Location") == "http://testserver/saml2/acs/"
    assert sp.find(f"{MD}SingleLogoutService").get("Location") == "http://testserver/saml2/ls/"
    assert "transient" in sp.find(f"{MD}NameIDFormat").text


def test_authn_request_is_signed_asks_loa_and_passes_the_language(client: Client) -> None:
    client.cookies["django_language"] = "sv"
    params = start(client)
    assert params["SigAlg"] == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    assert params["Signature"]
    request = ElementTree.fromstring(_inflate(params["SAMLRequest"]))
    assert request.tag == f"{SAMLP}AuthnRequest"
    assert request.find(f"{SAMLP}NameIDPolicy").get("Format").endswith(":transient")
    refs = [r.text for r in request.iter(f"{SAML}AuthnContextClassRef")]
    assert refs == [LOA_SUBSTANTIAL, LOA_HIGH]
    assert request.find(".//{urn:vetuma:SAML:2.0:extensions}LG").text == "sv"
    # The fake IdP's page speaks the language asked for.
    page = client.get("/fake-idp/sso/", params).content.decode()
    assert 'lang="sv"' in page and "Pia Pikkarainen" in page


@override_settings(SAML_LOA="high")
def test_high_assurance_asks_loa3_only(client: Client) -> None:
    request = ElementTree.fromstring(_inflate(start(client)["SAMLRequest"]))
    assert [r.text for r in request.iter(f"{SAML}AuthnContextClassRef")] == [LOA_HIGH]


def test_the_fake_idp_refuses_an_unsigned_authn_request(client: Client) -> None:
    params = start(client)
    del params["Signature"]
    assert client.get("/fake-idp/sso/", params).status_code == 400


# --- signing in -------------------------------------------------------------------------------


def test_signs_in_through_the_fake_idp_pages(client: Client) -> None:
    saml_response = through_idp_pages(client, PIA)
    # The assertion is encrypted (AES) and nothing personal is readable in transit.
    xml = base64.b64decode(saml_response).decode()
    assert "EncryptedAssertion" in xml and "aes256-cbc" in xml
    assert TEST_PERSONS[PIA].hetu not in xml and "Pikkarainen" not in xml
    done = client.post("/saml2/acs/", {"SAMLResponse": saml_response})
    assert done["Location"] == "/login/choose/"
    user = User.objects.get()
    assert user.username == person_key(TEST_PERSONS[PIA].hetu)
    assert user.full_name == "Pia Pikkarainen"
    assert client.session[LOGOUT_STATE_KEY]["name_id"]
    client.post("/login/choose/", {"choice": "self", "confirm": "yes"})
    assert client.get("/").status_code == 200
    assert Account.objects.get().name == "Pia Pikkarainen"


def test_returns_to_the_page_asked_for(client: Client) -> None:
    params = start(client, next_url="/photos/sent/")
    client.post("/saml2/acs/", {"SAMLResponse": idp_response(params)})
    response = client.post("/login/choose/", {"choice": "self", "confirm": "yes"})
    assert response["Location"] == "/photos/sent/"


def test_an_eidas_user_gets_a_private_account_and_no_company(client: Client) -> None:
    grant(KALLE, main=True)
    params = start(client)
    done = client.post("/saml2/acs/", {"SAMLResponse": idp_response(params, ASTRID)})
    assert done["Location"] == "/login/choose/"
    page = client.get("/login/choose/").content.decode()
    assert "Astrid Lindqvist" in page and "Kuvaamo" not in page
    refused = client.post("/login/choose/", {"choice": "company"}, follow=True)
    assert "ei sallinut" in refused.content.decode()
    client.post("/login/choose/", {"choice": "self", "confirm": "yes"})
    account = Account.objects.get()
    assert account.kind == "person" and account.name == "Astrid Lindqvist"
    assert account.owner.username != person_key("")


# --- refusals ---------------------------------------------------------------------------------


def test_an_unsigned_assertion_is_refused(client: Client) -> None:
    assert_refused(client, idp_response(start(client), sign=False))


def test_a_plain_unencrypted_assertion_is_refused(client: Client) -> None:
    assert_refused(client, idp_response(start(client), encrypt=False))


def test_a_tampered_assertion_is_refused(client: Client) -> None:
    pia, kalle = TEST_PERSONS[PIA].hetu, TEST_PERSONS[KALLE].hetu

    def swap_hetu(xml: str) -> str:
        assert pia in xml
        return xml.replace(pia, kalle)

    assert_refused(client, idp_response(start(client), tamper=swap_hetu))
    assert not User.objects.exists()


def test_a_refusal_logs_no_personal_data(client: Client, caplog) -> None:
    pia, kalle = TEST_PERSONS[PIA].hetu, TEST_PERSONS[KALLE].hetu
    saml_response = idp_response(start(client), tamper=lambda xml: xml.replace(pia, kalle))
    with caplog.at_level("DEBUG"):
        assert_refused(client, saml_response)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "refused" in logged
    for secret in (pia, kalle, "Pikkarainen"):
        assert secret not in logged


def test_a_tampered_ciphertext_is_refused(client: Client) -> None:
    xml = base64.b64decode(idp_response(start(client))).decode()
    value = re.search(r"<ns0:CipherValue>([^<]+)</ns0:CipherValue>", xml).group(1)
    flipped = value[:40] + ("A" if value[40] != "A" else "B") + value[41:]
    assert_refused(client, base64.b64encode(xml.replace(value, flipped).encode()).decode())


def test_an_expired_assertion_is_refused(client: Client, monkeypatch) -> None:
    saml_response = idp_response(start(client))
    from saml2 import time_util

    later = time_util.utc_now() + 3600
    monkeypatch.setattr(time_util, "utc_now", lambda: later)
    assert_refused(client, saml_response)


def test_an_assertion_for_another_audience_is_refused(client: Client) -> None:
    params = start(client)
    assert_refused(client, idp_response(params, audience="https://other.example/saml2/metadata/"))


def test_a_response_to_a_request_never_sent_is_refused(client: Client) -> None:
    params = start(client)
    assert_refused(client, idp_response(params, in_response_to="id-never-sent-by-luppa"))


def test_a_response_from_someone_elses_login_is_accepted_once_only(client: Client) -> None:
    """A replay in another browser: the request was answered, the assertion was used."""
    saml_response = idp_response(start(client))
    assert client.post("/saml2/acs/", {"SAMLResponse": saml_response})["Location"].endswith(
        "/choose/"
    )
    other = Client()
    assert_refused(other, saml_response)


def test_a_replay_in_the_same_browser_ends_nothing_but_gets_no_new_session(
    client: Client,
) -> None:
    saml_response = idp_response(start(client))
    client.post("/saml2/acs/", {"SAMLResponse": saml_response})
    assert_refused(client, saml_response)


def test_a_replay_on_a_second_app_instance_is_refused() -> None:
    """The replay store is the shared Django cache (here the database cache, as two app
    servers would share it), not the memory of the process that first saw the assertion."""
    shared = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "luppa_test_cache"}}  # fmt: skip
    with override_settings(CACHES=shared):
        call_command("createcachetable", verbosity=0)
        first = Client()
        saml_response = idp_response(start(first))
        assert first.post("/saml2/acs/", {"SAMLResponse": saml_response}).status_code == 302
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT cache_key FROM luppa_test_cache")
            keys = [row[0] for row in cursor.fetchall()]
        assert any("saml:assertion:" in k for k in keys)
        # A second instance: a new process would start with empty memory; so does this.
        from django.core.cache import caches

        caches.close_all()
        del caches["default"]
        assert_refused(Client(), saml_response)


@override_settings(SAML_LOA="high")
def test_a_lower_level_of_assurance_than_asked_is_refused(client: Client) -> None:
    assert_refused(client, idp_response(start(client), level=LOA_SUBSTANTIAL))


@pytest.mark.parametrize(
    "junk",
    ["", "not base64 at all!", base64.b64encode(b"<html/>").decode(),
     base64.b64encode(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>').decode(), "A" * 300_000],
)  # fmt: skip
def test_junk_is_refused_with_a_page_not_an_error(client: Client, junk: str) -> None:
    assert_refused(client, junk)


def test_the_acs_takes_only_post(client: Client) -> None:
    assert client.get("/saml2/acs/").status_code == 405


# --- single logout ----------------------------------------------------------------------------


def _signed_in(client: Client) -> None:
    response = client.post("/saml2/acs/", {"SAMLResponse": through_idp_pages(client, PIA)})
    assert response["Location"] == "/login/choose/"
    client.post("/login/choose/", {"choice": "self", "confirm": "yes"})
    assert client.get("/").status_code == 200


def test_logout_ends_the_session_here_and_at_the_idp(client: Client) -> None:
    _signed_in(client)
    to_idp = client.post("/logout/")
    assert urlsplit(to_idp["Location"]).path == "/fake-idp/slo/"
    params = _query(to_idp["Location"])
    assert params["Signature"] and params["SigAlg"].endswith("rsa-sha256")
    assert ElementTree.fromstring(_inflate(params["SAMLRequest"])).tag == f"{SAMLP}LogoutRequest"
    assert_no_session(client)
    back = client.get(to_idp["Location"])
    assert urlsplit(back["Location"]).path == "/saml2/ls/"
    done = client.get(back["Location"], follow=True)
    assert "Olet kirjautunut ulos" in done.content.decode()
    assert_no_session(client)


def test_logout_started_at_the_idp_ends_our_session(client: Client) -> None:
    _signed_in(client)
    to_sp = client.post("/fake-idp/")
    assert urlsplit(to_sp["Location"]).path == "/saml2/ls/"
    assert _query(to_sp["Location"])["Signature"]
    answer = client.get(to_sp["Location"])
    assert_no_session(client)
    assert urlsplit(answer["Location"]).path == "/fake-idp/slo/"
    page = client.get(answer["Location"])
    assert page.status_code == 200
    assert "kirjautunut ulos kaikista" in page.content.decode()


def test_an_unsigned_logout_request_is_refused_and_the_session_stays(client: Client) -> None:
    _signed_in(client)
    to_sp = client.post("/fake-idp/")
    params = _query(to_sp["Location"])
    del params["Signature"]
    assert client.get("/saml2/ls/", params).status_code == 400
    assert client.get("/").status_code == 200
    assert "_auth_user_id" in client.session


def test_a_logout_response_we_never_asked_for_is_refused(client: Client) -> None:
    _signed_in(client)
    to_idp = client.post("/logout/")
    back = client.get(to_idp["Location"])
    assert client.get(back["Location"]).status_code == 302
    # The same answer again: its request was already answered.
    assert client.get(back["Location"]).status_code == 400
