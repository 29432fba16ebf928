"""keras.utils.plot_model really draws (chapter 8 needs pydot and Graphviz's `dot`, installed by `make graphviz-deps`)."""

import shutil
import struct

import pytest

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_graphviz_dot_is_installed():
    assert shutil.which("dot"), "Graphviz's `dot` is missing: run `make graphviz-deps` (apt-get install graphviz)"


def test_plot_model_writes_a_real_png(tmp_path):
    pytest.importorskip("pydot", reason="pydot is pinned in requirements.txt")
    import keras

    title = keras.Input(shape=(50,), name="title")
    tags = keras.Input(shape=(10,), name="tags")
    features = keras.layers.Concatenate()([title, tags])
    features = keras.layers.Dense(8, activation="relu", name="hidden")(features)
    priority = keras.layers.Dense(1, activation="sigmoid", name="priority")(features)
    department = keras.layers.Dense(4, activation="softmax", name="department")(features)
    model = keras.Model(inputs=[title, tags], outputs=[priority, department])

    target = tmp_path / "ticket_model.png"
    keras.utils.plot_model(model, to_file=str(target), show_shapes=True)

    data = target.read_bytes()
    assert data[:8] == PNG_MAGIC, f"not a PNG file: starts with {data[:8]!r}"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk follows the 8-byte signature
    # Six layers drawn with their shapes: a tall picture of some size, not an empty placeholder.
    assert 150 <= width <= 5000 and 300 <= height <= 10000, f"implausible image size {width} x {height}"
    assert len(data) > 10_000, f"only {len(data)} bytes: the graph was not drawn"
