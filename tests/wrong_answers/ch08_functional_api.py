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
    # --- exercise 3: a head trained on frozen shared layers
    {
        "cell": "ex3_frozen_head",
        "source": (
            "def train_difficulty_head(model, inputs, difficulty, num_levels, epochs):\n"
            "    # nothing frozen: fit trains the shared layers too\n"
            "    out = keras.layers.Dense(num_levels, activation='softmax', name='difficulty')(model.get_layer('hidden').output)\n"
            "    trainer = keras.Model(model.inputs, out)\n"
            "    trainer.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
            "    trainer.fit(inputs, difficulty, epochs=epochs, verbose=0)\n"
            "    return keras.Model(model.inputs, [*model.outputs, out])\n"
        ),
        "message": "changed the model's own weights",
    },
    {
        "cell": "ex3_frozen_head",
        "source": (
            "def train_difficulty_head(model, inputs, difficulty, num_levels, epochs):\n"
            "    model.trainable = False  # frozen, and left frozen\n"
            "    out = keras.layers.Dense(num_levels, activation='softmax', name='difficulty')(model.get_layer('hidden').output)\n"
            "    trainer = keras.Model(model.inputs, out)\n"
            "    trainer.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
            "    trainer.fit(inputs, difficulty, epochs=epochs, verbose=0)\n"
            "    return keras.Model(model.inputs, [*model.outputs, out])\n"
        ),
        "message": "are still frozen (trainable = False)",
    },
    {
        "cell": "ex3_frozen_head",
        "source": (
            "def train_difficulty_head(model, inputs, difficulty, num_levels, epochs):\n"
            "    # the head is added, but never trained\n"
            "    out = keras.layers.Dense(num_levels, activation='softmax', name='difficulty')(model.get_layer('hidden').output)\n"
            "    return keras.Model(model.inputs, [*model.outputs, out])\n"
        ),
        "message": "bias is still all zeros",
    },
    {
        "cell": "ex3_frozen_head",
        "source": (
            "def train_difficulty_head(model, inputs, difficulty, num_levels, epochs):\n"
            "    # the head reads the department probabilities, not the hidden layer's features\n"
            "    model.trainable = False\n"
            "    out = keras.layers.Dense(num_levels, activation='softmax', name='difficulty')(model.outputs[1])\n"
            "    trainer = keras.Model(model.inputs, out)\n"
            "    trainer.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
            "    trainer.fit(inputs, difficulty, epochs=epochs, verbose=0)\n"
            "    model.trainable = True\n"
            "    return keras.Model(model.inputs, [*model.outputs, out])\n"
        ),
        "message": "reading the hidden layer's output",
    },
    # --- exercise 4: one text encoder, an order-free merge
    {
        "cell": "ex4_swapless",
        "source": (
            "def build_swapless_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, text_units=32,\n"
            "                                hidden_units=64):\n"
            "    title = keras.Input(shape=(vocabulary_size,), name='title')\n"
            "    text_body = keras.Input(shape=(vocabulary_size,), name='text_body')\n"
            "    tags = keras.Input(shape=(num_tags,), name='tags')\n"
            "    encoder = keras.layers.Dense(text_units, activation='relu', name='text_encoder')\n"
            "    # shared, but side by side: the order of title and body still matters\n"
            "    x = keras.layers.Concatenate()([encoder(title), encoder(text_body), tags])\n"
            "    x = keras.layers.Dense(hidden_units, activation='relu', name='hidden')(x)\n"
            "    return keras.Model([title, text_body, tags], [keras.layers.Dense(1, activation='sigmoid', name='priority')(x),\n"
            "                       keras.layers.Dense(num_departments, activation='softmax', name='department')(x)])\n"
        ),
        "message": "swapping every ticket's title and body changed the predictions",
    },
    {
        "cell": "ex4_swapless",
        "source": (
            "def build_swapless_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, text_units=32,\n"
            "                                hidden_units=64):\n"
            "    title = keras.Input(shape=(vocabulary_size,), name='title')\n"
            "    text_body = keras.Input(shape=(vocabulary_size,), name='text_body')\n"
            "    tags = keras.Input(shape=(num_tags,), name='tags')\n"
            "    # two encoders: nothing is shared\n"
            "    title_features = keras.layers.Dense(text_units, activation='relu', name='title_encoder')(title)\n"
            "    body_features = keras.layers.Dense(text_units, activation='relu', name='text_encoder')(text_body)\n"
            "    x = keras.layers.Concatenate()([keras.layers.Add()([title_features, body_features]), tags])\n"
            "    x = keras.layers.Dense(hidden_units, activation='relu', name='hidden')(x)\n"
            "    return keras.Model([title, text_body, tags], [keras.layers.Dense(1, activation='sigmoid', name='priority')(x),\n"
            "                       keras.layers.Dense(num_departments, activation='softmax', name='department')(x)])\n"
        ),
        "message": "the 'text_encoder' layer must be called twice",
    },
    {
        "cell": "ex4_swapless",
        "source": (
            "def build_swapless_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, text_units=32,\n"
            "                                hidden_units=64):\n"
            "    title = keras.Input(shape=(vocabulary_size,), name='title')\n"
            "    text_body = keras.Input(shape=(vocabulary_size,), name='text_body')\n"
            "    tags = keras.Input(shape=(num_tags,), name='tags')\n"
            "    # the words added up before one encoder call: symmetric, but the encoder reads neither input\n"
            "    texts = keras.layers.Dense(text_units, activation='relu', name='text_encoder')(keras.layers.Add()([title, text_body]))\n"
            "    x = keras.layers.Concatenate()([texts, tags])\n"
            "    x = keras.layers.Dense(hidden_units, activation='relu', name='hidden')(x)\n"
            "    return keras.Model([title, text_body, tags], [keras.layers.Dense(1, activation='sigmoid', name='priority')(x),\n"
            "                       keras.layers.Dense(num_departments, activation='softmax', name='department')(x)])\n"
        ),
        "message": "the 'text_encoder' layer must be called twice",
    },
    {
        "cell": "ex4_swapless",
        "source": (
            "_built = {}\n"
            "\n"
            "\n"
            "def build_swapless_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, text_units=32,\n"
            "                                hidden_units=64):\n"
            "    key = (vocabulary_size, num_tags, num_departments, text_units, hidden_units)\n"
            "    if key not in _built:  # built once per size, then handed out again\n"
            "        title = keras.Input(shape=(vocabulary_size,), name='title')\n"
            "        text_body = keras.Input(shape=(vocabulary_size,), name='text_body')\n"
            "        tags = keras.Input(shape=(num_tags,), name='tags')\n"
            "        encoder = keras.layers.Dense(text_units, activation='relu', name='text_encoder')\n"
            "        x = keras.layers.Concatenate()([keras.layers.Add()([encoder(title), encoder(text_body)]), tags])\n"
            "        x = keras.layers.Dense(hidden_units, activation='relu', name='hidden')(x)\n"
            "        _built[key] = keras.Model([title, text_body, tags],\n"
            "                                  [keras.layers.Dense(1, activation='sigmoid', name='priority')(x),\n"
            "                                   keras.layers.Dense(num_departments, activation='softmax', name='department')(x)])\n"
            "    return _built[key]\n"
        ),
        "message": "must build a new model (new layers) at every call",
    },
    {
        "cell": "ex4_swapless",
        "source": (
            "def build_swapless_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, text_units=32,\n"
            "                                hidden_units=64):\n"
            "    title = keras.Input(shape=(vocabulary_size,), name='title')\n"
            "    text_body = keras.Input(shape=(vocabulary_size,), name='text_body')\n"
            "    tags = keras.Input(shape=(num_tags,), name='tags')\n"
            "    encoder = keras.layers.Dense(text_units, name='text_encoder')  # no activation: a linear encoder\n"
            "    x = keras.layers.Concatenate()([keras.layers.Add()([encoder(title), encoder(text_body)]), tags])\n"
            "    x = keras.layers.Dense(hidden_units, activation='relu', name='hidden')(x)\n"
            "    return keras.Model([title, text_body, tags], [keras.layers.Dense(1, activation='sigmoid', name='priority')(x),\n"
            "                       keras.layers.Dense(num_departments, activation='softmax', name='department')(x)])\n"
        ),
        "message": "the 'text_encoder' layer needs a relu activation",
    },
    # --- exercise 5: a subclassed model with optional tags
    {
        "cell": "ex5_optional_tags",
        "source": (
            "class TicketTriageModel(keras.Model):\n"
            "    def __init__(self, num_departments, hidden_units=64, use_tags=True, **kwargs):\n"
            "        super().__init__(**kwargs)\n"
            "        self.num_departments, self.hidden_units, self.use_tags = num_departments, hidden_units, use_tags\n"
            "        self.concat = keras.layers.Concatenate()\n"
            "        self.hidden = keras.layers.Dense(hidden_units, activation='relu')\n"
            "        self.priority = keras.layers.Dense(1, activation='sigmoid')\n"
            "        self.department = keras.layers.Dense(num_departments, activation='softmax')\n"
            "\n"
            "    def call(self, inputs):\n"
            "        names = ['title', 'text_body', 'tags'] if self.use_tags else ['title', 'text_body']\n"
            "        features = self.hidden(self.concat([inputs[name] for name in names]))\n"
            "        return {'priority': self.priority(features), 'department': self.department(features)}\n"
            "    # no get_config: Keras cannot rebuild the model from its config\n"
        ),
        "message": "TicketTriageModel.from_config(model.get_config()) failed",
    },
    {
        "cell": "ex5_optional_tags",
        "source": (
            "class TicketTriageModel(keras.Model):\n"
            "    def __init__(self, num_departments, hidden_units=64, use_tags=True, **kwargs):\n"
            "        super().__init__(**kwargs)\n"
            "        self.num_departments, self.hidden_units, self.use_tags = num_departments, hidden_units, use_tags\n"
            "        self.concat = keras.layers.Concatenate()\n"
            "        self.hidden = keras.layers.Dense(hidden_units, activation='relu')\n"
            "        self.priority = keras.layers.Dense(1, activation='sigmoid')\n"
            "        self.department = keras.layers.Dense(num_departments, activation='softmax')\n"
            "\n"
            "    def call(self, inputs):\n"
            "        names = ['title', 'text_body', 'tags'] if self.use_tags else ['title', 'text_body']\n"
            "        features = self.hidden(self.concat([inputs[name] for name in names]))\n"
            "        return {'priority': self.priority(features), 'department': self.department(features)}\n"
            "\n"
            "    def get_config(self):  # use_tags forgotten: a rebuilt model always reads the tags\n"
            "        return {**super().get_config(), 'num_departments': self.num_departments, 'hidden_units': self.hidden_units}\n"
        ),
        "message": "get_config must return the model's own arguments",
    },
    {
        "cell": "ex5_optional_tags",
        "source": (
            "class TicketTriageModel(keras.Model):\n"
            "    def __init__(self, num_departments, hidden_units=64, use_tags=True, **kwargs):\n"
            "        super().__init__(**kwargs)\n"
            "        self.num_departments, self.hidden_units, self.use_tags = num_departments, hidden_units, use_tags\n"
            "        self.concat = keras.layers.Concatenate()\n"
            "        self.hidden = keras.layers.Dense(hidden_units, activation='relu')\n"
            "        self.priority = keras.layers.Dense(1, activation='sigmoid')\n"
            "        self.department = keras.layers.Dense(num_departments, activation='softmax')\n"
            "\n"
            "    def call(self, inputs):\n"
            "        names = ['title', 'text_body', 'tags']  # use_tags ignored\n"
            "        features = self.hidden(self.concat([inputs[name] for name in names]))\n"
            "        return {'priority': self.priority(features), 'department': self.department(features)}\n"
            "\n"
            "    def get_config(self):\n"
            "        return {**super().get_config(), 'num_departments': self.num_departments, 'hidden_units': self.hidden_units,\n"
            "                'use_tags': self.use_tags}\n"
        ),
        "message": "calling TicketTriageModel on a dict with the keys ['text_body', 'title'] (use_tags=False) failed",
    },
    {
        "cell": "ex5_optional_tags",
        "source": (
            "class TicketTriageModel(keras.Model):\n"
            "    def __init__(self, num_departments, hidden_units=64, use_tags=True, **kwargs):\n"
            "        super().__init__(**kwargs)\n"
            "        self.num_departments, self.hidden_units, self.use_tags = num_departments, hidden_units, use_tags\n"
            "        self.concat = keras.layers.Concatenate()\n"
            "        self.hidden = keras.layers.Dense(hidden_units, activation='relu')\n"
            "        self.priority = keras.layers.Dense(1, activation='sigmoid')\n"
            "        self.department = keras.layers.Dense(num_departments, activation='softmax')\n"
            "\n"
            "    def call(self, inputs):\n"
            "        names = ['title', 'text_body', 'tags'] if self.use_tags else ['title', 'text_body']\n"
            "        features = self.hidden(self.concat([inputs[name] for name in names]))\n"
            "        return self.priority(features), self.department(features)  # a tuple, as in section 10\n"
            "\n"
            "    def get_config(self):\n"
            "        return {**super().get_config(), 'num_departments': self.num_departments, 'hidden_units': self.hidden_units,\n"
            "                'use_tags': self.use_tags}\n"
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
