"""Studio page loads on a book-sized script: seed 000 repeated until it has 2,000+ lines.

    .venv/bin/python bench/studio.py [--repeat 10] [--rounds 7] [--no-browser]
    .venv/bin/python bench/studio.py --text NOVEL.txt --no-render --no-browser   # a novel's cast

Builds, in a temporary folder, a source text of `--repeat` copies of seed 000 (or the text
`--text` names: a whole novel has far more speakers than seed 000's 26), its script
(extracted), a casting file and a render (with the tone test engine: the pages read the
manifest, not the audio, so the engine does not matter here). Then starts the studio in a
subprocess, exactly as `drama studio` does, and measures each view (script, cast, listen):

- server: the full HTTP response (every byte read) through urllib, a real socket, and the
  CPU time the studio's process spent on it (steadier than the clock on a busy machine);
- browser: headless Chromium (Debian's, through Playwright), from navigation start to the
  last byte of the page, to DOMContentLoaded (parsed, its script run) and to the load event
  (styled and laid out; on the listen view, the audio's metadata read too), from the
  Navigation Timing entry the page itself records;
- edit: one line given to another speaker through the JSON API, then that edit undone (the
  script is planned, dumped and written atomically each time).

Each is measured --rounds times after one warm-up; the median and the worst are printed.
The target (issue 14): a page loads in under a second on this machine.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_15503dc1c8fd3743.txt"
CHROMIUM = os.environ.get("DRAMA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def build(folder: Path, text: str, render: bool = True) -> tuple[str, int, int]:
    """The book's folder: seeds/book.txt (text), output/book.script.yaml (+ .wav,
    manifest), voices.yaml. Returns the episode name, its line and speaker counts."""
    from drama.casting import cast_speakers, load_casting
    from drama.engines.tone import ToneEngine
    from drama.extract import extract_script
    from drama.render import render_script
    from drama.scriptfile import save_script
    (folder / "seeds").mkdir()
    (folder / "output").mkdir()
    (folder / "seeds" / "book.txt").write_text(text, encoding="utf-8")
    script = extract_script(text, source="seeds/book.txt")
    save_script(script, folder / "output" / "book.script.yaml")
    engine = ToneEngine()
    cast_speakers(folder / "voices.yaml", script.speakers, engine.voices(), scripts=[script])
    if not render:      # the listen view then has no audio: its timings mean little
        return "book", len(script.lines), len(script.speakers)
    render_script(script, load_casting(folder / "voices.yaml"), engine,
                  folder / "output" / "book.wav", cache_dir=folder / "cache",
                  source_text=text, workers=1)
    return "book", len(script.lines), len(script.speakers)


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(fn, rounds: int) -> list[float]:
    fn()    # warm-up: templates compiled, files cached
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def show(name: str, seconds: list[float], extra: str = "") -> None:
    print(f"{name:34} median {statistics.median(seconds) * 1000:7.0f} ms   worst "
          f"{max(seconds) * 1000:7.0f} ms{extra}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=10, help="copies of seed 000 (10: ~2,200 lines)")
    ap.add_argument("--text", type=Path, help="a text of its own instead of seed 000 repeated")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--no-browser", action="store_true", help="server timings only")
    ap.add_argument("--no-render", action="store_true",
                    help="no render (faster to build; the listen view has no audio)")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="drama-bench-studio-"))
    proc = None
    try:
        t = time.perf_counter()
        from drama.scriptfile import read_text
        text = read_text(args.text) if args.text else \
            "\n\n* * *\n\n".join([read_text(SEED)] * args.repeat)
        episode, n_lines, n_speakers = build(folder, text, not args.no_render)
        what = args.text.name if args.text else f"seed 000 x {args.repeat}"
        print(f"book: {what} = {n_lines} lines, {n_speakers} speakers, built in "
              f"{time.perf_counter() - t:.1f} s")
        env = {**os.environ, "DRAMA_CACHE": str(folder / "cache")}
        proc = subprocess.Popen([sys.executable, "-m", "drama", "studio", "output",
                                 "--no-browser", "--engine", "tone"], cwd=folder, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        url = proc.stdout.readline().strip()
        base, token = url.split("/?")[0], url.split("token=")[1]
        views = {"script": f"{base}/script/{episode}", "cast": f"{base}/cast",
                 "listen": f"{base}/listen/{episode}"}
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        opener.open(url).read()
        for name, address in views.items():
            size = len(opener.open(address).read())
            cpu = process_cpu(proc.pid)
            times = timed(lambda a=address: opener.open(a).read(), args.rounds)
            cpu = (process_cpu(proc.pid) - cpu) / (args.rounds + 1)
            show(f"server: {name} view", times, f"   {size / 1024:.0f} kB   "
                                                f"CPU {cpu * 1000:.0f} ms a request")
        edit_round_trip(opener, base, token, episode, folder, args.rounds)
        if not args.no_browser:
            browser_loads(url, views, args.rounds)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def edit_round_trip(opener, base: str, token: str, episode: str, folder: Path,
                    rounds: int) -> None:
    from drama.scriptfile import load_script
    lines = load_script(folder / "output" / "book.script.yaml").lines
    index = next(i for i, ln in enumerate(lines) if ln.kind == "dialogue")

    def call(path: str, body: dict) -> dict:
        request = urllib.request.Request(f"{base}{path}", data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json",
                                                  "X-Studio-Token": token})
        return json.loads(opener.open(request).read())

    state = {"generation": json.loads(opener.open(f"{base}/api/status").read())["generation"]}

    def edit():
        done = call("/api/edit", {"generation": state["generation"], "op": "line-speaker",
                                  "episode": episode, "index": index, "speaker": "Someone New"})
        state["generation"] = done["generation"]

    def undo():
        state["generation"] = call("/api/undo", {"generation": state["generation"]})["generation"]
    edits, undos = [], []
    for _ in range(rounds + 1):
        for fn, times in ((edit, edits), (undo, undos)):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
    show("server: a line's speaker changed", edits[1:])
    show("server: that edit undone", undos[1:])

def browser_loads(url: str, views: dict, rounds: int) -> None:
    if not Path(CHROMIUM).exists():
        print(f"browser: skipped, no Chromium at {CHROMIUM}")
        return
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        for name, address in views.items():
            def load(a=address):
                page.goto(a, wait_until="load")
                return page.evaluate("""() => {
                    const t = performance.getEntriesByType('navigation')[0];
                    return [t.responseEnd, t.domContentLoadedEventEnd, t.loadEventEnd];
                }""")
            load()
            marks = [load() for _ in range(rounds)]
            for k, what in ((0, "response received"), (1, "DOM ready"), (2, "load event")):
                show(f"browser: {name} view, {what}", [m[k] / 1000 for m in marks])
        browser.close()


if __name__ == "__main__":
    main()
