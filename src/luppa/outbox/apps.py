from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "luppa.outbox"
    label = "outbox"

    def ready(self) -> None:
        # The photo layer announces submissions; the receipts are queued in its transaction.
        from ..photos import signals
        from . import receipts

        signals.photo_submitted.connect(receipts.on_submitted, dispatch_uid="outbox.receipt")
        signals.receipt_requested.connect(
            receipts.on_receipt_requested, dispatch_uid="outbox.receipt_again"
        )
