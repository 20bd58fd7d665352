"""Publication dates: strings that are no date, dates to come, day-first numerals, the URL's date
against the declared one, and the page's text when nothing is declared."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsmirror.extract import extract_article
from newsmirror.extract.dates import url_date
from newsmirror.extract.metadata import to_iso
from newsmirror.page import Page


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2019-10-18T22:04:00Z", "2019-10-18T22:04:00+00:00"),
        ("Sat, 19 Oct 2019 00:04:00 +0200", "2019-10-19T00:04:00+02:00"),
        ("19 Oct 2019 10:00 CEST", "2019-10-19T10:00:00+02:00"),  # a zone dateutil does not know
        ("12.03.2021", "2021-03-12"),  # dots: day first
        ("01-11-2023 10:29", "2023-11-01T10:29:00"),  # dashes, year last: day first
        ("11/01/2023", "2023-11-01"),  # slashes: month first
        ("2:33 PM", None),  # no year: dateutil would take this year's
        ("Jun 17", None),
        ("Dec 2019", None),  # no day: it would be made up
        ("2019", None),
        ("1985-01-01", None),
    ],
)
def test_date_strings(raw: str, iso: str | None) -> None:
    assert to_iso(raw) == iso


def test_a_date_to_come_is_no_publication_date() -> None:
    soon = datetime.now(UTC) + timedelta(days=3)
    assert to_iso(soon.isoformat()) is None
    assert to_iso((datetime.now(UTC) - timedelta(days=3)).isoformat()) is not None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://pagesix.com/2020/02/24/a-story/", "2020-02-24"),
        ("https://www.befifty.de/home/2017/7/12/unter-uns-montauk", "2017-07-12"),
        ("https://x.example/news/2021-03-08-a-story.html", "2021-03-08"),
        ("https://x.example/2019/10/a-story/", None),  # no day
        ("https://x.example/search?from=2019/10/22/", None),  # a query's date is not the page's
        ("https://x.example/2019/13/40/", None),
    ],
)
def test_url_dates(url: str, day: str | None) -> None:
    found = url_date(url)
    assert (found.isoformat() if found else None) == day


def page(url: str, head: str, body: str) -> Page:
    html = f"<html><head>{head}</head><body><article><h1>A headline here</h1>{body}</article></body></html>"
    return Page.from_bytes(url, html.encode())


PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the story, long enough to be read as the article's text by any"
    " extractor, with a few more words to be sure.</p>"
    for i in range(6)
)


def test_a_declared_date_far_from_the_urls_is_a_later_one() -> None:
    head = '<meta property="article:published_time" content="2019-06-17T18:28:00+02:00">'
    url = "https://blog.example/home/2017/7/12/a-post"
    assert extract_article(url, page(url, head, PARAGRAPHS).tree).published == "2017-07-12"
    # A day apart: the same publication, declared in UTC; the declared instant stays.
    head = '<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">'
    url = "https://news.example/2020/02/24/a-story/"
    article = extract_article(url, page(url, head, PARAGRAPHS).tree)
    assert article.published == "2020-02-25T02:25:54+00:00"


def test_without_a_declared_date_the_pages_text_gives_it() -> None:
    url = "https://news.example/a-story"
    body = '<p class="date">Published on 14 March 2021</p>' + PARAGRAPHS
    assert extract_article(url, page(url, "", body).tree).published == "2021-03-14"
    assert extract_article(url, page(url, "", PARAGRAPHS).tree).published is None
