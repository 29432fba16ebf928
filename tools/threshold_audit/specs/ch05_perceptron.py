"""Chapter 5: the XOR MLP of Ex4, trained by the test for 8 epochs of batch 16 (256 steps), with a second try from
other weights when the first ends in a local minimum (relu at Adam 0.05 did, for 1 seed in 10, at both thread
counts, before the test had it)."""

from tools.threshold_audit.spec import Audit, grid, wrong

XOR_MLP = '''
def build_xor_mlp(hidden_units=16):
    model = keras.Sequential([
        keras.Input(shape=(2,)),
        keras.layers.Dense(hidden_units, activation={activation}),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer={optimizer}, loss="binary_crossentropy", metrics=["binary_accuracy"])
    return model
'''
# The task asks for a learning rate large enough to learn quickly; the hint names these three.
QUICK = {
    "adam0.05": "keras.optimizers.Adam(learning_rate=0.05)",
    "rmsprop0.02": "keras.optimizers.RMSprop(learning_rate=0.02)",
    "sgd0.5": "keras.optimizers.SGD(learning_rate=0.5)",
}

AUDITS = [
    Audit(
        "ch05_perceptron", "ex4_xor_mlp", margin=0.0,
        why="a count: every answer that follows the task must get all four XOR points right for every seed, and a "
            "too-slow learning rate must not",
        answers=tuple(
            grid("xor", XOR_MLP, optimizer=QUICK, activation={"tanh": '"tanh"', "relu": '"relu"'})
            + [wrong("Adam's default rate (the task asks for one that learns quickly)",
                     XOR_MLP.format(optimizer='"adam"', activation='"tanh"'))]
        ),
    ),
]
