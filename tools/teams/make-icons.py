#!/usr/bin/env python3
"""Draws the Teams app icons into manifests/ (standard library only, deterministic output).

  color.png    192x192 full colour: a white chat bubble holding a bar chart on the accent colour
  outline.png  32x32 white on transparent: the same bubble as an outline, bars filled

usage: python3 tools/teams/make-icons.py [OUT_DIR]    (default: <repo>/manifests)
"""
import os
import struct
import sys
import zlib

ACCENT = (0x1F, 0x6F, 0xEB)  # keep in step with accentColor in manifests/manifest.json
WHITE = (255, 255, 255)
SUB = 4  # 4x4 supersampling per pixel for anti-aliased edges


def png_bytes(width, height, rgba_rows):
    """Encodes rows of (r, g, b, a) tuples as an 8-bit RGBA PNG."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = bytearray()
    for row in rgba_rows:
        raw.append(0)  # filter type None
        for px in row:
            raw.extend(px)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def in_round_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_triangle(x, y, a, b, c):
    def side(p, q):
        return (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    neg = d1 < 0 or d2 < 0 or d3 < 0
    pos = d1 > 0 or d2 > 0 or d3 > 0
    return not (neg and pos)


def coverage(size, inside):
    """Fraction of each pixel covered by the shape `inside(x, y)`, as a size x size grid."""
    grid = []
    for py in range(size):
        row = []
        for px in range(size):
            hits = 0
            for sy in range(SUB):
                for sx in range(SUB):
                    if inside(px + (sx + 0.5) / SUB, py + (sy + 0.5) / SUB):
                        hits += 1
            row.append(hits / (SUB * SUB))
        grid.append(row)
    return grid


def color_icon():
    size = 192
    bars = [(62, 92), (86, 74), (110, 56)]  # (left x, top y); each bar 20 wide, bottom at 116

    def bubble(x, y):
        return (in_round_rect(x, y, 36, 40, 156, 132, 18)
                or in_triangle(x, y, (54, 128), (86, 128), (48, 160)))

    def bar(x, y):
        return any(left <= x <= left + 20 and top <= y <= 116 for left, top in bars)

    cover_bubble = coverage(size, bubble)
    cover_bar = coverage(size, bar)
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            # accent background, white bubble on top, accent bars on top of the bubble
            w = cover_bubble[y][x] * (1 - cover_bar[y][x])
            row.append(tuple(round(ACCENT[i] * (1 - w) + WHITE[i] * w) for i in range(3)) + (255,))
        rows.append(row)
    return size, rows


def outline_icon():
    size = 32
    bars = [(8, 16), (14, 12), (20, 8)]  # (left x, top y); each bar 4 wide, bottom at 19

    def shape(x, y):
        outer = in_round_rect(x, y, 3, 4, 29, 23, 5)
        inner = in_round_rect(x, y, 5, 6, 27, 21, 3)
        tail = in_triangle(x, y, (7, 21), (13, 21), (6, 28))
        bar = any(left <= x <= left + 4 and top <= y <= 19 for left, top in bars)
        return (outer and not inner) or tail or bar

    cover = coverage(size, shape)
    # white everywhere, shape coverage in alpha: only white or transparent pixels
    rows = [[WHITE + (round(255 * cover[y][x]),) for x in range(size)] for y in range(size)]
    return size, rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "manifests")
    os.makedirs(out, exist_ok=True)
    for name, make in (("color.png", color_icon), ("outline.png", outline_icon)):
        size, rows = make()
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(png_bytes(size, size, rows))
        print(f"wrote {os.path.normpath(path)} ({size}x{size})")


if __name__ == "__main__":
    main()
