"""CSV files of the reports, made for Excel as set up in Finland.

Excel recognises UTF-8 only with a byte-order mark, and with Finnish regional settings it
splits columns on semicolons and reads decimal commas; so the files have a BOM, ";" as the
separator and "12,5" for percentages. The first row names the columns in the user's
language; a column of codes (month YYYY-MM, reason code, account number) keeps the file
usable by programs whatever the language.

Layouts (one "long" table each, easy to pivot in Excel):

* account month: one row per named photographer and rejection reason. The photographer's
  monthly figures repeat on each of their rows; a photographer without rejections has one
  row with the reason columns empty.
* service, studios: one row per month and studio with photos submitted that month.
* service, reasons: one row per month and rejection reason that occurred that month.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .months import format_month
from .queries import AccountMonth, Counts, ReasonCount, ServiceStats

BOM = "\ufeff"
# Characters that make Excel read a cell as a formula: names are typed in by users.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def percent(value: float | None) -> str:
    """One decimal with a decimal comma; empty when there is nothing to divide."""
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(BOM + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _counts(counts: Counts) -> list[object]:
    return [
        counts.submitted,
        counts.approved,
        counts.rejected,
        counts.pending,
        percent(counts.rejection_rate),
    ]


def _counts_header() -> list[str]:
    return [
        _("Lähetetyt"),
        _("Hyväksytyt"),
        _("Hylätyt"),
        _("Ei arvioitu"),
        _("Hylkäysprosentti arvioiduista"),
    ]


def _warned(reason: ReasonCount) -> object:
    # Empty, not 0, where no automatic check exists: "never warned" would mislead.
    return reason.warned if reason.checked else ""


def account_month_csv(report: AccountMonth) -> HttpResponse:
    month = format_month(report.month)
    header = [
        _("Kuukausi"),
        _("Kuvaaja"),
        *_counts_header(),
        _("Hylkäyssyyn koodi"),
        _("Hylkäyssyy"),
        _("Hylättyjä tällä syyllä"),
        _("Automaattinen tarkistus oli varoittanut"),
    ]
    rows = []
    for person in report.photographers:
        lead = [month, text(person.name), *_counts(person.counts)]
        if not person.reasons:
            rows.append([*lead, "", "", "", ""])
        for reason in person.reasons:
            rows.append([*lead, reason.code, reason.label, reason.count, _warned(reason)])
    return csv_response(f"luppa-raportti-{month}.csv", header, rows)


def service_studios_csv(stats: ServiceStats) -> HttpResponse:
    header = [_("Kuukausi"), _("Käyttäjätilin numero"), _("Studio"), *_counts_header()]
    rows = [
        [format_month(month), studio.account_id, text(studio.studio_name), *_counts(counts)]
        for studio in stats.studios
        for month, counts in zip(stats.months, studio.by_month, strict=True)
        if counts.submitted
    ]
    rows.sort(key=lambda row: (row[0], row[2].casefold(), row[1]))
    span = f"{format_month(stats.months[0])}_{format_month(stats.months[-1])}"
    return csv_response(f"luppa-studiot-{span}.csv", header, rows)


def service_reasons_csv(stats: ServiceStats) -> HttpResponse:
    header = [
        _("Kuukausi"),
        _("Hylkäyssyyn koodi"),
        _("Hylkäyssyy"),
        _("Hylättyjä tällä syyllä"),
        _("Hylätyt kuvat yhteensä"),
        _("Osuus hylätyistä (%)"),
    ]
    rows = []
    for i, month in enumerate(stats.months):
        rejected = stats.by_month[i].rejected
        for reason in stats.reasons:
            count = reason.by_month[i]
            if count:
                share = percent(100 * count / rejected) if rejected else ""
                rows.append(
                    [format_month(month), reason.code, reason.label, count, rejected, share]
                )
    span = f"{format_month(stats.months[0])}_{format_month(stats.months[-1])}"
    return csv_response(f"luppa-hylkayssyyt-{span}.csv", header, rows)
