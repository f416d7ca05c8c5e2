"""Crop the top of a PNG without Pillow: the README's picture of the notice.

    python scripts/crop-screenshot.py docs/notice-screenshot.png docs/notice-screenshot-top.png 1400

Keeps the first HEIGHT rows of a non-interlaced 8-bit PNG. Rows are cut
before unfiltering, which is safe: a PNG row filter refers only to the row
above, so the kept rows decode exactly as in the full image.
"""

from __future__ import annotations

import struct
import sys
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def crop_top(source: bytes, height: int) -> bytes:
    assert source[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks = 8, []
    while pos < len(source):
        (size,) = struct.unpack(">I", source[pos : pos + 4])
        chunks.append((source[pos + 4 : pos + 8], source[pos + 8 : pos + 8 + size]))
        pos += 12 + size
    width, full, depth, colour, comp, filt, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if interlace or depth != 8:
        raise SystemExit("only non-interlaced 8-bit PNGs")
    pixel = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(b"".join(d for k, d in chunks if k == b"IDAT"))
    rows = raw[: (width * pixel + 1) * min(height, full)]
    out = b"\x89PNG\r\n\x1a\n" + _chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, min(height, full), depth, colour, comp, filt, 0)
    )
    out += b"".join(_chunk(k, d) for k, d in chunks[1:] if k not in (b"IDAT", b"IEND"))
    return out + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b"")


if __name__ == "__main__":
    src, dst, height = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(src, "rb") as f_in, open(dst, "wb") as f_out:
        f_out.write(crop_top(f_in.read(), height))
