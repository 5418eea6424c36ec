def pytest_configure(config):
    # Strict markers: the demo test is marked so that a quick run can leave it out.
    config.addinivalue_line("markers", "slow: loads the whole demo; -m 'not slow' skips it")
