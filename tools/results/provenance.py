#!/usr/bin/env python3
"""Writes provenance.json for docs/results/measured/<name>/: one entry per run file of a dec4j result
folder (versions, machine, thread count, data SHA-256, command, settings, scores, timings), without the
per-row assignments, traces and embedding samples that make the run files large.

    python3 tools/results/provenance.py RESULT_FOLDER > docs/results/measured/NAME/provenance.json
"""
import json
import pathlib
import sys


def entry(folder, path):
    run = json.loads(path.read_text())
    config, prov = run["config"], run["provenance"]
    return {
        "file": str(path.relative_to(folder)),
        "method": config["method"],
        "encoder": config.get("encoder"),
        "seed": config["seed"],
        "kmeans_restarts": config.get("kmeansRestarts"),
        "pretrain": config.get("pretrain"),
        "method_params": config.get("methodParams", {}),
        "dataset_params": config.get("datasetParams", {}),
        "dec4j": prov.get("dec4jVersion"),
        "libraries": prov.get("libraries"),
        "machine": prov.get("machine"),
        "data_sha256": prov.get("data", {}).get("sha256"),
        "started": prov.get("startedAt"),
        "command": prov.get("command"),
        "scores": run.get("scores"),
        "iterations": run.get("iterations"),
        "converged": run.get("converged"),
        "timings": run.get("timings"),
    }


def main():
    folder = pathlib.Path(sys.argv[1])
    files = sorted((folder / "runs").glob("*/*.json"))
    if not files:
        sys.exit(f"{folder}: no run files under runs/<dataset>/")
    json.dump([entry(folder, f) for f in files], sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
