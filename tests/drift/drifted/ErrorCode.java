package com.example.sdk;

public enum ErrorCode {
    PARAMETER_INVALID(1001, "Parameter invalid."),
    FUNCTION_NAME_EXIST(4101, "The function name already exists."),
    FUNCTION_NOT_FOUND(4115, "The function does not exist.");

    private final int code;
    private final String message;

    ErrorCode(int code, String message) {
        this.code = code;
        this.message = message;
    }
}
