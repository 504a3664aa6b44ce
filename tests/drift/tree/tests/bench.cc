#include <fcntl.h>

#define TIMEOUT_MS 30000
#define LOG_MODE 0640

static const int kBufSize = 4096;
constexpr int MAX_PORT = 65535;

struct Options {
    int port = 18765;
};

int main() {
    Options libConfig;
    libConfig.port = 1100;
    return open("x", O_CREAT, 0640);
}
