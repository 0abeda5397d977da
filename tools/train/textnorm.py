"""textnorm.py: the text folding and feature hashing that src/core/langid.c
and src/core/intent.c do, written again in Python for the training scripts.
Any change here must be made there too; tests/unit/test_langid.c pins the
hash of a few strings so that a drift shows up."""

# Scripts, as src/core/langid.c numbers them.
LATIN, CYRILLIC, ARABIC, DEVANAGARI, THAI, HANGUL, KANA, HAN = range(1, 9)


def script_of(c):
    """The script of code point c, 0 when it is not a letter."""
    if c < 0x80:
        return LATIN if (0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A) else 0
    if 0xC0 <= c <= 0x24F:
        return 0 if c in (0xD7, 0xF7) else LATIN
    if 0x300 <= c <= 0x36F or 0x1E00 <= c <= 0x1EFF:
        return LATIN
    if 0x400 <= c <= 0x4FF:
        return CYRILLIC
    if 0x600 <= c <= 0x6FF:
        if c in (0x60C, 0x61B, 0x61F) or 0x660 <= c <= 0x66D \
                or 0x6F0 <= c <= 0x6F9 or c == 0x640:
            return 0
        return ARABIC
    if 0x750 <= c <= 0x77F or 0xFB50 <= c <= 0xFDFF or 0xFE70 <= c <= 0xFEFF:
        return ARABIC
    if 0x900 <= c <= 0x97F:
        return 0 if 0x964 <= c <= 0x96F else DEVANAGARI
    if 0xE00 <= c <= 0xE7F:
        return 0 if (0xE50 <= c <= 0xE59 or c == 0xE3F) else THAI
    if 0x1100 <= c <= 0x11FF or 0x3130 <= c <= 0x318F \
            or 0xAC00 <= c <= 0xD7AF:
        return HANGUL
    if 0x3040 <= c <= 0x30FF or 0x31F0 <= c <= 0x31FF \
            or 0xFF66 <= c <= 0xFF9F:
        return 0 if c in (0x30FB,) else KANA
    if 0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF \
            or 0xF900 <= c <= 0xFAFF:
        return HAN
    return 0


def fold(c):
    """Lower-case the Latin letters the 19 languages use; others unchanged."""
    if 0x41 <= c <= 0x5A:
        return c + 32
    if 0xC0 <= c <= 0xDE and c != 0xD7:
        return c + 32
    if c == 0x130:
        return 0x69
    if (0x100 <= c <= 0x137 or 0x14A <= c <= 0x177) and c % 2 == 0:
        return c + 1
    if (0x139 <= c <= 0x148 or 0x179 <= c <= 0x17E) and c % 2 == 1:
        return c + 1
    if c == 0x178:
        return 0xFF
    if c in (0x1A0, 0x1AF):
        return c + 1
    if 0x1E00 <= c <= 0x1EFF and c % 2 == 0:
        return c + 1
    return c


def words(text):
    """The folded letter runs of text, as strings."""
    out, cur = [], []
    for ch in text:
        c = ord(ch)
        if script_of(c):
            cur.append(chr(fold(c)))
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def fnv1a(data):
    h = 0x811C9DC5
    for b in data:
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def langid_features(text):
    """Hashes of the 1-4 character n-grams of ' w1 w2 ... ' and of each
    word (prefixed with byte 1), as langid.c computes them."""
    ws = words(text)
    feats = []
    if not ws:
        return feats
    seq = " " + " ".join(ws) + " "
    n = len(seq)
    for i in range(n):
        for k in range(1, 5):
            if i + k > n:
                break
            g = seq[i:i + k]
            if g == " ":
                continue
            feats.append(fnv1a(g.encode("utf-8")))
    for w in ws:
        feats.append(fnv1a(b"\x01" + w.encode("utf-8")))
    return feats
