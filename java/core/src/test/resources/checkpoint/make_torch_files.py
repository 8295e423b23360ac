"""Writes the small torch.save files that CheckpointDTypesTest reads (run once, with PyTorch).

Values are a function of the element index, so the Java test recomputes them on its own:
element j of every tensor named "<dtype>" equals cast(j - 3) (bool: j % 2 == 1).
"""
import collections
import numpy as np
import torch

DTYPES = ["float32", "float64", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8", "bool"]


def values(dtype):
    j = torch.arange(6, dtype=torch.float64)
    if dtype == "bool":
        return (j % 2 == 1).reshape(2, 3)
    if dtype == "uint8":
        return (j + 250).to(torch.uint8).reshape(2, 3)  # 250..255
    return (j - 3).to(getattr(torch, dtype)).reshape(2, 3)


def checkpoint():
    tensors = collections.OrderedDict((d, values(d)) for d in DTYPES)
    pool = torch.arange(24, dtype=torch.float32)
    tensors["pool"] = pool.view(4, 6)
    tensors["pool_row2"] = pool.view(4, 6)[2]            # offset 12, shares the pool
    tensors["pool_col1"] = pool.view(4, 6)[:, 1]         # offset 1, stride 6
    tensors["pool_t"] = pool.view(4, 6).t()              # shape (6, 4), stride (1, 6)
    tensors["param"] = torch.nn.Parameter(torch.tensor([0.5, -0.25]))
    module = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 1), torch.nn.BatchNorm2d(2))
    return {
        "tensors": tensors,
        "model": module.state_dict(),
        "step": 7,
        "best_step": 5,
        "best_auc": np.float64(0.875),
        "index": [("real/a.png", 0), ("fake/b.png", 1)],
        "nothing": None,
    }


torch.manual_seed(0)
ck = checkpoint()
torch.save(ck, "torch_dtypes.zip.pt")
torch.save(ck, "torch_dtypes.legacy.pt", _use_new_zipfile_serialization=False)
torch.save([("real/a.png", 0), ("fake/b.png", 1)], "index_list.pt")
