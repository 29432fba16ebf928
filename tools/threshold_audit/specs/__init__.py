"""One module per chapter, each with AUDITS: the tests that judge a trained model and the answers they are run with."""
