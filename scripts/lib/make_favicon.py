"""Writes Sources/JiujinbanApp/Assets/static/favicon.ico: the header's red with a white map pin's dot, 16 and 32 px,
each a PNG inside the ICO container (no image library needed). Run again only to change the icon."""
import os
import struct
import zlib

RED = (0xB2, 0x22, 0x22, 0xFF)
WHITE = (0xFF, 0xFF, 0xFF, 0xFF)
CLEAR = (0, 0, 0, 0)


def pixel(x, y, size):
    # A rounded square of the header's red, with a white ring and dot: a service point on the map.
    r = size * 0.18
    inside = True
    for cx, cy in ((r, r), (size - r, r), (r, size - r), (size - r, size - r)):
        if (x < r or x > size - r) and (y < r or y > size - r):
            inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r if abs(x + 0.5 - cx) <= r and abs(y + 0.5 - cy) <= r else inside
    if not inside:
        return CLEAR
    d = ((x + 0.5 - size / 2) ** 2 + (y + 0.5 - size / 2) ** 2) ** 0.5
    if d <= size * 0.14 or size * 0.26 <= d <= size * 0.36:
        return WHITE
    return RED


def png(size):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def ico(sizes):
    images = [png(s) for s in sizes]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, image in zip(sizes, images):
        out += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return out + b"".join(images)


if __name__ == "__main__":
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(repo, "Sources", "JiujinbanApp", "Assets", "static", "favicon.ico")
    with open(path, "wb") as f:
        f.write(ico([16, 32]))
    print(f"wrote {path}")
