#!/usr/bin/env python3
"""Builds Knowledge/lexicon/lexicon.tsv: every Dutch word form Routewijzer knows, with its lemma.

Sources (both from OpenTaal, Revised BSD and/or CC BY 3.0, see LICENSE.txt beside this script):
  - the Hunspell dictionary (Debian package hunspell-nl): /usr/share/hunspell/nl.dic and nl.aff
  - the word list (Debian package wdutch): /usr/share/dict/dutch
and sterke-werkwoorden.tsv beside this script (strong and irregular verbs, written for this project).

Output: one line per folded word form, sorted by UTF-8 bytes, either `form` (a word whose lemma is
itself) or `form<TAB>lemma`. Folding is Routewijzer's own (TextNormalizer): lower case, Latin
diacritics removed, apostrophes dropped; forms with anything but a-z are left out.

How lemmas are found:
  1. Inflections the Hunspell affix file tags (ts:NN2 plural, NN1r/NN2r diminutive, AJ* adjective
     forms, VB3/VBh* verb forms, PP* present participles, VBpe inflected participle) point to the
     dictionary entry they were made from.
  2. Regular verbs: from every infinitive, the stem is worked out (vowel doubling, v->f, z->s, double
     consonants) and its forms are made (stem+t, stem+te/de(n), ge+stem+t/d, infinitive+d(e));
     a form is kept only when the word list or the dictionary has it.
  3. Strong verbs from sterke-werkwoorden.tsv, also behind separable particles and inseparable
     prefixes (afslaan: afgeslagen, sloeg af → sloeg), again only forms the word list has.
Run: python3 Knowledge/lexicon/generate.py   (needs: apt-get install hunspell-nl wdutch)
"""
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
AFF = "/usr/share/hunspell/nl.aff"
DIC = "/usr/share/hunspell/nl.dic"
WORDLIST = "/usr/share/dict/dutch"
STRONG = os.environ.get("STRONG_VERBS", os.path.join(HERE, "sterke-werkwoorden.tsv"))
OUTPUT = os.path.join(HERE, "lexicon.tsv")

INFLECTION_TAGS = re.compile(r"^(NN2|NN1r|NN2r|NN1d|NN2d|AJ\w*|VB3|VBh1?|VBpe|PP[ne])$")
SEPARABLE = ["aaneen", "achterover", "achter", "terug", "samen", "tegen", "thuis", "voorbij", "aan", "af", "bij",
             "door", "in", "los", "mee", "na", "om", "onder", "op", "over", "toe", "uit", "vast", "voor", "weg",
             "dicht", "open", "neer", "mis", "rond", "vrij"]
INSEPARABLE = ["be", "ge", "her", "ont", "ver", "er", "mis", "over", "onder", "door", "achter", "vol", "weer"]
VOWELS = set("aeiou")
NOUN_FLAGS = {"Ca", "Cc"}  # COMPOUNDBEGIN, COMPOUNDEND: the marks of a noun entry


def fold(word):
    """Routewijzer's folding: NFD, drop combining marks, lower case, ligatures spelled out."""
    word = word.replace("'", "").replace("\u2019", "")
    out = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(ch):
            continue
        out.append({"æ": "ae", "œ": "oe", "ß": "ss", "ĳ": "ij"}.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def is_plain(word):
    return bool(word) and all("a" <= c <= "z" for c in word)


def read_affixes():
    """SFX/PFX rules by flag: (strip, add, condition regex, tag, is_suffix, cross_product)."""
    rules = {}
    cross = {}
    with open(AFF, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) < 4 or parts[0] not in ("SFX", "PFX"):
                continue
            kind, flag = parts[0], parts[1]
            if parts[2] in ("Y", "N") and len(parts) == 4:
                cross[flag] = parts[2] == "Y"
                continue
            strip = "" if parts[2] == "0" else parts[2]
            add = parts[3].split("/")[0]
            add = "" if add == "0" else add
            condition = parts[4] if len(parts) > 4 else "."
            tag = next((p[3:] for p in parts[5:] if p.startswith("ts:")), "")
            pattern = re.compile(("^" + condition) if kind == "PFX" else (condition + "$"))
            rules.setdefault(flag, []).append((strip, add, pattern, tag, kind == "SFX"))
    return rules, cross


def apply(rule, word):
    strip, add, pattern, _tag, suffix = rule
    if not pattern.search(word):
        return None
    if suffix:
        if strip and not word.endswith(strip):
            return None
        return word[: len(word) - len(strip)] + add
    if strip and not word.startswith(strip):
        return None
    return add + word[len(strip):]


def read_dictionary(rules, cross):
    """Every dictionary word with its prefix and suffix expansions: (form, base, tag) triples."""
    entries = []
    with open(DIC, encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            line = line.strip()
            if not line:
                continue
            word, _, flags = line.partition("/")
            flags = [flags[i:i + 2] for i in range(0, len(flags) - len(flags) % 2, 2)]
            entries.append((word, flags))
    triples = []
    for word, flags in entries:
        prefixed = [(word, "")]
        for flag in flags:
            for rule in rules.get(flag, []):
                if not rule[4]:
                    form = apply(rule, word)
                    if form:
                        prefixed.append((form, flag))
        for base, prefix_flag in prefixed:
            triples.append((base, base, "", flags))
            for flag in flags:
                if prefix_flag and not (cross.get(flag) and cross.get(prefix_flag)):
                    continue
                for rule in rules.get(flag, []):
                    if rule[4]:
                        form = apply(rule, base)
                        if form:
                            triples.append((form, base, rule[3], flags))
    return triples


def verb_stems(infinitive, known):
    """Candidate stems of a regular infinitive, kept when stem+t or the stem is a known form."""
    if not infinitive.endswith("en") or len(infinitive) < 4:
        return []
    root = infinitive[:-2]
    candidates = {root}
    if len(root) >= 2 and root[-1] == root[-2] and root[-1] not in VOWELS:
        candidates.add(root[:-1])
    if len(root) >= 3 and root[-1] not in VOWELS and root[-2] in "aeou" and root[-3] not in VOWELS:
        candidates.add(root[:-1] + root[-2] + root[-1])
    for stem in list(candidates):
        if stem.endswith("v"):
            candidates.add(stem[:-1] + "f")
        if stem.endswith("z"):
            candidates.add(stem[:-1] + "s")
    return sorted(s for s in candidates if any(s + e in known for e in ("t", "te", "de")) or (s in known and s != root))


def regular_forms(infinitive, stem):
    """Forms of a regular verb, participles with and without ge- (the caller filters by the word list)."""
    if stem.endswith("t"):
        third = [stem]
    else:
        third = [stem + "t"]
    past = [stem + e for e in ("te", "ten", "de", "den")]
    ending = "t" if stem[-1] in "tkfschp" or stem.endswith("x") else "d"
    participle = stem if stem[-1] in "td" else stem + ending
    participles = ["ge" + participle, participle]
    for particle in SEPARABLE:
        if infinitive.startswith(particle) and len(infinitive) > len(particle) + 3:
            rest = participle[len(particle):] if participle.startswith(particle) else None
            if rest:
                participles.append(particle + "ge" + rest)
    present = [infinitive + "d", infinitive + "de"]
    return [stem] + third + past + participles + present


def read_strong():
    verbs = []
    with open(STRONG, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            columns = line.rstrip("\n").split("\t")
            infinitive = fold(columns[0])
            forms = []
            for column in columns[1:]:
                forms += [fold(f) for f in column.split(",") if f.strip() and f.strip() != "-"]
            verbs.append((infinitive, forms))
    return verbs


def strong_forms(infinitive, base, forms):
    """Forms of `infinitive` when it is `base` behind a particle or prefix (or `base` itself)."""
    prefix = infinitive[: len(infinitive) - len(base)]
    out = []
    for form in forms + [base + "d", base + "de"]:
        out.append(prefix + form)
        if prefix and form.startswith("ge"):
            out.append(prefix + form[2:])
    return out


def main():
    for path in (AFF, DIC, WORDLIST, STRONG):
        if not os.path.exists(path):
            sys.exit(f"missing {path}: apt-get install hunspell-nl wdutch")
    rules, cross = read_affixes()
    triples = read_dictionary(rules, cross)
    known = set()
    with open(WORDLIST, encoding="utf-8") as handle:
        for line in handle:
            word = fold(line.strip())
            if is_plain(word):
                known.add(word)
    infinitives = set()
    # Words the dictionary lists as nouns (they may start or end a compound): they are their own
    # lemma, whatever verb form they resemble ("school" is not a form of scholen, "reden" not of rijden).
    nouns = set()
    for form, base, _tag, flags in triples:
        folded = fold(form)
        if is_plain(folded):
            known.add(folded)
        if form == base and is_plain(folded):
            if "Vi" in flags:
                infinitives.add(folded)
            if NOUN_FLAGS.intersection(flags):
                nouns.add(folded)

    lemma = {}

    def propose(form, target):
        if (form != target and is_plain(target) and form in known and form not in infinitives
                and form not in lemma and form not in nouns):
            lemma[form] = target

    # An apostrophe disappears in folding, so "i's" would become "is": such forms are left out.
    tagged = [(tag, fold(form), fold(base)) for form, base, tag, _flags in triples
              if tag and INFLECTION_TAGS.match(tag) and "'" not in form and "\u2019" not in form]
    # 1. noun inflections first ("weken" are weeks before they are a form of wijken).
    for tag, form, base in sorted(t for t in tagged if t[0].startswith("NN")):
        propose(form, base)
    # 2. strong verbs, also behind a particle or prefix.
    strong = read_strong()
    for base, forms in strong:
        infinitives.add(base)
    for infinitive in sorted(infinitives):
        for base, forms in strong:
            if infinitive == base or (infinitive.endswith(base) and any(
                    infinitive == p + base for p in SEPARABLE + INSEPARABLE)):
                for form in strong_forms(infinitive, base, forms):
                    propose(form, infinitive)
    # 3. regular verbs.
    for infinitive in sorted(infinitives):
        for stem in verb_stems(infinitive, known):
            for form in regular_forms(infinitive, stem):
                propose(form, infinitive)
    # 4. the other tagged inflections: adjectives, participles, verb forms of stem entries.
    for tag, form, base in sorted(t for t in tagged if not t[0].startswith("NN")):
        propose(form, base)
    # Chains (mishandelde -> mishandeld -> mishandelen) end at the last word.
    for form in list(lemma):
        target, seen = lemma[form], {form}
        while target in lemma and target not in seen:
            seen.add(target)
            target = lemma[target]
        lemma[form] = target
    lines = sorted(known, key=lambda w: w.encode("utf-8"))
    with open(OUTPUT, "w", encoding="utf-8") as out:
        for word in lines:
            out.write(f"{word}\t{lemma[word]}\n" if word in lemma and lemma[word] != word else f"{word}\n")
    print(f"{len(lines)} forms, {sum(1 for w in lines if w in lemma)} with a lemma -> {OUTPUT}")


if __name__ == "__main__":
    main()
