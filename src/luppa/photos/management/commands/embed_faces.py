"""Face embeddings for held photos that have none of the current model: photos submitted
before face comparison was deployed, or after a model change. Safe to run again."""

from django.core.management.base import BaseCommand

from luppa.photos.services import embed_missing


class Command(BaseCommand):
    help = "Compute the missing face embeddings of held photos (luppa.faces)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--limit", type=int, default=None, help="at most this many photos")

    def handle(self, *args: object, **options: object) -> None:
        stored, skipped = embed_missing(limit=options["limit"])  # type: ignore[arg-type]
        self.stdout.write(f"stored {stored} embeddings; {skipped} photos had no usable face")
