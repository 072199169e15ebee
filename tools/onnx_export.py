#!/usr/bin/python3
"""ONNX vectors for CnnCompiler's import tests, and onnx.checker for every ONNX model involved.

Writes under tests/CnnCompiler.Onnx.Tests/Vectors/, for each case:

  <case>.onnx          the PyTorch model exported with torch.onnx.export (eval mode, dynamic batch axis)
  <case>.safetensors   input (N x ...) and output (PyTorch's output for that input, float32)

Cases:
  lenet5      LeNet-5 as tools/pytorch_lenet_train.py defines it (logits, no softmax), opset 13
  resnet20    a torchvision-style ResNet-20 (BasicBlock with downsample, AdaptiveAvgPool2d, fc), opset 17, exported
              with its BatchNormalization nodes (TrainingMode.PRESERVE), so its names come through: [BasicBlock]s
  mixed       exported as torch does by default, BatchNorms folded into the convolutions: LeakyReLU, average pooling without the padding in the divisor, BatchNorm with eps 1e-3, ELU, an identity
              and a projected residual, GELU, max pooling, a constant Reshape, MatMul + Add, Tanh, Dropout, a final
              sigmoid; opset 17
  unsupported Concat, Resize and friends: the import must refuse it, listing the nodes (no outputs)

BatchNorm running statistics and affine parameters are randomized so that they matter. Every written model passes
onnx.checker.check_model (Debian's python3-onnx 1.12: opset 17 at most).

Usage:
  /usr/bin/python3 tools/onnx_export.py                 write the vectors (byte-identical on a rerun)
  /usr/bin/python3 tools/onnx_export.py --check DIR     onnx.checker on every .onnx under DIR, for CnnCompiler's own
                                                        exports: CNN_ONNX_EXPORT_DIR=DIR dotnet test tests/CnnCompiler.Onnx.Tests
  /usr/bin/python3 tools/onnx_export.py --check-proto   src/Onnx/Protobuf/Onnx.proto against the reference onnx.proto
                                                        (Debian's libonnx-dev): every message and field we declare has
                                                        the specification's number, label and type
Needs: apt-get install -y python3-torch python3-onnx libonnx-dev
"""
import glob
import io
import os
import re
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from safetensors_min import save_file  # noqa: E402
from pytorch_lenet_train import LeNet5  # noqa: E402

ROOT = os.path.join(HERE, '..')
OUTPUT = os.path.join(ROOT, 'tests', 'CnnCompiler.Onnx.Tests', 'Vectors')
REFERENCE_PROTO = '/usr/include/onnx/onnx.proto'
OUR_PROTO = os.path.join(ROOT, 'src', 'Onnx', 'Protobuf', 'Onnx.proto')


class BasicBlock(nn.Module):
    """torchvision.models.resnet.BasicBlock, with its attribute names (hence its state_dict names)."""

    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        return self.relu(out)


class ResNet20(nn.Module):
    """The CIFAR ResNet-20 in torchvision's layout: conv1, bn1, relu, layer1..3 of three blocks, avgpool, fc."""

    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = nn.Sequential(BasicBlock(16, 16), BasicBlock(16, 16), BasicBlock(16, 16))
        self.layer2 = nn.Sequential(BasicBlock(16, 32, 2), BasicBlock(32, 32), BasicBlock(32, 32))
        self.layer3 = nn.Sequential(BasicBlock(32, 64, 2), BasicBlock(64, 64), BasicBlock(64, 64))
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        x = torch.flatten(self.avgpool(x), 1)
        return self.fc(x)


class Mixed(nn.Module):
    """Most of what the import reads, on 3x16x16, ending in a sigmoid."""

    def __init__(self):
        super().__init__()
        self.conv_a = nn.Conv2d(3, 8, 3, padding=1)
        self.act_a = nn.LeakyReLU(0.2)
        self.pool_a = nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False)
        self.conv_b = nn.Conv2d(8, 8, 3, padding=1, bias=False)
        self.bn_b = nn.BatchNorm2d(8, eps=1e-3)
        self.act_b = nn.ELU(0.5)
        self.gelu = nn.GELU()
        self.pool_b = nn.MaxPool2d(2)
        self.conv_c = nn.Conv2d(8, 16, 3, stride=2, padding=1, bias=False)
        self.bn_c = nn.BatchNorm2d(16)
        self.shortcut = nn.Sequential(nn.Conv2d(8, 16, 1, stride=2, bias=False), nn.BatchNorm2d(16))
        self.w = nn.Parameter(torch.randn(64, 12) * 0.2)
        self.b = nn.Parameter(torch.randn(12) * 0.1)
        self.drop = nn.Dropout(0.25)
        self.fc = nn.Linear(12, 3)

    def forward(self, x):
        x = self.pool_a(self.act_a(self.conv_a(x)))              # 8x8x8
        x = self.act_b(self.bn_b(self.conv_b(x))) + x            # identity residual
        x = self.pool_b(self.gelu(x))                            # 8x4x4
        x = F.relu(self.bn_c(self.conv_c(x)) + self.shortcut(x))  # projected residual, 16x2x2
        x = x.reshape(-1, 64)
        x = self.drop(torch.tanh(x @ self.w + self.b))
        return torch.sigmoid(self.fc(x))


class Unsupported(nn.Module):
    """Ops the library has no layer for: a concatenation of two branches and an upsampling."""

    def __init__(self):
        super().__init__()
        self.left = nn.Conv2d(1, 2, 3, padding=1)
        self.right = nn.Conv2d(1, 2, 1)
        self.up = nn.Upsample(scale_factor=2)

    def forward(self, x):
        return self.up(torch.cat([self.left(x), self.right(x)], dim=1))


def randomize_normalization(model, generator):
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.weight.uniform_(0.5, 1.5, generator=generator)
                module.bias.uniform_(-0.5, 0.5, generator=generator)
                module.running_mean.uniform_(-0.5, 0.5, generator=generator)
                module.running_var.uniform_(0.5, 2.0, generator=generator)


def export(name, model, input_shape, opset, batch=4, outputs=True, keep_batchnorm=False):
    torch.manual_seed(len(name))
    generator = torch.Generator().manual_seed(1000 + len(name))
    randomize_normalization(model, generator)
    model.eval()
    x = torch.rand((batch,) + input_shape, generator=generator) * 2 - 1
    buffer = io.BytesIO()
    # TrainingMode.EVAL (the default) folds each BatchNorm into the convolution before it, dropping its names;
    # PRESERVE keeps BatchNormalization nodes (in inference mode, as the model is in eval mode) and state_dict names.
    training = torch.onnx.TrainingMode.PRESERVE if keep_batchnorm else torch.onnx.TrainingMode.EVAL
    torch.onnx.export(model, x, buffer, input_names=['input'], output_names=['output'], opset_version=opset,
                      dynamic_axes={'input': {0: 'batch'}, 'output': {0: 'batch'}}, training=training)
    data = buffer.getvalue()
    onnx.checker.check_model(onnx.load_from_string(data))
    path = os.path.join(OUTPUT, name + '.onnx')
    with open(path, 'wb') as f:
        f.write(data)
    if outputs:
        with torch.no_grad():
            y = model(x)
        save_file(os.path.join(OUTPUT, name + '.safetensors'),
                  {'input': x.numpy().astype(np.float32), 'output': y.numpy().astype(np.float32)},
                  metadata={'case': name, 'opset': str(opset), 'torch': torch.__version__})
    print(f'{name}: {len(data):,} bytes, opset {opset}, checker passed')


def check(directory):
    files = sorted(glob.glob(os.path.join(directory, '**', '*.onnx'), recursive=True))
    if not files:
        sys.exit(f'no .onnx files under {directory}')
    for path in files:
        onnx.checker.check_model(onnx.load(path))
        print(f'{os.path.relpath(path, directory)}: checker passed')


def proto_fields(path):
    """{message path: {field: (label, type, number)}} of a .proto file (nested messages as Outer.Inner)."""
    fields, stack = {}, []
    for line in open(path):
        line = line.split('//')[0].strip()
        m = re.match(r'(message|enum)\s+(\w+)\s*\{', line)
        if m:
            stack.append((m.group(1), m.group(2)))
            continue
        if line.startswith('oneof'):
            stack.append(('oneof', ''))
            continue
        if line.startswith('}'):
            stack.pop()
            continue
        m = re.match(r'(optional|repeated|required)?\s*([\w.]+)\s+(\w+)\s*=\s*(\d+)', line)
        if m and stack and stack[-1][0] in ('message', 'oneof'):
            message = '.'.join(name for kind, name in stack if kind == 'message')
            fields.setdefault(message, {})[m.group(3)] = (m.group(1) or 'optional', m.group(2), int(m.group(4)))
    return fields


def check_proto():
    ours, reference = proto_fields(OUR_PROTO), proto_fields(REFERENCE_PROTO)
    problems = []
    for message, fields in ours.items():
        for field, spec in fields.items():
            expected = reference.get(message, {}).get(field)
            if expected != spec:
                problems.append(f'{message}.{field}: ours {spec}, reference {expected}')
    if problems:
        sys.exit('Onnx.proto differs from ' + REFERENCE_PROTO + ':\n  ' + '\n  '.join(problems))
    count = sum(len(f) for f in ours.values())
    print(f'Onnx.proto: {len(ours)} messages, {count} fields, all as in {REFERENCE_PROTO}')


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--check':
        check(sys.argv[2])
        return
    if len(sys.argv) == 2 and sys.argv[1] == '--check-proto':
        check_proto()
        return
    os.makedirs(OUTPUT, exist_ok=True)
    torch.manual_seed(0)
    export('lenet5', LeNet5(), (1, 28, 28), opset=13)
    torch.manual_seed(1)
    export('resnet20', ResNet20(), (3, 32, 32), opset=17, keep_batchnorm=True)
    torch.manual_seed(2)
    export('mixed', Mixed(), (3, 16, 16), opset=17)
    torch.manual_seed(3)
    export('unsupported', Unsupported(), (1, 8, 8), opset=17, outputs=False)


if __name__ == '__main__':
    main()
