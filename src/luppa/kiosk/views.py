"""The kiosk's screens: one page per step, server-rendered, with small static scripts for
the camera, the signature pad, speech and the idle timer (no inline script: the CSP)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_permissions_policy.decorators import permissions_policy_override

from . import camera, flow, identity, signature, simulators, submission, texts
from .certificate import certificate_pdf
from .devices import DeviceError, device
from .documents.check import DocumentRefused, check
from .models import Case, HelpCall, Visit

LANGS = ("fi", "sv", "en")
MAX_FRAME_BYTES = 3_000_000


def _allowed(request: HttpRequest) -> bool:
    address = request.META.get("REMOTE_ADDR", "")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in settings.KIOSK_NETWORKS:
        try:
            if ip in ipaddress.ip_network(network.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def kiosk_view(step: str | None = None):
    """The view of `step` (None: any step): only from the kiosks' networks, in the visit's
    language; a visit on another step is sent to its own screen."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        @never_cache
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not _allowed(request):
                raise Http404
            visit = flow.current(request)
            if visit is None:
                if step != "language":
                    return redirect("kiosk:language")
                # The first screen stores nothing until the customer chooses a language.
                visit = flow.start(request) if request.method == "POST" else Visit(kiosk="")
            translation.activate(visit.lang)
            request.LANGUAGE_CODE = visit.lang
            if step is not None and visit.step != step:
                return redirect(step_url(visit.step))
            if visit.pk:
                flow.touch(visit)
            response = view(request, visit, *args, **kwargs)
            response.headers.setdefault("Content-Language", visit.lang)
            return response

        return wrapper

    return decorate


def step_url(step: str) -> str:
    return reverse(f"kiosk:{step}")


def _page(request: HttpRequest, visit: Visit, template: str, **context: object) -> HttpResponse:
    context.setdefault("error", "")
    return render(
        request,
        f"kiosk/{template}",
        {
            "visit": visit,
            "steps": flow.STEPS[1:-1],
            "step_index": flow.STEPS.index(visit.step) if visit.step in flow.STEPS else 0,
            "help_called": request.GET.get("help") == "1",
            "idle_seconds": settings.KIOSK_IDLE_SECONDS,
            "langs": [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")],
            **context,
        },
    )


def home(request: HttpRequest) -> HttpResponse:
    return redirect("kiosk:language")


# --- language, help, end -----------------------------------------------------------------


@kiosk_view("language")
def language(request: HttpRequest, visit: Visit) -> HttpResponse:
    if request.method == "POST":
        lang = request.POST.get("language", "")
        if lang in LANGS:
            visit.lang = lang
            visit.save(update_fields=["lang"])
            translation.activate(lang)
            flow.advance(request, visit, "document", lang=lang)
            return redirect("kiosk:document")
    return _page(request, visit, "language.html")


@require_POST
@kiosk_view()
def change_language(request: HttpRequest, visit: Visit) -> HttpResponse:
    lang = request.POST.get("language", "")
    if lang in LANGS:
        visit.lang = lang
        visit.save(update_fields=["lang"])
        flow.audit(request, visit, "language", lang=lang)
    return redirect(step_url(visit.step))


@require_POST
@never_cache
def help_call(request: HttpRequest) -> HttpResponse:
    """Calls an officer to this kiosk, from any screen (the first one has no visit yet)."""
    if not _allowed(request):
        raise Http404
    visit = flow.current(request)
    step = visit.step if visit else "language"
    if not HelpCall.objects.filter(kiosk=settings.KIOSK_ID, answered_at=None).exists():
        HelpCall.objects.create(kiosk=settings.KIOSK_ID, step=step, case=visit and visit.case)
    flow.audit(request, visit, "help")
    return redirect(step_url(step) + "?help=1")


@require_POST
@kiosk_view()
def finish(request: HttpRequest, visit: Visit) -> HttpResponse:
    flow.end(request, visit, request.POST.get("how", "finished")[:20])
    return redirect("kiosk:language")


@require_POST
@kiosk_view()
def back(request: HttpRequest, visit: Visit) -> HttpResponse:
    """One step back where that is safe: from the document to the language, and from the
    photo to the document (the identity read is then forgotten)."""
    if visit.step == "document":
        visit.step = "language"
    elif visit.step == "photo":
        if visit.case and visit.case.photo_id is None:
            visit.case.delete()
            visit.case = None
        flow.put(visit, document_face=None, candidate=None)
        visit.step = "document"
    visit.save(update_fields=["step", "case"])
    flow.audit(request, visit, "back")
    return redirect(step_url(visit.step))


# --- document ----------------------------------------------------------------------------


@kiosk_view("document")
def document(request: HttpRequest, visit: Visit) -> HttpResponse:
    reader = device("document_reader")
    error = ""
    if request.method == "POST":
        try:
            checked = check(reader.read(request.POST.get("document", "")))
        except DeviceError as exc:
            error = texts.error(exc.key)
            flow.audit(request, visit, "document", result="refused", reason=exc.key)
        except DocumentRefused as exc:
            if exc.to_counter:
                flow.to_counter(request, visit, exc.key)
                return redirect("kiosk:counter")
            error = texts.error(exc.key)
            flow.audit(request, visit, "document", result="retry", reason=exc.key)
        else:
            mrz = checked.mrz
            case = Case.objects.create(
                kiosk=visit.kiosk,
                step="photo",
                amount_cents=settings.KIOSK_FEE_CENTS,
                identity={
                    "document_type": mrz.kind,
                    "document_number": mrz.document_number,
                    "issuing_state": mrz.issuing_state,
                    "surname": mrz.surname,
                    "given_names": mrz.given_names,
                    "nationality": mrz.nationality,
                    "birth_date": mrz.birth_date.isoformat() if mrz.birth_date else "",
                    "sex": mrz.sex,
                    "expiry_date": mrz.expiry_date.isoformat() if mrz.expiry_date else "",
                },
            )
            visit.case = case
            visit.save(update_fields=["case"])
            flow.put(visit, document_face=checked.face_image)
            flow.advance(request, visit, "photo", document=mrz.kind, chip="verified")
            return redirect("kiosk:photo")
    return _page(
        request, visit, "document.html", error=error, test_documents=reader.test_documents()
    )


# --- photo -------------------------------------------------------------------------------


@permissions_policy_override({**settings.PERMISSIONS_POLICY, "camera": ["self"]})
@kiosk_view("photo")
def photo(request: HttpRequest, visit: Visit) -> HttpResponse:
    if request.method == "POST":
        action = request.POST.get("action", "")
        candidate = flow.get_bytes(visit, "candidate")
        if action == "camera_failed":
            reason = "denied" if request.POST.get("reason") == "denied" else "absent"
            flow.to_counter(request, visit, f"camera.{reason}")
            return redirect("kiosk:counter")
        if action == "retake" or not candidate:
            flow.put(visit, candidate=None)
            flow.audit(request, visit, "photo", result="retake")
            return redirect("kiosk:photo")
        if action == "approve":
            return _compare(request, visit, candidate)
    return _page(
        request,
        visit,
        "photo.html",
        has_candidate=bool(flow.get_bytes(visit, "candidate")),
        constraints=json.dumps(device("camera").constraints()),
        hints={key: str(value) for key, value in texts.HINTS.items()},
        camera_error=texts.error("camera.denied"),
    )


def _compare(request: HttpRequest, visit: Visit, candidate: bytes) -> HttpResponse:
    who = visit.case.identity or {}
    born = who.get("birth_date")
    outcome = identity.compare(
        candidate,
        flow.get_bytes(visit, "document_face"),
        who.get("surname", ""),
        dt.date.fromisoformat(born) if born else None,
    )
    flow.audit(
        request,
        visit,
        "comparison",
        result=outcome.result,
        score=round(outcome.score, 3) if outcome.score is not None else "",
        duplicates=outcome.duplicates,
    )
    if not outcome.passed:
        flow.to_counter(request, visit, f"comparison.{outcome.result}")
        return redirect("kiosk:counter")
    flow.put(visit, document_face=None, photo=candidate, candidate=None)
    flow.advance(request, visit, "fingerprints", comparison="same")
    return redirect("kiosk:fingerprints")


@require_POST
@kiosk_view("photo")
def photo_frame(request: HttpRequest, visit: Visit) -> HttpResponse:
    upload = request.FILES.get("frame")
    if upload is None or upload.size > MAX_FRAME_BYTES:
        # In the kiosk's language like every answer here; the code is for the kiosk's script.
        message = _("Kameran kuva puuttuu tai on yli 3 Mt.")
        return JsonResponse({"error": "frame_missing_or_too_large", "message": message}, status=400)
    result = camera.check_frame(upload.read())
    if result.ready:
        flow.put(visit, candidate=result.photo)
        flow.audit(request, visit, "photo", result="candidate")
        return JsonResponse({"ready": True, "message": str(texts.HINTS["still"])})
    return JsonResponse({"ready": False, "hint": result.hint, "message": texts.hint(result.hint)})


@kiosk_view("photo")
def candidate(request: HttpRequest, visit: Visit) -> HttpResponse:
    data = flow.get_bytes(visit, "candidate")
    if not data:
        raise Http404
    response = HttpResponse(data, content_type="image/jpeg")
    return response


# --- fingerprints, signature, payment ----------------------------------------------------


@kiosk_view("fingerprints")
def fingerprints(request: HttpRequest, visit: Visit) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            prints = device("fingerprint_scanner").capture()
            reference = device("fingerprint_register").enrol(visit.case.code, prints)
        except DeviceError as exc:
            error = texts.error(exc.key)
            flow.audit(request, visit, "fingerprints", result="retry", reason=exc.key)
        else:
            Case.objects.filter(pk=visit.case_id).update(fingerprint_ref=reference[:60])
            flow.advance(request, visit, "signature", fingers=len(prints))
            return redirect("kiosk:signature")
    return _page(request, visit, "fingerprints.html", error=error)


@kiosk_view("signature")
def sign(request: HttpRequest, visit: Visit) -> HttpResponse:
    error = ""
    if request.method == "POST":
        if request.POST.get("action") == "at_counter":
            svg = ""
        else:
            try:
                svg = signature.to_svg(request.POST.get("strokes", ""))
            except signature.InvalidSignature:
                svg = None
                error = texts.error("signature.empty")
        if svg is not None:
            visit.case.signature_svg = svg
            visit.case.save(update_fields=["signature_svg", "updated_at"])
            following = flow.next_step("signature", visit.case.amount_cents)
            if following == "done":
                return _submit(request, visit, signed=bool(svg))
            flow.advance(request, visit, following, signed=bool(svg))
            return redirect(step_url(following))
    return _page(request, visit, "signature.html", error=error)


@kiosk_view("payment")
def payment(request: HttpRequest, visit: Visit) -> HttpResponse:
    error = ""
    case = visit.case
    if request.method == "POST":
        if request.POST.get("action") == "counter":
            # The photo is done and verified: it is submitted, and the counter takes the fee.
            return _submit(request, visit, then_counter="payment.at_counter")
        try:
            reference = device("payment_terminal").charge(case.amount_cents, case.code)
        except DeviceError as exc:
            error = texts.error(exc.key)
            flow.audit(request, visit, "payment", result="failed", reason=exc.key)
        else:
            Case.objects.filter(pk=case.pk).update(payment_ref=reference[:60])
            return _submit(request, visit, paid=case.amount_cents)
    return _page(
        request,
        visit,
        "payment.html",
        error=error,
        amount=f"{case.amount_cents / 100:.2f}".replace(".", ","),
    )


def _submit(
    request: HttpRequest, visit: Visit, then_counter: str = "", **query: object
) -> HttpResponse:
    who = visit.case.identity or {}
    born = who.get("birth_date")
    try:
        photo = submission.submit_photo(
            visit.kiosk,
            flow.get_bytes(visit, "photo"),
            who.get("surname", ""),
            who.get("given_names", ""),
            dt.date.fromisoformat(born) if born else None,
            visit.lang,
            request=request,
        )
    except submission.SubmitRefused as exc:
        flow.to_counter(request, visit, f"submit.{exc.reason}"[:40])
        return redirect("kiosk:counter")
    case = visit.case
    case.photo, case.status = photo, Case.Status.DONE
    case.save(update_fields=["photo", "status", "updated_at"])
    flow.put(visit, photo=None)
    if then_counter:
        flow.to_counter(request, visit, then_counter)
        return redirect("kiosk:counter")
    flow.advance(request, visit, "done", **query)
    return redirect("kiosk:done")


# --- the end: receipt and certificate, or the counter ------------------------------------


@kiosk_view("done")
def done(request: HttpRequest, visit: Visit) -> HttpResponse:
    case = visit.case
    photo = case.photo
    message = error = ""
    if request.method == "POST" and photo is not None:
        which = request.POST.get("print", "")
        if which == "receipt":
            pdf, title = submission.receipt_pdf(photo), "receipt"
        else:
            pdf = certificate_pdf(
                case.identity or {}, submission.photo_id_text(photo), case.code, visit.lang
            )
            title = "certificate"
        try:
            device("printer").print_pdf(title, pdf)
        except DeviceError as exc:
            error = texts.error(exc.key)
            flow.audit(request, visit, "print", result="failed", reason=exc.key, document=title)
        else:
            message = str(texts.PRINTED[title])
            flow.audit(request, visit, "print", result="printed", document=title)
    return _page(
        request,
        visit,
        "done.html",
        photo_id=submission.photo_id_text(photo) if photo else "",
        code=case.code,
        message=message,
        error=error,
    )


@kiosk_view("counter")
def counter(request: HttpRequest, visit: Visit) -> HttpResponse:
    return _page(request, visit, "counter.html", code=visit.case.code, text=texts.COUNTER)


# --- the simulator panel (development and the demo only) ---------------------------------


@never_cache
def simulator_panel(request: HttpRequest) -> HttpResponse:
    if not _allowed(request) or not isinstance(
        device("document_reader"), simulators.DocumentReaderSimulator
    ):
        raise Http404
    state = simulators.STATE
    if request.method == "POST":
        state.paper = request.POST.get("paper") == "on"
        state.decline_payment = request.POST.get("decline_payment") == "on"
        state.poor_fingerprints = request.POST.get("poor_fingerprints") == "on"
        return redirect("kiosk:simulator")
    return render(request, "kiosk/simulator.html", {"state": state})
