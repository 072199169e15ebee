#!/usr/bin/python3
"""Writes the PyTorch parity vectors under tests/CnnCompiler.Numerics.Tests/PyTorch/Vectors/.

Each case is a tiny network built here in PyTorch and, identically, with CnnCompiler's attributes in
tests/CnnCompiler.Numerics.Tests/PyTorch/ParityNetworks.cs (same layer names, hence the same state_dict names). For each
case one small .safetensors file holds:

  <state_dict name>            the weights (and BatchNorm running statistics) before the step, PyTorch's names/layouts
  input                        N x C x ... (float32)
  labels | targets             int64 class labels (softmax cross-entropy) or float targets (MSE, BCE with logits)
  output                       the output of the last layer before the loss (logits / raw outputs), N x ...
  loss                         the mean loss (a 1-element tensor)
  grad.input                   d loss / d input
  grad.<parameter name>        d loss / d every trainable parameter
  after.<buffer name>          (training mode with BatchNorm) the running statistics after the step
  eval_output_after            (training mode with BatchNorm) the eval-mode output with those updated statistics

and metadata: case, mode (train: batch statistics; eval: running statistics, no gradients), loss.

Weights use PyTorch's default initialization under a per-case seed (BatchNorm's gamma, beta and running statistics
are randomized so that they matter); inputs are uniform in [-1, 1] (times a case's input scale, where it has one). Everything is stored in float32, but the reference
is computed in float64 from those float32 values, so the files hold the correctly rounded answer and the tests
measure only CnnCompiler's own float32 error. Dropout is random and has no parity case.

Usage: /usr/bin/python3 tools/pytorch_reference.py [output_dir]
"""
import os
import sys
import zlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_min import save_file  # noqa: E402

OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'CnnCompiler.Numerics.Tests',
                      'PyTorch', 'Vectors')

ACTIVATIONS = {
    'relu': lambda x, p: F.relu(x),
    'leakyrelu': lambda x, p: F.leaky_relu(x, 0.01 if p is None else p),
    'elu': lambda x, p: F.elu(x, 1.0 if p is None else p),
    'gelu': lambda x, p: F.gelu(x),  # exact erf form, PyTorch's default
    'sigmoid': lambda x, p: torch.sigmoid(x),
    'tanh': lambda x, p: torch.tanh(x),
    'relu6': lambda x, p: F.relu6(x),
    'hardswish': lambda x, p: F.hardswish(x),
    'hardsigmoid': lambda x, p: F.hardsigmoid(x),
    'silu': lambda x, p: F.silu(x),
}


def tup(value, rank):
    return tuple(value) if isinstance(value, (tuple, list)) else (value,) * rank


def same_padding(size, kernel, stride):
    """(before, after) for one axis: output ceil(size / stride), the odd extra at the end (CONVENTIONS.md)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv_out(size, kernel, stride, before, after):
    return (size + before + after - kernel) // stride + 1


def projection_stride(size, out, path):
    """The stride of a 1x1 projection from size to out along one axis, as CnnCompiler infers it: the main path's own
    stride when it fits, else the only one that fits (several that fit and none the path's is refused there too)."""
    fits = [s for s in range(1, size + 1) if (size - 1) // s + 1 == out]
    if path in fits or (out == 1 and path >= size):
        return path
    assert len(fits) == 1, f'{size} -> {out}: strides {fits} fit and the path has {path}'
    return fits[0]


class ParityNet(nn.Module):
    """Layers in sequence, named as CnnCompiler names them, so that state_dict() has CnnCompiler's tensor names."""

    def __init__(self, input_shape, layers):
        super().__init__()
        self.input_shape = tuple(input_shape)
        self.plan = []  # (name, kind, details)
        shapes = {}
        strides = {}  # per layer: the product of the strides from the input to its output, per axis
        shape = list(input_shape)
        total = [1] * (len(shape) - 1)
        counts = {}
        for layer in layers:
            kind = layer[0]
            options = layer[1] if len(layer) > 1 else {}
            prefix = {'conv': 'conv', 'maxpool': 'pool', 'avgpool': 'pool', 'dense': 'dense', 'flatten': 'flatten',
                      'bn': 'bn', 'gap': 'gap', 'gmp': 'gmp', 'add': 'add', 'block': 'block', 'upsample': 'up',
                      'multiply': 'mul'}.get(kind)
            if kind == 'act':
                prefix = options['kind']
            counts[prefix] = counts.get(prefix, 0) + 1
            name = options.get('name') or f'{prefix}{counts[prefix]}'
            rank = len(shape) - 1
            if kind == 'conv':
                kernel = tup(options['kernel'], rank)
                stride = tup(options.get('stride', 1), rank)
                if options.get('padding') == 'same':
                    pads = [same_padding(shape[1 + a], kernel[a], stride[a]) for a in range(rank)]
                else:
                    p = tup(options.get('padding', 0), rank)
                    pads = [(p[a], p[a]) for a in range(rank)]
                conv = [nn.Conv1d, nn.Conv2d, nn.Conv3d][rank - 1](shape[0], options['filters'], kernel, stride,
                                                                    bias=options.get('bias', True))
                self.add_module(name, conv)
                self.plan.append((name, 'conv', dict(pads=pads, act=options.get('act'))))
                shape = [options['filters']] + [conv_out(shape[1 + a], kernel[a], stride[a], *pads[a]) for a in range(rank)]
                total = [total[a] * stride[a] for a in range(rank)]
            elif kind in ('maxpool', 'avgpool'):
                window = tup(options['window'], rank)
                stride = tup(options.get('stride', options['window']), rank)
                pad = tup(options.get('padding', 0), rank)
                if kind == 'avgpool':
                    # count_include_pad: PyTorch's default and CnnCompiler's (CountIncludePad = true).
                    pool = getattr(nn, f'AvgPool{rank}d')(window, stride, pad, count_include_pad=options.get('count_include_pad', True))
                else:
                    pool = getattr(nn, f'MaxPool{rank}d')(window, stride, pad)
                self.add_module(name, pool)
                self.plan.append((name, 'module', {}))
                shape = [shape[0]] + [conv_out(shape[1 + a], window[a], stride[a], pad[a], pad[a]) for a in range(rank)]
                total = [total[a] * stride[a] for a in range(rank)]
            elif kind == 'upsample':
                # nn.Upsample with an integer scale_factor per axis; linear modes with align_corners=False.
                scale = tup(options['scale'], rank)
                mode = 'nearest' if options.get('mode', 'nearest') == 'nearest' else ['linear', 'bilinear', 'trilinear'][rank - 1]
                extra = {} if mode == 'nearest' else dict(align_corners=False)
                self.add_module(name, nn.Upsample(scale_factor=tuple(float(v) for v in scale), mode=mode, **extra))
                self.plan.append((name, 'module', {}))
                shape = [shape[0]] + [shape[1 + a] * scale[a] for a in range(rank)]
            elif kind == 'dense':
                features = int(np.prod(shape))
                self.add_module(name, nn.Linear(features, options['units'], bias=options.get('bias', True)))
                self.plan.append((name, 'dense', dict(act=options.get('act'))))
                shape = [options['units']]
            elif kind == 'flatten':
                self.plan.append((name, 'flatten', {}))
                shape = [int(np.prod(shape))]
            elif kind == 'bn':
                bn = [nn.BatchNorm1d, nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d][rank](shape[0])
                self.add_module(name, bn)
                self.plan.append((name, 'module', {}))
            elif kind == 'act':
                self.plan.append((name, 'act', dict(act=options['kind'], param=options.get('param'))))
            elif kind in ('gap', 'gmp'):
                self.plan.append((name, kind, {}))
                shape = [shape[0]]
            elif kind == 'add':
                source = options['source']
                if options.get('projection'):
                    src = shapes[source]
                    path = [total[a] // strides[source][a] for a in range(rank)]
                    stride = tuple(projection_stride(src[1 + a], shape[1 + a], path[a]) for a in range(rank))
                    holder = nn.Module()
                    holder.projection = nn.Sequential(
                        [nn.Conv1d, nn.Conv2d, nn.Conv3d][rank - 1](src[0], shape[0], 1, stride, bias=False),
                        [nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d][rank - 1](shape[0]))
                    self.add_module(name, holder)
                self.plan.append((name, 'add', dict(source=source, projection=bool(options.get('projection')))))
            elif kind == 'multiply':
                # The squeeze-and-excitation gate: one input a C-vector (or C×1×…), the output the other's shape.
                source = shapes[options['source']]
                self.plan.append((name, 'multiply', dict(source=options['source'])))
                if int(np.prod(source)) != source[0]:
                    shape = list(source)
                    total = list(strides[options['source']])
            elif kind == 'block':
                filters, stride = options['filters'], options.get('stride', 1)
                conv = [nn.Conv1d, nn.Conv2d, nn.Conv3d][rank - 1]
                norm = [nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d][rank - 1]
                block = nn.Module()
                block.conv1 = conv(shape[0], filters, 3, stride, 1, bias=False)
                block.bn1 = norm(filters)
                block.conv2 = conv(filters, filters, 3, 1, 1, bias=False)
                block.bn2 = norm(filters)
                out = [filters] + [conv_out(shape[1 + a], 3, stride, 1, 1) for a in range(rank)]
                if stride != 1 or shape[0] != filters:  # torchvision's BasicBlock: the shortcut has the block's stride
                    block.downsample = nn.Sequential(conv(shape[0], filters, 1, stride, bias=False), norm(filters))
                self.add_module(name, block)
                self.plan.append((name, 'block', {}))
                shape = out
                total = [t * stride for t in total]
            else:
                raise ValueError(kind)
            if kind in ('gap', 'gmp', 'dense', 'flatten'):
                total = []
            shapes[name] = list(shape)
            strides[name] = list(total)
        self.output_shape = shape

    def forward(self, x):
        outputs = {}
        for name, kind, details in self.plan:
            if kind == 'conv':
                pads = details['pads']
                if any(b or a for b, a in pads):
                    x = F.pad(x, [v for pair in reversed(pads) for v in pair])
                x = getattr(self, name)(x)
                if details['act']:
                    x = ACTIVATIONS[details['act']](x, None)
            elif kind == 'dense':
                x = getattr(self, name)(torch.flatten(x, 1))
                if details['act']:
                    x = ACTIVATIONS[details['act']](x, None)
            elif kind == 'module':
                x = getattr(self, name)(x)
            elif kind == 'flatten':
                x = torch.flatten(x, 1)
            elif kind == 'act':
                x = ACTIVATIONS[details['act']](x, details['param'])
            elif kind == 'gap':
                x = x.flatten(2).mean(2)
            elif kind == 'gmp':
                x = x.flatten(2).amax(2)
            elif kind == 'add':
                source = outputs[details['source']]
                if details['projection']:
                    source = getattr(self, name).projection(source)
                x = x + source
            elif kind == 'multiply':
                # x * s.view(N, C, 1, 1): the named output is the gate when it has one value per channel.
                source = outputs[details['source']]
                gate, feature = (source, x) if source[0].numel() == source.shape[1] else (x, source)
                x = feature * gate.reshape(gate.shape[:2] + (1,) * (feature.dim() - 2))
            elif kind == 'block':
                b = getattr(self, name)
                y = F.relu(b.bn1(b.conv1(x)))
                y = b.bn2(b.conv2(y))
                shortcut = b.downsample(x) if hasattr(b, 'downsample') else x
                x = F.relu(y + shortcut)
            outputs[name] = x
        return x


def C(filters, kernel, **kw):
    return ('conv', dict(filters=filters, kernel=kernel, **kw))


# name: (input shape, layers, loss, mode). Mirrored one for one by ParityNetworks.cs. Layers before BatchNorm have no
# bias (as in ResNets): BatchNorm subtracts the batch mean, so such a bias has an exactly zero gradient, which both sides
# only approximate by rounding noise (PyTorch ~1e-17, CnnCompiler ~1e-8) and no relative measure can compare.
CASES = {
    # ---- convolutions ----
    'conv1d_stride_pad': ((3, 12), [C(4, 3, stride=2, padding=1)], 'ce', 'train'),
    'conv1d_same_even_nobias': ((2, 9), [C(3, 4, padding='same', bias=False)], 'ce', 'train'),
    'conv2d_valid': ((3, 6, 5), [C(4, 3)], 'ce', 'train'),
    'conv2d_same_stride2': ((3, 7, 8), [C(4, 3, stride=2, padding='same')], 'ce', 'train'),
    'conv2d_same_even': ((2, 5, 6), [C(3, 4, padding='same')], 'ce', 'train'),
    'conv2d_explicit_nobias_relu': ((2, 6, 6), [C(5, 3, padding=1, bias=False, act='relu'), ('dense', dict(units=4))], 'ce', 'train'),
    'conv2d_rectangular': ((3, 7, 9), [C(4, (3, 2), stride=(2, 1), padding=(1, 0))], 'ce', 'train'),
    'conv2d_stack': ((2, 8, 8), [C(4, 3, padding='same', act='relu'), ('maxpool', dict(window=2)), C(6, 3, act='tanh'),
                                 ('dense', dict(units=5))], 'ce', 'train'),
    'conv3d_stride_pad': ((2, 4, 5, 5), [C(3, 3, stride=2, padding=1)], 'ce', 'train'),
    'conv3d_same_nobias': ((2, 3, 4, 4), [C(2, 2, padding='same', bias=False)], 'ce', 'train'),
    # ---- pooling ----
    'maxpool1d_padded': ((3, 11), [('maxpool', dict(window=3, stride=2, padding=1))], 'ce', 'train'),
    'maxpool2d_plain': ((2, 6, 6), [('maxpool', dict(window=2))], 'ce', 'train'),
    'maxpool2d_padded': ((2, 7, 7), [('maxpool', dict(window=3, stride=2, padding=1))], 'ce', 'train'),
    'maxpool2d_stride_beyond_window': ((1, 8, 8), [('maxpool', dict(window=2, stride=3))], 'ce', 'train'),
    'maxpool3d_padded': ((2, 5, 5, 5), [('maxpool', dict(window=3, stride=2, padding=1))], 'ce', 'train'),
    'avgpool1d_padded': ((2, 9), [('avgpool', dict(window=3, stride=2, padding=1))], 'ce', 'train'),
    'avgpool2d_plain': ((3, 6, 6), [('avgpool', dict(window=2))], 'ce', 'train'),
    'avgpool2d_padded': ((2, 7, 7), [('avgpool', dict(window=3, stride=2, padding=1))], 'ce', 'train'),
    'avgpool2d_overlapping': ((2, 6, 7), [('avgpool', dict(window=(3, 2), stride=1))], 'ce', 'train'),
    'avgpool3d_padded': ((2, 5, 5, 5), [('avgpool', dict(window=3, stride=2, padding=1))], 'ce', 'train'),
    # count_include_pad=False (CountIncludePad = false): windows over the padding divide by the inputs they cover.
    'avgpool1d_padded_exclude': ((2, 9), [('avgpool', dict(window=3, stride=2, padding=1, count_include_pad=False))], 'ce', 'train'),
    'avgpool2d_padded_exclude': ((2, 7, 6), [('avgpool', dict(window=(3, 2), stride=(2, 1), padding=1, count_include_pad=False))], 'ce', 'train'),
    'avgpool3d_padded_exclude': ((2, 5, 5, 5), [('avgpool', dict(window=3, stride=2, padding=1, count_include_pad=False))], 'ce', 'train'),
    'global_avg_pool': ((3, 4, 5), [C(4, 3), ('gap',), ('dense', dict(units=3))], 'ce', 'train'),
    'global_max_pool': ((3, 4, 5), [C(4, 3), ('gmp',), ('dense', dict(units=3))], 'ce', 'train'),
    'global_avg_pool_1d': ((3, 10), [C(4, 3), ('gap',), ('dense', dict(units=3))], 'ce', 'train'),
    # ---- dense ----
    'dense_spatial_input': ((2, 3, 4), [('dense', dict(units=5))], 'ce', 'train'),
    'dense_tanh_nobias': ((1, 12), [('dense', dict(units=6, act='tanh')), ('dense', dict(units=4, bias=False))], 'ce', 'train'),
    'dense_odd_sizes': ((1, 67), [('dense', dict(units=13))], 'ce', 'train'),
    # ---- BatchNorm ----
    'bn_conv_train': ((2, 5, 5), [C(3, 3, padding=1, bias=False), ('bn',), ('act', dict(kind='relu')), ('dense', dict(units=3))], 'ce', 'train'),
    'bn_conv_eval': ((2, 5, 5), [C(3, 3, padding=1, bias=False), ('bn',), ('act', dict(kind='relu')), ('dense', dict(units=3))], 'ce', 'eval'),
    'bn_dense_train': ((1, 6), [('dense', dict(units=5, bias=False)), ('bn',), ('act', dict(kind='tanh')), ('dense', dict(units=3))], 'ce', 'train'),
    'bn_dense_eval': ((1, 6), [('dense', dict(units=5, bias=False)), ('bn',), ('act', dict(kind='tanh')), ('dense', dict(units=3))], 'ce', 'eval'),
    'bn_conv3d_train': ((2, 3, 4, 4), [C(3, 2, bias=False), ('bn',), ('gap',), ('dense', dict(units=3))], 'ce', 'train'),
    # ---- squeeze-and-excitation gates ----
    'se_gate_current': ((2, 4, 5), [C(4, 3, padding=1, act='tanh', name='features'), ('gap',), ('dense', dict(units=2, act='relu')),
                                    ('dense', dict(units=4, act='sigmoid')), ('multiply', dict(source='features')), C(2, 3)], 'ce', 'train'),
    'se_gate_named_1d': ((2, 7), [C(3, 3, padding=1, act='tanh', name='features'), ('gap',), ('dense', dict(units=3, act='sigmoid', name='gate')),
                                  ('multiply', dict(source='features')), C(3, 3, padding=1, act='tanh'), ('multiply', dict(source='gate')),
                                  C(2, 2)], 'ce', 'train'),
    # ---- activations: stand-alone and fused ----
    'act_relu': ((1, 8), [('dense', dict(units=6)), ('act', dict(kind='relu')), ('dense', dict(units=3))], 'ce', 'train'),
    'act_leakyrelu': ((1, 8), [('dense', dict(units=6)), ('act', dict(kind='leakyrelu', param=0.2)), ('dense', dict(units=3))], 'ce', 'train'),
    'act_elu': ((1, 8), [('dense', dict(units=6)), ('act', dict(kind='elu', param=0.7)), ('dense', dict(units=3))], 'ce', 'train'),
    'act_gelu': ((1, 8), [('dense', dict(units=6)), ('act', dict(kind='gelu')), ('dense', dict(units=3))], 'ce', 'train'),
    'act_sigmoid': ((1, 8), [('dense', dict(units=6)), ('act', dict(kind='sigmoid')), ('dense', dict(units=3))], 'ce', 'train'),
    'act_tanh': ((1, 8), [('dense', dict(units=6)), ('act', dict(kind='tanh')), ('dense', dict(units=3))], 'ce', 'train'),
    'act_fused_dense': ((1, 8), [('dense', dict(units=7, act='gelu')), ('dense', dict(units=6, act='elu')),
                                 ('dense', dict(units=5, act='leakyrelu')), ('dense', dict(units=4, act='sigmoid')),
                                 ('dense', dict(units=3))], 'ce', 'train'),
    'act_fused_conv': ((2, 6, 6), [C(3, 3, act='leakyrelu'), C(3, 2, act='elu'), C(3, 2, act='gelu'), ('flatten',),
                                   ('dense', dict(units=4))], 'ce', 'train'),
    # ReLU6, Hardswish, Hardsigmoid and SiLU on inputs in [-8, 8] (the optional fifth entry scales the input), so that
    # the first layer sees every region (kinks at 0 and 6, at -3 and 3), then after a dense layer.
    **{f'act_{kind}': ((1, 12), [('act', dict(kind=kind)), ('dense', dict(units=6)), ('act', dict(kind=kind)),
                                 ('dense', dict(units=3))], 'ce', 'train', 8)
       for kind in ('relu6', 'hardswish', 'hardsigmoid', 'silu')},
    'act_fused_dense_modern': ((1, 8), [('dense', dict(units=7, act='relu6')), ('dense', dict(units=6, act='hardswish')),
                                        ('dense', dict(units=5, act='hardsigmoid')), ('dense', dict(units=4, act='silu')),
                                        ('dense', dict(units=3))], 'ce', 'train', 8),
    'act_fused_conv_modern': ((2, 6, 6), [C(3, 3, act='relu6'), C(3, 2, act='hardswish'), C(3, 2, act='hardsigmoid'),
                                          C(2, 1, act='silu'), ('flatten',), ('dense', dict(units=4))], 'ce', 'train', 8),
    # ---- losses ----
    'loss_mse': ((2, 3, 3), [C(2, 2, act='sigmoid'), ('dense', dict(units=4))], 'mse', 'train'),
    'loss_bce': ((1, 6), [('dense', dict(units=5, act='tanh')), ('dense', dict(units=4))], 'bce', 'train'),
    # ---- residuals ----
    'residual_identity': ((2, 4, 4), [C(3, 3, padding=1, act='relu', name='a'), C(3, 3, padding=1), ('add', dict(source='a')),
                                      ('act', dict(kind='relu')), ('dense', dict(units=3))], 'ce', 'train'),
    'residual_projection': ((2, 6, 6), [C(3, 3, padding=1, act='relu', name='a'), C(4, 3, stride=2, padding=1),
                                        ('add', dict(source='a', projection=True)), ('act', dict(kind='relu')), ('gap',),
                                        ('dense', dict(units=3))], 'ce', 'train'),
    'basic_block': ((3, 6, 6), [C(4, 3, padding=1, bias=False), ('block', dict(filters=4)), ('block', dict(filters=6, stride=2)),
                                ('gap',), ('dense', dict(units=3))], 'ce', 'train'),
    # The shortcut has the block's stride on every axis (4 -> 2 and 7 -> 3 at stride 3; 11 -> 3 and 12 -> 3 at stride 5,
    # where a stride inferred from one axis's sizes would be 2 or 4).
    'basic_block_stride3': ((2, 4, 7), [('block', dict(filters=3, stride=3)), ('gap',), ('dense', dict(units=3))], 'ce', 'train'),
    # (Two channels each side: a one-weight channel before BatchNorm has a gradient of rounding noise, by BN's invariance.)
    'basic_block_stride5_nonsquare': ((2, 11, 12), [('block', dict(filters=2, stride=5)), ('flatten',), ('dense', dict(units=3))], 'ce', 'train'),
    # A projection strided 3 x 2, as the convolution beside it.
    'residual_projection_stride3x2': ((2, 7, 10), [C(3, 3, padding=1, act='relu', name='a'), C(4, 3, stride=(3, 2), padding=1),
                                                   ('add', dict(source='a', projection=True)), ('act', dict(kind='relu')), ('gap',),
                                                   ('dense', dict(units=3))], 'ce', 'train'),
    # ---- upsampling (nn.Upsample, align_corners=False) ----
    'upsample2d_nearest': ((2, 3, 4), [C(3, 3, padding=1, act='tanh'), ('upsample', dict(scale=2)), C(2, 3)], 'ce', 'train'),
    'upsample2d_bilinear': ((2, 3, 4), [C(3, 3, padding=1, act='tanh'), ('upsample', dict(scale=2, mode='linear')), C(2, 3)], 'ce', 'train'),
    'upsample1d_linear': ((2, 5), [('upsample', dict(scale=3, mode='linear')), C(2, 3)], 'ce', 'train'),
    'upsample3d_trilinear_per_axis': ((1, 2, 3, 2), [('upsample', dict(scale=(2, 1, 3), mode='linear')), C(2, 2)], 'ce', 'train'),
}

BATCH = 3


def has_batchnorm(net):
    return any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in net.modules())


def randomize(net, generator):
    """BatchNorm affine parameters and running statistics away from their trivial defaults."""
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                m.weight.copy_(torch.rand(m.weight.shape, generator=generator) + 0.5)
                m.bias.copy_(torch.rand(m.bias.shape, generator=generator) - 0.5)
                m.running_mean.copy_(torch.rand(m.running_mean.shape, generator=generator) - 0.5)
                m.running_var.copy_(torch.rand(m.running_var.shape, generator=generator) + 0.5)
                m.num_batches_tracked.fill_(3)


def loss_of(kind, output, target):
    if kind == 'ce':
        return F.cross_entropy(output.flatten(1), target)
    if kind == 'mse':
        return F.mse_loss(output, target)
    return F.binary_cross_entropy_with_logits(output, target)


def make_case(name, seed):
    input_shape, layers, loss_kind, mode = CASES[name][:4]
    input_scale = CASES[name][4] if len(CASES[name]) > 4 else 1
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed + 1000)
    net = ParityNet(input_shape, layers)  # float32 default initialization under the seed
    randomize(net, generator)
    state_before = {k: v.detach().clone() for k, v in net.state_dict().items()}
    x32 = torch.rand((BATCH,) + tuple(input_shape), generator=generator) * 2 - 1
    if input_scale != 1:
        x32 = x32 * input_scale  # a power of two: exact
    outputs = int(np.prod(net.output_shape))
    if loss_kind == 'ce':
        target = torch.randint(0, outputs, (BATCH,), generator=generator)
    elif loss_kind == 'mse':
        target = (torch.rand((BATCH,) + tuple(net.output_shape), generator=generator) * 2 - 1).double()
    else:
        target = torch.rand((BATCH,) + tuple(net.output_shape), generator=generator).round()
        target[0] = torch.rand(net.output_shape, generator=generator)  # one soft-target row
        target = target.double()

    net = net.double()
    net.train(mode == 'train')
    x = x32.double().requires_grad_(mode == 'train')
    out = net(x)
    loss = loss_of(loss_kind, out, target)

    tensors = {}
    for key, value in state_before.items():
        tensors[key] = value.numpy()
    tensors['input'] = x32.numpy()
    tensors['labels' if loss_kind == 'ce' else 'targets'] = target.numpy() if loss_kind == 'ce' else target.float().numpy()
    tensors['output'] = out.detach().float().numpy()
    tensors['loss'] = np.array([loss.item()], dtype=np.float32)
    if mode == 'train':
        loss.backward()
        tensors['grad.input'] = x.grad.float().numpy()
        for key, parameter in net.named_parameters():
            tensors['grad.' + key] = parameter.grad.float().numpy()
        if has_batchnorm(net):
            for key, value in net.state_dict().items():
                if key.endswith(('running_mean', 'running_var', 'num_batches_tracked')):
                    tensors['after.' + key] = value.float().numpy() if value.is_floating_point() else value.numpy()
            net.eval()
            with torch.no_grad():
                tensors['eval_output_after'] = net(x.detach()).float().numpy()
    metadata = {'case': name, 'mode': mode, 'loss': loss_kind, 'generator': 'tools/pytorch_reference.py',
                'torch': torch.__version__, 'precision': 'float32 inputs and weights; reference computed in float64'}
    return tensors, metadata


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else OUTPUT
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    for name in CASES:
        tensors, metadata = make_case(name, seed=zlib.crc32(name.encode()) % 100_000)
        path = os.path.join(out_dir, name + '.safetensors')
        save_file(path, tensors, metadata)
        print(f'{name}: {os.path.getsize(path)} bytes, {len(tensors)} tensors, loss {tensors["loss"][0]:.6f}')


if __name__ == '__main__':
    main()
