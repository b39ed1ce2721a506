"""Text handling: cell normalisation, markup, PDF hyphenation, the Finnish lexicon."""
