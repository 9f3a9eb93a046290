"""Suomi.fi e-Identification: a SAML 2.0 service provider on pysaml2, per Suomi.fi's profile.

- SP metadata (signed, with the signing and encryption certificates and the HTTP-POST
  assertion consumer service) at /saml2/metadata/.
- AuthnRequest over HTTP-Redirect, signed with RSA-SHA256, transient NameID, the requested
  level of assurance (substantial: loa2 or loa3; high: loa3), the UI language in Suomi.fi's
  `vetuma` extension.
- Responses must carry exactly one encrypted, signed assertion, answer a request this
  service sent (kept in the shared Django cache, not in process memory or the browser's
  session: Suomi.fi posts cross-site, where a SameSite=Lax session cookie is not sent),
  and may be used once (assertion IDs go into the same cache until they expire).
- Single logout over HTTP-Redirect, started by either side, signatures checked both ways.

The identity provider is whatever the metadata names: Suomi.fi's (production or test
environment, from LUPPA_SAML_IDP_METADATA_URL / _FILE) or, by default outside production,
the local fake IdP mounted at /fake-idp/ (luppa.integrations.fake_idp).
"""

from __future__ import annotations

import base64
import binascii
import calendar
import logging
import secrets
import shutil
import time
from functools import lru_cache
from typing import Any

from defusedxml import ElementTree
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from saml2 import (
    BINDING_HTTP_POST,
    BINDING_HTTP_REDIRECT,
    ExtensionElement,
    samlp,
)
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.ident import code, decode
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_TRANSIENT, AuthnContextClassRef
from saml2.samlp import RequestedAuthnContext
from saml2.sigver import verify_redirect_signature
from saml2.time_util import str_to_time
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from ..core.person_id import normalise_hetu
from . import saml_keys
from .identification import Identification, IdentificationFailed, Identity, LogoutOutcome

saml_keys.install()

log = logging.getLogger(__name__)

LOA_SUBSTANTIAL = "http://ftn.ficora.fi/2017/loa2"
LOA_HIGH = "http://ftn.ficora.fi/2017/loa3"
LOA_LEVELS = {"substantial": [LOA_SUBSTANTIAL, LOA_HIGH], "high": [LOA_HIGH]}

ATTR_HETU = "urn:oid:1.2.246.21"
ATTR_SURNAME = "urn:oid:2.5.4.4"
ATTR_CN = "urn:oid:2.5.4.3"
ATTR_GIVEN_NAME = "http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName"
ATTR_EIDAS_ID = "http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier"
ATTR_EIDAS_SURNAME = "http://eidas.europa.eu/attributes/naturalperson/CurrentFamilyName"

VETUMA_NS = "urn:vetuma:SAML:2.0:extensions"
XMLENC_NS = "http://www.w3.org/2001/04/xmlenc#"
AES256_CBC = f"{XMLENC_NS}aes256-cbc"
# Content encryption we accept: AES only (Suomi.fi uses AES; 3DES is refused).
ACCEPTED_ENCRYPTION = {
    f"{XMLENC_NS}aes128-cbc",
    AES256_CBC,
    "http://www.w3.org/2009/xmlenc11#aes128-gcm",
    "http://www.w3.org/2009/xmlenc11#aes256-gcm",
}
SAMLP_NS = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion"

# A request we sent is answered within this time, or not at all.
REQUEST_TTL = 15 * 60
# Clock skew tolerated between us and the IdP.
TIME_SLACK = 60
MAX_MESSAGE_BYTES = 256 * 1024
CACHE_PREFIX = "luppa:saml:"


# --- configuration ---------------------------------------------------------------------------


def base_url(request: HttpRequest | None) -> str:
    """The service's own address: fixed in production, the request's host in development."""
    if settings.SAML_BASE_URL:
        return settings.SAML_BASE_URL.rstrip("/")
    if request is None:
        return "http://127.0.0.1:8000"
    return f"{request.scheme}://{request.get_host()}"


def _keypairs() -> tuple[str, str, str, str]:
    """(signing key, signing cert, encryption key, encryption cert) file paths."""
    if settings.SAML_KEY_FILE and settings.SAML_CERT_FILE:
        sign = (settings.SAML_KEY_FILE, settings.SAML_CERT_FILE)
    elif settings.PRODUCTION:
        raise ImproperlyConfigured("LUPPA_SAML_KEY_FILE and LUPPA_SAML_CERT_FILE must be set")
    else:
        from .testkeys import test_keypair

        sign = tuple(str(p) for p in test_keypair("saml-sp"))
    if settings.SAML_ENCRYPTION_KEY_FILE and settings.SAML_ENCRYPTION_CERT_FILE:
        enc = (settings.SAML_ENCRYPTION_KEY_FILE, settings.SAML_ENCRYPTION_CERT_FILE)
    else:
        enc = sign
    return sign[0], sign[1], enc[0], enc[1]


def _xmlsec() -> str:
    binary = shutil.which("xmlsec1")
    if binary is None:
        raise ImproperlyConfigured("xmlsec1 is needed for SAML (Debian package xmlsec1)")
    return binary


def sp_settings(base: str, with_idp_metadata: bool = True) -> dict[str, Any]:
    """The pysaml2 configuration of this service provider."""
    key, cert, enc_key, enc_cert = _keypairs()
    conf: dict[str, Any] = {
        "entityid": settings.SAML_ENTITY_ID or f"{base}/saml2/metadata/",
        "xmlsec_binary": _xmlsec(),
        "key_file": key,
        "cert_file": cert,
        "encryption_keypairs": [{"key_file": enc_key, "cert_file": enc_cert}],
        "accepted_time_diff": TIME_SLACK,
        "allow_unknown_attributes": True,
        "delete_tmpfiles": True,
        "service": {
            "sp": {
                "name": "Luppa",
                "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                "endpoints": {
                    "assertion_consumer_service": [(f"{base}/saml2/acs/", BINDING_HTTP_POST)],
                    "single_logout_service": [(f"{base}/saml2/ls/", BINDING_HTTP_REDIRECT)],
                },
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "logout_responses_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "want_assertions_or_response_signed": True,
                "allow_unsolicited": False,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
            }
        },
        "organization": {
            "name": [("Poliisi", "fi"), ("Polisen", "sv"), ("Police of Finland", "en")],
            "display_name": [
                ("Luppa – valokuvapalvelu", "fi"),
                ("Luppa – fototjänst", "sv"),
                ("Luppa – photo service", "en"),
            ],
            "url": [(base, "fi"), (base, "sv"), (base, "en")],
        },
        "contact_person": [
            {
                "contact_type": "technical",
                "given_name": "Luppa",
                "sur_name": "Ylläpito",
                "email_address": [settings.SAML_CONTACT_EMAIL],
            }
        ],
    }
    if with_idp_metadata:
        conf["metadata"] = _idp_metadata_source(base)
    return conf


def _idp_metadata_source(base: str) -> dict[str, Any]:
    if settings.SAML_IDP_METADATA_URL:
        remote: dict[str, str] = {"url": settings.SAML_IDP_METADATA_URL}
        if settings.SAML_IDP_METADATA_CERT:
            remote["cert"] = settings.SAML_IDP_METADATA_CERT
        return {"remote": [remote]}
    if settings.SAML_IDP_METADATA_FILE:
        return {"local": [settings.SAML_IDP_METADATA_FILE]}
    if settings.PRODUCTION:
        raise ImproperlyConfigured("LUPPA_SAML_IDP_METADATA_URL or _FILE must be set")
    from .fake_idp import idp_metadata_xml

    return {"inline": [idp_metadata_xml(base)]}


def sp_config(request: HttpRequest | None = None) -> SPConfig:
    """djangosaml2's SAML_CONFIG_LOADER: the SP configuration for this request's service."""
    return _sp_config(base_url(request))


@lru_cache(maxsize=8)
def _sp_config(base: str) -> SPConfig:
    # Remote metadata is fetched when loaded: cached per process, refreshed on restart.
    conf = SPConfig()
    conf.load(sp_settings(base))
    return conf


def signed_metadata(conf: Any, sign: bool = True) -> str:
    """The metadata of a loaded pysaml2 configuration (ours or the fake IdP's), valid a week
    and signed with the configuration's own key in RSA-SHA256, as Suomi.fi's profile asks."""
    return create_metadata_string(
        None,
        config=conf,
        valid=24 * 7,
        cert=conf.cert_file,
        keyfile=conf.key_file,
        sign=sign,
        sign_alg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
    )


def sp_metadata_xml(base: str, sign: bool = True) -> str:
    """This service provider's metadata, signed with its own key."""
    conf = SPConfig()
    conf.load(sp_settings(base, with_idp_metadata=False))
    return signed_metadata(conf, sign)


def metadata(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        sp_metadata_xml(base_url(request)), content_type="application/samlmetadata+xml"
    )


# --- the service provider ----------------------------------------------------------------------


def _client(request: HttpRequest) -> Saml2Client:
    return Saml2Client(sp_config(request))


def _idp_entity_id(client: Saml2Client) -> str:
    idps = list(client.metadata.identity_providers())
    if settings.SAML_IDP_ENTITY_ID:
        return settings.SAML_IDP_ENTITY_ID
    if len(idps) != 1:
        raise IdentificationFailed("the metadata must name exactly one identity provider")
    return idps[0]


def _language_extension() -> samlp.Extensions:
    # Suomi.fi shows its pages in the language given here (fi, sv or en).
    lang = (translation.get_language() or "fi")[:2]
    if lang not in ("fi", "sv", "en"):
        lang = "fi"
    vetuma = ExtensionElement(
        "vetuma",
        namespace=VETUMA_NS,
        children=[ExtensionElement("LG", namespace=VETUMA_NS, text=lang)],
    )
    return samlp.Extensions(extension_elements=[vetuma])


def _location(info: dict) -> str:
    return dict(info["headers"])["Location"]


def _redirect_params(request: HttpRequest, kind: str) -> dict[str, str]:
    keys = (kind, "RelayState", "SigAlg", "Signature")
    return {k: request.GET[k] for k in keys if k in request.GET}


def _check_redirect_signature(client: Saml2Client, params: dict[str, str], issuer: str) -> None:
    """HTTP-Redirect messages are signed in the query: SigAlg and Signature are required."""
    if "Signature" not in params or params.get("SigAlg") != SIG_RSA_SHA256:
        raise IdentificationFailed("unsigned logout message")
    certs = client.metadata.certs(issuer, "idpsso", "signing")
    for _name, cert in certs:
        try:
            if verify_redirect_signature(params, client.sec.sec_backend, cert=cert):
                return
        except Exception:  # any failure is a bad signature here
            continue
    raise IdentificationFailed("bad signature on logout message")


def _attributes(assertion: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    for statement in assertion.attribute_statement or []:
        for attribute in statement.attribute:
            texts = [v.text for v in attribute.attribute_value if v.text]
            if texts:
                values[attribute.name] = texts[0].strip()
    return values


def identity_from(attrs: dict[str, str]) -> Identity:
    """The person from Suomi.fi's attributes; eIDAS users come without a HETU."""
    given = attrs.get(ATTR_GIVEN_NAME, "")
    surname = attrs.get(ATTR_SURNAME) or attrs.get(ATTR_EIDAS_SURNAME, "")
    if not (given or surname) and attrs.get(ATTR_CN):
        surname, _sep, given = attrs[ATTR_CN].partition(" ")
    if attrs.get(ATTR_HETU):
        try:
            hetu = normalise_hetu(attrs[ATTR_HETU])
        except ValueError:
            raise IdentificationFailed("invalid HETU in assertion") from None
        return Identity(hetu, given, surname)
    if attrs.get(ATTR_EIDAS_ID):
        return Identity("", given, surname, eidas_id=attrs[ATTR_EIDAS_ID][:256])
    raise IdentificationFailed("assertion names nobody")


def _expires_in(assertion: Any) -> int:
    """Seconds the assertion stays acceptable: how long its ID must be remembered."""
    limits = []
    if assertion.conditions is not None and assertion.conditions.not_on_or_after:
        limits.append(assertion.conditions.not_on_or_after)
    for confirmation in assertion.subject.subject_confirmation or []:
        data = confirmation.subject_confirmation_data
        if data is not None and data.not_on_or_after:
            limits.append(data.not_on_or_after)
    if not limits:
        return REQUEST_TTL
    latest = max(calendar.timegm(str_to_time(v)) for v in limits)
    return max(int(latest - time.time()) + 2 * TIME_SLACK, 1)


def _outer_checks(raw: str) -> str:
    """The response's InResponseTo, after refusing what pysaml2 would tolerate."""
    if not raw or len(raw) > MAX_MESSAGE_BYTES:
        raise IdentificationFailed("missing or oversized SAMLResponse")
    try:
        root = ElementTree.fromstring(base64.b64decode(raw, validate=False))
    except (binascii.Error, ValueError, ElementTree.ParseError) as exc:
        raise IdentificationFailed("unreadable SAMLResponse") from exc
    except Exception as exc:  # defusedxml refuses entities and DTDs with its own errors
        raise IdentificationFailed("refused XML") from exc
    if root.tag != f"{{{SAMLP_NS}}}Response":
        raise IdentificationFailed("not a SAML response")
    # Suomi.fi always encrypts: a plain assertion is refused whatever its signature.
    encrypted = root.findall(f"{{{SAML_NS}}}EncryptedAssertion")
    if root.findall(f"{{{SAML_NS}}}Assertion") or len(encrypted) != 1:
        raise IdentificationFailed("expected exactly one encrypted assertion")
    method = encrypted[0].find(f"{{{XMLENC_NS}}}EncryptedData/{{{XMLENC_NS}}}EncryptionMethod")
    if method is None or method.get("Algorithm") not in ACCEPTED_ENCRYPTION:
        raise IdentificationFailed("weak or missing assertion encryption")
    in_response_to = root.get("InResponseTo") or ""
    if not in_response_to or len(in_response_to) > 128:
        raise IdentificationFailed("unsolicited response")
    return in_response_to


class SuomiFiIdentification:
    """The SAML 2.0 service provider; implements identification.IdentityProvider."""

    def begin(self, request: HttpRequest, relay: str) -> HttpResponse:
        client = _client(request)
        levels = LOA_LEVELS[settings.SAML_LOA]
        request_id, info = client.prepare_for_authenticate(
            entityid=_idp_entity_id(client),
            # Suomi.fi limits RelayState to 80 bytes; where to go next stays with us.
            relay_state=secrets.token_urlsafe(16),
            binding=BINDING_HTTP_REDIRECT,
            sign=True,
            sigalg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
            nameid_format=NAMEID_FORMAT_TRANSIENT,
            requested_authn_context=RequestedAuthnContext(
                authn_context_class_ref=[AuthnContextClassRef(text=v) for v in levels],
                comparison="exact",
            ),
            extensions=_language_extension(),
        )
        cache.set(f"{CACHE_PREFIX}request:{request_id}", {"relay": relay}, REQUEST_TTL)
        return HttpResponseRedirect(_location(info))

    def complete(self, request: HttpRequest) -> Identification:
        raw = request.POST.get("SAMLResponse", "")
        in_response_to = _outer_checks(raw)
        request_key = f"{CACHE_PREFIX}request:{in_response_to}"
        pending = cache.get(request_key)
        if not isinstance(pending, dict):
            raise IdentificationFailed("unsolicited or already answered response")
        client = _client(request)
        try:
            response = client.parse_authn_request_response(
                raw, BINDING_HTTP_POST, outstanding={in_response_to: pending["relay"]}
            )
        except Exception as exc:  # pysaml2 raises many kinds; all are refusals
            log.info("SAML response refused: %s", type(exc).__name__)
            raise IdentificationFailed("invalid response") from exc
        if response is None or response.assertion is None:
            raise IdentificationFailed("no assertion")
        assertion = response.assertion
        if response.response.signature is None and assertion.signature is None:
            raise IdentificationFailed("unsigned assertion")
        # One use per request and per assertion, across every instance sharing the cache.
        if not cache.delete(request_key):
            raise IdentificationFailed("request already answered")
        if not cache.add(f"{CACHE_PREFIX}assertion:{assertion.id}", 1, _expires_in(assertion)):
            raise IdentificationFailed("replayed assertion")
        accepted = LOA_LEVELS[settings.SAML_LOA]
        levels = [ref for ref, *_rest in response.authn_info()]
        if not levels or any(level not in accepted for level in levels):
            raise IdentificationFailed("level of assurance too low")
        identity = identity_from(_attributes(assertion))
        info = response.session_info()
        state = {
            "idp": info["issuer"],
            "name_id": code(info["name_id"]),
            "session_index": info.get("session_index") or "",
        }
        return Identification(identity, pending["relay"], state)

    def logout(self, request: HttpRequest, logout_state: dict) -> HttpResponse | None:
        if not logout_state.get("name_id"):
            return None
        client = _client(request)
        idp = logout_state["idp"]
        destinations = client.metadata.single_logout_service(idp, BINDING_HTTP_REDIRECT, "idpsso")
        if not destinations:
            return None
        destination = destinations[0]["location"]
        request_id, message = client.create_logout_request(
            destination,
            idp,
            name_id=decode(logout_state["name_id"]),
            session_indexes=[logout_state["session_index"]]
            if logout_state["session_index"]
            else None,
            sign=False,  # HTTP-Redirect signs the query instead
        )
        info = client.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(message),
            destination,
            relay_state="",
            sign=True,
            sigalg=SIG_RSA_SHA256,
        )
        cache.set(f"{CACHE_PREFIX}logout:{request_id}", idp, REQUEST_TTL)
        return HttpResponseRedirect(_location(info))

    def handle_logout(self, request: HttpRequest, logout_state: dict | None) -> LogoutOutcome:
        client = _client(request)
        if "SAMLResponse" in request.GET:
            return self._logout_answered(client, _redirect_params(request, "SAMLResponse"))
        if "SAMLRequest" in request.GET:
            return self._logout_requested(
                client, _redirect_params(request, "SAMLRequest"), logout_state
            )
        raise IdentificationFailed("no logout message")

    def _logout_answered(self, client: Saml2Client, params: dict[str, str]) -> LogoutOutcome:
        try:
            answer = client.parse_logout_request_response(
                params["SAMLResponse"], BINDING_HTTP_REDIRECT
            )
        except Exception as exc:
            raise IdentificationFailed("invalid logout response") from exc
        if answer is None:
            raise IdentificationFailed("invalid logout response")
        issuer = cache.get(f"{CACHE_PREFIX}logout:{answer.in_response_to}")
        if issuer is None or issuer != answer.issuer():
            raise IdentificationFailed("unsolicited logout response")
        _check_redirect_signature(client, params, issuer)
        cache.delete(f"{CACHE_PREFIX}logout:{answer.in_response_to}")
        success = answer.response.status.status_code.value == samlp.STATUS_SUCCESS
        return LogoutOutcome(None, end_session=False, completed=success)

    def _logout_requested(
        self, client: Saml2Client, params: dict[str, str], logout_state: dict | None
    ) -> LogoutOutcome:
        try:
            parsed = client.parse_logout_request(params["SAMLRequest"], BINDING_HTTP_REDIRECT)
        except Exception as exc:
            raise IdentificationFailed("invalid logout request") from exc
        if parsed is None:
            raise IdentificationFailed("invalid logout request")
        message = parsed.message
        issuer = message.issuer.text if message.issuer is not None else ""
        _check_redirect_signature(client, params, issuer)
        ours = bool(logout_state) and logout_state.get("idp") == issuer
        if ours:
            ours = decode(logout_state["name_id"]).text == message.name_id.text
        # Unknown sessions were already gone: Success either way, as the profile allows.
        destinations = client.metadata.single_logout_service(
            issuer, BINDING_HTTP_REDIRECT, "idpsso"
        )
        if not destinations:
            raise IdentificationFailed("the IdP has no logout endpoint")
        answer = client.create_logout_response(message, [BINDING_HTTP_REDIRECT], sign=False)
        info = client.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(answer),
            destinations[0]["location"],
            relay_state=params.get("RelayState", ""),
            response=True,
            sign=True,
            sigalg=SIG_RSA_SHA256,
        )
        return LogoutOutcome(
            HttpResponseRedirect(_location(info)), end_session=ours, completed=False
        )
