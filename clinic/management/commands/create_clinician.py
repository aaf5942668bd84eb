import getpass

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clinic.models import Clinician, Practice
from clinic.services import clinician_create
from core.errors import InvalidInput


class Command(BaseCommand):
    help = "Onboard a real user into a practice as a GP or practice admin staff."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--practice", required=True, help="the practice's exact name")
        parser.add_argument("--role", choices=[choice.value for choice in Clinician.Role], default="gp")
        parser.add_argument("--registration-number", default="", help="GMC number (required for GPs)")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="omit to be prompted (recommended)")

    @transaction.atomic
    def handle(self, *args, **options):
        try:
            practice = Practice.objects.get(name=options["practice"])
        except Practice.DoesNotExist as error:
            raise CommandError(f"No practice named {options['practice']!r}.") from error
        password = options["password"] or getpass.getpass("Password: ")
        try:
            clinician = clinician_create(
                practice=practice,
                username=options["username"],
                password=password,
                role=options["role"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
                registration_number=options["registration_number"],
            )
        except InvalidInput as error:
            raise CommandError(error.summary) from error
        self.stdout.write(self.style.SUCCESS(f"Created {clinician}."))
