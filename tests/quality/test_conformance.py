"""The conformance table: committed public-domain portraits, and defect variants generated
from them here, against the status every check must give (in the manner of OFIQ's
conformance tests).

The base photo is the framed Biden portrait put on a plain light studio backdrop and
levelled; each variant adds one defect a user could bring. A row names the variant, the
check and the statuses it may answer. `test_every_check_group_is_pinned` proves that a check
group that always answered "pass" would break this table.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from imagetools import HEIGHT, WIDTH, decode_rgb, encode
from PIL import Image

from luppa.quality import CHECK_IDS, Report, assess
from luppa.quality.faces import find_faces
from luppa.quality.landmarks import CHEEK_LEFT, EYES, FACE_OVAL, LEFT_EYE, RIGHT_EYE

BACKDROP = (232, 232, 230)
FAIL, PASS, WARN = {"fail"}, {"pass"}, {"warn"}
OK = {"pass", "warn"}  # acceptable: not a failure
FLAGGED = {"fail", "warn"}  # told to the user one way or the other

# variant -> {check id: allowed statuses}. The clean studio photo pins every check that a
# good photo must pass; each defect row pins the check that must catch it, and the checks
# that must not be confused by it.
TABLE: dict[str, dict[str, set[str]]] = {
    "clean": {
        "format.jpeg": PASS, "format.dimensions": PASS, "format.file_size": PASS,
        "format.compression": PASS, "face.single": PASS, "face.hands": PASS,
        "face.eyes_visible": PASS, "geometry.centre_line": PASS,
        "geometry.crown_to_chin": PASS, "geometry.crown_margin": PASS,
        "geometry.chin_margin": PASS, "pose.straight": OK, "pose.gaze": OK,
        "expression.eyes_open": PASS, "expression.mouth_closed": PASS,
        "expression.neutral": OK, "background.plain": PASS, "background.light": PASS,
        "lighting.exposure": PASS, "lighting.even": OK, "lighting.hot_spots": OK,
        "lighting.red_eye": PASS, "image.sharpness": OK, "image.noise": PASS,
        "image.colour": PASS, "accessories.glasses": PASS,
        "accessories.head_covering": PASS,
    },
    "png": {"format.jpeg": FAIL, "background.plain": PASS},
    "jpeg_q10": {"format.compression": FAIL, "format.jpeg": PASS},
    # Same proportions: measured in the 500x653 frame all the same.
    "wrong_size": {"format.dimensions": FAIL, "geometry.crown_to_chin": PASS},
    "too_many_bytes": {"format.file_size": FAIL, "format.dimensions": PASS},
    "second_face": {"face.single": FAIL},
    "hat_over_eyes": {"face.eyes_visible": FAIL},
    "eyes_shut": {"expression.eyes_open": FAIL},
    "dark_lenses": {"face.eyes_visible": FAIL},
    "brim_shadow": {"accessories.head_covering": WARN, "face.eyes_visible": OK},
    "off_centre": {"geometry.centre_line": FAIL, "background.plain": PASS},
    "head_small": {"geometry.crown_to_chin": FAIL},
    "too_high": {"geometry.crown_margin": FAIL},
    "too_low": {"geometry.chin_margin": FAIL},
    "tilted": {"pose.straight": FAIL},
    "clutter": {"background.plain": FAIL, "image.colour": PASS},
    "gradient": {"background.plain": FLAGGED},
    "dark_background": {"background.light": FAIL, "image.colour": PASS},
    "pink_backdrop": {"background.light": FAIL, "image.colour": PASS},
    "colour_cast": {"image.colour": FAIL},
    "blur": {"image.sharpness": FAIL},
    "noise": {"image.noise": FAIL, "background.plain": OK},
    "under_exposed": {"lighting.exposure": FAIL},
    "over_exposed": {"lighting.exposure": FLAGGED},
    "side_shadow": {"lighting.even": FAIL},
    "hot_spots": {"lighting.hot_spots": FLAGGED},
    "red_eye": {"lighting.red_eye": FAIL},
    "glasses": {"accessories.glasses": WARN},
    "glasses_glare": {"accessories.glasses": FAIL},
    "bright_catchlights": {"accessories.glasses": PASS},
}  # fmt: skip
# The framed Obama portrait (a speech: mouth open, turned, looking aside) on the backdrop.
OBAMA_TABLE: dict[str, set[str]] = {
    "expression.mouth_closed": FAIL,
    "expression.neutral": FLAGGED,
    "pose.gaze": FLAGGED,
    "background.plain": PASS,
    "face.eyes_visible": PASS,
}


# --- building the variants -----------------------------------------------------------------


def studio(rgb: np.ndarray) -> np.ndarray:
    """The person on a plain light backdrop (product code never retouches; tests may)."""
    mask = find_faces(rgb).person_mask
    alpha = cv2.GaussianBlur(mask, (0, 0), 1.0)[..., None]
    ramp = np.linspace(4, -4, rgb.shape[0], dtype=np.float32)[:, None, None]
    back = np.clip(np.array(BACKDROP, np.float32) + ramp, 0, 255)
    return (alpha * rgb + (1 - alpha) * back).astype(np.uint8)


def level(rgb: np.ndarray, points: np.ndarray) -> np.ndarray:
    left, right = points[LEFT_EYE.iris_centre], points[RIGHT_EYE.iris_centre]
    roll = np.degrees(np.arctan2(right[1] - left[1], right[0] - left[0]))
    centre = tuple(float(v) for v in points[:, :2].mean(0))
    m = cv2.getRotationMatrix2D(centre, roll, 1.0)
    return cv2.warpAffine(rgb, m, (WIDTH, HEIGHT), flags=cv2.INTER_CUBIC,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=BACKDROP)  # fmt: skip


def affine(rgb: np.ndarray, scale: float = 1.0, dx: float = 0, dy: float = 0, angle: float = 0):
    m = cv2.getRotationMatrix2D((WIDTH / 2, HEIGHT / 2), angle, scale)
    m[:, 2] += (dx, dy)
    return cv2.warpAffine(rgb, m, (WIDTH, HEIGHT), flags=cv2.INTER_CUBIC,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=BACKDROP)  # fmt: skip


def person(rgb: np.ndarray) -> np.ndarray:
    return cv2.GaussianBlur(find_faces(rgb).person_mask, (0, 0), 1.0)[..., None]


def on_backdrop(rgb: np.ndarray, backdrop: np.ndarray) -> np.ndarray:
    alpha = person(rgb)
    return (alpha * rgb + (1 - alpha) * backdrop).astype(np.uint8)


def iod(p: np.ndarray) -> float:
    return float(np.linalg.norm(p[LEFT_EYE.iris_centre, :2] - p[RIGHT_EYE.iris_centre, :2]))


def eye_centres(p: np.ndarray) -> list[tuple[int, int]]:
    return [(round(p[e.iris_centre, 0]), round(p[e.iris_centre, 1])) for e in EYES]


def hat(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    """A dark fur hat pulled down over both eyes."""
    out = rgb.copy()
    bottom = int(max(p[e.iris_centre, 1] for e in EYES) + 0.3 * iod(p))
    fur = np.random.default_rng(1).normal(55, 22, (bottom, WIDTH, 1)) + np.array([12, 4, -6])
    out[:bottom] = cv2.GaussianBlur(np.clip(fur, 0, 255).astype(np.uint8), (0, 0), 1.2)
    return out


def eyes_shut(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Lids drawn over both eyes: skin where the eye opening was, and a lash line."""
    out = rgb.copy()
    below = [p[e.iris_centre, :2] + (0, 0.45 * iod(p)) for e in EYES]
    skin = np.median([rgb[round(y), round(x)] for x, y in below], axis=0)
    for e in EYES:
        ring = np.round(p[list(e.ring), :2]).astype(np.int32)
        mask = np.zeros(rgb.shape[:2], np.uint8)
        cv2.fillPoly(mask, [ring], 1)
        mask = cv2.dilate(mask, np.ones((7, 7), np.uint8)).astype(bool)
        out[mask] = skin
        lower = np.round(p[[e.outer, *e.lower, e.inner], :2]).astype(np.int32)
        cv2.polylines(out, [lower], False, (45, 35, 30), 2)
    return cv2.GaussianBlur(out, (0, 0), 0.8)


def dark_lenses(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    out = rgb.copy()
    d = iod(p)
    for c in eye_centres(p):
        cv2.ellipse(out, c, (round(0.4 * d), round(0.28 * d)), 0, 0, 360, (22, 22, 26), -1)
    return out


def brim_shadow(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    """A cap whose brim ends above the brows and shades the forehead."""
    out = rgb.astype(np.float32)
    brow = int(min(p[[105, 334, 66, 296], 1]) - 0.04 * iod(p))
    out[:brow] = out[:brow] * 0.3 + np.array([20, 30, 60]) * 0.7
    return out.astype(np.uint8)


def glasses(rgb: np.ndarray, p: np.ndarray, glare: bool) -> np.ndarray:
    out = rgb.copy()
    d = iod(p)
    centres = eye_centres(p)
    for c in centres:
        cv2.ellipse(out, c, (round(0.42 * d), round(0.3 * d)), 0, 0, 360, (25, 20, 20), 4)
    bridge_y = round(min(c[1] for c in centres) - 0.05 * d)
    inner = sorted(c[0] for c in centres)
    cv2.line(out, (round(inner[0] + 0.42 * d), bridge_y), (round(inner[1] - 0.42 * d), bridge_y),
             (25, 20, 20), 4)  # fmt: skip
    if glare:
        for x, y in centres:
            # A reflection of a softbox across the lower half of each lens.
            centre = (x + round(0.12 * d), y + round(0.17 * d))
            axes = (round(0.2 * d), round(0.07 * d))
            cv2.ellipse(out, centre, axes, -15, 0, 360, (252, 252, 252), -1)
    return out


def catchlights(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    out = rgb.copy()
    for x, y in eye_centres(p):
        cv2.circle(out, (x + 3, y - 3), 3, (255, 255, 255), -1)
    return out


def side_shadow(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    face = np.zeros((HEIGHT, WIDTH), np.uint8)
    cv2.fillPoly(face, [np.round(p[list(FACE_OVAL), :2]).astype(np.int32)], 1)
    face = cv2.GaussianBlur(cv2.dilate(face, np.ones((15, 15), np.uint8)).astype(np.float32),
                            (0, 0), 6)  # fmt: skip
    centre = float(np.mean(p[[10, 168, 1, 152], 0]))
    side = np.clip((centre - np.arange(WIDTH, dtype=np.float32)[None, :]) / 20.0, 0, 1)
    factor = 1 - 0.55 * face * side
    return np.clip(rgb * factor[..., None], 0, 255).astype(np.uint8)


def hot_spots(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    out = rgb.copy()
    d = iod(p)
    for i in (10, 151, 1, 50, 280, 205, 425):  # forehead, nose, cheeks
        cv2.circle(out, (round(p[i, 0]), round(p[i, 1])), round(0.1 * d), (255, 255, 253), -1)
    return cv2.GaussianBlur(out, (0, 0), 1.0)


def red_eye(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    out = rgb.copy()
    for e in EYES:
        c = p[e.iris_centre, :2]
        r = np.mean(np.linalg.norm(p[list(e.iris_ring), :2] - c, axis=1))
        cv2.circle(out, (round(c[0]), round(c[1])), max(2, round(0.55 * r)), (205, 35, 30), -1)
    return cv2.addWeighted(out, 0.9, rgb, 0.1, 0)


def second_face(rgb: np.ndarray, donor: np.ndarray) -> np.ndarray:
    small = cv2.resize(donor, (WIDTH // 2, HEIGHT // 2), interpolation=cv2.INTER_AREA)
    out = rgb.copy()
    out[HEIGHT - small.shape[0] :, WIDTH - small.shape[1] :] = small
    return out


def clutter(rgb: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(7)
    canvas = np.full_like(rgb, BACKDROP)
    for _ in range(40):
        colour = tuple(int(v) for v in rng.integers(40, 230, 3))
        x, y, size = (int(v) for v in (rng.integers(0, WIDTH), rng.integers(0, HEIGHT),
                                        rng.integers(20, 90)))  # fmt: skip
        cv2.rectangle(canvas, (x, y), (x + size, y + size // 2), colour, -1)
    return on_backdrop(rgb, canvas)


def gradient(rgb: np.ndarray) -> np.ndarray:
    ramp = np.linspace(250, 120, WIDTH, dtype=np.float32)[None, :, None]
    return on_backdrop(rgb, np.repeat(np.repeat(ramp, HEIGHT, 0), 3, 2))


def flat(colour: tuple[int, int, int]) -> np.ndarray:
    return np.full((HEIGHT, WIDTH, 3), colour, np.float32)


def exposure(rgb: np.ndarray, stops: float) -> np.ndarray:
    linear = (rgb.astype(np.float32) / 255.0) ** 2.2 * (2.0**stops)
    return (np.clip(linear, 0, 1) ** (1 / 2.2) * 255).astype(np.uint8)


def jpeg(rgb: np.ndarray, **kw) -> bytes:
    return encode(Image.fromarray(rgb), quality=kw.pop("quality", 92), **kw)


def variants(clean: np.ndarray, donor: np.ndarray) -> dict[str, bytes]:
    p = find_faces(clean).landmarks
    noisy = np.random.default_rng(3).normal(0, 10, clean.shape)
    big = np.clip(clean + np.random.default_rng(4).normal(0, 40, clean.shape), 0, 255)
    return {
        "clean": jpeg(clean),
        "png": encode(Image.fromarray(clean), "PNG"),
        "jpeg_q10": jpeg(clean, quality=10),
        "wrong_size": jpeg(cv2.resize(clean, (400, 522), interpolation=cv2.INTER_AREA)),
        "too_many_bytes": jpeg(big.astype(np.uint8), quality=100, subsampling=0),
        "second_face": jpeg(second_face(clean, donor)),
        "hat_over_eyes": jpeg(hat(clean, p)),
        "dark_lenses": jpeg(dark_lenses(clean, p)),
        "brim_shadow": jpeg(brim_shadow(clean, p)),
        "off_centre": jpeg(affine(clean, dx=40)),
        "head_small": jpeg(affine(clean, scale=0.85)),
        "too_high": jpeg(affine(clean, dy=-35)),
        "too_low": jpeg(affine(clean, dy=35)),
        "eyes_shut": jpeg(eyes_shut(clean, p)),
        "tilted": jpeg(affine(clean, angle=14)),
        "clutter": jpeg(clutter(clean)),
        "gradient": jpeg(gradient(clean)),
        "dark_background": jpeg(on_backdrop(clean, flat((90, 92, 95)))),
        "pink_backdrop": jpeg(on_backdrop(clean, flat((215, 150, 170)))),
        "colour_cast": jpeg(np.clip(clean * np.array([1.10, 1.0, 0.80]), 0, 255).astype(np.uint8)),
        "blur": jpeg(cv2.GaussianBlur(clean, (0, 0), 2.2)),
        "noise": jpeg(np.clip(clean + noisy, 0, 255).astype(np.uint8)),
        "under_exposed": jpeg(exposure(clean, -2.0)),
        "over_exposed": jpeg(exposure(clean, 2.0)),
        "side_shadow": jpeg(side_shadow(clean, p)),
        "hot_spots": jpeg(hot_spots(clean, p)),
        "red_eye": jpeg(red_eye(clean, p)),
        "glasses": jpeg(glasses(clean, p, glare=False)),
        "glasses_glare": jpeg(glasses(clean, p, glare=True)),
        "bright_catchlights": jpeg(catchlights(clean, p)),
    }


@pytest.fixture(scope="module")
def table_reports(framed_photos) -> dict[str, Report]:
    biden = studio(decode_rgb(framed_photos["biden"].jpeg))
    clean = level(biden, find_faces(biden).landmarks)
    obama = studio(decode_rgb(framed_photos["obama"].jpeg))
    reports = {name: assess(data, name) for name, data in variants(clean, obama).items()}
    reports["obama"] = assess(jpeg(obama), "obama")
    return reports


def expectations() -> list[tuple[str, str, set[str]]]:
    rows = [(v, c, allowed) for v, checks in TABLE.items() for c, allowed in checks.items()]
    return rows + [("obama", c, allowed) for c, allowed in OBAMA_TABLE.items()]


def mismatches(statuses: dict[str, dict[str, str]]) -> list[str]:
    return [
        f"{variant}: {check} answered {statuses[variant][check]}, expected {sorted(allowed)}"
        for variant, check, allowed in expectations()
        if statuses[variant][check] not in allowed
    ]


def statuses_of(reports: dict[str, Report]) -> dict[str, dict[str, str]]:
    return {name: {c.id: str(c.status) for c in r.checks} for name, r in reports.items()}


def test_the_table_names_only_real_checks():
    assert set(TABLE["clean"]) == set(CHECK_IDS), "the clean row pins every check"
    for _variant, check, _allowed in expectations():
        assert check in CHECK_IDS


def test_conformance_table(table_reports):
    assert mismatches(statuses_of(table_reports)) == []


@pytest.mark.parametrize("group", sorted({c.split(".")[0] for c in CHECK_IDS}))
def test_every_check_group_is_pinned(table_reports, group):
    """Were every check of this group to answer "pass", the table would say so."""
    forced = statuses_of(table_reports)
    for checks in forced.values():
        for check in checks:
            if check.split(".")[0] == group:
                checks[check] = "pass"
    assert mismatches(forced), f"{group}.* could always pass and the table would not notice"


@pytest.mark.parametrize("check", sorted(CHECK_IDS))
def test_every_check_is_pinned_by_a_defect(check):
    """Each check has a row where it must flag something (or, for face.hands, a unit test)."""
    if check == "face.hands":
        pytest.skip("no public-domain photo with a hand; see test_a_found_hand_fails")
    flagged = [v for v, checks in TABLE.items() if checks.get(check, PASS) & {"fail", "warn"}
               and "pass" not in checks.get(check, PASS)]  # fmt: skip
    flagged += ["obama"] if "pass" not in OBAMA_TABLE.get(check, PASS) else []
    assert flagged, f"no row of the conformance table makes {check} fail or warn"


HAND_BOX = (330, 470, 150, 170)  # x, y, w, h in the 500x653 frame: beside the chin


def painted_hand(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    """A patch of the subject's own cheek skin raised beside the chin, where a helper's or the
    subject's hand would show. MediaPipe's palm detector needs a real hand, which no
    committed public-domain photo has, so tests answer for the model (find_hands)."""
    out = rgb.copy()
    x, y = (round(v) for v in p[CHEEK_LEFT, :2])
    skin = np.median(rgb[y + 20 : y + 40, x + 30 : x + 50].reshape(-1, 3), axis=0)
    bx, by, bw, bh = HAND_BOX
    cv2.ellipse(out, (bx + bw // 2, by + bh // 2), (bw // 2, bh // 2), 0, 0, 360,
                tuple(int(c) for c in skin), -1)  # fmt: skip
    return out


def test_a_found_hand_fails(framed_photos, monkeypatch):
    """The palm detector's answer reaches the user as a failed check, in three languages;
    and the costly detector runs only where skin shows beside the head and neck."""
    import luppa.quality.analysis as analysis

    calls = []

    def detector(rgb):
        calls.append(rgb.shape)
        return [tuple(map(float, HAND_BOX))]

    monkeypatch.setattr(analysis, "find_hands", detector)
    biden = studio(decode_rgb(framed_photos["biden"].jpeg))
    clean = level(biden, find_faces(biden).landmarks)
    assert assess(jpeg(clean)).get("face.hands").status == "pass" and not calls
    check = assess(jpeg(painted_hand(clean, find_faces(clean).landmarks))).get("face.hands")
    assert calls and check.status == "fail"
    assert "käsi" in check.message("fi") and "hand" in check.message("sv")
    assert "hand" in check.message("en").lower()
