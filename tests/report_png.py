"""A minimal PNG decoder (8-bit RGB/RGBA, non-interlaced: what Chromium writes) for pixel checks of
screenshots, so the tests need no imaging library."""

from __future__ import annotations

import struct
import zlib

import numpy as np


def decode_png(data: bytes) -> np.ndarray:
    """(height, width, channels) uint8 array of a PNG (PNG specification, ISO/IEC 15948, §9 filters)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, chunks, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    channels = 3 if colour == 2 else 4
    raw = np.frombuffer(zlib.decompress(b"".join(chunks)), dtype=np.uint8)
    stride = width * channels
    rows = raw.reshape(height, stride + 1)
    out = np.zeros((height, stride), dtype=np.int32)
    previous = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind, line = rows[y, 0], rows[y, 1:].astype(np.int32)
        if kind == 0:
            current = line
        elif kind == 1:
            current = line.copy()
            for x in range(channels, stride):
                current[x] = (current[x] + current[x - channels]) & 255
        elif kind == 2:
            current = (line + previous) & 255
        elif kind == 3:
            current = line.copy()
            for x in range(stride):
                left = current[x - channels] if x >= channels else 0
                current[x] = (current[x] + ((left + previous[x]) >> 1)) & 255
        elif kind == 4:
            current = line.copy()
            for x in range(stride):
                a = current[x - channels] if x >= channels else 0
                b = previous[x]
                c = previous[x - channels] if x >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                current[x] = (current[x] + pred) & 255
        else:
            raise ValueError(f"bad filter {kind}")
        out[y] = current
        previous = current
    return out.reshape(height, width, channels).astype(np.uint8)
