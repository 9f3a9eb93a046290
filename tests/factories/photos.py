"""Photos, drafted and submitted through `luppa.photos.services` as the pages do."""

from __future__ import annotations

import datetime as dt

import factory
import imagetools
from django.utils import timezone

from factories.accounts import PhotographerFactory
from luppa.photos import services
from luppa.photos.models import Decision, Photo


class DraftPhotoFactory(factory.Factory):
    """A draft of the framed reference portrait, reusing its one assessment (the face models
    are slow). Person fields (`first_names`, `surname`, `hetu`, `birth_date`) are passed on as
    typed into the New photo form; left out, they stay empty. `report=None` assesses `jpeg`."""

    class Meta:
        model = Photo

    photographer = factory.SubFactory(PhotographerFactory)
    jpeg = factory.LazyFunction(lambda: imagetools.framed("biden").jpeg)
    report = factory.LazyFunction(imagetools.assessed)

    @classmethod
    def _create(cls, model_class, photographer, jpeg, report, **person):
        return services.create_draft(photographer.account, photographer, jpeg, person, report)


class SubmittedPhotoFactory(DraftPhotoFactory):
    """A submitted photo; `days_ago` moves its submission and photography back in time.
    `receipt_email`, `receipt_phone` and `submitted_by` are passed to `services.submit`.
    `embed` runs the face-embedding task at once, as a worker that keeps up would."""

    days_ago = 0
    embed = True

    @classmethod
    def _create(cls, model_class, photographer, jpeg, report, days_ago=0, embed=True, **fields):
        submit = {k: fields.pop(k) for k in ("receipt_email", "receipt_phone", "submitted_by")
                  if k in fields}  # fmt: skip
        draft = super()._create(model_class, photographer, jpeg, report, **fields)
        photo = services.submit(draft, **submit)
        if embed:
            services.embed_photo.call(photo.pk)
        if days_ago:
            when = timezone.now() - dt.timedelta(days=days_ago)
            model_class.objects.filter(pk=photo.pk).update(submitted_at=when, taken_at=when)
            photo.refresh_from_db()
        return photo


# What a test calls an evaluated photo's feedback, by the names the photo's columns had before
# the photo pointed at its Decision (Decision's own field names on the right).
DECISION_FIELDS = {
    "evaluated_at": "at",
    "officer_name": "officer_name",
    "rejection_reasons": "reasons",
    "officer_message": "message",
}


def decided(
    photo: Photo,
    evaluation: str = "approved",
    *,
    at: dt.datetime | None = None,
    officer_name: str = "Olli Virkailija",
    reasons: list[str] | tuple[str, ...] = (),
    message: str = "",
    permit_type: str = "passport",
    organisation: str = "police",
) -> Decision:
    """Gives `photo` a latest decision as it stood at `at` (default now), written directly:
    no rules, no statistics, no audit. For tests about what a decided photo shows; tests of
    deciding itself go through the officer's page, X-Road or record_decision()."""
    decision = Decision.objects.create(
        photo=photo,
        officer_name=officer_name,
        organisation=organisation,
        outcome=evaluation,
        reasons=list(reasons),
        message=message,
        permit_type=permit_type,
        at=at or timezone.now(),
    )
    Photo.objects.filter(pk=photo.pk).update(latest_decision=decision, evaluation=evaluation)
    photo.latest_decision, photo.evaluation = decision, evaluation
    return decision


def pop_decision(fields: dict) -> dict | None:
    """Takes the decision's fields (DECISION_FIELDS, with `evaluation`) out of a photo's
    `fields`, as `decided()` keywords; None when `fields` has no evaluation time."""
    if "evaluated_at" not in fields:
        return None
    decision = {new: fields.pop(old) for old, new in DECISION_FIELDS.items() if old in fields}
    decision["evaluation"] = fields.pop("evaluation", "approved")
    return decision
