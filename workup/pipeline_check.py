"""The pipeline self-check: web → Redis → worker → WeasyPrint → private storage.

`make run` uses it to prove the worker is processing tasks, and the integration test
of the task pipeline uses it as the pattern the referral pipeline follows.
"""

from __future__ import annotations

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.template.loader import render_to_string
from django.utils import timezone

from workup.referrals.pdf import render_pdf


def check_pdf_name(check_id: uuid.UUID) -> str:
    return f"pipeline-checks/{check_id.hex}.pdf"


def render_check_pdf(*, check_id: uuid.UUID) -> dict:
    """Render a one-page PDF naming check_id and store it; the same id overwrites."""
    html = render_to_string("pdf/pipeline_check.html", {"check_id": check_id, "rendered_at": timezone.now()})
    rendered = render_pdf(html)
    storage = storages["private"]
    name = check_pdf_name(check_id)
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(rendered.content))
    return {
        "name": name,
        "pages": rendered.pages,
        "sha256": hashlib.sha256(rendered.content).hexdigest(),
    }
