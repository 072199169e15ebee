#!/usr/bin/python3
"""Trains LeNet-5 in PyTorch with samples/LeNet's recipe and exports the weights for CnnCompiler.

Recipe (as `dotnet run -c Release --project samples/LeNet -- --epochs 3`): full Fashion-MNIST scaled x/255, batch 64
(the last, partial batch of an epoch kept), reshuffled each epoch, SGD lr 0.05 momentum 0.9, mean cross-entropy, 3 epochs,
seed 42, one thread (OPENBLAS_NUM_THREADS=1, torch.set_num_threads(1)). Initialization, by default, is CnnCompiler's:
He normal (std sqrt(2 / fan_in)) for the layers followed by ReLU, Glorot uniform for the last, zero biases;
`--init pytorch` keeps PyTorch's default (uniform +-1/sqrt(fan_in) for weights and biases). The random streams differ
(PyTorch's generator vs CnnCompiler's SeededRandom), so the runs agree in recipe, not bit for bit.

Writes (default: samples/TransferLearning/weights/):
  lenet_pytorch.safetensors   the trained weights under samples/LeNet's state_dict names (conv1, conv2, dense1..3)
  lenet_pytorch.json          per-epoch test accuracy, and the correct-prediction count on the full test set and on
                              the shipped subset's 2,000 test images (data/fashion-mnist-subset), for the C# checks

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/pytorch_lenet_train.py [--epochs 3] [--seed 42] [--init cnncompiler|pytorch]
       [--data /usr/share/datasets/fashion-mnist] [--out DIR]
"""
import os
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')

import argparse
import gzip
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_min import save_file  # noqa: E402


def load_idx(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], 'big') for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_split(directory, kind):
    x = load_idx(os.path.join(directory, f'{kind}-images-idx3-ubyte.gz'))
    y = load_idx(os.path.join(directory, f'{kind}-labels-idx1-ubyte.gz'))
    # x / 255 in float32, as CnnCompiler's Dataset.FromIdx (divisor 255f)
    return (torch.from_numpy(x.astype(np.float32) / np.float32(255)).unsqueeze(1).contiguous(),
            torch.from_numpy(y.astype(np.int64)))


class LeNet5(nn.Module):
    """samples/LeNet/LeNet5.cs, with its layer names."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.dense1 = nn.Linear(400, 120)
        self.dense2 = nn.Linear(120, 84)
        self.dense3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.dense1(x))
        x = F.relu(self.dense2(x))
        return self.dense3(x)


def cnncompiler_init(net):
    """He normal before ReLU, Glorot uniform for the last layer, zero biases (the generated constructor's scheme)."""
    with torch.no_grad():
        for layer in (net.conv1, net.conv2, net.dense1, net.dense2):
            fan_in = layer.weight[0].numel()
            layer.weight.normal_(0.0, math.sqrt(2.0 / fan_in))
            layer.bias.zero_()
        fan_in, fan_out = net.dense3.weight.shape[1], net.dense3.weight.shape[0]
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        net.dense3.weight.uniform_(-limit, limit)
        net.dense3.bias.zero_()


def correct(net, x, y, batch=1000):
    net.eval()
    total = 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            total += int((net(x[i:i + batch]).argmax(1) == y[i:i + batch]).sum())
    net.train()
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--epochs', type=int, default=3)
    parser.add_argument('--seed', type=int, default=42)
    parser.add_argument('--batch', type=int, default=64)
    parser.add_argument('--lr', type=float, default=0.05)
    parser.add_argument('--init', choices=['cnncompiler', 'pytorch'], default='cnncompiler')
    parser.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
    parser.add_argument('--out', default=os.path.join(ROOT, 'samples', 'TransferLearning', 'weights'))
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    x_train, y_train = load_split(args.data, 'train')
    x_test, y_test = load_split(args.data, 't10k')
    subset = os.path.join(ROOT, 'data', 'fashion-mnist-subset')
    x_sub, y_sub = load_split(subset, 't10k')
    print(f'Fashion-MNIST from {args.data}: {len(x_train):,} training and {len(x_test):,} test images')

    net = LeNet5()
    if args.init == 'cnncompiler':
        cnncompiler_init(net)
    optimizer = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9)
    generator = torch.Generator().manual_seed(args.seed)
    print(f'Recipe: batch {args.batch}, SGD lr {args.lr} momentum 0.9, seed {args.seed}, 1 thread, {args.epochs} epoch(s), '
          f'{args.init} initialization')

    accuracies = []
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(len(x_train), generator=generator)
        loss_sum, steps = 0.0, 0
        for i in range(0, len(order), args.batch):
            index = order[i:i + args.batch]
            optimizer.zero_grad()
            loss = F.cross_entropy(net(x_train[index]), y_train[index])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
            steps += 1
        seconds = time.perf_counter() - start
        accuracy = correct(net, x_test, y_test) / len(x_test)
        accuracies.append(accuracy)
        print(f'epoch {epoch}: loss {loss_sum / steps:.4f}, test accuracy {100 * accuracy:.2f}%, {seconds:.2f} s, '
              f'{len(x_train) / seconds:,.0f} images/s', flush=True)

    os.makedirs(args.out, exist_ok=True)
    suffix = '' if args.init == 'cnncompiler' else '_pytorch_init'
    weights = os.path.join(args.out, f'lenet_pytorch{suffix}.safetensors')
    tensors = {name: value.detach().numpy() for name, value in net.state_dict().items()}
    save_file(weights, tensors, {'format': 'pt', 'source': 'tools/pytorch_lenet_train.py', 'torch': torch.__version__})
    summary = {
        'script': 'tools/pytorch_lenet_train.py',
        'torch': torch.__version__,
        'recipe': {'epochs': args.epochs, 'batch': args.batch, 'lr': args.lr, 'momentum': 0.9, 'seed': args.seed,
                   'threads': 1, 'init': args.init},
        'test_accuracy_per_epoch': [round(a, 6) for a in accuracies],
        'test_correct': correct(net, x_test, y_test),
        'test_count': len(x_test),
        'subset_test_correct': correct(net, x_sub, y_sub),
        'subset_test_count': len(x_sub),
    }
    with open(os.path.join(args.out, f'lenet_pytorch{suffix}.json'), 'w') as f:
        json.dump(summary, f, indent=2)
        f.write('\n')
    print(f'wrote {weights} ({os.path.getsize(weights):,} bytes); full test {summary["test_correct"]}/{len(x_test)}, '
          f'subset test {summary["subset_test_correct"]}/{len(x_sub)}')


if __name__ == '__main__':
    main()
