#!/usr/bin/env python3
"""langid_eval.py: accuracy per language of ttydesk's language detection
(`ttydesk classify --lines`) against libexttextcat (Debian's
libexttextcat-2.0-0 + libexttextcat-data, through ctypes) on the held-out
tenth of ../shared/data/langid/langid_train.tsv that tools/train/langid.py
never trains on, on whole sentences and on their first 20 characters.
"unknown" counts as wrong. Prints the Markdown table of models/README.md.

libexttextcat is used here only, never by ttydesk. It is restricted to the
same 19 languages so that both pick among the same answers.

usage: python3 tools/train/langid_eval.py [TTYDESK_BIN] [DATA_TSV]"""
import collections
import ctypes
import ctypes.util
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import langid  # noqa: E402

ROOT = langid.ROOT
TEXTCAT_DIR = "/usr/share/libexttextcat/"
TEXTCAT_FP = {"zh": "zh-Hans.lm  zh-CN-utf8"}


def ours(binary, texts):
    env = dict(os.environ, TTYDESK_DATADIR=ROOT)
    t0 = time.monotonic()
    out = subprocess.run([binary, "classify", "--lines"],
                         input="".join(t.replace("\n", " ") + "\n"
                                       for t in texts),
                         capture_output=True, text=True, env=env, check=True)
    dt = time.monotonic() - t0
    return [l.split("\t")[0] for l in out.stdout.splitlines()], dt


def textcat(langs, texts):
    lib = ctypes.util.find_library("exttextcat-2.0") or \
        "libexttextcat-2.0.so.0"
    try:
        tc = ctypes.CDLL(lib)
    except OSError:
        return None, 0
    tc.special_textcat_Init.restype = ctypes.c_void_p
    tc.special_textcat_Init.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    tc.textcat_Classify.restype = ctypes.c_char_p
    tc.textcat_Classify.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                    ctypes.c_size_t]
    with tempfile.NamedTemporaryFile("w", suffix=".conf",
                                     delete=False) as f:
        for l in langs:
            f.write(TEXTCAT_FP.get(l, "%s.lm  %s--utf8" % (l, l)) + "\n")
        conf = f.name
    h = tc.special_textcat_Init(conf.encode(), TEXTCAT_DIR.encode())
    os.unlink(conf)
    if not h:
        return None, 0
    res = []
    t0 = time.monotonic()
    for t in texts:
        b = t.encode("utf-8")
        r = tc.textcat_Classify(h, b, len(b)).decode()
        # "[en--utf8]" when sure, "[en--utf8][fr--utf8]" (best first)
        # when torn, "SHORT" or "UNKNOWN" otherwise: score its best.
        if r.startswith("["):
            res.append(r[1:].split("]")[0].split("-")[0])
        else:
            res.append("unknown")
    dt = time.monotonic() - t0
    return res, dt


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "build", "ttydesk")
    data = sys.argv[2] if len(sys.argv) > 2 else langid.DATA
    rows = [r for r in langid.load(data) if langid.is_heldout(r[1])]
    langs = sorted({l for l, _ in rows})
    cols = []
    for name, cut in (("sentences", None), ("20 chars", 20)):
        texts = [t if cut is None else t[:cut] for _, t in rows]
        o, dt = ours(binary, texts)
        cols.append(("ttydesk " + name, o, dt))
        t, dt = textcat(langs, texts)
        if t is not None:
            cols.append(("exttextcat " + name, t, dt))
    print("Held out: %d sentences (%s)\n" % (len(rows), ", ".join(
        "%s %d" % (l, n) for l, n in sorted(collections.Counter(
            l for l, _ in rows).items()))))
    print("| lang | " + " | ".join(c[0] for c in cols) + " |")
    print("|---|" + "---:|" * len(cols))
    for lang in langs + ["all"]:
        cells = []
        for _, pred, _ in cols:
            pairs = [(g, p) for (g, _), p in zip(rows, pred)
                     if lang == "all" or g == lang]
            ok = sum(g == p for g, p in pairs)
            cells.append("%.1f%%" % (100.0 * ok / len(pairs)))
        print("| %s | %s |" % (lang, " | ".join(cells)))
    print()
    for name, pred, dt in cols:
        unk = sum(p == "unknown" for p in pred)
        print("- %s: %d unknown, %.1f us/sentence (whole run, incl. start-up)"
              % (name, unk, 1e6 * dt / len(pred)))
    conf = collections.Counter((g, p) for (g, _), p in zip(rows, cols[0][1])
                               if g != p)
    print("- ttydesk's commonest mistakes on sentences: " + ", ".join(
        "%s->%s %d" % (g, p, n) for (g, p), n in conf.most_common(6)))


if __name__ == "__main__":
    main()
