#!/usr/bin/python3
"""Prints the markdown table of bench/side_by_side.sh from its logs.

Usage: python3 bench/side_by_side_table.py LOG...
Each log is named r<round>_t<threads>_<impl>[_<measure>].log (impl: cnncompiler or pytorch) and holds RESULT lines.
Per (measure, threads, implementation) the figure is the median over rounds of each run's own median.
"""
import os, re, statistics, sys
from collections import defaultdict

NAME = re.compile(r'r(\d+)_t(\d+)_(cnncompiler|pytorch)(?:_\w+)?\.log$')


def parse(path):
    results = []
    with open(path, errors='replace') as f:
        for line in f:
            if line.startswith('RESULT '):
                parts = line.split()
                results.append((parts[1], dict(p.split('=', 1) for p in parts[2:] if '=' in p)))
    return results


def num(d, key):
    try:
        return float(d[key])
    except (KeyError, ValueError):
        return float('nan')


def med(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float('nan')


def main(paths):
    # figures[(measure, threads, impl)] -> list of per-run dicts
    runs = defaultdict(list)
    allocs, failures = [], []
    for path in paths:
        m = NAME.search(os.path.basename(path))
        if not m:
            continue
        _, threads, impl = m.groups()
        results = parse(path)
        if not any(name in ('lenet_train', 'lenet_infer_b1', 'lenet_infer_b64') or name.endswith('_alloc') for name, _ in results):
            failures.append(os.path.basename(path))
        for name, d in results:
            if name in ('lenet_train', 'lenet_infer_b1', 'lenet_infer_b64'):
                runs[(name, int(threads), impl)].append(d)
            elif name.endswith('_alloc'):
                allocs.append((name, int(threads), d))

    rows = [('lenet_train', 'training, img/s (batch 64, SGD momentum)', 'img_per_s', True),
            ('lenet_infer_b1', 'inference batch 1, median latency µs', 'median_us', False),
            ('lenet_infer_b64', 'inference batch 64, img/s', 'img_per_s', True)]
    thread_counts = sorted({t for (_, t, _) in runs})
    notes = []
    print('| measure | threads | CnnCompiler | PyTorch | speed-up (× PyTorch) | other load (ours / PyTorch) |')
    print('|---|---|---|---|---|---|')
    for name, label, key, higher_is_better in rows:
        for t in thread_counts:
            ours, peer = runs.get((name, t, 'cnncompiler'), []), runs.get((name, t, 'pytorch'), [])
            if not ours and not peer:
                continue
            a, b = med([num(d, key) for d in ours]), med([num(d, key) for d in peer])
            speedup = (a / b if higher_is_better else b / a) if a == a and b == b and a > 0 and b > 0 else float('nan')

            def cell(v, runs_, show_flops):
                if v != v:
                    return 'n/a'
                text = f'{v:,.0f}' if v >= 100 else f'{v:.1f}'
                if show_flops:
                    g, p = med([num(d, 'gflops') for d in runs_]), med([num(d, 'pct_peak') for d in runs_])
                    text += f' ({g:.1f} GFLOP/s, {p:.0f}% of peak)'
                return text

            ours_cell = cell(a, ours, key == 'img_per_s')
            reported = {int(d.get('threads', t)) for d in ours}
            if ours and reported != {t}:
                ours_cell += ' ¹'
                notes.append(f'¹ {name} threads={t}: the network reported threads={sorted(reported)}: the generated class '
                             'has no settable Threads property, so it ran on one thread.')
            cores = med([num(d, 'cores_used') for d in ours])
            peer_cores = med([num(d, 'cores_used') for d in peer])
            if ours and t > 1 and cores == cores and cores < 0.75 * t:
                ours_cell += ' ²'
                why = ('a single sample runs on the calling thread by design: handing it to another thread costs more than it saves'
                       if name != 'lenet_train' and cores >= 0.75 else 'other processes held the cores')
                notes.append(f'² {name} threads={t}: CnnCompiler kept {cores:.2f} cores busy on average, PyTorch '
                             f'{peer_cores:.2f} ({why}).')
            load = f"{med([num(d, 'other_load_mean') for d in ours]):.2f} / {med([num(d, 'other_load_mean') for d in peer]):.2f}"
            sp = f'{speedup:.2f}×' if speedup == speedup else 'n/a'
            print(f'| {label} | {t} | {ours_cell} | {cell(b, peer, key == "img_per_s")} | {sp} | {load} |')
    print()
    rounds = {len(v) for v in runs.values()}
    print(f'Figures: median over {"/".join(map(str, sorted(rounds)))} round(s) of each run\'s median. '
          'Training GFLOP/s count 3× the forward FLOPs (forward + input gradient + weight gradient; 0.833 MFLOP forward '
          'per image); peak = 117 GFLOP/s per core × threads. "other load" = share of all CPUs used by other processes '
          'during the timed parts (0 = quiet): the machine is shared, so compare ratios from one session, not absolute '
          'figures across sessions.')
    for note in dict.fromkeys(notes):
        print(note)
    for t in thread_counts:
        acc = [(impl, med([num(d, 'test_acc') for d in runs.get(('lenet_train', t, impl), [])])) for impl in ('cnncompiler', 'pytorch')]
        print(f'Test accuracy after the timed training (threads={t}): ' + ', '.join(f'{i} {a:.2%}' for i, a in acc if a == a))
    if allocs:
        worst = defaultdict(float)
        for name, _, d in allocs:
            for k, v in d.items():
                if 'bytes' in k:
                    worst[(name, k)] = max(worst[(name, k)], float(v))
        print('Allocations (worst over runs): ' + ', '.join(f'{n} {k}={v:.0f}' for (n, k), v in sorted(worst.items())))
    if failures:
        print('Runs without results (see their logs): ' + ', '.join(failures))


if __name__ == '__main__':
    main(sys.argv[1:])
