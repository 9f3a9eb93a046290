"""Finding an account's sent photos: the rules behind the Sent photos page and the studio API.

`find_sent_photos(account, criteria)` is the one place where the filtering lives, so the web
page and the API cannot disagree about what a photographer may find. `SentSearchForm` turns
raw query parameters (the page's GET form, or the API's query string) into criteria.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django import forms
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..accounts.models import Account, Photographer
from ..core import name_index, photo_id
from ..core.person_id import same_day_other_centuries
from ..core.search_forms import PersonSearchFields, plausible_date
from .models import Photo, birth_date_hash
from .models.photo.queryset import LIST_DEFER

HEAVY_FIELDS = LIST_DEFER  # the name the pages know


@dataclasses.dataclass(frozen=True)
class SentPhotoCriteria:
    """Cleaned search terms. Every term is optional; the given ones must all match.

    - birth_date: the customer's birth date, exact.
    - first_name, surname: case-insensitive, any part of the stored name.
    - taken_from, taken_to: local dates (the current time zone) of photography, inclusive.
    - photo_id: a canonical photo ID (core.photo_id.normalise), exact.
    - photographer_id: one of the account's named photographers, active or removed.
    - status: a Photo.Evaluation value, or "" for every status.
    """

    birth_date: dt.date | None = None
    first_name: str = ""
    surname: str = ""
    taken_from: dt.date | None = None
    taken_to: dt.date | None = None
    photo_id: str = ""
    photographer_id: int | None = None
    status: str = ""

    @property
    def uses_personal_data(self) -> bool:
        return bool(self.birth_date or self.first_name or self.surname)

    def without_status(self) -> SentPhotoCriteria:
        return dataclasses.replace(self, status="")


def find_sent_photos(
    account: Account,
    criteria: SentPhotoCriteria | None = None,
    *,
    now: dt.datetime | None = None,
) -> QuerySet[Photo]:
    """The account's submitted photos matching `criteria`, newest submission first.

    The queryset is lazy; it joins the named photographer and leaves out the columns a list
    does not need (HEAVY_FIELDS). A search by name or birth date finds only photos whose
    personal data the photographer may still see (photos.visibility), so an old customer
    cannot be found by name once the name has vanished from view.
    """
    criteria = criteria or SentPhotoCriteria()
    now = now or timezone.now()
    photos = Photo.objects.submitted().filter(account=account)
    if criteria.uses_personal_data:
        photos = photos.personal_data_visible(now)
    if criteria.birth_date:
        # DDMMYY names no century: 111111 finds those born in 1911 as well as in 2011.
        hashes = [birth_date_hash(d) for d in same_day_other_centuries(criteria.birth_date)]
        photos = photos.filter(birth_date_hash__in=hashes)
    if criteria.first_name:
        photos = photos.filter(name_index.contains("first_names", criteria.first_name))
    if criteria.surname:
        photos = photos.filter(name_index.contains("surname", criteria.surname))
    photos = photos.taken_between(criteria.taken_from, criteria.taken_to)
    if criteria.photo_id:
        photos = photos.filter(photo_id=criteria.photo_id)
    if criteria.photographer_id:
        photos = photos.filter(photographer_id=criteria.photographer_id)
    if criteria.status:
        photos = photos.filter(evaluation=criteria.status)
    return photos.for_list("photographer")


def status_counts(photos: QuerySet[Photo]) -> dict[str, int]:
    """{"all", "pending", "approved", "rejected"} counts of `photos` in one grouped query."""
    counts = dict.fromkeys(["all", *Photo.Evaluation.values], 0)
    grouped = photos.order_by().values_list("evaluation").annotate(n=Count("pk"))
    for evaluation, n in grouped:
        counts[evaluation] = n
        counts["all"] += n
    return counts


class PhotographerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Photographer) -> str:
        if obj.active:
            return obj.name
        return _("%(name)s (poistettu)") % {"name": obj.name}


class SentSearchForm(PersonSearchFields):
    """The search terms as typed; `criteria()` gives them cleaned. Every field is optional."""

    photo_id = forms.CharField(
        label=_("Kuvatunnus"),
        max_length=30,
        required=False,
        help_text=_("Esimerkiksi K7QX3-MRDWY. Kirjainkoolla ja väliviivoilla ei ole väliä."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    taken_from = forms.DateField(
        label=_("Kuvattu alkaen"),
        required=False,
        validators=[plausible_date],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    taken_to = forms.DateField(
        label=_("Kuvattu viimeistään"),
        required=False,
        validators=[plausible_date],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    photographer = PhotographerField(
        label=_("Kuvaaja"),
        queryset=Photographer.objects.none(),
        required=False,
        empty_label=_("Kaikki kuvaajat"),
    )
    status = forms.ChoiceField(
        label=_("Tila"),
        choices=[("", _("Kaikki")), *Photo.Evaluation.choices],
        required=False,
    )

    def __init__(self, *args: object, account: Account, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Removed photographers too: their photos are still in the list.
        self.fields["photographer"].queryset = account.photographers.order_by("-active", "pk")

    def clean_photo_id(self) -> str:
        value = self.cleaned_data["photo_id"].strip()
        if not value:
            return ""
        try:
            return photo_id.normalise(value)
        except photo_id.InvalidPhotoId as exc:
            # Names the character that no photo ID uses (O/0, B/8 and the like).
            raise forms.ValidationError(photo_id.explain(exc)) from None

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("taken_from"), data.get("taken_to")
        if start and end and end < start:
            self.add_error("taken_to", _("Loppupäivä on ennen alkupäivää."))
        return data

    def criteria(self) -> SentPhotoCriteria:
        """The cleaned terms; call only after is_valid() returned True."""
        data = self.cleaned_data
        photographer = data.get("photographer")
        return SentPhotoCriteria(
            birth_date=data.get("birth_date"),
            first_name=data.get("first_name", ""),
            surname=data.get("surname", ""),
            taken_from=data.get("taken_from"),
            taken_to=data.get("taken_to"),
            photo_id=data.get("photo_id", ""),
            photographer_id=photographer.pk if photographer else None,
            status=data.get("status", ""),
        )
