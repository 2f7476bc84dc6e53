#!/usr/bin/env python3
"""Independent NumPy references for the two losses Curriculum gives students,
`softmaxLoss` and `svmLoss`, and the fixtures that Tests/SolutionsTests compares
them against.

Both are written here from their definitions, without looking at the Swift code.
Written to Tests/SolutionsTests/Data/<loss>/<case>/: scores.npy, labels.npy (int64),
loss.npy (a 0-d array), dscores.npy and manifest.json.

Run from anywhere:   python3 scripts/reference/losses.py
"""

import json
import pathlib
import shutil

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "Tests" / "SolutionsTests" / "Data"


def softmax_loss(scores, labels):
    n = scores.shape[0]
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), labels].mean()
    dscores = np.exp(log_p)
    dscores[np.arange(n), labels] -= 1
    return loss, dscores / n


def svm_loss(scores, labels):
    n = scores.shape[0]
    correct = scores[np.arange(n), labels][:, None]
    margins = np.maximum(0, scores - correct + 1)
    margins[np.arange(n), labels] = 0
    # The fixtures stay away from the hinge's kink, where the gradient is undefined.
    assert np.all(np.abs((scores - correct + 1)) > 1e-3)
    positive = (margins > 0).astype(float)
    positive[np.arange(n), labels] = -positive.sum(axis=1)
    return margins.sum() / n, positive / n


def write(loss_name, case, description, scores, labels, function):
    loss, dscores = function(scores, labels)
    folder = DATA / loss_name / case
    folder.mkdir(parents=True)
    np.save(folder / "scores.npy", scores.astype(np.float64))
    np.save(folder / "labels.npy", labels.astype(np.int64))
    np.save(folder / "loss.npy", np.float64(loss))
    np.save(folder / "dscores.npy", dscores.astype(np.float64))
    manifest = {"loss": loss_name, "case": case, "description": description,
                "parameters": {}, "inputs": ["labels", "scores"], "outputs": ["dscores", "loss"]}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    print(f"{loss_name}/{case}: loss = {loss!r}")


def main():
    rng = np.random.default_rng(498)
    for name in ["softmax-loss", "svm-loss"]:
        shutil.rmtree(DATA / name, ignore_errors=True)

    scores = rng.normal(scale=2.0, size=(7, 5))
    labels = rng.integers(0, 5, size=7)
    write("softmax-loss", "random", "scores (7, 5), normal with standard deviation 2",
          scores, labels, softmax_loss)
    write("svm-loss", "random", "scores (7, 5), normal with standard deviation 2",
          scores, labels, svm_loss)

    huge = rng.normal(scale=1e4, size=(4, 6))
    huge_labels = rng.integers(0, 6, size=4)
    write("softmax-loss", "huge-scores",
          "scores (4, 6) of order 1e4: exp would overflow without the shift by the row max",
          huge, huge_labels, softmax_loss)


if __name__ == "__main__":
    main()
