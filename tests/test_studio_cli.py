"""`drama studio` on the command line: the URL with its token first, loopback on a free port,
clear errors for a wrong PATH."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from drama.cli import app
from studio_util import make_project


@pytest.mark.parametrize("path, message", [
    ("nowhere", "nowhere: no such script or folder; build one first with `drama build`"),
    ("notes.txt", "notes.txt: not a script: the studio opens a script (.yaml, .yml or .json) "
                  "or a folder of them; make one with `drama extract` or `drama build`"),
    (".", ".: no episode scripts (*.script.yaml) in this folder; build them with "
          "`drama build`"),
])
def test_a_wrong_path_is_one_line_and_exit_2(runner, tmp_path, monkeypatch, path, message):
    monkeypatch.chdir(tmp_path)
    Path("notes.txt").write_text("hello")
    result = runner.invoke(app, ["studio", path, "--no-browser"])
    assert result.exit_code == 2
    assert result.output.strip() == f"drama: error: {message}"


def test_the_first_line_is_the_url_with_a_token_on_loopback(tmp_path):
    make_project(tmp_path, render=False)
    env = {**os.environ, "DRAMA_CACHE": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "drama", "studio", "output/",
                             "--no-browser", "--engine", "tone"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline().strip()
        match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]{20,})", first)
        assert match, first
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(first, timeout=30) as response:     # the token's cookie followed
            html = response.read().decode()
        assert response.status == 200 and "drama studio" in html
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(first.split("?")[0], timeout=30)   # no token, no cookie
        assert refused.value.code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "1 episode in output" in proc.stderr.read()


def test_two_runs_have_different_tokens_and_ports(tmp_path, monkeypatch):
    from drama.studio import start_studio
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, render=False)
    a = start_studio("output", "voices.yaml", engine_name="tone")
    b = start_studio("output", "voices.yaml", engine_name="tone")
    try:
        assert a.url != b.url
        assert a.url.split("token=")[1] != b.url.split("token=")[1]
    finally:
        a.stop()
        b.stop()


def test_the_studio_casts_with_the_engine_drama_cast_uses_by_default(runner, tmp_path,
                                                                      monkeypatch):
    """ux28: `drama studio` defaulted to --engine pyttsx3, so its "give voices" button cast
    new main characters with espeak-ng where `drama cast` (auto) gives them Piper voices,
    though the README says it casts as `drama cast` does. Its default is auto, as cast's,
    render's and build's."""
    import drama.studio.server as server
    from drama.errors import InputError
    seen = {}

    def opened(path, casting, **options):
        seen.update(options)
        raise InputError("stop here")
    monkeypatch.setattr(server, "start_studio", opened)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["studio", "--no-browser"])
    assert result.exit_code == 2 and seen["engine_name"] == "auto", result.output
    import inspect

    from drama.cli.script import cast
    assert inspect.signature(cast).parameters["engine_name"].default.default == "auto"


def test_an_unknown_engine_is_refused_before_the_studio_starts(runner, tmp_path, monkeypatch):
    """ux28: `drama studio --engine espeak` started, and failed only at the page's first
    cast or render. It is one line, exit 2, as render's is (auto listed among the known)."""
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, render=False)
    result = runner.invoke(app, ["studio", "output", "--engine", "espeak", "--no-browser"])
    assert result.exit_code == 2
    assert result.output.strip() == \
        "drama: error: unknown engine 'espeak'; known: auto, pyttsx3, piper, tone"


def test_a_port_in_use_is_one_line_and_exit_2(runner, tmp_path, monkeypatch):
    """studio29: `drama studio --port N` with N taken (a second studio) printed Werkzeug's
    "Address already in use / Port N is in use by another program..." and exited 1: its
    bind exits the program itself, so drama's own message never showed."""
    from drama.studio import start_studio
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, render=False)
    first = start_studio("output", "voices.yaml", engine_name="tone")
    try:
        port = first.url.split(":")[2].split("/")[0]
        result = runner.invoke(app, ["studio", "output", "--no-browser", "--engine", "tone",
                                     "--port", port])
    finally:
        first.stop()
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        f"drama: error: cannot listen on 127.0.0.1:{port}: the port is in use (another "
        "studio, or another program): choose another with --port, or leave --port out for "
        "a free one")


@pytest.mark.parametrize("host", ["unix://voices.yaml", "no-such-host.invalid"])
def test_a_host_that_is_no_address_here_is_refused_and_no_file_touched(runner, tmp_path,
                                                                       monkeypatch, host):
    """studio29: `--host unix://voices.yaml` made Werkzeug delete voices.yaml and listen on
    a socket of that name; an unknown host name was its bare "Name or service not known",
    exit 1."""
    import drama.studio.server as server

    def served(self):
        raise AssertionError("the studio started")
    monkeypatch.setattr(server.StudioServer, "serve_forever", served)
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, render=False)
    voices = Path("voices.yaml").read_bytes()
    result = runner.invoke(app, ["studio", "output", "--no-browser", "--engine", "tone",
                                 "--host", host])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1].startswith(f"drama: error: --host {host}: ")
    assert Path("voices.yaml").is_file() and Path("voices.yaml").read_bytes() == voices


@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_ctrl_c_stops_the_studio_and_says_so(tmp_path, signum):
    """studio29: Werkzeug's server loop swallows the KeyboardInterrupt of Ctrl-C and
    returns, so "drama studio: stopped" was never said. SIGTERM says it too, as `drama
    serve` does (test_book_serve)."""
    import signal
    make_project(tmp_path, render=False)
    env = {**os.environ, "DRAMA_CACHE": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "drama", "studio", "output",
                             "--no-browser", "--engine", "tone"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        status = url.replace("/?token=", "/api/status?token=")
        urllib.request.urlopen(status, timeout=30).close()      # serving: Ctrl-C now
        proc.send_signal(getattr(signal, signum))
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert err.strip().splitlines()[-1] == "drama studio: stopped"


@pytest.mark.parametrize("host", ["localhost", "::1"])
def test_a_loopback_host_by_another_name_is_guarded_as_127_0_0_1_is(runner, tmp_path,
                                                                    monkeypatch, host):
    """studio29: `--host localhost` (or ::1) warned that anyone who can reach the machine
    can edit the files, and turned off the check that refuses requests for other host
    names (a DNS-rebinding page's), though both are this machine's loopback."""
    import http.client

    import drama.studio.server as server
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, render=False)
    studio = server.start_studio("output", "voices.yaml", host=host, engine_name="tone")
    studio.start_background()
    try:
        port = int(studio.url.rsplit(":", 1)[1].split("/")[0])
        token = studio.url.split("token=")[1]

        def status(host_header: str) -> int:
            connection = http.client.HTTPConnection(host, port, timeout=30)
            connection.request("GET", f"/api/status?token={token}",
                               headers={"Host": host_header})
            return connection.getresponse().status
        assert status(f"localhost:{port}") == 200
        assert status(f"rebound.example:{port}") == 403
    finally:
        studio.stop()
    monkeypatch.setattr(server.StudioServer, "serve_forever", lambda self: None)
    result = runner.invoke(app, ["studio", "output", "--no-browser", "--engine", "tone",
                                 "--host", host])
    assert result.exit_code == 0, result.output
    assert "anyone who can reach this machine" not in result.output
