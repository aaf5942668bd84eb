from django.apps import AppConfig


class WorkupConfig(AppConfig):
    name = "workup"
    verbose_name = "Workup: encounters, assessments, referrals"

    def ready(self) -> None:
        # Load and validate every checklist definition at start-up: a malformed data file
        # stops the process here rather than failing a GP's request later.
        from workup.pathways.checklists import available_versions, get_checklist

        for version in available_versions():
            get_checklist(version)
