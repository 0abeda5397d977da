#!/usr/bin/env python3
"""intent.py: train models/intent.model, the multinomial naive-Bayes word
uni+bigram model of src/core/intent.c, from the Bitext English utterances in
../shared/data/intents/ mapped to ttydesk's labels by label_map.csv.

One utterance in five (by CRC-32 of its id) is held out: the script trains
on the rest, reports macro-F1 on the held-out part with the same scoring
intent.c uses, then writes the model. Labels the data lacks come from
models/intent-lexicon.txt at run time, not from here.

usage: python3 tools/train/intent.py [DATA_DIR] [OUT]"""
import collections
import csv
import math
import os
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import textnorm  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "..", "shared", "data", "intents")
ALPHA = 0.2
MIN_COUNT = 2
MAX_FEATS = 20000


def features(text):
    """Word unigrams and bigrams of folded text, as intent.c builds them."""
    ws = textnorm.words(text)
    return ws + [a + " " + b for a, b in zip(ws, ws[1:])]


def load(d):
    mapping = {}
    with open(os.path.join(d, "label_map.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            mapping[row["bitext_intent"]] = row["label"]
    rows = []
    with open(os.path.join(d, "bitext_customer_support_en.train.csv"),
              encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rows.append((row["id"], row["text"], mapping[row["intent"]]))
    return rows


def train(rows):
    docs = collections.Counter()
    counts = collections.defaultdict(collections.Counter)
    for _, text, label in rows:
        docs[label] += 1
        counts[label].update(features(text))
    total = collections.Counter()
    for c in counts.values():
        total.update(c)
    kept = [f for f, n in total.most_common(MAX_FEATS) if n >= MIN_COUNT]
    labels = sorted(docs)
    V = len(kept)
    keep = set(kept)
    ndocs = sum(docs.values())
    model = {"labels": labels, "prior": [], "unseen": [], "feats": {}}
    for l in labels:
        n = sum(v for f, v in counts[l].items() if f in keep)
        model["prior"].append(math.log(docs[l] / ndocs))
        model["unseen"].append(math.log(ALPHA / (n + ALPHA * V)))
        for f in kept:
            model["feats"].setdefault(f, []).append(
                math.log((counts[l][f] + ALPHA) / (n + ALPHA * V)))
    return model


def predict(model, text):
    score = list(model["prior"])
    for f in features(text):
        row = model["feats"].get(f)
        if row:
            for i, v in enumerate(row):
                score[i] += round(v, 2)
    best = max(range(len(score)), key=score.__getitem__)
    return model["labels"][best]


def macro_f1(model, rows):
    tp, fp, fn = (collections.Counter() for _ in range(3))
    for _, text, label in rows:
        p = predict(model, text)
        if p == label:
            tp[label] += 1
        else:
            fp[p] += 1
            fn[label] += 1
    out = {}
    for l in model["labels"]:
        pr = tp[l] / (tp[l] + fp[l]) if tp[l] + fp[l] else 0
        rc = tp[l] / (tp[l] + fn[l]) if tp[l] + fn[l] else 0
        out[l] = 2 * pr * rc / (pr + rc) if pr + rc else 0
    return sum(out.values()) / len(out), out


def write(model, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("ttydesk-intent 1\n")
        f.write("# multinomial naive Bayes, word uni+bigrams; written by "
                "tools/train/intent.py from Bitext data (CDLA-Sharing-1.0)\n")
        f.write("labels " + " ".join(model["labels"]) + "\n")
        f.write("prior " + " ".join("%.2f" % v for v in model["prior"]) + "\n")
        f.write("unseen " + " ".join("%.2f" % v for v in model["unseen"]) +
                "\n")
        for feat, row in model["feats"].items():
            f.write("f %s\t%s\n" % (feat, " ".join("%.2f" % v for v in row)))


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else DATA
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "models",
                                                             "intent.model")
    rows = load(d)
    held = [r for r in rows if zlib.crc32(r[0].encode()) % 5 == 0]
    fit = [r for r in rows if zlib.crc32(r[0].encode()) % 5 != 0]
    model = train(fit)
    f1, per = macro_f1(model, held)
    print("intent: held-out %d of %d utterances, macro-F1 %.3f" %
          (len(held), len(rows), f1))
    for l, v in sorted(per.items()):
        print("  %-18s F1 %.3f" % (l, v))
    # The shipped model is trained on everything once the split measured it.
    model = train(rows)
    write(model, out)
    print("intent: %d features -> %s (%d bytes)" %
          (len(model["feats"]), out, os.path.getsize(out)))


if __name__ == "__main__":
    main()
