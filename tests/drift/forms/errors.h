// C and C++: enums (counted), constants, #define; never a port or a mode.
#pragma once
#include <sys/stat.h>

#define ERR_PARAM_INVALID 1001
#define ERR_DISK_FULL (1002U)
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define WS_PORT 18765
#define LOG_MODE 0640

extern "C" {
typedef enum {
    SDK_OK = 0,
    SDK_NOT_FOUND = 1003,
    SDK_TIMED_OUT,          /* counted: 1004 */
    SDK_HEX = 0x3ED,        // 1005
} SdkStatus;
}

namespace sdk {
enum class ErrorCode : int {
    kInstanceExited = 1007,  // 'x' "1008"
    kInstanceEvicted = 1'013,
};

const int ERR_AUTH_FAILED = 1014;
constexpr int kErrMetaMissing = 1015;
static const unsigned ERR_INFO_WRONG = 1016u;
constexpr int kMaxPort = 65535;
const int BUFFER_SIZE = 1024;

struct Config {
    static constexpr int kTimeoutSeconds = 86400;
    int dataSystemPort = 1100;
};

inline int setup(Config& libConfig) {
    libConfig.dataSystemPort = 1100;
    const int ERR_LOCAL = 1099;
    return chmod("x", 0640);
}
}  // namespace sdk
