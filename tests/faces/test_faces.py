"""Face comparison, 1:1 and 1:N (luppa.faces) and `luppa compare`, on committed
public-domain fixtures: downscaled crops of U.S. government photos of two people."""

from __future__ import annotations

import json

import numpy as np
import pytest
from imagetools import BIDEN, FIXTURES, OBAMA, TWO_PEOPLE, encode
from PIL import Image

from luppa import faces
from luppa.cli import main
from luppa.faces.gallery import INT8_ERROR_BOUND

OBAMA_LATER = FIXTURES / "obama3.jpg"  # another photo, another year
BIDEN_LATER = FIXTURES / "biden2.jpg"


@pytest.fixture(scope="module")
def vectors() -> dict[str, np.ndarray]:
    return {
        name: faces.embed_bytes(path.read_bytes()).vector
        for name, path in {
            "obama": OBAMA, "obama3": OBAMA_LATER, "biden": BIDEN, "biden2": BIDEN_LATER,
        }.items()
    }  # fmt: skip


def test_embedding_is_a_unit_vector(vectors) -> None:
    for v in vectors.values():
        assert v.shape == (faces.DIMENSIONS,)
        assert abs(float(np.linalg.norm(v)) - 1) < 1e-4


@pytest.mark.parametrize("a, b", [("obama", "obama3"), ("biden", "biden2")])
def test_same_person_in_different_photos(vectors, a, b) -> None:
    result = faces.compare_vectors(vectors[a], vectors[b])
    assert result.same_person, result


@pytest.mark.parametrize("a, b", [("obama", "biden"), ("obama3", "biden2"), ("obama", "biden2")])
def test_different_people(vectors, a, b) -> None:
    result = faces.compare_vectors(vectors[a], vectors[b])
    assert not result.same_person
    assert result.score < faces.THRESHOLD - 0.2  # far below, not a coin toss


def test_no_face_is_refused_with_a_reason() -> None:
    with pytest.raises(faces.NoUsableFace) as caught:
        faces.embed_bytes(encode(Image.new("RGB", (400, 500), (120, 140, 160))))
    assert caught.value.key == "faces.no_face"


def test_a_tiny_face_is_refused() -> None:
    canvas = Image.new("RGB", (600, 780), (200, 200, 200))
    canvas.paste(Image.open(OBAMA).convert("RGB").resize((60, 78)), (270, 350))
    with pytest.raises(faces.NoUsableFace):
        faces.embed_bytes(encode(canvas))


def test_several_faces_make_the_comparison_less_reliable() -> None:
    found = faces.embed_bytes(TWO_PEOPLE.read_bytes())
    assert found.faces == 2
    assert "faces.several" in faces.embedding_concerns(found)


def test_failed_pose_or_occlusion_checks_mark_it_less_reliable(vectors) -> None:
    checks = [
        {"id": "pose.straight", "status": "fail"},
        {"id": "background.plain", "status": "fail"},  # irrelevant to identity
        {"id": "expression.eyes_open", "status": "warn"},  # only a failure counts
        {"id": "occlusion.mask", "status": "fail"},  # any occlusion check of the future
    ]
    concerns = faces.concerns_from_checks(checks)
    assert concerns == ("pose.straight", "occlusion.mask")
    result = faces.compare_vectors(vectors["obama"], vectors["obama3"], concerns)
    assert not result.reliable
    assert result.to_dict()["concerns"] == ["pose.straight", "occlusion.mask"]


def test_vectors_round_trip_as_bytes(vectors) -> None:
    data = faces.to_bytes(vectors["obama"])
    assert len(data) == 512
    assert np.array_equal(faces.from_bytes(data), vectors["obama"])
    with pytest.raises(ValueError):
        faces.from_bytes(data[:-1])


# --- 1:N ---------------------------------------------------------------------------------------


def random_gallery(n: int, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    m = rng.standard_normal((n, faces.DIMENSIONS)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def near(v: np.ndarray, cos: float, seed: int) -> np.ndarray:
    """A unit vector at cosine `cos` from v."""
    r = np.random.default_rng(seed).standard_normal(v.size).astype(np.float32)
    r -= (r @ v) * v
    r /= np.linalg.norm(r)
    return (cos * v + np.sqrt(1 - cos**2) * r).astype(np.float32)


def test_gallery_finds_the_same_answers_as_a_full_scan(vectors) -> None:
    m = random_gallery(20_000)
    probe = vectors["obama"]
    # Planted faces just above, at and just below the threshold, and the other real photos.
    planted = {101: near(probe, 0.9, 1), 202: near(probe, faces.THRESHOLD + 0.005, 2),
               303: near(probe, faces.THRESHOLD - 0.005, 3), 404: vectors["obama3"],
               505: vectors["biden"]}  # fmt: skip
    for key, v in planted.items():
        m[key] = v
    gallery = faces.Gallery()
    gallery.add(np.arange(len(m)), m)
    found = gallery.search(probe)
    assert [x.key for x in found] == [x.key for x in gallery.brute_force(probe)]
    assert {x.key for x in found} == {101, 202, 404}
    assert found[0].key == 101 and abs(found[0].score - 0.9) < 2e-3


def test_int8_error_bound_holds() -> None:
    m = random_gallery(2_000, seed=3)
    q = faces.gallery.quantise(m).astype(np.float32) / faces.gallery.SCALE
    approx = q @ q[0]
    assert np.max(np.abs(approx - m @ m[0])) <= INT8_ERROR_BOUND


def test_empty_gallery_finds_nothing(vectors) -> None:
    assert faces.Gallery().search(vectors["obama"]) == []


# --- luppa compare -----------------------------------------------------------------------------


def compare(capsys, *argv) -> tuple[int, str, str]:
    code = main(["compare", *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_same_person_exits_0(capsys) -> None:
    code, out, _ = compare(capsys, OBAMA, OBAMA_LATER, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["same_person"] is True
    assert data["threshold"] == faces.THRESHOLD
    assert data["score"] >= data["threshold"]


def test_cli_different_people_exit_1(capsys) -> None:
    code, out, _ = compare(capsys, OBAMA, BIDEN, "--json")
    assert code == 1
    assert json.loads(out)["same_person"] is False


def test_cli_plain_text_verdict(capsys) -> None:
    code, out, _ = compare(capsys, BIDEN, BIDEN_LATER, "--lang", "en")
    assert code == 0
    assert out.startswith("same person: ")


def test_cli_no_face_exits_2_with_one_line(capsys, tmp_path) -> None:
    empty = tmp_path / "wall.jpg"
    empty.write_bytes(encode(Image.new("RGB", (400, 500), (200, 200, 200))))
    code, out, err = compare(capsys, OBAMA, empty, "--lang", "en")
    assert code == 2 and out == ""
    assert (
        err.strip() == f"luppa: {empty}: No face was found in the photo, so it cannot be compared."
    )


def test_cli_unreadable_input_exits_2(capsys, tmp_path) -> None:
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"not a jpeg at all")
    code, _, err = compare(capsys, fake, OBAMA)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and str(fake) in err
    code, _, err = compare(capsys, OBAMA, tmp_path / "missing.jpg")
    assert code == 2 and "missing.jpg" in err


@pytest.mark.parametrize("threads", [1, 2])
def test_the_product_quantised_first_pass_finds_the_same_answers(vectors, threads) -> None:
    m = random_gallery(30_000, seed=11)
    probe = vectors["obama"]
    planted = {7: near(probe, 0.9, 4), 8: near(probe, faces.THRESHOLD + 0.005, 5),
               9: near(probe, faces.THRESHOLD - 0.005, 6), 10: vectors["obama3"]}  # fmt: skip
    for key, v in planted.items():
        m[key] = v
    gallery = faces.Gallery(pq_from=20_000, threads=threads)
    gallery.add(np.arange(20_000), m[:20_000])
    gallery.add(np.arange(20_000, 30_000), m[20_000:])  # added after the index was trained
    assert gallery.approximate_first_pass
    found = gallery.search(probe)
    assert [x.key for x in found] == [x.key for x in gallery.brute_force(probe)]
    assert {x.key for x in found} == {7, 8, 10}
