"""The photo's rules over time, in the domain's words: the one place that says which photos
are submitted, which the service still holds, whose personal data may still be shown, and
what a list loads. The officer's finder, X-Road, the Sent photos page, My photos and the API
all start from these; Python-side checks of one photo (visibility.py, Photo) use the same
constants."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

# Photos are kept six months from submission (SPEC §4), then deleted.
RETENTION = dt.timedelta(days=183)
# The customer's name and birth year, and the photo itself, stay visible to the photographer
# for a week after the evaluation (the evaluation is the feedback).
VISIBLE_AFTER_EVALUATION = dt.timedelta(days=7)
# Columns a list never needs; the image itself lives in PhotoImage and is never joined.
LIST_DEFER = ("checks", "geometry", "guided_ticks", "hetu_ciphertext", "name_index")


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of a local date (the current time zone), for inclusive date ranges."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class PhotoQuerySet(QuerySet):
    def submitted(self) -> PhotoQuerySet:
        return self.filter(state="submitted")

    def held(self, now: dt.datetime | None = None) -> PhotoQuerySet:
        """Submitted photos the service still holds: authorities may fetch them."""
        cutoff = (now or timezone.now()) - RETENTION
        return self.submitted().filter(submitted_at__gte=cutoff)

    def personal_data_visible(self, now: dt.datetime | None = None) -> PhotoQuerySet:
        """Photos whose customer data the photographer may still see (visibility.py)."""
        cutoff = (now or timezone.now()) - VISIBLE_AFTER_EVALUATION
        return self.filter(Q(latest_decision__isnull=True) | Q(latest_decision__at__gt=cutoff))

    def taken_between(self, first: dt.date | None, last: dt.date | None) -> PhotoQuerySet:
        """Photographed on local dates first..last, both inclusive; None leaves a side open."""
        photos = self
        if first:
            photos = photos.filter(taken_at__gte=local_midnight(first))
        if last:
            photos = photos.filter(taken_at__lt=local_midnight(last + dt.timedelta(days=1)))
        return photos

    def mark_feedback_seen(self, now: dt.datetime | None = None) -> int:
        """Action: the decision's feedback has been shown (the front page's badge counts
        feedback not yet shown); photos already marked keep their first time."""
        return self.filter(feedback_seen_at__isnull=True).update(
            feedback_seen_at=now or timezone.now()
        )

    def with_feedback_unseen(self) -> PhotoQuerySet:
        """Decided photos whose latest feedback the photographer has not been shown."""
        return self.filter(latest_decision__isnull=False, feedback_seen_at__isnull=True)

    def for_list(self, *related: str) -> PhotoQuerySet:
        """What a result list loads: the named relations joined (default: account and
        photographer) and always the latest decision (its outcome, officer and feedback are
        in every row), the heavy columns left out, the newest submission first."""
        return (
            self.select_related(*(related or ("account", "photographer")), "latest_decision")
            .defer(*LIST_DEFER)
            .order_by("-submitted_at", "-pk")
        )
