"""Piper: neural voices (VITS models run by onnxruntime), installed with `pip install 'drama[piper]'`.

A voice is a `.onnx` model with its `.onnx.json` config (see piper_voices for where they are
found). Settings map as follows: `rate` (words per minute, 170 being the voice's own pace)
scales Piper's length_scale; `speaker` picks a speaker of a multi-speaker model; `volume`
scales the samples; Piper has no pitch control, so casting refuses a pitch for it.

Piper's phonemizer carries its own espeak-ng and crashes in a process where pyttsx3 has
loaded libespeak-ng, so this engine never shares a process with it (`shares_process`): a
render runs it in spawned workers only.
"""
from __future__ import annotations

import logging
import os
import wave

from ..errors import EngineError
from . import Voice, VoiceSettings
from .piper_voices import PiperVoiceFile, find_voice, find_voices, model_hash
from ..wording import counted

log = logging.getLogger(__name__)

NATURAL_RATE = 170
"""The words per minute that leave a voice at its own pace (length_scale unchanged)."""
DEFAULT_THREADS = 1
"""onnxruntime threads per worker process, measured best by bench/piper_speed.py (see
bench/README.md); $DRAMA_PIPER_THREADS overrides it (0: onnxruntime's own default)."""
MEMORY_PATTERN_OFF = True
"""onnxruntime's memory pattern planning off for Piper's sessions: a worker's peak memory
12% lower (bench/piper_memory.py --settings on,nopattern: 364 against 412 MB, round 37) and
no slower (bench/piper_speed.py, round 38: see bench/README.md). Its CPU arena stays on
(off: 80% more memory, no faster)."""
INSTALL_HINT = "Piper is not installed: pip install 'drama[piper]'"


def piper_version() -> str | None:
    """The installed piper-tts version, or None (read from metadata: nothing is imported)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("piper-tts")
    except PackageNotFoundError:
        return None


def threads() -> int:
    raw = os.environ.get("DRAMA_PIPER_THREADS", "")
    try:
        return max(0, int(raw)) if raw.strip() else DEFAULT_THREADS
    except ValueError:
        raise EngineError(f"DRAMA_PIPER_THREADS must be a whole number, not {raw!r}") from None


class PiperEngine:
    """Piper voices found on this machine; models are loaded on first use, once each."""

    name = "piper"
    shares_process = False
    phoneme_alphabet = "ipa"
    """What goes inside [[ ]] in the text it is given."""

    def __init__(self) -> None:
        installed = piper_version()
        self.installed = installed is not None
        self.version = f"piper-tts-{installed}" if installed else "piper-tts-missing"
        self._loaded: dict[str, object] = {}
        self._files: dict[str, PiperVoiceFile] | None = None

    def voice_files(self) -> dict[str, PiperVoiceFile]:
        if self._files is None:
            self._files = {v.id: v for v in find_voices()}
        return self._files

    def voice_file(self, voice_id: str) -> PiperVoiceFile:
        found = self.voice_files().get(voice_id) or find_voice(voice_id)
        if found is None:
            raise EngineError(f"no Piper voice {voice_id!r} installed; run `drama voices "
                              f"--engine piper`, or `drama voices download {voice_id}`")
        return found

    def voices(self) -> list[Voice]:
        return [Voice(id=v.id, name=v.id, language=v.language, gender=v.gender,
                      engine=self.name, quality=v.quality, speakers=v.speakers)
                for v in self.voice_files().values()]

    def identity(self, settings: VoiceSettings) -> str:
        return f"{self.version} {model_hash(self.voice_file(settings.voice))}"

    def espeak_voice(self, settings: VoiceSettings) -> str:
        """The espeak-ng voice the model's phonemizer uses: conversions follow its accent."""
        return self.voice_file(settings.voice).espeak_voice

    def _voice(self, voice_id: str):
        if voice_id in self._loaded:
            return self._loaded[voice_id]
        if not self.installed:
            raise EngineError(INSTALL_HINT)
        try:
            import onnxruntime
            from piper import PiperConfig, PiperVoice
        except ImportError as exc:
            raise EngineError(f"{INSTALL_HINT} ({exc})") from None
        import json
        found = self.voice_file(voice_id)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads()
        options.inter_op_num_threads = 1
        # a segment's text, and so its tensors' shapes, differs each run: a pattern planned
        # for one is no use to the next and only holds memory (MEMORY_PATTERN_OFF)
        options.enable_mem_pattern = not MEMORY_PATTERN_OFF
        try:
            config = PiperConfig.from_dict(json.loads(found.config.read_text(encoding="utf-8")))
            session = onnxruntime.InferenceSession(str(found.model), sess_options=options,
                                                   providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own types for a damaged model
            raise EngineError(f"cannot load the Piper voice: {exc}", path=str(found.model)) from None
        voice = PiperVoice(config=config, session=session)
        self._loaded[voice_id] = voice
        return voice

    def synthesize(self, text: str, settings: VoiceSettings, path: str) -> None:
        from piper import SynthesisConfig
        voice = self._voice(settings.voice)
        found = self.voice_file(settings.voice)
        speaker = settings.speaker
        if speaker is not None and not 0 <= speaker < found.num_speakers:
            raise EngineError(f"voice {settings.voice} has {counted(found.num_speakers, 'speaker')}; "
                              f"speaker {speaker} is not one of them")
        config = SynthesisConfig(
            speaker_id=speaker,
            length_scale=found.length_scale * NATURAL_RATE / max(int(settings.rate), 1),
            volume=float(settings.volume))
        try:
            chunks = [c.audio_int16_bytes for c in voice.synthesize(text, config)]
        except Exception as exc:  # onnxruntime and the phonemizer raise their own types
            raise EngineError(f"Piper could not speak {text[:60]!r}: {exc}") from None
        with wave.open(path, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(voice.config.sample_rate)
            for chunk in chunks:
                w.writeframes(chunk)

    def close(self) -> None:
        self._loaded.clear()
