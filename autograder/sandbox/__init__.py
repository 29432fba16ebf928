"""The sandbox a learner's kernel runs in: bubblewrap or resource limits, cgroups, the zygote, clean-up."""
