#!/usr/bin/env python3
"""Check the practice stories in this folder.

Run from anywhere: python3 content/stories/check.py
Needs PyYAML; uses jsonschema for story.schema.json when it is installed.
Exit code 0 when every story passes, 1 otherwise. what/cost/result must read at B1 (Flesch-Douma 60+,
no Dutch sentence over 20 words); sentences over 15 words and hard company lines are warnings.
"""
import json
import pathlib
import re
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
SCHEMA = json.loads((HERE / "story.schema.json").read_text(encoding="utf-8"))
INTERVENTIONS = set(SCHEMA["properties"]["interventions"]["items"]["enum"])
SIZES = set(SCHEMA["properties"]["size"]["enum"])
SECTORS = {chr(c) for c in range(ord("A"), ord("U") + 1)}
FIELDS = list(SCHEMA["required"])
TEXTS = ["title", "company", "what", "cost", "result"]
HEADER = "# yaml-language-server: $schema=story.schema.json"
SEEDS = HERE.parents[2] / "shared" / "seeds"  # shared/seeds next to the repository, when present

# Sentence counts the brief asks for (Dutch text).
SENTENCES = {"what": (3, 6), "cost": (1, 2), "result": (1, 3)}
MAX_WORDS = 20          # hard limit per Dutch sentence (the instruments' rule)
AIM_WORDS = 15          # aim; longer sentences are reported as warnings
MIN_FLESCH_DOUMA = 60   # B1, same threshold as src/Leerrijk.Scoring/Instruments/Readability.cs

VOWELS = "aeiouyáéíóúàèìòùâêîôûäëïöü"
DIAERESES = "äëïöü"


def sentences(text):
    # A full stop between digits (€ 2.000) does not end a sentence.
    parts = re.split(r"(?<!\d)[.?!]+(?=\s|$)|(?<=\d)[.?!]+(?=\s|$)", text.strip())
    return [p.strip() for p in parts if p.strip()]


def words(text):
    out = []
    for w in text.split():
        w = "".join(c for c in w if c.isalnum())
        if w:
            out.append(w)
    return out


def syllables(word):
    count, in_group = 0, False
    for c in word.lower():
        vowel = c in VOWELS
        if vowel and (not in_group or c in DIAERESES):
            count += 1
        in_group = vowel
    return max(1, count)


def flesch_douma(text):
    ws = words(text)
    if not ws:
        return 0.0
    n_sent = max(1, len(sentences(text)))
    syl = sum(syllables(w) for w in ws)
    return 206.835 - 0.93 * len(ws) / n_sent - 77.0 * syl / len(ws)


def check(path):
    errors, warnings = [], []
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith(HEADER):
        errors.append(f"first line must be '{HEADER}'")
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as e:
        return [f"does not parse: {e}"], warnings
    if not isinstance(data, dict):
        return ["top level must be a mapping"], warnings

    try:
        import jsonschema

        for err in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data):
            where = "/".join(str(p) for p in err.absolute_path) or "(top)"
            errors.append(f"schema: {where}: {err.message}")
    except ImportError:
        pass

    missing = [f for f in FIELDS if f not in data]
    if missing:
        errors.append(f"missing fields: {', '.join(missing)}")
    extra = [k for k in data if k not in SCHEMA["properties"]]
    if extra:
        errors.append(f"unknown fields: {', '.join(extra)}")
    if data.get("slug") != path.stem:
        errors.append(f"slug '{data.get('slug')}' differs from file name '{path.stem}'")
    if data.get("size") not in SIZES:
        errors.append(f"size must be one of {sorted(SIZES)}")
    if data.get("sector") is not None and data.get("sector") not in SECTORS:
        errors.append("sector must be an SBI letter A..U or null")
    if not isinstance(data.get("estimate"), bool):
        errors.append("estimate must be true or false")
    ivs = data.get("interventions") or []
    if not 1 <= len(ivs) <= 4:
        errors.append("interventions: 1 to 4 items")
    for iv in ivs:
        if iv not in INTERVENTIONS:
            errors.append(f"unknown intervention '{iv}'")
    if len(set(ivs)) != len(ivs):
        errors.append("interventions: duplicates")
    src = data.get("source") or {}
    if SEEDS.is_dir() and src.get("file") and not (SEEDS / src["file"]).is_file():
        errors.append(f"source file '{src['file']}' not found in {SEEDS}")

    for field in TEXTS:
        value = data.get(field)
        if not isinstance(value, dict):
            continue
        for lang in ("nl", "en"):
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                errors.append(f"{field}.{lang} is empty")
        nl = value.get("nl") or ""
        if field in SENTENCES:
            lo, hi = SENTENCES[field]
            n = len(sentences(nl))
            if not lo <= n <= hi:
                errors.append(f"{field}.nl has {n} sentences; expected {lo}-{hi}")
        for s in sentences(nl):
            n = len(words(s))
            if n > MAX_WORDS:
                errors.append(f"{field}.nl sentence of {n} words (max {MAX_WORDS}): {s[:60]}...")
            elif n > AIM_WORDS:
                warnings.append(f"{field}.nl sentence of {n} words (aim {AIM_WORDS}): {s[:60]}...")
        fd = flesch_douma(nl)
        if field in SENTENCES and fd < MIN_FLESCH_DOUMA:
            errors.append(f"{field}.nl Flesch-Douma {fd:.1f} (min {MIN_FLESCH_DOUMA})")
        elif field == "company" and fd < MIN_FLESCH_DOUMA:
            # Names of initiatives and places pull the score down; report, don't fail.
            warnings.append(f"{field}.nl Flesch-Douma {fd:.1f} (names lower it; keep the rest simple)")
    return errors, warnings


def main():
    files = sorted(HERE.glob("*.yaml"))
    failed = 0
    for path in files:
        errors, warnings = check(path)
        for w in warnings:
            print(f"warning {path.name}: {w}")
        for e in errors:
            print(f"ERROR   {path.name}: {e}")
        failed += bool(errors)
    print(f"{len(files)} stories, {failed} with errors")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main())
