"""Python: enums, classes of constants, module constants; never a port."""
from enum import Enum, IntEnum, unique

ERR_PARAM_INVALID = 1001
WS_PORT = 18765
LOG_MODE = 0o640


@unique
class ErrorCode(IntEnum):
    """Codes. DISK_FULL = 9999 in a docstring is not read."""

    DISK_FULL = 1002
    NOT_FOUND: int = 1003
    TIMED_OUT = (1004, "Timed out")  # a tuple value: its first item
    # OLD_NAME = 1005


class StatusCodes:
    INSTANCE_EXITED = 1007
    MAX_RETRIES = 5


class Settings:
    PORT = 8080
    TIMEOUT = 86400


def run():
    ERR_LOCAL = 1099
    config.data_system_port = 1100
