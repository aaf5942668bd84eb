"""Stored documents as downloads, the same for the web page and the API."""

from __future__ import annotations

from django.core.files.storage import storages
from django.http import FileResponse

from workup.models import Referral


def pdf_response(referral: Referral) -> FileResponse:
    """The stored PDF as an attachment named by the referral's opaque id only."""
    handle = storages["private"].open(referral.pdf_file, "rb")
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=True,
        filename=f"referral-{referral.public_id}.pdf",
    )
    response["Cache-Control"] = "no-store"
    return response
