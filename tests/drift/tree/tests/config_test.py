import os


class TestConfig:
    PORT = 18765
    TIMEOUT = 86400
    BUFFER = 1024


def test_config(cfg):
    cfg.data_system_port = 1100
    os.chmod("x", 0o640)
