#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A RegLab CNN experiment against the same network in PyTorch.

  cnn_vs_torch.py --cli build/app/reglab-cli EXPERIMENT.json [--threads N] [--epochs E]
                  [--limit N] [--speed]

1. `reglab-cli train` runs the experiment (shuffle off, so the batches are the data's order)
   and writes its initial weights (`--epochs 0`) and per-epoch metrics.csv.
2. The same train/test split comes from `reglab-cli export-code` of the experiment with a
   dense-only model (the split depends on the data set and the seed only).
3. PyTorch builds the network in NCHW from RegLab's initial weights (conv kernels
   [kh, kw, in, out] -> (out, in, kh, kw); "same" padding as TensorFlow, the smaller half
   before; the flatten in Keras's (row, column, channel) order by permuting to NHWC first),
   trains with the same optimizer and penalties (both L2 conventions), and evaluates after
   every epoch in float64. Prints the largest per-epoch difference of train and test data
   loss.
With --speed it also times PyTorch's training step on 1 thread (samples/s, batches of the
experiment's batch size) and `reglab-cli train` end to end (its per-epoch evaluation of the
training and test sets included).

  cnn_vs_torch.py EXPERIMENT.json --speed-only [--seconds S]

times PyTorch's training step alone (no reglab-cli: glorot-uniform weights of the
experiment's shapes, 8,000 random 28x28x1 inputs in [0, 1) with random labels; a step's
cost does not depend on the values), for `reglab_bench --cnn --compare-torch`.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_torch import openblas_library  # noqa: E402


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def read_metrics(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def pair(v, default):
    if v is None:
        return list(default)
    return [v, v] if isinstance(v, int) else list(v)


def same_pad(size, k, s):
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


class Net(torch.nn.Module):
    """The experiment's layers on NCHW tensors, weights from RegLab's weights.npz."""

    def __init__(self, layers, weights, shape):
        super().__init__()
        self.steps = []
        self.params = torch.nn.ParameterList()
        self.regs = []  # (parameter index, regularizer) pairs
        h, w, c = shape
        pending_dropout = 0.0
        for layer in layers:
            t = layer.get("type", "dense")
            if t == "dropout":
                pending_dropout = 1 - (1 - pending_dropout) * (1 - layer["rate"])
                continue
            if pending_dropout:
                raise SystemExit("dropout masks differ between frameworks: use a model without dropout")
            if t == "conv2d":
                kh, kw = pair(layer["kernel_size"], None)
                sh, sw = pair(layer.get("strides"), [1, 1])
                kernel = torch.tensor(weights[layer["name"] + "/kernel"]).permute(3, 2, 0, 1)
                bias = torch.tensor(weights[layer["name"] + "/bias"])
                wi = len(self.params)
                self.params.append(torch.nn.Parameter(kernel.contiguous()))
                self.params.append(torch.nn.Parameter(bias))
                self.regs += [(wi, layer.get("kernel_regularizer")), (wi + 1, layer.get("bias_regularizer"))]
                same = layer.get("padding", "valid") == "same"
                pad = (same_pad(h, kh, sh), same_pad(w, kw, sw)) if same else ((0, 0), (0, 0))
                self.steps.append(("conv", wi, (sh, sw), pad, layer.get("activation", "linear"),
                                   layer.get("use_bias", True)))
                h = -(-h // sh) if same else (h - kh) // sh + 1
                w = -(-w // sw) if same else (w - kw) // sw + 1
                c = layer["filters"]
            elif t == "max_pool2d":
                ph, pw = pair(layer.get("pool_size"), [2, 2])
                sh, sw = pair(layer.get("strides"), [ph, pw])
                same = layer.get("padding", "valid") == "same"
                pad = (same_pad(h, ph, sh), same_pad(w, pw, sw)) if same else ((0, 0), (0, 0))
                self.steps.append(("pool", (ph, pw), (sh, sw), pad))
                h = -(-h // sh) if same else (h - ph) // sh + 1
                w = -(-w // sw) if same else (w - pw) // sw + 1
            elif t == "flatten":
                self.steps.append(("flatten",))
                h, w, c = 1, 1, h * w * c
            else:
                kernel = torch.tensor(weights[layer["name"] + "/kernel"]).t()
                bias = torch.tensor(weights[layer["name"] + "/bias"])
                wi = len(self.params)
                self.params.append(torch.nn.Parameter(kernel.contiguous()))
                self.params.append(torch.nn.Parameter(bias))
                self.regs += [(wi, layer.get("kernel_regularizer")), (wi + 1, layer.get("bias_regularizer"))]
                self.steps.append(("dense", wi, layer.get("activation", "linear"), layer.get("use_bias", True)))
                c = layer["units"]

    @staticmethod
    def act(x, name):
        return {"linear": lambda v: v, "relu": torch.relu, "tanh": torch.tanh,
                "sigmoid": torch.sigmoid, "elu": F.elu}[name](x)

    def forward(self, x):
        for s in self.steps:
            if s[0] == "conv":
                _, wi, stride, ((pt, pb), (pl, pr)), act, use_bias = s
                x = F.pad(x, (pl, pr, pt, pb))
                x = F.conv2d(x, self.params[wi], self.params[wi + 1] if use_bias else None, stride)
                x = self.act(x, act)
            elif s[0] == "pool":
                _, size, stride, ((pt, pb), (pl, pr)) = s
                x = F.pad(x, (pl, pr, pt, pb), value=-math.inf)
                x = F.max_pool2d(x, size, stride)
            elif s[0] == "flatten":
                x = x.permute(0, 2, 3, 1).flatten(1)  # Keras's (row, column, channel) order
            else:
                _, wi, act, use_bias = s
                x = x @ self.params[wi].t()
                if use_bias:
                    x = x + self.params[wi + 1]
                x = self.act(x, act)
        return x

    def penalty(self, convention):
        total = 0.0
        for wi, reg in self.regs:
            if not reg:
                continue
            p = self.params[wi]
            l2 = p.pow(2).sum()
            total = total + reg.get("l1", 0.0) * p.abs().sum() + reg.get("l2", 0.0) * (l2 / 2 if convention == "tf1" else l2)
        return total


def random_weights(layers, shape, rng):
    """Glorot-uniform kernels (Keras layouts) and zero biases for the experiment's layers."""
    h, w, c = shape
    weights = {}
    for layer in layers:
        t = layer.get("type", "dense")
        if t == "conv2d":
            kh, kw = pair(layer["kernel_size"], None)
            sh, sw = pair(layer.get("strides"), [1, 1])
            f = layer["filters"]
            limit = math.sqrt(6.0 / (kh * kw * c + kh * kw * f))
            weights[layer["name"] + "/kernel"] = rng.uniform(-limit, limit, (kh, kw, c, f)).astype(np.float32)
            weights[layer["name"] + "/bias"] = np.zeros(f, np.float32)
            same = layer.get("padding", "valid") == "same"
            h = -(-h // sh) if same else (h - kh) // sh + 1
            w = -(-w // sw) if same else (w - kw) // sw + 1
            c = f
        elif t == "max_pool2d":
            ph, pw = pair(layer.get("pool_size"), [2, 2])
            sh, sw = pair(layer.get("strides"), [ph, pw])
            same = layer.get("padding", "valid") == "same"
            h = -(-h // sh) if same else (h - ph) // sh + 1
            w = -(-w // sw) if same else (w - pw) // sw + 1
        elif t == "flatten":
            h, w, c = 1, 1, h * w * c
        elif t == "dense":
            units = layer["units"]
            limit = math.sqrt(6.0 / (c + units))
            weights[layer["name"] + "/kernel"] = rng.uniform(-limit, limit, (c, units)).astype(np.float32)
            weights[layer["name"] + "/bias"] = np.zeros(units, np.float32)
            c = units
    return weights


def make_optimizer(spec, net):
    o = spec.get("optimizer", {})
    lr = o.get("learning_rate", 0.001)
    if o.get("type", "adam") == "adam":
        return torch.optim.Adam(net.parameters(), lr=lr, betas=(o.get("beta1", 0.9), o.get("beta2", 0.999)),
                                eps=o.get("epsilon", 1e-7))
    if o.get("type") == "sgd":
        return torch.optim.SGD(net.parameters(), lr=lr, momentum=o.get("momentum", 0.0),
                               nesterov=o.get("nesterov", False))
    raise SystemExit("adam or sgd only")


def time_steps(net, opt, xtr, ytr, batch, multiplier, convention, cpu_seconds):
    """Training steps on consecutive batches for at least cpu_seconds of CPU time (and 30
    steps): (steps, wall seconds, CPU seconds)."""
    n = xtr.shape[0]
    steps = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while time.process_time() - cpu0 < cpu_seconds or steps < 30:
        s = (steps * batch) % (n - batch + 1)
        opt.zero_grad()
        loss = F.cross_entropy(net(xtr[s:s + batch]), ytr[s:s + batch]) + multiplier * net.penalty(convention)
        loss.backward()
        opt.step()
        steps += 1
    return steps, time.perf_counter() - wall0, time.process_time() - cpu0


def speed_only(a):
    spec = json.load(open(a.experiment))
    torch.set_num_threads(1)
    torch.manual_seed(0)
    rng = np.random.default_rng(1)
    shape = (28, 28, 1)
    net = Net(spec["model"]["layers"], random_weights(spec["model"]["layers"], shape, rng), shape)
    opt = make_optimizer(spec, net)
    t = spec.get("training", {})
    batch = t.get("batch_size", 32)
    multiplier = t.get("penalty_multiplier", 1.0) if t.get("penalty_in_loss", True) else 0.0
    xtr = torch.tensor(rng.random((8000, 1, 28, 28), dtype=np.float32))
    # One thread means one in OpenBLAS too: torch's products run there, and Debian's torch
    # leaves its thread count at the number of cores.
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))
    openblas = openblas_library()
    if openblas is not None:
        openblas.openblas_set_num_threads(1)
    ytr = torch.tensor(rng.integers(0, 10, 8000)).long()
    convention = spec.get("l2_convention", "keras")
    time_steps(net, opt, xtr, ytr, batch, multiplier, convention, 0.5)  # warm-up
    steps, wall, cpu = time_steps(net, opt, xtr, ytr, batch, multiplier, convention, a.seconds)
    blas = [lib for lib in open("/proc/self/maps").read().split() if "blas" in lib]
    print(json.dumps({"case": "torch_cnn_train", "torch": torch.__version__, "threads": 1,
                      "batch": batch, "steps": steps,
                      "samples_per_s": round(steps * batch / wall, 1),
                      "cpu_samples_per_s": round(steps * batch / cpu, 1),
                      "blas": sorted(set(blas)),
                      "openblas_threads": openblas.openblas_get_num_threads() if openblas else None,
                      "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE", "(unset)")}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("experiment")
    ap.add_argument("--cli")
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--speed", action="store_true")
    a = ap.parse_args()
    if a.speed_only:
        return speed_only(a)
    if not a.cli:
        raise SystemExit("--cli is required (except with --speed-only)")

    spec = json.load(open(a.experiment))
    common = ["--set", "training.shuffle=false"]
    if a.limit is not None:
        common += ["--set", f"dataset.limit={a.limit}"]
    sets = list(common)
    if a.epochs is not None:
        sets += ["--set", f"training.epochs={a.epochs}"]
        spec.setdefault("training", {})["epochs"] = a.epochs
    tmp = tempfile.mkdtemp(prefix="cnn_vs_torch_")
    run([a.cli, "train", a.experiment, "-q", "--epochs", "0", "--out", tmp + "/init"] + common)
    start = time.perf_counter()
    run([a.cli, "train", a.experiment, "-q", "--threads", str(a.threads), "--out", tmp + "/run"] + sets)
    reglab_seconds = time.perf_counter() - start
    dense_only = json.dumps([{"name": "out", "units": 10}])
    run([a.cli, "export-code", a.experiment, "--framework", "pytorch", "--out", tmp + "/data",
         "--set", "model.layers=" + dense_only] + sets)
    data = np.load(tmp + "/data/data.npz")
    weights = dict(np.load(tmp + "/init/weights.npz"))
    metrics = read_metrics(tmp + "/run/metrics.csv")

    side = int(round(math.sqrt(data["x_train"].shape[1])))
    shape = (side, side, 1)
    to_image = lambda x: torch.tensor(x).reshape(-1, side, side, 1).permute(0, 3, 1, 2).contiguous()
    xtr, xte = to_image(data["x_train"]), to_image(data["x_test"])
    ytr, yte = torch.tensor(data["y_train"]).long(), torch.tensor(data["y_test"]).long()

    torch.set_num_threads(1)
    torch.manual_seed(0)
    net = Net(spec["model"]["layers"], weights, shape)
    opt = make_optimizer(spec, net)
    convention = spec.get("l2_convention", "keras")
    t = spec.get("training", {})
    batch = t.get("batch_size", 32)
    multiplier = t.get("penalty_multiplier", 1.0) if t.get("penalty_in_loss", True) else 0.0

    def evaluate(x, y):
        with torch.no_grad():
            double = Net.__new__(Net)
            torch.nn.Module.__init__(double)
            double.steps, double.regs = net.steps, net.regs
            double.params = torch.nn.ParameterList([torch.nn.Parameter(p.detach().double()) for p in net.params])
            return F.cross_entropy(double(x.double()), y).item()

    worst = 0.0
    rows = []
    for epoch in range(1, t.get("epochs", 10) + 1):
        for s in range(0, xtr.shape[0], batch):
            opt.zero_grad()
            loss = F.cross_entropy(net(xtr[s:s + batch]), ytr[s:s + batch]) + multiplier * net.penalty(convention)
            loss.backward()
            opt.step()
        tr, te = evaluate(xtr, ytr), evaluate(xte, yte)
        m = next(r for r in metrics if int(r["epoch"]) == epoch)
        d = max(abs(tr - float(m["train_data_loss"])), abs(te - float(m["test_data_loss"])))
        worst = max(worst, d)
        rows.append((epoch, float(m["train_data_loss"]), tr, float(m["test_data_loss"]), te, d))
    sys.stdout.flush()
    print("epoch  reglab_train  torch_train  reglab_test  torch_test  max_abs_diff")
    for r in rows:
        print("%5d  %12.8f  %11.8f  %11.8f  %10.8f  %.3g" % r)
    print(json.dumps({"case": "cnn_vs_torch", "experiment": os.path.basename(a.experiment),
                      "epochs": len(rows), "train_samples": int(xtr.shape[0]),
                      "max_abs_loss_diff": worst}))

    if a.speed:
        # CPU seconds as well as wall seconds: on a shared machine the CPU-time rate is what an
        # otherwise idle core would do (reglab_bench reports the same as cpu_samples_per_s).
        n = xtr.shape[0]
        steps, wall, cpu = time_steps(net, opt, xtr, ytr, batch, multiplier, convention, a.seconds)
        print(json.dumps({"case": "torch_cnn_train", "torch": torch.__version__, "threads": 1,
                          "batch": batch, "samples_per_s": round(steps * batch / wall, 1),
                          "cpu_samples_per_s": round(steps * batch / cpu, 1),
                          "reglab_cli_threads": a.threads,
                          "reglab_cli_samples_per_s_with_evaluation": round(n * len(rows) / reglab_seconds, 1)}))

if __name__ == "__main__":
    sys.exit(main())
