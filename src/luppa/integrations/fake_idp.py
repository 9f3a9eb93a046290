"""A local stand-in for Suomi.fi e-Identification: a real SAML 2.0 identity provider on
pysaml2, with test keys and the demo's test persons, for development, the demo and tests.

It checks the signature of each AuthnRequest and LogoutRequest against the service
provider's metadata, signs its assertions (RSA-SHA256) and encrypts them to the SP's
encryption certificate, with the attributes and levels of assurance Suomi.fi uses. Mounted
under /fake-idp/ outside production (settings.FAKE_IDP_ENABLED), or standalone with
`luppa fake-idp`. `FakeIdp.response()` can also misbehave on purpose (unsigned, tampered,
expired, another audience, unsolicited) so that tests show the service refusing each.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_http_methods
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, samlp
from saml2.config import IdPConfig
from saml2.ident import code, decode
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_TRANSIENT, NameID
from saml2.server import Server
from saml2.sigver import get_pem_wrapped_unwrapped, make_temp, pre_encryption_part
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from .identification import TEST_PERSONS, TestPerson
from .suomifi import (
    AES256_CBC,
    ATTR_CN,
    ATTR_EIDAS_ID,
    ATTR_EIDAS_SURNAME,
    ATTR_GIVEN_NAME,
    ATTR_HETU,
    ATTR_SURNAME,
    LOA_HIGH,
    LOA_SUBSTANTIAL,
    VETUMA_NS,
    _xmlsec,
    base_url,
    signed_metadata,
    sp_metadata_xml,
)
from .testkeys import test_keypair

PATH = "/fake-idp/"
SESSION_COOKIE = "luppa_fake_idp"
ASSERTION_MINUTES = 5


def _idp_base(request: HttpRequest | None) -> str:
    return (
        settings.FAKE_IDP_BASE_URL.rstrip("/") if settings.FAKE_IDP_BASE_URL else base_url(request)
    )


def _idp_settings(base: str, sp_base: str | None) -> dict[str, Any]:
    key, cert = (str(p) for p in test_keypair("fake-idp"))
    conf: dict[str, Any] = {
        "entityid": f"{base}{PATH}metadata/",
        "xmlsec_binary": _xmlsec(),
        "key_file": key,
        "cert_file": cert,
        "accepted_time_diff": 60,
        "delete_tmpfiles": True,
        "service": {
            "idp": {
                "name": "Suomi.fi-tunnistus (paikallinen testi)",
                "endpoints": {
                    "single_sign_on_service": [(f"{base}{PATH}sso/", BINDING_HTTP_REDIRECT)],
                    "single_logout_service": [(f"{base}{PATH}slo/", BINDING_HTTP_REDIRECT)],
                },
                "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                "want_authn_requests_signed": True,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "policy": {
                    "default": {
                        "lifetime": {"minutes": ASSERTION_MINUTES},
                        "name_form": NAME_FORMAT_URI,
                        "attribute_restrictions": None,
                    }
                },
            }
        },
    }
    if sp_base is not None:
        if settings.FAKE_IDP_SP_METADATA_URL:
            conf["metadata"] = {"remote": [{"url": settings.FAKE_IDP_SP_METADATA_URL}]}
        else:
            conf["metadata"] = {"inline": [sp_metadata_xml(sp_base, sign=False)]}
    return conf


@lru_cache(maxsize=8)
def idp_metadata_xml(base: str) -> str:
    """The fake IdP's metadata, as Suomi.fi publishes its own (signed)."""
    conf = IdPConfig()
    conf.load(_idp_settings(base, None))
    return signed_metadata(conf)


@lru_cache(maxsize=8)
def _server(base: str, sp_base: str) -> Server:
    conf = IdPConfig()
    conf.load(_idp_settings(base, sp_base))
    return Server(config=conf)


def server(request: HttpRequest | None) -> Server:
    # Mounted in the service, the SP is at the same address; standalone, the SP's metadata
    # comes from FAKE_IDP_SP_METADATA_URL and the address below is not used.
    return _server(_idp_base(request), base_url(request))


def attributes_for(person: TestPerson) -> dict[str, list[str]]:
    """What Suomi.fi releases about a person: Finns by HETU, eIDAS users by their identifier."""
    if person.eidas_id:
        return {
            ATTR_EIDAS_ID: [person.eidas_id],
            ATTR_GIVEN_NAME: [person.first_names],
            ATTR_EIDAS_SURNAME: [person.last_name],
        }
    return {
        ATTR_HETU: [person.hetu],
        ATTR_SURNAME: [person.last_name],
        ATTR_GIVEN_NAME: [person.first_names],
        ATTR_CN: [f"{person.last_name} {person.first_names}"],
    }


class _FakeServer(Server):
    """Encrypts with AES-256-CBC as Suomi.fi does (pysaml2's default is 3DES), and can change
    the signed assertion just before encryption (a tampering test)."""

    tamper: Any = None

    def has_encrypt_cert_in_metadata(self, sp_entity_id: str) -> bool:
        # An audience we have no metadata for (a wrong-audience test) still gets encrypted
        # to the certificate passed in.
        try:
            return super().has_encrypt_cert_in_metadata(sp_entity_id)
        except KeyError:
            return False

    def _encrypt_assertion(self, encrypt_cert, sp_entity_id, response, node_xpath=None):
        if self.tamper is not None:
            response = self.tamper(str(response))
        wrapped, unwrapped = get_pem_wrapped_unwrapped(encrypt_cert)
        cert_file = make_temp(wrapped.encode("ascii"), decode=False, delete_tmpfiles=True)
        template = pre_encryption_part(msg_enc=AES256_CBC, encrypt_cert=unwrapped)
        return self.sec.encrypt_assertion(
            response, cert_file.name, template, key_type="aes-256", node_xpath=node_xpath
        )


@dataclass(frozen=True)
class AuthnRequestInfo:
    id: str
    sp_entity_id: str
    acs_url: str
    levels: tuple[str, ...]
    language: str


def parse_authn_request(request: HttpRequest, params: dict[str, str]) -> AuthnRequestInfo:
    """The SP's AuthnRequest, its redirect signature checked against the SP's metadata."""
    idp = server(request)
    parsed = idp.parse_authn_request(
        params["SAMLRequest"],
        BINDING_HTTP_REDIRECT,
        relay_state=params.get("RelayState"),
        sigalg=params.get("SigAlg"),
        signature=params.get("Signature"),
    )
    message = parsed.message
    levels: tuple[str, ...] = ()
    if message.requested_authn_context is not None:
        levels = tuple(r.text for r in message.requested_authn_context.authn_context_class_ref)
    language = "fi"
    if message.extensions is not None:
        for element in message.extensions.extension_elements:
            if element.tag == "vetuma" and element.namespace == VETUMA_NS:
                for child in element.children:
                    if child.tag == "LG" and child.text in ("fi", "sv", "en"):
                        language = child.text
    acs = (
        message.assertion_consumer_service_url
        or idp.config.metadata.assertion_consumer_service(message.issuer.text, BINDING_HTTP_POST)[
            0
        ]["location"]
    )
    return AuthnRequestInfo(message.id, message.issuer.text, acs, levels, language)


class FakeIdp:
    """Builds Suomi.fi-like responses; the keyword arguments make them wrong on purpose."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        self.request = request

    def response(
        self,
        authn: AuthnRequestInfo,
        person: TestPerson,
        *,
        level: str | None = None,
        sign: bool = True,
        encrypt: bool = True,
        audience: str | None = None,
        tamper: Any = None,
        in_response_to: str | None = None,
    ) -> tuple[str, str]:
        """(base64 SAMLResponse, transient NameID as stored by the IdP's session)."""
        base = server(self.request)
        idp = _FakeServer(config=base.config)
        idp.tamper = tamper
        level = level or (
            LOA_HIGH if LOA_HIGH in authn.levels or not authn.levels else LOA_SUBSTANTIAL
        )
        name_id = NameID(
            format=NAMEID_FORMAT_TRANSIENT,
            text=f"AAdzZWNyZXQx{secrets.token_hex(16)}",
            name_qualifier=idp.config.entityid,
            sp_name_qualifier=authn.sp_entity_id,
        )
        sp_cert = None
        for _name, cert in idp.metadata.certs(authn.sp_entity_id, "spsso", "encryption"):
            sp_cert = cert
        xml = idp.create_authn_response(
            attributes_for(person),
            in_response_to or authn.id,
            authn.acs_url,
            audience or authn.sp_entity_id,
            name_id=name_id,
            authn={"class_ref": level, "authn_auth": idp.config.entityid},
            sign_assertion=sign,
            sign_response=False,
            encrypt_assertion=encrypt,
            encrypt_cert_assertion=_pem(sp_cert) if encrypt and sp_cert else None,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        return base64.b64encode(str(xml).encode()).decode(), code(name_id)

    def logout_request(self, sp_entity_id: str, name_id: str) -> str:
        """The URL that starts IdP-initiated single logout at the SP (signed redirect)."""
        idp = server(self.request)
        destination = idp.metadata.single_logout_service(
            sp_entity_id, BINDING_HTTP_REDIRECT, "spsso"
        )
        location = destination[0]["location"]
        _id, message = idp.create_logout_request(
            location, sp_entity_id, name_id=decode(name_id), sign=False
        )
        info = idp.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(message),
            location,
            relay_state="",
            sign=True,
            sigalg=SIG_RSA_SHA256,
        )
        return dict(info["headers"])["Location"]


def _pem(cert: str) -> str:
    if cert.startswith("-----BEGIN"):
        return cert
    return f"-----BEGIN CERTIFICATE-----\n{cert}\n-----END CERTIFICATE-----\n"


# --- views --------------------------------------------------------------------------------------

_SIGNED_FIELDS = ("SAMLRequest", "RelayState", "SigAlg", "Signature")


def _params(source: Any) -> dict[str, str]:
    return {k: source[k] for k in _SIGNED_FIELDS if k in source}


@require_http_methods(["GET", "POST"])
def sso(request: HttpRequest) -> HttpResponse:
    """Suomi.fi's identification page: choose a test person (GET), then post back (POST)."""
    params = _params(request.GET if request.method == "GET" else request.POST)
    if "SAMLRequest" not in params:
        return HttpResponseBadRequest("SAMLRequest missing")
    try:
        authn = parse_authn_request(request, params)
    except Exception:  # an unsigned or broken request: the same refusal
        return HttpResponseBadRequest("The authentication request was not accepted.")
    if request.method == "GET":
        people = list(enumerate(TEST_PERSONS))
        # The page speaks the language the service asked for, as Suomi.fi's does.
        with translation.override(authn.language):
            return render(
                request,
                "fake_idp/choose.html",
                {"people": people, "params": params, "authn": authn},
            )
    try:
        person = TEST_PERSONS[int(request.POST.get("person", ""))]
    except (ValueError, IndexError):
        return HttpResponseBadRequest("Choose a test person.")
    saml_response, name_id = FakeIdp(request).response(authn, person)
    with translation.override(authn.language):
        page = render(
            request,
            "fake_idp/post.html",
            {
                "action": authn.acs_url,
                "saml_response": saml_response,
                "relay": params.get("RelayState", ""),
            },
        )
    # The IdP's own session: enough to start single logout from its side later.
    page.set_signed_cookie(
        SESSION_COOKIE,
        signing.dumps({"sp": authn.sp_entity_id, "name_id": name_id}),
        salt=SESSION_COOKIE,
        httponly=True,
        samesite="Lax",
        max_age=8 * 3600,
    )
    return page


@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    """The IdP's own page: who is signed in here, and a button to sign out everywhere."""
    session = _idp_session(request)
    if request.method == "POST" and session:
        return HttpResponseRedirect(
            FakeIdp(request).logout_request(session["sp"], session["name_id"])
        )
    return render(request, "fake_idp/home.html", {"session": session})


@require_http_methods(["GET"])
def slo(request: HttpRequest) -> HttpResponse:
    """Logout messages from the SP: its request (SP-initiated) or its answer (ours)."""
    idp = server(request)
    if "SAMLRequest" in request.GET:
        params = _params(request.GET)
        try:
            parsed = idp.parse_logout_request(
                params["SAMLRequest"],
                BINDING_HTTP_REDIRECT,
                relay_state=params.get("RelayState"),
                sigalg=params.get("SigAlg"),
                signature=params.get("Signature"),
            )
        except Exception:
            return HttpResponseBadRequest("The logout request was not accepted.")
        if parsed is None or not params.get("Signature"):
            return HttpResponseBadRequest("The logout request was not accepted.")
        answer = idp.create_logout_response(parsed.message, [BINDING_HTTP_REDIRECT], sign=False)
        destination = idp.metadata.single_logout_service(
            parsed.message.issuer.text, BINDING_HTTP_REDIRECT, "spsso"
        )
        info = idp.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(answer),
            destination[0]["location"],
            relay_state=params.get("RelayState", ""),
            response=True,
            sign=True,
            sigalg=SIG_RSA_SHA256,
        )
        redirect = HttpResponseRedirect(dict(info["headers"])["Location"])
        redirect.delete_cookie(SESSION_COOKIE)
        return redirect
    if "SAMLResponse" in request.GET:
        try:
            answer = idp.parse_logout_request_response(
                request.GET["SAMLResponse"], BINDING_HTTP_REDIRECT
            )
        except Exception:
            return HttpResponseBadRequest("The logout response was not accepted.")
        ok = answer is not None and answer.response.status.status_code.value == samlp.STATUS_SUCCESS
        page = render(request, "fake_idp/home.html", {"session": None, "logged_out": ok})
        page.delete_cookie(SESSION_COOKIE)
        return page
    return HttpResponseBadRequest("No logout message.")


def metadata(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        idp_metadata_xml(_idp_base(request)), content_type="application/samlmetadata+xml"
    )


def _idp_session(request: HttpRequest) -> dict | None:
    try:
        value = request.get_signed_cookie(SESSION_COOKIE, salt=SESSION_COOKIE)
        return signing.loads(value)
    except (KeyError, signing.BadSignature):
        return None
