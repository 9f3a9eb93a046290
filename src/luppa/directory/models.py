"""The public studio directory (manual §8): an account's studios, searchable by anyone."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..accounts.models import Account


class Studio(models.Model):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="studios")
    name = models.CharField(_("nimi"), max_length=200)
    street_address = models.CharField(_("katuosoite"), max_length=200)
    postal_code = models.CharField(_("postinumero"), max_length=5, db_index=True)
    post_office = models.CharField(_("postitoimipaikka"), max_length=100)
    municipality = models.CharField(_("kunta"), max_length=100)
    opening_hours = models.CharField(_("aukioloajat"), max_length=300, blank=True)
    phone = models.CharField(_("puhelin"), max_length=30, blank=True)

    class Meta:
        ordering = ["municipality", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_uri(self) -> str:
        """A tel: link with the country code (RFC 3966), whatever way the number is shown."""
        import phonenumbers

        try:
            number = phonenumbers.parse(self.phone, "FI")
        except phonenumbers.NumberParseException:
            return ""
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)
