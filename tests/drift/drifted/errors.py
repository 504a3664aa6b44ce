from enum import IntEnum


class ErrorCode(IntEnum):
    PARAMETER_INVALID = 1001
    FUNCTION_NAME_EXIST = 4101
    FUNCTION_NOT_FOUND = 4115


DEFAULT_TIMEOUT_MS = 30
retry_delay = 2000
