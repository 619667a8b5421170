# As a source checkout of ARTIQ's beta branch names itself: its host compares a board's version strictly.
__version__ = "9.0+fake.beta"
