"""Conformance checks of a built faircat site; run through scripts/conformance.sh.

usage: conformance.py STANDARDS_DIR SITE_DIR

1. `mlcroissant validate --jsonld` on every datasets/<slug>/croissant.json: exit code 0 and no
   error in its output. The number of files must equal the number of datasets in
   api/catalog.json.
2. pyshacl with the DCAT-AP 3.0.1 shapes (shapes.ttl + range.ttl) on catalog.ttl and on
   catalog.jsonld: zero violations.
3. pyshacl with the FAIR Data Point shapes (shacl-fdp.ttl + shacl-catalog.ttl) on the union of
   the Turtle records under fdp/ (`*.ttl`, each with a JSON-LD twin that must hold the same
   graph, and the extension-less dataset and distribution records): zero violations.

   The published FDP shapes contain three constraints no data can satisfy, so they are checked
   twice. (a) As published: every violation must come from one of those three constraints, and
   any other violation fails the run. (b) With each of the three read as intended (printed
   below): zero violations.
     - a second `fdp-o:metadataIdentifier` property with `sh:datatype xsd:dateTime`
       (metadataIdentifier must also be an IRI): read as `fdp-o:metadataModified`;
     - `sh:nodeKind fdp-o:FAIRDataPoint` (not a node kind): read as `sh:class`;
     - `sh:nodeKind fdp-o:metadataCatalog` (not a node kind): read as `sh:hasValue`.

Exits 1 on any error or violation, 2 on bad usage.
"""

import concurrent.futures
import json
import pathlib
import subprocess
import sys

import pyshacl
import rdflib
from rdflib.namespace import RDF, SH, XSD

FDP = rdflib.Namespace("https://w3id.org/fdp/fdp-o#")
NODE_KINDS = {SH.IRI, SH.BlankNode, SH.Literal, SH.BlankNodeOrIRI, SH.BlankNodeOrLiteral, SH.IRIOrLiteral}

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL: {message}")


def croissant(site, mlcroissant):
    files = sorted(site.glob("datasets/*/croissant.json"))
    catalog = site / "api" / "catalog.json"
    expected = len(json.loads(catalog.read_text())["datasets"]) if catalog.exists() else None
    if expected is None:
        fail(f"{catalog} is missing")
    elif len(files) != expected:
        fail(f"{len(files)} croissant.json files for {expected} datasets")
    if not files:
        fail("no croissant.json to validate")

    def run(path):
        done = subprocess.run(
            [mlcroissant, "validate", "--jsonld", str(path)],
            capture_output=True, text=True, timeout=600,
        )
        return path, done

    warnings = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for path, done in pool.map(run, files):
            output = done.stdout + done.stderr
            errors = [l for l in output.splitlines() if l.startswith("E") or "error(s)" in l]
            warnings += sum(1 for l in output.splitlines() if l.lstrip().startswith("-  ["))
            if done.returncode != 0 or errors:
                fail(f"mlcroissant: {path} (exit {done.returncode})\n{output}")
    print(f"croissant: {len(files)} files validated with mlcroissant, "
          f"{len(files) - sum(1 for f in failures if f.startswith('mlcroissant'))} without errors "
          f"({warnings} recommendation warnings)")


def violations(report):
    """The top-level sh:Violation results of a report graph (nested ones are their sh:detail)."""
    nested = set(report.objects(None, SH.detail))
    return [
        r for r in report.objects(None, SH.result)
        if r not in nested and report.value(r, SH.resultSeverity) == SH.Violation
    ]


def shacl(label, data, shapes):
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False)
    found = violations(report)
    if found or not conforms:
        fail(f"{label}: {len(found)} violations\n{text}")
    return found


def load(paths, fmt=None):
    g = rdflib.Graph()
    for p in paths:
        g.parse(p, format=fmt)
    return g


def dcat(site, standards):
    shapes = load([standards / "dcat-ap-3.0.1" / "shapes.ttl", standards / "dcat-ap-3.0.1" / "range.ttl"])
    for name, fmt in (("catalog.ttl", "turtle"), ("catalog.jsonld", "json-ld")):
        path = site / name
        if not path.exists():
            fail(f"{path} is missing")
            continue
        data = load([path], fmt)
        found = shacl(f"DCAT-AP 3.0.1 on {name}", data, shapes)
        print(f"dcat-ap: {name}: {len(data)} triples, {len(found)} violations")
    ttl, jsonld = site / "catalog.ttl", site / "catalog.jsonld"
    if ttl.exists() and jsonld.exists():
        from rdflib.compare import isomorphic
        if not isomorphic(load([ttl], "turtle"), load([jsonld], "json-ld")):
            fail("catalog.ttl and catalog.jsonld hold different graphs")


def is_known_defect(shapes, report, result):
    """Whether a result comes from one of the unsatisfiable constraints (directly, or as an
    sh:node result all of whose details do)."""
    shape = report.value(result, SH.sourceShape)
    component = report.value(result, SH.sourceConstraintComponent)
    if component == SH.NodeConstraintComponent:
        details = list(report.objects(result, SH.detail))
        return bool(details) and all(is_known_defect(shapes, report, d) for d in details)
    if component == SH.DatatypeConstraintComponent:
        return (shapes.value(shape, SH.path) == FDP.metadataIdentifier
                and shapes.value(shape, SH.datatype) == XSD.dateTime)
    if component == SH.NodeKindConstraintComponent:
        return shapes.value(shape, SH.nodeKind) not in NODE_KINDS
    return False


def read_as_intended(shapes):
    """Apply the three readings described in the module docstring; return what was changed."""
    changed = []
    for shape in list(shapes.subjects(SH.datatype, XSD.dateTime)):
        if shapes.value(shape, SH.path) == FDP.metadataIdentifier:
            shapes.set((shape, SH.path, FDP.metadataModified))
            changed.append("metadataIdentifier/xsd:dateTime -> metadataModified")
    for shape, kind in list(shapes.subject_objects(SH.nodeKind)):
        if kind in NODE_KINDS:
            continue
        shapes.remove((shape, SH.nodeKind, kind))
        if kind == FDP.FAIRDataPoint:
            shapes.add((shape, SH["class"], kind))
            changed.append("sh:nodeKind fdp-o:FAIRDataPoint -> sh:class")
        elif kind == FDP.metadataCatalog:
            shapes.add((shape, SH.hasValue, kind))
            changed.append("sh:nodeKind fdp-o:metadataCatalog -> sh:hasValue")
        else:
            fail(f"FDP shapes: unexpected sh:nodeKind {kind}; not corrected")
    return changed


def fdp(site, standards):
    folder = site / "fdp"
    twinned = sorted(folder.rglob("*.ttl"))
    # Dataset and distribution records: one extension-less Turtle file each, no twins.
    items = sorted(p for kind in ("dataset", "distribution") for p in (folder / kind).glob("*")
                   if p.is_file() and p.suffix == "")
    turtle = twinned + items
    if not twinned or not items:
        fail(f"no FAIR Data Point records under {folder}")
        return
    from rdflib.compare import isomorphic
    for ttl in twinned:
        twin = ttl.with_suffix(".jsonld")
        if not twin.exists() or not isomorphic(load([ttl], "turtle"), load([twin], "json-ld")):
            fail(f"{twin} is missing or differs from {ttl.name}")
        bare = ttl.with_suffix("")
        if bare.exists() and not isomorphic(load([ttl], "turtle"), load([bare], "turtle")):
            fail(f"{bare} differs from {ttl.name}")
    data = load(turtle, "turtle")
    files = [standards / "fdp" / "shacl-fdp.ttl", standards / "fdp" / "shacl-catalog.ttl"]

    published = load(files)
    conforms, report, text = pyshacl.validate(data, shacl_graph=published, inference="none")
    found = violations(report)
    unexplained = [r for r in found if not is_known_defect(published, report, r)]
    print(f"fdp: {len(turtle)} records, {len(data)} triples; published shapes: {len(found)} violations, "
          f"{len(found) - len(unexplained)} from their unsatisfiable constraints, {len(unexplained)} other")
    if unexplained:
        fail(f"FDP shapes as published: {len(unexplained)} violations not explained by their defects\n{text}")

    intended = load(files)
    for change in sorted(set(read_as_intended(intended))):
        print(f"fdp: shapes read as intended: {change}")
    found = shacl("FDP shapes (read as intended)", data, intended)
    print(f"fdp: shapes read as intended: {len(found)} violations")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    standards, site = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    mlcroissant = str(pathlib.Path(sys.executable).parent / "mlcroissant")
    croissant(site, mlcroissant)
    dcat(site, standards)
    fdp(site, standards)
    print(f"versions: mlcroissant {version('mlcroissant')}, pyshacl {pyshacl.__version__}, rdflib {rdflib.__version__}")
    if failures:
        print(f"conformance: {len(failures)} failure(s)")
        sys.exit(1)
    print("conformance: all checks passed")


def version(name):
    from importlib.metadata import version as v
    return v(name)


if __name__ == "__main__":
    main()
