"""The PDF reader's layout rules alone, from tables: a line's text from its glyphs, a
cell's items from its lines, and a line-end hyphen judged."""

from __future__ import annotations

import pytest

from conftest import LEXICON
from kerava_etl.settings import DEFAULT_SETTINGS
from kerava_etl.stages.readers import pdf, pdflayout, textformat
from kerava_etl.stages.readers.pdflayout import Glyph, Hyphens, LineSpacing, TextLine
from kerava_etl.text.cells import CellReader

SIZE = 9.0


def glyphs(text: str, x: float = 10.0, top: float = 100.0, width: float = 5.0) -> list[Glyph]:
    """A line's glyphs, each ``width`` wide, a space advancing like a letter."""
    found = []
    for ch in text:
        found.append(Glyph(ch, x, x + width, top, top + SIZE, SIZE, False))
        x += width
    return found


def test_a_space_drawn_over_a_letter_is_no_space_and_a_gap_is_one() -> None:
    row = glyphs("Tasa")
    invisible = Glyph(" ", row[1].x0, row[1].x0 + 2.5, 100.0, 109.0, SIZE, False)  # over "a"
    after = glyphs("talous", x=row[-1].x1 + 4.0)  # a gap wider than a quarter em
    (line,) = pdflayout.text_lines([*row, invisible, *after])
    assert line.text == "Tasa talous"
    assert line.first_word == pytest.approx(20.0)


def test_glyphs_on_two_lines_are_two_lines_in_reading_order() -> None:
    lines = pdflayout.text_lines([*glyphs("toinen", top=112.0), *glyphs("eka")])
    assert [line.text for line in lines] == ["eka", "toinen"]


def test_ligatures_are_their_letters_and_invisible_characters_vanish() -> None:
    chars = [
        {"text": "\ufb01", "x0": 0, "x1": 5, "top": 0, "bottom": 9, "size": 9, "fontname": "A"},
        {"text": "\u200b", "x0": 5, "x1": 5, "top": 0, "bottom": 9, "size": 9, "fontname": "A"},
    ]
    assert [g.text for g in pdflayout.glyphs(chars)] == ["fi"]


def line(text: str, top: float, x1: float | None = None, bullet: bool = False) -> TextLine:
    width = len(text) * 5.0
    line = TextLine(text, 10.0, x1 or 10.0 + width, top, top + SIZE, SIZE, False)
    line.first_word = len(text.split(" ", 1)[0]) * 5.0
    line.first_char = 5.0 if text else 0.0
    line.bullet = bullet
    return line


SPACED = LineSpacing(
    DEFAULT_SETTINGS, [[line("a", 0), line("b", 11), line("c", 22), line("d", 40)]] * 20
)
UNSPACED = LineSpacing(DEFAULT_SETTINGS, [[line("a", 0), line("b", 11), line("c", 22)]] * 20)
HYPHENS = Hyphens([], LEXICON)
EDGE = 160.0  # the cell's text reaches 150 points from its left


@pytest.mark.parametrize(
    ("lines", "spacing", "items"),
    [
        # A line that wrapped (the next word would not have fitted) goes on.
        ([line("Kiinteistöjen ylläpitoon ei", 0, 150), line("osoiteta", 11)], UNSPACED, 1),
        # A short line where the next word would have fitted ended its item.
        ([line("Kävijämäärät", 0), line("Asiakaspalaute", 11)], UNSPACED, 2),
        # A paragraph's gap ends an item.
        ([line("Ajanhallinta ja erilaiset", 0, 150), line("Koordinointi", 18)], SPACED, 2),
        # A bullet shape, or a glyph, starts one.
        ([line("Eka kohta pitkä", 0, 150), line("Toka", 11, bullet=True)], UNSPACED, 2),
        ([line("Eka kohta pitkä", 0, 150), line("• Toka", 11)], UNSPACED, 2),
        # Items not spaced apart: a capital that is no name's, after a line that wrapped.
        ([line("Toimintatapojen muutoksen", 0, 150), line("Viestintä ja", 11)], UNSPACED, 2),
        # ... but not after a comma or a conjunction, nor before a name.
        ([line("Kirjasto- ja kulttuuripalvelut ja", 0, 150), line("Museo", 11)], UNSPACED, 1),
        ([line("yhteistyössä kaupungin ja seudun", 0, 150), line("Keravan", 11)], UNSPACED, 1),
        # A shown soft hyphen goes on, even where the rest would have fitted (WeasyPrint).
        ([line("singin yliopis\u2010", 0, 80), line("ton varhaiskasva", 11)], UNSPACED, 1),
        # A document that spaces its items: a wrapped line before a capital goes on.
        ([line("Toimintatapojen muutoksen", 0, 150), line("Viestintä ja", 11)], SPACED, 1),
    ],
)
def test_a_cells_lines_as_items(lines: list[TextLine], spacing: LineSpacing, items: int) -> None:
    read = pdflayout.items(lines, EDGE, HYPHENS, spacing, LEXICON)
    assert len(read.items) == items, read


def test_a_boundary_the_layout_cannot_tell_is_reported_not_guessed() -> None:
    lines = [line("Opimme epäonnistumisista ja kaikesta.", 0, 150), line("Toimimme", 11)]
    read = pdflayout.items(lines, EDGE, HYPHENS, UNSPACED, LEXICON)
    assert read.uncertain == ["Opimme epäonnistumisista ja kaikesta. | Toimimme"]
    assert len(read.items) == 1


def test_a_word_too_long_for_the_column_cut_with_no_hyphen_is_one_word() -> None:
    lines = [line("kaupunkikehityspalvel", 0, 157), line("ut, infrapalvelut", 11)]
    (item,) = pdflayout.items(lines, EDGE, HYPHENS, UNSPACED, LEXICON).items
    assert item.text == "kaupunkikehityspalvelut, infrapalvelut"


@pytest.mark.parametrize(
    ("x1", "filled"),
    [
        (157.0, True),  # 3 points left: the next line's 5-point letter would not fit
        (154.6, True),  # within the half point glyph positions may be off by
        (154.0, False),  # room for that letter: the line was not cut for want of room
    ],
)
def test_a_line_fills_its_cell_when_the_next_letter_would_not_fit(x1: float, filled: bool) -> None:
    assert pdflayout.fills(line("Strategin", 0, x1), line("en kärki", 11), EDGE) is filled


def test_a_one_word_line_with_a_space_or_a_hyphen_does_not_fill_as_a_cut_word() -> None:
    assert not pdflayout.fills(line("Strategian kärki", 0, 159), line("en", 11), EDGE)
    assert not pdflayout.fills(line("Strategia-", 0, 159), line("en", 11), EDGE)
    assert not pdflayout.fills(line("Strategi\u2010", 0, 159), line("an", 11), EDGE)


@pytest.mark.parametrize("bullet", ["\uf0b7 ", "• ", "- "])
def test_a_bulleted_one_word_line_fills_by_its_word(bullet: str) -> None:
    # The bullet Word's PDF export writes as a glyph and a space is not the word's space.
    assert pdflayout.fills(line(bullet + "Maahanmuuttajie", 0, 159), line("n opinnot", 11), EDGE)


@pytest.mark.parametrize(
    ("head", "tail", "cuts_words", "cut"),
    [
        # Halves that are words, together a word: cut where the document cuts words...
        ("Strategin", "en", True, True),
        ("Strategin", "en", False, False),
        # ... unless the line ends where the compound joins two words.
        ("Koulutusvarojen", "riittävyys", True, False),
        # One half no word, the two one: a cut wherever.
        ("toimintasuunnitelm", "a", False, True),
        # A letter alone is a word's last where the document cuts words, misspelt or not.
        ("Yhteissuunnitteluaaja", "n", True, True),
        ("Yhteissuunnitteluaaja", "n", False, False),
        # Two words that make no word: two words.
        ("Tasapainoinen", "talous", True, False),
    ],
)
def test_a_one_word_line_and_the_next_as_one_word_cut(
    head: str, tail: str, cuts_words: bool, cut: bool
) -> None:
    hyphens = Hyphens([], LEXICON)
    hyphens.cuts_words = cuts_words
    assert hyphens.cut(head, tail) is cut


def test_a_cut_word_cut_again_is_judged_as_the_word_it_is() -> None:
    # "palvelumuotoiluje" is no word, but with the next line's "n" it is: the line before,
    # no word to the dictionary either, is a word of its own, not its head.
    hyphens = Hyphens([], LEXICON)
    hyphens.cuts_words = True
    assert hyphens.cut("Uusien käyttöönotettujen", "palvelumuotoiluje")
    assert not hyphens.cut("Uusien käyttöönotettujen", "palvelumuotoiluje", "n määrä")
    lines = [
        line("käyttöönotettujen", 0, 157),
        line("palvelumuotoiluje", 11, 157),
        line("n määrä", 22),
    ]
    (item,) = pdflayout.items(lines, EDGE, hyphens, UNSPACED, LEXICON).items
    assert item.text == "käyttöönotettujen palvelumuotoilujen määrä"


@pytest.mark.parametrize(
    ("above", "below", "text"),
    [
        # A line broke before a hyphen that joins the word it ended with...
        ("Osaamiskartoitus maahanmuuttaja", "-osaamisen alueella", "maahanmuuttaja-osaamisen"),
        # ... not one after a comma or a conjunction (a suffix's ellipsis).
        ("työhyvinvoinnin,", "-kyvyn ja -taitojen", "työhyvinvoinnin, -kyvyn"),
        ("kehittämistä ja", "-seurantaa", "ja -seurantaa"),
        # A hyphen after a sign or a number joins the word after it.
        ("saaneiden %-", "osuus kaikista", "saaneiden %-osuus"),
        ("Kaikki 5-", "vuotiaat", "Kaikki 5-vuotiaat"),
    ],
)
def test_a_hyphen_at_a_line_edge_beside_no_letter(above: str, below: str, text: str) -> None:
    lines = [line(above, 0, 157), line(below, 11)]
    (item,) = pdflayout.items(lines, EDGE, HYPHENS, UNSPACED, LEXICON).items
    assert text in item.text


def test_a_line_ending_in_a_slash_goes_on_as_the_document_writes_the_pair() -> None:
    lines = [line("Osallistujamäärä/", 0, 157), line("vuosi", 11)]
    (alone,) = pdflayout.items(lines, EDGE, HYPHENS, UNSPACED, LEXICON).items
    assert alone.text == "Osallistujamäärä/ vuosi"  # the text may have "ja/ tai": unknown
    written = Hyphens([line("Kävijät ja osallistujamäärä/vuosi", 0)], LEXICON)
    (item,) = pdflayout.items(lines, EDGE, written, UNSPACED, LEXICON).items
    assert item.text == "Osallistujamäärä/vuosi"


def test_a_word_the_document_writes_only_glued_after_a_slash_goes_on_glued() -> None:
    hyphens = Hyphens([line("Kävijämäärä/vuosi", 0), line("Tulokset/ ei", 11)], LEXICON)
    assert hyphens.slashed("Tapahtumien määrä/", "vuosi")  # "/vuosi": always glued
    assert not hyphens.slashed("Tehty/", "ei tehty")  # "/ ei": written spaced
    both = Hyphens([line("kyllä/ei", 0), line("Tulokset/ ei", 11)], LEXICON)
    assert not both.slashed("Tehty/", "ei tehty")  # both ways: the space stays


def test_a_renderer_that_breaks_after_slashes_glues_a_pair_it_broke() -> None:
    # Two line ends after a slash whose pairs the document writes glued: this renderer
    # breaks after slashes, so an unknown pair goes on glued; one written spaced does not.
    lines = [
        line("Kävijämäärä/vuosi ja määrä/kerta", 0),
        line("Kävijämäärä/", 11),
        line("vuosi", 22),
        line("Osallistujat/", 33),
        line("ryhmä", 44),
        line("Riskit ja/ tai uhat", 55),
    ]
    hyphens = Hyphens(lines, LEXICON)
    assert not hyphens.breaks_at_slashes  # nothing says osallistujat/ryhmä is one
    lines.insert(0, line("Osallistujat/ryhmä", 0))
    hyphens = Hyphens(lines, LEXICON)
    assert hyphens.breaks_at_slashes
    assert hyphens.slashed("Tapahtumien määrä/", "vuosi")
    assert not hyphens.slashed("resursseja ja/", "tai osaamista")
    assert not Hyphens(lines[:1], LEXICON).slashed("Tapahtumien määrä/", "vuosi")


def test_a_word_broken_with_no_hyphen_inside_a_line_where_the_document_breaks_words() -> None:
    hyphens = Hyphens([], LEXICON)
    full = [line("ylläpitoon ei osoiteta riit", 0, 157), line("täviä resursseja.", 11)]
    (item,) = pdflayout.items(full, EDGE, hyphens, UNSPACED, LEXICON).items
    assert item.text == "ylläpitoon ei osoiteta riit täviä resursseja."  # the text's own?
    hyphens.learn_cuts(
        [("osoiteta riit", "täviä"), ("jää pas", "siiviseksi"), ("ei to", "teutettu")]
    )
    assert hyphens.breaks_words and not hyphens.cuts_words
    (item,) = pdflayout.items(full, EDGE, hyphens, UNSPACED, LEXICON).items
    assert item.text == "ylläpitoon ei osoiteta riittäviä resursseja."
    assert hyphens.unmarked("johto ja esi", "miehet")  # a half that is a word
    assert hyphens.unmarked("Osaamiskartoitus maa", "hanmuuttaja-osaamisen")
    assert not hyphens.unmarked("Laadukas koulutuspolku", "ja kulttuurinen")  # two words
    cut_again = [line("Uusien ajatusten kär", 0, 157), line("kikau\u2010", 11), line("punki", 22)]
    (item,) = pdflayout.items(cut_again, EDGE, hyphens, UNSPACED, LEXICON).items
    assert item.text == "Uusien ajatusten kärkikaupunki"  # judged with the word it is
    short = [line("ylläpitoon ei osoiteta riit", 0, 120), line("täviä resursseja.", 11)]
    read = pdflayout.items(short, EDGE, hyphens, UNSPACED, LEXICON).items
    assert [item.text for item in read] == [line.text for line in short]  # not full


def test_a_document_cuts_words_when_a_few_of_its_full_lines_are_surely_cut() -> None:
    sure = [
        ("toimintasuunnitelm", "a laadittu"),
        ("Seurantajärjestelm", "ä on"),
        ("Vanhempainfoorum", "i"),
    ]
    hyphens = Hyphens([], LEXICON)
    hyphens.learn_cuts([*sure[:2], ("Koulutusvarojen", "riittävyys")])
    assert not hyphens.cuts_words  # two, and two words that are words
    hyphens.learn_cuts(sure)
    assert hyphens.cuts_words


@pytest.mark.parametrize(
    ("head", "tail", "hyphenating", "joined"),
    [
        ("Kasvatus-", "ja opetus", True, "Kasvatus- ja opetus"),  # an ellipsis
        ("hr-", "järjestelmän", True, "hr-järjestelmän"),  # no vowel: an abbreviation
        ("SOTE-", "keskuksen", True, "SOTE-keskuksen"),  # capitals
        ("yhteistyössä Kerava-", "opiston kanssa", True, "yhteistyössä Kerava-opiston kanssa"),
        ("mukaan SomeTurva-", "toimintaan", True, "mukaan SomeTurva-toimintaan"),  # a brand
        ("Vapaa-", "aika", True, "Vapaa-aika"),  # the same vowel on both sides
        ("Tasapai-", "noinen", True, "Tasapainoinen"),  # a syllable
        ("henki-", "löresurssit", True, "henkilöresurssit"),
        ("Konserni-", "palvelut", True, "Konsernipalvelut"),  # two words, a hyphenating page
        ("Konserni-", "palvelut", False, "Konserni-palvelut"),  # a page breaking at hyphens
        ("suunnittelusta-", "kunnossapitoon", True, "suunnittelusta- kunnossapitoon"),  # a dash
        # A page breaking at hyphens and spaces: two words that make no word are a dash.
        ("suunnittelusta-", "kunnossapitoon", False, "suunnittelusta- kunnossapitoon"),
        ("sote-", "uudistuksen", False, "sote-uudistuksen"),
    ],
)
def test_a_line_end_hyphen_judged(head: str, tail: str, hyphenating: bool, joined: str) -> None:
    hyphens = Hyphens([], LEXICON)
    hyphens.hyphenates = hyphenating
    assert hyphens.joined(head, tail) == joined


def test_a_document_writing_a_spelling_on_one_line_decides_it() -> None:
    spelt = [line("Olemme pääkaupunki-seudun pohjoinen kärki", 0)]
    hyphens = Hyphens(spelt, LEXICON)
    hyphens.hyphenates = True
    assert hyphens.joined("Olemme pääkaupunki-", "seudun") == "Olemme pääkaupunki-seudun"


def test_where_the_document_does_not_hyphenate_a_line_end_hyphen_is_the_texts_own() -> None:
    # Even where the text writes the word closed elsewhere: a source may spell it both ways.
    spelt = [line("pääkaupunkiseudun kuntien kanssa", 0)]
    hyphens = Hyphens(spelt, LEXICON)
    assert not hyphens.hyphenates
    assert hyphens.joined("Olemme pääkaupunki-", "seudun") == "Olemme pääkaupunki-seudun"
    hyphens.hyphenates = True
    assert hyphens.joined("Olemme pääkaupunki-", "seudun") == "Olemme pääkaupunkiseudun"


def test_a_shown_soft_hyphen_makes_every_hyphen_minus_a_real_one() -> None:
    hyphens = Hyphens([line("kiinteis\u2010", 0)], LEXICON)
    assert hyphens.soft
    assert hyphens.joined("Tasapai-", "noinen") == "Tasapai-noinen"
    assert hyphens.joined("oppilas-", "ja opiskelijakuntatyö") == "oppilas- ja opiskelijakuntatyö"
    assert hyphens.joined("suunnittelusta-", "kunnossapitoon") == "suunnittelusta- kunnossapitoon"


def test_a_document_hyphenates_when_many_of_its_line_end_hyphens_are_syllables() -> None:
    syllables = [line(f"Tasapai-{n}"[:-1], n * 11) for n in range(4)]  # "Tasapai-"
    assert Hyphens([*syllables, line("noinen", 50)], LEXICON).hyphenates
    real = [line("hr-", 0), line("Vapaa-", 11), line("SOTE-", 22)]
    assert not Hyphens(real, LEXICON).hyphenates


def _cell_ending(text: str, bottom: float) -> pdf.Cell:
    """A cell whose last line is ``text``, ending at ``bottom``."""
    return pdf.Cell([line(text, bottom - SIZE)]) if text else pdf.Cell()


@pytest.mark.parametrize(
    ("ends", "rest", "joined"),
    [
        # The rest goes on in a small letter: the page broke the row.
        ([("opiskelijoille ja", 540), ("opettajat", 530)], ["mahdollisuuden", ""], True),
        # Cut cells as deep as each other, the rest in capitals: broken all the same.
        ([("koulupolku", 540), ("Rehtorit", 520)], ["Psyykkisesti", ""], True),
        # Cells of different depths, each next one starting as a cell does: two rows.
        ([("opiskelijoillemme.", 540), ("opettajat", 529)], ["Kehitämme", "Lukio"], False),
        # Text where the row's ended higher up: two rows.
        ([("Toimenpide", 500), ("opettajat", 540)], ["ja myös", ""], False),
    ],
)
def test_a_row_at_the_foot_of_a_page_and_the_next_pages_first(
    ends: list[tuple[str, float]], rest: list[str], joined: bool
) -> None:
    writer = pdf._Writer([pdf.Page(1, 595.0, [], [])], LEXICON, DEFAULT_SETTINGS)
    writer.body, writer.content_bottom = SIZE, 545.0
    row = pdf.Row([_cell_ending(text, bottom) for text, bottom in ends], 545.0)
    following = pdf.Row([_cell_ending(text, 60.0) for text in rest], 80.0)
    assert writer.broken_at_page(row, following) is joined


def test_a_typed_dash_list_on_one_line_splits_as_the_text_formats_does() -> None:
    # "- a - b" written on one line: the dash kept, the cell reader splits it.
    lines = [
        line("- Varhaisen tuen mallin uudistaminen", 0),
        line("- Työterveyshuollon yhteistyön kehittäminen - Osaamme", 11),
    ]
    read = pdflayout.items(lines, EDGE, HYPHENS, UNSPACED, LEXICON).items
    assert [(item.text, item.dashed) for item in read] == [
        ("Varhaisen tuen mallin uudistaminen", True),
        ("Työterveyshuollon yhteistyön kehittäminen - Osaamme", True),
    ]
    cell = textformat.cell([item.written for item in read], listed=[True, True])
    assert CellReader(LEXICON)(cell).items == (
        "Varhaisen tuen mallin uudistaminen",
        "Työterveyshuollon yhteistyön kehittäminen",
        "Osaamme",
    )
