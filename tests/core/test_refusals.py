"""One table of refusal texts (core.refusals) for every page and API, in all three languages."""

from __future__ import annotations

import pytest

from luppa.core import refusals
from luppa.integrations.trade_register import REFUSAL_TEXTS
from luppa.officer.forms import refusal_message
from luppa.officer.services import DecisionRefused
from luppa.photos.services import SubmitRefused


@pytest.mark.parametrize("code", sorted(refusals.MESSAGES))
def test_every_refusal_reads_in_finnish_swedish_and_english(code):
    fi, sv, en = (refusals.message(code, lang) for lang in ("fi", "sv", "en"))
    assert fi and sv and en
    assert len({fi, sv, en}) == 3, f"{code} is not translated"


def test_the_text_follows_the_active_language_or_the_one_asked_for():
    from django.utils import translation

    refused = SubmitRefused("account suspended")
    with translation.override("sv"):
        assert refusals.message(refused) == refusals.message("account suspended", "sv")
    assert refusals.message(refused, "fi") == "Käyttäjätilin oikeudet on keskeytetty."


def test_pages_word_refusals_from_the_same_table():
    assert refusal_message(DecisionRefused("no_reason").code) == refusals.message("no_reason")
    assert REFUSAL_TEXTS["policy.not_active"] is refusals.MESSAGES["policy.not_active"]
    # An unknown code gets a generic text (or the caller's default), never the bare code.
    assert refusals.message("already submitted") == refusals.message(
        "could not allocate a photo ID"
    )
    assert refusal_message("nonsense") == refusals.message("outcome")
