#!/usr/bin/env python3
"""Compare Routewijzer's retriever with bm25s and tantivy on the same passages and questions.

Each engine runs in its own child process, so that its peak RSS is its own and not the sum of all
three. Every figure comes from the same run on the same machine: only the ratios are meant to be
compared across runs, because these machines are shared and noisy.

Measured per engine: index build time (tokenising included), queries/s and p50/p99 latency over the
questions (after one warm-up pass), peak RSS of the process, and route accuracy (top-1, top-3 and
MRR@10 over distinct routes in rank order, as `routewijzer eval` computes them).

Usage: compare_peers.py --corpus CORPUS.jsonl --queries QUERIES.tsv [--repeat N] [--json]
CORPUS.jsonl holds one passage per line: {"id", "route", "title", "keywords", "body"}
(write it with `routewijzer-bench export`).
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# The Snowball Dutch stop-word list: the one Routewijzer uses for ranking.
DUTCH_STOP_WORDS = """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem
dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben deze
u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben zonder kan hun dus
alles onder ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand
geweest andere""".split()

# bm25s has no fields: title and keywords are repeated to approach Routewijzer's field weights (2.5, 2.0, 1.0).
TITLE_REPEAT, KEYWORDS_REPEAT = 2, 2


def read_corpus(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_queries(path):
    questions = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            fields = line.rstrip("\n").split("\t")
            if number == 0 and fields[0] == "question":
                continue
            if len(fields) == 2 and fields[0].strip():
                questions.append((fields[0].strip(), set(r.strip() for r in fields[1].split(",") if r.strip())))
    return questions


def route_accuracy(ranked_routes, questions):
    """top-1, top-3 and MRR@10 over distinct routes in rank order."""
    top1 = top3 = reciprocal = 0.0
    for routes, (_, accepted) in zip(ranked_routes, questions):
        distinct = list(dict.fromkeys(routes))[:10]
        hit = next((rank for rank, route in enumerate(distinct, 1) if route in accepted), None)
        top1 += hit == 1
        top3 += hit is not None and hit <= 3
        reciprocal += 1 / hit if hit else 0
    count = max(len(questions), 1)
    return top1 / count, top3 / count, reciprocal / count


def latency_profile(search, questions, repeat):
    for question, _ in questions:
        search(question)
    latencies = []
    start = time.perf_counter()
    for _ in range(repeat):
        for question, _ in questions:
            begin = time.perf_counter()
            search(question)
            latencies.append((time.perf_counter() - begin) * 1e6)
    total = time.perf_counter() - start
    latencies.sort()
    quantile = lambda q: latencies[min(len(latencies) - 1, round((len(latencies) - 1) * q))]
    return len(latencies) / total, quantile(0.5), quantile(0.99)


def run_bm25s(corpus, questions, repeat):
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("dutch_porter")
    start = time.perf_counter()
    texts = [" ".join([p["title"]] * TITLE_REPEAT + [p["keywords"]] * KEYWORDS_REPEAT + [p["body"]]) for p in corpus]
    tokens = bm25s.tokenize(texts, stopwords=DUTCH_STOP_WORDS, stemmer=stemmer.stemWords, show_progress=False)
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    retriever.index(tokens, show_progress=False)
    build = time.perf_counter() - start
    routes = [p["route"] for p in corpus]
    k = min(10, len(corpus))

    def search(question):
        query = bm25s.tokenize([question], stopwords=DUTCH_STOP_WORDS, stemmer=stemmer.stemWords, show_progress=False)
        if not query.vocab:
            return []
        documents, _ = retriever.retrieve(query, k=k, show_progress=False)
        return [routes[i] for i in documents[0]]

    return build, search, "bm25s (PyStemmer dutch_porter, Snowball stop words, title/keywords repeated twice)"


def run_tantivy(corpus, questions, repeat):
    import tantivy

    builder = tantivy.SchemaBuilder()
    for field in ("title", "keywords", "body"):
        builder.add_text_field(field, stored=False, tokenizer_name="nl")
    builder.add_text_field("route", stored=True, tokenizer_name="raw")
    schema = builder.build()
    index = tantivy.Index(schema)
    analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                .filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.ascii_fold())
                .filter(tantivy.Filter.custom_stopword(DUTCH_STOP_WORDS))
                .filter(tantivy.Filter.stemmer("dutch"))
                .build())
    index.register_tokenizer("nl", analyzer)
    start = time.perf_counter()
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    for passage in corpus:
        writer.add_document(tantivy.Document(title=passage["title"], keywords=passage["keywords"],
                                             body=passage["body"], route=passage["route"]))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build = time.perf_counter() - start
    searcher = index.searcher()
    boosts = {"title": 2.5, "keywords": 2.0, "body": 1.0}
    word = re.compile(r"\w+", re.UNICODE)

    def search(question):
        text = " ".join(word.findall(question))
        if not text:
            return []
        query = index.parse_query(text, ["title", "keywords", "body"], field_boosts=boosts)
        hits = searcher.search(query, 10).hits
        return [searcher.doc(address)["route"][0] for _, address in hits]

    return build, search, "tantivy (simple tokenizer, lowercase, ascii fold, Snowball stop words, Dutch stemmer, boosts 2.5/2.0/1.0)"


ENGINES = {"bm25s": run_bm25s, "tantivy": run_tantivy}


def child(engine, corpus_path, queries_path, repeat):
    """Runs one engine and prints its figures as one JSON object."""
    corpus = read_corpus(corpus_path)
    questions = read_queries(queries_path)
    build, search, description = ENGINES[engine](corpus, questions, repeat)
    qps, p50, p99 = latency_profile(search, questions, repeat)
    top1, top3, mrr = route_accuracy([search(q) for q, _ in questions], questions)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"engine": engine, "description": description, "build_seconds": build,
                      "queries_per_second": qps, "p50_us": p50, "p99_us": p99, "peak_rss_bytes": peak,
                      "top1": top1, "top3": top3, "mrr10": mrr}))


def run_routewijzer(corpus_path, queries_path, repeat):
    bench = os.environ.get("ROUTEWIJZER_BENCH", os.path.join(ROOT, ".build/release/routewijzer-bench"))
    if not os.path.exists(bench):
        return {"engine": "routewijzer", "error": f"{bench} not found (swift build -c release --product routewijzer-bench)"}
    result = subprocess.run([bench, "retrieval", "--corpus", corpus_path, "--queries", queries_path,
                             "--repeat", str(repeat), "--json"], capture_output=True, text=True)
    if result.returncode != 0:
        return {"engine": "routewijzer", "error": result.stdout.strip() or result.stderr.strip()}
    figures = json.loads(result.stdout)
    figures.update(engine="routewijzer", description="routewijzer (BM25F, Snowball dutch_porter, compounds, typos, synonyms)")
    return figures


def run_peer(engine, corpus_path, queries_path, repeat):
    result = subprocess.run([sys.executable, __file__, "--child", engine, "--corpus", corpus_path,
                             "--queries", queries_path, "--repeat", str(repeat)], capture_output=True, text=True)
    if result.returncode != 0:
        return {"engine": engine, "error": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed"}
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(rows):
    lines = [f"{'engine':<12} {'build s':>9} {'q/s':>10} {'p50 µs':>9} {'p99 µs':>9} {'RSS MB':>8} {'top-1':>6} {'top-3':>6} {'MRR@10':>7}"]
    for row in rows:
        if "error" in row:
            lines.append(f"{row['engine']:<12} error: {row['error']}")
            continue
        lines.append(f"{row['engine']:<12} {row['build_seconds']:>9.3f} {row['queries_per_second']:>10.0f} "
                     f"{row['p50_us']:>9.1f} {row['p99_us']:>9.1f} {row['peak_rss_bytes'] / 1048576:>8.1f} "
                     f"{row['top1']:>6.3f} {row['top3']:>6.3f} {row['mrr10']:>7.3f}")
    ours = next((r for r in rows if r["engine"] == "routewijzer" and "error" not in r), None)
    if ours:
        lines.append("")
        lines.append("ratios, routewijzer against each peer (> 1 means routewijzer is better):")
        for peer in rows:
            if peer is ours or "error" in peer:
                continue
            lines.append(f"  vs {peer['engine']:<8} q/s {ours['queries_per_second'] / peer['queries_per_second']:.2f}x   "
                         f"build {peer['build_seconds'] / ours['build_seconds']:.2f}x   "
                         f"peak RSS {peer['peak_rss_bytes'] / ours['peak_rss_bytes']:.2f}x")
    lines.append("")
    lines += [f"  {row['engine']}: {row.get('description', '')}" for row in rows if "error" not in row]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", choices=sorted(ENGINES), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.child, arguments.corpus, arguments.queries, arguments.repeat)
        return
    rows = [run_routewijzer(arguments.corpus, arguments.queries, arguments.repeat)]
    rows += [run_peer(engine, arguments.corpus, arguments.queries, arguments.repeat) for engine in sorted(ENGINES)]
    print(json.dumps(rows) if arguments.json else report(rows))


if __name__ == "__main__":
    main()
