"""Events the photo layer raises for the layers above it (the outbox, the statistics).

The photo layer must not import what sits above it, so it announces what happened and the
upper apps connect receivers in their AppConfig.ready(). Django's signals are synchronous:
a receiver runs inside the sender's transaction, so a receipt message or a statistics row
exists exactly when the submission or decision does (transaction.on_commit would lose that).
A receiver's exception rolls the whole change back, as the direct call did before.
"""

from django.dispatch import Signal

# photo=<Photo> just submitted, still locked in the submitting transaction.
photo_submitted = Signal()
# photo=<Photo> whose latest decision was just recorded, in the deciding transaction.
photo_decided = Signal()
# photo=<Photo>, email=<str>: the customer asked on My photos for the receipt again.
receipt_requested = Signal()
