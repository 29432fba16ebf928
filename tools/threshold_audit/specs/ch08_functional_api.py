"""Chapter 8: the ticket model trained from dicts (Ex2), the chapter's only test that judges a trained model."""

from tools.threshold_audit.spec import Audit, grid, wrong

# The tasks ask for an optimizer that learns fast: the adaptive ones at their default rates.
ADAPTIVE = {"rmsprop": '"rmsprop"', "adam": '"adam"', "nadam": '"nadam"'}

DICTS = '''
def train_and_predict(model, train_inputs, train_targets, new_inputs, epochs):
    model.compile(
        optimizer={optimizer},
        loss={{"priority": "mean_squared_error", "department": "sparse_categorical_crossentropy"}},
        metrics={{"priority": ["mean_absolute_error"], "department": ["accuracy"]}},
    )
    model.fit(train_inputs, train_targets, epochs=epochs, batch_size={batch}, verbose=0)
    predictions = dict(zip(model.output_names, model.predict(new_inputs, verbose=0)))
    return {{"priority": predictions["priority"].reshape(-1), "department": predictions["department"].argmax(axis=1)}}
'''

AUDITS = [
    Audit(
        "ch08_functional_api", "ex2_dicts", margin=0.03,
        why="a model that learned the departments with an optimizer the task allows, at any batch size, against one "
            "whose losses are swapped or that learned nothing",
        answers=tuple(
            grid("dicts", DICTS, optimizer=ADAPTIVE, batch={"32": "32", "128": "128"})
            + [wrong("departments never learned (labels detached)", DICTS.format(optimizer='"rmsprop"', batch=32)
                     .replace("model.fit(train_inputs, train_targets,",
                              "model.fit(train_inputs, {**train_targets, 'department': "
                              "np.random.default_rng(0).permutation(train_targets['department'])},")),
               wrong("a learning rate a thousand times too small", DICTS.format(
                   optimizer="keras.optimizers.RMSprop(1e-6)", batch=32))]
        ),
    ),
]
