"""What a batch reports: a feedback page per learner and the class report."""
