"""What the instructions tell the parts above them, which connect to these in their `AppConfig.ready`."""

from django.dispatch import Signal

# Sent inside the approval's transaction, once the approved `version` and its snapshot are saved: the documents
# have its PDF rendered and stored after the commit (a rolled-back approval stores none).
version_approved = Signal()

# Sent inside the transaction that recorded a refusal to sign (`act`, a RefusalAct): the documents render the
# act and store its PDF on it, in the same transaction.
refusal_recorded = Signal()
