"""Open data: the studio directory and anonymised monthly statistics, with DCAT-AP."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone

from luppa.accounts.models import Account, User
from luppa.directory.models import Studio
from luppa.reports.models import PhotoStat

pytestmark = pytest.mark.django_db

LAST_MONTH = (timezone.now().replace(day=1) - dt.timedelta(days=10)).replace(day=5, hour=12)


def account(name: str, company: bool = True, suspended: bool = False) -> Account:
    if company:
        acc = Account.objects.create(
            kind="company", business_id=f"{abs(hash(name)) % 10**7:07d}-1", name=name,
            studio_name=name, suspended_at=timezone.now() if suspended else None,
        )  # fmt: skip
    else:
        owner = User.objects.create(username=name, full_name=name)
        acc = Account.objects.create(kind="person", owner=owner, name=name, studio_name=name)
    return acc


def stats(acc: Account, count: int, rejected: int = 0) -> None:
    for i in range(count):
        PhotoStat.objects.create(
            account_id=acc.pk, photographer_id=1, photographer_name="x", studio_name=acc.name,
            submitted_at=LAST_MONTH, photo_pk=PhotoStat.objects.count() + 1 + 10_000 * acc.pk,
            evaluation="rejected" if i < rejected else "approved",
            reasons=["shadows"] if i < rejected else [],
        )  # fmt: skip


def test_statistics_name_only_companies_with_enough_photos() -> None:
    big, small = account("Iso Kuvaamo Oy"), account("Pieni Kuvaamo Oy")
    private = account("Pia Pikkarainen", company=False)
    stats(big, 12, rejected=3)
    stats(small, 3, rejected=1)
    stats(private, 15)
    text = Client().get("/open-data/statistics.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    month = LAST_MONTH.strftime("%Y-%m")
    by_studio = {r["studio"]: r for r in rows if r["month"] == month}
    assert set(by_studio) == {"", "Iso Kuvaamo Oy", next(s for s in by_studio if "muut" in s)}
    assert by_studio[""]["submitted"] == "30" and by_studio[""]["reason_shadows"] == "4"
    assert by_studio["Iso Kuvaamo Oy"]["rejection_rate_percent"] == "25.0"
    assert "Pikkarainen" not in text and "Pieni" not in text
    data = Client().get("/open-data/statistics.json").json()
    assert data["minimum_count_for_a_named_studio"] == 10
    assert {m["studio"] for m in data["months"]} >= {None, "Iso Kuvaamo Oy"}


def test_the_month_in_progress_is_not_published() -> None:
    acc = account("Iso Kuvaamo Oy")
    PhotoStat.objects.create(account_id=acc.pk, photographer_id=1, photographer_name="x",
                             studio_name="x", submitted_at=timezone.now(), photo_pk=1)  # fmt: skip
    assert Client().get("/open-data/statistics.json").json()["months"] == []


def test_studios_of_accounts_in_good_standing_as_csv_and_json() -> None:
    for acc, name in ((account("A Oy"), "Kuvaamo Kallio"), (account("B Oy", suspended=True), "X")):
        Studio.objects.create(
            account=acc, name=name, street_address="Katu 1", postal_code="00530",
            post_office="Helsinki", municipality="Helsinki",
        )  # fmt: skip
    listed = Client().get("/open-data/studios.json").json()["studios"]
    assert [s["name"] for s in listed] == ["Kuvaamo Kallio"]
    response = Client().get("/open-data/studios.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "Kuvaamo Kallio" in response.content.decode("utf-8-sig")


def test_a_dcat_ap_catalogue_for_avoindata_fi() -> None:
    response = Client().get("/open-data/catalog.ttl")
    assert response["Content-Type"].startswith("text/turtle")
    ttl = response.content.decode()
    assert "a dcat:Catalog" in ttl and ttl.count("a dcat:Dataset") == 2
    assert ttl.count("a dcat:Distribution") == 4
    for name in ("studios.csv", "studios.json", "statistics.csv", "statistics.json"):
        assert f"dcat:downloadURL <http://testserver/open-data/{name}>" in ttl
        assert Client().get(f"/open-data/{name}").status_code == 200
    assert '"Luppa – öppna data"@sv' in ttl and "dct:license" in ttl
    page = Client().get("/open-data/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Öppna data" in page and "catalog.ttl" in page
    assert Client().get("/open-data/studios.xml").status_code == 404
