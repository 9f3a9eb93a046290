"""New photo: upload, guided steps or advanced summary, receipt contact, submit.

A draft belongs to one account: any other account gets 404 for every draft URL, and a
draft that has been submitted sends its URLs on to the receipt.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from ..accounts.decorators import account_required, can_submit
from ..accounts.models import Photographer
from ..audit.log import record
from ..core import photo_id as photo_ids
from ..core import refusals
from ..decree.sections import (
    LAST_STEP,
    STEPS,
    checks_for_step,
    first_incomplete,
    get_step,
    step_complete,
)
from . import again, services
from . import pending as kept_upload
from .contradictions import failed_for_requirements
from .forms import PersonFields, PhotographerChoice
from .framing import CameraPhotoFile
from .guides import guide_lines
from .models import Photo
from .results import shown_checks, status_counts, step_statuses, worst_first
from .thumbnails import thumbnail
from .upload_forms import StepChecklist, SubmitForm
from .views_receipt import receipt, receipt_pdf
from .visibility import image_visible

__all__ = [
    "contact_and_submit",
    "framed",
    "guided_step",
    "image",
    "new_photo",
    "receipt",
    "receipt_pdf",
    "replace",
    "review",
]

LAST_PHOTOGRAPHER = "luppa_last_photographer"


@sensitive_post_parameters("hetu", "birth_date", "first_names", "surname")
@account_required
@can_submit
def new_photo(request: HttpRequest) -> HttpResponse:
    account = request.account
    status = 200
    kept = None
    crop = None  # the crop made from a camera original, when one was sent
    again_from = again.source(request)
    if request.method == "POST":
        person = PersonFields(request.POST)
        chooser = PhotographerChoice(request.POST, account=account)
        upload = CameraPhotoFile(request.POST, request.FILES)
        kept = _kept_upload(request)
        if kept is not None:
            upload = CameraPhotoFile()  # the kept file stands for the field: no "required" error
            image, image_ok = kept.data, True
        else:
            image_ok = upload.is_valid()
            image = upload.cleaned_data["image"] if image_ok else None
            crop = upload.framed if image_ok else None
        # Validate all three so that every error shows at once.
        if all([person.is_valid(), chooser.is_valid(), image_ok]):
            photographer = chooser.cleaned_data["photographer"]
            fields = dict(person.cleaned_data)
            if again_from and not fields.get("hetu") and request.POST.get("again_hetu"):
                fields["hetu"] = again.carried_hetu(request, again_from)
            photo = services.create_draft(
                account,
                photographer,
                image,
                fields,
                report=crop.report if crop else None,
                request=request,
            )
            kept_upload.forget(request)
            request.session[LAST_PHOTOGRAPHER] = photographer.pk
            again.forget(request)
            if crop or (kept is not None and kept.framed):
                return redirect("photos:framed", pk=photo.pk)
            return redirect("photos:review", pk=photo.pk)
        if kept is None and image_ok:
            # Other fields had errors: keep the valid file (or the crop made from a camera
            # original) so that it need not be chosen again.
            name = getattr(request.FILES.get("image"), "name", "")
            kept = kept_upload.keep(request, image, name, framed=crop is not None)
        status = 400
    else:
        kept_upload.forget(request)
        person = PersonFields(initial=again.initial(again_from) if again_from else None)
        photographer = _default_photographer(request)
        if again_from and again_from.photographer.active:
            photographer = again_from.photographer_id  # the same photographer as last time
        chooser = PhotographerChoice(account=account, initial={"photographer": photographer})
        upload = CameraPhotoFile()
    context = {
        "person": person,
        "chooser": chooser,
        "upload": upload,
        "kept": kept,
        "has_photographers": chooser.fields["photographer"].queryset.exists(),
        "invalid": status == 400,
        "error_forms": [person, chooser, upload],
        "drafts": services.open_drafts(account),
        "again_from": again_from,
        "again_id": photo_ids.display(again_from.photo_id) if again_from else "",
    }
    return render(request, "photos/new.html", context, status=status)


def _kept_upload(request: HttpRequest) -> kept_upload.Kept | None:
    """The file kept from the previous try, when no other file was chosen this time."""
    if request.FILES.get("image"):
        return None
    kept = kept_upload.kept(request)
    if kept is None or not kept.ref or request.POST.get("kept_upload") != kept.ref:
        return None
    return kept


def _default_photographer(request: HttpRequest) -> int | None:
    active = request.account.photographers.filter(active=True)
    last = request.session.get(LAST_PHOTOGRAPHER)
    if last and active.filter(pk=last).exists():
        return last
    only = list(active.values_list("pk", flat=True)[:2])
    return only[0] if len(only) == 1 else None


def draft_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Gives the view the account's own draft; 404 for anyone else's."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        photo = get_object_or_404(
            Photo.objects.select_related("photographer", "account", "image"),
            pk=pk,
            account=request.account,
        )
        if photo.state != Photo.State.DRAFT:
            return redirect("photos:receipt", photo_id=photo.photo_id)
        if request.method == "GET":
            record(request, f"draft.{view.__name__}", photos=[photo.pk])
        return view(request, photo, **kwargs)

    return wrapper


def _guided(photo: Photo) -> bool:
    return photo.photographer.mode == Photographer.Mode.GUIDED


def _photo_context(photo: Photo) -> dict[str, Any]:
    image = photo.image
    return {
        "photo": photo,
        "guides": guide_lines(photo.geometry, image.width, image.height),
        "image_version": image.sha256[:12],
        "blocking": [
            c
            for c in shown_checks(photo.checks)
            if c.id in services.BLOCKING_CHECKS and c.status == "fail"
        ],
        "counts": status_counts(photo.checks),
        # Each step chip shows its worst automatic result, never only "ticked".
        "step_status": step_statuses(photo.checks),
    }


@account_required
@draft_view
def review(request: HttpRequest, photo: Photo) -> HttpResponse:
    if _guided(photo):
        pending = first_incomplete(photo.guided_ticks, photo.medical_exception)
        if pending is None:
            return redirect("photos:submit", pk=photo.pk)
        return redirect("photos:step", pk=photo.pk, step=pending.number)
    form = SubmitForm(with_exception=True, initial={"medical_exception": photo.medical_exception})
    return _submit_page(request, photo, form)


@account_required
@can_submit
@draft_view
def guided_step(request: HttpRequest, photo: Photo, step: int) -> HttpResponse:
    current = get_step(step)
    if current is None:
        raise Http404
    pending = first_incomplete(photo.guided_ticks, photo.medical_exception)
    if pending is not None and pending.number < current.number:
        # Steps are walked in order: no skipping a checklist by typing a later URL.
        return redirect("photos:step", pk=photo.pk, step=pending.number)
    status = 200
    contradicted = failed_for_requirements(current, photo.checks)
    if request.method == "POST":
        form = StepChecklist(request.POST, step=current, contradicted=contradicted)
        if form.is_valid():
            services.tick_step(
                photo,
                current.number,
                form.cleaned_data["ticks"],
                confirmed=form.contradicting_ticks,
                medical_exception=form.cleaned_data.get("medical_exception", False)
                if current.medical_exception
                else None,
            )
            if current.number == LAST_STEP:
                return redirect("photos:submit", pk=photo.pk)
            return redirect("photos:step", pk=photo.pk, step=current.number + 1)
        status = 400
    else:
        form = StepChecklist(
            step=current,
            contradicted=contradicted,
            initial={
                "ticks": photo.guided_ticks.get(str(current.number), []),
                "medical_exception": photo.medical_exception,
            },
        )
    context = {
        **_photo_context(photo),
        "step": current,
        "steps": STEPS,
        "last_step": LAST_STEP,
        "form": form,
        "results": worst_first(shown_checks(checks_for_step(photo.checks, current))),
        "done": _done_steps(photo),
        "contradicted": contradicted,
        "error_forms": [form],
    }
    return render(request, "photos/step.html", context, status=status)


def _done_steps(photo: Photo) -> set[int]:
    return {
        s.number for s in STEPS if step_complete(s, photo.guided_ticks, photo.medical_exception)
    }


@account_required
@can_submit
@draft_view
def replace(request: HttpRequest, photo: Photo) -> HttpResponse:
    status = 200
    if request.method == "POST":
        upload = CameraPhotoFile(request.POST, request.FILES)
        if upload.is_valid():
            services.replace_image(photo, upload.cleaned_data["image"], request=request)
            if upload.framed:
                return redirect("photos:framed", pk=photo.pk)
            messages.success(request, _("Kuva on vaihdettu. Tarkista uusi kuva."))
            return redirect("photos:review", pk=photo.pk)
        status = 400
    else:
        upload = CameraPhotoFile()
    context = {**_photo_context(photo), "upload": upload}
    return render(request, "photos/replace.html", context, status=status)


@account_required
@draft_view
def framed(request: HttpRequest, photo: Photo) -> HttpResponse:
    """The crop made from the camera original, with its guide lines: accept or replace."""
    return render(request, "photos/framed.html", _photo_context(photo))


@account_required
@can_submit
@draft_view
def contact_and_submit(request: HttpRequest, photo: Photo) -> HttpResponse:
    guided = _guided(photo)
    if guided:
        pending = first_incomplete(photo.guided_ticks, photo.medical_exception)
        if pending is not None:
            messages.warning(request, _("Käy ensin läpi kaikki tarkistuslistat."))
            return redirect("photos:step", pk=photo.pk, step=pending.number)
    if request.method != "POST":
        initial = {"medical_exception": photo.medical_exception}
        return _submit_page(request, photo, SubmitForm(with_exception=not guided, initial=initial))
    form = SubmitForm(request.POST, with_exception=not guided)
    if not form.is_valid():
        return _submit_page(request, photo, form, status=400)
    if services.blocking_failures(photo):
        # The page itself lists what blocks it (photos/_blocking.html), with the way to fix it.
        return _submit_page(request, photo, form, status=400)
    if not guided:
        photo.medical_exception = form.cleaned_data.get("medical_exception", False)
        photo.save(update_fields=["medical_exception"])
    try:
        submitted = services.submit(
            photo,
            receipt_email=form.cleaned_data["receipt_email"],
            receipt_phone=form.cleaned_data["receipt_phone"],
            receipt_languages=form.cleaned_data["receipt_languages"],
            request=request,
            submitted_by=request.user.username,
        )
    except services.SubmitRefused as refused:
        messages.error(request, refusals.message(refused))
        return _submit_page(request, photo, form, status=400)
    messages.success(request, _("Kuva on lähetetty. Anna kuitti asiakkaalle."))
    return redirect("photos:receipt", photo_id=submitted.photo_id)


def _submit_page(
    request: HttpRequest, photo: Photo, form: SubmitForm, status: int = 200
) -> HttpResponse:
    """Advanced mode's one summary page, or the guided walk's last page; both submit."""
    results = worst_first(shown_checks(photo.checks))
    context = {
        **_photo_context(photo),
        "form": form,
        "guided": _guided(photo),
        "results": results,
        # Failures and warnings first and open; what passed is folded away below them.
        "attention": [c for c in results if c.status in ("fail", "warn")],
        "fine": [c for c in results if c.status not in ("fail", "warn")],
        "steps": STEPS,
        "steps_done": _done_steps(photo),
        "replace_form": CameraPhotoFile(),
        "error_forms": [form],
    }
    return render(request, "photos/submit.html", context, status=status)


@account_required
def image(request: HttpRequest, pk: int) -> HttpResponse:
    # The latest decision joined: visibility is counted from it (photos/visibility.py).
    photos = Photo.objects.select_related("image", "latest_decision")
    photo = get_object_or_404(photos, pk=pk, account=request.account)
    if photo.state == Photo.State.SUBMITTED and not image_visible(photo):
        raise Http404
    try:
        data = photo.image.data()
    except Photo.image.RelatedObjectDoesNotExist:
        raise Http404 from None
    thumb = request.GET.get("size") == "thumb"
    if thumb:
        data = thumbnail(data)
    record(
        request,
        "photo.image",
        photos=[photo.photo_id or photo.pk],
        query={"size": "thumb" if thumb else "full"},
    )
    response = HttpResponse(data, content_type="image/jpeg")
    # Personal data: no shared caches, no copies left on the disk of a shared computer.
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="{photo.photo_id or "luonnos"}.jpg"'
    return response
