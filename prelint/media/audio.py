"""Audio facts from mono 16 kHz PCM, streamed as it is decoded: 10 ms levels -> silences and
the first sound, a loudness series, and the integrated loudness (BS.1770 K-weighting)."""

from __future__ import annotations

import math
import re

from array import array
from typing import IO

import numpy as np

from prelint.media.facts import AnalysisSettings, AudioFacts, Silence
from prelint.media.ffmpeg_process import log_prefix

#: Audio analysis sample rate (Hz).
AUDIO_RATE = 16000
#: Seconds of sound analysed at most, however long the picture lasts: the levels kept are about
#: 1 KB per second of sound, and a video of a few frames spread over 17 days with 1.5 million
#: seconds of silent FLAC (881 KB) grew prelint's own process to 4.2 GB within its time limit.
#: Short-form drafts last minutes; three hours of sound keep about 10 MB of levels.
MAX_AUDIO_S = 3 * 3600
#: A sample at or above this share of full scale is at full scale (the mono mix and resampling
#: round a clipped source just below 1.0).
CLIP_LEVEL = 0.98
#: Bytes of the audio process's stderr kept (the loudness summary is its last few hundred).
METER_TAIL_BYTES = 16384
_INTEGRATED = re.compile(r"Integrated loudness:\s*I:\s*(-?\d+(?:\.\d+)?) LUFS")
_PEAK = re.compile(r"Sample peak:\s*Peak:\s*(-?\d+(?:\.\d+)?|-inf) dBFS")
#: Resolution (s) of silence boundaries.
SILENCE_STEP_S = 0.01


def _biquad(kind: str, gain_db: float, q: float, fc: float, rate: int) -> tuple[list[float], list[float]]:
    """RBJ biquad coefficients (b, a) as in BS.1770 / pyloudnorm's K-weighting."""
    import math

    amp = 10 ** (gain_db / 40.0)
    w0 = 2.0 * math.pi * fc / rate
    alpha = math.sin(w0) / (2.0 * q)
    cos = math.cos(w0)
    if kind == "high_shelf":
        sq = 2 * math.sqrt(amp) * alpha
        b = [amp * ((amp + 1) + (amp - 1) * cos + sq), -2 * amp * ((amp - 1) + (amp + 1) * cos),
             amp * ((amp + 1) + (amp - 1) * cos - sq)]
        a = [(amp + 1) - (amp - 1) * cos + sq, 2 * ((amp - 1) - (amp + 1) * cos),
             (amp + 1) - (amp - 1) * cos - sq]
    else:  # high pass
        b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        a = [1 + alpha, -2 * cos, 1 - alpha]
    return [x / a[0] for x in b], [x / a[0] for x in a]


def _k_weighting_power_gain(n: int, rate: int) -> np.ndarray:
    """|H(f)|^2 of the K-weighting filter (high shelf, then high pass) at the rfft bins of n."""
    w = 2 * np.pi * np.fft.rfftfreq(n, 1.0 / rate) / rate
    z = np.exp(-1j * w)
    gain = np.ones(len(w))
    for b, a in (_biquad("high_shelf", 4.0, 1 / np.sqrt(2), 1500.0, rate),
                 _biquad("high_pass", 0.0, 0.5, 38.0, rate)):
        h = (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)
        gain *= np.abs(h) ** 2
    return gain


class AudioAnalyser:
    """Streams 16 kHz mono PCM: 10 ms RMS levels and K-weighted 100 ms powers (BS.1770).

    The K-weighted power of each 100 ms block is taken in the frequency domain (Parseval:
    the block's spectrum times the filter's power response), which needs numpy only.
    """

    def __init__(self, settings: AnalysisSettings, meter_name: str = "ebur128") -> None:
        """meter_name: the ebur128 filter's instance name in the sound process's graph (with a random
        part: its log prefix is text no file can know, see prelint.media.ffmpeg_process.log_tag)."""
        self.s = settings
        self.meter_name = meter_name
        self.step = int(AUDIO_RATE * SILENCE_STEP_S)
        self.kstep = AUDIO_RATE // 10
        self.levels_db: array[float] = array("d")  # per 10 ms
        self.kpower: array[float] = array("d")  # K-weighted mean square per 100 ms
        self._rest = np.zeros(0, np.float64)
        self._krest = np.zeros(0, np.float64)
        self._kgain = _k_weighting_power_gain(self.kstep, AUDIO_RATE)
        self._kgain[1 : -1 if self.kstep % 2 == 0 else None] *= 2  # one-sided spectrum
        self.samples = 0
        self.peak = 0.0
        self.clipped = 0
        self.meter_text = ""

    def read(self, pipe: IO[bytes]) -> None:
        try:
            while True:
                buf = pipe.read(AUDIO_RATE * 2 // 2)  # 0.5 s of s16le
                if not buf:
                    break
                if self.samples >= MAX_AUDIO_S * AUDIO_RATE:
                    break  # memory stays bounded whatever the time limit
                if len(buf) % 2:
                    buf += pipe.read(1) or b"\0"
                self._feed(np.frombuffer(buf, "<i2").astype(np.float64) / 32768.0)
        except (OSError, ValueError):
            pass

    def read_meter(self, pipe: IO[bytes]) -> None:
        """Keep the end of FFmpeg's stderr: the EBU R128 meter's summary (bounded: the tail only)."""
        tail = b""
        try:
            while True:
                chunk = pipe.read(8192)
                if not chunk:
                    break
                tail = (tail + chunk)[-METER_TAIL_BYTES:]
        except (OSError, ValueError):
            pass
        self.meter_text = tail.decode("utf-8", "replace")

    def _summary(self) -> str:
        """The meter's summary: what follows its last summary header ("" without one)."""
        # only the meter's own header, from the start of a line, opens the summary: its instance name
        # holds a random part, so text a file makes FFmpeg print cannot imitate it
        header = re.compile(rf"^{re.escape(log_prefix(self.meter_name))}0x[0-9a-fA-F]+\] Summary:[ \t]*$", re.MULTILINE)
        headers = list(header.finditer(self.meter_text))
        return self.meter_text[headers[-1].end():] if headers else ""

    def _meter(self, summary: str | None = None) -> tuple[float | None, float | None]:
        """(integrated LUFS, sample peak dBFS) from the meter's summary (`summary`, else read from the
        meter's output); None for what it did not print."""
        summary = self._summary() if summary is None else summary
        integrated = _INTEGRATED.search(summary)
        peak = _PEAK.search(summary)
        lufs = float(integrated.group(1)) if integrated else None
        if lufs is not None and lufs <= -70.0:
            lufs = None  # the meter's floor: silence
        return lufs, (float(peak.group(1)) if peak and peak.group(1) != "-inf" else None)

    def _feed(self, x: np.ndarray) -> None:
        self.samples += len(x)
        if len(x):
            level = np.abs(x)
            self.peak = max(self.peak, float(level.max()))
            full = level >= CLIP_LEVEL
            if len(full) >= 3:
                # a flattened peak: three samples in a row at full scale (a single one is a loud peak)
                self.clipped += int(np.count_nonzero(full[2:] & full[1:-1] & full[:-2]))
        data = np.concatenate([self._rest, x])
        n = len(data) // self.step * self.step
        if n:
            blocks = data[:n].reshape(-1, self.step)
            ms = (blocks**2).mean(axis=1)
            self.levels_db.extend((10 * np.log10(ms + 1e-12)).tolist())
        self._rest = data[n:]
        kdata = np.concatenate([self._krest, x])
        kn = len(kdata) // self.kstep * self.kstep
        if kn:
            spectrum = np.abs(np.fft.rfft(kdata[:kn].reshape(-1, self.kstep), axis=1)) ** 2
            self.kpower.extend(((spectrum * self._kgain).sum(axis=1) / self.kstep**2).tolist())
        self._krest = kdata[kn:]

    def _integrated_lufs(self) -> float | None:
        p = np.asarray(self.kpower)
        if len(p) < 4:
            return None
        blocks = np.convolve(p, np.ones(4) / 4, mode="valid")  # 400 ms, 75% overlap
        loud = -0.691 + 10 * np.log10(blocks + 1e-12)
        gated = blocks[loud > -70.0]
        if len(gated) == 0:
            return None
        rel = -0.691 + 10 * np.log10(gated.mean()) - 10.0
        gated = blocks[(loud > -70.0) & (loud > rel)]
        if len(gated) == 0:
            return None
        return float(-0.691 + 10 * np.log10(gated.mean()))

    def finish(self) -> AudioFacts:
        s = self.s
        summary = self._summary()
        meter_lufs, meter_peak = self._meter(summary)
        meter_ok = "Integrated loudness" in summary  # else the process was stopped early: own estimate
        lv = np.asarray(self.levels_db)
        if len(self._rest):
            lv = np.append(lv, 10 * np.log10((self._rest**2).mean() + 1e-12))
        step = SILENCE_STEP_S
        quiet = lv < s.silence_threshold_db
        silences: list[Silence] = []
        i, n = 0, len(lv)
        total = self.samples / AUDIO_RATE
        while i < n:
            if not quiet[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and quiet[j + 1]:
                j += 1
            start, end = i * step, min(total, (j + 1) * step)
            if end - start >= s.min_silence_s:
                silences.append(Silence(round(start, 3), round(end, 3)))
            i = j + 1
        loud_idx = np.nonzero(~quiet)[0]
        first_sound = float(loud_idx[0] * step) if len(loud_idx) else None
        per = max(1, int(round(s.loudness_window_s / step)))
        m = len(lv) // per * per
        win_db: list[float] = []
        if m:
            lin = 10 ** (lv[:m].reshape(-1, per) / 10)
            win_db = (10 * np.log10(lin.mean(axis=1) + 1e-12)).round(2).tolist()
        times = tuple(round(k * per * step, 3) for k in range(len(win_db)))
        return AudioFacts(
            has_audio=True,
            first_sound_s=first_sound,
            silences=tuple(silences),
            loudness_lufs=meter_lufs if meter_ok else self._integrated_lufs(),
            loudness_times_s=times,
            loudness_db=tuple(max(-120.0, x) for x in win_db),
            sample_rate=AUDIO_RATE,
            peak_dbfs=meter_peak if meter_peak is not None else (round(20 * math.log10(self.peak), 2) if self.peak > 0 else None),
            clipped_share=self.clipped / self.samples if self.samples else 0.0,
        )

