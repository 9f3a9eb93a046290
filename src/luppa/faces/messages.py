"""Texts of the comparison's reasons and verdicts in Finnish, Swedish and English.

luppa.quality's catalogue renders the "error.*" keys of unreadable files; this one adds the
face comparison's own, so the two packages can change independently.
"""

from __future__ import annotations

from typing import Any

from ..quality.messages import render as render_quality

# key: (fi, sv, en)
MESSAGES: dict[str, tuple[str, str, str]] = {
    "faces.no_face": (
        "Kuvasta ei löytynyt kasvoja, joten sitä ei voi verrata.",
        "Inget ansikte hittades i bilden, så den kan inte jämföras.",
        "No face was found in the photo, so it cannot be compared.",
    ),
    "faces.too_small": (
        "Kasvot ovat liian pienet vertailuun (silmien väli {eye_distance} px).",
        "Ansiktet är för litet för jämförelse (ögonavstånd {eye_distance} px).",
        "The face is too small to compare (eyes {eye_distance} px apart).",
    ),
    "faces.several": (
        "kuvassa on useita kasvoja",
        "bilden har flera ansikten",
        "the photo shows several faces",
    ),
    "faces.no_landmarks": (
        "kasvojen maamerkkejä ei löytynyt",
        "ansiktets kännetecken hittades inte",
        "the face landmarks were not found",
    ),
    "pose.straight": (
        "pää ei ole suoraan kameraan päin",
        "huvudet är inte vänt rakt mot kameran",
        "the head is not turned straight to the camera",
    ),
    "expression.eyes_open": (
        "silmät eivät ole auki",
        "ögonen är inte öppna",
        "the eyes are not open",
    ),
    "accessories.glasses": (
        "silmälasit peittävät silmiä",
        "glasögonen skymmer ögonen",
        "glasses hide the eyes",
    ),
    "occlusion": (
        "kasvot ovat osittain peitossa",
        "ansiktet är delvis skymt",
        "the face is partly covered",
    ),
    "verdict.same": ("sama henkilö", "samma person", "same person"),
    "verdict.different": (
        "todennäköisesti eri henkilö",
        "sannolikt inte samma person",
        "probably not the same person",
    ),
    "verdict.cannot": ("ei voida verrata", "kan inte jämföras", "cannot compare"),
    "verdict.less_reliable": (
        "Vertailu on epävarma: {reasons}.",
        "Jämförelsen är osäker: {reasons}.",
        "The comparison is less reliable: {reasons}.",
    ),
}
_INDEX = {"fi": 0, "sv": 1, "en": 2}


def render(key: str, lang: str = "fi", params: dict[str, Any] | None = None) -> str:
    texts = MESSAGES.get(key)
    if texts is None:
        if key.startswith("error."):
            return render_quality(key, lang, params or {})
        texts = MESSAGES["occlusion"] if key.startswith("occlusion.") else (key, key, key)
    return texts[_INDEX.get(lang, 0)].format(**(params or {}))


def concerns_text(concerns: tuple[str, ...] | list[str], lang: str = "fi") -> str:
    return render(
        "verdict.less_reliable", lang, {"reasons": ", ".join(render(c, lang) for c in concerns)}
    )
