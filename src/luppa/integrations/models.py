from django.db import models


class FakeMandate(models.Model):
    """The local stand-in for e-Authorizations: who may act for which business ID."""

    person_key = models.CharField(max_length=64, db_index=True)
    business_id = models.CharField(max_length=9)
    company_name = models.CharField(max_length=200)
    main_representative = models.BooleanField(default=False)

    class Meta:
        unique_together = [("person_key", "business_id")]
