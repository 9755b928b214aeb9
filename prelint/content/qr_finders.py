"""QR codes read from their finder patterns: the reader for a code framed by decoy finder squares.

ZXing's reader pairs each finder candidate with only its nearest few, OpenCV's ArUco-based detector
checks the timing rows, and OpenCV's classic detector misses a code whose two timing rows are
blanked: a code framed by a ring of small finder squares, with blank timing rows, passed all three
while WeChat's reader (which first locates a code with a learned detector) read it. This reader
pairs the finder patterns itself:

1. the picture is binarised as ZXing's hybrid binariser does (black points of 8-px blocks, averaged
   over 5 × 5 blocks; a flat block takes its neighbours');
2. a finder pattern is a centre where the runs along the row, the column and both diagonals read
   dark-light-dark-light-dark 1:1:3:1:1 (or light-dark-light-dark-light: a light-on-dark code),
   re-centred along its column and row first as ZXing's cross-checks do (a turned square's row
   runs are centred off its centre);
3. finder patterns of similar module size form a triple when two of them lie at about equal distance
   from the third, at about a right angle, 12 to 185 modules away (QR versions 1 to 40);
4. each triple's format information (15 bits, BCH-coded, in two copies) is read from the modules
   where the triple puts it; a triple whose bits are more than FORMAT_MAX_DISTANCE from every valid
   format word is no readable code (ZXing's own limit) and is dropped, the rest are read best first;
5. a triple is read twice: its modules sampled from the binarised picture, with the function
   patterns (finders, separators, timing rows) drawn back, by ZXing as a pure code; then the picture
   cropped to the code, everything outside painted over, by ZXing's reader (which follows a code
   tilted in perspective).

The work per picture is bounded: at most MAX_FINDER_PATTERNS finder patterns per polarity and
MAX_TRIPLE_READS triples read; a picture with more is reported crowded (Crowded), and RISK003 warns
that the frame could not be checked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    import numpy as np

#: Side (px) of the binariser's blocks, and the blocks (per side) its thresholds average over (ZXing's).
BLOCK_PX = 8
BLOCK_NEIGHBOURHOOD = 5
#: A block whose darkest and lightest pixels differ by at most this is flat (ZXing's MIN_DYNAMIC_RANGE).
FLAT_BLOCK_RANGE = 24
#: Finder patterns of one polarity past which a picture is crowded (196 frames of 35 real clips: at most 5).
MAX_FINDER_PATTERNS = 400
#: Triples whose format information is read at most per polarity (about 0.3 s for 50,000), in
#: batches of TRIPLE_BATCH.
MAX_TRIPLES = 100_000
TRIPLE_BATCH = 8192
#: Triples read at most per picture; a picture with more plausible triples is crowded.
MAX_TRIPLE_READS = 64
#: Most bits a triple's format information may differ from a valid format word (ZXing reads up to 3).
FORMAT_MAX_DISTANCE = 3
#: Distance between two finder centres of one code, in modules: version 1 (21 modules) to 40 (177).
MIN_ARM_MODULES, MAX_ARM_MODULES = 12.0, 185.0
#: Finder patterns of one triple differ in module size by at most this factor.
MAX_MODULE_RATIO = 1.5
#: The two arms of a triple: |cos| of their angle at most this (about 73° to 107°), lengths within this ratio.
MAX_ARM_COS = 0.3
MAX_ARM_RATIO = 1.33
#: Pixels per module of a code redrawn from its sampled modules.
REDRAWN_MODULE_PX = 3


class Crowded(Exception):
    """The picture holds more finder patterns or plausible triples than are read (see the module)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass(frozen=True)
class FinderPatterns:
    """Finder-pattern centres of one polarity: xy (n × 2, px) and module size (n, px)."""

    xy: "np.ndarray"
    module_px: "np.ndarray"
    light_on_dark: bool

    def __len__(self) -> int:
        return len(self.module_px)


def read_framed_codes(grey: "np.ndarray") -> tuple[str, ...]:
    """Payloads read from finder-pattern triples in a grey picture (see the module); raises Crowded
    when the picture holds more than this reader reads and no code was read."""
    dark = binarise(grey)
    crowded: list[str] = []
    reads_left = MAX_TRIPLE_READS
    for patterns in find_finder_patterns(dark):
        if len(patterns) > MAX_FINDER_PATTERNS:
            crowded.append(f"over {MAX_FINDER_PATTERNS} finder-like squares")
            continue
        if len(patterns) < 3:
            continue
        polarity_dark = ~dark if patterns.light_on_dark else dark
        try:
            for batch in triple_batches(patterns):
                plausible = plausible_triples(patterns, batch, polarity_dark)
                if len(plausible) > reads_left:
                    crowded.append(f"more than {MAX_TRIPLE_READS} plausible finder-square triples")
                for triple in plausible[:reads_left]:
                    reads_left -= 1
                    payloads = read_triple(grey, polarity_dark, patterns, triple)
                    if payloads:
                        return payloads
        except Crowded as error:
            crowded.append(error.what)
    if crowded:
        raise Crowded(" and ".join(dict.fromkeys(crowded)))
    return ()


def read_triple(grey: "np.ndarray", polarity_dark: "np.ndarray", patterns: FinderPatterns, triple: "np.ndarray") -> tuple[str, ...]:
    """The payloads of the code a triple spans: redrawn from its modules, else cropped out of the picture."""
    from prelint.content.qr import zxing_payloads

    for picture in redrawn_codes(polarity_dark, patterns, triple):
        payloads = zxing_payloads(picture, pure=True)
        if payloads:
            return payloads
    return zxing_payloads(crop_to_code(grey, patterns, triple, 0 if patterns.light_on_dark else 255))


def binarise(grey: "np.ndarray") -> "np.ndarray":
    """The dark pixels (bool) of a grey picture, thresholded as ZXing's hybrid binariser does."""
    import cv2
    import numpy as np

    height, width = grey.shape
    rows, cols = -(-height // BLOCK_PX), -(-width // BLOCK_PX)
    padded = cv2.copyMakeBorder(grey, 0, rows * BLOCK_PX - height, 0, cols * BLOCK_PX - width, cv2.BORDER_REPLICATE)
    kernel = np.ones((BLOCK_PX, BLOCK_PX), np.uint8)
    darkest = cv2.erode(padded, kernel, anchor=(0, 0), borderType=cv2.BORDER_REPLICATE)[::BLOCK_PX, ::BLOCK_PX].astype(np.float32)
    lightest = cv2.dilate(padded, kernel, anchor=(0, 0), borderType=cv2.BORDER_REPLICATE)[::BLOCK_PX, ::BLOCK_PX].astype(np.float32)
    mean = cv2.resize(padded, (cols, rows), interpolation=cv2.INTER_AREA).astype(np.float32)
    flat = (lightest - darkest) <= FLAT_BLOCK_RANGE
    black_point = np.where(flat, darkest / 2, mean)
    # a flat block inside a large dark area takes its neighbours' black point (so it stays dark)
    varied = (~flat).astype(np.float32)
    size = (BLOCK_NEIGHBOURHOOD, BLOCK_NEIGHBOURHOOD)
    total = cv2.boxFilter(black_point * varied, -1, size, normalize=False, borderType=cv2.BORDER_REPLICATE)
    count = cv2.boxFilter(varied, -1, size, normalize=False, borderType=cv2.BORDER_REPLICATE)
    neighbours = np.where(count > 0, total / np.maximum(count, 1), black_point)
    black_point = np.where(flat & (darkest < neighbours), neighbours, black_point)
    threshold = cv2.blur(black_point, size, borderType=cv2.BORDER_REPLICATE)
    threshold = cv2.resize(threshold, (cols * BLOCK_PX, rows * BLOCK_PX), interpolation=cv2.INTER_NEAREST)
    return grey <= threshold[:height, :width]


def _centre_runs(dark: "np.ndarray") -> list[tuple["np.ndarray", "np.ndarray"]]:
    """Along every row: the centre runs of 1:1:3:1:1 run patterns, as (mask, module size per pixel),
    for patterns starting dark, then for those starting light."""
    import numpy as np

    height, width = dark.shape
    marked = np.empty((height, width + 1), np.int8)
    marked[:, 0] = 2  # a row start is always a run start
    marked[:, 1:] = dark
    flat = marked.ravel()
    edges = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    is_run = flat[edges] != 2
    following = np.append(edges[1:], len(flat))
    starts, ends = edges[is_run], following[is_run]
    found = []
    if len(starts) < 5:
        return [(np.zeros((height, width), np.uint8), np.zeros((height, width), np.float32))] * 2
    lengths = (ends - starts).astype(np.float32)
    row = starts // (width + 1)
    first = np.arange(len(starts) - 4)
    total = lengths[first] + lengths[first + 1] + lengths[first + 2] + lengths[first + 3] + lengths[first + 4]
    module = total / 7
    ok = (row[first] == row[first + 4]) & (total >= 7)
    for k in (0, 1, 3, 4):  # ZXing's tolerance: each module run within half a module
        ok &= np.abs(module - lengths[first + k]) < module / 2
    ok &= np.abs(3 * module - lengths[first + 2]) < 1.5 * module
    starts_dark = flat[starts[first]] == 1
    for want_dark in (True, False):
        chosen = ok & (starts_dark == want_dark)
        centre = first[chosen] + 2
        mask = np.zeros((height, width), np.uint8)
        module_px = np.zeros((height, width), np.float32)
        if len(centre):
            rows = row[centre]
            x0 = starts[centre] - rows * (width + 1) - 1
            x1 = ends[centre] - rows * (width + 1) - 1
            used, index = np.unique(rows, return_inverse=True)
            steps = np.zeros((len(used), width + 1), np.float32)
            steps[index, x0] = module[chosen]  # runs of one row never share a start or an end
            steps[index, x1] -= module[chosen]
            spans = np.cumsum(steps, axis=1)[:, :width]
            mask[used] = spans > 0.5
            module_px[used] = spans
        found.append((mask, module_px))
    return found


#: A finder pattern sampled at -3..3 modules from its centre along its column: dark, light, dark × 3,
#: light, dark (a turned square shows the same profile along its row and its column, at one scale).
_FINDER_PROFILE = (1, 0, 1, 1, 1, 0, 1)
#: Samples of the column's profile that may disagree (a module lost to blur or damage, a centre
#: half a module off) before the runs along the lines are measured.
MAX_PROFILE_MISMATCHES = 2


def find_finder_patterns(dark: "np.ndarray") -> list[FinderPatterns]:
    """Finder patterns (dark-on-light, then light-on-dark) in a binarised picture: centres of rows'
    1:1:3:1:1 run patterns whose column shows the finder's profile, re-centred and confirmed along
    the column, the row and both diagonals (_finder_centre)."""
    import cv2
    import numpy as np

    height, width = dark.shape
    profile = np.array(_FINDER_PROFILE, bool)
    offsets = np.arange(-3, 4)
    out = []
    for light_on_dark, (row_mask, row_module) in enumerate(_centre_runs(dark)):
        count, labels, stats, centres = cv2.connectedComponentsWithStats(row_mask, connectivity=8)
        picked: list[tuple[float, float, float]] = []
        if count > 1:
            ys, xs = np.nonzero(row_mask)
            module = (np.bincount(labels[ys, xs], weights=row_module[ys, xs], minlength=count) / np.maximum(stats[:, 4], 1))[1:]
            xy = centres[1:]
            polarity_dark = ~dark if light_on_dark else dark
            # a cheap first look along the column, one pixel per module (the diagonals' scale
            # depends on how the square is turned)
            px = np.round(xy[:, 0, None]).astype(int)
            py = np.round(xy[:, 1, None] + offsets[None] * module[:, None]).astype(int)
            inside = (px >= 0) & (px < width) & (py >= 0) & (py < height)
            seen = polarity_dark[np.clip(py, 0, height - 1), np.clip(px, 0, width - 1)] & inside
            mismatches = (seen != profile[None]).sum(1) + 2 * ~seen[:, 3]  # the centre must be dark
            for k in np.flatnonzero(mismatches <= MAX_PROFILE_MISMATCHES):
                centre = _finder_centre(polarity_dark, float(xy[k, 0]), float(xy[k, 1]), float(module[k]))
                if centre is not None:
                    picked.append((centre[0], centre[1], module[k]))
                    if len(picked) > MAX_FINDER_PATTERNS:
                        break
        found = np.array(picked, np.float64).reshape(-1, 3)
        out.append(FinderPatterns(found[:, :2], found[:, 2], bool(light_on_dark)))
    return out


def _finder_centre(dark: "np.ndarray", x: float, y: float, module: float) -> tuple[float, float] | None:
    """The centre of a finder pattern near (x, y), re-centred along its column, its row and its
    column again (as ZXing's cross-checks do: a turned square's row runs are centred off its centre),
    when both diagonals through it read 1:1:3:1:1 too; else None."""
    for step_x, step_y in ((0, 1), (1, 0), (0, 1)):
        shift = _line_centre(dark, x, y, module, step_x, step_y)
        if shift is None:
            return None
        x, y = x + step_x * shift, y + step_y * shift
    for step_x, step_y in ((1, 1), (1, -1)):
        if _line_centre(dark, x, y, module, step_x, step_y) is None:
            return None
    return x, y


def _line_centre(dark: "np.ndarray", x: float, y: float, module: float, step_x: int, step_y: int) -> float | None:
    """Where along the line through (x, y) (pixel steps step_x, step_y) the middle of the centre run
    is, in steps from (x, y), when the runs read dark-light-dark outward on each side, 1:1:3:1:1,
    at a module size within MAX_MODULE_RATIO of module; else None."""
    import numpy as np

    height, width = dark.shape
    reach = int(np.ceil(5.5 * module)) + 2
    steps = np.arange(-reach, reach + 1)
    xs = np.round(x + step_x * steps).astype(int)
    ys = np.round(y + step_y * steps).astype(int)
    inside = (xs >= 0) & (xs < width) & (ys >= 0) & (ys < height)
    line = np.zeros(len(steps), bool)
    line[inside] = dark[ys[inside], xs[inside]]
    if module >= 3:  # a one-pixel run is the jagged edge of a turned square's side: take the majority of three
        line[1:-1] = line[:-2].astype(int) + line[1:-1] + line[2:] >= 2
    if not line[reach]:
        return None
    forth, back = _runs_from(line, reach, 1), _runs_from(line, reach, -1)
    centre = forth[0] + back[0] - 1
    total = centre + forth[1] + forth[2] + back[1] + back[2]
    line_module = total / 7
    if total < 7 or abs(centre - 3 * line_module) >= 1.5 * line_module:
        return None
    if any(abs(n - line_module) >= 0.75 * line_module for n in (forth[1], forth[2], back[1], back[2])):
        return None
    side = line_module * np.hypot(step_x, step_y)  # a diagonal step crosses sqrt(2) of a module's side
    if not module / MAX_MODULE_RATIO < side < module * MAX_MODULE_RATIO:
        return None
    return (forth[0] - back[0]) / 2


def _runs_from(line: "np.ndarray", start: int, step: int) -> tuple[int, int, int]:
    """Lengths of the dark, light and dark runs from start outward (0 where a run is missing)."""
    i, lengths = start, []
    for want in (True, False, True):
        n = 0
        while 0 <= i < len(line) and line[i] == want:
            n += 1
            i += step
        lengths.append(n)
    return lengths[0], lengths[1], lengths[2]


def triple_batches(patterns: FinderPatterns) -> Iterator["np.ndarray"]:
    """(arm end, corner, arm end) index triples of finder patterns that could be one code's three,
    in batches of about TRIPLE_BATCH; corners with the fewest finder patterns of their size come
    first (a code among decoys of another size is paired before the decoys among themselves).
    Raises Crowded once more than MAX_TRIPLES were given."""
    import numpy as np

    xy, module = patterns.xy, patterns.module_px
    similar = (module[None] > module[:, None] / MAX_MODULE_RATIO) & (module[None] < module[:, None] * MAX_MODULE_RATIO)
    pending: list["np.ndarray"] = []
    waiting = given = 0
    for corner in np.argsort(similar.sum(1), kind="stable"):
        arms = xy - xy[corner]
        length = np.hypot(arms[:, 0], arms[:, 1])
        near = similar[corner] & (length > MIN_ARM_MODULES * module[corner]) & (length < MAX_ARM_MODULES * module[corner])
        near[corner] = False
        index = np.flatnonzero(near)
        if len(index) < 2:
            continue
        cos = (arms[index] @ arms[index].T) / np.outer(length[index], length[index])
        ratio = length[index][:, None] / length[index][None, :]
        a, c = np.nonzero(np.triu((np.abs(cos) < MAX_ARM_COS) & (ratio > 1 / MAX_ARM_RATIO) & (ratio < MAX_ARM_RATIO), 1))
        if not len(a):
            continue
        pending.append(np.stack([index[a], np.full(len(a), corner), index[c]], 1))
        waiting += len(a)
        if waiting >= TRIPLE_BATCH:
            yield np.concatenate(pending)
            given += waiting
            pending, waiting = [], 0
            if given > MAX_TRIPLES:
                raise Crowded(f"over {MAX_TRIPLES:,} finder-square triples")
    if pending:
        yield np.concatenate(pending)


@dataclass(frozen=True)
class _Grids:
    """Per triple, ordered so that corner → first arm → second arm turns clockwise on screen: the
    corner's centre, one module's step along each arm, for a code of `side` modules."""

    corner: "np.ndarray"  # t × 2
    along_top: "np.ndarray"  # t × 2, px per module
    along_left: "np.ndarray"  # t × 2
    side: "np.ndarray"  # t

    def pixels(self, column: "np.ndarray", row: "np.ndarray", shape: tuple[int, int]) -> tuple["np.ndarray", "np.ndarray"]:
        """Pixel (y, x) indices of modules (column, row), arrays of t × k, clipped to the picture."""
        import numpy as np

        x = self.corner[:, 0, None] + (column - 3) * self.along_top[:, 0, None] + (row - 3) * self.along_left[:, 0, None]
        y = self.corner[:, 1, None] + (column - 3) * self.along_top[:, 1, None] + (row - 3) * self.along_left[:, 1, None]
        return (np.clip(np.round(y).astype(int), 0, shape[0] - 1), np.clip(np.round(x).astype(int), 0, shape[1] - 1))


def _grids(patterns: FinderPatterns, triples: "np.ndarray", version_step: int) -> _Grids:
    """Module grids of triples, the QR version estimated from arm length over module size, plus version_step."""
    import numpy as np

    xy = patterns.xy
    top, corner, left = xy[triples[:, 0]].copy(), xy[triples[:, 1]], xy[triples[:, 2]].copy()
    u, w = top - corner, left - corner
    swap = (u[:, 0] * w[:, 1] - u[:, 1] * w[:, 0]) < 0
    top[swap], left[swap] = left[swap].copy(), top[swap].copy()
    u, w = top - corner, left - corner
    arm = (np.hypot(u[:, 0], u[:, 1]) + np.hypot(w[:, 0], w[:, 1])) / 2
    version = np.clip(np.round((arm / patterns.module_px[triples].mean(1) - 10) / 4).astype(int) + version_step, 1, 40)
    side = 17 + 4 * version
    return _Grids(corner, u / (side - 7)[:, None], w / (side - 7)[:, None], side)


@functools.cache
def _format_words() -> "np.ndarray":
    """The 32 valid format words (BCH(15,5) with generator 0x537, masked with 0x5412)."""
    import numpy as np

    words = []
    for data in range(32):
        rest = data << 10
        for bit in range(14, 9, -1):
            if rest & (1 << bit):
                rest ^= 0x537 << (bit - 10)
        words.append(((data << 10) | rest) ^ 0x5412)
    return np.array(words)


@functools.cache
def _bit_counts() -> "np.ndarray":
    """The set bits of every 15-bit word."""
    import numpy as np

    words = np.arange(1 << 15, dtype=np.uint16)
    return np.unpackbits(words.astype(">u2").view(np.uint8).reshape(-1, 2), axis=1).sum(1).astype(np.int8)


#: Where the format bits sit, (column, row), most significant first (ZXing's reading order).
_FORMAT_NEAR_CORNER = ((0, 8), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (7, 8), (8, 8), (8, 7), (8, 5), (8, 4), (8, 3),
                       (8, 2), (8, 1), (8, 0))


def format_distances(patterns: FinderPatterns, triples: "np.ndarray", dark: "np.ndarray") -> tuple["np.ndarray", "np.ndarray"]:
    """Per triple, over the code as printed and mirrored and the version its size suggests or one
    either side: the fewest bits either copy of its format information differs from a valid format
    word (ZXing reads a code when this is at most 3), and the fewest bits both copies together differ
    from one format word (a real code's two copies name the same word)."""
    import numpy as np

    bit_counts, words = _bit_counts(), _format_words()
    weights = 1 << np.arange(14, -1, -1)
    count = len(triples)
    either = np.full(count, 15, np.int16)
    both = np.full(count, 30, np.int16)
    near = np.array(_FORMAT_NEAR_CORNER)
    for version_step in (0, -1, 1):
        grids = _grids(patterns, triples, version_step)
        side = grids.side[:, None]
        copies = [(np.broadcast_to(near[:, 0], (count, 15)), np.broadcast_to(near[:, 1], (count, 15))),
                  (np.concatenate([np.full((count, 7), 8), side - 8 + np.arange(8)], 1),
                   np.concatenate([side - 1 - np.arange(7), np.full((count, 8), 8)], 1))]
        for mirrored in (False, True):
            off = []
            for column, row in copies:
                ys, xs = grids.pixels(row, column, dark.shape) if mirrored else grids.pixels(column, row, dark.shape)
                word = (dark[ys, xs] * weights).sum(1)
                off.append(bit_counts[word[:, None] ^ words[None]].astype(np.int16))  # t × 32
            either = np.minimum(either, np.minimum(off[0].min(1), off[1].min(1)))
            both = np.minimum(both, (off[0] + off[1]).min(1))
    return either, both


def _inside_counts(patterns: FinderPatterns, triples: "np.ndarray") -> "np.ndarray":
    """Per triple: finder patterns other than its own three inside the code it would span."""
    import numpy as np

    xy = patterns.xy
    corner = xy[triples[:, 1]]
    u, w = xy[triples[:, 0]] - corner, xy[triples[:, 2]] - corner
    det = u[:, 0] * w[:, 1] - u[:, 1] * w[:, 0]
    rel = xy[None, :, :] - corner[:, None, :]
    s = (rel[:, :, 0] * w[:, None, 1] - rel[:, :, 1] * w[:, None, 0]) / det[:, None]
    t = (u[:, None, 0] * rel[:, :, 1] - u[:, None, 1] * rel[:, :, 0]) / det[:, None]
    return ((s > -0.05) & (s < 1.05) & (t > -0.05) & (t < 1.05)).sum(1) - 3


def plausible_triples(patterns: FinderPatterns, triples: "np.ndarray", polarity_dark: "np.ndarray") -> "np.ndarray":
    """The triples one of whose format copies is within FORMAT_MAX_DISTANCE of a valid word, best
    first (fewest bits off in both copies together, then fewest other finder patterns inside)."""
    import numpy as np

    either, both = format_distances(patterns, triples, polarity_dark)
    keep = either <= FORMAT_MAX_DISTANCE
    triples, both = triples[keep], both[keep]
    if not len(triples):
        return triples
    return triples[np.lexsort((_inside_counts(patterns, triples), both))]


def _function_patterns(side: int) -> "np.ndarray":
    """A code's fixed modules: 1 dark, 0 light, -1 data (finders with separators, timing rows)."""
    import numpy as np

    fixed = np.full((side, side), -1, np.int8)
    finder = np.zeros((9, 9), np.int8)  # with its one-module light separator
    finder[1:8, 1:8] = 1
    finder[2:7, 2:7] = 0
    finder[3:6, 3:6] = 1
    for top, left in ((-1, -1), (-1, side - 8), (side - 8, -1)):
        r0, c0, r1, c1 = max(top, 0), max(left, 0), min(top + 9, side), min(left + 9, side)
        fixed[r0:r1, c0:c1] = finder[r0 - top:r1 - top, c0 - left:c1 - left]
    k = np.arange(8, side - 8)
    fixed[6, k] = fixed[k, 6] = (k % 2 == 0)
    return fixed


def redrawn_codes(polarity_dark: "np.ndarray", patterns: FinderPatterns, triple: "np.ndarray") -> Iterator["np.ndarray"]:
    """The code a triple spans, redrawn dark on light from its sampled modules with its function
    patterns restored: for the version its size suggests, then for one either side."""
    import cv2
    import numpy as np

    for version_step in (0, -1, 1):
        grids = _grids(patterns, triple[None], version_step)
        side = int(grids.side[0])
        column, row = np.meshgrid(np.arange(side), np.arange(side))
        ys, xs = grids.pixels(column.ravel()[None], row.ravel()[None], polarity_dark.shape)
        fixed = _function_patterns(side)
        modules = np.where(fixed >= 0, fixed, polarity_dark[ys, xs].reshape(side, side))
        picture = np.full((side + 8, side + 8), 255, np.uint8)
        picture[4:-4, 4:-4] = np.where(modules > 0, 0, 255)
        yield cv2.resize(picture, None, fx=REDRAWN_MODULE_PX, fy=REDRAWN_MODULE_PX, interpolation=cv2.INTER_NEAREST)


def crop_to_code(grey: "np.ndarray", patterns: FinderPatterns, triple: "np.ndarray", fill: int) -> "np.ndarray":
    """The picture cropped to the code a triple spans (four modules of margin), everything outside
    it painted fill, with a quiet zone."""
    import cv2
    import numpy as np

    top, corner, left = (patterns.xy[i] for i in triple)
    module = float(patterns.module_px[triple].mean())
    far = top + left - corner
    u = (top - corner) / np.hypot(*(top - corner))
    w = (left - corner) / np.hypot(*(left - corner))
    margin = 4.5 * module  # a finder's centre is 3.5 modules in from the code's edge
    outline = np.array([corner - margin * (u + w), top + margin * (u - w), far + margin * (u + w), left - margin * (u - w)])
    height, width = grey.shape
    x0, y0 = np.maximum(np.floor(outline.min(0)).astype(int), 0)
    x1, y1 = np.minimum(np.ceil(outline.max(0)).astype(int), (width, height))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return np.full((8, 8), fill, np.uint8)
    crop = grey[y0:y1, x0:x1].copy()
    mask = np.zeros_like(crop)
    cv2.fillPoly(mask, [np.round(outline - (x0, y0)).astype(np.int32)], 255)
    crop[mask == 0] = fill
    quiet = int(4 * module) + 2
    return cv2.copyMakeBorder(crop, quiet, quiet, quiet, quiet, cv2.BORDER_CONSTANT, value=fill)
