"""The photographer's Raportointi tab: totals, one month per named photographer, CSV.

The figures come from a known set of PhotoStat rows, so every number on the page can be
worked out by hand (see `known_rows`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from xml.etree import ElementTree

import pytest
from django.test import Client
from factories import PhotoStatFactory
from webtools import AILA, PIA, force_login_private, make_officer

from luppa.accounts.models import Account, Photographer
from luppa.officer.services import DecisionInput, decide
from luppa.photos import services
from luppa.photos.models import Photo
from luppa.reports import charts, months, queries
from luppa.reports.models import PhotoStat
from luppa.reports.templatetags.report_format import percent, share

pytestmark = pytest.mark.django_db


def stat(
    account_id: int,
    photographer_id: int,
    at: dt.datetime,
    evaluation: str = "pending",
    reasons: tuple[str, ...] = (),
    flagged: tuple[str, ...] = (),
    name: str = "Kuvaaja",
    studio: str = "Studio",
) -> PhotoStat:
    return PhotoStatFactory(
        account_id=account_id,
        photographer_id=photographer_id,
        photographer_name=name,
        studio_name=studio,
        submitted_at=at,
        evaluation=evaluation,
        reasons=list(reasons),
        flagged_checks=list(flagged),
        decided_at=at + dt.timedelta(hours=1) if evaluation != "pending" else None,
    )


@pytest.fixture
def month() -> dt.date:
    """The previous month: the page's default."""
    return months.add_months(months.current_month(), -1)


@pytest.fixture
def pia(client: Client) -> Account:
    force_login_private(client, PIA)
    return Account.objects.search("Pia Pikkarainen").get()


@pytest.fixture
def known_rows(pia: Account, month: dt.date) -> dict[str, Photographer]:
    """In the month: Pia 2 approved, 2 rejected, 1 pending (50 % rejected); Bertta 3 approved,
    1 rejected (25 %). Reasons: background 2 (warned 1), expression 1 (warned 1), head size 1
    (warned 1), other 1 (no automatic check). One older photo, and another account's photos
    in the same month, must stay out of the month's figures."""
    own = pia.photographers.get()
    bertta = Photographer.objects.create(account=pia, name="Bertta Kuvaaja")
    start = months.start_of(month)
    # 00:30 on the 1st in Helsinki is still the previous month in UTC.
    stat(pia.pk, own.pk, start + dt.timedelta(minutes=30), "approved")
    stat(pia.pk, own.pk, start + dt.timedelta(days=3), "approved")
    stat(pia.pk, own.pk, start + dt.timedelta(days=4), "rejected",
         ("expression", "background"), ("expression.neutral", "image.noise"))  # fmt: skip
    stat(pia.pk, own.pk, start + dt.timedelta(days=5), "rejected",
         ("background",), ("background.plain",))  # fmt: skip
    stat(pia.pk, own.pk, start + dt.timedelta(days=6))
    stat(pia.pk, bertta.pk, start + dt.timedelta(days=1), "approved")
    stat(pia.pk, bertta.pk, start + dt.timedelta(days=2), "approved")
    stat(pia.pk, bertta.pk, start + dt.timedelta(days=9), "approved")
    stat(pia.pk, bertta.pk, start + dt.timedelta(days=10), "rejected",
         ("other", "head_size"), ("geometry.crown_margin",))  # fmt: skip
    # Half an hour before the month began, Helsinki time: the month before.
    stat(pia.pk, own.pk, start - dt.timedelta(minutes=30), "rejected", ("eyes",))
    # Someone else's photos in the same month.
    for day in range(4):
        stat(pia.pk + 1000, 77, start + dt.timedelta(days=day), "rejected", ("red_eye",),
             name="Muu", studio="Muu studio")  # fmt: skip
    return {"own": own, "bertta": bertta}


# --- the queries ---------------------------------------------------------------------------


def test_account_totals_count_all_months_of_the_account_only(pia, known_rows) -> None:
    totals = queries.account_totals(pia.pk)
    assert (totals.submitted, totals.approved, totals.rejected, totals.pending) == (10, 5, 4, 1)


def test_month_per_photographer(pia, known_rows, month) -> None:
    report = queries.account_month(pia, month)
    by_name = {p.name: p for p in report.photographers}
    assert list(by_name) == ["Bertta Kuvaaja", "Pia Pikkarainen"]
    pia_counts = by_name["Pia Pikkarainen"].counts
    assert (pia_counts.submitted, pia_counts.approved, pia_counts.rejected) == (5, 2, 2)
    assert pia_counts.pending == 1
    assert pia_counts.rejection_rate == 50.0
    bertta = by_name["Bertta Kuvaaja"].counts
    assert (bertta.submitted, bertta.approved, bertta.rejected, bertta.pending) == (4, 3, 1, 0)
    assert bertta.rejection_rate == 25.0
    assert (report.total.submitted, report.total.rejected) == (9, 3)
    assert report.total.rejection_rate == pytest.approx(100 * 3 / 8)


def test_reason_distribution_and_warnings(pia, known_rows, month) -> None:
    report = queries.account_month(pia, month)
    by_name = {p.name: p for p in report.photographers}
    pia_reasons = [(r.code, r.count, r.warned) for r in by_name["Pia Pikkarainen"].reasons]
    assert pia_reasons == [("background", 2, 1), ("expression", 1, 1)]
    bertta = {r.code: r for r in by_name["Bertta Kuvaaja"].reasons}
    assert (bertta["head_size"].count, bertta["head_size"].warned) == (1, 1)
    assert bertta["other"].count == 1 and not bertta["other"].checked
    everyone = [(r.code, r.count) for r in report.reasons]
    assert everyone == [("background", 2), ("head_size", 1), ("expression", 1), ("other", 1)]
    assert "red_eye" not in {r.code for r in report.reasons}


def test_reason_ticked_twice_counts_once(pia, month) -> None:
    own = pia.photographers.get()
    stat(pia.pk, own.pk, months.start_of(month), "rejected", ("eyes", "eyes"))
    (reason,) = queries.account_month(pia, month).reasons
    assert (reason.code, reason.count) == ("eyes", 1)


def test_active_photographer_without_photos_is_listed_with_zeros(pia, month) -> None:
    Photographer.objects.create(account=pia, name="Uusi Kuvaaja")
    Photographer.objects.create(account=pia, name="Lähtenyt", active=False)
    report = queries.account_month(pia, month)
    assert [p.name for p in report.photographers] == ["Pia Pikkarainen", "Uusi Kuvaaja"]
    assert report.empty
    assert report.photographers[0].counts.rejection_rate is None


def test_removed_photographer_with_photos_is_listed_under_current_name(pia, month) -> None:
    gone = Photographer.objects.create(account=pia, name="Lähtenyt", active=False)
    stat(pia.pk, gone.pk, months.start_of(month), "approved", name="Vanha nimi")
    stat(pia.pk, 424242, months.start_of(month), "approved", name="Tallennettu nimi")
    by_name = {p.name: p for p in queries.account_month(pia, month).photographers}
    assert by_name["Lähtenyt"].active is False
    assert by_name["Tallennettu nimi"].counts.submitted == 1


# --- the page -------------------------------------------------------------------------------


def _cells(html: str) -> list[list[str]]:
    """Rows of the first table, tags stripped."""
    table = html[html.index("<table") : html.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def test_page_shows_totals_month_table_and_reasons(client, pia, known_rows, month) -> None:
    response = client.get("/reports/")
    assert response.status_code == 200
    html = response.content.decode()
    totals = re.sub(r"\s+", " ", html[html.index('class="totals"') : html.index("</ul>")])
    assert re.search(r">5</span> hyväksyttyä", totals)
    assert re.search(r">4</span> hylättyä", totals)
    assert re.search(r">1</span> odottaa arviointia", totals)
    rows = _cells(html)
    # Every percentage has its sample size (the decided photos) beside it.
    assert rows[1] == ["Bertta Kuvaaja", "4", "3", "1", "0", "25,0 % (n = 4)"]
    assert rows[2] == ["Pia Pikkarainen", "5", "2", "2", "1", "50,0 % (n = 4)"]
    assert rows[3] == ["Yhteensä", "9", "5", "3", "1", "37,5 % (n = 8)"]
    assert "arvioiduista" in html  # the percentage says what it is of
    # The background reason for Pia: 2 photos, 100 % of her rejections, warned once.
    assert re.search(
        r"Tausta ei ole tasainen tai vaalea</th>\s*<td[^>]*>2</td>\s*<td[^>]*>100,0\xa0% "
        r'<span class="n">\(n\xa0=\xa02\)</span></td>'
        r"\s*<td[^>]*>1 / 2</td>",
        html,
    )
    assert "ei automaattista tarkistusta" in html  # "Muu syy" has no automatic check
    assert "Punasilmäisyys" not in html  # the other account's reason
    assert month.strftime("%Y-%m") in html


def test_page_has_accessible_svg_charts(client, pia, known_rows) -> None:
    html = client.get("/reports/").content.decode()
    charts = re.findall(r"<svg[^>]*>", html)
    assert len(charts) == 2
    for tag in charts:
        assert 'role="img"' in tag
        ids = re.search(r'aria-labelledby="([^"]+)"', tag)[1].split()
        for element_id in ids:
            assert f'id="{element_id}"' in html
    assert re.search(r"<title id=\"chart-rates-title\">Hylkäysprosentti kuvaajittain", html)
    assert '<desc id="chart-reasons-desc">' in html
    assert "<script" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_month_choice_and_neighbour_links(client, pia, known_rows, month) -> None:
    older = months.add_months(month, -1)
    html = client.get("/reports/", {"month": months.format_month(older)}).content.decode()
    rows = _cells(html)
    assert rows[1][:4] == ["Bertta Kuvaaja", "0", "0", "0"]
    assert rows[2][:4] == ["Pia Pikkarainen", "1", "0", "1"]
    assert f'href="?month={months.format_month(month)}" rel="next"' in html
    assert f'href="?month={months.format_month(months.add_months(older, -1))}"' in html
    current = client.get("/reports/", {"month": months.format_month(months.current_month())})
    assert current.status_code == 200
    assert 'rel="next"' not in current.content.decode()
    assert "kesken" in current.content.decode()


@pytest.mark.parametrize("value", ["2025-13", "2025-1", "maaliskuu", "2025-03-01", "0999-01"])
def test_malformed_month_is_refused_with_a_message(client, pia, value) -> None:
    response = client.get("/reports/", {"month": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errorlist"' in html
    assert "<table" not in html


def test_future_month_is_refused(client, pia) -> None:
    future = months.format_month(months.add_months(months.current_month(), 1))
    response = client.get("/reports/", {"month": future})
    assert response.status_code == 400
    assert "Tulevan kuukauden tilastoja ei ole" in response.content.decode()
    far = client.get("/reports/", {"month": "9999-12"})
    assert far.status_code == 400
    assert client.get("/reports/export.csv", {"month": future}).status_code == 400


def test_empty_month_says_so(client, pia) -> None:
    html = client.get("/reports/").content.decode()
    assert "Tämän kuukauden aikana ei lähetetty kuvia." in html
    assert "<svg" not in html


def test_other_accounts_rows_never_show(client, pia, month) -> None:
    start = months.start_of(month)
    stat(pia.pk + 1, 5, start, "rejected", ("red_eye",), name="Vieras")
    stat(pia.pk + 1, 5, start, "approved", name="Vieras")
    response = client.get("/reports/", {"month": months.format_month(month)})
    html = response.content.decode()
    assert "Vieras" not in html
    assert "Tämän kuukauden aikana ei lähetetty kuvia." in html
    csv_text = client.get("/reports/export.csv").content.decode("utf-8-sig")
    assert "Vieras" not in csv_text


# --- CSV --------------------------------------------------------------------------------------


def test_csv_export(client, pia, known_rows, month) -> None:
    response = client.get("/reports/export.csv", {"month": months.format_month(month)})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        f'filename="luppa-raportti-{months.format_month(month)}.csv"'
        in (response["Content-Disposition"])
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Kuukausi", "Kuvaaja", "Lähetetyt", "Hyväksytyt", "Hylätyt", "Ei arvioitu",
        "Hylkäysprosentti arvioiduista", "Hylkäyssyyn koodi", "Hylkäyssyy",
        "Hylättyjä tällä syyllä", "Automaattinen tarkistus oli varoittanut",
    ]  # fmt: skip
    m = months.format_month(month)
    assert rows[1:] == [
        [m, "Bertta Kuvaaja", "4", "3", "1", "0", "25,0", "head_size",
         "Pää liian pieni tai liian suuri", "1", "1"],
        [m, "Bertta Kuvaaja", "4", "3", "1", "0", "25,0", "other", "Muu syy", "1", ""],
        [m, "Pia Pikkarainen", "5", "2", "2", "1", "50,0", "background",
         "Tausta ei ole tasainen tai vaalea", "2", "1"],
        [m, "Pia Pikkarainen", "5", "2", "2", "1", "50,0", "expression",
         "Ilme ei ole neutraali", "1", "1"],
    ]  # fmt: skip


def test_csv_defaults_to_previous_month_and_lists_photographers_without_rejections(
    client, pia, month
) -> None:
    stat(pia.pk, pia.photographers.get().pk, months.start_of(month), "approved")
    response = client.get("/reports/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == [
        months.format_month(month), "Pia Pikkarainen", "1", "1", "0", "0", "0,0", "", "", "", ""
    ]  # fmt: skip


def test_csv_neutralises_formula_names(client, pia, month) -> None:
    Photographer.objects.create(account=pia, name="=HYPERLINK(1)")
    response = client.get("/reports/export.csv", {"month": months.format_month(month)})
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_csv_bad_month_is_400(client, pia) -> None:
    response = client.get("/reports/export.csv", {"month": "2025-00"})
    assert response.status_code == 400
    assert "VVVV-KK" in response.content.decode()


# --- roles and retention ------------------------------------------------------------------


def test_reports_need_login(client) -> None:
    response = client.get("/reports/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_counts_survive_deleting_the_photos(client, pia, framed_biden) -> None:
    photographer = pia.photographers.get()
    officer = make_officer(AILA)
    photos = [
        services.submit(services.create_draft(pia, photographer, framed_biden.jpeg, {}))
        for _ in range(3)
    ]
    decide(photos[0], officer, DecisionInput(outcome="approved", permit_type="passport"))
    decide(
        photos[1],
        officer,
        DecisionInput(
            outcome="rejected",
            permit_type="passport",
            reasons=["expression", "background"],
            message="Hymy",
        ),
    )
    this_month = months.format_month(months.current_month())

    def page() -> tuple[str, str]:
        html = client.get("/reports/", {"month": this_month}).content.decode()
        totals = re.sub(r"\s+", " ", html[html.index('class="totals"') : html.index("</ul>")])
        return totals, re.sub(r"\s+", " ", html[html.index("<table") :])

    before = page()
    assert ">1</span> hyväksyttyä" in before[0] and ">1</span> hylättyä" in before[0]
    assert ">1</span> odottaa arviointia" in before[0]
    assert "Ilme ei ole neutraali" in before[1]
    Photo.objects.all().delete()
    assert PhotoStat.objects.filter(account_id=pia.pk).count() == 3
    assert page() == before


# --- charts -----------------------------------------------------------------------------------


def test_charts_are_well_formed_escaped_svg() -> None:
    svg = charts.bar_chart(
        "c1", "Otsikko <b>", "Kuvaus & selitys", [charts.Bar("<script>", 25.0, "25,0 %")], 100
    )
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == "Otsikko <b>"
    assert root.find(f"{ns}desc").text == "Kuvaus & selitys"
    assert "<script>" not in svg
    line = charts.line_chart(
        "c2", "T", "D", ["1\n2025", "2", "3", "4"], [charts.Series("A", [10, None, 20, 30])]
    )
    root = ElementTree.fromstring(line)
    # The month without a value breaks the line: one point alone, then a segment of two.
    assert len(root.findall(f"{ns}polyline")) == 1
    assert len(root.findall(f"{ns}circle")) == 3 + 1  # three points and the legend's marker


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 1), (0.3, 0.5), (1, 1), (3, 5), (37.5, 50), (50, 50), (51, 100)]
)
def test_nice_ceiling(value: float, ceiling: float) -> None:
    assert charts.nice_ceiling(value) == pytest.approx(ceiling)


def test_percent_rounds_rather_than_truncates() -> None:
    assert percent(200 / 3) == "66,7\xa0%"
    assert percent(None) == "–"
    assert share(1, 0) == "–"


def test_default_month_is_the_latest_month_with_photos(client: Client, pia: Account) -> None:
    own = pia.photographers.get()
    three_ago = months.add_months(months.current_month(), -3)
    stat(pia.pk, own.pk, months.start_of(three_ago) + dt.timedelta(days=2), "rejected", ["eyes"])
    html = client.get("/reports/").content.decode()
    assert f'value="{months.format_month(three_ago)}"' in html
    assert "Tämän kuukauden aikana ei lähetetty kuvia" not in html
    # An explicit month is still shown as asked, and with no photos at all the previous.
    previous = months.add_months(months.current_month(), -1)
    asked = client.get("/reports/", {"month": months.format_month(previous)}).content.decode()
    assert "Tämän kuukauden aikana ei lähetetty kuvia" in asked
    PhotoStat.objects.all().delete()
    assert f'value="{months.format_month(previous)}"' in client.get("/reports/").content.decode()
