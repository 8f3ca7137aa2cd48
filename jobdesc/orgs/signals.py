"""What the organisation's side tells the parts above it, which connect to these in their `AppConfig.ready`.

The organisation knows nothing of instructions: a change of its people is announced here, and a question
only a higher part can answer is asked here, so that its package imports nothing above it.
"""

from django.dispatch import Signal

# Sent inside the transaction that saved them, after employee records were created or changed (by HR's form
# or the staff import): `organisation`, `employees` (the records, as saved) and `transfers` (the ids of those
# who moved from another position). A receiver acts in the same transaction: what fails undoes the change.
employees_changed = Signal()

# Asked before a login is linked to or taken off an employee record: `employee`, and `other_than` (a login,
# or None). A receiver answers True when the record carries a signature made under a login other than
# `other_than` (under any login when None): such a record stays with its login for good.
signature_binds_record = Signal()


def announce_employees_changed(*, organisation, employees, transfers=()) -> None:
    employees = list(employees)
    if employees:
        employees_changed.send(
            sender=type(employees[0]), organisation=organisation, employees=employees, transfers=set(transfers)
        )


def record_bound_by_signature(employee, *, other_than=None) -> bool:
    answers = signature_binds_record.send(sender=type(employee), employee=employee, other_than=other_than)
    return any(answer for _receiver, answer in answers)
