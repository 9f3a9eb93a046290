"""Service-wide statistics for police administrators: per studio and per reason over months."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.test import Client
from factories import PhotoStatFactory
from webtools import AILA, OUTI, PIA, force_login_officer, force_login_private

from luppa.accounts.models import Account, User
from luppa.reports import forms, months, queries

pytestmark = pytest.mark.django_db


def stat(account_id: int, at: dt.datetime, evaluation: str = "pending", reasons=(), flagged=(),
         studio: str = "Studio") -> None:  # fmt: skip
    PhotoStatFactory(
        account_id=account_id,
        studio_name=studio,
        submitted_at=at,
        evaluation=evaluation,
        reasons=list(reasons),
        flagged_checks=list(flagged),
    )


@pytest.fixture
def span() -> list[dt.date]:
    """The last three months, this one included."""
    current = months.current_month()
    return [months.add_months(current, -2), months.add_months(current, -1), current]


@pytest.fixture
def known_rows(span) -> dict[str, int]:
    """Studio A (account exists): month 0 2 approved + 2 rejected, month 1 3 approved + 1
    rejected (submitted at 00:30 on the 1st, Helsinki time), month 2 one pending. Studio B
    (account since deleted): month 1 one approved, one rejected. One row half an hour
    before month 0 falls outside the range."""
    user = User.objects.create(username="kuvaamo-owner", full_name="Kalle")
    account = Account.objects.create(
        kind="person", owner=user, name="Kalle", studio_name="Kuvaamo Keskusta"
    )
    a, b = account.pk, account.pk + 500
    m0, m1, m2 = (months.start_of(m) for m in span)
    day = dt.timedelta(days=1)
    stat(a, m0 + day, "approved", studio="Vanha nimi")
    stat(a, m0 + 2 * day, "approved", studio="Vanha nimi")
    stat(a, m0 + 3 * day, "rejected", ["background"], ["background.plain"], studio="Vanha nimi")
    stat(a, m0 + 4 * day, "rejected", ["background", "eyes"], studio="Vanha nimi")
    # Still the previous month in UTC: only a Helsinki-time month puts it in month 1.
    stat(a, m1 + dt.timedelta(minutes=30), "rejected", ["eyes"], studio="Vanha nimi")
    for n in range(3):
        stat(a, m1 + (n + 2) * day, "approved", studio="Vanha nimi")
    stat(a, m2 + dt.timedelta(minutes=1), "pending", studio="Vanha nimi")
    stat(b, m1 + day, "approved", studio="Suljettu studio")
    stat(b, m1 + 2 * day, "rejected", ["red_eye"], ["lighting.red_eye"], studio="Suljettu studio")
    stat(a, m0 - dt.timedelta(minutes=30), "rejected", ["other"], studio="Vanha nimi")
    return {"a": a, "b": b}


def test_service_stats_by_month_studio_and_reason(known_rows, span) -> None:
    stats = queries.service_stats(span[0], span[-1])
    assert stats.months == span
    assert [(c.submitted, c.approved, c.rejected, c.pending) for c in stats.by_month] == [
        (4, 2, 2, 0),
        (6, 4, 2, 0),
        (1, 0, 0, 1),
    ]
    assert [c.rejection_rate for c in stats.by_month] == [50.0, pytest.approx(100 / 3), None]
    assert (stats.total.submitted, stats.total.rejected) == (11, 4)

    a, b = stats.studios
    assert (a.account_id, a.studio_name, a.exists) == (known_rows["a"], "Kuvaamo Keskusta", True)
    assert [c.rejection_rate for c in a.by_month] == [50.0, 25.0, None]
    assert (a.total.submitted, a.total.decided, a.total.rejected) == (9, 8, 3)
    assert (b.account_id, b.studio_name, b.exists) == (known_rows["b"], "Suljettu studio", False)
    assert [c.rejection_rate for c in b.by_month] == [None, 50.0, None]

    reasons = [(r.code, r.by_month, r.total.count, r.total.warned) for r in stats.reasons]
    assert reasons == [
        ("eyes", [1, 1, 0], 2, 0),
        ("background", [2, 0, 0], 2, 1),
        ("red_eye", [0, 1, 0], 1, 1),
    ]


def test_empty_range(span) -> None:
    stats = queries.service_stats(span[0], span[0])
    assert stats.total.submitted == 0 and stats.studios == [] and stats.reasons == []


# --- the page -------------------------------------------------------------------------------


@pytest.fixture
def admin(client: Client):
    return force_login_officer(client, AILA, role="admin")


def _range(span: list[dt.date]) -> dict[str, str]:
    return {"start": months.format_month(span[0]), "end": months.format_month(span[-1])}


def test_admin_sees_studios_reasons_and_charts(client, admin, known_rows, span) -> None:
    response = client.get("/reports/service/", _range(span))
    assert response.status_code == 200
    html = re.sub(r"[ \t\n]+", " ", response.content.decode())
    assert "Kuvaamo Keskusta</a>" in html
    assert f'href="/officer/accounts/{known_rows["a"]}/"' in html
    assert "Suljettu studio <span" in html and "tili poistettu" in html
    # Studio A: 9 sent, 8 decided, 37.5 % overall, then 50 %, 25 %, none by month.
    # Every percentage has its sample size (the decided photos) beside it.
    n = r' <span class="n"[^>]*>\(n\xa0=\xa0(\d+)\)</span>'
    assert re.search(
        r"Kuvaamo Keskusta</a></th> ?<td[^>]*>9</td> ?<td[^>]*>8</td> ?<td[^>]*>37,5\xa0%"
        + n
        + r"</td> <td[^>]*>50,0\xa0%"
        + n
        + r"</td> ?<td[^>]*>25,0\xa0%"
        + n
        + r"</td> ?<td[^>]*>–</td>",  # nothing decided: no percentage, no n
        html,
    )
    assert re.search(
        r"Silmät kiinni tai peittyneet</th> ?<td[^>]*>2</td> ?<td[^>]*>50,0\xa0%"
        r'( <span class="n">\(n\xa0=\xa04\)</span>)?</td> '
        r"<td[^>]*>0 / 2</td> ?<td[^>]*>1</td> ?<td[^>]*>1</td> ?<td[^>]*>0</td>",
        html,
    )
    charts = re.findall(r"<svg[^>]*>", html)
    assert len(charts) == 3 and all('role="img"' in tag for tag in charts)
    assert '<title id="chart-overall-title">Hylkäysprosentti kuukausittain' in html
    # Counts per reason are bars, never lone dots of a line chart.
    reasons_chart = html[html.index('id="chart-reason-months-title"') :]
    reasons_chart = reasons_chart[: reasons_chart.index("</svg>")]
    assert "<rect" in reasons_chart and "<polyline" not in reasons_chart
    assert "<polyline" in html  # the percentages over months stay lines
    assert "Muu syy" not in html  # the row before the range


def test_default_range_is_the_last_twelve_months(client, admin, known_rows) -> None:
    response = client.get("/reports/service/")
    assert response.status_code == 200
    html = response.content.decode()
    current = months.current_month()
    first = months.add_months(current, -11)
    assert f'value="{months.format_month(first)}"' in html
    assert f'value="{months.format_month(current)}"' in html
    heads = re.findall(
        r'<th scope="col" class="num month">(\d{1,2})<span class="year">/\d{4}', html
    )
    assert len(heads) == 24  # the studio and the reason tables, twelve months each


def test_range_can_be_narrowed(client, admin, known_rows, span) -> None:
    one = months.format_month(span[1])
    html = client.get("/reports/service/", {"start": one, "end": one}).content.decode()
    html = re.sub(r"[ \t\n]+", " ", html)
    assert "Punasilmäisyys" in html
    assert "Tausta ei ole tasainen tai vaalea" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2025-07", "end": "2025-03"}, "Alkukuukausi ei voi olla"),
        ({"start": "2000-01", "end": "2010-01"}, "enintään 36 kuukauden"),
        ({"end": "9999-12"}, "Tulevan kuukauden tilastoja ei ole"),
        ({"start": "x", "end": "2025-03"}, "VVVV-KK"),
        ({"end": "2025-3"}, "VVVV-KK"),
    ],
)
def test_bad_range_is_refused(client, admin, query, message) -> None:
    response = client.get("/reports/service/", query)
    assert response.status_code == 400
    assert message in response.content.decode()
    csv_response = client.get("/reports/service/export.csv", query)
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


def test_range_defaults_start_from_end() -> None:
    form = forms.RangeForm({"end": "2024-06"}, current=dt.date(2025, 1, 1))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start"] == dt.date(2023, 7, 1)
    assert form.cleaned_data["end"] == dt.date(2024, 6, 1)


def test_empty_range_says_so(client, admin) -> None:
    response = client.get("/reports/service/", {"start": "2001-01", "end": "2001-02"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Valittuna aikana ei lähetetty kuvia." in html
    assert "<svg" not in html


# --- CSV --------------------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_studio_csv(client, admin, known_rows, span) -> None:
    rows = _csv(client.get("/reports/service/export.csv", {**_range(span), "table": "studios"}))
    assert rows[0] == [
        "Kuukausi", "Käyttäjätilin numero", "Studio", "Lähetetyt", "Hyväksytyt", "Hylätyt",
        "Ei arvioitu", "Hylkäysprosentti arvioiduista",
    ]  # fmt: skip
    m0, m1, m2 = (months.format_month(m) for m in span)
    a, b = str(known_rows["a"]), str(known_rows["b"])
    assert rows[1:] == [
        [m0, a, "Kuvaamo Keskusta", "4", "2", "2", "0", "50,0"],
        [m1, a, "Kuvaamo Keskusta", "4", "3", "1", "0", "25,0"],
        [m1, b, "Suljettu studio", "2", "1", "1", "0", "50,0"],
        [m2, a, "Kuvaamo Keskusta", "1", "0", "0", "1", ""],
    ]


def test_reason_csv(client, admin, known_rows, span) -> None:
    response = client.get("/reports/service/export.csv", {**_range(span), "table": "reasons"})
    assert "luppa-hylkayssyyt-" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0][:3] == ["Kuukausi", "Hylkäyssyyn koodi", "Hylkäyssyy"]
    m0, m1, _m2 = (months.format_month(m) for m in span)
    assert rows[1:] == [
        [m0, "eyes", "Silmät kiinni tai peittyneet", "1", "2", "50,0"],
        [m0, "background", "Tausta ei ole tasainen tai vaalea", "2", "2", "100,0"],
        [m1, "eyes", "Silmät kiinni tai peittyneet", "1", "2", "50,0"],
        [m1, "red_eye", "Punasilmäisyys", "1", "2", "50,0"],
    ]


def test_unknown_csv_table_is_400(client, admin) -> None:
    assert client.get("/reports/service/export.csv", {"table": "x"}).status_code == 400


# --- roles ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/reports/service/", "/reports/service/export.csv"])
def test_plain_officer_is_forbidden(client, url) -> None:
    force_login_officer(client, OUTI)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ["/reports/service/", "/reports/service/export.csv"])
def test_photographer_gets_404(client, url) -> None:
    force_login_private(client, PIA)
    assert client.get(url).status_code == 404


def test_officers_cannot_open_the_photographer_report(client) -> None:
    force_login_officer(client, AILA, role="admin")
    assert client.get("/reports/").status_code == 403
    assert client.get("/reports/export.csv").status_code == 403


def test_anonymous_visitor_is_sent_to_login(client) -> None:
    response = client.get("/reports/service/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
