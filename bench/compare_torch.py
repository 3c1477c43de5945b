#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reglab_bench workload in PyTorch, for a ratio measured in the same invocation.

784-200-200-10 tanh MLP, softmax cross-entropy, L2 on the kernels (keras convention,
b = 1e-4: gradient 2 b w, i.e. weight_decay = 2e-4 on the kernels' parameter group only),
Adam (lr 1e-3) and SGD (lr 0.05, momentum 0.9), batch 50 and 100, 1 and 2 threads, on
random data of MNIST's shape (8,000 training samples; 10,000 for forward evaluation).
Prints one JSON object per line, like reglab_bench; the first line names the BLAS that
torch really loaded (Debian's torch uses whatever libblas.so.3 the system selects).

Run by `reglab_bench --compare-torch [--python PYTHON]`, or alone:
    python3 compare_torch.py [--repeats N] [--quick]
"""

import argparse
import ctypes
import json
import os
import statistics
import sys
import time


def emit(obj):
    print(json.dumps(obj), flush=True)


def loaded_blas():
    """Shared libraries with BLAS in their name mapped into this process."""
    libs = set()
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            for line in maps:
                path = line.split()[-1]
                name = os.path.basename(path).lower()
                if "blas" in name or "mkl" in name or "lapack" in name:
                    libs.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(libs)


def openblas_library():
    """The OpenBLAS that torch loaded (after its first product), or None. Debian's torch does
    not tell OpenBLAS its thread count: callers set it with openblas_set_num_threads."""
    for path in loaded_blas():
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_set_num_threads
            return lib
        except (OSError, AttributeError):
            continue
    return None


def timed_runs(body, repeats, min_seconds):
    """Doubles the iteration count until one run takes min_seconds / 2, then times
    `repeats` runs; returns seconds per iteration of each run."""
    iters = 1
    while True:
        start = time.perf_counter()
        body(iters)
        if time.perf_counter() - start >= min_seconds / 2 or iters > 1 << 20:
            break
        iters *= 2
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        body(iters)
        runs.append((time.perf_counter() - start) / iters)
    return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    min_seconds = 0.05 if args.quick else 0.15

    try:
        import torch
    except ImportError as err:
        emit({"case": "torch_error", "error": str(err),
              "hint": "install python3-torch and run with the interpreter it belongs to "
                      "(reglab_bench --compare-torch --python /usr/bin/python3)"})
        return 1

    torch.manual_seed(1)
    n_train, n_eval, inputs, classes = 8000, 10000, 784, 10
    x_all = torch.rand(n_eval, inputs)
    y_all = torch.randint(0, classes, (n_eval,))
    x_train, y_train = x_all[:n_train], y_all[:n_train]

    # One matmul so the BLAS library is loaded before we look for it.
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))
    openblas = openblas_library()

    def set_threads(threads):
        torch.set_num_threads(threads)
        if openblas is not None:
            openblas.openblas_set_num_threads(threads)

    corename = None
    if openblas is not None and hasattr(openblas, "openblas_get_corename"):
        openblas.openblas_get_corename.restype = ctypes.c_char_p
        corename = openblas.openblas_get_corename().decode()
    config = torch.__config__.show()
    blas_info = [part.strip() for part in config.replace("\n", ",").split(",")
                 if "BLAS_INFO" in part or "LAPACK_INFO" in part]
    emit({"case": "torch_environment", "torch": torch.__version__,
          "blas_build": blas_info, "blas_loaded": loaded_blas(),
          "openblas_kernel": corename,
          "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE", "(unset)"),
          "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "(unset)"),
          "cpu_capability": torch.backends.cpu.get_cpu_capability()
          if hasattr(torch.backends, "cpu") else "?"})

    def make_model():
        torch.manual_seed(7)
        return torch.nn.Sequential(
            torch.nn.Linear(inputs, 200), torch.nn.Tanh(),
            torch.nn.Linear(200, 200), torch.nn.Tanh(),
            torch.nn.Linear(200, classes))

    def make_optimizer(kind, model):
        kernels = [p for name, p in model.named_parameters() if name.endswith("weight")]
        biases = [p for name, p in model.named_parameters() if name.endswith("bias")]
        groups = [{"params": kernels, "weight_decay": 2e-4},
                  {"params": biases, "weight_decay": 0.0}]
        if kind == "adam":
            return torch.optim.Adam(groups, lr=1e-3)
        return torch.optim.SGD(groups, lr=0.05, momentum=0.9)

    loss_fn = torch.nn.CrossEntropyLoss()
    for kind in ("adam", "sgd"):
        for batch in (50, 100):
            for threads in (1, 2):
                set_threads(threads)
                model = make_model()
                opt = make_optimizer(kind, model)
                order = torch.randperm(n_train)
                state = {"cursor": 0}

                def steps(count):
                    for _ in range(count):
                        if state["cursor"] + batch > n_train:
                            state["cursor"] = 0
                        idx = order[state["cursor"]:state["cursor"] + batch]
                        state["cursor"] += batch
                        xb = x_train.index_select(0, idx)
                        yb = y_train.index_select(0, idx)
                        opt.zero_grad(set_to_none=True)
                        loss = loss_fn(model(xb), yb)
                        loss.backward()
                        opt.step()

                steps(3)
                runs = timed_runs(steps, args.repeats, min_seconds)
                emit({"case": "torch_train", "optimizer": kind, "batch": batch,
                      "threads": threads,
                      "samples_per_s": round(batch / statistics.median(runs)),
                      "best_samples_per_s": round(batch / min(runs))})

    for threads in (1, 2):
        set_threads(threads)
        model = make_model()

        def forward(count):
            with torch.no_grad():
                for _ in range(count):
                    out = model(x_all)
                    loss_fn(out, y_all)
                    (out.argmax(1) == y_all).sum()

        forward(1)
        runs = timed_runs(forward, args.repeats, min_seconds)
        emit({"case": "torch_forward_eval", "threads": threads, "samples": n_eval,
              "samples_per_s": round(n_eval / statistics.median(runs)),
              "ms": round(statistics.median(runs) * 1e3, 2)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
