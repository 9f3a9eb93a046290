"""What the kiosk's screens say for each guidance hint and each failure key. Plain words,
one thing at a time; never "fraud", never why a chip or a comparison failed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

HINTS = {
    "look_at_camera": _("Katso kameraan."),
    "one_person": _("Vain yksi henkilö kerrallaan."),
    "glasses": _("Ota silmälasit pois."),
    "head_covering": _("Ota päähine pois, ellei se kuulu uskontoosi."),
    "head_straight": _("Pidä pää suorassa."),
    "eyes_open": _("Pidä silmät auki."),
    "neutral": _("Sulje suu ja pidä ilme neutraalina."),
    "hands": _("Laske kädet alas."),
    "closer": _("Tule lähemmäs."),
    "centre": _("Siirry keskelle kuvaa."),
    "still": _("Pysy paikallasi."),
}

ERRORS = {
    "mrz.check_digit": _(
        "Asiakirjan tietoja ei saatu luettua oikein. Aseta asiakirja lukijaan uudelleen "
        "kuvasivu alaspäin."
    ),
    "mrz.format": _("Asiakirjaa ei tunnistettu. Aseta asiakirja lukijaan uudelleen."),
    "document.absent": _("Lukijassa ei ole asiakirjaa. Aseta asiakirja lukijaan."),
    "fingerprints.poor": _("Sormenjäljet eivät näkyneet selvästi. Paina sormia kevyesti lukijaan."),
    "fingerprints.none": _("Sormenjälkiä ei saatu. Yritä uudelleen."),
    "payment.declined": _(
        "Maksu ei onnistunut. Voit yrittää uudelleen tai maksaa palvelupisteessä."
    ),
    "printer.paper_out": _(
        "Tulostimesta on paperi loppu. Henkilökunta on kutsuttu. Saat tulosteet myös "
        "palvelupisteestä asiointikoodilla."
    ),
    "signature.empty": _("Allekirjoitus puuttuu. Kirjoita nimesi ruutuun sormella."),
    "camera.denied": _("Kameraa ei voitu käyttää. Yritä uudelleen tai siirry palvelupisteeseen."),
}

# The counter screen says the same whatever the reason: the reason is for the officers only.
COUNTER = _(
    "Asiointisi jatkuu palvelupisteessä. Näytä tämä koodi virkailijalle: sinun ei tarvitse "
    "tunnistautua uudelleen."
)


def hint(key: str) -> str:
    return str(HINTS.get(key, HINTS["look_at_camera"]))


def error(key: str) -> str:
    return str(ERRORS.get(key, _("Jokin meni vikaan. Yritä uudelleen tai pyydä apua.")))


PRINTED = {
    "receipt": _("Kuvakuitti tulostettiin. Ota se tulostimesta."),
    "certificate": _("Todistus tulostettiin. Ota se tulostimesta."),
}
