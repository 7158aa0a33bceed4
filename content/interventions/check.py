#!/usr/bin/env python3
"""Check the menukaart files in this folder.

Usage:  python3 content/interventions/check.py [--seeds DIR] [--coverage]

Needs PyYAML; uses jsonschema for intervention.schema.json when it is installed.
Errors (exit code 1):
  - a file does not parse, or breaks intervention.schema.json
  - slug differs from the file name, or is used twice
  - a text misses nl or en, or is empty
  - steps are not 3 to 5; sizes or sectors hold an unknown value
  - an instrument id or dimension id does not exist in content/instruments
  - a Dutch sentence has more than 20 words
  - (with --seeds) a run of 8 or more words is copied from a source document
Warnings: a promise, why or step below Flesch-Douma 60 (the same formula as Readability.cs),
a text averaging more than 15 words per sentence, a why outside 2-4 sentences, or a step with more than
one sentence.
--coverage lists, per instrument, how many interventions strengthen each dimension.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
INSTRUMENTS = os.path.join(HERE, "..", "instruments")
SIZES = {"micro", "small", "medium"}
SECTORS = set("ABCDEFGHIJKLMNOPQRSTU")
KEYS = ["slug", "title", "promise", "why", "steps", "effort", "sizes", "sectors", "dimensions"]
TEXT_FIELDS = ["title", "promise", "why"]
VOWELS = "aeiouyáéíóúàèìòùâêîôûäëïöü"
DIAERESES = "äëïöü"


def words(text: str) -> list[str]:
    out = []
    for w in text.split():
        w = "".join(c for c in w if c.isalnum())
        if w:
            out.append(w)
    return out


def syllables(word: str) -> int:
    count, in_group = 0, False
    for c in word.lower():
        vowel = c in VOWELS
        if vowel and (not in_group or c in DIAERESES):
            count += 1
        in_group = vowel
    return max(1, count)


def flesch_douma(text: str) -> float:
    ws = words(text)
    if not ws:
        return 0.0
    sentences = max(1, sum(text.count(c) for c in ".?!"))
    return 206.835 - 0.93 * len(ws) / sentences - 77.0 * sum(map(syllables, ws)) / len(ws)


def sentences(text: str) -> list[str]:
    # A sentence ends at . ? or ! followed by a space and a capital (or the end). Quoted questions
    # inside a sentence ('Wat wil je leren?' en ...) therefore do not split it.
    parts = re.split(r"(?<=[.?!])['\u2019\"]?\s+(?=[A-Z\u00C0-\u00DD'])", text.strip())
    return [p for p in parts if words(p)]


def load_instruments() -> dict[str, set[str]]:
    result = {}
    for path in sorted(glob.glob(os.path.join(INSTRUMENTS, "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
        result[data["id"]] = {d["id"] for d in data.get("dimensions", [])}
    return result


def seed_shingles(seed_dir: str, n: int) -> set[tuple[str, ...]]:
    shingles: set[tuple[str, ...]] = set()
    for path in glob.glob(os.path.join(seed_dir, "*.txt")):
        with open(path, encoding="utf-8", errors="replace") as f:
            ws = [w.lower() for w in words(f.read())]
        shingles.update(tuple(ws[i:i + n]) for i in range(len(ws) - n + 1))
    return shingles


def texts(doc: dict):
    for field in TEXT_FIELDS:
        yield field, doc.get(field)
    for i, step in enumerate(doc.get("steps") or []):
        yield f"steps[{i}]", step


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", help="folder with the source .txt files, to check nothing is copied")
    parser.add_argument("--coverage", action="store_true", help="print dimension coverage per instrument")
    args = parser.parse_args()

    errors: list[str] = []
    warnings: list[str] = []
    instruments = load_instruments()

    validator = None
    try:
        import jsonschema  # type: ignore

        with open(os.path.join(HERE, "intervention.schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
    except ImportError:
        warnings.append("jsonschema not installed: schema check skipped (the checks below still run)")

    shingle_n = 8
    shingles = seed_shingles(args.seeds, shingle_n) if args.seeds else set()

    files = sorted(glob.glob(os.path.join(HERE, "*.yaml")))
    slugs: dict[str, str] = {}
    coverage = {iid: {d: [] for d in dims} for iid, dims in instruments.items()}
    nl_sentence_lengths: list[int] = []

    for path in files:
        name = os.path.basename(path)
        stem = name[: -len(".yaml")]
        try:
            with open(path, encoding="utf-8") as f:
                raw = f.read()
            doc = yaml.safe_load(raw)
        except yaml.YAMLError as e:
            errors.append(f"{name}: does not parse: {e}")
            continue
        if not isinstance(doc, dict):
            errors.append(f"{name}: top level must be a mapping")
            continue
        if not raw.startswith("# yaml-language-server: $schema=intervention.schema.json"):
            warnings.append(f"{name}: first line should be the yaml-language-server schema comment")

        if validator is not None:
            for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
                where = "/".join(str(p) for p in err.path) or "(top)"
                errors.append(f"{name}: {where}: {err.message}")

        missing = [k for k in KEYS if k not in doc]
        extra = [k for k in doc if k not in KEYS]
        if missing:
            errors.append(f"{name}: missing keys {missing}")
        if extra:
            errors.append(f"{name}: unknown keys {extra}")

        slug = doc.get("slug")
        if slug != stem:
            errors.append(f"{name}: slug '{slug}' must equal the file name '{stem}'")
        if slug in slugs:
            errors.append(f"{name}: slug '{slug}' also used in {slugs[slug]}")
        slugs[str(slug)] = name

        steps = doc.get("steps")
        if not isinstance(steps, list) or not 3 <= len(steps) <= 5:
            errors.append(f"{name}: steps must be a list of 3 to 5")

        for field, text in texts(doc):
            if not isinstance(text, dict):
                errors.append(f"{name}: {field} must have nl and en")
                continue
            for lang in ("nl", "en"):
                value = text.get(lang)
                if not isinstance(value, str) or not value.strip():
                    errors.append(f"{name}: {field}.{lang} is missing or empty")
            nl = text.get("nl")
            if not isinstance(nl, str):
                continue
            sents = sentences(nl)
            for s in sents:
                n = len(words(s))
                nl_sentence_lengths.append(n)
                if n > 20:
                    errors.append(f"{name}: {field}.nl has a sentence of {n} words: {s!r}")
            if sents and field != "title":
                avg = sum(len(words(s)) for s in sents) / len(sents)
                if avg > 15:
                    warnings.append(f"{name}: {field}.nl averages {avg:.1f} words per sentence")
            score = flesch_douma(nl)
            if field != "title" and score < 60:
                warnings.append(f"{name}: {field}.nl Flesch-Douma {score:.0f} (< 60): {nl!r}")
            if field == "why" and not 2 <= len(sents) <= 4:
                warnings.append(f"{name}: why.nl has {len(sents)} sentences; aim for 2 to 4")
            if field.startswith("steps") and len(sents) > 1:
                warnings.append(f"{name}: {field}.nl has {len(sents)} sentences; a step should be one")
            if shingles:
                for lang in ("nl", "en"):
                    ws = [w.lower() for w in words(text.get(lang) or "")]
                    for i in range(len(ws) - shingle_n + 1):
                        if tuple(ws[i:i + shingle_n]) in shingles:
                            errors.append(f"{name}: {field}.{lang} copies source words: {' '.join(ws[i:i + shingle_n])!r}")
                            break

        effort = doc.get("effort") or {}
        for k in ("hours", "euros"):
            v = effort.get(k) if isinstance(effort, dict) else None
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                errors.append(f"{name}: effort.{k} must be a whole number of 0 or more")

        sizes = doc.get("sizes")
        if not isinstance(sizes, list) or not sizes or not set(sizes) <= SIZES or len(set(sizes)) != len(sizes):
            errors.append(f"{name}: sizes must be a non-empty list of {sorted(SIZES)} without repeats")
        sectors = doc.get("sectors")
        if not isinstance(sectors, list) or not set(sectors) <= SECTORS:
            errors.append(f"{name}: sectors must be a list of SBI section letters A-U")

        dims = doc.get("dimensions")
        if not isinstance(dims, dict) or "leerrijk-teamscan" not in dims:
            errors.append(f"{name}: dimensions must name leerrijk-teamscan")
        for iid, ids in (dims or {}).items():
            if iid not in instruments:
                errors.append(f"{name}: unknown instrument '{iid}' (known: {sorted(instruments)})")
                continue
            if not isinstance(ids, list) or not ids:
                errors.append(f"{name}: dimensions.{iid} must be a non-empty list")
                continue
            if len(set(ids)) != len(ids):
                errors.append(f"{name}: dimensions.{iid} repeats an id")
            for d in ids:
                if d not in instruments[iid]:
                    errors.append(f"{name}: '{d}' is not a dimension of {iid} (known: {sorted(instruments[iid])})")
                else:
                    coverage[iid][d].append(stem)

    uncovered = [f"{iid}/{d}" for iid, ds in coverage.items() for d, users in ds.items() if not users]
    if uncovered:
        warnings.append(f"dimensions no intervention strengthens: {uncovered}")

    if args.coverage:
        for iid, ds in coverage.items():
            print(f"{iid}:")
            for d, users in ds.items():
                print(f"  {d:32} {len(users):2}  {', '.join(users)}")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    avg = sum(nl_sentence_lengths) / len(nl_sentence_lengths) if nl_sentence_lengths else 0
    print(f"{len(files)} interventions, {len(errors)} errors, {len(warnings)} warnings; "
          f"Dutch sentences average {avg:.1f} words (longest {max(nl_sentence_lengths, default=0)})")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
