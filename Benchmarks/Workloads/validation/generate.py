#!/usr/bin/env python3
"""Writes the validation workloads: documents that make OverlappingFieldsCanBeMerged
quadratic in a naive implementation. Deterministic; rerun to rewrite the same files."""
import pathlib

here = pathlib.Path(__file__).parent
n = 2000
documents = {
    "repeated-2000": "{\n" + "  rescues { id }\n" * n + "}\n",
    "aliases-2000": "{\n" + "".join(f"  a{i}: rescue(id: \"{i}\") {{ id }}\n" for i in range(n)) + "}\n",
    "nested-2000": "{\n" + "  rescues { id rider { id name } }\n" * n + "}\n",
    "conflict-2000": "{\n" + "  x: rescues { id }\n" * n + "  x: rescue(id: \"1\") { id }\n}\n",
}
for name, text in documents.items():
    (here / f"{name}.graphql").write_text(text)
