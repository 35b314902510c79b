#!/usr/bin/env python3
"""PyTorch counterpart of `dec4j bench`, for same-machine ratios.

Measures, as dec4j's bench does: the sgemm peak (2048 x 2048 x 2048 products, GFLOP/s), seconds per
pretraining epoch of the d-500-500-2000-10 autoencoder (batch 256, Adam 0.001, MSE), milliseconds per
part of one pretraining step (forward + loss, forward + backward, the Adam update, the whole step, and
the SGD momentum update of DEC-keras' pretraining recipe), and
seconds per 1,000 clustering iterations of DEC (SGD 0.01, momentum 0.9, KL(P||Q)) and IDEC (Adam 0.001,
MSE + 0.1 KL), the target P refreshed on all data every 140 iterations (refreshes included). Median,
min and max of several repetitions, with the 1-minute load average. Run it just before or after
`dec4j bench` on the same machine, and give its saved output to `dec4j bench --pytorch FILE`, which
then prints dec4j's time over PyTorch's for every row and thread count both measured:

    python3 tools/bench/pytorch_reference.py --data-dir ../shared/datasets/mnist --threads 1,2 > torch.txt
    ./dec4j bench --data-dir ../shared/datasets --pytorch torch.txt

Every row is measured at each thread count of --threads in turn (default: 1 up to the number of
processors), as `dec4j bench` does; the thr column gives the count (torch.set_num_threads).
Needs torch (Debian's python3-torch 1.13 was the issue's reference) and numpy.
"""
import argparse
import gzip
import os
import statistics
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load_mnist(folder):
    def images(name):
        with gzip.open(os.path.join(folder, name)) as f:
            return np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
    x = np.concatenate([images("train-images-idx3-ubyte.gz"), images("t10k-images-idx3-ubyte.gz")])
    return x.astype(np.float32) / 255.0


def autoencoder(d, dims):
    widths = [d] + dims
    enc, dec = [], []
    for i in range(len(dims)):
        enc.append(nn.Linear(widths[i], widths[i + 1]))
        if i < len(dims) - 1:
            enc.append(nn.ReLU())
    for i in range(len(dims), 0, -1):
        dec.append(nn.Linear(widths[i], widths[i - 1]))
        if i > 1:
            dec.append(nn.ReLU())
    return nn.Sequential(*enc), nn.Sequential(*dec)


def soft_assign(z, mu):
    q = 1.0 / (1.0 + torch.cdist(z, mu) ** 2)
    return q / q.sum(1, keepdim=True)


def target(q):
    w = q ** 2 / q.sum(0)
    return w / w.sum(1, keepdim=True)


def load1():
    return os.getloadavg()[0]


def summary(name, samples, before, after):
    print(f"{name:30s} {statistics.median(samples):9.2f} {min(samples):9.2f} {max(samples):9.2f}  "
          f"{torch.get_num_threads():3d}  load1 {before:.2f}-{after:.2f}", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", help="folder with MNIST's four .gz IDX files; random data without it")
    ap.add_argument("--threads", default=",".join(str(i) for i in range(1, (os.cpu_count() or 1) + 1)),
                    help="thread counts, comma-separated (default: 1 up to the number of processors)")
    ap.add_argument("--repetitions", type=int, default=3)
    ap.add_argument("--iterations", type=int, default=1000)
    ap.add_argument("--rows", default="sgemm,pretrain,pretrain-sgd,step,dec,idec")
    ap.add_argument("--chunk", type=int, default=512,
                    help="rows per chunk of the refreshes' full-data forward pass (dec4j's Network.CHUNK)")
    args = ap.parse_args()
    x_np = load_mnist(args.data_dir) if args.data_dir else np.random.rand(70000, 784).astype(np.float32)
    x = torch.from_numpy(x_np)
    rows = args.rows.split(",")
    print(f"torch {torch.__version__}, threads {args.threads}, data {tuple(x.shape)}, "
          f"refresh chunk {args.chunk}, load {os.getloadavg()}", flush=True)
    print(f"{'row':30s} {'median':>9s} {'min':>9s} {'max':>9s}  thr", flush=True)
    for threads in (int(t) for t in args.threads.split(",")):
        torch.set_num_threads(threads)
        torch.manual_seed(0)
        measure(args, x, rows)


def measure(args, x, rows):
    n = x.shape[0]
    if "sgemm" in rows:
        a, b = torch.rand(2048, 2048), torch.rand(2048, 2048)
        torch.mm(a, b)
        rates = []
        before = load1()
        for _ in range(max(5, args.repetitions)):
            t = time.perf_counter()
            torch.mm(a, b)
            rates.append(2 * 2048 ** 3 / (time.perf_counter() - t) / 1e9)
        summary("sgemm 2048^3 GFLOP/s", rates, before, load1())
    enc, dec = autoencoder(x.shape[1], [500, 500, 2000, 10])
    params = list(enc.parameters()) + list(dec.parameters())
    # Adam as the MNIST suite pretrains; SGD with momentum as DEC-keras' recipe does (a small rate:
    # it runs on the network the Adam row trained, and the time does not depend on it).
    for row, label, make in (("pretrain", "pretrain epoch", lambda: torch.optim.Adam(params, lr=1e-3)),
                             ("pretrain-sgd", "pretrain epoch, SGD",
                              lambda: torch.optim.SGD(params, lr=0.01, momentum=0.9))):
        if row not in rows:
            continue
        opt = make()
        times = []
        before = load1()
        for epoch in range(args.repetitions + 1):
            t = time.perf_counter()
            perm = torch.randperm(n)
            for i in range(0, n, 256):
                xb = x[perm[i:i + 256]]
                loss = F.mse_loss(dec(enc(xb)), xb)
                opt.zero_grad()
                loss.backward()
                opt.step()
            if epoch > 0:
                times.append(time.perf_counter() - t)
        summary(label, times, before, load1())
    if "step" in rows:
        # dec4j bench's step rows: one pretraining step taken apart, 40 batches per repetition.
        opt = torch.optim.Adam(params, lr=1e-3)
        perm = torch.randperm(n)
        batches = [x[perm[i * 256:(i + 1) * 256]] for i in range(40)]

        def forward(xb):
            return F.mse_loss(dec(enc(xb)), xb)

        def backward(xb):
            opt.zero_grad()
            forward(xb).backward()

        def whole(xb):
            backward(xb)
            opt.step()

        # A small rate: the SGD update runs on the same network after the Adam parts.
        sgd = torch.optim.SGD(params, lr=1e-6, momentum=0.9)
        parts = [("step: forward + loss", lambda xb: forward(xb).item()), ("step: forward + backward", backward),
                 ("step: Adam update", lambda xb: opt.step()), ("step: whole step", whole),
                 ("step: SGD update", lambda xb: sgd.step())]
        times = {name: [] for name, _ in parts}
        before = load1()
        for r in range(args.repetitions + 1):
            for name, fn in parts:
                t = time.perf_counter()
                for xb in batches:
                    fn(xb)
                if r > 0:
                    times[name].append((time.perf_counter() - t) / len(batches) * 1000)
        for name, _ in parts:
            summary(name + " (ms)", times[name], before, load1())
    for method in ("dec", "idec"):
        if method not in rows:
            continue
        with torch.no_grad():
            mu = nn.Parameter(enc(x[torch.randperm(n)[:10]]).clone())
        params = list(enc.parameters()) + [mu] + (list(dec.parameters()) if method == "idec" else [])
        opt = (torch.optim.SGD(params, lr=0.01, momentum=0.9) if method == "dec"
               else torch.optim.Adam(params, lr=1e-3))
        interval = 140
        per_rep = -(-args.iterations // interval)
        marks = []
        before = load1()
        perm = torch.randperm(n)
        pos = 0
        p = None
        for it in range((1 + per_rep * args.repetitions) * interval + 1):
            if it % interval == 0:
                with torch.no_grad():
                    q = torch.cat([soft_assign(enc(x[i:i + args.chunk]), mu)
                                   for i in range(0, n, args.chunk)])
                    p = target(q)
                    q.argmax(1).numpy()
                marks.append(time.perf_counter())
            if pos >= n:
                perm, pos = torch.randperm(n), 0
            idx = perm[pos:pos + 256]
            pos += 256
            xb = x[idx]
            z = enc(xb)
            loss = F.kl_div(soft_assign(z, mu).log(), p[idx], reduction="batchmean")
            if method == "idec":
                loss = F.mse_loss(dec(z), xb) + 0.1 * loss
            opt.zero_grad()
            loss.backward()
            opt.step()
        scale = args.iterations / (per_rep * interval)
        times = [(marks[1 + (r + 1) * per_rep] - marks[1 + r * per_rep]) * scale for r in range(args.repetitions)]
        summary(f"{method} {args.iterations} iterations", times, before, load1())


if __name__ == "__main__":
    main()
