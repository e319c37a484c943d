#!/usr/bin/env python3
"""Scan a labelled text corpus with the ipguard binary and print precision and
recall per text detector, with every miss and false alarm.

usage: score.py IPGUARD_BIN [CORPUS_DIR]   (default: this folder)
A finding counts when its action is review or remove."""
import collections
import json
import os
import subprocess
import sys
import tempfile

DETECTORS = ["brand_variant", "brand_mismatch", "portrait", "piracy"]


def main():
    binary = sys.argv[1]
    d = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    with tempfile.NamedTemporaryFile(suffix=".ndjson") as out:
        subprocess.run([binary, "scan", "-q", "-r", os.path.join(d, "registry.ndjson"), "-i",
                        os.path.join(d, "items.ndjson"), "-o", out.name,
                        "--detectors", ",".join(DETECTORS)], check=True)
        findings = [json.loads(l) for l in open(out.name, encoding="utf-8")]
    items = {}
    for l in open(os.path.join(d, "items.ndjson"), encoding="utf-8"):
        r = json.loads(l)
        items[r["id"]] = r.get("title") or r.get("text") or r.get("name")
    expect = {}
    for l in open(os.path.join(d, "labels.ndjson"), encoding="utf-8"):
        r = json.loads(l)
        expect[r["item"]] = (set((x["detector"], x["target"]) for x in r["expect"]), r["kind"])
    got = collections.defaultdict(dict)
    for f in findings:
        if f["action"] in ("review", "remove"):
            got[f["item"]][(f["detector"], f.get("target"))] = f
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    lines = []
    for iid, (exp, kind) in expect.items():
        g = got.get(iid, {})
        for key, f in g.items():
            if key in exp:
                tp[key[0]] += 1
            else:
                fp[key[0]] += 1
                ev = f.get("evidence", {})
                lines.append(f"FP {key[0]:14} {iid:9} {kind:24} {items[iid]} | {f['score']:.2f} "
                             f"{ev.get('text')} {ev.get('variant')} {ev.get('reasons', '')}")
        for key in exp - set(g):
            fn[key[0]] += 1
            lines.append(f"FN {key[0]:14} {iid:9} {kind:24} {items[iid]}")
    for l in sorted(lines):
        print(l)
    for det in DETECTORS:
        p = tp[det] / max(1, tp[det] + fp[det])
        r = tp[det] / max(1, tp[det] + fn[det])
        print(f"{det:15} precision {p:.3f} recall {r:.3f} (tp {tp[det]} fp {fp[det]} fn {fn[det]})")


if __name__ == "__main__":
    main()
