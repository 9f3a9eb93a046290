"""The permit officer's pages: find a photo, compare it, decide.

Searches are posted (a HETU or a name never goes into a URL, a server log or the browser's
history) and then shown from a short-lived entry in the session, so that Back, Reload and
the pager work as with any list. The typed HETU itself is never kept: only its lookup hash
and the audit hash. Every search result, photo page and image fetch is audited.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..accounts.decorators import officer_required
from ..audit.log import record, safe_query
from ..core import photo_id as photo_ids
from ..core.crypto import InvalidToken, decrypt_text, encrypt_text
from ..core.person_id import hetu_hash
from ..decree import permits, reasons
from ..decree.sections import STEPS, checks_for_step
from ..photos.guides import guide_lines
from ..photos.models import Decision, Photo, PhotoImage
from ..photos.results import ShownCheck, shown, shown_checks, status_counts
from ..photos.thumbnails import thumbnail
from . import search as finder
from . import services, similarity
from .forms import (
    DecisionForm,
    HetuSearchForm,
    LostReceiptForm,
    PhotoIdSearchForm,
    criteria_from_data,
    criteria_initial,
    criteria_to_data,
)

PAGE_SIZE = 25
SAVED_SEARCHES = "review_searches"
MAX_SAVED_SEARCHES = 10
SESSION_PURPOSE = "session"
MAX_OTHER_PHOTOS = 24
THUMB_BOX = (184, 240)  # twice the shown size, for sharp thumbnails on dense screens


def _audit(request: HttpRequest, action: str, photos: Any = (), **query: Any) -> None:
    query["organisation"] = request.officer.organisation
    record(request, action, photos=photos, query=query)


# --- search -----------------------------------------------------------------------------------


def _search_page(request: HttpRequest, status: int = 200, **bound: Any) -> HttpResponse:
    forms = {
        "hetu_form": bound.get("hetu_form", HetuSearchForm()),
        "id_form": bound.get("id_form", PhotoIdSearchForm()),
        "details_form": bound.get("details_form", LostReceiptForm()),
    }
    _focus(forms)
    recent = Decision.objects.made_by(request.officer).newest_first().for_list()[:10]
    rows = [(d, photo_ids.display(d.photo.photo_id), permits.label(d.permit_type)) for d in recent]
    context = {**forms, "recent": rows}
    return render(request, "officer/home.html", context, status=status)


def _focus(forms: dict[str, Any]) -> None:
    """The cursor where the officer types next: the first error, or else the HETU box."""
    for form in forms.values():
        if form.errors:
            name = next((n for n in form.errors if n in form.fields), None)
            if name:
                form.fields[name].widget.attrs["autofocus"] = True
            return
    forms["hetu_form"].fields["hetu"].widget.attrs["autofocus"] = True


@officer_required()
@never_cache
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return _search_page(request)


def _save_search(request: HttpRequest, entry: dict[str, Any]) -> str:
    saved = dict(request.session.get(SAVED_SEARCHES, {}))
    token = secrets.token_urlsafe(9)
    saved[token] = entry
    # Only the latest few: enough for a second browser tab, not a history of searches.
    request.session[SAVED_SEARCHES] = dict(list(saved.items())[-MAX_SAVED_SEARCHES:])
    return token


def _opened(sealed: object) -> dict[str, Any] | None:
    """A saved search's terms; None when they no longer open (saved before a key change or
    by an earlier version): the officer is asked to search again."""
    try:
        terms = json.loads(decrypt_text(str(sealed), SESSION_PURPOSE))
    except (InvalidToken, TypeError, ValueError):
        return None
    return terms if isinstance(terms, dict) else None


def _results_redirect(token: str) -> HttpResponse:
    response = redirect("officer:search")
    response["Location"] += f"?r={token}"
    return response


def _by_photo_id(
    request: HttpRequest, canonical: str, form: PhotoIdSearchForm | None = None
) -> HttpResponse:
    found = finder.by_photo_id(canonical).first()
    _audit(request, "officer.search", [found] if found else [], by="photo_id", photo_id=canonical)
    if found:
        return redirect("officer:photo", photo_id=found.photo_id)
    shown_id = photo_ids.display(canonical)
    if form is None:
        # Scanned into the HETU box: answer in the photo ID box, where it belongs.
        form = PhotoIdSearchForm({"id-photo_id": shown_id})
        form.is_valid()
    form.add_error(
        "photo_id",
        _(
            "Kuvatunnuksella %(id)s ei löytynyt kuvaa. Tarkista tunnus; kuvat poistetaan "
            "kuuden kuukauden kuluttua lähettämisestä."
        )
        % {"id": shown_id},
    )
    return _search_page(request, id_form=form)


@officer_required()
@never_cache
@sensitive_post_parameters("hetu-hetu")
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _results(request)
    by = request.POST.get("by")
    if by == "hetu":
        form = HetuSearchForm(request.POST)
        if not form.is_valid():
            return _search_page(request, 400, hetu_form=form)
        if form.scanned_photo_id:
            return _by_photo_id(request, form.scanned_photo_id)
        normal = form.cleaned_data["hetu"]
        entry = {"by": "hetu", "lookup": hetu_hash(normal), "audit": safe_query({"hetu": normal})}
        return _results_redirect(_save_search(request, entry))
    if by == "photo_id":
        form = PhotoIdSearchForm(request.POST)
        if not form.is_valid():
            return _search_page(request, 400, id_form=form)
        return _by_photo_id(request, form.cleaned_data["photo_id"], form)
    if by == "details":
        form = LostReceiptForm(request.POST)
        if not form.is_valid():
            return _search_page(request, 400, details_form=form)
        # The terms (a customer's name, birth date, a studio's name) are kept in the session,
        # which the database holds: encrypted, like the same values in their own rows.
        sealed = encrypt_text(json.dumps(criteria_to_data(form.criteria())), SESSION_PURPOSE)
        entry = {"by": "details", "criteria": sealed}
        return _results_redirect(_save_search(request, entry))
    return _search_page(request, 400)


@dataclass(frozen=True)
class ResultRow:
    photo: Photo
    shown_id: str


def _results(request: HttpRequest) -> HttpResponse:
    entry = request.session.get(SAVED_SEARCHES, {}).get(request.GET.get("r", ""))
    terms = _opened(entry["criteria"]) if entry and entry["by"] == "details" else {}
    if entry is None or terms is None:
        messages.warning(request, _("Hakutulos ei ole enää saatavilla. Tee haku uudelleen."))
        return redirect("officer:home")
    details_form = LostReceiptForm()
    if entry["by"] == "hetu":
        photos: QuerySet[Photo] = finder.by_hetu_hash(entry["lookup"])
        audit_terms = dict(entry["audit"])
        criteria = None
    else:
        criteria = criteria_from_data(terms)
        photos = finder.by_details(criteria)
        audit_terms = {k: v for k, v in terms.items() if v}
        details_form = LostReceiptForm(initial=criteria_initial(criteria))
    page = Paginator(photos, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [ResultRow(p, photo_ids.display(p.photo_id)) for p in page.object_list]
    _audit(request, "officer.search", page.object_list, by=entry["by"], page=page.number,
           **audit_terms)  # fmt: skip
    context = {
        "hetu_form": HetuSearchForm(),
        "id_form": PhotoIdSearchForm(),
        "details_form": details_form,
        "by": entry["by"],
        "criteria": criteria,
        "page": page,
        "rows": rows,
        "token": request.GET.get("r", ""),
    }
    return render(request, "officer/results.html", context)


# --- one photo --------------------------------------------------------------------------------


def _held_photo(photo_id: str) -> Photo:
    try:
        canonical = photo_ids.normalise(photo_id)
    except photo_ids.InvalidPhotoId:
        raise Http404 from None
    photos = finder.held_photos().filter(image__isnull=False)
    photos = photos.select_related("account", "photographer", "image", "latest_decision")
    photos = photos.defer("image__ciphertext")
    return get_object_or_404(photos, photo_id=canonical)


@dataclass(frozen=True)
class ResultSection:
    title: str
    results: list[ShownCheck]
    waivable: bool


@dataclass(frozen=True)
class ReasonChoice:
    widget: Any
    reason: reasons.Reason
    flags: list[ShownCheck]


@dataclass(frozen=True)
class ReasonGroup:
    title: str
    waivable: bool
    choices: list[ReasonChoice]


@dataclass(frozen=True)
class HistoryRow:
    decision: Decision
    reasons: list[str]
    permit_type: str


def _reason_groups(form: DecisionForm, checks: list[dict[str, Any]]) -> list[ReasonGroup]:
    """The reasons by the decree's sections, each with the automatic checks that flagged it."""
    flagged = {c["id"]: c for c in checks if c.get("status") in ("fail", "warn")}
    widgets = {w.data["value"]: w for w in form["reasons"]}

    def choice(reason: reasons.Reason) -> ReasonChoice:
        flags = []
        if reasons.warned(reason.code, flagged):
            flags = [shown(flagged[c]) for c in reason.checks if c in flagged]
        return ReasonChoice(widgets[reason.code], reason, flags)

    groups = []
    for step in STEPS:
        chosen = [r for r in reasons.REASONS if r.section in step.sections]
        if chosen:
            title = f"{step.sections_label} {step.title}"
            groups.append(ReasonGroup(title, step.medical_exception, [choice(r) for r in chosen]))
    rest = [choice(r) for r in reasons.REASONS if not r.section]
    groups.append(ReasonGroup(_("Muut syyt"), False, rest))
    return groups


def _photo_page(
    request: HttpRequest, photo: Photo, form: DecisionForm | None = None, status: int = 200
) -> HttpResponse:
    decisions = list(photo.decisions.newest_first())
    latest = photo.latest_decision
    # Decree 10 §: the latest decision's exception, or the photographer's flag until then.
    exception = latest.medical_exception if latest else photo.medical_exception
    if form is None:
        form = DecisionForm(
            photo=photo,
            latest=latest,
            organisation=request.officer.organisation,
            initial={"medical_exception": exception},
        )
    exception_on = bool(form["medical_exception"].value())
    others = list(finder.same_person(photo)[:MAX_OTHER_PHOTOS])
    faces_shown = similarity.for_page(photo, others, request.GET.get("compare"))
    compare = faces_shown.compare_photo
    image = photo.image
    sections = [
        ResultSection(
            f"{step.sections_label} {step.title}",
            shown_checks(checks_for_step(photo.checks, step)),
            step.medical_exception,
        )
        for step in STEPS
    ]
    history = [
        HistoryRow(d, [reasons.label(c) for c in d.reasons], permits.label(d.permit_type))
        for d in decisions
    ]
    _audit(request, "officer.view", [photo, *others, *([compare] if compare else [])])
    if faces_shown.duplicates:
        # The warning names other people's photos: shown to this officer, so audited.
        _audit(request, "officer.duplicate_warning",
               [photo, *(m.photo for m in faces_shown.duplicates)],
               kind=faces_shown.duplicate_kind, matches=len(faces_shown.duplicates))  # fmt: skip
    context = {
        "photo": photo,
        "shown_id": photo_ids.display(photo.photo_id),
        "guides": guide_lines(photo.geometry, image.width, image.height),
        "image_version": image.sha256[:12],
        "sections": sections,
        "counts": status_counts(photo.checks),
        "others": [ResultRow(p, photo_ids.display(p.photo_id)) for p in others],
        "compare": ResultRow(compare, photo_ids.display(compare.photo_id)) if compare else None,
        "history": history,
        "latest": latest,
        "form": form,
        "error_forms": [form],
        "reason_groups": _reason_groups(form, photo.checks),
        # The photographer's own note (the officer's is the decision's).
        "exception_flagged": photo.medical_exception,
        "exception_on": exception_on,
        "faces": faces_shown,
    }
    return render(request, "officer/photo.html", context, status=status)


@officer_required()
@never_cache
@require_GET
def photo(request: HttpRequest, photo_id: str) -> HttpResponse:
    return _photo_page(request, _held_photo(photo_id))


def _posted_decision(request: HttpRequest, held: Photo) -> DecisionForm:
    """The officer's form as posted, against the decision the photo has now."""
    return DecisionForm(
        request.POST,
        photo=held,
        latest=held.latest_decision,
        organisation=request.officer.organisation,
    )


@officer_required()
@never_cache
@require_POST
def decide(request: HttpRequest, photo_id: str) -> HttpResponse:
    held = _held_photo(photo_id)
    form = _posted_decision(request, held)
    if not form.is_valid():
        return _photo_page(request, held, form, status=400)
    try:
        decision = services.decide(held, request.officer, form.decision_input(), request)
    except services.DecisionRefused as refused:
        # Another officer decided meanwhile: show that decision and ask again.
        held = _held_photo(photo_id)
        form = _posted_decision(request, held)
        if form.is_valid():
            form.add_refusal(refused)
        return _photo_page(request, held, form, status=409)
    if decision.outcome == Decision.Outcome.APPROVED:
        text = _("Kuva hyväksytty (%(permit)s). Kuvaaja näkee päätöksen heti.")
    else:
        text = _("Kuva hylätty (%(permit)s). Kuvaaja näkee hylkäyssyyt ja viestin heti.")
    messages.success(request, text % {"permit": permits.label(decision.permit_type)})
    return redirect("officer:photo", photo_id=held.photo_id)


# --- the image --------------------------------------------------------------------------------


def _thumbnail(data: bytes) -> bytes:
    return thumbnail(data, THUMB_BOX)


@officer_required()
@never_cache
@require_GET
def image(request: HttpRequest, photo_id: str) -> HttpResponse:
    held = _held_photo(photo_id)
    thumb = request.GET.get("size") == "thumb"
    data = get_object_or_404(PhotoImage, photo=held).data()
    if thumb:
        data = _thumbnail(data)
    _audit(request, "officer.image", [held], size="thumb" if thumb else "full")
    response = HttpResponse(data, content_type="image/jpeg")
    # Personal data: no shared caches, no copies left on the disk of a shared computer.
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="{held.photo_id}.jpg"'
    return response
