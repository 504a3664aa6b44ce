#pragma once

#include <cstdint>
#include <sys/types.h>

namespace yr {
namespace libruntime {

// The SDK's error codes ("SDK Error Codes" in the catalog).
enum ErrorCode : int32_t {
    ERR_OK = 0,
    ERR_PARAMETER_INVALID = 1001,
    ERR_INSUFFICIENT_RESOURCES = 1002,
    ERR_INSTANCE_NOT_FOUND = 1003,
    ERR_DUPLICATE_REQUEST = 1004,
    ERR_INSTANCE_EXITED = 1007,
    ERR_EXTENSION_META_CONFIG_ERROR = 1008,
};

enum class LogLevel : int { Debug = 1000, Info = 2000, Warn = 3000 };

constexpr int DEFAULT_PORT = 18765;
constexpr mode_t LOG_FILE_MODE = 0640;
constexpr int MAX_MSG_SIZE = 1024 * 1024;

struct RuntimeConfig {
    int dataSystemPort = 31501;
    int timeoutSeconds = 86400;
};

inline void Configure(RuntimeConfig &libConfig)
{
    libConfig.dataSystemPort = 1100;
}

}  // namespace libruntime
}  // namespace yr
