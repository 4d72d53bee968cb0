#!/usr/bin/env python3
"""Turns graphql-bench output lines into the Markdown table of Benchmarks/README.md
and checks that engines agree with graphql-js.

    report.py RESULTS_DIR --workloads small list1000 --engines graphql-js graphqlswift ours

RESULTS_DIR holds one file per run, named WORKLOAD.ENGINE.ROUND.json (or
WORKLOAD.ENGINE.json), each the single line a runner printed; an empty file means
the run failed. The table has the median ops/s of the rounds per engine, the ratios ours/graphql-js and ours/GraphQLSwift when `ours` ran,
and per engine whether its `result` equals graphql-js's after canonical JSON
formatting (tools/canonical_json.py); ours's errors are compared without their
`extensions.code`, which graphql-js does not give (canonical_json.without_error_codes).

Exit status 1 when `ours` ran and its result differs from graphql-js's on any
workload (the benchmark's correctness check), or when one of its runs failed;
0 otherwise. Differences of GraphQLSwift are reported, not failed: they are the
peer's limitations, and the notes under the table name them.
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from canonical_json import canonical, without_error_codes  # noqa: E402

TITLES = {"graphql-js": "graphql-js 16", "graphqlswift": "GraphQLSwift 4.3", "ours": "ours"}


def load(results, workload, engine):
    """The first round's line with the median ops/s of all rounds, or None when
    there is no run or any round failed."""
    prefix = "%s.%s." % (workload, engine)
    names = sorted(n for n in os.listdir(results)
                   if n.startswith(prefix) and n.endswith(".json")
                   and (n == prefix + "json" or n[len(prefix):-len(".json")].isdigit()))
    lines = []
    for name in names:
        try:
            with open(os.path.join(results, name), encoding="utf-8") as f:
                text = f.read().strip()
            lines.append(json.loads(text) if text else None)
        except (OSError, ValueError):
            lines.append(None)
    if not lines or any(line is None for line in lines):
        return None
    line = dict(lines[0])
    line["opsPerSec"] = statistics.median(l["opsPerSec"] for l in lines)
    line["cpuOpsPerSec"] = statistics.median(l.get("cpuOpsPerSec", 0) for l in lines)
    line["rounds"] = lines
    return line


def first_error(result):
    errors = result.get("errors") if isinstance(result, dict) else None
    if errors:
        message = str(errors[0].get("message", "")).split("\n")[0]
        return message[:90]
    return None


def comparable(line):
    """The result of a runner's line as compared with graphql-js's: ours without
    the `extensions.code` graphql-js does not give (canonical_json.without_error_codes)."""
    result = line["result"]
    return without_error_codes(result) if line.get("engine") == "ours" else result


def agreement(line, reference):
    """'yes', or a short reason why `line`'s result differs from graphql-js's."""
    if line is None:
        return "run failed"
    if reference is None:
        return "no reference"
    expected = canonical(reference["result"])
    if all(canonical(comparable(l)) == expected for l in line["rounds"]):
        return "yes"
    error = first_error(line["result"])
    if error and not first_error(reference["result"]):
        return "no: error \u201c%s\u201d" % error
    return "no: differs"


def ops(line, key="opsPerSec"):
    return "failed" if line is None else "{:,.1f}".format(line[key])


def ratio(mine, theirs, key="opsPerSec"):
    if mine is None or theirs is None or not theirs[key]:
        return "\u2013"
    return "%.1f\u00d7" % (mine[key] / theirs[key])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--workloads", nargs="+", required=True)
    parser.add_argument("--engines", nargs="+", required=True)
    args = parser.parse_args()

    engines = args.engines
    others = [e for e in engines if e != "graphql-js"]
    header = ["workload"] + ["%s ops/s" % TITLES.get(e, e) for e in engines]
    if "ours" in engines:
        header += ["ours / graphql-js", "ours / GraphQLSwift"]
    header += ["%s = graphql-js" % TITLES.get(e, e) for e in others]
    print("| " + " | ".join(header) + " |")
    numeric = len(header) - len(others)
    print("|" + "|".join([" --- "] + [" ---: "] * (numeric - 1) + [" --- "] * len(others)) + "|")

    failed = False
    notes = []
    for workload in args.workloads:
        lines = {e: load(args.results, workload, e) for e in engines}
        row = [workload] + [ops(lines[e]) for e in engines]
        if "ours" in engines:
            swift = lines.get("graphqlswift")
            swift_fails = swift is not None and agreement(swift, lines.get("graphql-js")).startswith("no: error")
            row += [ratio(lines["ours"], lines.get("graphql-js")),
                    "n/a (peer fails)" if swift_fails else ratio(lines["ours"], swift)]
        for engine in others:
            verdict = agreement(lines[engine], lines.get("graphql-js"))
            row.append(verdict)
            if engine == "ours" and verdict not in ("yes", "no reference"):
                failed = True
            line = lines[engine]
            for note in (line or {}).get("notes", []):
                text = "%s: %s" % (TITLES.get(engine, engine), note)
                if text not in notes:
                    notes.append(text)
        print("| " + " | ".join(row) + " |")
    for note in notes:
        print("\n- " + note, end="")
    if notes:
        print()

    # The same runs per second of process CPU time: steadier on a shared machine.
    print()
    header = ["workload"] + ["%s ops/CPU-s" % TITLES.get(e, e) for e in engines]
    if "ours" in engines:
        header += ["ours / graphql-js", "ours / GraphQLSwift"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join([" --- "] + [" ---: "] * (len(header) - 1)) + "|")
    for workload in args.workloads:
        lines = {e: load(args.results, workload, e) for e in engines}
        row = [workload] + [ops(lines[e], "cpuOpsPerSec") for e in engines]
        if "ours" in engines:
            row += [ratio(lines["ours"], lines.get("graphql-js"), "cpuOpsPerSec"),
                    ratio(lines["ours"], lines.get("graphqlswift"), "cpuOpsPerSec")]
        print("| " + " | ".join(row) + " |")
    if failed:
        print("\nFAILED: ours does not return graphql-js's result on every workload", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
