class Engine:
    """As pythonparser's: a diagnostic goes to process(), which the caller replaces."""
    def process(self, diagnostic):
        raise NotImplementedError


class Diagnostic:
    def __init__(self, level, text):
        self.level = level
        self.text = text

    def render(self):
        return [self.text]
