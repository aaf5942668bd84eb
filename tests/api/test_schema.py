"""The OpenAPI 3 document at /api/v1/schema/ and the browsable docs at /api/docs/ (spec §5)."""

from __future__ import annotations

import pytest
import yaml
from drf_spectacular.validation import validate_schema

from tests import spec_codes as spec

SCHEMA_URL = "/api/v1/schema/"
CONTRACT_PATHS = {
    "/api/v1/auth/token/": {"post"},
    "/api/v1/auth/tokens/": {"get"},
    "/api/v1/auth/tokens/{public_id}/": {"delete"},
    "/api/v1/auth/logout/": {"post"},
    "/api/v1/checklist/": {"get"},
    "/api/v1/patients/": {"get", "post"},
    "/api/v1/patients/{public_id}/": {"get", "patch"},
    "/api/v1/encounters/": {"get", "post"},
    "/api/v1/encounters/{public_id}/": {"get", "patch"},
    "/api/v1/encounters/{public_id}/assess/": {"post"},
    "/api/v1/encounters/{public_id}/sign/": {"post"},
    "/api/v1/encounters/{public_id}/addenda/": {"post"},
    "/api/v1/encounters/{public_id}/replay/": {"post"},
    "/api/v1/referrals/": {"get", "post"},
    "/api/v1/referrals/{public_id}/": {"get"},
    "/api/v1/referrals/{public_id}/pdf/": {"get"},
    "/api/v1/services/": {"get"},
}
LIST_PATHS = ("/api/v1/patients/", "/api/v1/encounters/", "/api/v1/referrals/", "/api/v1/services/")


@pytest.fixture
def openapi(anonymous, db) -> dict:
    response = anonymous.get(SCHEMA_URL, {"format": "json"})
    assert response.status_code == 200
    return response.json()


def resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_the_schema_is_served_as_yaml_by_default(anonymous, db):
    response = anonymous.get(SCHEMA_URL)

    assert response.status_code == 200
    assert "openapi" in response["Content-Type"]
    assert yaml.safe_load(response.content)["openapi"].startswith("3.")


def test_the_schema_is_a_valid_openapi_3_document(openapi):
    assert openapi["openapi"].startswith("3.")
    validate_schema(openapi)  # raises jsonschema.ValidationError when invalid


def test_the_schema_documents_every_contract_endpoint(openapi):
    documented = {
        path: {method for method in operations if method != "parameters"}
        for path, operations in openapi["paths"].items()
    }

    assert documented == CONTRACT_PATHS


def test_every_property_has_a_type(openapi):
    untyped = []
    for name, component in openapi["components"]["schemas"].items():
        for field, schema in component.get("properties", {}).items():
            if not {"type", "$ref", "allOf", "oneOf", "anyOf"} & set(schema):
                untyped.append(f"{name}.{field}")

    assert untyped == []


@pytest.mark.parametrize(
    ("component", "field", "values"),
    [
        ("Encounter", "urgency", set(spec.TIERS)),
        ("Encounter", "status", set(spec.ENCOUNTER_STATUS_CODES)),
        ("Referral", "status", set(spec.REFERRAL_STATUS_CODES)),
        ("Referral", "urgency", set(spec.TIERS)),
        ("Patient", "sex", set(spec.SEX_CODES)),
        ("SpecialistService", "specialty", set(spec.SPECIALTY_CODES) - {"none"}),
        ("Assessment", "specialty", set(spec.SPECIALTY_CODES)),
        ("Assessment", "urgency", set(spec.TIERS)),
    ],
)
def test_enumerated_fields_list_their_values(openapi, component, field, values):
    schema = openapi["components"]["schemas"][component]["properties"][field]
    schema = schema["allOf"][0] if "allOf" in schema else schema

    assert set(resolve(openapi, schema)["enum"]) == values


def test_the_urgency_override_documents_blank_for_no_override(openapi):
    schema = openapi["components"]["schemas"]["Encounter"]["properties"]["urgency_override"]
    values = {value for option in schema["oneOf"] for value in resolve(openapi, option)["enum"]}

    assert values == {*spec.TIERS, ""}


@pytest.mark.parametrize("path", LIST_PATHS)
def test_list_responses_are_documented_as_paginated(openapi, path):
    response = openapi["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    page = resolve(openapi, response)

    assert set(page["properties"]) == {"count", "next", "previous", "results"}
    assert page["properties"]["results"]["type"] == "array"
    assert "page" in {parameter["name"] for parameter in openapi["paths"][path]["get"]["parameters"]}


def test_the_encounter_filters_are_documented_with_their_values(openapi):
    parameters = {
        parameter["name"]: parameter
        for parameter in openapi["paths"]["/api/v1/encounters/"]["get"]["parameters"]
    }

    assert parameters["patient"]["schema"]["format"] == "uuid"
    assert set(parameters["urgency"]["schema"]["enum"]) == {"emergency", "urgent", "routine", "conservative"}
    assert set(parameters["status"]["schema"]["enum"]) == {"draft", "signed"}


def test_object_ids_in_paths_are_documented_as_uuids(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    assert parameter["schema"]["format"] == "uuid", f"{method} {path}"


def test_the_checklist_response_is_documented(openapi):
    response = openapi["paths"]["/api/v1/checklist/"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]
    checklist = resolve(openapi, response["schema"])

    assert set(checklist["properties"]) == {"version", "sections"}


def test_the_pdf_download_is_documented_as_application_pdf(openapi):
    responses = openapi["paths"]["/api/v1/referrals/{public_id}/pdf/"]["get"]["responses"]

    assert "application/pdf" in responses["200"]["content"]
    assert "409" in responses


def test_conflicts_are_documented_for_patch_and_sign(openapi):
    for path, method in (
        ("/api/v1/encounters/{public_id}/", "patch"),
        ("/api/v1/encounters/{public_id}/sign/", "post"),
    ):
        assert "409" in openapi["paths"][path][method]["responses"]


def test_referral_creation_is_documented_as_202(openapi):
    assert set(openapi["paths"]["/api/v1/referrals/"]["post"]["responses"]) >= {"202"}


def test_the_api_declares_token_and_session_authentication(openapi):
    assert {"tokenAuth", "cookieAuth"} <= set(openapi["components"]["securitySchemes"])


def test_the_browsable_docs_answer_200(anonymous, db):
    response = anonymous.get("/api/docs/")

    assert response.status_code == 200
    assert b"swagger-ui" in response.content


def test_the_browsable_docs_load_nothing_from_a_cdn(anonymous, db):
    page = anonymous.get("/api/docs/").content.decode()

    assert "drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower()
    assert "https://" not in page


def test_the_encounter_patch_documents_the_version_as_required(openapi):
    body = openapi["paths"]["/api/v1/encounters/{public_id}/"]["patch"]["requestBody"]
    schema = resolve(openapi, body["content"]["application/json"]["schema"])

    assert body["required"] is True
    assert "version" in schema["required"]
