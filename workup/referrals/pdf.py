"""HTML → PDF with WeasyPrint, fetching nothing but the project's own static files.

Referral content includes free text typed by clinicians. Even though templates escape
it, the renderer itself must be unable to read local files or reach the network, so
the URL fetcher below refuses every URL except files inside ``PDF_STATIC_DIR`` and
small inline images.
"""

from __future__ import annotations

import base64
import functools
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

PDF_STATIC_DIR = Path(settings.BASE_DIR) / "static" / "pdf"
MAX_INLINE_IMAGE_BYTES = 64 * 1024
INLINE_IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif"}


class RefusedURL(ValueError):
    """A URL the PDF renderer will not fetch."""


class ProjectStaticFetcher(URLFetcher):
    """Serves files under PDF_STATIC_DIR and small data: images; refuses all else."""

    def __init__(self, root: Path = PDF_STATIC_DIR) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return self._inline_image(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused to fetch {parts.scheme}: URL")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedURL("refused to fetch a file outside the project's PDF assets")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _content_type(path)})

    def _inline_image(self, url: str) -> URLFetcherResponse:
        header, _, payload = url[len("data:") :].partition(",")
        media_type = header.split(";")[0].lower()
        if media_type not in INLINE_IMAGE_TYPES or ";base64" not in header:
            raise RefusedURL("refused a data: URL that is not a base64 image")
        # Measured before decoding, so a huge URL is refused without first being copied.
        if len(payload) > (MAX_INLINE_IMAGE_BYTES + 2) // 3 * 4:
            raise RefusedURL("refused an inline image over the size limit")
        body = base64.b64decode(payload, validate=False)
        if len(body) > MAX_INLINE_IMAGE_BYTES:
            raise RefusedURL("refused an inline image over the size limit")
        return URLFetcherResponse("data:", body, {"Content-Type": media_type})


def _content_type(path: Path) -> str:
    return {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml"}.get(
        path.suffix, "application/octet-stream"
    )


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int


@functools.cache
def _font_configuration() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def _stylesheet(name: str) -> CSS:
    # Parsed once per worker process: parsing the print stylesheet on every render cost
    # about a quarter of a standard referral's render time.
    return CSS(
        url=(PDF_STATIC_DIR / name).as_uri(),
        url_fetcher=ProjectStaticFetcher(),
        font_config=_font_configuration(),
        media_type="print",
    )


# The elements our PDF templates may use: exactly those static/pdf/ua.css styles.
LETTER_ELEMENTS = frozenset({
    "html", "head", "title", "meta", "body", "div", "span", "p", "h1", "h2", "h3", "header", "footer",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "b", "strong", "i", "em", "br",
})  # fmt: skip


class LetterHTML(HTML):
    """HTML with a user-agent stylesheet cut down to the elements our letters use.

    WeasyPrint matches every element against its full HTML user-agent stylesheet; with
    the short one a standard referral renders about a sixth faster. This overrides a
    private hook of the pinned WeasyPrint version (tests render real letters with it).
    """

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [_stylesheet("ua.css")]


def render_pdf(html: str, *, stylesheets: tuple[str, ...] = ("base.css",)) -> RenderedPdf:
    """Render an HTML document, styled by stylesheets from static/pdf/, with the locked-down fetcher."""
    document = LetterHTML(
        string=html,
        encoding="utf-8",
        base_url=PDF_STATIC_DIR.as_uri() + "/",
        url_fetcher=ProjectStaticFetcher(),
        media_type="print",
    ).render(stylesheets=[_stylesheet(name) for name in stylesheets], font_config=_font_configuration())
    content = document.write_pdf()
    return RenderedPdf(content=content, pages=len(document.pages))


def pdf_text(content: bytes) -> str:
    """The text of a PDF, for checks and tests."""
    from pypdf import PdfReader  # only checks need it; workers stay lighter without it

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
