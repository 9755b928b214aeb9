"""Black means no picture: dark and nearly one level, a small caption or logo on it allowed; a dark
picture (a night road, a garden under a security camera) is not black."""

from __future__ import annotations

import numpy as np
import pytest

from prelint.media.transitions import BLACK_MAX_SPREAD, is_black_frame, luma_spread

BLACK_LUMA = 18.0


def _judge(grey: np.ndarray) -> bool:
    return is_black_frame(grey, float(grey.mean()), float(grey.std()), BLACK_LUMA)


def _frame(level: int = 0) -> np.ndarray:
    return np.full((54, 96), level, np.uint8)


def test_pure_black_and_black_with_a_small_logo_are_black() -> None:
    assert _judge(_frame())
    logo = _frame()
    logo[40:43, 70:74] = 200  # 12 of 5,184 pixels: a logo in the corner
    assert logo.std() < 12 and luma_spread(logo) == 0
    assert _judge(logo)


def test_black_with_encoder_noise_is_black() -> None:
    rng = np.random.default_rng(1)
    noisy = np.clip(rng.normal(3.0, 1.0, (54, 96)), 0, 255).astype(np.uint8)
    assert luma_spread(noisy) <= BLACK_MAX_SPREAD
    assert _judge(noisy)


def test_a_dim_textured_scene_is_not_black() -> None:
    # the statistics of a real night clip: mean about 5, std about 8, 5th-90th percentile 2 to 11
    rng = np.random.default_rng(2)
    night = np.clip(rng.gamma(1.2, 4.0, (54, 96)), 0, 255).astype(np.uint8)
    night[20:24, 10:30] = 40  # a lit window
    assert night.mean() < 8 and night.std() < 12
    assert luma_spread(night) > BLACK_MAX_SPREAD
    assert not _judge(night)


@pytest.mark.parametrize(("level", "black"), [(10, True), (18, True), (19, False), (40, False)])
def test_a_flat_frame_is_black_up_to_the_black_level(level: int, black: bool) -> None:
    assert _judge(_frame(level)) is black


def test_the_spread_counts_levels_between_the_5th_and_the_90th_percentile() -> None:
    ramp = np.repeat(np.arange(100, dtype=np.uint8)[None, :], 10, axis=0)  # levels 0..99, equal shares
    assert luma_spread(ramp) == pytest.approx(85, abs=1)
