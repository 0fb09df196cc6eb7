"""RSS and Atom feeds: items become articles; hostile XML is one line, never expanded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.corpus.feeds import FeedError, feed_records, iso_date, plain_text
from tui.corpus.loaders import load_corpus

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>
<item><title>Acme to close &amp; cut jobs</title><link>http://example.com/a</link><guid>a-1</guid>
<pubDate>Mon, 02 Mar 1987 23:30:00 -0500</pubDate>
<description><![CDATA[<p>Acme Corp said on Monday it would cut <b>1,200</b> jobs.</p>
<p>Talks ended.</p>]]></description>
</item>
<item><title>Cocoa</title><description>Cocoa rose 3 pct.</description>
<content:encoded><![CDATA[<div>Cocoa prices rose 3 pct on Tuesday.<script>alert(1)</script></div>]]>
</content:encoded></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title type="html">Beta &lt;i&gt;Inc&lt;/i&gt; wins</title>
<link rel="alternate" href="http://example.com/b"/><link rel="edit" href="http://example.com/edit"/>
<id>urn:b</id><updated>2019-12-12T10:00:00Z</updated>
<content type="html">&lt;p&gt;Beta Inc won a $5 million contract on Wednesday.&lt;/p&gt;</content></entry>
</feed>
"""
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss><channel><item><title>&lol2;</title><description>x</description></item></channel></rss>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&x;</title><description>x</description></item></channel></rss>
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rss_items_and_atom_entries_become_articles(tmp_path):
    write(tmp_path, "wire.rss", RSS)
    write(tmp_path, "blog.atom", ATOM)
    corpus = load_corpus([tmp_path])
    assert not corpus.problems
    by_id = {a.id: a for a in corpus.articles}
    acme = by_id["a-1"]
    assert acme.title == "Acme to close & cut jobs" and acme.url == "http://example.com/a"
    assert acme.date == date(1987, 3, 2)  # the day as published, in its own time zone
    assert acme.text == "Acme Corp said on Monday it would cut 1,200 jobs.\n\nTalks ended."
    cocoa = next(a for a in corpus.articles if a.title == "Cocoa")
    assert cocoa.text == "Cocoa prices rose 3 pct on Tuesday." and cocoa.date is None  # the fullest text, no script
    beta = by_id["urn:b"]
    assert (beta.title, beta.url, beta.date) == ("Beta Inc wins", "http://example.com/b", date(2019, 12, 12))
    assert beta.text == "Beta Inc won a $5 million contract on Wednesday."
    assert beta.line == 3  # where the entry starts


@pytest.mark.parametrize("hostile", [BOMB, EXTERNAL])
def test_a_feed_that_declares_entities_is_one_line_and_the_rest_loads(tmp_path, hostile):
    write(tmp_path, "a-hostile.xml", hostile)
    write(tmp_path, "wire.rss", RSS)
    corpus = load_corpus([tmp_path])
    (problem,) = corpus.problems
    assert problem.path.endswith("a-hostile.xml") and "declares entities, refused" in problem.message
    assert len(corpus.articles) == 2 and not any("root:" in a.text for a in corpus.articles)


def test_a_broken_feed_says_where(tmp_path):
    path = write(tmp_path, "broken.xml", "<rss><channel><item><title>x</item></channel></rss>")
    (problem,) = load_corpus([path]).problems
    assert "not well-formed XML (mismatched tag, line 1)" in problem.message
    (empty,) = load_corpus([write(tmp_path, "none.xml", "<rss><channel/></rss>")]).problems
    assert "no items" in empty.message


def test_dates_of_both_kinds():
    assert iso_date("Wed, 02 Oct 2002 13:00:00 GMT") == "2002-10-02"
    assert iso_date("2019-12-12T10:00:00Z") == "2019-12-12T10:00:00Z"
    assert iso_date("soon") == "soon"  # for the loader to report


@given(st.text(max_size=300))
def test_any_text_is_a_feed_or_one_feed_error(text):
    try:
        for _line, record in feed_records(text):
            assert set(record) == {"title", "text", "date", "url", "id"}
    except FeedError as exc:
        assert "\n" not in str(exc)


@given(st.text(alphabet="<>/abp &;#x1", max_size=200))
def test_plain_text_has_no_tags_left_of_the_markup(markup):
    text = plain_text(f"<p>{markup}</p>")
    assert "<p>" not in text and "</p>" not in text
