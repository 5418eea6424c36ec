"""The outbox turns only the placeholders our services wrote into links: text that
users wrote into a mail (a contact message, a talk's place) and that looks like a
placeholder stays text."""

from django.conf import settings

from standort.core.links import fill_links, make_token, placeholder


def test_a_genuine_placeholder_becomes_the_link():
    text = f"Ihr Link: {placeholder('reviews.reviewrequest', 'r', 12, 1)}"
    token = make_token("reviews.reviewrequest", "r", 12, 1)
    assert fill_links(text) == f"Ihr Link: {settings.SITE_URL}/link/{token}/"


def test_a_placeholder_typed_by_someone_stays_text():
    forged = [
        "[[link reviews.reviewrequest r 12 1]]",  # the old, unsigned form
        "[[link reviews.reviewrequest r 12 1 0123456789abcdef0123]]",
        # A genuine signature of another object.
        placeholder("reviews.reviewrequest", "r", 13, 1).replace(" 13 ", " 12 "),
    ]
    for text in forged:
        assert fill_links(text) == text
