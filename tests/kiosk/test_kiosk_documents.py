"""Travel documents at the kiosk: MRZ check digits (TD3 and TD1), the chip's data groups,
and passive authentication against the configured CSCA list."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from luppa.kiosk import simulators
from luppa.kiosk.devices import DeviceError
from luppa.kiosk.documents import lds, mrz, sod
from luppa.kiosk.documents.check import DocumentRefused, check

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)


def test_icao_specimens_parse_with_their_check_digits() -> None:
    passport = mrz.parse(TD3)
    assert (passport.kind, passport.surname, passport.given_names) == (
        "TD3", "ERIKSSON", "ANNA MARIA",
    )  # fmt: skip
    assert passport.birth_date == dt.date(1974, 8, 12)
    assert passport.document_number == "L898902C3"
    card = mrz.parse(TD1)
    assert (card.kind, card.document_number, card.nationality) == ("TD1", "D23145890", "UTO")


@pytest.mark.parametrize(
    "text",
    [
        TD3.replace("L898902C36", "L898902C37"),  # document number's check digit
        TD3.replace("7408122F", "7408123F"),  # birth date's
        TD1.replace("D231458907", "D231458908"),
    ],
)
def test_a_wrong_check_digit_is_refused(text: str) -> None:
    with pytest.raises(mrz.MrzError) as caught:
        mrz.parse(text)
    assert caught.value.key == "mrz.check_digit"


def test_a_zone_of_the_wrong_shape_is_refused() -> None:
    with pytest.raises(mrz.MrzError) as caught:
        mrz.parse("P<UTO\nSHORT")
    assert caught.value.key == "mrz.format"


def test_data_groups_round_trip() -> None:
    face = (simulators.FACES / "holder-a.jpg").read_bytes()
    assert lds.dg2_image(lds.dg2(face)) == face
    assert lds.dg1_mrz(lds.dg1(TD3)) == TD3.replace("\n", "")
    with pytest.raises(lds.LdsError):
        lds.dg2_image(lds.dg1(TD3))


@pytest.mark.parametrize(
    ("document", "outcome"),
    [
        ("passport", "ok"),
        ("td1", "ok"),
        ("other_person", "ok"),
        ("forged_photo", "chip.dg2.hash"),
        ("bad_signature", "chip.sod.signature"),
        ("check_digit", "mrz.check_digit"),
    ],
)
def test_simulator_documents_verify_or_fail_as_labelled(document: str, outcome: str) -> None:
    read = simulators.DocumentReaderSimulator().read(document)
    if outcome == "ok":
        checked = check(read)
        assert checked.face_image.startswith(b"\xff\xd8")
        assert "TEST Document Signer" in checked.signer
        return
    with pytest.raises(DocumentRefused) as caught:
        check(read)
    assert caught.value.key == outcome
    # Only a misread MRZ may be tried again; a chip that does not verify goes to the counter.
    assert caught.value.to_counter is (outcome != "mrz.check_digit")


def test_chip_mrz_must_equal_printed_mrz() -> None:
    read = simulators.make_document("passport")
    other = simulators.make_document("other_person")
    swapped = type(read)(printed_mrz=other.printed_mrz, data_groups=read.data_groups, sod=read.sod)
    with pytest.raises(DocumentRefused) as caught:
        check(swapped)
    assert caught.value.key == "chip.dg1_mismatch"


def _self_signed_ds() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "rogue signer")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return key, cert


def test_a_signer_outside_the_csca_list_is_not_trusted() -> None:
    groups = {1: lds.dg1(TD3), 2: lds.dg2(b"\xff\xd8\xff\xe0fake")}
    key, cert = _self_signed_ds()
    signed = sod.sign(groups, key, cert)
    cscas = sod.load_certificates((simulators.TEST_PKI / "csca.pem").read_bytes())
    with pytest.raises(sod.PassiveAuthFailed) as caught:
        sod.verify(signed, groups, cscas)
    assert caught.value.key == "sod.untrusted_signer"
    # ...and trusted when it is on the list (it signs itself).
    assert sod.verify(signed, groups, [cert]).data_groups == (1, 2)


def test_garbage_sod_is_refused_without_a_traceback() -> None:
    for junk in (b"", b"\x77\x03abc", b"\x77\x82\xff\xff", b"\x30\x00"):
        with pytest.raises(sod.PassiveAuthFailed):
            sod.verify(junk, {1: b"x"}, [])


def test_no_document_on_the_reader() -> None:
    with pytest.raises(DeviceError) as caught:
        simulators.DocumentReaderSimulator().read("")
    assert caught.value.key == "document.absent"
