"""The podcast: an RSS 2.0 feed with Apple's iTunes podcast tags, one item per episode, each
linking its subtitles as captions (Podcasting 2.0's podcast:transcript).

Enclosure URLs are the base URL given (`--feed-url`) plus each episode's file name, so the
folder can be served as it is (`drama serve`) or copied to any web host.

An episode whose audio changed (a line edited, a voice recast) is a new download for a
subscriber: podcast apps keep an episode they have by its GUID (and some by its enclosure
URL), so an episode whose audio changed since it was published has a version, the start of
its audio's fingerprint, in its GUID and as its enclosure's `?v=` (a web host serves the
file whatever the query). The version is kept in book.json with the fingerprint it was
made for, and kept as long as the audio is the same: an unchanged episode's GUID never
moves (a new one has none, nor one built before versions, until its audio changes).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit
from xml.sax.saxutils import escape

from ..errors import InputError
from .whole import book_language

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
"""Podcasting 2.0: its podcast:transcript links an episode's captions."""
ATOM = "http://www.w3.org/2005/Atom"
FEED = "feed.xml"
"""The feed's name in the book's folder (its atom:link rel="self" names it)."""
MEDIA_TYPES = {"mp3": "audio/mpeg", "m4a": "audio/mp4", "m4b": "audio/mp4", "aac": "audio/aac",
               "ogg": "audio/ogg", "opus": "audio/ogg", "wav": "audio/wav"}
CAPTION_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip"}
"""The subtitles a feed links as an episode's captions, in the order it names them: WebVTT
first (what Apple Podcasts ingests, its <v Speaker> labels read as the speakers)."""


HOST = re.compile(r"[A-Za-z0-9._-]+|[0-9A-Fa-f:.]+")
"""A host a feed's links may name: an internet name (in IDNA), an IPv4 or IPv6 address."""
PATH_SAFE = "/%:@!$&'()*+,;=~"
"""What a URL's path holds as it is; any other character is percent-encoded."""


NO_WEB_ADDRESS = ("give the web address the book's folder is served at, with http:// or "
                  "https://, e.g. http://192.168.1.20:8000")
"""What a --feed-url that is no web address is told."""


def feed_base_url(base_url: str, what: str = "--feed-url") -> str:
    """base_url as the feed's links start (the scheme in lower case, the host in IDNA, its
    path percent-encoded, the space around it gone), or an InputError naming `what` unless
    it is a web address a podcast app can fetch episodes from (_url_problem)."""
    given = base_url.strip()
    try:
        parts = urlsplit(given)
    except ValueError:  # "http://[::1" (a bracket unclosed): urlsplit refuses it
        raise InputError(f"{what} {base_url!r}: {NO_WEB_ADDRESS}") from None
    host = _idna(parts.hostname)
    problem = _url_problem(given, parts, host)
    if problem:
        raise InputError(f"{what} {base_url!r}: {problem}")
    netloc = parts.netloc
    if not netloc.isascii():  # its host in IDNA, the rest as it was
        user = netloc.rpartition("@")[0]
        netloc = (f"{user}@" if user else "") + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme.lower(), netloc, quote(parts.path, safe=PATH_SAFE), "", ""))


def _url_problem(given: str, parts: SplitResult, host: str) -> str | None:
    """What makes a base URL no start for its episodes' links, or None: http:// or https://,
    a host, a port that is a number and no query or fragment (each episode's file name is
    added to its end) it must have. A bare host or a word would make every enclosure a
    link to nowhere."""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return NO_WEB_ADDRESS
    try:
        port = parts.port
    except ValueError:  # not a number, or out of range
        port = 0
    if port == 0:
        return "its port must be a number from 1 to 65535"
    if not HOST.fullmatch(host):
        return "its host is no internet name or address"
    if parts.query or parts.fragment or given.endswith(("?", "#")):
        return ("the episodes' file names are added to its end: give it without a ?query "
                "or #fragment")
    return None


def _idna(hostname: str | None) -> str:
    """A host name as a URL names it (bücher.example: xn--bcher-kva.example); "" for none."""
    try:
        return hostname.encode("idna").decode("ascii") if hostname else ""
    except UnicodeError:  # an empty or over-long label
        return ""


VERSION_CHARS = 12
"""How much of the audio's fingerprint an episode's version is (48 bits: no two versions of
one episode alike)."""


def episode_version(previous: dict | None, fingerprint: str, files: dict,
                    kept: bool) -> dict:
    """An episode's book.json fields for its feed: its audio's fingerprint and its version,
    None until its audio changes (a new episode's GUID and URL are its name's alone).
    `previous`: the episode's entry in the last build's book.json; `kept`: its files were
    kept, not written again (a book.json of before fingerprints tells an unchanged episode
    only so, and by its files' sizes)."""
    previous = previous if isinstance(previous, dict) else {}
    if "fingerprint" in previous:
        same = previous["fingerprint"] == fingerprint
    elif "files" in previous:  # published before versions
        same = kept and previous["files"] == files
    else:  # never published (a first build, or one stopped before its feed)
        same = True
    version = previous.get("version") if same else fingerprint[:VERSION_CHARS] or None
    return dict(zip(VERSION_FIELDS, (fingerprint, version)))


VERSION_FIELDS = ("fingerprint", "version")
"""An episode's book.json fields episode_version writes and reads back."""


def published_version(entry: dict) -> dict:
    """The fields of an episode's book.json entry that say which audio its feed published
    (episode_version's), to be kept in a book.json written before it is rendered again."""
    return {k: entry[k] for k in VERSION_FIELDS if k in entry}


def _url(base: str, name: str, version: str | None = None) -> str:
    return base.rstrip("/") + "/" + quote(name) + (f"?v={quote(version)}" if version else "")


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _captions(base_url: str, episode: dict) -> list[str]:
    """An episode's podcast:transcript links: the subtitles the build wrote beside its audio
    (book.json's `subtitles`), timed to it, so rel="captions"."""
    files = {name.rsplit(".", 1)[-1]: name for name in episode.get("subtitles", ())}
    return [f'<podcast:transcript url="{escape(_url(base_url, files[ext]))}" type="{kind}" '
            'rel="captions"/>' for ext, kind in CAPTION_TYPES.items() if ext in files]


def feed_xml(index: dict, base_url: str) -> str:
    """The feed of a book from its index (book.json's content)."""
    book = index["book"]
    title = book.get("title") or "Untitled"
    author = book.get("author")  # a text naming none: the field left out, never the tool's
    description = book.get("description") or f"{title}, read as an audio drama by drama."
    first = datetime.fromisoformat(index.get("first_built") or "2000-01-01T00:00:00+00:00")
    if first.tzinfo is None:
        first = first.replace(tzinfo=timezone.utc)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<rss version="2.0" xmlns:itunes="{ITUNES}" xmlns:podcast="{PODCAST}" '
           f'xmlns:atom="{ATOM}">', "<channel>",
           f"<title>{escape(title)}</title>", f"<link>{escape(base_url)}</link>",
           f'<atom:link href="{escape(_url(base_url, FEED))}" rel="self" '
           'type="application/rss+xml"/>',
           f"<description>{escape(description)}</description>",
           f"<language>{escape(book_language(index=index))}</language>",
           *([f"<itunes:author>{escape(author)}</itunes:author>"] if author else []),
           f"<itunes:summary>{escape(description)}</itunes:summary>",
           "<itunes:type>serial</itunes:type>", "<itunes:explicit>false</itunes:explicit>",
           '<itunes:category text="Arts"><itunes:category text="Books"/></itunes:category>']
    if book.get("cover"):
        out.append(f'<itunes:image href="{escape(_url(base_url, book["cover"]))}"/>')
    for ep in index["episodes"]:
        audio = ep["feed_file"]
        kind = MEDIA_TYPES.get(audio.rsplit(".", 1)[-1], "audio/mpeg")
        # publication order: a second apart from the book's first build, so apps sort them
        # (and a 100-chapter book is dated at most two minutes ahead of it)
        published = first + timedelta(seconds=ep["number"])
        version = ep.get("version")  # a new one when the audio changed (episode_version)
        guid = f"{index['book'].get('slug', 'book')}-{ep['name']}" + \
            (f"-{version}" if version else "")
        out += ["<item>", f"<title>{escape(ep['title'])}</title>",
                f"<itunes:title>{escape(ep['title'])}</itunes:title>",
                f'<enclosure url="{escape(_url(base_url, audio, version))}" '
                f'length="{ep["files"][audio]}" type="{kind}"/>',
                f'<guid isPermaLink="false">{escape(guid)}</guid>',
                f"<pubDate>{format_datetime(published)}</pubDate>",
                f"<itunes:duration>{_duration(ep['duration'])}</itunes:duration>",
                f"<itunes:episode>{ep['number']}</itunes:episode>",
                "<itunes:episodeType>full</itunes:episodeType>", *_captions(base_url, ep),
                "</item>"]
    out += ["</channel>", "</rss>"]
    return "\n".join(out) + "\n"
