"""One vocabulary: the spec's codes, and every copy (model choices, serializers, scripts) read from it."""

from __future__ import annotations

import pytest

from clinic.models import Patient, SpecialistService
from tests import spec_codes
from workup.models import Encounter, Referral
from workup.pathways import vocabulary


@pytest.mark.parametrize(
    ("words", "spec"),
    [
        (vocabulary.TIER_WORDS, spec_codes.TIERS),
        (vocabulary.TIER_LABELS, spec_codes.TIERS),
        (vocabulary.URGENCY_BANNERS, spec_codes.TIERS),
        (vocabulary.CONDITIONS, spec_codes.CONDITION_CODES),
        (vocabulary.TESTS, spec_codes.TEST_CODES),
        (vocabulary.SPECIALTIES, spec_codes.SPECIALTY_CODES),
        (vocabulary.REFERRAL_STATUSES, spec_codes.REFERRAL_STATUS_CODES),
        (vocabulary.ENCOUNTER_STATUSES, spec_codes.ENCOUNTER_STATUS_CODES),
        (vocabulary.SEXES, spec_codes.SEX_CODES),
        (vocabulary.RED_FLAGS, spec_codes.V2_RED_FLAG_CODES),
        (vocabulary.SAFETY_NET_TOPICS, spec_codes.SAFETY_NET_TOPICS),
    ],
)
def test_the_vocabulary_has_words_for_exactly_the_spec_codes(words, spec):
    assert set(words) == set(spec)
    assert all(isinstance(text, str) and text.strip() for text in words.values())


def test_tiers_ascend_as_the_spec_ranks_them():
    assert vocabulary.TIERS == spec_codes.TIERS


def test_the_source_keys_are_the_spec_keys():
    assert vocabulary.SOURCE_KEYS == spec_codes.V2_SOURCE_KEYS


def test_safety_net_topics_are_in_the_spec_order():
    assert tuple(vocabulary.SAFETY_NET_TOPICS) == spec_codes.SAFETY_NET_TOPICS


def test_a_service_specialty_is_any_assessed_specialty_but_none():
    assert set(vocabulary.SERVICE_SPECIALTIES) == set(spec_codes.SPECIALTY_CODES) - {"none"}


@pytest.mark.parametrize(
    ("field", "words"),
    [
        (Encounter._meta.get_field("computed_urgency"), vocabulary.TIER_LABELS),
        (Encounter._meta.get_field("urgency_override"), vocabulary.TIER_LABELS),
        (Encounter._meta.get_field("status"), vocabulary.ENCOUNTER_STATUSES),
        (Referral._meta.get_field("urgency"), vocabulary.TIER_LABELS),
        # Issue 10: `cancelled` (spec §5 ²) reaches Referral.Status with the cancel service and its
        # migration; until then the model has every other status of the vocabulary.
        (
            Referral._meta.get_field("status"),
            {code: words for code, words in vocabulary.REFERRAL_STATUSES.items() if code != "cancelled"},
        ),
        (Patient._meta.get_field("sex"), vocabulary.SEXES),
        (SpecialistService._meta.get_field("specialty"), vocabulary.SERVICE_SPECIALTIES),
    ],
    ids=lambda value: getattr(value, "name", ""),
)
def test_model_choices_are_the_vocabulary(field, words):
    assert dict(field.choices) == dict(words)
