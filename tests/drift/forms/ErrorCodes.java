package com.example.sdk;

/** Java: an enum with arguments, a class of constants, and a Config that is never read. */
public enum ErrorCode {
    @Deprecated
    PARAMETER_INVALID(1001, "Parameter invalid."),
    DISK_FULL(1002, "Disk full") {
        @Override
        public String hint() { return "free 1024 bytes"; }
    },
    NOT_FOUND(1003, "Not found.");

    private static final int MAX_LEN = 4096;
    private final int code;

    ErrorCode(int code, String message) {
        this.code = code;
    }

    public String hint() { return ""; }
}

final class ErrorCodes {
    public static final ErrorCode INSTANCE_EXITED = new ErrorCode(1007);
    public static final int INSTANCE_EVICTED = 1013;
    static final int AUTH_FAILED = 1014;
    public static final ErrorCode META_MISSING =
        ErrorCode.of(1015);
}

class Config {
    static final int MAX_PORT = 65535;
    static final int TIMEOUT_SECONDS = 86400;

    void run() {
        int ERR_LOCAL = 1099;
    }
}

interface RestErrors {
    int FUNCTION_NAME_EXIST = 4101;
}
