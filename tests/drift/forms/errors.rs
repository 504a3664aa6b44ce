//! Rust: enums, consts, impl consts; never a port.

/// Codes.
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum ErrorCode {
    /// Parameter invalid.
    #[deprecated(note = "x")]
    ParameterInvalid = 1001,
    DiskFull, // counted: 1002
    NotFound = 0x3EB,
}

pub const ERR_INSTANCE_EXITED: u32 = 1007;
pub(crate) const INSTANCE_EVICTED: ErrorCode = ErrorCode::Evicted;
const MAX_PORT: u16 = 65535;
const LOG_MODE: u32 = 0o640;

pub struct Code(pub u32);

impl Code {
    pub const AUTH_FAILED: Code = Code(1014);
    pub const META_MISSING: u32 = 1_015;
}

fn f<'a>(x: &'a str) -> &'a str {
    const ERR_LOCAL: u32 = 1099;
    x
}
