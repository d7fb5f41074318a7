#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""torch-bench.py - the runs of net_bench in PyTorch, for comparison.

Not a test and not a dependency: Debian's python3-torch (1.13) is enough,
run with Debian's Python: /usr/bin/python3 bench/torch-bench.py [DESCENT]

The same work as bench/net_bench's sections 1 to 3, in float64 on one
thread: mlp:1-8-1:tanh on 200 points and mlp:2-32-32-1:tanh on 500, 1000
full-batch Adam steps (lr 0.01) each from a Glorot start; one gradient,
one Hessian-vector product (double backward) and the 25x25 Hessian of
the small network.  With the path of the descent program, it also times
`descent run` on the same networks and sizes (its own data and start, so
the losses differ; the process's start is in its time), as a check of
scale beside net_bench's in-process figures.
"""
import subprocess
import sys
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
torch.manual_seed(1)


def net(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        lin = torch.nn.Linear(sizes[i], sizes[i + 1])
        torch.nn.init.xavier_uniform_(lin.weight)
        torch.nn.init.zeros_(lin.bias)
        layers.append(lin)
        if i < len(sizes) - 2:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


def data(nin, n):
    x = torch.rand(n, nin) * (6 if nin == 1 else 2) - (3 if nin == 1 else 1)
    y = torch.sin(x[:, 0]) if nin == 1 else x[:, 0] * x[:, 1]
    return x, (y + 0.1 * torch.randn(n)).unsqueeze(1)


def train(sizes, n, steps=1000):
    model = net(sizes)
    x, y = data(sizes[0], n)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    t0 = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
    return time.perf_counter() - t0, loss.item()


def derivatives(sizes, n, reps=20):
    model = net(sizes)
    x, y = data(sizes[0], n)
    params = list(model.parameters())

    def loss():
        return ((model(x) - y) ** 2).mean()

    t0 = time.perf_counter()
    for _ in range(reps):
        g = torch.autograd.grad(loss(), params)
    tg = (time.perf_counter() - t0) / reps
    v = [torch.randn_like(p) for p in params]
    t0 = time.perf_counter()
    for _ in range(reps):
        g = torch.autograd.grad(loss(), params, create_graph=True)
        dot = sum((gi * vi).sum() for gi, vi in zip(g, v))
        torch.autograd.grad(dot, params)
    return tg, (time.perf_counter() - t0) / reps


def hessian_small():
    sizes, n = [1, 8, 1], 200
    x, y = data(1, n)
    model = net(sizes)
    flat = torch.cat([p.detach().reshape(-1) for p in model.parameters()])

    def f(theta):
        w1, b1 = theta[:8].reshape(8, 1), theta[8:16]
        w2, b2 = theta[16:24].reshape(1, 8), theta[24:25]
        return (((torch.tanh(x @ w1.T + b1) @ w2.T + b2) - y) ** 2).mean()

    t0 = time.perf_counter()
    for _ in range(20):
        torch.autograd.functional.hessian(f, flat)
    return (time.perf_counter() - t0) / 20


def descent_run(prog, data_spec, model):
    t0 = time.perf_counter()
    subprocess.run([prog, "run", "--data", data_spec, "--model", model, "-o", "adam",
                    "-n", "1000", "--tol", "0"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main():
    print("torch-bench: PyTorch %s, float64, %d thread" % (torch.__version__,
                                                           torch.get_num_threads()))
    small, fs = train([1, 8, 1], 200)
    big, fb = train([2, 32, 32, 1], 500)
    print("mlp:1-8-1:tanh on 200 points, 1000 adam steps:      %9.1f ms (f %.4g)" %
          (small * 1e3, fs))
    print("mlp:2-32-32-1:tanh on 500 points, 1000 adam steps:  %9.1f ms (f %.4g)" %
          (big * 1e3, fb))
    tg, tp = derivatives([2, 32, 32, 1], 500)
    print("mlp:2-32-32-1 on 500 points: one gradient %.3f ms, one Hessian-vector "
          "product %.3f ms (%.2fx)" % (tg * 1e3, tp * 1e3, tp / tg))
    print("the 25x25 Hessian of mlp:1-8-1 on 200 points:       %9.3f ms" %
          (hessian_small() * 1e3))
    if len(sys.argv) > 1:
        d1 = descent_run(sys.argv[1], "sine,n=200", "mlp:1-8-1:tanh")
        d2 = descent_run(sys.argv[1], "xor,n=500", "mlp:2-32-32-1:tanh")
        print("descent run, the same sizes (a process each): %.1f ms (%.2fx PyTorch's), "
              "%.1f ms (%.2fx)" % (d1 * 1e3, d1 / small, d2 * 1e3, d2 / big))


if __name__ == "__main__":
    main()
