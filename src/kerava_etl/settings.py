"""Every threshold of the reading rules, in one frozen object (as pdfplumber keeps its table
finder's in ``TableSettings``): documented once, passed to the stages that read.

A build uses :data:`DEFAULT_SETTINGS`; a test or a new kind of document may pass others
(``dataclasses.replace(DEFAULT_SETTINGS, max_board_words=15)``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadingSettings:
    """How long, how many and how near: the tolerances the reading rules decide with."""

    # Lines and cells.
    max_cell_chars: int = 200_000  # a longer cell is not table text: its row is reported
    # Column-header rows.
    min_header_labels: int = 3  # known labels that make a row a header (one fewer will do
    # when every other cell is shaped like a label too)
    max_header_label_words: int = 4  # a cell with more words is not shaped like a label
    max_header_label_chars: int = 400  # a longer cell is no label, whatever its markup
    # Board lines, the title block, text inside a table.
    max_text_line_chars: int = 400  # a longer text line is no line of the title block, nor
    # half of a name the PDF broke over two lines
    max_board_chars: int = 120  # a longer text line is no board name: a row lost its tabs
    max_board_words: int = 12  # a text line with more words is no board name either
    max_value_label_words: int = 2  # "Toimielin:" or "Vastuullinen toimielin:" in a cell of
    # its own, before the cell with the value
    spearhead_prefix_words: int = 4  # a line starting with a spearhead (up to this many
    # words) is a row that lost its tabs, not a name
    near_name_cutoff: float = 0.9  # difflib ratio at which an unknown name misspells a
    # known one by a letter or two ("opetuslautakuta")
    hint_cutoff: float = 0.75  # and at which a known name is near enough to be named as
    # an unknown one's hint (not "Digitalisaatioyksikkö (nearest known: Erityisopettajat)")
    # Grouping names no vocabulary knows (stages.grouping): a word one edit from another
    # is a typo of it only with this many letters (shorter, the pair is reported).
    group_typo_min_letters: int = 6
    # Cells: lists, hyphenation, markup.
    min_dotless_list_items: int = 3  # "1 a 2 b 3 c" is a list only with this many items
    max_hyphenation_candidates: int = 20  # more broken-word candidates is not prose
    max_entity_escapes: int = 3  # "&amp;auml;" decoded at most this many times
    deep_fragment_tags: int = 255  # tags beyond libxml2's nesting limit: read twice
    # Repairs.
    achievement_said_words: int = 5  # "tehty / ei tehty": the word after "ei" said within
    # this many words before the slash
    # A PDF's layout (stages/readers/pdf.py, pdflayout.py).
    pdf_rule_tolerance: float = 3.0  # points: as near as a rule is to the cell it bounds
    pdf_heading_ratio: float = 1.3  # type this much larger than the tables' is a heading
    pdf_margin: float = 0.1  # running headers and footers stand in this share of the page
    pdf_spaced_share: float = 0.01  # of a document's line steps, gaps (and at least
    pdf_spaced_gaps: int = 10  # this many): it spaces its paragraphs apart
    pdf_hyphenating_share: float = 0.25  # of its line-end hyphens, syllables: it hyphenates


DEFAULT_SETTINGS = ReadingSettings()
