"""What the workflow and the signatures tell the webhooks: the steps of a version and a signed acknowledgement.

Connected to signals so the workflow's own modules stay as they are: django-fsm's `post_transition`
names each step of a version, and the save that records a signature announces it. The deliveries are
written in the step's transaction and sent after its commit (see webhooks.py).
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django_fsm.signals import post_transition

from jobdesc.instructions.models import Acknowledgement, Version

from .models import Event
from .webhooks import emit

logger = logging.getLogger(__name__)

# A transition of Version (its method's name) → the event it is.
VERSION_EVENTS = {
    "submit": Event.VERSION_SUBMITTED,
    "return_from_agreement": Event.VERSION_RETURNED,
    "return_from_approval": Event.VERSION_RETURNED,
    "approve": Event.VERSION_APPROVED,
    "withdraw": Event.VERSION_WITHDRAWN,
}


def _emit_safely(organisation_id, event, payload):
    """A webhook must never stop a step: a failure to queue it is logged, and the step goes on."""

    try:
        with transaction.atomic():
            emit(organisation_id, event, payload)
    except Exception:
        logger.exception("Webhook event %s of organisation %s not queued", event, organisation_id)


def version_moved(sender, instance, name, source, target, **kwargs):
    event = VERSION_EVENTS.get(name)
    if event is None:
        return
    instruction = instance.instruction
    payload = {
        "version": {
            "id": instance.pk,
            "number": instance.number,
            "instruction_id": instruction.pk,
            "position_id": instruction.position_id,
            "position": instruction.position.title,
            "status": target,
            "previous_status": source,
        }
    }
    _emit_safely(instruction.organisation_id, event, payload)


def acknowledgement_saved(sender, instance, created, **kwargs):
    # A signed acknowledgement can never be saved again, so this save is the signature itself.
    if instance.status != "signed":
        return
    version = instance.version
    employee = instance.employee
    payload = {
        "acknowledgement": {
            "id": instance.pk,
            "version_id": version.pk,
            "instruction_id": version.instruction_id,
            "employee_id": employee.pk,
            "employee": employee.full_name,
            "personnel_number": employee.personnel_number,
            "signed_at": instance.signed_at,
        }
    }
    _emit_safely(employee.organisation_id, Event.ACKNOWLEDGEMENT_SIGNED, payload)


def connect():

    post_transition.connect(version_moved, sender=Version, dispatch_uid="api-webhooks-version")
    post_save.connect(acknowledgement_saved, sender=Acknowledgement, dispatch_uid="api-webhooks-acknowledgement")
