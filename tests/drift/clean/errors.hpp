#pragma once
#include <map>
#include <string>

namespace sdk {

enum ErrorCode {
    ERR_PARAMETER_INVALID = 1001,   // Parameter invalid.
    ERR_INSUFFICIENT_RESOURCES = 1002,
    ERR_FUNCTION_NAME_EXIST = 4101,
    ERR_FUNCTION_NOT_FOUND = 4115,
};

inline const std::map<ErrorCode, std::string> kErrorNames = {
    {ERR_PARAMETER_INVALID, "Parameter invalid."},
    {ERR_INSUFFICIENT_RESOURCES, "Insufficient resources."},
    {ERR_FUNCTION_NAME_EXIST, "FunctionNameExist"},
    {ERR_FUNCTION_NOT_FOUND, "FunctionNotFound"},
};

}  // namespace sdk
