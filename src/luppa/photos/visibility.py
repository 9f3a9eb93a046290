"""What the photographer may still see of a submitted photo, computed from timestamps.

The HETU is never shown after submission. Name and birth year disappear one week after the
evaluation; the photo itself one week after the feedback (the evaluation is the feedback).
These hold without any clean-up job having run. The same rule in SQL is
PhotoQuerySet.personal_data_visible (queryset.py).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Photo
from .models.photo.queryset import VISIBLE_AFTER_EVALUATION

__all__ = ["VISIBLE_AFTER_EVALUATION", "image_visible", "personal_data_visible"]


def personal_data_visible(photo: Photo, now: dt.datetime | None = None) -> bool:
    decision = photo.latest_decision  # joined by every list (PhotoQuerySet.for_list)
    if decision is None:
        return True
    return (now or timezone.now()) < decision.at + VISIBLE_AFTER_EVALUATION


def image_visible(photo: Photo, now: dt.datetime | None = None) -> bool:
    return personal_data_visible(photo, now)
