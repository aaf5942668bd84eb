"""/api/v1/encounters/: drafts, autosave with versions, live assessment, sign-off and addenda."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from workup import selectors, services
from workup.api.base import ClinicianAPIView, ClinicianListView
from workup.api.schema import PUBLIC_ID
from workup.api.serializers.encounters import (
    AddendumCreateSerializer,
    AddendumSerializer,
    AssessmentSerializer,
    AssessRequestSerializer,
    EncounterCreateSerializer,
    EncounterFilterSerializer,
    EncounterSerializer,
    EncounterUpdateSerializer,
    ReplaySerializer,
    SignRequestSerializer,
)
from workup.api.serializers.errors import ConflictSerializer


class EncounterListView(ClinicianListView):
    serializer_class = EncounterSerializer
    create_serializer_class = EncounterCreateSerializer

    def get_queryset(self):
        return selectors.encounters_for(self.clinician, with_addenda=True)

    @extend_schema(
        operation_id="encounters_list",
        parameters=[EncounterFilterSerializer],
        responses=EncounterSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        filters = self.valid_query(EncounterFilterSerializer)
        patient = filters.get("patient")
        encounters = selectors.filter_encounters(
            self.get_queryset(),
            patient=str(patient) if patient else None,
            urgency=filters.get("urgency"),
            status=filters.get("status"),
        )
        return self.list_response(encounters, EncounterSerializer)

    @extend_schema(request=EncounterCreateSerializer, responses={201: EncounterSerializer})
    def post(self, request: Request) -> Response:
        data = self.valid(EncounterCreateSerializer)
        patient = selectors.get_or_none(selectors.patients_for(self.clinician), data["patient"])
        if patient is None:
            raise ValidationError({"patient": ["No such patient in your practice."]})
        encounter = services.encounter_create(
            clinician=self.clinician,
            patient=patient,
            answers=data.get("answers", {}),
            urgency_override=data.get("urgency_override", ""),
            override_reason=data.get("override_reason", ""),
        )
        return Response(EncounterSerializer(encounter).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[PUBLIC_ID])
class EncounterDetailView(ClinicianAPIView):
    serializer_class = EncounterSerializer

    def get(self, request: Request, public_id) -> Response:
        encounter = self.shown(
            selectors.encounter_view(clinician=self.clinician, public_id=public_id, with_addenda=True)
        )
        return Response(EncounterSerializer(encounter).data)

    @extend_schema(
        request=EncounterUpdateSerializer,
        responses={200: EncounterSerializer, 409: ConflictSerializer},
    )
    def patch(self, request: Request, public_id) -> Response:
        encounter = self.found(selectors.encounters_for(self.clinician), public_id)
        data = self.valid(EncounterUpdateSerializer)
        changes = {key: data[key] for key in ("urgency_override", "override_reason") if key in data}
        encounter = services.encounter_update(
            clinician=self.clinician,
            encounter=encounter,
            version=data["version"],
            answers=data.get("answers"),
            **changes,
        )
        encounter = selectors.encounters_for(self.clinician, with_addenda=True).get(pk=encounter.pk)
        return Response(EncounterSerializer(encounter).data)


@extend_schema(parameters=[PUBLIC_ID])
class EncounterAssessView(ClinicianAPIView):
    @extend_schema(request=AssessRequestSerializer, responses={200: AssessmentSerializer})
    def post(self, request: Request, public_id) -> Response:
        encounter = self.found(selectors.encounters_for(self.clinician), public_id)
        data = self.valid(AssessRequestSerializer)
        assessment = services.encounter_preview(encounter=encounter, answers=data["answers"])
        return Response(assessment.as_dict())


@extend_schema(parameters=[PUBLIC_ID])
class EncounterSignView(ClinicianAPIView):
    @extend_schema(
        request=SignRequestSerializer, responses={200: EncounterSerializer, 409: ConflictSerializer}
    )
    def post(self, request: Request, public_id) -> Response:
        encounter = self.found(selectors.encounters_for(self.clinician), public_id)
        data = self.valid(SignRequestSerializer)
        encounter = services.encounter_sign(
            clinician=self.clinician, encounter=encounter, version=data["version"]
        )
        encounter = selectors.encounters_for(self.clinician, with_addenda=True).get(pk=encounter.pk)
        return Response(EncounterSerializer(encounter).data)


@extend_schema(parameters=[PUBLIC_ID])
class EncounterAddendaView(ClinicianAPIView):
    @extend_schema(request=AddendumCreateSerializer, responses={201: AddendumSerializer})
    def post(self, request: Request, public_id) -> Response:
        encounter = self.found(selectors.encounters_for(self.clinician), public_id)
        data = self.valid(AddendumCreateSerializer)
        addendum = services.addendum_create(clinician=self.clinician, encounter=encounter, text=data["text"])
        return Response(AddendumSerializer(addendum).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[PUBLIC_ID])
class EncounterReplayView(ClinicianAPIView):
    @extend_schema(request=None, responses={200: ReplaySerializer})
    def post(self, request: Request, public_id) -> Response:
        encounter = self.shown(selectors.encounter_view(clinician=self.clinician, public_id=public_id))
        return Response(ReplaySerializer(services.encounter_replay(encounter=encounter).as_dict()).data)
