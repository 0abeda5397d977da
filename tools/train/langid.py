#!/usr/bin/env python3
"""langid.py: train models/langid.bin, the naive-Bayes character n-gram model
of src/core/langid.c, from ../shared/data/langid/langid_train.tsv.

Only Latin-script languages go into the model: the others are told apart by
their script alone (langid.c). One sentence in ten (by CRC-32 of the text)
is held out for tools/train/langid_eval.py and never trained on.

The model keeps hashed n-gram counts turned into log-probabilities, not
text: no sentence can be read back out of it (see models/README.md on the
Leipzig licence).

usage: python3 tools/train/langid.py [DATA_TSV] [OUT]"""
import collections
import csv
import math
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import textnorm  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "..", "shared", "data", "langid", "langid_train.tsv")
LATIN_LANGS = ["en", "es", "de", "fr", "pt", "it", "tr", "id", "ms", "vi",
               "nl", "pl"]
TOP_NGRAMS = 10000       # per language
TOP_WORDS = 10000        # per language
ALPHA = 0.5
QSCALE = 10             # stored byte = round(-log p * QSCALE)


def is_heldout(text):
    return zlib.crc32(text.encode("utf-8")) % 10 == 0


def load(path):
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.DictReader(f, delimiter="\t")
        return [(row["lang"], row["text"]) for row in r]


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DATA
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "models",
                                                             "langid.bin")
    rows = [r for r in load(src) if r[0] in LATIN_LANGS and
            not is_heldout(r[1])]
    counts = {l: collections.Counter() for l in LATIN_LANGS}
    wordset = set()
    for lang, text in rows:
        for w in textnorm.words(text):
            wordset.add(textnorm.fnv1a(b"\x01" + w.encode("utf-8")))
        counts[lang].update(textnorm.langid_features(text))
    vocab = set()
    for c in counts.values():
        vocab.update(c)
    keep = set()
    for lang, c in counts.items():
        grams = [(n, h) for h, n in c.items() if h not in wordset]
        wds = [(n, h) for h, n in c.items() if h in wordset]
        keep.update(h for _, h in sorted(grams, reverse=True)[:TOP_NGRAMS])
        keep.update(h for _, h in sorted(wds, reverse=True)[:TOP_WORDS])
    feats = sorted(keep)
    V = len(vocab)
    totals = {l: sum(c.values()) for l, c in counts.items()}

    def q(lang, n):
        lp = math.log((n + ALPHA) / (totals[lang] + ALPHA * V))
        return max(0, min(255, round(-lp * QSCALE)))

    blob = bytearray()
    blob += b"TDLANGID"
    blob += struct.pack("<IIII", 1, len(LATIN_LANGS), len(feats), QSCALE)
    for l in LATIN_LANGS:
        blob += l.encode("ascii").ljust(4, b"\0")
    blob += struct.pack("<%dI" % len(feats), *feats)
    for h in feats:
        blob += bytes(q(l, counts[l][h]) for l in LATIN_LANGS)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "wb") as f:
        f.write(blob)
    print("langid: %d sentences, %d languages, %d of %d features, %d bytes"
          " -> %s" % (len(rows), len(LATIN_LANGS), len(feats), V, len(blob),
                      out))


if __name__ == "__main__":
    main()
