"""The `luppa` command: check photos against the decree, frame camera images, compare faces,
run the service."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

EXIT_PASS, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
_SYMBOL = {"pass": "✓", "fail": "✗", "warn": "!", "not_evaluated": "–"}
_VERDICT = {
    "pass": ("kelpaa", "godkänd", "passes"),
    "fail": ("ei kelpaa", "underkänd", "fails"),
    "error": ("ei luettavissa", "oläsbar", "unreadable"),
}


def _overlay_path(base: str, index: int, count: int) -> str:
    if count == 1:
        return base
    p = Path(base)
    return str(p.with_name(f"{p.stem}-{index + 1}{p.suffix or '.png'}"))


def cmd_check(args: argparse.Namespace) -> int:
    from .quality import assess, warm_up
    from .quality.analysis import analysis_image
    from .quality.assess import read_photo_file
    from .quality.decode import UnreadablePhoto, decode
    from .quality.overlay import draw, write_png

    warm_up()
    reports, status = [], EXIT_PASS
    for index, path in enumerate(args.photos):
        try:
            data = read_photo_file(path)
        except UnreadablePhoto as exc:
            from .quality.report import Report

            report = Report(file=path, error_key=exc.key, error_params=exc.params)
        else:
            report = assess(data, path)
            if args.overlay and report.verdict != "error":
                rgb, _ = analysis_image(decode(data).rgb)
                try:
                    write_png(_overlay_path(args.overlay, index, len(args.photos)),
                              draw(rgb, report.geometry))  # fmt: skip
                except OSError as exc:
                    print(f"luppa: {args.overlay}: {exc.strerror or exc}", file=sys.stderr)
                    status = EXIT_ERROR
        if report.verdict == "error":
            print(f"luppa: {path}: {report.error(args.lang)}", file=sys.stderr)
            status = EXIT_ERROR
        elif report.verdict == "fail" and status == EXIT_PASS:
            status = EXIT_FAIL
        reports.append(report)
    if args.json:
        json.dump([r.to_dict(args.lang) for r in reports], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        lang_index = ("fi", "sv", "en").index(args.lang)
        for r in reports:
            print(f"{r.file}: {_VERDICT[r.verdict][lang_index]}")
            for c in r.checks:
                print(f"  {_SYMBOL[c.status]} {c.id:<24} {c.message(args.lang)}")
    return status


def cmd_frame(args: argparse.Namespace) -> int:
    from .quality.assess import read_photo_file
    from .quality.decode import UnreadablePhoto
    from .quality.frame import FrameError, frame
    from .quality.messages import render

    try:
        framed = frame(read_photo_file(args.input))
    except (UnreadablePhoto, FrameError) as exc:
        print(f"luppa: {args.input}: {render(exc.key, args.lang, exc.params)}", file=sys.stderr)
        return EXIT_ERROR
    try:
        tmp = f"{args.output}.tmp{os.getpid()}"
        Path(tmp).write_bytes(framed.jpeg)
        os.replace(tmp, args.output)
    except OSError as exc:
        text = render("frame.cannot_write", args.lang, {"reason": exc.strerror or str(exc)})
        print(f"luppa: {args.output}: {text}", file=sys.stderr)
        return EXIT_ERROR
    g = framed.report.geometry
    summary = {
        "output": args.output,
        "bytes": len(framed.jpeg),
        "jpeg_quality": framed.quality,
        "scale": round(framed.scale, 3),
        "geometry": g.to_dict() if g else None,
        "verdict": framed.report.verdict,
    }
    print(json.dumps(summary, ensure_ascii=False))
    return EXIT_PASS


def cmd_demo(args: argparse.Namespace) -> int:
    """Frame and check a bundled sample photo, so a newcomer sees the tool work at once."""
    sample = Path(__file__).parent / "quality" / "samples" / "obama.jpg"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    framed = out / "framed.jpg"
    code = cmd_frame(argparse.Namespace(input=str(sample), output=str(framed), lang=args.lang))
    if code:
        return code
    cmd_check(
        argparse.Namespace(
            photos=[str(framed)], json=False, lang=args.lang, overlay=str(out / "overlay.png")
        )
    )
    print(f"\n{framed}  {out / 'overlay.png'}")
    return EXIT_PASS


def cmd_compare(args: argparse.Namespace) -> int:
    """1:1 face comparison: exit 0 for the same person, 1 for different people, 2 when an
    input is unreadable or has no usable face."""
    from .faces import (
        NoUsableFace,
        compare_vectors,
        concerns_from_checks,
        embed_bytes,
        embedding_concerns,
        warm_up,
    )
    from .faces.messages import concerns_text, render
    from .quality import assess
    from .quality.assess import read_photo_file
    from .quality.decode import UnreadablePhoto

    warm_up()
    vectors, concerns = [], []
    for path in (args.first, args.second):
        try:
            data = read_photo_file(path)
            embedding = embed_bytes(data)
        except (UnreadablePhoto, NoUsableFace) as exc:
            print(f"luppa: {path}: {render(exc.key, args.lang, exc.params)}", file=sys.stderr)
            return EXIT_ERROR
        # The photo checks' verdict on pose and occlusion says how far to trust the score.
        checks = [{"id": c.id, "status": str(c.status)} for c in assess(data, path).checks]
        concerns += [*concerns_from_checks(checks), *embedding_concerns(embedding)]
        vectors.append(embedding.vector)
    result = compare_vectors(*vectors, concerns=concerns)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        verdict = render("verdict.same" if result.same_person else "verdict.different", args.lang)
        print(f"{verdict}: {result.score:.3f} (≥ {result.threshold})")
    if not result.reliable:
        print(f"luppa: {concerns_text(result.concerns, args.lang)}", file=sys.stderr)
    return EXIT_PASS if result.same_person else EXIT_FAIL


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="luppa",
        description=__doc__,
        epilog="Other commands are Django management commands: luppa migrate, luppa runserver, "
        "luppa seed_demo, luppa apikey create ACCOUNT, luppa worker, luppa embed_faces, "
        "luppa fake-idp, ... "
        "`luppa check` with no photo, or with one of Django's check options (--deploy, "
        "--tag, --list-tags, --fail-level, --database), is Django's own system check: "
        "`luppa check --deploy`. "
        "`luppa serve [--bind HOST:PORT]` runs the production server (gunicorn).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check photos against decree 1168/2016")
    check.add_argument("photos", nargs="+", metavar="PHOTO")
    check.add_argument("--json", action="store_true", help="print one JSON array")
    check.add_argument("--lang", choices=("fi", "sv", "en"), default="fi")
    check.add_argument("--overlay", metavar="OUT.png", help="write the photo with guide lines")
    check.set_defaults(func=cmd_check)
    frame = sub.add_parser("frame", help="crop and scale a portrait to a compliant 500x653 JPEG")
    frame.add_argument("input", metavar="INPUT")
    frame.add_argument("output", metavar="OUTPUT.jpg")
    frame.add_argument("--lang", choices=("fi", "sv", "en"), default="fi")
    frame.set_defaults(func=cmd_frame)
    compare = sub.add_parser(
        "compare", help="compare the faces of two photos (exit 0 same person, 1 different)"
    )
    compare.add_argument("first", metavar="A.jpg")
    compare.add_argument("second", metavar="B.jpg")
    compare.add_argument("--json", action="store_true",
                         help='print {"score", "same_person", "threshold", ...}')  # fmt: skip
    compare.add_argument("--lang", choices=("fi", "sv", "en"), default="fi")
    compare.set_defaults(func=cmd_compare)
    demo = sub.add_parser("demo", help="frame and check a bundled sample photo")
    demo.add_argument("--out", default="out/demo")
    demo.add_argument("--lang", choices=("fi", "sv", "en"), default="fi")
    demo.set_defaults(func=cmd_demo)
    return parser


PHOTO_COMMANDS = {"check", "frame", "demo", "compare"}
# Django's `check` options: with any of them (or no argument at all) `luppa check` is Django's
# system check, as Django documents it (`check --deploy`); with photos it checks photos.
DJANGO_CHECK_OPTIONS = ("--deploy", "--tag", "-t", "--list-tags", "--fail-level", "--database")


def is_django_check(argv: list[str]) -> bool:
    """`luppa check` alone or with a Django check option, not `luppa check PHOTO...`."""
    if not argv or argv[0] not in ("check", "djcheck"):
        return False
    rest = argv[1:]
    if argv[0] == "djcheck" or not rest:
        return True  # djcheck: the older spelling, kept working
    return any(a.split("=", 1)[0] in DJANGO_CHECK_OPTIONS for a in rest)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "fake-idp":
        argv[0] = "fake_idp"  # the management command's module name
    if is_django_check(argv):
        return _django(["check", *argv[1:]])
    if argv and argv[0] == "serve":
        from .ops.serve import serve

        return serve(argv[1:])
    if argv and argv[0] not in PHOTO_COMMANDS and not argv[0].startswith("-"):
        return _django(argv)
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


def _django(argv: list[str]) -> int:
    """Every other subcommand is a Django management command (migrate, runserver, apikey...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luppa.settings")
    from django.core.management import execute_from_command_line

    # Hyphenated spellings of commands, as the docs write them: `luppa rotate-keys`.
    argv = [argv[0].replace("-", "_"), *argv[1:]]
    execute_from_command_line(["luppa", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
