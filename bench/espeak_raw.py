"""The physical limit: libespeak-ng called directly through ctypes, synchronous, one process.

No pyttsx3, no files, no event loop: each line's samples are collected in memory by espeak's
callback. This is what synthesis alone costs; bench/render.py compares the renderer to it.
"""
from __future__ import annotations

import ctypes

AUDIO_OUTPUT_SYNCHRONOUS = 2
POS_CHARACTER = 1
CHARS_UTF8 = 1
ENDPAUSE = 0x1000
RATE, VOLUME, PITCH = 1, 2, 3

SynthCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                                 ctypes.c_void_p)


class RawEspeak:
    """Synchronous libespeak-ng: speak(text, voice, rate, pitch, volume) -> 16-bit samples."""

    def __init__(self) -> None:
        from drama.engines.pyttsx3 import load_espeak
        lib = load_espeak() or "libespeak-ng.so.1"
        self.dll = ctypes.CDLL(lib)
        self.dll.espeak_Initialize.restype = ctypes.c_int
        self.rate = self.dll.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0)
        if self.rate <= 0:
            raise RuntimeError("espeak_Initialize failed")
        self._chunks: list[bytes] = []

        def collect(wav, n, events):
            if n > 0:
                self._chunks.append(ctypes.string_at(wav, n * 2))
            return 0

        self._cb = SynthCallback(collect)  # keep a reference: espeak holds the pointer
        self.dll.espeak_SetSynthCallback(self._cb)
        self.dll.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint,
                                          ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                          ctypes.c_void_p, ctypes.c_void_p]

    def speak(self, text: str, voice: str, rate: int, pitch: int, volume: float) -> bytes:
        if self.dll.espeak_SetVoiceByName(voice.encode()) != 0:
            raise RuntimeError(f"unknown voice {voice}")
        self.dll.espeak_SetParameter(RATE, int(rate), 0)
        self.dll.espeak_SetParameter(PITCH, int(pitch), 0)
        self.dll.espeak_SetParameter(VOLUME, int(round(volume * 100)), 0)
        data = text.encode("utf-8")
        self._chunks = []
        self.dll.espeak_Synth(data, len(data) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8 | ENDPAUSE,
                              None, None)
        return b"".join(self._chunks)
