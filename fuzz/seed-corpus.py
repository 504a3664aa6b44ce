#!/usr/bin/env python3
"""Writes the seeds for every target to fuzz/target/seeds/<target>/ (not
committed): the conformance vectors in tests/conformance/ and the seed page
catalog/error-codes.md. The committed, minimised corpus is fuzz/corpus/<target>/;
run.sh hands libFuzzer both folders, and new inputs go to the corpus."""
import hashlib, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)
inputs = [open(os.path.join(repo, "catalog", "error-codes.md"), encoding="utf-8").read()]
conf = os.path.join(repo, "tests", "conformance")
for name in sorted(os.listdir(conf)):
    if name.endswith(".jsonl"):
        for line in open(os.path.join(conf, name), encoding="utf-8"):
            inputs.append(json.loads(line)["input"])
for target in ["reader", "reader_text", "csv_table", "options", "pipe_table", "render"]:
    d = os.path.join(here, "target", "seeds", target)
    os.makedirs(d, exist_ok=True)
    for text in inputs:
        data = text.encode("utf-8")
        open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb").write(data)
print(f"{len(inputs)} inputs in fuzz/target/seeds/*", file=sys.stderr)
