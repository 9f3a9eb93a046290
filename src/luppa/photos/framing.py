"""Framing in the browser: the camera original becomes the 500×653 photo.

The crop is made by luppa.quality.frame, the same code as `luppa frame`: it crops and scales
only, never retouches (decree 8 §). A file already at most 500×653 px is taken as it is (the
checks then say what is wrong with it); anything larger is framed, and a refusal (no face,
several faces, a face too small to scale up sharply, too little room around the head) is
shown on the upload form with its reason. The camera original itself is never stored.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..quality.decode import UnreadablePhoto, probe
from ..quality.frame import Framed, FrameError, frame
from ..quality.limits import CAMERA_MAX_PIXELS, HEIGHT, WIDTH
from ..quality.messages import render
from .forms import PhotoFile, _current_lang


class CameraPhotoFile(PhotoFile):
    """The upload of the web pages: a finished photo, or a camera original to be framed."""

    image = forms.FileField(
        label=_("Kuvatiedosto"),
        help_text=_(
            "Valmis JPEG-kuva (500×653 px, enintään 250 kt) tai kameran alkuperäinen JPEG-kuva "
            "(enintään 10 Mt ja 25 megapikseliä), jonka palvelu rajaa 500×653 px:n kokoon "
            "muokkaamatta sitä muuten."
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.framed: Framed | None = None

    def clean_image(self) -> bytes:
        upload = self.cleaned_data["image"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tiedosto on liian suuri (%(mb)s Mt). Kameran kuva saa olla enintään %(max)s Mt.")
                % {
                    "mb": round(upload.size / 1e6, 1),
                    "max": round(settings.MAX_UPLOAD_BYTES / 1e6),
                }
            )
        data = upload.read()
        upload.seek(0)
        try:
            # The header alone first: a few hundred kB can claim tens of megapixels.
            header = probe(data)
        except UnreadablePhoto as exc:
            raise forms.ValidationError(render(exc.key, _current_lang(), exc.params)) from None
        if header.format != "JPEG" or (header.width <= WIDTH and header.height <= HEIGHT):
            # A finished photo (or one that cannot be framed): the plain rules, then the checks.
            return super().clean_image()
        if header.pixels > CAMERA_MAX_PIXELS:
            raise forms.ValidationError(
                _(
                    "Kuvassa on liikaa pikseleitä (%(width)s×%(height)s). Kameran kuva saa olla "
                    "enintään %(max)s megapikseliä: pienennä kuvaa ennen lataamista."
                )
                % {
                    "width": header.width,
                    "height": header.height,
                    "max": CAMERA_MAX_PIXELS // 1_000_000,
                }
            )
        try:
            self.framed = frame(data)
        except FrameError as exc:
            reason = render(exc.key, _current_lang(), exc.params)
            raise forms.ValidationError(
                _("Kuvaa ei voitu rajata: %(reason)s") % {"reason": reason}
            ) from None
        except UnreadablePhoto as exc:
            raise forms.ValidationError(render(exc.key, _current_lang(), exc.params)) from None
        return self.framed.jpeg
