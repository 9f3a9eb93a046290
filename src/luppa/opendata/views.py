"""/open-data/: the studio directory and the anonymised monthly statistics as CSV and JSON,
with a DCAT-AP catalogue (catalog.ttl) for avoindata.fi. Public, no login, nothing
personal: studios are public already, and the statistics are anonymised (datasets.py)."""

from __future__ import annotations

import csv
import io
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import datasets, dcat

CACHE = "public, max-age=3600"


def _response(body: str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = CACHE
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may fetch it
    return response


def _json(data: object, name: str) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    return _response(body, "application/json; charset=utf-8", name)


def _csv(header: list[str], rows: list[list[object]], name: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    # A byte-order mark, so that spreadsheet programs read the UTF-8 (ä, ö, å) right.
    return _response("\ufeff" + out.getvalue(), "text/csv; charset=utf-8", name)


def _format(fmt: str) -> None:
    if fmt not in ("csv", "json"):
        raise Http404("CSV or JSON")


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    context = {"datasets": dcat.DATASETS, "min_named": datasets.MIN_NAMED}
    return render(request, "opendata/index.html", context)


@require_GET
def catalog(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/open-data/")
    modified = timezone.localdate().isoformat()
    return _response(dcat.turtle(base, modified), "text/turtle; charset=utf-8", "catalog.ttl")


@require_GET
def studios(request: HttpRequest, fmt: str) -> HttpResponse:
    _format(fmt)
    rows = datasets.studios()
    if fmt == "json":
        return _json({"studios": rows}, "studios.json")
    fields = list(datasets.STUDIO_FIELDS)
    return _csv(fields, [[r[f] for f in fields] for r in rows], "studios.csv")


@require_GET
def statistics(request: HttpRequest, fmt: str) -> HttpResponse:
    _format(fmt)
    rows = datasets.monthly()
    if fmt == "json":
        data = {
            "minimum_count_for_a_named_studio": datasets.MIN_NAMED,
            "reasons": datasets.REASON_LABELS,
            "months": [r.as_dict() for r in rows],
        }
        return _json(data, "statistics.json")
    codes = list(datasets.REASON_LABELS)
    header = ["month", "studio", "submitted", "approved", "rejected", "pending",
              "rejection_rate_percent", *[f"reason_{c}" for c in codes]]  # fmt: skip
    body = [
        [r.month, r.studio or "", r.submitted, r.approved, r.rejected, r.pending,
         "" if r.rejection_rate is None else r.rejection_rate,
         *[r.reasons.get(c, 0) for c in codes]]
        for r in rows
    ]  # fmt: skip
    return _csv(header, body, "statistics.csv")
