"""Guide lines over a photo as numbers for an inline SVG: the decree's allowed bands
(crown, chin, centre line ± 21 px) and the measured crown, chin and face centre line.

Coordinates are in the photo's own pixels (the SVG's viewBox), so the lines stay in place
at any display size. The bands are the decree's pixel numbers for the 500×653 frame,
scaled if the photo has another size (it then fails the size check anyway).
Shared with the officer's service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..quality.limits import CENTRE_MAX_OFFSET, CHIN_MARGIN, CROWN_MARGIN, HEIGHT, WIDTH


@dataclass(frozen=True)
class Band:
    start: float
    end: float

    @property
    def size(self) -> float:
        return self.end - self.start

    def holds(self, value: float) -> bool:
        return self.start <= value <= self.end


@dataclass(frozen=True)
class GuideLines:
    width: int
    height: int
    crown_band: Band  # y, from the top edge
    chin_band: Band  # y
    centre_band: Band  # x
    centre_x: float  # the image's own centre line
    crown_y: float | None = None  # measured; None when no face was found
    chin_y: float | None = None
    face_centre_x: float | None = None

    @property
    def measured(self) -> bool:
        return self.crown_y is not None and self.chin_y is not None

    @property
    def eyes_y(self) -> float | None:
        """Roughly the eye line (the crown estimate's own ratio): where the zoom opens."""
        if not self.measured:
            return None
        return round(self.chin_y - (self.chin_y - self.crown_y) / 1.87, 1)

    @property
    def crown_ok(self) -> bool:
        return self.crown_y is not None and self.crown_band.holds(self.crown_y)

    @property
    def chin_ok(self) -> bool:
        return self.chin_y is not None and self.chin_band.holds(self.chin_y)

    @property
    def centre_ok(self) -> bool:
        return self.face_centre_x is not None and self.centre_band.holds(self.face_centre_x)


def guide_lines(
    geometry: dict[str, Any] | None, width: int = WIDTH, height: int = HEIGHT
) -> GuideLines:
    """Guide lines for a photo of `width`×`height` px with its stored geometry (or None)."""
    sx, sy = width / WIDTH, height / HEIGHT
    centre = width / 2
    geometry = geometry or {}
    return GuideLines(
        width=width,
        height=height,
        crown_band=Band(CROWN_MARGIN[0] * sy, CROWN_MARGIN[1] * sy),
        chin_band=Band(height - CHIN_MARGIN[1] * sy, height - CHIN_MARGIN[0] * sy),
        centre_band=Band(centre - CENTRE_MAX_OFFSET * sx, centre + CENTRE_MAX_OFFSET * sx),
        centre_x=centre,
        crown_y=_number(geometry.get("crown_y")),
        chin_y=_number(geometry.get("chin_y")),
        face_centre_x=_number(geometry.get("centre_x")),
    )


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None
