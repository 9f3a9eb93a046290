from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..accounts.decorators import account_required
from ..photos import services
from ..photos.models import Photo


def home(request: HttpRequest) -> HttpResponse:
    """`/` (the logo's link) leads each role to its own start page."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if getattr(request, "officer", None) is not None:
        return redirect("officer:home")
    if getattr(request, "account", None) is None:
        return redirect("accounts:choose")
    return _front_page(request)


@account_required
def _front_page(request: HttpRequest) -> HttpResponse:
    photos = Photo.objects.filter(account=request.account, state=Photo.State.SUBMITTED)
    context = {
        "pending": photos.filter(evaluation=Photo.Evaluation.PENDING).count(),
        "approved": photos.filter(evaluation=Photo.Evaluation.APPROVED).count(),
        "rejected": photos.filter(evaluation=Photo.Evaluation.REJECTED).count(),
        "drafts": len(services.open_drafts(request.account)),
        "new_feedback": photos.with_feedback_unseen()
        .exclude(evaluation=Photo.Evaluation.PENDING)
        .count(),
    }
    return render(request, "web/home.html", context)


def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "web/guide.html")


def manual(request: HttpRequest) -> HttpResponse:
    return render(request, "web/manual.html")


def feedback(request: HttpRequest) -> HttpResponse:
    return render(request, "web/feedback.html")
