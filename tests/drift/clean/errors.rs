/// Error codes of the SDK.
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum ErrorCode {
    ParameterInvalid = 1001,
    InsufficientResources = 1002,
    FunctionNameExist = 4101,
    FunctionNotFound = 4115,
}

pub const MAX_RETRIES: u32 = 5;
