// TypeScript: enums, const objects, exported constants; never a port.
export enum ErrorCode {
  ParameterInvalid = 1001,
  DiskFull, // counted: 1002
  Named = "named",
}

export const ERR_NOT_FOUND = 1003;
export const WS_PORT = 18765;

export const StatusCodes = {
  InstanceExited: 1007,
  InstanceEvicted: 1013,
} as const;

export const config = {
  port: 8080,
  timeout: 86400,
};

class Client {
  static readonly ERR_AUTH_FAILED = 1014;
  connect(): void {
    const ERR_LOCAL = 1099;
    this.port = 1100;
  }
}
