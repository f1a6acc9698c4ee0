"""The podcast feed as a podcast app reads it: each episode's subtitles linked as its
captions, and the feed's own address (walk38)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser

from drama.book.feed import feed_xml

BASE = "http://192.168.1.20:8000"
PODCAST = "{https://podcastindex.org/namespace/1.0}"
ATOM = "{http://www.w3.org/2005/Atom}"


def index(subtitles: bool = True) -> dict:
    def episode(n: int, name: str) -> dict:
        ep = {"number": n, "name": name, "title": f"Part {n}", "feed_file": f"{name}.mp3",
              "files": {f"{name}.mp3": 1000 * n}, "duration": 60.0 * n}
        if subtitles:
            ep["subtitles"] = [f"{name}.srt", f"{name}.vtt"]
        return ep
    return {"book": {"title": "Daisy Miller: A Study", "slug": "daisy-miller"},
            "first_built": "2026-12-06T02:05:12+00:00",
            "episodes": [episode(1, "001-part-i"), episode(2, "002-part-ii")]}


def test_each_episode_links_its_subtitles_as_captions():
    """walk38: the build writes each episode's .vtt and .srt beside its audio, but the feed
    named neither: a podcast app (Apple Podcasts ingests WebVTT with its <v Speaker> labels)
    had no captions or transcript to show. Each item now has a podcast:transcript (the
    Podcasting 2.0 namespace) for each, WebVTT first, rel="captions" (timed to the audio)."""
    items = ET.fromstring(feed_xml(index(), BASE)).findall("channel/item")
    assert len(items) == 2
    for item, name in zip(items, ["001-part-i", "002-part-ii"]):
        found = [t.attrib for t in item.findall(f"{PODCAST}transcript")]
        assert found == [
            {"url": f"{BASE}/{name}.vtt", "type": "text/vtt", "rel": "captions"},
            {"url": f"{BASE}/{name}.srt", "type": "application/x-subrip", "rel": "captions"}]


def test_an_index_without_subtitles_links_none():
    """A book.json from before episodes listed their subtitles: no link to a file that may
    not be there."""
    root = ET.fromstring(feed_xml(index(subtitles=False), BASE))
    assert not root.findall(f"channel/item/{PODCAST}transcript")


def test_the_feed_names_its_own_address():
    """walk38: RSS 2.0 advisory (and the W3C feed validator): a feed names the address it
    is fetched from with atom:link rel="self", which apps use to follow a feed that moved."""
    root = ET.fromstring(feed_xml(index(), BASE + "/"))
    selfs = [a.attrib for a in root.findall(f"channel/{ATOM}link")]
    assert selfs == [{"href": f"{BASE}/feed.xml", "rel": "self",
                      "type": "application/rss+xml"}]
    parsed = feedparser.parse(feed_xml(index(), BASE))
    assert not parsed.bozo and len(parsed.entries) == 2
    assert parsed.entries[0].enclosures[0].href == f"{BASE}/001-part-i.mp3"
