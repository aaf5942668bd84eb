import uuid

from django.core.management.base import BaseCommand, CommandError

from workup.tasks import pipeline_check_task


class Command(BaseCommand):
    help = "Send a self-check task through Redis to a Celery worker and wait for its PDF."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait")

    def handle(self, *args, timeout: float, **options):
        check_id = uuid.uuid4()
        try:
            result = pipeline_check_task.delay(str(check_id)).get(timeout=timeout)
        except Exception as error:  # any failure here means the pipeline is not working
            raise CommandError(f"pipeline check failed: {type(error).__name__}: {error}") from error
        self.stdout.write(
            f"Worker rendered pipeline check {check_id}: {result['pages']} page(s), "
            f"sha256 {result['sha256'][:16]}…"
        )
