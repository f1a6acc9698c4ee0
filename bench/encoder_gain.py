"""The level each lossy encoder changes, on a steady tone: what comes out of the decoder
against what went in, with drama's encoding (render/encode.py) and without its make-up gain.

    python3 bench/encoder_gain.py [--rates 22050,44100] [--seconds 10]

A 1 kHz sine at -10 dB under ffmpeg's default tone level, encoded by the bundled ffmpeg
with each format's codec and bitrate (CODECS), decoded, and its RMS measured over the
steady middle (the first and last second left out: encoder delay and padding). "raw" is the
codec as ffmpeg runs it; "drama" is through drama's encode(), make-up gain included.
"""
from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from drama.render.encode import CODECS, encode, ffmpeg_path  # noqa: E402


def decoded(path: Path, rate: int) -> np.ndarray:
    out = subprocess.run([ffmpeg_path(), "-nostdin", "-loglevel", "error", "-i", str(path),
                          "-ac", "1", "-ar", str(rate), "-f", "f32le", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(out, "<f4")


def steady_rms_db(x: np.ndarray, rate: int) -> float:
    mid = x[rate: len(x) - rate].astype(np.float64)
    return 10 * math.log10(float(np.mean(mid * mid)))


def tone(path: Path, rate: int, seconds: float) -> None:
    t = np.arange(int(rate * seconds)) / rate
    x = np.round(0.1 * math.sqrt(2) * np.sin(2 * math.pi * 1000 * t) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(x.tobytes())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rates", default="22050,44100")
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args()
    print("| format | codec | rate | raw change (dB) | drama's change (dB) |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for rate in (int(r) for r in args.rates.split(",")):
            src = Path(tmp) / f"tone{rate}.wav"
            tone(src, rate, args.seconds)
            ref = steady_rms_db(decoded(src, rate), rate)
            for fmt in ("mp3", "ogg", "aac", "m4b"):
                codec = CODECS[fmt]
                raw = Path(tmp) / f"raw{rate}.{fmt}"
                subprocess.run([ffmpeg_path(), "-nostdin", "-loglevel", "error", "-y", "-i",
                                str(src), *codec.args(), "-f", codec.muxer, str(raw)],
                               check=True)
                ours = Path(tmp) / f"ours{rate}.{fmt}"
                encode(src, ours, fmt, title="tone")
                print(f"| {fmt} | {codec.codec} | {rate} | "
                      f"{steady_rms_db(decoded(raw, rate), rate) - ref:+.3f} | "
                      f"{steady_rms_db(decoded(ours, rate), rate) - ref:+.3f} |", flush=True)


if __name__ == "__main__":
    main()
