"""Per-frame series of the analysed (small) frames: difference score, motion, luma mean and
spread, sharpness, black and uniform frames, and the black bars (letterbox / pillarbox).
A few floats per frame; the frames themselves are not kept."""

from __future__ import annotations

from array import array

import numpy as np

from prelint.media.facts import AnalysisSettings, Bars, FrameSeries

#: Rows/columns whose brightest moment stays below this mean luma (0..255) are bars.
BAR_LUMA = 24.0


class SeriesBuilder:
    """Collects the series one analysed frame at a time (`add`, in time order); `finish`
    gives the FrameSeries."""

    def __init__(self, settings: AnalysisSettings, w: int, h: int) -> None:
        import cv2

        self.cv2 = cv2
        self.s = settings
        self.times: array[float] = array("d")
        self.diff: array[float] = array("d")
        self.motion: array[float] = array("d")
        self.luma_mean: array[float] = array("d")
        self.luma_std: array[float] = array("d")
        self.blur: array[float] = array("d")
        self.prev: np.ndarray | None = None
        self.row_max = np.zeros(h, np.float32)
        self.col_max = np.zeros(w, np.float32)

    def add(self, t_s: float, grey: np.ndarray, score: float, luma_mean: float, luma_std: float) -> None:
        """One analysed frame: its grey image, difference score and luma mean and spread (the
        transition detector has computed all three)."""
        cv2 = self.cv2
        soft = cv2.GaussianBlur(grey, (3, 3), 0).astype(np.int16)
        motion = float(np.abs(soft - self.prev).mean()) if self.prev is not None else 0.0
        self.prev = soft
        lap = cv2.Laplacian(grey, cv2.CV_32F)
        self.times.append(t_s)
        self.diff.append(score)
        self.motion.append(motion)
        self.luma_mean.append(luma_mean)
        self.luma_std.append(luma_std)
        self.blur.append(float(lap.var()))
        np.maximum(self.row_max, grey.mean(axis=1), out=self.row_max)
        np.maximum(self.col_max, grey.mean(axis=0), out=self.col_max)

    def _bars(self, profiles: tuple[np.ndarray, np.ndarray] | None = None) -> Bars:
        def edges(profile: np.ndarray) -> tuple[float, float]:
            n = len(profile)
            content = np.nonzero(profile > BAR_LUMA)[0]
            if len(content) == 0:
                return 0.0, 1.0
            lo, hi = int(content[0]), int(content[-1]) + 1
            # a bar must be at least 2% of the side; tiny dark edges are not bars
            lo = lo if lo >= 0.02 * n else 0
            hi = hi if n - hi >= 0.02 * n else n
            return lo / n, hi / n

        rows, cols = profiles if profiles is not None else (self.row_max, self.col_max)
        top, bottom = edges(rows)
        left, right = edges(cols)
        return Bars(top=top, bottom=bottom, left=left, right=right)

    def finish(self, profiles: tuple[np.ndarray, np.ndarray] | None = None) -> FrameSeries:
        """profiles: brightest row/column means over the sampled (larger) frames, for
        bar edges more precise than the small frames give."""
        from prelint.media.transitions import is_black_frame

        black_luma = self.s.fade_black_luma
        is_uniform = tuple(sd < 4.0 for sd in self.luma_std)
        is_black = tuple(is_black_frame(m, sd, black_luma) for m, sd in zip(self.luma_mean, self.luma_std))
        r = lambda xs: tuple(round(x, 4) for x in xs)  # noqa: E731
        return FrameSeries(
            times_s=tuple(self.times), diff=r(self.diff), motion=r(self.motion),
            luma_mean=r(self.luma_mean), luma_std=r(self.luma_std), blur=r(self.blur),
            is_black=is_black, is_uniform=is_uniform, bars=self._bars(profiles),
        )
