from yswd.site.glossary import Glossary
from yswd.content.model import GlossaryEntry

GLOSSARY = Glossary({
    "GP": GlossaryEntry(expansion="General practitioner"),
    "A&E": GlossaryEntry(expansion="Accident and emergency"),
    "PCN": GlossaryEntry(expansion="Primary Care Network", plain="a group of GP practices"),
})


def test_every_use_is_marked_and_the_first_is_spelled_out() -> None:
    html = GLOSSARY.mark("<p>Ask your GP. Most GPs work in a PCN. Your GP can help.</p>")
    assert html == (
        '<p>Ask your <abbr title="General practitioner">GP</abbr> (General practitioner). '
        'Most <abbr title="General practitioner">GP</abbr>s work in a <abbr title="Primary Care Network">PCN</abbr> (Primary Care Network). '
        'Your <abbr title="General practitioner">GP</abbr> can help.</p>'
    )


def test_escaped_terms_headings_code_and_existing_abbr() -> None:
    html = GLOSSARY.mark(
        '<h2>A&amp;E</h2><p>Go to A&amp;E.</p><code>GP</code>'
        '<p><abbr title="Primary Care Network">PCN</abbr> then PCN</p><a href="/GP/">link</a>'
    )
    assert html == (
        '<h2><abbr title="Accident and emergency">A&amp;E</abbr></h2>'
        '<p>Go to <abbr title="Accident and emergency">A&amp;E</abbr> (Accident and emergency).</p><code>GP</code>'
        '<p><abbr title="Primary Care Network">PCN</abbr> (Primary Care Network) then <abbr title="Primary Care Network">PCN</abbr></p>'
        '<a href="/GP/">link</a>'
    )


def test_words_containing_a_term_are_left_alone() -> None:
    assert GLOSSARY.mark("<p>GPS and UPCN and GPx</p>") == "<p>GPS and UPCN and GPx</p>"
    assert Glossary({}).mark("<p>GP</p>") == "<p>GP</p>"


def test_the_expansion_never_splits_a_word() -> None:
    html = GLOSSARY.mark("<p>Most GPs agreed.</p>")
    assert html == '<p>Most <abbr title="General practitioner">GP</abbr>s (General practitioner) agreed.</p>'
    for written in ("GP's", "GP&#39;s", "GP’s", "GP-led", "GPs’"):
        html = GLOSSARY.mark(f"<p>A {written} clinic. Another GP.</p>")
        rest = written[2:]
        assert html.startswith(f'<p>A <abbr title="General practitioner">GP</abbr>{rest} (General practitioner) clinic.'), html
    html = GLOSSARY.mark('<p><abbr title="General practitioner">GP</abbr>s first</p>')
    assert html == '<p><abbr title="General practitioner">GP</abbr>s (General practitioner) first</p>'
