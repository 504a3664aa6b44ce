class Config {
    static final int MAX_PORT = 65535;
    static final int TIMEOUT_SECONDS = 86400;
    static final int FILE_MODE = 0640;
}
