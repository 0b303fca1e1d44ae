"""Benchmark diplokg builds and queries on generated corpora of N documents, in one command.

    .venv/bin/python benchmarks/run.py --sizes 200,2000 [--work /tmp/diplokg-bench] [--seed 7]

For each N it generates the corpus (``benchmarks/generate.py``) and measures, every step in a
fresh subprocess (wall time, CPU time of the process tree, peak resident memory of the tree
sampled every 50 ms):

- ``bare``: the trained spaCy pipeline alone (``load_model()``, no diplokg components) running
  ``nlp.pipe(texts, batch_size=32)`` in one process; the time counts the pipe only, not the
  import or model loading (the builds' times count everything: imports, model loading,
  extraction, resolution, SHACL validation, graph, HTML, report, writing);
- ``cold --jobs 1`` and ``cold --jobs 2``: ``diplokg build`` into an empty output folder;
- ``unchanged``: the same build again (``--jobs 2``, nothing changed);
- ``add one``: one more generated document, then the build again;
- ``store``: ``diplokg build --store oxigraph`` on the cached records (adds the Oxigraph store);
- graph loading: parsing ``graph.ttl`` into rdflib vs opening the Oxigraph store, with the
  resident memory each adds;
- named queries (``ontology/queries/``) through ``diplokg.execute.execute_query`` (what
  ``diplokg query --name`` calls once the graph is open), median of ``--repeats`` runs, on the
  in-memory graph and on the Oxigraph store: with the default row cap (``--max-rows`` 10,000) and
  for the full result; on the store twice, as ``diplokg query`` answers (the answers the build
  kept for queries without bindings, :mod:`diplokg.answers`) and live (``--live``: every query
  runs); plus one ``diplokg query --name meetings-of-person`` process on the store;
- the same on a synthetic graph ``--scale`` (default 10) times the largest N
  (``benchmarks/scale_graph.py``: the build copied with per-document nodes renamed per copy and
  reference nodes shared; an approximation of a bigger corpus, see there), store only.

``--queries-only DIR`` measures only the graph loading and the named queries of an existing build
folder (and its synthetic copy), e.g. to compare two versions of the queries on the same build.

Results go to ``benchmarks/results/bench-<sizes>.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402
import scale_graph  # noqa: E402

PYTHON = sys.executable
#: Seconds after which one run of a named query is abandoned.
QUERY_TIMEOUT = 60
DIPLOKG = [PYTHON, "-m", "diplokg.cli"]

#: Named queries timed, with their bindings (names chosen among gazetteer entries the generator
#: uses, so parametrised queries find rows).
NAMED_QUERIES = [
    ("who-met-whom", {}),
    ("agreements-and-countries", {}),
    ("topics-over-time", {}),
    ("persons-by-country-and-role", {"country_name": "Mexico"}),
    ("meetings-of-person", {"person_name": "__PERSON__"}),
]

BARE = r"""
import json, sys, time
from pathlib import Path
from diplokg.corpus import load_corpus
from diplokg.extract.pipeline import load_model
texts = [d.text for d in load_corpus(sys.argv[1]).documents]
nlp = load_model()
start = time.perf_counter(); cpu = time.process_time()
for doc in nlp.pipe(texts, batch_size=32):
    pass
print(json.dumps({"pipe_s": time.perf_counter() - start, "pipe_cpu_s": time.process_time() - cpu,
                  "components": nlp.pipe_names, "model": nlp.meta["name"] + "-" + nlp.meta["version"]}))
"""

LOAD = r"""
import json, sys, time, psutil
from diplokg.query import load_graph
from diplokg.store import is_oxigraph
proc = psutil.Process()
before = proc.memory_info().rss
start = time.perf_counter()
graph = load_graph(sys.argv[1], use_store=sys.argv[2] == "store")
n = len(graph)
print(json.dumps({"load_s": time.perf_counter() - start, "triples": n, "oxigraph": is_oxigraph(graph),
                  "rss_added_mb": (proc.memory_info().rss - before) / 2**20}))
"""

QUERIES = r"""
import json, statistics, sys, time
from diplokg.execute import execute_query
from diplokg.query import load_graph
from diplokg.queries import bindings_for, get_query
graph = load_graph(sys.argv[1], use_store=sys.argv[2] in {"store", "live"})
precomputed = sys.argv[2] != "live"  # "live": never the answers the build kept (diplokg.answers)
repeats = int(sys.argv[3])
name, raw = json.loads(sys.argv[4])
limit = float(sys.argv[5])
query = get_query(name)
bindings = bindings_for(query, raw)
out = {}
for label, cap in (("capped", 10_000), ("full", None)):  # the CLI's default --max-rows, then no cap
    times, outcome = [], None
    while len(times) < repeats and sum(times) < 20:  # slow queries: fewer repeats
        start = time.perf_counter()
        outcome = execute_query(graph, query.text, bindings, timeout=limit, max_rows=cap, precomputed=precomputed)
        times.append(time.perf_counter() - start)
    out[label] = {"median_ms": 1000 * statistics.median(times), "first_ms": 1000 * times[0], "runs": len(times),
                  "rows": len(outcome.rows), "total": outcome.total}
out.update(out["capped"])  # the default (capped) figures are the headline ones
print(json.dumps(out))
"""


ENV: dict | None = None  # set by --snapshot: every subprocess imports the frozen copy


def snapshot(work: Path) -> Path:
    """Copy src/ and ontology/ to ``work/snapshot`` and import diplokg from there (here and in
    every measured subprocess), so edits made to the tree during a long run change nothing."""
    target = work / "snapshot"
    env = dict(os.environ, PYTHONPATH=str(target / "src"))
    for attempt in range(10):  # copy again until the copy imports (someone may be mid-edit)
        if target.exists():
            shutil.rmtree(target)
        for name in ("src", "ontology"):
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        check = subprocess.run([PYTHON, "-c", "import diplokg.cli, diplokg.build, diplokg.extract.document, "
                                "diplokg.queries; diplokg.cli.main(['build', '--help'])"],
                               env=env, cwd=ROOT, capture_output=True, text=True)
        if check.returncode == 0:
            break
        print(f"snapshot does not import yet ({check.stderr.strip().splitlines()[-1]}); retrying", flush=True)
        time.sleep(30)
    else:
        raise SystemExit("no importable snapshot of src/")
    global ENV
    ENV = env
    sys.path.insert(0, str(target / "src"))
    return target


def measure(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd``; wall time, CPU time and peak RSS (summed over its process tree)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env or ENV, cwd=ROOT)
    peak = 0
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            total = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                        t = p.cpu_times()
                        cpu[p.pid] = t.user + t.system + t.children_user + t.children_system
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak = max(peak, total)
            done.wait(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, err = proc.communicate()
    done.set()
    thread.join()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    usage = os.times()
    return {"wall_s": wall, "peak_rss_mb": peak / 2**20, "stdout": out.strip(), "cpu_sampled_s": sum(cpu.values()),
            "children_cpu_total_s": usage.children_user + usage.children_system}


def _cpu(run: dict, previous: list[float]) -> float:
    """CPU seconds of the last finished child tree (difference of os.times children totals)."""
    value = run["children_cpu_total_s"] - previous[0]
    previous[0] = run["children_cpu_total_s"]
    return value


def bench_size(n: int, work: Path, seed: int, repeats: int, bare: bool, full: bool = True) -> dict:
    folder = work / f"n{n}"
    if folder.exists():
        shutil.rmtree(folder)
    corpus = generate.generate(n, folder / "corpus", seed)
    from diplokg.corpus import load_corpus

    documents = load_corpus(corpus).documents
    words = sum(len(d.text.split()) for d in documents)
    result: dict = {"n": n, "documents": len(documents), "words": words}
    cpu_mark = [os.times().children_user + os.times().children_system]
    print(f"N={n}: {len(documents)} documents, {words} words", flush=True)

    def step(name: str, cmd: list[str]) -> dict:
        run = measure(cmd)
        run["cpu_s"] = _cpu(run, cpu_mark)
        result[name] = {k: v for k, v in run.items() if k not in {"children_cpu_total_s", "cpu_sampled_s"}}
        print(f"  {name}: {run['wall_s']:.1f} s wall, {run['cpu_s']:.1f} s CPU, "
              f"peak {run['peak_rss_mb']:.0f} MB", flush=True)
        return run

    if bare:
        run = step("bare", [PYTHON, "-c", BARE, str(corpus)])
        result["bare"].update(json.loads(run["stdout"]))
        print(f"  bare nlp.pipe only: {result['bare']['pipe_s']:.1f} s "
              f"({words / result['bare']['pipe_s']:.0f} words/s)", flush=True)
    if not full:  # large N: one cold --jobs 2 build that also writes the store, then the queries
        result["full"] = False
        out = folder / "out2"
        step("cold_jobs2", DIPLOKG + ["build", "--corpus", str(corpus), "--out", str(out), "--jobs", "2",
                                      "--store", "oxigraph"])
        return _graph_and_queries(result, out, repeats)
    for jobs in (1, 2):
        step(f"cold_jobs{jobs}", DIPLOKG + ["build", "--corpus", str(corpus), "--out", str(folder / f"out{jobs}"),
                                            "--jobs", str(jobs)])
    out = folder / "out2"
    step("unchanged", DIPLOKG + ["build", "--corpus", str(corpus), "--out", str(out), "--jobs", "2"])
    generate.write_document(corpus, seed, n)
    step("add_one", DIPLOKG + ["build", "--corpus", str(corpus), "--out", str(out), "--jobs", "2"])
    step("store_build", DIPLOKG + ["build", "--corpus", str(corpus), "--out", str(out), "--jobs", "2",
                                   "--store", "oxigraph"])
    return _graph_and_queries(result, out, repeats)


def _graph_and_queries(result: dict, out: Path, repeats: int, memory: bool = True) -> dict:
    result["graph_ttl_mb"] = (out / "graph.ttl").stat().st_size / 2**20
    result["store_mb"] = sum(p.stat().st_size for p in (out / "store").rglob("*") if p.is_file()) / 2**20
    hows = ("memory", "store", "live") if memory else ("store", "live")
    for how in hows[:-1]:  # "live" opens the same store
        run = measure([PYTHON, "-c", LOAD, str(out), how])
        result[f"load_{how}"] = json.loads(run["stdout"])
        print(f"  load {how}: {result[f'load_{how}']}", flush=True)
    person = _a_person(out)
    queries = [(name, {k: (person if v == "__PERSON__" else v) for k, v in raw.items()}) for name, raw in NAMED_QUERIES]
    for how in hows:
        timings = result[f"queries_{how}"] = {}
        for name, raw in queries:  # one process per query, stopped after QUERY_TIMEOUT seconds
            try:
                done = subprocess.run([PYTHON, "-c", QUERIES, str(out), how, str(repeats), json.dumps([name, raw]),
                                       str(QUERY_TIMEOUT)],
                                      capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=2 * QUERY_TIMEOUT + 30)
                timings[name] = json.loads(done.stdout) if done.returncode == 0 else {"error": done.stderr[-500:]}
                if "stopped after" in timings[name].get("error", ""):
                    timings[name] = {"timeout_s": QUERY_TIMEOUT}
            except subprocess.TimeoutExpired:
                timings[name] = {"timeout_s": QUERY_TIMEOUT}
            print(f"  query {how} {name}: {timings[name]}", flush=True)
    # one real `diplokg query` process (imports, opening the store, the query, printing)
    cli = DIPLOKG + ["query", "--graph", str(out), "--name", "meetings-of-person", "--bind", f"person_name={person}",
                     "--format", "tsv"]
    runs = [measure(cli) for _ in range(3)]
    result["cli_query"] = {"wall_s": statistics.median(r["wall_s"] for r in runs),
                           "rows": len(runs[0]["stdout"].splitlines()) - 1}
    print(f"  CLI query: {result['cli_query']}", flush=True)
    return result


def bench_scaled(n: int, source: Path, folder: Path, k: int, repeats: int) -> dict:
    """Named queries on the store of a synthetic graph ``k`` times the build ``source`` (a
    graph.ttl of N = ``n`` documents), written to ``folder``."""
    if folder.exists():
        shutil.rmtree(folder)
    print(f"N={n} x {k} (synthetic): writing {folder}", flush=True)
    scaled = {"n": n, "k": k, "synthetic": True}
    scaled["scale"] = scale_graph.build_scaled(source, folder, k)
    print(f"  {scaled['scale']}", flush=True)
    return _graph_and_queries(scaled, folder, repeats, memory=False)


def load_documents(build_dir: Path) -> list[str]:
    """The documents of a build folder (its graph's dk:Document nodes)."""
    from diplokg.query import load_graph, run_query

    return [row[0] for row in run_query(load_graph(build_dir, use_store=True), "SELECT ?d WHERE { ?d a dk:Document }")[1]]


def _a_person(out: Path) -> str:
    """The label of the person in most meetings (so meetings-of-person returns rows)."""
    from diplokg.query import load_graph, run_query

    rows = run_query(load_graph(out, use_store=True),
                     "SELECT ?name (COUNT(?m) AS ?n) WHERE { ?m dk:participant ?p . ?p a dk:Person ; rdfs:label ?name } "
                     "GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1")[1]
    return rows[0][0] if rows else "Kirstjen Nielsen"


def _ratio(r: dict, step: str, key: str, bare_key: str) -> str:
    return f" ({r[step][key] / r['bare'][bare_key]:.2f}×)" if "bare" in r else ""


def _latency(v: dict, key: str = "capped") -> float:
    return v[key]["median_ms"] if key in v else float("inf")


def _query_cell(v: dict) -> str:
    if "timeout_s" in v:
        return f"> {v['timeout_s'] * 1000:,.0f} (timed out)"
    if "error" in v:
        return "error"
    if "capped" not in v:  # results of an older run.py
        return f"{v['median_ms']:,.0f} ({v['rows']})"
    capped, full = v["capped"], v["full"]
    rows = f"{capped['total']:,}" if capped["rows"] == capped["total"] else f"{capped['rows']:,} of {capped['total']:,}"
    return f"{capped['median_ms']:,.0f} / {full['median_ms']:,.0f} ({rows})"


def _fmt(value, digits=1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _column(r: dict) -> str:
    return f"N = {r['n']:,} × {r['k']} (synthetic)" if r.get("synthetic") else f"N = {r['n']:,}"


def markdown(results: list[dict], command: str, load: list[float] | None = None) -> str:
    load = load or list(os.getloadavg())
    lines = [f"Command: `{command}`", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
             f"load average at the end {', '.join(f'{x:.1f}' for x in load)}", ""]
    head = ["measure"] + [_column(r) for r in results]
    rows: list[list[str]] = []

    def row(label, fn):
        cells = []
        for r in results:
            try:
                cells.append(fn(r))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("—")
        rows.append([label, *cells])

    row("words", lambda r: f"{r['words']:,}")
    row("bare `nlp.pipe`, 1 process: s (words/s)", lambda r: f"{_fmt(r['bare']['pipe_s'])} ({r['words'] / r['bare']['pipe_s']:,.0f})")
    for jobs in (1, 2):
        row(f"cold build `--jobs {jobs}`: wall s (× bare)",
            lambda r, j=jobs: f"{_fmt(r[f'cold_jobs{j}']['wall_s'])}{_ratio(r, f'cold_jobs{j}', 'wall_s', 'pipe_s')}")
        row(f"cold build `--jobs {jobs}`: words/s", lambda r, j=jobs: f"{r['words'] / r[f'cold_jobs{j}']['wall_s']:,.0f}")
        row(f"cold build `--jobs {jobs}`: CPU s (× bare CPU)",
            lambda r, j=jobs: f"{_fmt(r[f'cold_jobs{j}']['cpu_s'])}{_ratio(r, f'cold_jobs{j}', 'cpu_s', 'pipe_cpu_s')}")
        row(f"cold build `--jobs {jobs}`: peak memory MB", lambda r, j=jobs: _fmt(r[f"cold_jobs{j}"]["peak_rss_mb"], 0))
    row("unchanged rebuild: s (% of cold `--jobs 2`)",
        lambda r: f"{_fmt(r['unchanged']['wall_s'])} ({100 * r['unchanged']['wall_s'] / r['cold_jobs2']['wall_s']:.1f} %)")
    row("add one document: s (% of cold `--jobs 2`)",
        lambda r: f"{_fmt(r['add_one']['wall_s'])} ({100 * r['add_one']['wall_s'] / r['cold_jobs2']['wall_s']:.1f} %)")
    row("`--store oxigraph` rebuild (cached records): s", lambda r: _fmt(r["store_build"]["wall_s"]))
    row("triples", lambda r: f"{r.get('load_memory', r.get('load_store'))['triples']:,}")
    row("graph.ttl MB / store MB", lambda r: f"{r['graph_ttl_mb']:.1f} / {r['store_mb']:.1f}")
    row("load graph: rdflib parse s (+MB RSS)", lambda r: f"{r['load_memory']['load_s']:.2f} (+{r['load_memory']['rss_added_mb']:.0f})")
    row("load graph: Oxigraph store s (+MB RSS)", lambda r: f"{r['load_store']['load_s']:.2f} (+{r['load_store']['rss_added_mb']:.0f})")
    names = [name for name, _ in NAMED_QUERIES]
    for how, where in (("memory", "memory"), ("store", "store"), ("live", "store, live")):
        for key, what in (("capped", "default `--max-rows` 10,000"), ("full", "full result")):
            row(f"named queries, {where}: median of the medians, ms ({what})",
                lambda r, h=how, k=key: _fmt(statistics.median(_latency(v, k) for v in r[f"queries_{h}"].values()), 0))
        for name in names:
            row(f"  `{name}` ({where}): median ms, capped / full (rows)",
                lambda r, h=how, q=name: _query_cell(r[f"queries_{h}"][q]))
    row("`diplokg query --name meetings-of-person` process on the store: wall s (rows)",
        lambda r: f"{r['cli_query']['wall_s']:.2f} ({r['cli_query']['rows']})")
    table = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    table += ["| " + " | ".join(cells) + " |" for cells in rows if any(c != "—" for c in cells[1:])]
    return "\n".join(lines + table) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000,20000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=5, help="runs of each named query (median)")
    parser.add_argument("--work", default=None, help="scratch folder (default: a new temporary folder)")
    parser.add_argument("--no-bare-above", type=int, default=None,
                        help="skip the bare nlp.pipe run for sizes above this (it is the slowest step)")
    parser.add_argument("--full-up-to", type=int, default=None,
                        help="for larger sizes run only one cold --jobs 2 --store oxigraph build and the "
                             "loading and query measurements (no bare, --jobs 1, rebuild steps)")
    parser.add_argument("--query-timeout", type=float, default=QUERY_TIMEOUT,
                        help="seconds after which one run of a named query is abandoned (its process, which loads "
                             "the graph and times capped and full runs, after twice that plus 30 s)")
    parser.add_argument("--scale", type=int, default=10,
                        help="also time the named queries on the store of a synthetic graph this many times the "
                             "largest build (benchmarks/scale_graph.py); 0: no synthetic graph")
    parser.add_argument("--queries-only", default=None, metavar="DIR",
                        help="only measure loading and named queries of the existing build folder DIR (and of its "
                             "synthetic --scale copy, written under --work); no corpus, no builds")
    parser.add_argument("--store-only", action="store_true",
                        help="with --queries-only: skip the in-memory graph (its named queries take minutes)")
    parser.add_argument("--markdown-of", default=None, metavar="JSON",
                        help="only print the table of a results .json written by an earlier run")
    parser.add_argument("--results", default=str(ROOT / "benchmarks" / "results"))
    parser.add_argument("--no-snapshot", action="store_true",
                        help="import diplokg from the tree itself (default: from a frozen copy)")
    args = parser.parse_args()
    if args.markdown_of:
        saved = json.loads(Path(args.markdown_of).read_text(encoding="utf-8"))
        print(markdown(saved["results"], saved["command"], saved.get("load_average")))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    globals()["QUERY_TIMEOUT"] = args.query_timeout
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="diplokg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if not args.no_snapshot:
        snapshot(work)
    results = []
    if args.queries_only:
        build_dir = Path(args.queries_only)
        n = sum(1 for _ in load_documents(build_dir))
        results.append(_graph_and_queries({"n": n}, build_dir, args.repeats, memory=not args.store_only))
        if args.scale > 1:
            results.append(bench_scaled(n, build_dir / "graph.ttl", work / f"n{n}x{args.scale}", args.scale, args.repeats))
        stem = f"bench-queries-{n}" + (f"-x{args.scale}" if args.scale > 1 else "")
    else:
        for n in sizes:
            bare = args.no_bare_above is None or n <= args.no_bare_above
            full = args.full_up_to is None or n <= args.full_up_to
            results.append(bench_size(n, work, args.seed, args.repeats, bare and full, full))
        if args.scale > 1 and sizes:
            n = max(sizes)
            results.append(bench_scaled(n, work / f"n{n}" / "out2" / "graph.ttl", work / f"n{n}x{args.scale}",
                                        args.scale, args.repeats))
        stem = "bench-" + "-".join(str(n) for n in sizes) + (f"-x{args.scale}" if args.scale > 1 else "")
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    out = Path(args.results)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_text(json.dumps({"command": command, "results": results,
                                                  "load_average": list(os.getloadavg())}, indent=1), encoding="utf-8")
    table = markdown(results, command)
    (out / f"{stem}.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
