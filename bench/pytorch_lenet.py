#!/usr/bin/python3
"""PyTorch peer of CnnCompiler.Bench for the side-by-side comparison (bench/side_by_side.sh).

The same LeNet-5, recipe and timing method as bench/CnnCompiler.Bench: Fashion-MNIST x/255, batch 64, SGD lr 0.05
momentum 0.9, cross-entropy; every measurement warms up (a number of steps/calls and a minimum time), then reports the
median of timed repetitions. PyTorch at its best on this machine: OPENBLAS_NUM_THREADS=1 (set here before torch is
imported unless already set) and torch.set_num_threads(N) doing the parallel work.

Usage: /usr/bin/python3 bench/pytorch_lenet.py [--threads N] [--quick] [--commands train,b1,b64] [--epochs 3]
       [--steps N --blocks N] [--warmup N] [--iters 5000] [--passes 10] [--seed 42] [--data DIR] [--peak 117]
Prints RESULT lines with the same names and keys as CnnCompiler.Bench (plus impl=pytorch).
"""
import os
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')

import argparse, gzip, statistics, time
import numpy as np
import torch
import torch.nn as nn

DATA = '/usr/share/datasets/fashion-mnist'
BATCH, LR, MOMENTUM = 64, 0.05, 0.9
# forward FLOPs per image = 2 x MACs of the conv and dense layers (bias, ReLU, pooling, loss not counted): 833,040
FWD_FLOPS = 2 * (6 * 28 * 28 * 25 + 16 * 10 * 10 * 150 + 400 * 120 + 120 * 84 + 84 * 10)
TRAIN_FLOPS = 3 * FWD_FLOPS  # forward + grad wrt inputs + grad wrt weights
QUIET = 0.10
_CLK = os.sysconf('SC_CLK_TCK')
_NCPU = os.cpu_count()


class Mark:
    """Wall time, machine busy CPU-s (/proc/stat) and own CPU-s at one moment; like CpuMark in the C# harness."""

    def __init__(self):
        with open('/proc/stat') as f:
            v = [int(x) for x in f.readline().split()[1:9]]
        self.busy = (v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / _CLK
        t = os.times()
        self.own = t.user + t.system
        self.wall = time.perf_counter()

    def since(self):
        """(share of all CPUs used by other processes, cores this process kept busy) since this mark."""
        now = Mark()
        wall = now.wall - self.wall
        own = now.own - self.own
        other = (now.busy - self.busy) - own
        return max(0.0, other / (_NCPU * wall)), own / wall


def load_idx(path):
    with gzip.open(path, 'rb') as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], 'big') for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_split(directory, kind):
    x = load_idx(os.path.join(directory, f'{kind}-images-idx3-ubyte.gz'))
    y = load_idx(os.path.join(directory, f'{kind}-labels-idx1-ubyte.gz'))
    return (torch.from_numpy(x.astype(np.float32) / 255.0).unsqueeze(1).contiguous(),
            torch.from_numpy(y.astype(np.int64)))


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))


def result(name, **kv):
    def fmt(v):
        return f'{v:.{3 if abs(v) < 100 else 1}f}' if isinstance(v, float) else str(v)
    print('RESULT ' + name + ' impl=pytorch ' + ' '.join(f'{k}={fmt(v)}' for k, v in kv.items()), flush=True)


def median(values):
    return statistics.median(values) if values else float('nan')


def bench_train(a, xtr, ytr, xte, yte):
    torch.manual_seed(a.seed)
    model = lenet()
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
    lossf = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(a.seed)
    n = xtr.shape[0]
    model.train()

    def batches():
        while True:  # endless shuffled epochs, like MiniBatchLoader; None marks an epoch's end
            perm = torch.randperm(n, generator=g)
            for i in range(0, n, BATCH):
                idx = perm[i:i + BATCH]
                yield xtr[idx], ytr[idx]
            yield None

    def step(xb, yb):
        opt.zero_grad(set_to_none=True)
        loss = lossf(model(xb), yb)
        loss.backward()
        opt.step()
        return loss.item()  # read every step, as TrainStep returns the loss

    warmup_steps = a.warmup if a.warmup is not None else (30 if a.quick else 200)
    source = batches()
    t0, done = time.perf_counter(), 0
    while done < warmup_steps or time.perf_counter() - t0 < a.min_warmup_s:
        b = next(source)
        if b is None:
            continue
        step(*b)
        done += 1
    print(f'INFO train warm-up: {done} steps in {time.perf_counter() - t0:.2f} s', flush=True)
    source = batches()  # timed epochs start at an epoch boundary, as the C# harness's do

    steps_per_block = a.steps if a.steps is not None else (100 if a.quick and a.epochs is None else None)
    by_epoch = steps_per_block is None
    blocks = (a.epochs or 3) if by_epoch else (a.blocks or (3 if a.quick else 5))
    rates, loads = [], []
    overall = Mark()
    for block in range(1, blocks + 1):
        m0 = Mark()
        t0 = time.perf_counter()
        images, steps, loss_sum = 0, 0, 0.0
        while True:
            if not by_epoch and steps == steps_per_block:
                break
            b = next(source)
            if b is None:
                if by_epoch:
                    break
                continue
            loss_sum += step(*b) * b[0].shape[0]
            images += b[0].shape[0]
            steps += 1
        dt = time.perf_counter() - t0
        load, _ = m0.since()
        rates.append(images / dt)
        loads.append(load)
        result('lenet_train_block', block=block, kind='epoch' if by_epoch else 'steps', threads=a.threads, steps=steps,
               images=images, seconds=f'{dt:.3f}', img_per_s=images / dt, mean_loss=f'{loss_sum / images:.4f}', other_load=load)
    _, cores = overall.since()

    model.eval()
    correct = 0
    with torch.inference_mode():
        for i in range(0, xte.shape[0], 256):
            correct += (model(xte[i:i + 256]).argmax(1) == yte[i:i + 256]).sum().item()
    med = median(rates)
    gflops = med * TRAIN_FLOPS / 1e9
    quiet = [r for r, l in zip(rates, loads) if l < QUIET]
    result('lenet_train', threads=a.threads, batch=BATCH,
           timed=f'{blocks}_epochs' if by_epoch else f'{blocks}x{steps_per_block}_steps',
           img_per_s=med, gflops=gflops, pct_peak=100 * gflops / (a.peak * a.threads),
           img_per_s_min=min(rates), img_per_s_max=max(rates), quiet_blocks=f'{len(quiet)}/{len(rates)}',
           img_per_s_quiet_median=median(quiet), test_acc=f'{correct / xte.shape[0]:.4f}', flops_per_img=TRAIN_FLOPS,
           flops_convention='3x_forward', peak_gflops=round(a.peak * a.threads), cores_used=cores,
           other_load_mean=statistics.mean(loads))


def bench_b1(a, xte):
    torch.manual_seed(a.seed)
    model = lenet().eval()
    n = xte.shape[0]
    with torch.inference_mode():
        warmup_calls = a.warmup if a.warmup is not None else 2000
        t0, i = time.perf_counter(), 0
        while i < warmup_calls or time.perf_counter() - t0 < a.min_warmup_s:
            model(xte[i % n: i % n + 1])
            i += 1
        print(f'INFO b1 warm-up: {i} calls in {time.perf_counter() - t0:.2f} s', flush=True)
        iters = a.iters or (3000 if a.quick else 5000)
        lat, quiet, loads = [], [], []
        overall = Mark()
        for c0 in range(0, iters, 500):  # chunks of 500 calls, each with its own other-process load
            m0 = Mark()
            chunk = []
            for k in range(c0, min(iters, c0 + 500)):
                xi = xte[k % n: k % n + 1]
                t = time.perf_counter_ns()
                model(xi)
                chunk.append((time.perf_counter_ns() - t) / 1000.0)
            load, _ = m0.since()
            loads.append(load)
            lat += chunk
            if load < QUIET:
                quiet += chunk
        _, cores = overall.since()
    s = sorted(lat)
    q = lambda p: s[min(len(s) - 1, int(p * len(s)))]
    med = median(lat)
    result('lenet_infer_b1', threads=a.threads, iters=iters, median_us=med, p10_us=q(0.1), p90_us=q(0.9), p99_us=q(0.99),
           min_us=s[0], quiet_iters=len(quiet), quiet_median_us=median(quiet), img_per_s=1e6 / med, cores_used=cores,
           other_load_mean=statistics.mean(loads))


def bench_b64(a, xte):
    torch.manual_seed(a.seed)
    model = lenet().eval()
    n = xte.shape[0]

    def one_pass():
        for i in range(0, n, BATCH):
            model(xte[i:i + BATCH])

    with torch.inference_mode():
        warmup_passes = a.warmup if a.warmup is not None else 1
        t0, p = time.perf_counter(), 0
        while p < warmup_passes or time.perf_counter() - t0 < a.min_warmup_s:
            one_pass()
            p += 1
        print(f'INFO b64 warm-up: {p} passes in {time.perf_counter() - t0:.2f} s', flush=True)
        passes = a.passes or (3 if a.quick else 10)
        rates, loads = [], []
        overall = Mark()
        for _ in range(passes):
            m0 = Mark()
            t0 = time.perf_counter()
            one_pass()
            rates.append(n / (time.perf_counter() - t0))
            loads.append(m0.since()[0])
        _, cores = overall.since()
    med = median(rates)
    gflops = med * FWD_FLOPS / 1e9
    quiet = [r for r, l in zip(rates, loads) if l < QUIET]
    result('lenet_infer_b64', threads=a.threads, batch=BATCH, passes=passes, img_per_s=med, gflops=gflops,
           pct_peak=100 * gflops / (a.peak * a.threads), img_per_s_min=min(rates), img_per_s_max=max(rates),
           quiet_passes=f'{len(quiet)}/{len(rates)}', img_per_s_quiet_median=median(quiet), flops_per_img=FWD_FLOPS,
           cores_used=cores, other_load_mean=statistics.mean(loads))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--quick', action='store_true', help='a short smoke run; figures are indicative only')
    ap.add_argument('--commands', default='train,b1,b64')
    ap.add_argument('--epochs', type=int, default=None, help='timed full epochs (default 3)')
    ap.add_argument('--steps', type=int, default=None, help='time blocks of this many steps instead of epochs')
    ap.add_argument('--blocks', type=int, default=None)
    ap.add_argument('--warmup', type=int, default=None)
    ap.add_argument('--iters', type=int, default=None)
    ap.add_argument('--passes', type=int, default=None)
    ap.add_argument('--seed', type=int, default=42)
    ap.add_argument('--data', default=DATA)
    ap.add_argument('--peak', type=float, default=117.0, help='per-core peak GFLOP/s for pct_peak')
    a = ap.parse_args()
    a.min_warmup_s = 0.3 if a.quick else 1.0
    commands = a.commands.split(',')
    unknown = set(commands) - {'train', 'b1', 'b64'}
    if unknown:
        ap.error(f'unknown commands {sorted(unknown)}; the commands are train, b1, b64')

    torch.set_num_threads(a.threads)
    t0 = time.perf_counter()
    xtr, ytr = load_split(a.data, 'train')
    xte, yte = load_split(a.data, 't10k')
    print(f'INFO torch={torch.__version__} threads={torch.get_num_threads()} '
          f'OPENBLAS_NUM_THREADS={os.environ.get("OPENBLAS_NUM_THREADS")} data={a.data} train={xtr.shape[0]} '
          f'test={xte.shape[0]} load_s={time.perf_counter() - t0:.2f} quick={a.quick} flops_per_img_fwd={FWD_FLOPS}', flush=True)
    if 'train' in commands:
        bench_train(a, xtr, ytr, xte, yte)
    if 'b1' in commands:
        bench_b1(a, xte)
    if 'b64' in commands:
        bench_b64(a, xte)


if __name__ == '__main__':
    main()
