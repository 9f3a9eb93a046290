"""Demo data for a newcomer: a private photographer, a studio company with three named
photographers and studios, mandates for the test persons, and photos in every state.

Idempotent: running it again changes nothing once the demo company exists.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from luppa.accounts.models import Account, Photographer, User
from luppa.directory.models import Studio
from luppa.integrations.authorizations import person_key
from luppa.integrations.fake_oidc import TEST_OFFICERS
from luppa.integrations.identification import TEST_PERSONS
from luppa.integrations.models import FakeMandate
from luppa.officer.models import Officer
from luppa.officer.oidc import officer_key
from luppa.officer.services import DecisionInput, decide
from luppa.photos import services
from luppa.photos.models import Decision, Photo
from luppa.quality.frame import frame
from luppa.reports.models import PhotoStat

COMPANY_ID = "1234567-1"
SAMPLE = Path(__file__).resolve().parents[3] / "quality" / "samples" / "obama.jpg"


class Command(BaseCommand):
    help = "Create demo accounts, mandates, studios and photos (development and demo only)."

    def handle(self, *args: object, **options: object) -> None:
        if Account.objects.filter(business_id=COMPANY_ID).exists():
            self.stdout.write("demo data already present")
            return
        jpeg = frame(SAMPLE.read_bytes()).jpeg
        with transaction.atomic():
            self._seed(jpeg)
        self.stdout.write(self.style.SUCCESS("demo data created"))

    def _seed(self, jpeg: bytes) -> None:
        pia, kalle, liisa = TEST_PERSONS[0], TEST_PERSONS[1], TEST_PERSONS[2]
        # Officers sign in with their organisation's OIDC provider (the fake one in the demo):
        # their users are keyed by its subject, their role comes from its claims.
        for who in TEST_OFFICERS:
            if not who.roles:
                continue
            organisation = who.organisation
            role = "admin" if "luppa-admin" in who.roles else "officer"
            officer_user = User.objects.create(username=officer_key(who.sub), full_name=who.name)
            member = Officer.objects.create(
                user=officer_user, name=officer_user.full_name, organisation=organisation, role=role
            )
            if role == "officer" and organisation == "police":
                officer = member
        for person, main in ((kalle, True), (liisa, False)):
            FakeMandate.objects.create(
                person_key=person_key(person.hetu),
                business_id=COMPANY_ID,
                company_name="Kuvaamo Oy",
                main_representative=main,
            )
        user = User.objects.create(
            username=person_key(pia.hetu), full_name=f"{pia.first_names} {pia.last_name}"
        )
        user.set_unusable_password()
        user.save()
        private = Account.objects.create(
            kind=Account.Kind.PERSON,
            owner=user,
            name=user.full_name,
            studio_name="Valokuvaus Pikkarainen",
            post_office="Tampere",
        )
        Photographer.objects.create(account=private, name=user.full_name)
        company = Account.objects.create(
            kind=Account.Kind.COMPANY,
            business_id=COMPANY_ID,
            name="Kuvaamo Oy",
            studio_name="Kuvaamo Keskusta",
            contact_person="Kalle Kuvaamo",
            street_address="Mannerheimintie 1",
            postal_code="00100",
            post_office="Helsinki",
            phone="+358 9 123 4567",
            email="info@kuvaamo.invalid",
        )
        anna, mikko, sari = (
            Photographer.objects.create(account=company, name=name, mode=mode)
            for name, mode in (("Anna", "guided"), ("Mikko", "advanced"), ("Sari", "guided"))
        )
        Studio.objects.create(
            account=company, name="Kuvaamo Keskusta", street_address="Mannerheimintie 1",
            postal_code="00100", post_office="Helsinki", municipality="Helsinki",
            opening_hours="ma–pe 9–17, la 10–14", phone="+358 9 123 4567",
        )  # fmt: skip
        Studio.objects.create(
            account=company, name="Kuvaamo Tapiola", street_address="Tapiontori 3",
            postal_code="02100", post_office="Espoo", municipality="Espoo",
            opening_hours="ma–pe 10–18", phone="+358 9 765 4321",
        )  # fmt: skip
        now = timezone.now()
        # (first names, surname, HETU, photographer, outcome, days since the photo was taken)
        customers = [
            ("Matti", "Meikäläinen", "131052-308T", anna, None, 6),
            ("Maija", "Virtanen", "", sari, "approved", 5),
            ("Erkki", "Esimerkki", "010594Y9021", mikko, "rejected", 4),
            ("Aino", "Korhonen", "", anna, "approved-old", 12),
            ("Juho", "Nieminen", "", mikko, "rejected", 2),
            ("Sofia", "Laine", "", sari, None, 1),
        ]
        for i, (first, last, hetu, photographer, outcome, days) in enumerate(customers):
            taken = now - dt.timedelta(days=days, hours=2)
            photo = services.create_draft(
                company, photographer, jpeg, {"first_names": first, "surname": last, "hetu": hetu}
            )
            # The time of photography is set before submitting, so that the receipt
            # messages queued at submission say the same as the receipt page.
            Photo.objects.filter(pk=photo.pk).update(taken_at=taken, created_at=taken)
            photo.refresh_from_db()
            # The demo photo fails some advisory checks; submitting is the photographer's call.
            photo = services.submit(photo, receipt_email=f"asiakas{i}@example.invalid")
            submitted = taken + dt.timedelta(minutes=10)
            Photo.objects.filter(pk=photo.pk).update(submitted_at=submitted)
            if outcome:
                rejected = outcome == "rejected"
                decision = decide(
                    photo,
                    officer,
                    DecisionInput(
                        outcome="rejected" if rejected else "approved",
                        permit_type="passport",
                        reasons=["mouth_open", "background"] if rejected else [],
                        message="Suu on auki ja tausta ei ole tasainen." if rejected else "",
                    ),
                )
                # Always after submission: 9 days ago for the old one (its name and photo
                # are already gone from Sent photos), otherwise the next day.
                evaluated = (
                    now - dt.timedelta(days=9)
                    if outcome == "approved-old"
                    else submitted + dt.timedelta(hours=20)
                )
                assert submitted < evaluated <= now
                Decision.objects.filter(pk=decision.pk).update(at=evaluated)
                PhotoStat.objects.filter(photo_pk=photo.pk).update(
                    submitted_at=submitted, decided_at=evaluated
                )
            else:
                PhotoStat.objects.filter(photo_pk=photo.pk).update(submitted_at=submitted)
        # Drafts left unfinished, as happens: one guided, one advanced.
        services.create_draft(company, anna, jpeg, {"first_names": "Keskeneräinen"})
        services.create_draft(company, mikko, jpeg, {"first_names": "Kesken"})
        draft = services.create_draft(private, private.photographers.get(), jpeg, {})
        services.submit(draft)
