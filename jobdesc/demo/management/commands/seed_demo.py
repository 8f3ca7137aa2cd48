"""Create the demo organisation with its structure, one login per role and two approved instructions (idempotent)."""

import datetime

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role
from jobdesc.documents.errors import RenderError
from jobdesc.documents.pdf import store_pdf
from jobdesc.instructions.drafting.services import start_draft, suggested_clause_ids
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Version
from jobdesc.instructions.workflow import services as workflow
from jobdesc.orgs.models import Category, Department, Employee, Organisation, Position
from jobdesc.orgs.services import save_position

DEMO_PASSWORD = "jobdesc-demo"
DEMO_INN = "7701000001"
DEMO_MAIL_DOMAIN = "servis-plus.example"

PEOPLE = [
    # username, full name, role, position title (None: not an employee of a described position)
    ("hr", "Смирнова Ольга Петровна", Role.HR, "Специалист по кадрам"),
    ("lawyer", "Кузнецов Андрей Викторович", Role.AGREEING, "Юрисконсульт"),
    ("sales-head", "Волкова Марина Сергеевна", Role.AGREEING, "Начальник отдела продаж"),
    ("director", "Петров Сергей Николаевич", Role.APPROVER, "Генеральный директор"),
    ("manager", "Иванов Иван Иванович", Role.EMPLOYEE, "Менеджер по работе с клиентами"),
    ("manager2", "Соколова Анна Дмитриевна", Role.EMPLOYEE, "Менеджер по работе с клиентами"),
    ("service", "Лебедев Павел Олегович", Role.EMPLOYEE, "Менеджер по послепродажному обслуживанию"),
]

POSITIONS = [
    # title, department, category, reports to
    ("Генеральный директор", None, Category.MANAGERS, None),
    ("Начальник отдела продаж", "Отдел продаж", Category.MANAGERS, "Генеральный директор"),
    ("Менеджер по работе с клиентами", "Отдел продаж", Category.SPECIALISTS, "Начальник отдела продаж"),
    ("Менеджер по послепродажному обслуживанию", "Отдел продаж", Category.MANAGERS, "Начальник отдела продаж"),
    ("Юрисконсульт", "Юридический отдел", Category.SPECIALISTS, "Генеральный директор"),
    ("Специалист по кадрам", "Отдел кадров", Category.SPECIALISTS, "Генеральный директор"),
]

# Instructions built from the clause library and taken through the real workflow to approval.
APPROVED_INSTRUCTIONS = ["Менеджер по работе с клиентами", "Менеджер по послепродажному обслуживанию"]
DRAFTED_BY, AGREED_BY, APPROVED_BY = "hr", ["lawyer", "sales-head"], "director"


class Command(BaseCommand):
    help = (
        "Create the demo organisation ООО «Сервис-Плюс» with departments, positions, employees and one login "
        "per role, and approved instructions for the two managers' positions, built from the clause library "
        "(load it first: loaddata clauses) and taken through agreement and approval, with their PDFs stored. "
        "Then print the logins. Running it again keeps existing data and only adds what is missing."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        organisation, created = Organisation.objects.get_or_create(
            inn=DEMO_INN,
            defaults={
                "full_name": "Общество с ограниченной ответственностью «Сервис-Плюс»",
                "short_name": "ООО «Сервис-Плюс»",
                "ogrn": "1027700000001",
                "kpp": "770101001",
                "address": "125009, г. Москва, ул. Тверская, д. 1",
                "city": "Москва",
                "phone": "+7 495 000-00-00",
                "email": "office@servis-plus.example",
                "head_position": "Генеральный директор",
                "head_name": "Петров Сергей Николаевич",
            },
        )
        departments = {}
        for _title, name, _category, _manager in POSITIONS:
            if name and name not in departments:
                departments[name], _ = Department.objects.get_or_create(organisation=organisation, name=name)
        positions = {}
        for title, department, category, manager in POSITIONS:
            position = Position.objects.filter(organisation=organisation, title=title).first()
            if position is None:
                position = Position(
                    organisation=organisation,
                    title=title,
                    department=departments.get(department),
                    category=category,
                    reports_to=positions.get(manager),
                )
                save_position(position)
            positions[title] = position
        for number, (username, full_name, role, position_title) in enumerate(PEOPLE, start=1):
            surname, first_name, *_rest = full_name.split()
            email = f"{username}@{DEMO_MAIL_DOMAIN}"
            user, user_created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first_name, "last_name": surname, "organisation": organisation, "email": email},
            )
            if user_created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            elif not user.email:
                # Demo databases made before the demo people had addresses get them now.
                User.objects.filter(pk=user.pk).update(email=email)
            user.groups.add(Group.objects.get(name=role.value))
            Employee.objects.get_or_create(
                organisation=organisation,
                user=user,
                defaults={
                    "full_name": full_name,
                    "position": positions[position_title],
                    "hire_date": datetime.date(2024, 3, 1),
                    "personnel_number": f"{number:05}",
                    "email": email,
                },
            )
        for title in APPROVED_INSTRUCTIONS:
            self.approve_instruction(positions[title])
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Created' if created else 'Kept'} the demo organisation {organisation.short_name}. Logins:"
            )
        )
        for username, full_name, role, _position in PEOPLE:
            self.stdout.write(
                f"  {username:<12} {DEMO_PASSWORD:<14} {str(role.label):<20} {full_name}, {username}@{DEMO_MAIL_DOMAIN}"
            )

    def approve_instruction(self, position):
        """Draft the position's instruction from the library and take it to approval, unless it has one already."""
        if Version.objects.filter(instruction__position=position).exists():
            self.stdout.write(f"Kept the instruction of «{position.title}».")
            return
        clause_ids = suggested_clause_ids(position)
        if not clause_ids:
            self.stdout.write(
                self.style.WARNING(
                    f"No instruction for «{position.title}»: the clause library is empty (run loaddata clauses)."
                )
            )
            return
        users = {user.username: user for user in User.objects.filter(organisation=position.organisation)}
        try:
            version = start_draft(position=position, user=users[DRAFTED_BY], clause_ids=clause_ids)
            officials = [users[name] for name in AGREED_BY]
            workflow.submit(version=version, user=users[DRAFTED_BY], officials=officials)
            for official in officials:
                workflow.agree(version=version, user=official)
            version = workflow.approve(version=version, user=users[APPROVED_BY], password=DEMO_PASSWORD)
            # The approval stores the PDF; storing again is a no-op, and covers an approval that did not.
            store_pdf(version)
        except (WorkflowError, RenderError) as error:
            raise CommandError(f"The instruction of «{position.title}» could not be approved: {error}") from error
        self.stdout.write(
            f"Approved the instruction of «{position.title}», version {version.number}, "
            f"registered № {version.journal_entry.number}, {len(clause_ids)} clauses."
        )
