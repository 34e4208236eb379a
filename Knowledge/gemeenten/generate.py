#!/usr/bin/env python3
"""Regenerate gemeenten.tsv and woonplaatsen.tsv from the CBS files in bron/.

Standard library only. See BRON.md for what the sources are and their licence
(CBS, CC BY 4.0).

    python3 generate.py              # build from the files in bron/
    python3 generate.py --download   # first fetch the tables from CBS StatLine
                                     # (needs internet), then build from them

Two kinds of input are understood, in this order of preference:

1. The CBS StatLine tables themselves, as written to bron/ by --download:
     cbs-86247NED-TypedDataSet.json, cbs-86247NED-DataProperties.json
         "Gebieden in Nederland 2026": gemeente, provincie, zorgkantoorregio
     cbs-86312NED-TypedDataSet.json, cbs-86312NED-Woonplaatsen.json
         "Woonplaatsen in Nederland 2026": woonplaats -> gemeente
2. Copies of those same CBS tables that other open-source projects committed
   (the files shipped in bron/ today, because the machine that made them could
   not reach cbs.nl):
     cbs-86247NED-gemeentecodes-2026.json  code + StatLine region title
     cbs-86247NED-provincies-2026.json     code -> provincie (Code_28/Naam_29)
     cbs-86247NED-zorgkantoorregio-2026.csv
         rows of the 86247NED Observations (CBS OData v4) for the measures
         GM000B, GM000C_1, PV0002, ZK0001 and ZK0002: gemeente code and name,
         provincie, zorgkantoorregio code and name. Extracted unchanged from
         cbs-86247NED-observations-2026.parquet (the copy as committed); the
         measures are defined in cbs-86247NED-measurecodes-2026.csv (extracted
         from cbs-86247NED-measurecodes-2026.parquet). The parquet files need a
         non-stdlib reader, so this script reads the CSV extracts; BRON.md says
         how to check them against the parquet files.
     cbs-86312NED-woonplaatsen-2026.csv    woonplaats, gemeente, provincie
   The code, name and provincie in the Observations extract are checked against
   the other two 86247NED copies; the zorgkantoorregio is taken from it.

Nothing is ever filled in by hand: a column the source does not give is "-".
"""

import csv
import io
import json
import os
import sys
import unicodedata
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
BRON = os.path.join(HERE, "bron")
OUT_GEMEENTEN = os.path.join(HERE, "gemeenten.tsv")
OUT_WOONPLAATSEN = os.path.join(HERE, "woonplaatsen.tsv")

GEBIEDEN = "86247NED"      # Gebieden in Nederland 2026
WOONPLAATSEN = "86312NED"  # Woonplaatsen in Nederland 2026
ODATA = "https://opendata.cbs.nl/ODataApi/odata/{table}/{part}?$format=json"

EXPECTED_GEMEENTEN = 342   # on 1 January 2026 (and 2025: no herindeling on 1-1-2026)
MUST_HAVE = ["Amsterdam", "Rotterdam", "'s-Gravenhage", "Utrecht", "Eindhoven",
             "Groningen", "Tilburg", "Almere", "Breda", "Nijmegen", "Dinkelland"]
# StatLine's RegioS dimension adds this to three region titles to tell the
# gemeente apart from the province or region of the same name; the gemeente's
# own name (column Naam_2 in the same table) does not have it.
STATLINE_SUFFIX = " (gemeente)"
# The 86247NED Observations extract (see the module docstring and BRON.md).
OBSERVATIONS = f"cbs-{GEBIEDEN}-zorgkantoorregio-2026.csv"
MEASURECODES = f"cbs-{GEBIEDEN}-measurecodes-2026.csv"
# Measure -> (its Title, a word its Description must contain), as CBS defines
# them in the MeasureCodes of 86247NED; checked on every run so that a renumbered
# edition cannot silently fill the wrong column.
MEASURES = {
    "GM000B": ("Code", "gemeentecode"),
    "GM000C_1": ("Naam", "naam van de gemeente"),
    "PV0002": ("Naam", "provincies"),
    "ZK0001": ("Code", "zorgkantoorregio"),
    "ZK0002": ("Naam", "zorgkantoorregio"),
}
EXPECTED_ZORGKANTOORREGIOS = 31


def bron(name):
    return os.path.join(BRON, name)


def read_json(name):
    with open(bron(name), encoding="utf-8") as handle:
        return json.load(handle)


def clean(value):
    """CBS pads its code and name columns with spaces."""
    return value.strip() if isinstance(value, str) else value


# --------------------------------------------------------------------- download

def fetch_json(url):
    """All rows of one OData resource, following odata.nextLink pages."""
    rows, first = [], None
    while url:
        request = urllib.request.Request(url, headers={
            "Accept": "application/json",
            "User-Agent": "Routewijzer Knowledge/gemeenten/generate.py"})
        with urllib.request.urlopen(request, timeout=60) as response:
            page = json.load(response)
        if first is None:
            first = page
        rows.extend(page.get("value", []))
        url = page.get("odata.nextLink")
    first["value"] = rows
    first.pop("odata.nextLink", None)
    return first


def download():
    wanted = [(GEBIEDEN, "TypedDataSet"), (GEBIEDEN, "DataProperties"),
              (WOONPLAATSEN, "TypedDataSet"), (WOONPLAATSEN, "Woonplaatsen")]
    for table, part in wanted:
        url = ODATA.format(table=table, part=part)
        print(f"downloading {url}")
        data = fetch_json(url)
        path = bron(f"cbs-{table}-{part}.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        print(f"  -> {os.path.relpath(path, HERE)} ({len(data['value'])} rows)")


# ------------------------------------------------------- input: CBS originals

def topic_key(properties, group_word, exclude=()):
    """Key of the 'Naam' topic under the topic group whose title contains
    group_word (e.g. Naam_51 under "Zorgkantoorregio's"), from DataProperties."""
    by_id = {p.get("ID"): p for p in properties}
    hits = []
    for prop in properties:
        key = prop.get("Key") or ""
        if prop.get("Type") != "Topic" or not key.startswith("Naam_"):
            continue
        parent = by_id.get(prop.get("ParentID"))
        title = (parent or {}).get("Title", "").casefold()
        if group_word in title and not any(word in title for word in exclude):
            hits.append((prop.get("Position", 0), key))
    if not hits:
        return None
    return sorted(hits)[0][1]


def gemeenten_from_cbs():
    data = read_json(f"cbs-{GEBIEDEN}-TypedDataSet.json")["value"]
    properties = read_json(f"cbs-{GEBIEDEN}-DataProperties.json")["value"]
    # 2026 layout: Code_1/Naam_2 is the gemeente itself; look it up only if
    # a later edition renumbers its columns.
    keys = {p.get("Key") for p in properties}
    name_key = "Naam_2" if "Naam_2" in keys else (
        topic_key(properties, "gemeente", exclude=("grootte",)) or "Naam_2")
    province_key = topic_key(properties, "provincie") or "Naam_29"
    zorgkantoor_key = topic_key(properties, "zorgkantoor")
    print(f"{GEBIEDEN}: naam={name_key} provincie={province_key} "
          f"zorgkantoorregio={zorgkantoor_key or '-'}")
    result = {}
    for row in data:
        code = clean(row.get("RegioS") or row.get("Code_1") or "")
        if not code.startswith("GM"):
            continue
        result[code] = {
            "naam": clean(row[name_key]),
            "provincie": clean(row.get(province_key)) or "-",
            "zorgkantoorregio": (clean(row.get(zorgkantoor_key)) or "-")
            if zorgkantoor_key else "-",
        }
    return result, f"CBS StatLine {GEBIEDEN} (TypedDataSet, DataProperties)"


def woonplaatsen_from_cbs():
    rows = read_json(f"cbs-{WOONPLAATSEN}-TypedDataSet.json")["value"]
    titles = {clean(w["Key"]): clean(w["Title"])
              for w in read_json(f"cbs-{WOONPLAATSEN}-Woonplaatsen.json")["value"]}
    return [(titles[clean(r["Woonplaatsen"])], clean(r["Naam_2"]), clean(r["Naam_4"]))
            for r in rows]


# ------------------------------------------- input: committed copies of CBS

def read_csv(name):
    with open(bron(name), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def observations_from_copy():
    """GMxxxx -> {measure: value} from the 86247NED Observations extract.

    The extract keeps CBS's own padding (names are right-padded with spaces);
    values are stripped here. Every gemeente must have each measure once."""
    definitions = {row["Identifier"]: row for row in read_csv(MEASURECODES)}
    for measure, (title, word) in MEASURES.items():
        definition = definitions.get(measure)
        if (definition is None or definition["Title"] != title
                or word not in definition["Description"].casefold()):
            sys.exit(f"bron: {MEASURECODES} does not define {measure} as "
                     f"'{title}' of '{word}'")
    result = {}
    for row in read_csv(OBSERVATIONS):
        measure, code = row["Measure"], row["RegioS"].strip()
        if measure not in MEASURES or not code.startswith("GM"):
            continue
        values = result.setdefault(code, {})
        if measure in values:
            sys.exit(f"bron: {OBSERVATIONS} has {measure} twice for {code}")
        values[measure] = clean(row["StringValue"])
    for code, values in result.items():
        missing = sorted(set(MEASURES) - set(values))
        if missing:
            sys.exit(f"bron: {OBSERVATIONS} lacks {missing} for {code}")
        if values["GM000B"] != code:
            sys.exit(f"bron: {OBSERVATIONS} gives code {values['GM000B']} for {code}")
    return result


def gemeenten_from_copies():
    codes = read_json(f"cbs-{GEBIEDEN}-gemeentecodes-2026.json")
    facts = read_json(f"cbs-{GEBIEDEN}-provincies-2026.json")
    observations = observations_from_copy()
    if codes["source"]["dataset_id"] != GEBIEDEN:
        sys.exit("bron: gemeentecodes file is not from " + GEBIEDEN)
    result = {}
    for entry in codes["municipalities"]:
        code = "GM" + entry["code"]
        name = entry["name"]
        if name.endswith(STATLINE_SUFFIX):
            name = name[: -len(STATLINE_SUFFIX)]
        seen = observations.get(code)
        result[code] = {
            "naam": name,
            "provincie": facts[code]["provinceName"] if code in facts else "-",
            # Only the Observations extract gives it; a gemeente it lacks keeps "-".
            "zorgkantoorregio": (seen["ZK0002"] or "-") if seen else "-",
        }
    if set(facts) != set(result):
        sys.exit("bron: the two copies of 86247NED do not list the same gemeenten")
    # The third copy must agree with the other two wherever they overlap.
    for code, seen in sorted(observations.items()):
        if code not in result:
            sys.exit(f"bron: {OBSERVATIONS} has {code}, the other copies do not")
        if seen["GM000C_1"] != result[code]["naam"]:
            sys.exit(f"bron: {code} is '{seen['GM000C_1']}' in {OBSERVATIONS}, "
                     f"'{result[code]['naam']}' in the other copies")
        if seen["PV0002"] != result[code]["provincie"]:
            sys.exit(f"bron: {code} lies in '{seen['PV0002']}' in {OBSERVATIONS}, "
                     f"'{result[code]['provincie']}' in the other copies")
    uncovered = sorted(set(result) - set(observations))
    for code in uncovered:
        print(f"no zorgkantoorregio in {OBSERVATIONS} for {code} "
              f"{result[code]['naam']}: left '-'", file=sys.stderr)
    # One name per region code, one code per name.
    pairs = {(seen["ZK0001"], seen["ZK0002"]) for seen in observations.values()}
    if len({c for c, _ in pairs}) != len(pairs) or len({n for _, n in pairs}) != len(pairs):
        sys.exit(f"bron: {OBSERVATIONS} does not pair zorgkantoorregio codes and names one to one")
    return result, ("copies of CBS 86247NED committed by other open-source projects "
                    "(zorgkantoorregio: the Observations copy)")


def woonplaatsen_from_copies():
    with open(bron(f"cbs-{WOONPLAATSEN}-woonplaatsen-2026.csv"),
              encoding="utf-8", newline="") as handle:
        text = handle.read()
    body = "".join(line for line in io.StringIO(text, newline="")
                   if not line.startswith("#"))
    reader = csv.reader(io.StringIO(body, newline=""))
    header = next(reader)
    if header != ["place", "municipality", "province"]:
        sys.exit(f"bron: unexpected header in woonplaatsen file: {header}")
    return [tuple(row) for row in reader if row]


# ---------------------------------------------------------------------- build

def sort_key(name):
    """Case-insensitive, diacritics ignored ('Súdwest' sorts as 'Sudwest')."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name)
                    if not unicodedata.combining(c))
    return (plain.casefold(), name)


def lookup_key(name):
    """The key a name is looked up by in the program (GemeenteList.key in
    Sources/Retrieval/GemeenteList.swift): lowercase, no diacritics, apostrophes
    dropped, hyphens read as spaces. "Kapel-Avezaath" and "Kapel Avezaath" are
    the same key, so they count as one name here too."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name)
                    if not unicodedata.combining(c)).lower()
    plain = plain.replace("\u2019", "'").replace("'", "")
    return " ".join(plain.replace("-", " ").split())


def check_gemeenten(gemeenten):
    problems = []
    names = [g["naam"] for g in gemeenten.values()]
    if len(gemeenten) != EXPECTED_GEMEENTEN:
        problems.append(f"{len(gemeenten)} gemeenten, expected {EXPECTED_GEMEENTEN}")
    if len(set(names)) != len(names) or len({lookup_key(n) for n in names}) != len(names):
        problems.append("duplicate gemeente names")
    for name in MUST_HAVE:
        if name not in names:
            problems.append(f"missing {name}")
    provinces = {g["provincie"] for g in gemeenten.values()} - {"-"}
    if provinces and len(provinces) != 12:
        problems.append(f"{len(provinces)} provinces, expected 12")
    regions = {g["zorgkantoorregio"] for g in gemeenten.values()} - {"-"}
    if regions and len(regions) != EXPECTED_ZORGKANTOORREGIOS:
        problems.append(f"{len(regions)} zorgkantoorregio's, "
                        f"expected {EXPECTED_ZORGKANTOORREGIOS}")
    for problem in problems:
        print("WARNING:", problem, file=sys.stderr)
    return not problems


def write_gemeenten(gemeenten):
    rows = sorted(gemeenten.items(), key=lambda item: sort_key(item[1]["naam"]))
    with open(OUT_GEMEENTEN, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("# naam\tcode\tprovincie\tzorgkantoorregio\took\n")
        for code, g in rows:
            # "ook": alternative names, only where the source gives them; the
            # CBS tables used here give none.
            handle.write("\t".join([g["naam"], code, g["provincie"],
                                    g["zorgkantoorregio"], "-"]) + "\n")
    return len(rows)


def write_woonplaatsen(rows, gemeenten):
    gemeente_names = {g["naam"] for g in gemeenten.values()}
    folded_gemeenten = {lookup_key(name) for name in gemeente_names}
    province_of = {g["naam"]: g["provincie"] for g in gemeenten.values()}

    unknown = sorted({m for _, m, _ in rows if m not in gemeente_names})
    if unknown:
        sys.exit(f"woonplaatsen refer to gemeenten not in the gemeente list: {unknown}")
    mismatched = [(p, m, pv) for p, m, pv in rows
                  if province_of[m] not in ("-", pv)]
    if mismatched:
        sys.exit(f"woonplaats province differs from its gemeente's: {mismatched[:5]}")

    by_name = {}
    for place, municipality, _ in rows:
        by_name.setdefault(lookup_key(place), {}).setdefault(place, set()).add(municipality)

    kept, same_as_gemeente, ambiguous = [], [], []
    for folded, spellings in by_name.items():
        municipalities = set().union(*spellings.values())
        if folded in folded_gemeenten:
            same_as_gemeente.append(folded)
        elif len(municipalities) > 1:
            ambiguous.append(sorted(spellings))
        else:
            (municipality,) = municipalities
            kept.extend((place, municipality) for place in spellings)

    kept.sort(key=lambda pair: sort_key(pair[0]))
    with open(OUT_WOONPLAATSEN, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("# woonplaats\tgemeente\n")
        for place, municipality in kept:
            handle.write(f"{place}\t{municipality}\n")
    return {
        "rows in source": len(rows),
        "distinct woonplaats names (by lookup key)": len(by_name),
        "skipped: same name as a gemeente": len(same_as_gemeente),
        "skipped: name in more than one gemeente": len(ambiguous),
        "written": len(kept),
    }


def main(argv):
    if "--download" in argv:
        download()
    if os.path.exists(bron(f"cbs-{GEBIEDEN}-TypedDataSet.json")):
        gemeenten, source = gemeenten_from_cbs()
    else:
        gemeenten, source = gemeenten_from_copies()
    if os.path.exists(bron(f"cbs-{WOONPLAATSEN}-TypedDataSet.json")):
        woonplaatsen = woonplaatsen_from_cbs()
    else:
        woonplaatsen = woonplaatsen_from_copies()

    ok = check_gemeenten(gemeenten)
    count = write_gemeenten(gemeenten)
    print(f"gemeenten.tsv: {count} gemeenten from {source}")
    regions = [g["zorgkantoorregio"] for g in gemeenten.values() if g["zorgkantoorregio"] != "-"]
    print(f"gemeenten.tsv: {len(regions)} with a zorgkantoorregio, "
          f"{len(set(regions))} distinct zorgkantoorregio's")
    for label, value in write_woonplaatsen(woonplaatsen, gemeenten).items():
        print(f"woonplaatsen.tsv: {label}: {value}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
