"""Chapter 8: the ticket model trained from dicts (Ex2) and the model that must beat the baselines (Ex4)."""

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

TICKETS = '''
def train_ticket_model(train_inputs, train_targets, epochs):
    vocabulary_size, num_tags = train_inputs["title"].shape[1], train_inputs["tags"].shape[1]
    title = keras.Input(shape=(vocabulary_size,), name="title")
    text_body = keras.Input(shape=(vocabulary_size,), name="text_body")
    tags = keras.Input(shape=(num_tags,), name="tags")
    features = keras.layers.concatenate([title, text_body, tags])
    features = keras.layers.Dense({units}, activation="relu")(features)
    priority = keras.layers.Dense(1, activation="sigmoid", name="priority")(features)
    department = keras.layers.Dense(4, activation="softmax", name="department")(features)
    model = keras.Model(inputs=[title, text_body, tags], outputs=[priority, department])
    model.compile(
        optimizer={optimizer},
        loss={{"priority": "mean_squared_error", "department": "sparse_categorical_crossentropy"}},
        metrics={{"priority": ["mean_absolute_error"], "department": ["accuracy"]}},
    )
    model.fit(train_inputs, train_targets, epochs=epochs, batch_size={batch}, verbose=0)
    return model
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
    Audit(
        "ch08_functional_api", "ex4_train", margin=0.03,
        why="a model that beats both baselines with an optimizer the task allows, at any batch size and width, "
            "against one whose outputs or losses are wrong",
        answers=tuple(
            grid("tickets", TICKETS, optimizer=ADAPTIVE, batch={"32": "32", "128": "128"}, units={"64": "64"})
            + grid("narrow", TICKETS, optimizer={"rmsprop": '"rmsprop"'}, batch={"32": "32"}, units={"16": "16"})
            + [wrong("a learning rate a thousand times too small", TICKETS.format(
                   optimizer="keras.optimizers.RMSprop(1e-6)", batch=32, units=64)),
               wrong("priority trained against the departments",
                     TICKETS.format(optimizer='"rmsprop"', batch=32, units=64).replace(
                         "model.fit(train_inputs, train_targets,",
                         "model.fit(train_inputs, {'priority': train_targets['department'] / 3.0, "
                         "'department': np.random.default_rng(0).permutation(train_targets['department'])},"))]
        ),
    ),
]
