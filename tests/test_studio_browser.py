"""The studio end to end in a real headless Chromium (Debian's `chromium`, driven by
Playwright): on seed 000, reassign one line's speaker, merge two speakers, change one voice,
audition it, render the changes; then the files on disk must carry exactly those edits (the
same bytes the commands write for them) and the render must have synthesized exactly the
lines whose text or voice changed. The three views' screenshots are taken on the way
(`pytest --update-screenshots` copies them into docs/ for the README).

Skipped, with the reason, where there is no Chromium or no Playwright (.ci/run installs both).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from drama.casting import load_casting
from drama.casting.recast import plan_voice
from drama.edits import apply_plan
from drama.scriptedit import plan_line_speaker
from drama.scriptfile import load_script
from drama.speakers import plan_merge
from studio_util import ROOT, SEED_000

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("DRAMA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
"""Flags for a machine without a network: without them Chromium waits on connections."""
SCREENSHOTS = ROOT / "docs"
EPISODE = SEED_000.stem


@pytest.fixture
def sync_playwright():
    """Playwright's entry point, or the test skipped with the reason (before any setup)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package (.ci/run "
                    "does) or set DRAMA_CHROMIUM")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed: pip install -e '.[test]'")
    return sync_playwright


def drama(*args, cwd, env):
    result = subprocess.run([sys.executable, "-m", "drama", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def seed_project(tmp_path):
    """Seed 000 extracted, cast and rendered with the real engine, as a person would."""
    env = {**os.environ, "DRAMA_CACHE": str(tmp_path / "cache")}
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED_000, tmp_path / "seeds")
    script = f"output/{EPISODE}.script.yaml"
    drama("extract", f"seeds/{SEED_000.name}", "-o", script, cwd=tmp_path, env=env)
    # espeak-ng voices only (Piper's, which auto-casting would give the main parts, take
    # minutes to render on a CPU; the Piper engine has tests of its own)
    drama("render", script, "-o", f"output/{EPISODE}.wav", "--engine", "pyttsx3",
          cwd=tmp_path, env=env)
    return tmp_path, env


@pytest.fixture
def studio_url(seed_project):
    folder, env = seed_project
    proc = subprocess.Popen([sys.executable, "-m", "drama", "studio", "output",
                             "--no-browser", "--engine", "pyttsx3"], cwd=folder, env=env,
                            stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), proc.stderr.read()
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def sound(casting, speaker: str):
    """Everything of a speaker's voice that shapes a segment (engine, voice, rate, ...)."""
    return casting.entry_for(speaker).settings()


def choose_edits(folder: Path):
    """Which line, speakers and voice the test edits: picked from the script so each edit
    changes how some lines sound (different voices), whatever the extractor decides."""
    script = load_script(folder / "output" / f"{EPISODE}.script.yaml")
    casting = load_casting(folder / "voices.yaml")
    counts: dict[str, int] = {}
    for ln in script.lines:
        if ln.kind == "dialogue":
            counts[ln.speaker] = counts.get(ln.speaker, 0) + 1
    by_lines = sorted(counts, key=lambda s: (-counts[s], s))
    voice_speaker = by_lines[0]                   # the one with most lines gets a new rate
    keep, other = next((a, b) for a in by_lines[1:] for b in reversed(by_lines[1:])
                       if a != b and sound(casting, a) != sound(casting, b))
    taken = {voice_speaker, keep, other}
    line = next(i for i, ln in enumerate(script.lines) if ln.kind == "dialogue"
                and ln.speaker not in taken and counts[ln.speaker] > 1)
    new_speaker = next(s for s in by_lines if s not in taken | {script.lines[line].speaker}
                       and sound(casting, s) != sound(casting, script.lines[line].speaker))
    rate = casting.entry_for(voice_speaker).rate
    return {"line": line, "new_speaker": new_speaker, "keep": keep, "other": other,
            "voice_speaker": voice_speaker, "rate": 200 if rate != 200 else 210}


def spoken_sounds(folder: Path) -> set:
    """(text, voice settings) of every segment spoken (a line, or each piece of a long one
    cut at its sentences): what the segment cache is keyed by."""
    from drama.render.pieces import speech_pieces
    script = load_script(folder / "output" / f"{EPISODE}.script.yaml")
    casting = load_casting(folder / "voices.yaml")
    return {(piece, sound(casting, ln.speaker)) for ln in script.lines
            if any(c.isalnum() for c in ln.text) for piece, _ in speech_pieces(ln.text)}


def test_review_cast_audition_and_render_in_a_browser(sync_playwright, seed_project,
                                                     studio_url, tmp_path, request):
    folder, _ = seed_project
    twin = tmp_path / "twin"            # the same edits, made by the library, to compare
    shutil.copytree(folder / "output", twin / "output")
    shutil.copy(folder / "voices.yaml", twin / "voices.yaml")
    shutil.copytree(folder / "seeds", twin / "seeds")
    before = spoken_sounds(folder)
    edits = choose_edits(folder)
    shots = tmp_path / "shots"
    shots.mkdir()
    errors: list[str] = []

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 640})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(studio_url)

        # Script: one line to another speaker, through the line editor and Enter.
        page.click(f"#l{edits['line']}")
        page.fill("#speaker-input", edits["new_speaker"])
        page.press("#speaker-input", "Enter")
        page.wait_for_function("document.querySelector('#message').textContent.includes('->')")
        assert page.get_attribute(f"#l{edits['line']}", "data-s") == edits["new_speaker"]
        page.keyboard.press("j")            # the first line of the review queue, selected
        page.screenshot(path=str(shots / "studio-script.png"))

        # Script: merge two speakers with the bulk form.
        page.fill("#merge-form input[name=others]", edits["other"])
        page.fill("#merge-form input[name=keep]", edits["keep"])
        with page.expect_navigation():
            page.click("#merge-form button")
        assert f"{edits['other']} -> {edits['keep']}" in page.text_content("#message")

        # Cast: a new rate for one speaker, auditioned (the audio element gets a WAV), saved.
        page.click("nav >> text=Cast")
        row = f"tr[data-speaker=\"{edits['voice_speaker']}\"]"
        page.fill(f"{row} input[name=rate]", str(edits["rate"]))
        with page.expect_response(lambda r: "/api/audition" in r.url) as audition:
            page.click(f"{row} .play")
        response = audition.value
        assert response.status == 200 and response.headers["content-type"] == "audio/wav"
        page.wait_for_function("document.querySelector('#audition').duration > 0.5")
        head, size = page.evaluate("""async () => {
            const audio = document.querySelector('#audition');
            const bytes = new Uint8Array(await (await fetch(audio.src)).arrayBuffer());
            return [String.fromCharCode(...bytes.slice(0, 12)), bytes.length];
        }""")
        assert head[:4] == "RIFF" and head[8:12] == "WAVE" and size > 10_000
        page.screenshot(path=str(shots / "studio-cast.png"))
        with page.expect_navigation():
            page.click(f"{row} .save")

        # Listen: render the changes, wait for the player to come back with the new episode.
        page.click("nav >> text=Listen")
        page.click("#render")
        page.wait_for_function(
            "/synthesized \\d+ segments/.test(document.querySelector('#render-status')"
            ".textContent)", timeout=300_000)
        status = page.text_content("#render-status")
        page.click("#timeline .ln >> nth=11")
        page.wait_for_selector("#timeline .ln.now")
        page.evaluate("document.querySelector('#player').pause()")
        page.screenshot(path=str(shots / "studio-listen.png"))
        browser.close()
    assert not errors, errors

    # On disk: exactly what the library writes for the same three edits, nothing else.
    script = twin / "output" / f"{EPISODE}.script.yaml"
    text = load_script(script).lines[edits["line"]].text
    apply_plan(plan_line_speaker(str(script), edits["line"], edits["new_speaker"], text))
    apply_plan(plan_merge(edits["keep"], [edits["other"]], [str(script)],
                          str(twin / "voices.yaml")))
    apply_plan(plan_voice(edits["voice_speaker"], {"rate": edits["rate"]},
                          str(twin / "voices.yaml")))
    mine = folder / "output" / f"{EPISODE}.script.yaml"
    assert mine.read_text() == script.read_text()
    assert (folder / "voices.yaml").read_text() == (twin / "voices.yaml").read_text()
    lines = load_script(mine).lines
    assert lines[edits["line"]].speaker == edits["new_speaker"]
    assert lines[edits["line"]].cue == "edited"
    assert edits["other"] not in {ln.speaker for ln in lines}
    cast = load_casting(folder / "voices.yaml")
    assert cast.entry_for(edits["voice_speaker"]).rate == edits["rate"]
    assert cast.cast_name(edits["other"]) == edits["keep"]

    # The render synthesized the lines whose text or voice is new, and no other.
    expected = len(spoken_sounds(folder) - before)
    assert expected > 0
    assert re.search(rf"synthesized {expected} segments, reused \d+ from cache", status), status
    for shot in shots.iterdir():
        assert shot.stat().st_size > 20_000
        if request.config.getoption("--update-screenshots"):
            SCREENSHOTS.mkdir(exist_ok=True)
            shutil.copy(shot, SCREENSHOTS / shot.name)


@pytest.fixture
def small_studio(tmp_path, monkeypatch):
    """Seed 004 with the tone engine, the studio in this process on a free port."""
    from drama.studio import start_studio
    from studio_util import make_project
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path)
    server = start_studio("output", "voices.yaml", engine_name="tone")
    server.start_background()
    yield server, tmp_path
    server.stop()


def test_keys_split_a_change_on_disk_and_undo_in_a_browser(sync_playwright, small_studio):
    server, folder = small_studio
    script = folder / "output" / "004_daf61342ff4cb22e.script.yaml"
    original = load_script(script)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(60_000)
        page.goto(server.url)

        # j: the least confident line; a: accepted, and the queue moves on
        page.keyboard.press("j")
        first = int(page.get_attribute(".ln.selected", "data-i"))
        page.keyboard.press("a")
        page.wait_for_function("document.querySelector('#message').textContent"
                               ".includes('accepted')")
        assert int(page.get_attribute(".ln.selected", "data-i")) != first
        assert load_script(script).lines[first].confidence is None

        # x, then a click on the third word: the line is cut there, the rest narration
        target = next(i for i, ln in enumerate(original.lines)
                      if ln.kind == "dialogue" and len(ln.text.split()) > 4)
        page.click(f"#l{target}")
        page.keyboard.press("x")
        page.select_option("#split-then", "Narrator")
        with page.expect_navigation():
            page.click(f"#l{target} .word >> nth=2")
        lines = load_script(script).lines
        assert len(lines) == len(original.lines) + 1
        assert lines[target + 1].kind == "narration"

        # someone edits voices.yaml on disk: the page says so and reloads
        voices = folder / "voices.yaml"
        # (generous timeouts: the machine running the suite may be busy)
        with page.expect_navigation(timeout=60_000):      # the reload after the notice
            voices.write_text(voices.read_text() + "# a note by hand\n")
            page.wait_for_selector("#notice:not([hidden])", timeout=60_000)
            assert "voices.yaml changed on disk" in page.text_content("#notice")

        # u: the split is undone (its file still holds what it wrote); the note stays
        with page.expect_navigation():
            page.keyboard.press("u")
        assert [ln.text for ln in load_script(script).lines] == \
            [ln.text for ln in original.lines]
        assert voices.read_text().endswith("# a note by hand\n")
        browser.close()


def test_what_a_person_typed_and_did_not_save_outlives_a_reload(sync_playwright, small_studio):
    """studio29: a change made elsewhere (another tab's edit, `drama speakers voice`, an
    editor) reloads the page within two seconds, and the reload dropped whatever the person
    had typed and not yet saved: a rate in the cast view, a name in the rename form. Both
    come back after it; a value that was itself saved anew meanwhile shows the file's, and
    the page says which typed value was not kept."""
    server, folder = small_studio
    voices = folder / "voices.yaml"
    cast = load_casting(voices)
    mine, theirs = sorted(cast.speakers)[:2]
    base = server.url.split("/?")[0]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(60_000)
        page.goto(server.url)
        page.fill("#rename-form input[name=old]", mine)
        with page.expect_navigation(timeout=60_000):       # someone else's change: a reload
            voices.write_text(voices.read_text() + "# a note by hand\n")
        page.wait_for_load_state()
        assert page.input_value("#rename-form input[name=old]") == mine

        page.goto(f"{base}/cast")
        row = f'tr[data-speaker="{mine}"]'
        other = f'tr[data-speaker="{theirs}"]'
        page.fill(f"{row} input[name=rate]", "123")
        page.fill(f"{other} input[name=rate]", "124")
        with page.expect_navigation(timeout=60_000):       # `drama speakers voice` meanwhile
            apply_plan(plan_voice(theirs, {"rate": 300}, str(voices)))
        page.wait_for_load_state()
        assert page.input_value(f"{row} input[name=rate]") == "123"
        assert page.input_value(f"{other} input[name=rate]") == "300"
        assert f"{theirs}'s rate (you typed 124)" in page.text_content("#notice")
        with page.expect_navigation():
            page.click(f"{row} .save")
        page.wait_for_load_state()
        browser.close()
    cast = load_casting(voices)
    assert (cast.speakers[mine].rate, cast.speakers[theirs].rate) == (123, 300)


def test_a_name_holding_a_comma_is_merged_whole_in_a_browser(sync_playwright, small_studio):
    """studio29: the merge form splits its names at commas, so "Smith, John" was sent as
    "Smith" and "John" ("no speaker 'Smith'"): such a speaker could not be merged from the
    page. A name the project knows is taken whole, the others still split."""
    from drama.speakers import plan_rename
    server, folder = small_studio
    script = folder / "output" / "004_daf61342ff4cb22e.script.yaml"
    counts = Counter(ln.speaker for ln in load_script(script).lines if ln.kind == "dialogue")
    (first, _), (keep, kept) = counts.most_common(2)
    apply_plan(plan_rename(first, "Smith, John", [str(script)], str(folder / "voices.yaml")))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(60_000)
        page.goto(server.url)
        page.fill("#merge-form input[name=others]", "smith , john")
        page.fill("#merge-form input[name=keep]", keep)
        with page.expect_navigation(timeout=45_000):     # none: it said "no speaker 'smith'"
            page.click("#merge-form button")
        page.wait_for_load_state()
        browser.close()
    after = Counter(ln.speaker for ln in load_script(script).lines if ln.kind == "dialogue")
    assert "Smith, John" not in after and after[keep] == kept + counts[first]


def test_a_refused_edit_does_not_hide_a_change_made_elsewhere(sync_playwright, small_studio):
    """hostile31: every answer of the studio carries its newest generation, and the page took
    it from a refused edit too (a typo in the rename form: "no speaker ..."). When a change
    made elsewhere (another tab, `drama speakers` in a shell) had been read meanwhile, the
    page then held that generation without ever showing the change: its poll found nothing
    new, no notice, no reload, and its next edit was accepted against the page as it was.
    The page now moves to a new generation only by an edit of its own that was made, or by
    reloading; and since fix34 an edit from a page older than the files is answered "the
    files changed" (409) before its plan is looked at, so the page reloads and shows the
    change."""
    from drama.speakers import plan_rename
    server, folder = small_studio
    script = folder / "output" / "004_daf61342ff4cb22e.script.yaml"
    counts = Counter(ln.speaker for ln in load_script(script).lines if ln.kind == "dialogue")
    (first, _), = counts.most_common(1)
    polls = {"held": True}  # the page's own polls fail until the refused edit is answered
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(60_000)
        page.route("**/api/status*",
                   lambda route: route.abort() if polls["held"] else route.continue_())
        page.goto(server.url)
        apply_plan(plan_rename(first, "Renamed Elsewhere", [str(script)],
                               str(folder / "voices.yaml")))
        server.studio.refresh()     # read by another tab's poll
        page.fill("#rename-form input[name=old]", "Nobody At All")
        page.fill("#rename-form input[name=new]", "Someone New")
        with page.expect_response(lambda r: "/api/edit" in r.url) as answer:
            page.click("#rename-form button")
        assert answer.value.status == 409       # stale, said before "no speaker ..."
        polls["held"] = False
        with page.expect_navigation(timeout=20_000):    # the 409's reload (or the next poll's)
            pass
        page.wait_for_load_state()
        assert f'data-s="Renamed Elsewhere"' in page.content()
        browser.close()
