"""The audit trail itself: append-only in PostgreSQL, a closed set of actions, the request's origin."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from core import audit
from core.models import USER_AGENT_LENGTH, AuditEvent
from tests.core.conftest import USER_AGENT


@pytest.fixture
def an_event(gp_a, patient_a) -> AuditEvent:
    audit.record(actor=gp_a.user, action=audit.Action.VIEW, target=patient_a)
    return AuditEvent.objects.get(actor=gp_a.user)


def test_the_trail_keeps_the_table_it_had_before_it_moved_to_core():
    assert AuditEvent._meta.db_table == "workup_auditevent"


def test_postgresql_refuses_to_update_an_event(an_event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=an_event.pk).update(action="list")


def test_postgresql_refuses_to_delete_an_event(an_event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=an_event.pk).delete()

    assert AuditEvent.objects.filter(pk=an_event.pk).exists()


def test_an_action_outside_the_enum_is_refused(gp_a, patient_a):
    with pytest.raises(ValueError):
        audit.record(actor=gp_a.user, action="peek", target=patient_a)

    assert not AuditEvent.objects.exists()


def test_an_event_names_the_patient_and_their_practice(an_event, patient_a):
    assert (an_event.patient, an_event.practice) == (patient_a, patient_a.practice)


def test_a_change_of_a_practice_names_no_patient(superuser, practice_a):
    audit.record(actor=superuser, action=audit.Action.UPDATE, target=practice_a, practice=practice_a)

    changed = AuditEvent.objects.get()
    assert (changed.patient, changed.practice, changed.object_type) == (None, practice_a, "practice")


def test_the_middleware_records_the_user_agent(client, gp_a, patient_a):
    client.force_login(gp_a.user)

    client.get(reverse("patient", args=[patient_a.public_id]), headers={"user-agent": USER_AGENT})

    assert AuditEvent.objects.get(action="view").user_agent == USER_AGENT


def test_a_long_user_agent_is_cut_to_the_column(client, gp_a, patient_a):
    client.force_login(gp_a.user)

    client.get(reverse("patient", args=[patient_a.public_id]), headers={"user-agent": "x" * 5000})

    assert AuditEvent.objects.get(action="view").user_agent == "x" * USER_AGENT_LENGTH


def test_a_request_without_a_user_agent_records_an_empty_one(client, gp_a, patient_a):
    client.force_login(gp_a.user)

    client.get(reverse("patient", args=[patient_a.public_id]))

    assert AuditEvent.objects.get(action="view").user_agent == ""
