"""Statistics pages (Raportointi): per account, and service-wide for administrators.

Everything shown comes from PhotoStat, so the figures stay after the photos are deleted.
The account pages filter on request.account and nothing else: no parameter can widen them.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..accounts.decorators import account_required, officer_required
from ..audit.log import record
from . import charts, exports, months, queries
from .forms import MonthForm, RangeForm
from .templatetags.report_format import percent

# Lines beyond this many make a chart unreadable; the tables list every studio and reason.
CHART_SERIES = 5


def _bad_request_text(form: forms.Form) -> HttpResponseBadRequest:
    """A CSV link is followed outside the page, so the refusal is a plain-text message."""
    messages = [str(e) for errors in form.errors.values() for e in errors]
    return HttpResponseBadRequest("\n".join(messages), content_type="text/plain; charset=utf-8")


def _month_name(month: dt.date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def _month_label(month: dt.date, first: bool) -> str:
    """An x-axis label: the month's number, and the year under January and the first."""
    return f"{month.month}\n{month.year}" if first or month.month == 1 else str(month.month)


# --- the photographer's Raportointi tab -------------------------------------------------------


def _month_links(month: dt.date, current: dt.date) -> dict[str, dict[str, str] | None]:
    previous, following = months.add_months(month, -1), months.add_months(month, 1)

    def link(target: dt.date) -> dict[str, str]:
        return {"month": months.format_month(target), "name": _month_name(target)}

    return {
        "previous": link(previous) if previous >= months.EARLIEST else None,
        "next": link(following) if following <= current else None,
    }


def _account_charts(report: queries.AccountMonth) -> dict[str, str]:
    name = _month_name(report.month)
    rates = [
        charts.Bar(
            person.name,
            person.counts.rejection_rate or 0,
            f"{percent(person.counts.rejection_rate)} (n = {person.counts.decided})"
            if person.counts.decided
            else _("ei arvioituja kuvia"),
        )
        for person in report.photographers
        if person.counts.submitted
    ]
    reasons = [charts.Bar(r.label, r.count, str(r.count)) for r in report.reasons]
    return {
        "rates": charts.bar_chart(
            "chart-rates",
            _("Hylkäysprosentti kuvaajittain, %(month)s") % {"month": name},
            _(
                "Vaakapalkit: hylättyjen osuus arvioiduista kuvista kuvaajittain, "
                "asteikko 0–100 prosenttia. Samat luvut ovat taulukossa."
            ),
            rates,
            maximum=100,
        ),
        "reasons": charts.bar_chart(
            "chart-reasons",
            _("Hylkäyssyiden jakauma, %(month)s") % {"month": name},
            _(
                "Vaakapalkit: kuinka monessa hylätyssä kuvassa kukin syy esiintyi. "
                "Samat luvut ovat taulukossa."
            ),
            reasons,
        ),
    }


@account_required
@require_GET
def account_report(request: HttpRequest) -> HttpResponse:
    account = request.account
    current = months.current_month()
    form = MonthForm(request.GET, current=current, latest=queries.latest_month(account.pk))
    context: dict[str, object] = {
        "form": form,
        "totals": queries.account_totals(account.pk),
        "current": current,
    }
    if not form.is_valid():
        return render(request, "reports/account.html", context, status=400)
    month = form.cleaned_data["month"]
    report = queries.account_month(account, month)
    # Statistics per named photographer: a read of their names.
    record(request, "report.account", query={"month": months.format_month(month)})
    context.update(
        # The picker shows the month on display, also when it was the default.
        form=MonthForm(initial={"month": month}, current=current),
        month=month,
        month_param=months.format_month(month),
        report=report,
        links=_month_links(month, current),
        charts=_account_charts(report) if not report.empty else None,
        # One photographer's table says it all; the combined one helps with several.
        combined_reasons=sum(1 for p in report.photographers if p.reasons) > 1,
    )
    return render(request, "reports/account.html", context)


@account_required
@require_GET
def account_csv(request: HttpRequest) -> HttpResponse:
    form = MonthForm(request.GET, current=months.current_month())
    if not form.is_valid():
        return _bad_request_text(form)
    month = form.cleaned_data["month"]
    record(request, "report.account.csv", query={"month": months.format_month(month)})
    return exports.account_month_csv(queries.account_month(request.account, month))


# --- administrators: the whole service --------------------------------------------------------


def _service_charts(stats: queries.ServiceStats) -> dict[str, str]:
    labels = [_month_label(m, i == 0) for i, m in enumerate(stats.months)]
    span = f"{_month_name(stats.months[0])}–{_month_name(stats.months[-1])}"
    overall = charts.Series(_("Koko palvelu"), [c.rejection_rate for c in stats.by_month])
    studios = [
        charts.Series(s.studio_name, [c.rejection_rate for c in s.by_month])
        for s in stats.studios[:CHART_SERIES]
    ]
    # Counts are bars (one per reason over the whole period): a month with one photo is a
    # short bar, not a lone dot; the month-by-month counts are in the table below.
    reasons = [charts.Bar(r.label, r.total.count, str(r.total.count)) for r in stats.reasons]
    return {
        "overall": charts.line_chart(
            "chart-overall",
            _("Hylkäysprosentti kuukausittain, %(span)s") % {"span": span},
            _(
                "Viivakaavio: hylättyjen osuus arvioiduista kuvista kuukausittain koko palvelussa. "
                "Samat luvut ovat taulukossa."
            ),
            labels,
            [overall],
            unit=" %",
        ),
        "studios": charts.line_chart(
            "chart-studios",
            _("Hylkäysprosentti kuukausittain, eniten kuvia lähettäneet studiot"),
            _(
                "Viivakaavio: %(count)s eniten kuvia lähettäneen studion hylkäysprosentti "
                "kuukausittain. Kaikkien studioiden luvut ovat taulukossa."
            )
            % {"count": len(studios)},
            labels,
            studios,
            unit=" %",
        ),
        "reasons": charts.bar_chart(
            "chart-reason-months",
            _("Hylkäyssyyt, %(span)s") % {"span": span},
            _(
                "Vaakapalkit: kuinka monessa hylätyssä kuvassa kukin syy esiintyi valittuna "
                "aikana. Kuukausittaiset luvut ovat taulukossa."
            ),
            reasons,
        ),
    }


@officer_required(admin=True)
@require_GET
def service_report(request: HttpRequest) -> HttpResponse:
    form = RangeForm(request.GET, current=months.current_month())
    context: dict[str, object] = {"form": form}
    if not form.is_valid():
        return render(request, "reports/service.html", context, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    stats = queries.service_stats(start, end)
    context.update(
        form=RangeForm(initial={"start": start, "end": end}, current=form.current),
        stats=stats,
        start=months.format_month(start),
        end=months.format_month(end),
        month_rows=list(zip(stats.months, stats.by_month, strict=True)),
        current=form.current,
        charts=_service_charts(stats) if stats.total.submitted else None,
    )
    return render(request, "reports/service.html", context)


@officer_required(admin=True)
@require_GET
def service_csv(request: HttpRequest) -> HttpResponse:
    form = RangeForm(request.GET, current=months.current_month())
    if not form.is_valid():
        return _bad_request_text(form)
    table = request.GET.get("table", "studios")
    if table not in ("studios", "reasons"):
        return HttpResponseBadRequest(
            _("Tuntematon taulukko: valitse studios tai reasons."),
            content_type="text/plain; charset=utf-8",
        )
    stats = queries.service_stats(form.cleaned_data["start"], form.cleaned_data["end"])
    if table == "reasons":
        return exports.service_reasons_csv(stats)
    return exports.service_studios_csv(stats)
