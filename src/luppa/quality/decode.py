"""Safe decoding of an uploaded photo: every way a file can be unreadable has a reason key."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .limits import MAX_INPUT_BYTES, MAX_INPUT_PIXELS, MIN_INPUT_SIDE

# Decoders we are willing to run on untrusted bytes. Anything else is "not an image".
_FORMATS = ("JPEG", "PNG", "WEBP", "BMP", "GIF")

# IJG's standard luminance quantisation table (ITU-T T.81 Annex K), in zigzag order as
# Pillow reports it; the basis of the JPEG quality estimate.
_IJG_LUMA = np.array(
    [16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49,
     35, 37, 29, 40, 58, 51, 61, 60, 57, 51, 56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56,
     80, 109, 81, 87, 95, 98, 103, 104, 103, 62, 77, 113, 121, 112, 100, 120, 92, 101, 103,
     99],
    dtype=np.float64,
)  # fmt: skip


class ReasonedError(Exception):
    """An error a user reads: `key` names its text in the message catalogue."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class UnreadablePhoto(ReasonedError):
    """The input cannot be assessed at all."""


@dataclass(frozen=True)
class DecodedPhoto:
    rgb: np.ndarray  # H x W x 3, uint8, EXIF orientation applied
    format: str
    mode: str  # the file's own colour mode: RGB, L, CMYK, ...
    progressive: bool
    exif_orientation: int
    byte_size: int
    jpeg_quality: int | None

    @property
    def width(self) -> int:
        return int(self.rgb.shape[1])

    @property
    def height(self) -> int:
        return int(self.rgb.shape[0])

    @property
    def greyscale(self) -> bool:
        return self.mode in ("L", "1", "I", "I;16")


def estimate_jpeg_quality(quantization: dict[int, list[int]] | None) -> int | None:
    """IJG quality (1–100) whose luminance table is closest to the file's own."""
    if not quantization or 0 not in quantization:
        return None
    table = np.asarray(quantization[0], dtype=np.float64)
    if table.size != 64:
        return None
    scale = float(np.mean(table / _IJG_LUMA) * 100.0)
    quality = (200.0 - scale) / 2.0 if scale <= 100.0 else 5000.0 / scale
    return round(min(100.0, max(1.0, quality)))


@dataclass(frozen=True)
class PhotoHeader:
    """What the file's header claims, read without decoding a single pixel."""

    format: str
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


def _open(data: bytes) -> Image.Image:
    """Pillow's lazy open: it parses the header only; pixels are decoded by load()."""
    if not data:
        raise UnreadablePhoto("error.empty")
    if len(data) > MAX_INPUT_BYTES:
        raise UnreadablePhoto("error.file_too_large", size_mb=len(data) / 1e6)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data), formats=_FORMATS)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        # Pillow refuses before telling the size: the file claims hundreds of megapixels.
        raise UnreadablePhoto("error.pixel_bomb") from None
    except UnidentifiedImageError:
        raise UnreadablePhoto("error.not_image") from None
    except Exception:
        raise UnreadablePhoto("error.corrupt") from None


def probe(data: bytes) -> PhotoHeader:
    """Format and size from the header alone, so a caller can refuse a file (a PNG where a
    JPEG is wanted, a 60-megapixel image in a 250 kB upload) before it costs any memory."""
    image = _open(data)
    return PhotoHeader(image.format or "", *image.size)


def decode(data: bytes, max_pixels: int = MAX_INPUT_PIXELS) -> DecodedPhoto:
    image = _open(data)
    width, height = image.size
    # Checked against the header before load(): a few hundred kB of zeros can claim 60 Mpx.
    if width * height > min(max_pixels, MAX_INPUT_PIXELS):
        raise UnreadablePhoto("error.too_many_pixels", width=width, height=height)
    if min(width, height) < MIN_INPUT_SIDE:
        raise UnreadablePhoto("error.too_small", width=width, height=height)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            orientation = int(image.getexif().get(0x0112, 1) or 1)
            quality = estimate_jpeg_quality(getattr(image, "quantization", None))
            rgb = _upright_jpeg(image, data, orientation)
            if rgb is None:
                image.load()
                # exif_transpose copies even an upright image; skip it when there is nothing
                # to turn.
                oriented = image if orientation == 1 else (ImageOps.exif_transpose(image) or image)
                rgb = _to_rgb(oriented)
    except Exception:
        raise UnreadablePhoto("error.corrupt") from None
    return DecodedPhoto(
        rgb=rgb,
        format=image.format or "",
        mode=image.mode,
        progressive=bool(image.info.get("progressive") or image.info.get("progression")),
        exif_orientation=orientation,
        byte_size=len(data),
        jpeg_quality=quality if image.format == "JPEG" else None,
    )


def _upright_jpeg(image: Image.Image, data: bytes, orientation: int) -> np.ndarray | None:
    """The pixels of a complete, upright, baseline RGB or greyscale JPEG, decoded by
    OpenCV's libjpeg-turbo: the same pixels as Pillow's (the same library, the same default
    integer IDCT and upsampling; bench/check_values.py and test_decode compare them), without
    Pillow's slow copy out of its own 4-byte-per-pixel storage (half the decoding time of a
    500x653 photo). None for anything else, which Pillow decodes: other formats and colour
    modes, rotated or progressive files, and files not ending in the end-of-image marker
    (libjpeg pads a truncated file with grey where Pillow reports it as truncated)."""
    if (
        image.format != "JPEG"
        or image.mode not in ("RGB", "L")
        or orientation != 1
        or image.info.get("progressive")
        or image.info.get("progression")
        or not data.endswith(b"\xff\xd9")
    ):
        return None
    if _IMREAD_RGB is not None:
        # libjpeg-turbo writes RGB itself: no BGR image and no channel swap after it.
        rgb = cv2.imdecode(np.frombuffer(data, np.uint8), _IMREAD_RGB)
        if rgb is None or rgb.shape != (image.height, image.width, 3):
            return None
        return rgb
    flags = cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION
    bgr = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    if bgr is None or bgr.shape[:2] != (image.height, image.width):
        return None
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


# OpenCV 4.11 and later decode straight to RGB.
_IMREAD_RGB = (
    cv2.IMREAD_COLOR_RGB | cv2.IMREAD_IGNORE_ORIENTATION
    if hasattr(cv2, "IMREAD_COLOR_RGB")
    else None
)


def _to_rgb(image: Image.Image) -> np.ndarray:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Transparent pixels are shown on white by the permit systems' viewers.
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    elif image.mode in ("I", "I;16", "I;16B", "F"):
        arr = np.asarray(image, dtype=np.float64)
        top = arr.max() or 1.0
        image = Image.fromarray((arr / top * 255).astype(np.uint8))
    if image.mode != "RGB":
        image = image.convert("RGB")
    return np.ascontiguousarray(np.asarray(image, dtype=np.uint8))
