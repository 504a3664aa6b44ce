package api

// ErrorCode is a REST error code.
type ErrorCode int

const (
	ParameterInvalid      ErrorCode = 1001
	InsufficientResources ErrorCode = 1002
	FunctionNameExist     ErrorCode = 4101
	FunctionNotFound      ErrorCode = 4115
)
