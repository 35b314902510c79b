#!/usr/bin/env python3
"""Joins the runs.csv tables of several dec4j result folders (e.g. seeds run at different times, whose
run files are not all on one machine any more) and prints one Markdown table: per data set and method
variant, the seeds, ACC / NMI / ARI as mean ± sample standard deviation, and the mean wall time per run.

    python3 tools/results/summarise.py docs/results/measured/mnist/runs.csv runs/results-mnist-s34/runs.csv
    python3 tools/results/summarise.py --same "kmeans=kmeans (kmeans_restarts=20)" A/runs.csv B/runs.csv

A report labels a variant by what tells it apart within its own folder, so one variant can carry two
labels in two folders; --same OLD=NEW reads label OLD as NEW. A (data set, variant, seed) that appears in
more than one table is an error: it names both files. --csv writes the joined rows instead.
"""
import csv
import statistics
import sys


def main(args):
    same, paths, as_csv = {}, [], False
    while args:
        a = args.pop(0)
        if a == "--same":
            old, new = args.pop(0).split("=", 1)
            same[old] = new
        elif a == "--csv":
            as_csv = True
        else:
            paths.append(a)
    rows, seen, joined = {}, {}, []
    for path in paths:
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            fields = reader.fieldnames
            for r in reader:
                r["variant"] = same.get(r["variant"], r["variant"])
                joined.append(r)
                key = (r["dataset"], r["variant"], int(r["seed"]))
                if key in seen:
                    sys.exit(f"{path}: {key} was already read from {seen[key]}")
                seen[key] = path
                rows.setdefault(key[:2], []).append(r)
    if as_csv:
        w = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(joined)
        return
    print("| data set | method | seeds | ACC | NMI | ARI | time per run |")
    print("|---|---|---|---:|---:|---:|---:|")
    for (dataset, variant), runs in rows.items():
        runs.sort(key=lambda r: int(r["seed"]))
        cells = []
        for metric in ("acc", "nmi", "ari"):
            v = [float(r[metric]) for r in runs]
            sd = statistics.stdev(v) if len(v) > 1 else 0.0
            cells.append(f"{statistics.mean(v):.3f} ± {sd:.3f}")
        seconds = statistics.mean(float(r["total_seconds"]) for r in runs)
        seeds = ",".join(r["seed"] for r in runs)
        print(f"| {dataset} | {variant} | {seeds} | {' | '.join(cells)} | {seconds / 60:.1f} min |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
