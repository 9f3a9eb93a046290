"""The signature drawn on the touch screen: strokes of points from the browser, stored with
the case as a small SVG of vector paths (no bitmap)."""

from __future__ import annotations

import json

MAX_STROKES = 200
MAX_POINTS = 5000
SIZE = (600, 200)  # the pad's coordinate space


class InvalidSignature(ValueError):
    pass


def parse(text: str) -> list[list[tuple[float, float]]]:
    try:
        strokes = json.loads(text or "[]")
    except ValueError:
        raise InvalidSignature("not JSON") from None
    if not isinstance(strokes, list) or len(strokes) > MAX_STROKES:
        raise InvalidSignature("strokes")
    clean, total = [], 0
    for stroke in strokes:
        if not isinstance(stroke, list):
            raise InvalidSignature("stroke")
        points = []
        for point in stroke:
            if not (isinstance(point, list) and len(point) == 2):
                raise InvalidSignature("point")
            x, y = point
            if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (x, y)):
                raise InvalidSignature("point")
            points.append((min(max(float(x), 0), SIZE[0]), min(max(float(y), 0), SIZE[1])))
        total += len(points)
        if points:
            clean.append(points)
    if total > MAX_POINTS:
        raise InvalidSignature("too many points")
    if total < 5:
        raise InvalidSignature("empty")
    return clean


def to_svg(text: str) -> str:
    strokes = parse(text)
    paths = []
    for points in strokes:
        head, *rest = points
        d = f"M{head[0]:.1f} {head[1]:.1f}" + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest)
        if not rest:
            d += "l0.1 0"
        paths.append(f'<path d="{d}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE[0]} {SIZE[1]}" '
        'fill="none" stroke="#000" stroke-width="3" stroke-linecap="round" '
        f'stroke-linejoin="round">{"".join(paths)}</svg>'
    )
