from enum import IntEnum


class ErrorCode(IntEnum):
    FUNCTION_NAME_EXIST = 4101
