"""Every check's status, measured value and message key for every photo, to show that a
speed-up changed no result.

    .venv/bin/python bench/check_values.py dump OUT.json [DIR ...]
    .venv/bin/python bench/check_values.py compare BEFORE.json AFTER.json

DIR defaults to out/evalset (quality_bench.py) and out/real-framed (score.py --keep). `compare`
lists every photo and check whose status, key or value differs (values to within a rounding
step of their own precision are reported apart as "last digit") and exits 1 on any status or
key difference.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def dump(out: Path, dirs: list[Path]) -> int:
    import cv2

    cv2.setNumThreads(1)
    from luppa.quality import assess

    results: dict[str, dict[str, list]] = {}
    for d in dirs:
        for f in sorted(d.glob("*.jpg")):
            report = assess(f.read_bytes(), f.name)
            results[f"{d.name}/{f.name}"] = {
                c.id: [str(c.status), c.value, c.message_key] for c in report.checks
            }
    out.write_text(json.dumps(results, indent=0, sort_keys=True, default=str))
    print(f"{len(results)} photos -> {out}")
    return 0


def _close(a: object, b: object) -> bool:
    """Equal, or numbers that differ only in their last rounded digit."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, int | float) and isinstance(b, int | float):
        text = repr(float(a))
        decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
        return abs(a - b) <= 1.01 * 10**-decimals
    return a == b


def compare(before_path: Path, after_path: Path) -> int:
    before = json.loads(before_path.read_text())
    after = json.loads(after_path.read_text())
    changed = values = digits = 0
    for photo in sorted(before.keys() | after.keys()):
        old, new = before.get(photo, {}), after.get(photo, {})
        for check in sorted(old.keys() | new.keys()):
            a, b = old.get(check), new.get(check)
            if a == b:
                continue
            if a is None or b is None or a[0] != b[0] or a[2] != b[2]:
                changed += 1
                print(f"STATUS {photo} {check}: {a} -> {b}")
            elif _close(a[1], b[1]):
                digits += 1
                print(f"last digit {photo} {check}: {a[1]} -> {b[1]}")
            else:
                values += 1
                print(f"VALUE {photo} {check}: {a[1]} -> {b[1]}")
    total = sum(len(v) for v in before.values())
    print(
        f"{len(before)} photos, {total} results: {changed} status/key changes, "
        f"{values} value changes, {digits} last-digit changes"
    )
    return 1 if changed else 0


def main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "dump":
        dirs = [Path(d) for d in sys.argv[3:]] or [
            ROOT / "out" / "evalset",
            ROOT / "out" / "real-framed",
        ]
        return dump(Path(sys.argv[2]), dirs)
    if len(sys.argv) == 4 and sys.argv[1] == "compare":
        return compare(Path(sys.argv[2]), Path(sys.argv[3]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
