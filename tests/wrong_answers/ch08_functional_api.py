"""Plausible wrong answers for chapter 8 (see docs/authoring.md, section 6).

Each entry replaces one solution cell; the autograded notebook must then lose exactly that exercise's points,
with `message` in the failing assertion.
"""

WRONG_ANSWERS = [
    # --- exercise 1: the functional model with a tag branch
    {
        "cell": "ex1_ticket_model",
        "source": (
            "def build_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, hidden_units=64,\n"
            "                       tag_units=16):\n"
            "    # one long input instead of three: a Sequential stack cannot take several inputs\n"
            "    return keras.Sequential([\n"
            "        keras.Input(shape=(2 * vocabulary_size + num_tags,)),\n"
            "        keras.layers.Dense(hidden_units, activation='relu', name='hidden'),\n"
            "        keras.layers.Dense(num_departments, activation='softmax', name='department'),\n"
            "    ])\n"
        ),
        "message": "a Sequential model has one input",
    },
    {
        "cell": "ex1_ticket_model",
        "source": (
            "def build_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, hidden_units=64,\n"
            "                       tag_units=16):\n"
            "    title = keras.Input(shape=(vocabulary_size,), name='title')\n"
            "    text_body = keras.Input(shape=(vocabulary_size,), name='text_body')\n"
            "    tags = keras.Input(shape=(num_tags,), name='tags')\n"
            "    tag_features = keras.layers.Dense(tag_units, activation='relu', name='tag_features')(tags)\n"
            "    features = keras.layers.Concatenate()([title, text_body, tag_features])\n"
            "    features = keras.layers.Dense(hidden_units, activation='relu', name='hidden')(features)\n"
            "    priority = keras.layers.Dense(1, activation='sigmoid', name='priority')(features)\n"
            "    # sigmoid instead of softmax: the department scores no longer sum to 1\n"
            "    department = keras.layers.Dense(num_departments, activation='sigmoid', name='department')(features)\n"
            "    return keras.Model(inputs=[title, text_body, tags], outputs=[priority, department])\n"
        ),
        "message": "needs a softmax activation",
    },
    {
        "cell": "ex1_ticket_model",
        "source": (
            "def build_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, hidden_units=64,\n"
            "                       tag_units=16):\n"
            "    title = keras.Input(shape=(vocabulary_size,), name='title')\n"
            "    text_body = keras.Input(shape=(vocabulary_size,), name='text_body')\n"
            "    tags = keras.Input(shape=(num_tags,), name='tags')\n"
            "    tag_features = keras.layers.Dense(tag_units, activation='relu', name='tag_features')(tags)\n"
            "    # the raw tags are concatenated: tag_features is made, but its output goes nowhere\n"
            "    features = keras.layers.Concatenate()([title, text_body, tags])\n"
            "    features = keras.layers.Dense(hidden_units, activation='relu', name='hidden')(features)\n"
            "    priority = keras.layers.Dense(1, activation='sigmoid', name='priority')(features)\n"
            "    department = keras.layers.Dense(num_departments, activation='softmax', name='department')(features)\n"
            "    return keras.Model(inputs=[title, text_body, tags], outputs=[priority, department])\n"
        ),
        "message": "the 'tag_features' layer is not connected to the model's outputs",
    },
    {
        "cell": "ex1_ticket_model",
        "source": (
            "def build_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, hidden_units=64,\n"
            "                       tag_units=16):\n"
            "    title = keras.Input(shape=(vocabulary_size,), name='title')\n"
            "    text_body = keras.Input(shape=(vocabulary_size,), name='text_body')\n"
            "    tags = keras.Input(shape=(num_tags,), name='tags')\n"
            "    tag_features = keras.layers.Dense(tag_units, activation='relu', name='tag_features')(tags)\n"
            "    features = keras.layers.Concatenate()([title, text_body, tag_features])\n"
            "    # the 'hidden' layer is made, but the outputs read the concatenation\n"
            "    hidden = keras.layers.Dense(hidden_units, activation='relu', name='hidden')(features)\n"
            "    priority = keras.layers.Dense(1, activation='sigmoid', name='priority')(features)\n"
            "    department = keras.layers.Dense(num_departments, activation='softmax', name='department')(features)\n"
            "    return keras.Model(inputs=[title, text_body, tags], outputs=[priority, department])\n"
        ),
        "message": "the 'hidden' layer is not connected to the model's outputs",
    },
    {
        "cell": "ex1_ticket_model",
        "source": (
            "def build_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, hidden_units=64,\n"
            "                       tag_units=16):\n"
            "    title = keras.Input(shape=(vocabulary_size,), name='title')\n"
            "    text_body = keras.Input(shape=(vocabulary_size,), name='text_body')\n"
            "    tags = keras.Input(shape=(num_tags,), name='tags')\n"
            "    tag_features = keras.layers.Dense(tag_units, activation='relu', name='tag_features')(tags)\n"
            "    features = keras.layers.Concatenate()([title, text_body, tag_features])\n"
            "    features = keras.layers.Dense(hidden_units, activation='relu', name='hidden')(features)\n"
            "    priority = keras.layers.Dense(1, activation='sigmoid', name='priority')(features)\n"
            "    department = keras.layers.Dense(num_departments, activation='softmax', name='department')(features)\n"
            "    # a list of inputs in another order than the task's\n"
            "    return keras.Model(inputs=[tags, title, text_body], outputs=[priority, department])\n"
        ),
        "message": "expected the inputs ['title', 'text_body', 'tags'] in this order, got ['tags', 'title', 'text_body']",
    },
    # --- exercise 2: dicts for compile, fit and predict
    {
        "cell": "ex2_dicts",
        "source": (
            "def train_and_predict(model, train_inputs, train_targets, new_inputs, epochs):\n"
            "    # lists in the order of section 6: wrong for a model that lists its inputs in another order\n"
            "    model.compile(optimizer='rmsprop', loss=['mean_squared_error', 'sparse_categorical_crossentropy'],\n"
            "                  metrics=[['mean_absolute_error'], ['accuracy']])\n"
            "    order = ['title', 'text_body', 'tags']\n"
            "    model.fit([train_inputs[k] for k in order], [train_targets['priority'], train_targets['department']],\n"
            "              epochs=epochs, verbose=0)\n"
            "    priority, department = model.predict([new_inputs[k] for k in order], verbose=0)\n"
            "    return {'priority': priority[:, 0], 'department': department.argmax(axis=1)}\n"
        ),
        "message": "pass dicts keyed by the input and output names",
    },
    {
        "cell": "ex2_dicts",
        "source": (
            "def train_and_predict(model, train_inputs, train_targets, new_inputs, epochs):\n"
            "    model.compile(optimizer='rmsprop',\n"
            "                  loss={'priority': 'mean_squared_error', 'department': 'sparse_categorical_crossentropy'},\n"
            "                  metrics={'priority': ['mean_absolute_error'], 'department': ['accuracy']})\n"
            "    model.fit(train_inputs, train_targets, epochs=epochs, verbose=0)\n"
            "    predictions = dict(zip(model.output_names, model.predict(new_inputs, verbose=0)))\n"
            "    return {'priority': predictions['priority'][:, 0], 'department': predictions['department']}  # probabilities\n"
        ),
        "message": "'department' must be a 1-D integer array",
    },
    {
        "cell": "ex2_dicts",
        "source": (
            "def train_and_predict(model, train_inputs, train_targets, new_inputs, epochs):\n"
            "    model.compile(optimizer='rmsprop',\n"
            "                  loss={'priority': 'mean_squared_error', 'department': 'sparse_categorical_crossentropy'},\n"
            "                  metrics={'priority': ['mean_absolute_error'], 'department': ['accuracy']})\n"
            "    model.fit(train_inputs, train_targets, epochs=n_epochs, verbose=0)  # a typo: not about list order\n"
            "    predictions = dict(zip(model.output_names, model.predict(new_inputs, verbose=0)))\n"
            "    return {'priority': predictions['priority'][:, 0], 'department': predictions['department'].argmax(1)}\n"
        ),
        "message": "NameError",
    },
    # --- exercise 3: the difficulty head
    {
        "cell": "ex3_difficulty_head",
        "source": (
            "def add_difficulty_head(model, num_levels=3):\n"
            "    # a fresh hidden layer on the concatenation: same shapes, but nothing is shared\n"
            "    merged = model.get_layer('hidden').input\n"
            "    features = keras.layers.Dense(model.get_layer('hidden').units, activation='relu')(merged)\n"
            "    difficulty = keras.layers.Dense(num_levels, activation='softmax', name='difficulty')(features)\n"
            "    return keras.Model(inputs=model.inputs, outputs=[*model.outputs, difficulty])\n"
        ),
        "message": "reading the hidden layer's output",
    },
    # --- exercise 4: a trained model that beats the baselines
    {
        "cell": "ex4_train",
        "source": (
            "_ticket_model = None\n"
            "\n"
            "\n"
            "def train_ticket_model(train_inputs, train_targets, epochs):\n"
            "    global _ticket_model\n"
            "    if _ticket_model is None:  # built once, then trained further at every call\n"
            "        V, T = train_inputs['title'].shape[1], train_inputs['tags'].shape[1]\n"
            "        title = keras.Input(shape=(V,), name='title')\n"
            "        text_body = keras.Input(shape=(V,), name='text_body')\n"
            "        tags = keras.Input(shape=(T,), name='tags')\n"
            "        x = keras.layers.Dense(64, activation='relu')(keras.layers.concatenate([title, text_body, tags]))\n"
            "        priority = keras.layers.Dense(1, activation='sigmoid', name='priority')(x)\n"
            "        department = keras.layers.Dense(4, activation='softmax', name='department')(x)\n"
            "        _ticket_model = keras.Model([title, text_body, tags], [priority, department])\n"
            "        _ticket_model.compile(optimizer='rmsprop',\n"
            "                              loss={'priority': 'mse', 'department': 'sparse_categorical_crossentropy'})\n"
            "    _ticket_model.fit(train_inputs, train_targets, epochs=epochs, verbose=0)\n"
            "    return _ticket_model\n"
        ),
        "message": "returned the same model twice",
    },
    # --- exercise 5: the subclassed model
    {
        "cell": "ex5_subclassed",
        "source": (
            "class TicketTriageModel(keras.Model):\n"
            "    def __init__(self, num_departments, hidden_units=64, **kwargs):\n"
            "        super().__init__(**kwargs)\n"
            "        self.concat = keras.layers.Concatenate()\n"
            "        self.hidden = keras.layers.Dense(hidden_units, activation='relu')\n"
            "        self.priority = keras.layers.Dense(1, activation='sigmoid')\n"
            "        self.department = keras.layers.Dense(num_departments, activation='softmax')\n"
            "\n"
            "    def call(self, inputs):\n"
            "        features = self.hidden(self.concat([inputs['title'], inputs['text_body'], inputs['tags']]))\n"
            "        return self.priority(features), self.department(features)  # a tuple, as in section 10\n"
        ),
        "message": "call must return a dict",
    },
    # --- exercise 6: which input matters
    {
        "cell": "ex6_reliance",
        "source": (
            "def accuracy_drop_per_input(model, inputs, targets):\n"
            "    drops = {}\n"
            "    for name in ('title', 'text_body', 'tags'):\n"
            "        blanked = dict(inputs)\n"
            "        blanked[name] = np.zeros_like(inputs[name])\n"
            "        probabilities = model.predict(blanked, verbose=0)[1]\n"
            "        drops[name] = float(np.mean(probabilities.argmax(axis=1) == targets['department']))  # not a drop\n"
            "    return drops\n"
            "\n"
            "\n"
            "MOST_RELIED_ON = 'text_body'\n"
        ),
        "message": "drop for 'title'",
    },
    {
        "cell": "ex6_reliance",
        "source": (
            "def accuracy_drop_per_input(model, inputs, targets):\n"
            "    def accuracy(data):\n"
            "        return float(np.mean(model.predict(data, verbose=0)[1].argmax(axis=1) == targets['department']))\n"
            "\n"
            "    full = accuracy(inputs)\n"
            "    return {name: full - accuracy(dict(inputs, **{name: np.zeros_like(inputs[name])}))\n"
            "            for name in ('title', 'text_body', 'tags')}\n"
            "\n"
            "\n"
            "MOST_RELIED_ON = 'tags'  # a guess instead of the experiment's answer\n"
        ),
        "message": "MOST_RELIED_ON = 'tags', but your accuracy_drop_per_input, run on section 6's model",
    },
]
