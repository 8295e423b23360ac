"""The reference's side of LivePeak.java: eval forwards of the UNMODIFIED reference model (random
weights, no pretrained file), same protocol (SIGUSR1 to the memtrack preload around each forward).

    REF_SRC=<reference checkout> LD_PRELOAD=$PWD/libmemtrack.so /usr/bin/python3 live_peak_reference.py \
        ocim/model_udr18.yml 32 256 2        # model file relative to the reference's config_template/
Needs ../shared/tools/refbench (its common.py builds the model as bench_reference.py does): set REFBENCH.
"""
import contextlib
import io
import os
import resource
import signal
import sys
import time

sys.path.insert(0, os.environ.get("REFBENCH", "../shared/tools/refbench"))
with contextlib.redirect_stdout(io.StringIO()):
    import common as C
import torch
import yaml

torch.set_num_threads(2)
yml, batch, size, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
cfg = yaml.safe_load(open(os.path.join(C.SRC, "config_template", yml)))
kwargs = dict(cfg["model"])
name = kwargs.pop("name")
kwargs["extractor_weights"] = None
with contextlib.redirect_stdout(io.StringIO()):
    model = C.build_model(name, **kwargs)
model.eval()


def report():
    if "memtrack" in os.environ.get("LD_PRELOAD", ""):
        os.kill(os.getpid(), signal.SIGUSR1)
        time.sleep(0.05)


for r in range(repeats):
    x = torch.rand(batch, 3, size, size) * 2 - 1
    report()
    with torch.no_grad():
        s = torch.softmax(model(x)["cls_out"], 1)[:, 0]
    report()
    del s
print("peak RSS MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
