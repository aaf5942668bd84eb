"""The PDF renderer's URL fetcher: the project's PDF assets and small inline images only (spec §6–7)."""

from __future__ import annotations

import base64
import socket

import pytest

from workup.referrals.pdf import MAX_INLINE_IMAGE_BYTES, PDF_STATIC_DIR, ProjectStaticFetcher, RefusedURL

# A 1×1 transparent PNG.
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture
def fetcher() -> ProjectStaticFetcher:
    return ProjectStaticFetcher()


def data_url(media_type: str, body: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(body).decode()}"


def test_the_referral_stylesheet_is_served(fetcher):
    url = (PDF_STATIC_DIR / "referral.css").as_uri()

    response = fetcher.fetch(url)

    assert response.read() == (PDF_STATIC_DIR / "referral.css").read_bytes()
    assert response.content_type == "text/css"


def test_a_small_inline_png_is_served(fetcher):
    response = fetcher.fetch(data_url("image/png", TINY_PNG))

    assert response.read() == TINY_PNG
    assert response.content_type == "image/png"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        (PDF_STATIC_DIR / ".." / ".." / "config" / "settings.py").as_uri(),
        PDF_STATIC_DIR.as_uri() + "/%2e%2e/%2e%2e/config/settings.py",
        "file://fileserver.example.org" + (PDF_STATIC_DIR / "referral.css").as_posix(),
        (PDF_STATIC_DIR.parent / "pdf-not" / "x.css").as_uri(),
    ],
    ids=[
        "system-file",
        "localhost-system-file",
        "dot-dot",
        "encoded-dot-dot",
        "remote-host",
        "sibling-prefix",
    ],
)
def test_a_file_outside_the_pdf_assets_is_refused(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


@pytest.mark.parametrize("scheme", ["http", "https", "ftp"])
def test_network_urls_are_refused_without_connecting(fetcher, scheme):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.setblocking(False)
        port = server.getsockname()[1]

        with pytest.raises(RefusedURL):
            fetcher.fetch(f"{scheme}://127.0.0.1:{port}/x.css")

        with pytest.raises(BlockingIOError):
            server.accept()


def test_an_inline_image_over_the_size_limit_is_refused(fetcher):
    with pytest.raises(RefusedURL):
        fetcher.fetch(data_url("image/png", b"\0" * (MAX_INLINE_IMAGE_BYTES + 1)))


def test_a_very_large_data_url_is_refused(fetcher):
    with pytest.raises(RefusedURL):
        fetcher.fetch("data:image/png;base64," + "A" * 50_000_000)


@pytest.mark.parametrize(
    "url",
    [
        "data:text/css;base64," + base64.b64encode(b"@import 'http://127.0.0.1/';").decode(),
        "data:text/html,<img src=file:///etc/passwd>",
        "data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode(),
        "data:image/png," + "x" * 10,
    ],
    ids=["css", "html", "svg", "not-base64"],
)
def test_a_data_url_that_is_not_a_base64_raster_image_is_refused(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
