from pipelines.parse.paragraphs import (
    Paragraph,
    build_paragraphs,
    build_units,
    clean_markup,
    continues,
    ends_sentence,
    extract_markers,
    is_heading,
    join_pieces,
)

HEADERS = {"No. 2(50), 2008"}


def paragraphs_of(text: str, vocabulary: set[str] | None = None) -> list[str]:
    units = build_units(text.split("\n"), HEADERS)
    return [p.text for p in build_paragraphs(units, vocabulary or set())[0]]


def test_units_classify_lines():
    lines = [
        "Title",
        "",
        "- *First*, a point.",
        "- second point;",
        "",
        "¹⁰ See: A.",
        "¹¹ Ibidem.",
        "",
        "62 ·",
        "* * *",
    ]
    assert [u.kind for u in build_units(lines, HEADERS)] == [
        "text",
        "bullet",
        "bullet",
        "footnote",
        "footnote",
        "furniture",
        "break",
    ]


def test_wrapped_lines_form_one_unit():
    lines = ["*Research associate,", "the Kazakhstan Institute", "(Almaty, Kazakhstan)*"]
    assert [u.text for u in build_units(lines, HEADERS)] == [
        "*Research associate, the Kazakhstan Institute (Almaty, Kazakhstan)*"
    ]


def test_clean_markup():
    assert clean_markup("- *First*, the character of Kazakhstan's foreign policy.") == (
        "First, the character of Kazakhstan's foreign policy."
    )
    assert (
        clean_markup("under which \\$188 million was earmarked") == "under which $188 million was earmarked"
    )
    assert (
        clean_markup("an important *factor that limits* NATO's") == "an important factor that limits NATO's"
    )


def test_lowercase_continuation_after_blank_line():
    text = "U.S. military presence in Afghanistan increases the chance\n\nof the successful implementation."
    assert paragraphs_of(text) == [
        "U.S. military presence in Afghanistan increases the chance of the successful implementation."
    ]


def test_rejoined_across_footnote_block():
    text = (
        "Kazakhstan is also involved in the EAPC's Planning\n\n"
        "⁴ See: *NATO i Tsentral'naia Azia*, Almaty, 2003, p. 165.\n\n"
        "and Review Process program (PARP)."
    )
    assert paragraphs_of(text) == [
        "Kazakhstan is also involved in the EAPC's Planning and Review Process program (PARP)."
    ]


def test_hyphenated_word_mended_across_footnote():
    text = 'The treaty marked the start of the Uz-\n\n² "Kazakhstan," 2007.\n\nbek-Russian rapprochement.'
    assert paragraphs_of(text) == ["The treaty marked the start of the Uzbek-Russian rapprochement."]
    text = "the importance of Ka-\n\n⁶ See www.mod.kz.\n\n⁷ See.\n\nzakhstan's negotiations."
    assert paragraphs_of(text) == ["the importance of Kazakhstan's negotiations."]


def test_real_hyphens_stay():
    assert join_pieces("the Kazakh-", "U.S. relations", None) == "the Kazakh-U.S. relations"
    assert join_pieces("anti-", "terrorist drills", {"anti-terrorist"}) == "anti-terrorist drills"
    assert join_pieces("mili-", "tary drills", {"anti-terrorist"}) == "military drills"
    assert (
        clean_markup("U.S. lobbied south- and west-bound pipeline")
        == "U.S. lobbied south- and west-bound pipeline"
    )


def test_capitalised_continuation_after_footnotes_and_header():
    text = (
        "The document was handed to the NATO\n\n"
        "¹² See: National'naia bezopasnost, 2001, p. 15.\n\n"
        "¹³ See: K.K. Tokaev, 1997.\n\n"
        "No. 2(50), 2008\n\n"
        "Secretary-General at the regular meeting of the NACC foreign ministers in December 1994.¹⁴"
    )
    assert paragraphs_of(text) == [
        "The document was handed to the NATO Secretary-General at the regular meeting of the NACC "
        "foreign ministers in December 1994.¹⁴"
    ]


def test_bullet_continued_after_its_footnote():
    text = (
        "- *Thus, U.S. interests can be subdivided into three main groups—*\n\n"
        '¹ See: "Kongressmeny," available at [<http://sngnews.ru/a.html>].\n\n'
        "military-political, economic, and ideological."
    )
    assert paragraphs_of(text) == [
        "Thus, U.S. interests can be subdivided into three main groups—military-political, economic, and ideological."
    ]


def test_not_joined():
    # a finished sentence, a heading, a bullet after a colon and a section break all keep their boundary
    assert paragraphs_of("It ended here.\n\nAnother one.") == ["It ended here.", "Another one."]
    assert paragraphs_of("Astana and Washington: Motives\n\nwhat follows is lower case.") == [
        "Astana and Washington: Motives",
        "what follows is lower case.",
    ]
    assert paragraphs_of(
        "The lines are as follows:\n\n- civil emergency response;\n- crisis management;"
    ) == [
        "The lines are as follows:",
        "civil emergency response;",
        "crisis management;",
    ]
    assert paragraphs_of("a relatively stable position\n\n* * *\n\nthen more") == [
        "a relatively stable position",
        "then more",
    ]
    assert paragraphs_of("open end without a stop\n\n62 ·\n\nNATO's Contemporary Development Trends") == [
        "open end without a stop",
        "NATO's Contemporary Development Trends",
    ]


def test_headings_and_sentence_ends():
    assert is_heading("Astana and Washington: Motives")
    assert is_heading("Kazakh-U.S. Military-Political Cooperation within NATO")
    assert not is_heading("It seems that there are several objective reasons.")
    assert ends_sentence("in December 1994.¹⁴") and ends_sentence("finally gained this foothold.9")
    assert ends_sentence('Russia and China alike."⁹')
    assert not ends_sentence("handed to the NATO") and not ends_sentence("the regional leader,⁷")


def test_continues_needs_an_open_paragraph():
    body = Paragraph("body", "which is due to the")
    assert continues(body, "increasing role", after_break=False)
    assert not continues(Paragraph("heading", "Joint Exercises"), "joint exercises", after_break=True)
    assert not continues(None, "nce the 1990s", after_break=False)


def test_markers_superscript_and_plain():
    numbers = {1, 9, 12}
    text, markers = extract_markers("in 2006 and following years.¹ Thus gained this foothold.9", numbers, {9})
    assert text == "in 2006 and following years. Thus gained this foothold."
    assert markers == [(len("in 2006 and following years."), 1), (len(text), 9)]


def test_real_numbers_are_not_markers():
    text = "Huey-2 helicopters, C-130 aircraft, Profil, No. 35, the G-8 and 4 million devices.²"
    cleaned, markers = extract_markers(text, {2, 8, 35, 130}, {2, 8, 35, 130})
    assert cleaned == "Huey-2 helicopters, C-130 aircraft, Profil, No. 35, the G-8 and 4 million devices."
    assert markers == [(len(cleaned), 2)]


def test_superscript_without_footnote_is_kept():
    assert extract_markers("an area of 5 km²", {1}, set()) == ("an area of 5 km²", [])
