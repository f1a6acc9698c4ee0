"""The podcast feed as a podcast app reads it: each episode's subtitles linked as its
captions, and the feed's own address (walk38)."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from drama.book.feed import episode_version, feed_xml, published_version

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


def test_an_episodes_version_follows_its_audio():
    """An episode's version (in its GUID and enclosure URL) is kept while its audio's
    fingerprint is, a new one when it changes; one published before versions keeps none
    while its files are the ones it had."""
    files = {"001-part-i.mp3": 1000}
    published = {"fingerprint": "a" * 64, "version": "a" * 12, "files": files}
    assert episode_version(published, "a" * 64, files, True)["version"] == "a" * 12
    assert episode_version(published, "b" * 64, files, False)["version"] == "b" * 12
    # a new episode's GUID is its name's until its audio changes
    assert episode_version(None, "c" * 64, files, False) == {"fingerprint": "c" * 64,
                                                             "version": None}
    assert episode_version({"name": "001-part-i"}, "c" * 64, files, False)["version"] is None
    before_versions = {"files": files}  # a book.json of before versions: no fingerprint
    assert episode_version(before_versions, "d" * 64, files, True)["version"] is None
    assert episode_version(before_versions, "d" * 64, files, False)["version"] == "d" * 12
    assert episode_version(before_versions, "d" * 64, {"001-part-i.mp3": 9}, True)[
        "version"] == "d" * 12
    # once given a fingerprint, an unchanged episode keeps its version, even none
    kept = episode_version(before_versions, "d" * 64, files, True)
    assert episode_version(kept, "d" * 64, files, True)["version"] is None
    # a book.json written before the episode is rendered again keeps what it was published
    # as, and no more (series._write_first_index): the fields episode_version writes
    changed = episode_version(published, "b" * 64, files, False)
    assert published_version({"name": "001-part-i", "files": files, **changed}) == changed


def test_a_versioned_episode_is_a_new_guid_and_url_to_a_podcast_app():
    book = index()
    book["episodes"][1]["version"] = "0123456789ab"
    parsed = feedparser.parse(feed_xml(book, BASE))
    assert not parsed.bozo
    assert [e.id for e in parsed.entries] == ["daisy-miller-001-part-i",
                                              "daisy-miller-002-part-ii-0123456789ab"]
    assert [e.enclosures[0].href for e in parsed.entries] == [
        f"{BASE}/001-part-i.mp3", f"{BASE}/002-part-ii.mp3?v=0123456789ab"]


def _feed_items(folder):
    parsed = feedparser.parse((folder / "feed.xml").read_text(encoding="utf-8"))
    assert not parsed.bozo
    return [(e.id, e.enclosures[0].href, e.published) for e in parsed.entries]


def test_an_edited_episode_reaches_a_subscriber_and_the_others_stay(runner, tmp_path):
    """walk38: after an edit and a build only the enclosure's length changed in feed.xml;
    GUID, URL and date stayed, so podcast apps kept the old download. The edited episode's
    GUID and URL are new now; an unchanged episode's stay, build after build, and a book
    built before versions keeps its GUIDs until an episode's audio changes."""
    from test_book_series import build, text_book

    from drama.scriptfile import load_script, save_script
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting, "--feed-url", BASE)
    folder = out / "river-days"
    first = _feed_items(folder)
    assert len({guid for guid, _, _ in first}) == 3
    build(runner, src, out, casting)
    assert _feed_items(folder) == first
    script_path = folder / "002-chapter-ii.script.yaml"
    script = load_script(script_path)
    next(ln for ln in script.lines if ln.kind == "dialogue").speaker = "Mary"
    save_script(script, script_path)
    build(runner, src, out, casting)
    edited = _feed_items(folder)
    assert edited[0] == first[0] and edited[2] == first[2]
    assert edited[1][0] != first[1][0] and edited[1][1] != first[1][1]
    assert edited[1][2] == first[1][2]  # in its place in the series
    # a book.json written before versions: the GUIDs it was published with stay
    book_json = folder / "book.json"
    recorded = json.loads(book_json.read_text(encoding="utf-8"))
    for e in recorded["episodes"]:
        del e["fingerprint"], e["version"]
    book_json.write_text(json.dumps(recorded), encoding="utf-8")
    build(runner, src, out, casting)
    assert [(guid, url) for guid, url, _ in _feed_items(folder)] == [
        (f"river-days-{n}", f"{BASE}/{n}.mp3")
        for n in ("001-chapter-i", "002-chapter-ii", "003-chapter-iii")]


def test_the_feed_is_in_the_books_language_else_english():
    """walk38: <language>en</language> whatever the book's; an EPUB names its own."""
    book = index()
    assert feedparser.parse(feed_xml(book, BASE)).feed.language == "en"  # a text names none
    book["book"]["language"] = "fr-CA"
    assert feedparser.parse(feed_xml(book, BASE)).feed.language == "fr-CA"


def _epub_in(tmp_path, language: str):
    import zipfile

    from epub_util import make_epub
    plain = make_epub(tmp_path / "plain.epub")
    path = tmp_path / "small.epub"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith(".opf"):
                data = data.replace(b"<dc:language>en</dc:language>",
                                    f"<dc:language>{language}</dc:language>".encode())
            out.writestr(item, data)
    plain.unlink()
    return path


@pytest.mark.parametrize("given, language", [("fr-CA", "fr-CA"), (" de_AT ", "de-AT"),
                                             ("English", None), ("", None)])
def test_an_epubs_language_is_the_one_its_metadata_names_as_a_tag(tmp_path, given, language):
    from drama.source import read_source
    assert read_source(_epub_in(tmp_path, given)).language == language


def test_a_built_epubs_feed_listing_and_studio_are_in_its_language(runner, tmp_path):
    """The build records the EPUB's language in book.json; the feed (with the cover as
    <itunes:image>), `drama serve`'s listing and the studio's pages name it."""
    import http.client
    import threading

    from test_book_series import build

    from drama.book.serve import make_server
    from drama.studio.project import open_project
    build(runner, _epub_in(tmp_path, "fr"), tmp_path / "out", tmp_path / "voices.yaml",
          "--feed-url", BASE)
    folder = tmp_path / "out" / "small"
    assert json.loads((folder / "book.json").read_text(encoding="utf-8"))["book"][
        "language"] == "fr"
    parsed = feedparser.parse((folder / "feed.xml").read_text(encoding="utf-8"))
    assert parsed.feed.language == "fr" and parsed.feed.image.href == f"{BASE}/cover.png"
    server = make_server(folder, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        conn.request("GET", "/")
        assert '<html lang="fr">' in conn.getresponse().read().decode()
        conn.close()
    finally:
        server.shutdown()
        server.server_close()
    assert open_project(folder, tmp_path / "voices.yaml").language == "fr"
    assert open_project(folder / "001-chapter-1.script.yaml", "v.yaml").language == "en"


@pytest.mark.parametrize("recorded, language", [
    ("fr", "fr"), ("en_GB", "en-GB"), ("English", "en"), ("  ", "en"), (7, "en"), (None, "en")])
def test_the_books_language_is_a_tag_or_english_however_book_json_was_edited(recorded, language):
    # review39: only the EPUB's dc:language was checked; a hand-edited "English" went into
    # the feed's <language> and the pages' lang
    from drama.book.whole import book_language
    assert book_language(index={"book": {"language": recorded}}) == language
