"""The chip's data groups (ICAO Doc 9303 part 10) as BER-TLV, and the SOD's content.

Only what the kiosk reads: DG1 (tag 61, the MRZ in 5F1F) and DG2 (tag 75, a biometric
information group whose data block 5F2E holds an ISO/IEC 19794-5 record with a JPEG or JPEG
2000 face image), and the SOD (tag 77, a CMS SignedData over an LDSSecurityObject).
"""

from __future__ import annotations

from asn1crypto import algos, core

LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1"
JPEG_MAGIC = b"\xff\xd8\xff"
JP2_MAGICS = (b"\x00\x00\x00\x0cjP  \r\n\x87\n", b"\xff\x4f\xff\x51")


class LdsError(ValueError):
    """A data group or SOD that cannot be parsed."""


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag: int, value: bytes) -> bytes:
    return tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big") + _length(len(value)) + value


def read_tlv(data: bytes, pos: int = 0) -> tuple[int, bytes, int]:
    """(tag, value, next position) of the TLV at `pos`."""
    try:
        tag = data[pos]
        pos += 1
        if tag & 0x1F == 0x1F:  # multi-byte tag
            while True:
                tag = (tag << 8) | data[pos]
                pos += 1
                if not data[pos - 1] & 0x80:
                    break
        first = data[pos]
        pos += 1
        if first < 0x80:
            length = first
        else:
            count = first & 0x7F
            if not 0 < count <= 4:
                raise LdsError("bad length")
            length = int.from_bytes(data[pos : pos + count], "big")
            pos += count
    except IndexError:
        raise LdsError("truncated TLV") from None
    if pos + length > len(data):
        raise LdsError("truncated TLV")
    return tag, data[pos : pos + length], pos + length


def find(data: bytes, tag: int) -> bytes | None:
    """The value of the first TLV with `tag`, searching constructed values depth first."""
    pos = 0
    while pos < len(data):
        found, value, pos = read_tlv(data, pos)
        if found == tag:
            return value
        first = found.to_bytes((found.bit_length() + 7) // 8 or 1, "big")[0]
        if first & 0x20:  # constructed
            inner = find(value, tag)
            if inner is not None:
                return inner
    return None


def dg1(mrz: str) -> bytes:
    return tlv(0x61, tlv(0x5F1F, mrz.replace("\n", "").encode("ascii")))


def dg1_mrz(data: bytes) -> str:
    tag, value, _ = read_tlv(data)
    if tag != 0x61:
        raise LdsError("not DG1")
    mrz = find(value, 0x5F1F)
    if mrz is None:
        raise LdsError("DG1 has no MRZ")
    return mrz.decode("ascii", "replace")


def _facial_record(image: bytes, jpeg2000: bool) -> bytes:
    """A minimal ISO/IEC 19794-5 facial record: header, one facial information block with
    no feature points, and the image (type 0 JPEG or 1 JPEG 2000)."""
    info = (
        (0).to_bytes(2, "big")  # feature points
        + bytes([0, 0, 0])  # gender, eye colour, hair colour
        + (0).to_bytes(3, "big")  # properties
        + (0).to_bytes(2, "big")  # expression
        + bytes(3)  # pose angles
        + bytes(3)  # pose uncertainty
    )
    image_info = bytes([1, 1 if jpeg2000 else 0]) + bytes(4) + bytes([0, 0, 0]) + bytes(2)
    block = info + image_info + image
    block = (len(block) + 4).to_bytes(4, "big") + block
    header = b"FAC\x00" + b"010\x00" + (len(block) + 14).to_bytes(4, "big") + (1).to_bytes(2, "big")
    return header + block


def dg2(image: bytes) -> bytes:
    jpeg2000 = not image.startswith(JPEG_MAGIC)
    template = tlv(
        0x7F60, tlv(0xA1, tlv(0x80, b"\x01\x01")) + tlv(0x5F2E, _facial_record(image, jpeg2000))
    )
    return tlv(0x75, tlv(0x7F61, tlv(0x02, b"\x01") + template))


def dg2_image(data: bytes) -> bytes:
    """The face image (JPEG or JPEG 2000 bytes) inside DG2."""
    tag, value, _ = read_tlv(data)
    if tag != 0x75:
        raise LdsError("not DG2")
    block = find(value, 0x5F2E) or find(value, 0x7F2E)
    if block is None:
        raise LdsError("DG2 has no biometric data block")
    starts = [block.find(m) for m in (JPEG_MAGIC, *JP2_MAGICS)]
    starts = [s for s in starts if s >= 0]
    if not starts:
        raise LdsError("DG2 holds no JPEG or JPEG 2000 image")
    return block[min(starts) :]


# --- the SOD's signed content ----------------------------------------------------------------


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LDSSecurityObject(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
    ]


def security_object(hashes: dict[int, bytes], algorithm: str = "sha256") -> bytes:
    return LDSSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": algorithm},
            "data_group_hash_values": [
                {"data_group_number": n, "data_group_hash_value": h}
                for n, h in sorted(hashes.items())
            ],
        }
    ).dump()


def parse_security_object(data: bytes) -> tuple[str, dict[int, bytes]]:
    """(hash algorithm name, {data group number: hash})."""
    try:
        lds = LDSSecurityObject.load(data)
        algorithm = lds["hash_algorithm"]["algorithm"].native
        hashes = {
            int(item["data_group_number"].native): bytes(item["data_group_hash_value"].native)
            for item in lds["data_group_hash_values"]
        }
    except (ValueError, TypeError, KeyError) as exc:
        raise LdsError(f"LDSSecurityObject: {exc}") from None
    return algorithm, hashes
