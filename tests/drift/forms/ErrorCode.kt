// Kotlin: enum class with arguments, object constants.
enum class ErrorCode(val code: Int) {
    PARAMETER_INVALID(1001),
    DISK_FULL(1002);

    companion object {
        const val MAX_LEN = 4096
    }
}

object Errors {
    const val NOT_FOUND = 1003
    val TIMED_OUT: Int = 1004
}

object Ports {
    const val WS_PORT = 18765
}
