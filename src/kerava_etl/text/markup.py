"""HTML fragments in cells: their text, cut at block boundaries, with no markup left.

A cell holding markup is parsed by lxml (no nesting limit); what lxml cannot parse, or
nests deeper than its parser follows, is read by regular expressions instead. The content
of code and raw-text elements (``script``, ``style``, ...) is dropped, never shown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from kerava_etl.settings import DEFAULT_SETTINGS

BLOCK_TAGS = frozenset(
    [
        *("p", "div", "li", "ul", "ol", "br", "hr", "pre", "blockquote"),
        *("table", "thead", "tbody", "tr", "td", "th", "dl", "dt", "dd"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer"),
    ]
)
DROPPED_TAGS = frozenset(
    [
        *("script", "style", "template", "noscript", "head", "title"),
        *("iframe", "object", "textarea", "xmp", "plaintext"),
    ]
)

# The elements of HTML (with the obsolete ones Word and PDF converters still write). A "<"
# before anything else is text: "aika <viikko; tyytyväisyys >4/5" keeps its words.
HTML_ELEMENTS = frozenset(
    """a abbr acronym address area article aside audio b base basefont bdi bdo big blink
    blockquote body br button canvas caption center cite code col colgroup data datalist dd
    del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form
    frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd
    label legend li link main map mark marquee math menu meta meter nav nobr noframes
    noscript object ol optgroup option output p param picture plaintext pre progress q rp rt
    ruby s samp script search section select slot small source span strike strong style sub
    summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u
    ul var video wbr xmp""".split()  # noqa: SIM905 - a list of words reads best as words
)
# The start of a tag: an element's name (or a namespaced one, Word's "<o:p>"), a comment,
# a doctype or a processing instruction.
_TAG_START = (
    r"<(?:/?(?:"
    + "|".join(sorted(HTML_ELEMENTS, key=len, reverse=True))
    + r")(?=[\s/>]|$)|/?[A-Za-z][\w.-]*:[\w.-]+|[!?])"
)
# A tag, closed or running to the end.
_TAG = re.compile(_TAG_START + r"[^>]*(?:>|$)", re.IGNORECASE)
# A "<" that starts no tag: text, escaped before the fragment is parsed.
_TEXT_ANGLE = re.compile(r"<(?!" + _TAG_START[1:] + ")", re.IGNORECASE)
# "</br>", which browsers read as a line break.
_CLOSING_BR = re.compile(r"</br\s*/?>", re.IGNORECASE)
_BLOCK_TAG = re.compile(
    r"</?(?:" + "|".join(sorted(BLOCK_TAGS)) + r")\b[^>]*(?:>|$)", re.IGNORECASE
)
# Elements whose content is code or raw text, dropped whole (to their end tag, or the end).
_RAW_TEXT_ELEMENT = re.compile(
    r"<(script|style|template|noscript|iframe|object|textarea|xmp|plaintext|title)\b[^>]*>"
    r".*?(?:</\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)
# An ampersand that does not start a complete character reference ("&amp;", "&#228;",
# "&#xE4;") is text: a URL's "&section=2" must not become "§ion=2", as an HTML parser
# (following the legacy rules for "&sect") would make it.
_BARE_AMPERSAND = re.compile(
    r"&(?!(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});)"
)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)(?:\]\]>|$)", re.DOTALL)


def protect_ampersands(text: str) -> str:
    """Escape every ampersand that does not start a complete character reference."""
    return _BARE_AMPERSAND.sub("&amp;", text) if "&" in text else text


def protect_text_angles(text: str) -> str:
    """Escape every ``<`` that starts no tag (``x < 7``, ``<viikko``): it is text."""
    return _TEXT_ANGLE.sub("&lt;", text) if "<" in text else text


def unescape(text: str, times: int = DEFAULT_SETTINGS.max_entity_escapes) -> str:
    """Decode the complete character references of plain text, also those escaped twice
    (``&amp;auml;`` is ``ä``, as a converter that escapes text twice writes it), until
    none is left, at most ``times`` times; a bare ``&`` stays."""
    for _ in range(times):
        if "&" not in text:
            break
        decoded = html.unescape(protect_ampersands(text))
        if decoded == text:
            break
        text = decoded
    return text


def new_parser() -> Any:
    """An lxml HTML parser with no depth limit (``huge_tree``), so deep nesting loses no text."""
    from lxml import html as lxml_html  # lazy: keeps `kerava-etl --help` fast

    return lxml_html.HTMLParser(huge_tree=True)


def html_segments(fragment: str, parser: Any) -> list[str]:
    """Text of an HTML fragment, cut at block boundaries; dropped tags vanish entirely.

    Whatever markup the text itself still spells out once entities are decoded
    (``&lt;script&gt;``) is scrubbed too: no output ever holds a tag. ``parser`` is an
    lxml HTML parser (:func:`new_parser`).
    """
    from lxml import etree
    from lxml import html as lxml_html

    # Code is dropped before parsing too: lxml reads CDATA as a bogus comment that ends at
    # the first ">", which would let a <script> inside it through.
    fragment = _CDATA.sub(r"\1", _RAW_TEXT_ELEMENT.sub("", fragment))
    fragment = protect_text_angles(protect_ampersands(_CLOSING_BR.sub("<br>", fragment)))
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div", parser=parser)
    except (ValueError, etree.ParserError):  # what lxml cannot parse is text
        return _regex_segments(fragment)
    segments = _joined_runs(_walk(root))
    if fragment.count("<") > DEFAULT_SETTINGS.deep_fragment_tags:  # lxml's depth limit
        fallback = _regex_segments(fragment)
        if _letters(fallback) > _letters(segments):
            return fallback
    return segments


def _joined_runs(texts: Iterator[str | None]) -> list[str]:
    """Join the texts between block boundaries (``None``) into scrubbed segments."""
    segments: list[str] = []
    buffer: list[str] = []
    for text in texts:
        if text is not None:
            if buffer and buffer[-1].endswith(" ") and text.startswith(" "):
                text = text[1:]  # "a <!-- x --> b": one space, not a line break's two
            buffer.append(text)
        elif buffer:
            segments.append(_leftover_markup("".join(buffer)))
            buffer = []
    if buffer:
        segments.append(_leftover_markup("".join(buffer)))
    return segments


def _leftover_markup(text: str) -> str:
    """The parsed text, with what it still spells out removed: markup, and character
    references escaped twice (``&amp;auml;`` parses to ``&auml;``)."""
    return scrub_markup(unescape(text) if "&" in text else text)


def _regex_segments(fragment: str) -> list[str]:
    """The same reading as :func:`html_segments`, by regular expressions only."""
    parts = _BLOCK_TAG.split(_RAW_TEXT_ELEMENT.sub("", fragment))
    return [scrub_markup(unescape(scrub_markup(part))) for part in parts]


def _letters(segments: list[str]) -> int:
    return sum(1 for segment in segments for ch in segment if ch.isalnum())


def _walk(root: Any) -> Iterator[str | None]:
    """The text of ``root`` in document order, ``None`` at each block boundary.

    Iterative (lxml's ``iterwalk``), so nesting depth is no limit.
    """
    from lxml import etree

    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else None
        name = tag.lower() if tag else None
        if event == "start":
            if name in DROPPED_TAGS:
                walker.skip_subtree()
                continue
            if name in BLOCK_TAGS:
                yield None
            if element.text:
                yield element.text
        else:  # "end", or a comment / processing instruction (no text of its own)
            if event == "end" and name in BLOCK_TAGS:
                yield None
            if element.tail and element is not root:
                yield element.tail


def scrub_markup(text: str) -> str:
    """Remove markup that text spells out: raw-text elements with their content, and tags.

    Only markup goes: words are data, so text that merely looks like a URL or names a script
    (``javascript:void``) is kept as written.
    """
    if "<" not in text:
        return text
    return _TAG.sub(" ", _RAW_TEXT_ELEMENT.sub("", text))
