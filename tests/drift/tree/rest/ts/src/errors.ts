// The REST API's error codes, as the TypeScript client knows them.
export enum RestError {
  BadRequestBody = 1001, // the client's own 1001, not the SDK's
  FunctionNameExist = 4101,
  AliasAlreadyExists,
  FuncMetaNotFound = 4112,
  FunctionNotFound = 4115,
}

export const DEFAULT_PORT = 18765;
export const RETRY_AFTER_MS = 30000;
