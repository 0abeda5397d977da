#!/usr/bin/env python3
"""intent_eval.py: measure intent tagging the way ttydesk runs it (`ttydesk
classify --lines`: language detection, lexicons, then the English model).

1. Bitext held-out split: a model is trained on the other 80% only, into a
   scratch copy of models/, and macro-F1 is taken over the labels the data
   has (the shipped model, trained on everything, would have seen them).
2. Hand-written messages in 12 languages, accuracy per language with the
   shipped models: tests/data/intents-labelled.tsv (15 per language, the
   lexicons were written and tuned alongside it: a development score) and
   tests/data/intents-fresh.tsv (6 per language, written after the first
   lexicons and measured blind once, then used to widen them), and
   tests/data/intents-blind.tsv (6 per language, written after that and
   never tuned on: the honest score), and tests/data/intents-assist.tsv
   (15 per language, written in the assist pass before the glossary and
   the lexicon widening, measured blind first; see models/README.md).

usage: python3 tools/train/intent_eval.py [--hand] [--errors] [TTYDESK_BIN]
  --hand    only the hand-labelled tables (no ../shared data needed)
  --errors  also list each hand-labelled message tagged wrong"""
import collections
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import intent  # noqa: E402

ROOT = intent.ROOT


def classify(binary, share, texts):
    env = dict(os.environ, TTYDESK_DATADIR=share)
    out = subprocess.run([binary, "classify", "--lines"],
                         input="".join(t.replace("\n", " ") + "\n"
                                       for t in texts),
                         capture_output=True, text=True, env=env, check=True)
    return [l.split("\t") for l in out.stdout.splitlines()]


def f1_table(gold, pred, labels):
    tp, fp, fn = (collections.Counter() for _ in range(3))
    for g, p in zip(gold, pred):
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    out = {}
    for l in labels:
        pr = tp[l] / (tp[l] + fp[l]) if tp[l] + fp[l] else 0
        rc = tp[l] / (tp[l] + fn[l]) if tp[l] + fn[l] else 0
        out[l] = (2 * pr * rc / (pr + rc) if pr + rc else 0, tp[l] + fn[l])
    return out


def hand_table(binary, name, what, errors=False):
    path = os.path.join(ROOT, "tests", "data", name)
    with open(path, encoding="utf-8", newline="") as f:
        hand = list(csv.DictReader(f, delimiter="\t"))
    res = classify(binary, ROOT, [r["text"] for r in hand])
    ok, lok, tot = (collections.Counter() for _ in range(3))
    for r, (lang, _, label, _) in zip(hand, res):
        if errors and label != r["intent"]:
            print("  %s %s -> %s (%s): %s" % (r["lang"], r["intent"], label,
                                              lang, r["text"]))
        tot[r["lang"]] += 1
        ok[r["lang"]] += label == r["intent"]
        lok[r["lang"]] += lang == r["lang"]
    print("\nHand-labelled messages, tests/data/%s (%s):\n" % (name, what))
    print("| lang | intent accuracy | language detected | n |")
    print("|---|---:|---:|---:|")
    for l in list(tot) + ["all"]:
        if l == "all":
            n, a, b = sum(tot.values()), sum(ok.values()), sum(lok.values())
        else:
            n, a, b = tot[l], ok[l], lok[l]
        print("| %s | %.0f%% (%d/%d) | %.0f%% | %d |" %
              (l, 100.0 * a / n, a, n, 100.0 * b / n, n))


HAND = (("intents-labelled.tsv", "written with the lexicons; the lexicons"
         " were tuned on it"),
        ("intents-fresh.tsv", "written after the first lexicons; measured"
         " once, then tuned on"),
        ("intents-blind.tsv", "written after the second lexicon pass;"
         " measured blind, then used for the glossary pass"),
        ("intents-assist.tsv", "15 per language, written before the"
         " glossary pass and measured blind first"),
        ("intents-assist-blind.tsv", "6 per language, written after the"
         " glossary pass was frozen; never tuned on"))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    errors = "--errors" in sys.argv
    binary = args[0] if args else os.path.join(ROOT, "build", "ttydesk")
    if "--hand" in sys.argv:
        for name, what in HAND:
            hand_table(binary, name, what, errors)
        return
    rows = intent.load(intent.DATA)
    held = [r for r in rows if zlib.crc32(r[0].encode()) % 5 == 0]
    fit = [r for r in rows if zlib.crc32(r[0].encode()) % 5 != 0]
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "models"))
        for f in ("langid.bin", "intent-lexicon.txt",
                  "intent-concepts.txt"):
            shutil.copy(os.path.join(ROOT, "models", f),
                        os.path.join(tmp, "models", f))
        model = intent.train(fit)
        intent.write(model, os.path.join(tmp, "models", "intent.model"))
        pred = [r[2] for r in classify(binary, tmp, [r[1] for r in held])]
    gold = [r[2] for r in held]
    table = f1_table(gold, pred, model["labels"])
    print("Bitext held-out split: %d utterances (model trained on the other"
          " %d)\n" % (len(held), len(fit)))
    print("| label | F1 | n |\n|---|---:|---:|")
    for l, (f, n) in sorted(table.items()):
        print("| %s | %.3f | %d |" % (l, f, n))
    macro = sum(f for f, _ in table.values()) / len(table)
    print("| **macro-F1** | **%.3f** | %d |\n" % (macro, len(held)))
    wrong = collections.Counter(p for g, p in zip(gold, pred)
                                if p not in table)
    if wrong:
        print("- held-out utterances tagged with a lexicon-only label: " +
              ", ".join("%s %d" % kv for kv in wrong.most_common()) + "\n")

    for name, what in HAND:
        hand_table(binary, name, what, errors)

if __name__ == "__main__":
    main()
