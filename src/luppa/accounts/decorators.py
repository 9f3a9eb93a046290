from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def account_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view needs a logged-in user acting in an account."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"/login/?next={request.get_full_path()}")
        if getattr(request, "officer", None) is not None:
            # Officers never see the photographer's pages.
            raise PermissionDenied
        if request.account is None:
            return redirect("accounts:choose")
        return view(request, *args, **kwargs)

    return wrapper


def can_submit(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A suspended account may log in and read, but not submit or change photos."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.account is not None and request.account.suspended and request.method == "POST":
            messages.error(request, _("Käyttäjätilin oikeudet on keskeytetty."))
            return redirect("web:home")
        return view(request, *args, **kwargs)

    return wrapper


def officer_required(admin: bool = False) -> Callable[..., Callable[..., HttpResponse]]:
    """The view is for permit officers (or administrators only); anyone else gets a 404,
    so that officer URLs reveal nothing to photographers."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            officer = getattr(request, "officer", None)
            if not request.user.is_authenticated:
                return redirect(f"/login/?next={request.get_full_path()}")
            if officer is None:
                raise Http404
            if admin and not officer.is_admin:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
