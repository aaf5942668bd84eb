"""Rendered HTML as a flat list of elements (tag, attributes, text), for checks stricter than substrings."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    start: int = 0  # its place in the page's element list; its descendants are start+1 up to end
    end: int = 0
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    def ids_described_by(self) -> list[str]:
        return (self.get("aria-describedby") or "").split()


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs) -> None:
        start = len(self.elements)
        element = Element(tag, {name: value or "" for name, value in attrs}, start=start, end=start + 1)
        self.elements.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs) -> None:
        start = len(self.elements)
        self.elements.append(
            Element(tag, {name: value or "" for name, value in attrs}, start=start, end=start + 1)
        )

    def handle_endtag(self, tag) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                for element in self.open[index:]:
                    element.end = len(self.elements)
                del self.open[index:]
                return

    def handle_data(self, data) -> None:
        for element in self.open:  # an element's text includes its descendants'
            element.text_parts.append(data)


class Page:
    """The elements of one rendered page, found by id or by attribute."""

    def __init__(self, html: str) -> None:
        collector = _Collector()
        collector.feed(html)
        collector.close()
        self.elements = collector.elements
        self.by_id = {element.get("id"): element for element in self.elements if element.get("id")}

    def element(self, element_id: str) -> Element:
        return self.by_id[element_id]

    def with_attribute(self, name: str) -> list[Element]:
        return [element for element in self.elements if name in element.attrs]

    def within(self, element_id: str, tag: str | None = None) -> list[Element]:
        """The descendants of the element with this id (only those of one tag, if given)."""
        container = self.element(element_id)
        inside = self.elements[container.start + 1 : container.end]
        return [element for element in inside if tag is None or element.tag == tag]

    def invalid_controls(self) -> list[str]:
        """The ids of the controls marked aria-invalid="true"."""
        return [element.get("id") or "" for element in self.elements if element.get("aria-invalid") == "true"]

    def dangling_descriptions(self) -> list[tuple[str, str]]:
        """(element id or name, missing id) for every aria-describedby id that names no element."""
        return [
            (element.get("id") or element.get("name") or element.tag, described)
            for element in self.with_attribute("aria-describedby")
            for described in element.ids_described_by()
            if described not in self.by_id
        ]
