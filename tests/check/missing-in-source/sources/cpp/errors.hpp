#pragma once

enum class ErrorCode : int {
    ERR_FUNCTION_NAME_EXIST = 4101,
    ERR_FUNCTION_NOT_FOUND = 4115,
};
