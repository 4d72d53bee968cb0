#!/usr/bin/env python3
"""Canonical JSON for comparing GraphQL responses of different engines.

    canonical_json.py FILE            prints the canonical form of FILE's JSON
    canonical_json.py --result FILE   the same for the "result" member of a
                                      graphql-bench output line

Canonical means: no insignificant whitespace, member order kept as written (a
GraphQL response's order is meaningful, https://spec.graphql.org/October2021/#sec-Serialized-Map-Ordering),
strings re-escaped one way, and numbers printed the way ECMAScript's
Number.prototype.toString does (so 5, 5.0 and 5e0 are all `5`, and a float is
its shortest round-tripping form). Two responses are the same when their
canonical forms are byte-equal.
"""
import json
import math
import sys


def number(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        value = float(value) if abs(value) < 2**53 else value
        if isinstance(value, int):
            return str(value)
    if not math.isfinite(value):
        raise ValueError("JSON cannot hold %r" % value)
    if value == 0:
        return "0"
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)  # shortest round-tripping digits
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        text = "%se%s%d" % (mantissa, sign, abs(int(exponent)))
    return text


def canonical(value):
    if value is None:
        return "null"
    if isinstance(value, (bool, int, float)):
        return number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(
            json.dumps(key, ensure_ascii=False) + ":" + canonical(item) for key, item in value.items()
        ) + "}"
    raise TypeError("not a JSON value: %r" % (value,))


def without_error_codes(result):
    """`result` with `extensions.code` taken out of every entry of its `errors`
    (and `extensions` dropped when nothing else is left in it).

    Our engine gives each error a machine-readable `extensions.code` (the spec
    allows `extensions` on errors, https://spec.graphql.org/October2021/#sec-Errors.Error-Result-Format);
    graphql-js 16 gives none. The benchmark compares what both engines answer, so
    the check removes that one member from ours before comparing; every other
    part of an error (message, locations, path, other extensions) must match.
    """
    if not isinstance(result, dict) or not isinstance(result.get("errors"), list):
        return result
    errors = []
    for error in result["errors"]:
        if isinstance(error, dict) and isinstance(error.get("extensions"), dict) and "code" in error["extensions"]:
            error = dict(error)
            extensions = {k: v for k, v in error["extensions"].items() if k != "code"}
            if extensions:
                error["extensions"] = extensions
            else:
                del error["extensions"]
        errors.append(error)
    result = dict(result)
    result["errors"] = errors
    return result


def main(argv):
    if len(argv) == 3 and argv[1] == "--result":
        with open(argv[2], encoding="utf-8") as f:
            value = json.load(f)["result"]
    elif len(argv) == 2:
        with open(argv[1], encoding="utf-8") as f:
            value = json.load(f)
    else:
        sys.stderr.write(__doc__)
        return 2
    sys.stdout.write(canonical(value) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
