"""The customer's birth date and receipt e-mail as typed into the New photo form and the API."""

from __future__ import annotations

import datetime as dt

import pytest

from luppa.core.person_id import InvalidPersonId, parse_birth_date
from luppa.photos.forms import PersonFields, ReceiptContact

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("010170", dt.date(1970, 1, 1)),  # the manual's example
        ("010125", dt.date(2025, 1, 1)),  # six digits: the most recent past date
        ("010125-", dt.date(1925, 1, 1)),  # the HETU's century sign decides
        ("010125A", dt.date(2025, 1, 1)),
        ("111111Y", dt.date(1911, 11, 11)),
        ("01011925", dt.date(1925, 1, 1)),
    ],
)
def test_a_birth_date_takes_the_century_it_is_given(typed, expected):
    assert parse_birth_date(typed, today=TODAY) == expected


@pytest.mark.parametrize("typed", ["010127A", "01012027", "300225-", "0101251", "12345"])
def test_impossible_or_future_birth_dates_are_refused(typed):
    with pytest.raises(InvalidPersonId):
        parse_birth_date(typed, today=TODAY)


def test_a_hetu_born_in_1925_agrees_with_its_six_digit_birth_date():
    form = PersonFields(
        data={"hetu": "010125-900X", "birth_date": "010125", "consent": "on"}
    )  # a 1925 HETU
    assert form.is_valid(), form.errors
    assert form.cleaned_data["birth_date"] == dt.date(1925, 1, 1)


def test_the_form_says_how_the_century_is_chosen():
    help_text = str(PersonFields().fields["birth_date"].help_text)
    assert "010125-" in help_text and "1925" in help_text and "2025" in help_text


@pytest.mark.parametrize("address", ["x@[127.0.0.1]", "x@[IPv6:::1]", "x@127.0.0.1", "x@localhost"])
def test_a_receipt_e_mail_needs_a_domain_name(address):
    form = ReceiptContact(data={"receipt_email": address, "receipt_phone": ""})
    assert not form.is_valid()
    assert len(form.errors["receipt_email"]) == 1


def test_an_ordinary_receipt_e_mail_is_accepted():
    form = ReceiptContact(data={"receipt_email": "asiakas@example.fi", "receipt_phone": ""})
    assert form.is_valid(), form.errors
