"""The pipeline every background job follows: web → Redis → real worker → storage."""

import uuid

import pytest
from django.core.files.storage import storages

from workup.pipeline_check import check_pdf_name
from workup.referrals.pdf import pdf_text
from workup.tasks import pipeline_check_task

pytestmark = pytest.mark.integration


def test_a_real_worker_renders_the_check_pdf_into_private_storage(celery_worker_process):
    check_id = uuid.uuid4()

    result = pipeline_check_task.delay(str(check_id)).get(timeout=60)

    with storages["private"].open(check_pdf_name(check_id)) as stored:
        content = stored.read()
    assert result["pages"] == 1
    assert content.startswith(b"%PDF-")
    assert str(check_id) in pdf_text(content)
    assert "Workup pipeline check" in pdf_text(content)
