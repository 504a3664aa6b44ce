package api

// ErrorCode is a REST error code.
type ErrorCode int

const (
	ParameterInvalid      ErrorCode = 1001
	FunctionAlreadyExists ErrorCode = 4101
	FunctionNotFound      ErrorCode = 4115
)
