"""Cell text: the one normalisation function and the list-splitting rules."""

from __future__ import annotations

import unicodedata

import pytest

from conftest import LEXICON
from kerava_etl.text.cells import CellReader, plain_label
from kerava_etl.text.hyphenation import rejoin_hyphenation

cell_items = CellReader(LEXICON)


def items(raw: str) -> list[str]:
    return list(cell_items(raw).items)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Mainetutkimus", ["Mainetutkimus"], id="plain"),
        pytest.param("", [], id="empty"),
        pytest.param("<b>Tasapainoinen talous</b>", ["Tasapainoinen talous"], id="bold"),
        pytest.param(
            "<strong>Tasapainoinen</strong> talous", ["Tasapainoinen talous"], id="strong-inline"
        ),
        pytest.param(
            '<ul style="list-style-type: none"> <li>Ajanhallinta</li> <li>Osaamisvaje</li> </ul>',
            ["Ajanhallinta", "Osaamisvaje"],
            id="ul-li",
        ),
        pytest.param("<ol><li>a</li><li>b</li></ol>", ["a", "b"], id="ol-li"),
        pytest.param(
            "<ul> <li>- Tiedolla johtaminen</li> <li>- Talous</li> </ul>",
            ["Tiedolla johtaminen", "Talous"],
            id="li-with-bullet-marker",
        ),
        pytest.param("<li>• Yksi</li><li>•  Kaksi</li>", ["Yksi", "Kaksi"], id="li-with-dot"),
        pytest.param(
            "<p>Tulokset:</p> <ul> <li>- yleisarvosana</li> </ul>",
            ["Tulokset:", "yleisarvosana"],
            id="p-then-ul",
        ),
        pytest.param(
            "Ennen listaa, % <ul> <li>Eka</li> <li>Toka</li> </ul>",
            ["Ennen listaa, %", "Eka", "Toka"],
            id="text-before-ul-is-an-item",
        ),
        pytest.param("<p>Yksi.</p> <p>Kaksi.</p>", ["Yksi.", "Kaksi."], id="paragraphs"),
        pytest.param("Yksi<br>Kaksi<br/>Kolme", ["Yksi", "Kaksi", "Kolme"], id="br"),
        pytest.param(
            "Yksi&nbsp; Kaksi \u00a0Kolme",
            ["Yksi", "Kaksi", "Kolme"],
            id="non-breaking-space-beside-a-space-is-a-line-break",
        ),
        pytest.param(
            "<li>•Tiedolla johtaminen</li>", ["Tiedolla johtaminen"], id="bullet-glued-to-its-text"
        ),
        pytest.param(
            "Käytettävien määrä  Tavoitetut kontaktit",
            ["Käytettävien määrä", "Tavoitetut kontaktit"],
            id="two-spaces",
        ),
        pytest.param(
            "Aikaa ei ole   Osaaminen puuttuu",
            ["Aikaa ei ole", "Osaaminen puuttuu"],
            id="three-spaces",
        ),
        pytest.param(
            "Saavutetut hyödyt. Eri mallien suhde.",
            ["Saavutetut hyödyt. Eri mallien suhde."],
            id="one-space-never-splits",
        ),
        pytest.param(
            "Taloudelliset resurssit, henkilöresurssit",
            ["Taloudelliset resurssit, henkilöresurssit"],
            id="commas-never-split",
        ),
        pytest.param(
            "- Sairauspoissaolot - Kuntoutushyvitys - Tyhy-kyselyn osio",
            ["Sairauspoissaolot", "Kuntoutushyvitys", "Tyhy-kyselyn osio"],
            id="inline-bullets",
        ),
        pytest.param(
            "Kehittäminen sisältää mm.: - Kehitämme kuvaa.",
            ["Kehittäminen sisältää mm.:", "Kehitämme kuvaa."],
            id="inline-bullets-after-colon",
        ),
        pytest.param(
            '- "esimies työkyvyn, -kyvyn ja -turvallisuuden johtajana" -koulutus - B',
            ['"esimies työkyvyn, -kyvyn ja -turvallisuuden johtajana" -koulutus', "B"],
            id="hyphen-prefixes-are-not-bullets",
        ),
        pytest.param(
            "Valmis 2019 - 2021 mennessä",
            ["Valmis 2019 - 2021 mennessä"],
            id="dash-in-prose-is-not-a-bullet",
        ),
        pytest.param(
            "1. hr 2. johto ja esimiehet 3. toimialat",
            ["hr", "johto ja esimiehet", "toimialat"],
            id="numbered-dots",
        ),
        pytest.param(
            "Rekrytointi ei onnistu.</br>Määrärahat eivät riitä.",
            ["Rekrytointi ei onnistu.", "Määrärahat eivät riitä."],
            id="closing-br-is-a-break",
        ),
        pytest.param(
            "\uf0b7 Lainaamme \uf0b7 Järjestämme",
            ["Lainaamme", "Järjestämme"],
            id="symbol-font-bullets",
        ),
        pytest.param("○ eka ❖ toka", ["eka", "toka"], id="more-bullet-glyphs"),
        pytest.param("✓ Tehty", ["Tehty"], id="leading-check-mark"),
        pytest.param("✓ Tori valmis ✓ Penkit", ["Tori valmis", "Penkit"], id="check-marks"),
        pytest.param(
            "1 Elinkeinopalvelut 2 Työllisyyspalvelut 3 Keuda",
            ["Elinkeinopalvelut", "Työllisyyspalvelut", "Keuda"],
            id="numbered-no-dots",
        ),
        pytest.param(
            "Indikaattorit: 1) Eka, 2) Toka",
            ["Indikaattorit: 1) Eka, 2) Toka"],
            id="numbers-mid-sentence-are-not-a-list",
        ),
        pytest.param("1 kpl vuodessa", ["1 kpl vuodessa"], id="a-lone-number-is-not-a-list"),
        pytest.param(
            "Kehitämme 2.-9. luokkien opetusta",
            ["Kehitämme 2.-9. luokkien opetusta"],
            id="ordinal-in-text",
        ),
    ],
)
def test_cell_items(raw: str, expected: list[str]) -> None:
    assert items(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Kyll&auml; &amp; ei &quot;x&quot;", 'Kyllä & ei "x"', id="entities"),
        pytest.param("<i>a&nbsp;b</i>", "a b", id="nbsp-entity"),
        pytest.param("Kyll&amp;auml; &amp;amp; ei", "Kyllä & ei", id="entities-escaped-twice"),
        pytest.param("<p>Kyll&amp;auml;</p>", "Kyllä", id="entities-escaped-twice-in-html"),
        pytest.param("a\u00a0b\u2009c\u202fd", "a b c d", id="odd-spaces"),
        pytest.param("a\u200bb\u00adc", "abc", id="zero-width-and-soft-hyphen"),
        pytest.param(
            "Kaupunki\u00ad suunnittelu", "Kaupunkisuunnittelu", id="soft-hyphen-at-a-line-break"
        ),
        pytest.param("kaupunki\u00ad<br>suunnitelman.", "kaupunkisuunnitelman.", id="shy-br"),
        pytest.param(
            "Liikenne\u00ad ja katusuunnittelu", "Liikenne- ja katusuunnittelu", id="shy-ellipsis"
        ),
        pytest.param(
            "\u202aLiikunta\u202c palvelut\u200f\u200e\u2066x\u2069\u061c",
            "Liikunta palvelutx",
            id="direction-marks-embeddings-isolates",
        ),
        pytest.param("Mittari A <!-- huom --> ja B", "Mittari A ja B", id="comment-between-spaces"),
        pytest.param("<o:p>Teksti</o:p>", "Teksti", id="word-namespaced-tag"),
        pytest.param("**Sivistyksen edelläkävijä**", "Sivistyksen edelläkävijä", id="md-bold"),
        pytest.param("***Tärkeä***", "Tärkeä", id="md-bold-italic"),
        pytest.param("Teemme **tärkeän** asian", "Teemme **tärkeän** asian", id="md-inside"),
        pytest.param("hr&#8209;järjestelmä", "hr-järjestelmä", id="non-breaking-hyphen"),
        pytest.param("a<script>alert(1)</script>b", "ab", id="script-content-dropped"),
        pytest.param("a<style>p {}</style>b", "ab", id="style-content-dropped"),
        pytest.param(
            '<a href="javascript:alert(1)" onclick="x()">linkki</a>',
            "linkki",
            id="attributes-never-reach-text",
        ),
        pytest.param("a<!-- kommentti -->b", "ab", id="comment-dropped"),
        pytest.param("<b>auki", "auki", id="unclosed-tag"),
        pytest.param("x < 7 ja y > 3", "x < 7 ja y > 3", id="comparison-signs-kept"),
        pytest.param("ctrl\x01char", "ctrlchar", id="control-character-dropped"),
        pytest.param(
            "2022\x962023 \x93lainaus\x94\x81",
            "2022–2023 “lainaus”",
            id="c1-controls-read-as-windows-1252",
        ),
        pytest.param("<b>a\x0cb</b>", "a b", id="form-feed-in-html-is-a-space"),
        pytest.param("<i>a\ud800b\uffff</i>", "ab", id="characters-xml-cannot-hold-in-html"),
    ],
)
def test_one_item_cleaning(raw: str, expected: str) -> None:
    assert items(raw) == [expected]


@pytest.mark.parametrize("depth", [300, 5000])
def test_deep_nesting_loses_no_text(depth: int) -> None:
    cell = "Tärkeä riski " + "<div>" * depth + "x" + "</div>" * depth + " toinen riski"
    assert " ".join(items(cell)) == "Tärkeä riski x toinen riski"


@pytest.mark.parametrize(
    "raw",
    [
        "Teemme &lt;script&gt;X()&lt;/script&gt; &lt;img src=x onerror=Y()&gt; asian",
        "Teemme <textarea><script>X()</script></textarea> asian",
        "Teemme <xmp><script>X()</script></xmp> asian",
        "Teemme asian <img src=x onerror=Y()",
        "Teemme &lt;style&gt;p{color:red}&lt;/style&gt;asian",
        "Teemme <!-- <script>X()</script> --><![CDATA[<script>X()</script>]]>asian",
    ],
)
def test_markup_spelt_out_by_entities_or_raw_text_never_survives(raw: str) -> None:
    text = " ".join(items(raw))
    for bad in ("<", "script", "onerror", "X()", "color:red"):
        assert bad not in text, text
    assert text.startswith("Teemme") and text.endswith("asian")


@pytest.mark.parametrize(
    "raw",
    [
        "Teemme javascript:void asian",
        "Teemme JavaScript:alert(1) asian",
        "Teemme vbscript:msgbox asian",
        "Teemme <b>javascript:void</b> asian",
        "Teemme &quot;javascript:void&quot; asian",
    ],
)
def test_url_like_words_in_text_are_kept(raw: str) -> None:
    # The outputs are data, not HTML: only markup is removed, never a word of the text.
    (item,) = items(raw)
    words = item.split()
    assert words[0] == "Teemme" and words[-1] == "asian" and len(words) == 3, item
    assert "script:" in words[1].lower(), item


def test_urls_in_attributes_are_markup_and_go_with_it() -> None:
    assert items('<a href="javascript:alert(1)">Teemme</a> javascript:void asian') == [
        "Teemme javascript:void asian"
    ]
    assert plain_label("Kaupunginhallitus javascript:void") == "Kaupunginhallitus javascript:void"


def test_c1_controls_are_recoded_and_reported_once_each() -> None:
    read = cell_items("2022\x962023, 2024\x962025\x81")
    assert read.items == ("2022–2023, 2024–2025",)
    assert read.recoded == (("U+0096", "–"), ("U+0081", ""))
    assert plain_label("Kasvatus\x96 ja opetuslautakunta") == "Kasvatus– ja opetuslautakunta"


def test_labels_drop_scripts_too() -> None:
    assert plain_label("<script>X()</script><style>Y</style>Kaupunginhallitus") == (
        "Kaupunginhallitus"
    )
    assert plain_label("Kaupunginhallitus <img src=x onerror=X()") == "Kaupunginhallitus"


def test_stray_closing_tags_lose_no_text() -> None:
    assert items("a </li></ul> b") in (["a b"], ["a", "b"])


def test_output_is_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Sähköinen &auml;")
    (item,) = items(nfd)
    assert item == "Sähköinen ä"
    assert unicodedata.is_normalized("NFC", item)


def test_joined_text_keeps_items_on_lines() -> None:
    cell = cell_items("<p>Yksi.</p> <p>Kaksi.</p>")
    assert cell.joined() == "Yksi.\nKaksi."
    assert cell_items("").joined() is None


# A tiny lexicon standing in for Voikko, so the decision rule is tested on its own.
WORDS = {
    "kaava",
    "hankkeissa",
    "kaavahankkeissa",
    "esimiehenä",
    "arvostava",
    "suun",
    "suunnitelmaa",
    "sosiaali-instituutio",
    "sosiaali",
    "instituutio",
}


@pytest.mark.parametrize(
    ("text", "expected", "changed"),
    [
        ("vaaratapah- tumuja", "vaaratapahtumuja", True),
        ("kaava- hankkeissa", "kaavahankkeissa", True),
        ("suun- nitelmaa", "suunnitelmaa", True),
        ("sosiaali- instituutio", "sosiaali-instituutio", True),
        ("3D- kaupunkimallien", "3D-kaupunkimallien", True),
        ("Kasvatus- ja opetuslautakunta", "Kasvatus- ja opetuslautakunta", False),
        ("sisältö- ja asiakasosaaminen", "sisältö- ja asiakasosaaminen", False),
        ("penkki- tai muu", "penkki- tai muu", False),
        ("esimiehenä- arvostava", "esimiehenä- arvostava", False),
        ("Helsinki- Vantaa", "Helsinki- Vantaa", False),
        ("3D-kaupunkimallien", "3D-kaupunkimallien", False),
        ("Vapaa-aika- ja hyvinvointi", "Vapaa-aika- ja hyvinvointi", False),
    ],
)
def test_hyphenation_rule(text: str, expected: str, changed: bool) -> None:
    got, joins = rejoin_hyphenation(text, WORDS.__contains__)
    assert (got, bool(joins)) == (expected, changed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seuraamme vaaratapah- tumuja", "Seuraamme vaaratapahtumuja"),
        ("Keskustan kaava- hankkeissa", "Keskustan kaavahankkeissa"),
        ("omahoitosuun- nitelmat", "omahoitosuunnitelmat"),
        ("Minä esimiehenä- arvostava johtaminen", "Minä esimiehenä- arvostava johtaminen"),
        ("Prosessi suunnittelusta- kunnossapitoon", "Prosessi suunnittelusta- kunnossapitoon"),
    ],
)
def test_hyphenation_with_the_finnish_lexicon(text: str, expected: str) -> None:
    (item,) = items(text)
    assert item == expected


@pytest.mark.parametrize(
    ("raw", "expected", "joins"),
    [
        pytest.param(
            "Kaupunki-<br>suunnittelu, tilakeskus",
            ["Kaupunkisuunnittelu, tilakeskus"],
            [("Kaupunki- suunnittelu", "Kaupunkisuunnittelu")],
            id="word-broken-at-a-br",
        ),
        pytest.param(
            "Kaupunki-  suunnittelu",
            ["Kaupunkisuunnittelu"],
            [("Kaupunki- suunnittelu", "Kaupunkisuunnittelu")],
            id="word-broken-at-a-line-break-of-spaces",
        ),
        pytest.param(
            "Liikenne-<br>ja katusuunnittelu",
            ["Liikenne- ja katusuunnittelu"],
            [],
            id="compound-ellipsis-across-a-br",
        ),
        pytest.param("Opetus-<br>Kirjasto", ["Opetus-", "Kirjasto"], [], id="no-word-across"),
    ],
)
def test_a_word_broken_across_items_is_one_item(
    raw: str, expected: list[str], joins: list[tuple[str, str]]
) -> None:
    read = cell_items(raw)
    assert list(read.items) == expected
    assert list(read.rejoined) == joins


def test_junk_with_many_broken_word_candidates_is_kept_as_written() -> None:
    junk = " ".join(["abcdefg- hijklmn"] * 50)
    assert rejoin_hyphenation(junk, LEXICON) == (junk, ())


def test_a_long_numbered_list_splits_item_by_item() -> None:
    numbered = " ".join(f"{n}. kohta{n}" for n in range(1, 5001))
    assert items(numbered) == [f"kohta{n}" for n in range(1, 5001)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "https://kerava.fi/a?vuosi=2022&section=poytakirjat",
            ["https://kerava.fi/a?vuosi=2022&section=poytakirjat"],
            id="url-bare-ampersand",
        ),
        pytest.param(
            "<p>https://x.fi/?id=5&region=keski&amp;b=1</p>",
            ["https://x.fi/?id=5&region=keski&b=1"],
            id="url-in-markup",
        ),
        pytest.param("Tutkimus &amp; kehitys", ["Tutkimus & kehitys"], id="entity-kept-decoded"),
        pytest.param(
            "1 500 varausta vuodessa, vähintään 2 uutta seuraa",
            ["1 500 varausta vuodessa, vähintään 2 uutta seuraa"],
            id="thousands-are-no-list",
        ),
        pytest.param(
            "1. ja 2. luokan oppilaille lukukerho.",
            ["1. ja 2. luokan oppilaille lukukerho."],
            id="ordinals-joined-by-ja-are-no-list",
        ),
        pytest.param("•Ensimmäinen •Toinen", ["Ensimmäinen", "Toinen"], id="glued-bullets"),
        pytest.param("– eka – toka", ["eka", "toka"], id="en-dash-bullets"),
        pytest.param("— eka — toka", ["eka", "toka"], id="em-dash-bullets"),
        pytest.param("a) eka b) toka c) kolmas", ["eka", "toka", "kolmas"], id="lettered"),
        pytest.param("a. eka b. toka", ["eka", "toka"], id="lettered-dots"),
        pytest.param(
            "1. vaihe valmistuu 2023 ja 2. vaihe 2025.",
            ["1. vaihe valmistuu 2023 ja 2. vaihe 2025."],
            id="ordinal-after-a-conjunction-is-no-marker",
        ),
        pytest.param(
            "1 uusi päiväkoti, 2 peruskorjattua koulua ja 3 uutta leikkipuistoa",
            ["1 uusi päiväkoti, 2 peruskorjattua koulua ja 3 uutta leikkipuistoa"],
            id="quantities-are-no-list",
        ),
        pytest.param("A. Korhonen, B. Lindholm", ["A. Korhonen, B. Lindholm"], id="initials"),
        pytest.param(
            "A. Laadimme selvityksen B. Toteutamme hankkeen",
            ["Laadimme selvityksen", "Toteutamme hankkeen"],
            id="capital-lettered-list-of-sentences",
        ),
        pytest.param(
            "1. Selvitämme tarpeen 2. Laadimme suunnitelman ja 3. Toteutamme hankkeen",
            ["Selvitämme tarpeen", "Laadimme suunnitelman ja", "Toteutamme hankkeen"],
            id="list-number-after-a-conjunction-before-a-capital",
        ),
        pytest.param("Kysely\u00ad  Palautteet", ["Kysely", "Palautteet"], id="shy-cap"),
        pytest.param(
            "Käsittelyaika <viikko; asiakastyytyväisyys >4/5",
            ["Käsittelyaika <viikko; asiakastyytyväisyys >4/5"],
            id="angle-brackets-that-start-no-tag-are-text",
        ),
        pytest.param("Valmis ✓", ["Valmis ✓"], id="check-mark-inside-a-line-is-text"),
        pytest.param("vuosina 2022 – 2025", ["vuosina 2022 – 2025"], id="en-dash-range"),
        pytest.param("tulokset – vertailu", ["tulokset – vertailu"], id="dash-mid-sentence"),
    ],
)
def test_text_is_kept_whole_where_it_is_not_a_list_or_markup(raw: str, expected: list[str]) -> None:
    assert items(raw) == expected
